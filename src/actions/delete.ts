import { DeleteUserCommand } from '@aws-sdk/client-connect';
import type { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { connectClient } from '../client';
import {
    type ActionRequest,
    propertiesOf,
    reportFailures,
    succeeded,
} from '../progress';
import { notFound, userRefOf } from './read';

/** DELETE: one DeleteUser; a user that is not there is NotFound. */
export function remove(
    session: SessionProxy | null | undefined,
    request: ActionRequest
) {
    return reportFailures(async () => {
        const { UserArn } = propertiesOf(request.desiredResourceState);
        const ref = userRefOf(UserArn, request);
        try {
            await connectClient(session).send(
                new DeleteUserCommand({ InstanceId: ref.instanceId, UserId: ref.id })
            );
        } catch (error) {
            if ((error as Error).name === 'ResourceNotFoundException') {
                throw notFound(UserArn);
            }
            throw error;
        }
        return succeeded();
    });
}

import {
    type ConnectClient,
    DescribeUserCommand,
    paginateListUserProficiencies,
    type User,
    type UserProficiency,
} from '@aws-sdk/client-connect';
import {
    HandlerErrorCode,
    type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { parseResourceArn, resourceArn, type ResourceRef } from '../arn';
import { connectClient } from '../client';
import { HandlerFailure } from '../errors';
import {
    type ActionRequest,
    propertiesOf,
    reportFailures,
    succeeded,
} from '../progress';
import { fromConnectUser } from '../translate';

/** A user as Connect holds it now. */
export interface CurrentUser {
    ref: ResourceRef;
    user: User;
    proficiencies: UserProficiency[];
}

export function notFound(identifier: string | undefined): HandlerFailure {
    return new HandlerFailure(
        HandlerErrorCode.NotFound,
        `Resource of type 'AWS::Connect::User' with identifier '${identifier ?? ''}' was not found.`
    );
}

/** The user an ARN names; NotFound when the value cannot be a user ARN. */
export function userRefOf(userArn: string | undefined): ResourceRef {
    const ref = parseResourceArn(userArn, 'agent');
    if (!ref) {
        throw notFound(userArn);
    }
    return ref;
}

/** DescribeUser, then every page of the user's proficiencies. */
export async function fetchUser(
    client: ConnectClient,
    ref: ResourceRef
): Promise<CurrentUser> {
    const target = { InstanceId: ref.instanceId, UserId: ref.id };
    let user: User | undefined;
    try {
        ({ User: user } = await client.send(new DescribeUserCommand(target)));
    } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
            throw notFound(resourceArn(ref, 'agent', ref.id));
        }
        throw error;
    }
    if (!user) {
        throw notFound(resourceArn(ref, 'agent', ref.id));
    }
    const proficiencies: UserProficiency[] = [];
    for await (const page of paginateListUserProficiencies({ client }, target)) {
        proficiencies.push(...(page.UserProficiencyList ?? []));
    }
    return { ref, user, proficiencies };
}

/** READ: the user as Connect describes it, never with a password. */
export function read(
    session: SessionProxy | null | undefined,
    request: ActionRequest
): Promise<ReturnType<typeof succeeded>> {
    return reportFailures(async () => {
        const desired = propertiesOf(request.desiredResourceState);
        const ref = userRefOf(desired.UserArn);
        const current = await fetchUser(connectClient(session), ref);
        return succeeded(
            fromConnectUser(current.user, {
                instance: ref,
                proficiencies: current.proficiencies,
                stackTags: request.desiredResourceTags,
            })
        );
    });
}

import { ListUsersCommand } from '@aws-sdk/client-connect';
import {
    HandlerErrorCode,
    type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { instanceArn, isInScope, parseInstanceArn } from '../arn';
import { connectClient } from '../client';
import { HandlerFailure } from '../errors';
import { type ActionRequest, listed, propertiesOf, reportFailures } from '../progress';

/** ListUsers' largest page (MaxResults 1-1000). */
const LIST_PAGE_SIZE = 1000;

/**
 * LIST: one page of ListUsers per invocation, as large as Connect gives, for
 * the instance the request names, with the page token passed through. No
 * per-user describe: each model carries the identifier, the instance and the
 * username. An instance of another partition, region or account than the
 * request's holds no user here: an empty list.
 */
export function list(session: SessionProxy | null | undefined, request: ActionRequest) {
    return reportFailures(async () => {
        const { InstanceArn } = propertiesOf(request.desiredResourceState);
        const instance = parseInstanceArn(InstanceArn);
        if (!instance) {
            throw new HandlerFailure(
                HandlerErrorCode.InvalidRequest,
                InstanceArn === undefined
                    ? 'InstanceArn is required to list users: name the Amazon Connect instance'
                    : `InstanceArn '${String(InstanceArn)}' is not an Amazon Connect instance ARN`
            );
        }
        if (!isInScope(instance, request)) {
            return listed([], undefined);
        }
        const page = await connectClient(session).send(
            new ListUsersCommand({
                InstanceId: instance.instanceId,
                NextToken: request.nextToken || undefined,
                MaxResults: LIST_PAGE_SIZE,
            })
        );
        const models = (page.UserSummaryList ?? []).map((summary) => ({
            UserArn: summary.Arn,
            InstanceArn: instanceArn(instance),
            Username: summary.Username,
        }));
        return listed(models, page.NextToken);
    });
}

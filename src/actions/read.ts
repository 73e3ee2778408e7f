import {
    type ConnectClient,
    DescribeUserCommand,
    ListUserProficienciesCommand,
    paginateListUserProficiencies,
    type User,
    type UserProficiency,
} from '@aws-sdk/client-connect';
import {
    HandlerErrorCode,
    type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import {
    isInScope,
    parseResourceArn,
    type RequestScope,
    resourceArn,
    type ResourceRef,
} from '../arn';
import { connectClient } from '../client';
import { HandlerFailure } from '../errors';
import {
    type ActionRequest,
    propertiesOf,
    reportFailures,
    succeeded,
} from '../progress';
import { fromConnectUser } from '../translate';
import { TYPE_NAME } from '../type-name';

/** A user as Connect holds it now. */
export interface CurrentUser {
    ref: ResourceRef;
    user: User;
    proficiencies: UserProficiency[];
}

export function notFound(identifier: string | undefined): HandlerFailure {
    return new HandlerFailure(
        HandlerErrorCode.NotFound,
        `Resource of type '${TYPE_NAME}' with identifier '${identifier ?? ''}' was not found.`
    );
}

/**
 * The user an ARN names; NotFound when the value cannot be a user ARN, or
 * names a user of another partition, region or account than the request's.
 */
export function userRefOf(
    userArn: string | undefined,
    scope: RequestScope
): ResourceRef {
    const ref = parseResourceArn(userArn, 'agent');
    if (!ref || !isInScope(ref, scope)) {
        throw notFound(userArn);
    }
    return ref;
}

/**
 * DescribeUser and the first page of the user's proficiencies, sent together so
 * that a read costs one round trip to Connect rather than two; then any further
 * pages. When DescribeUser fails, its error is the answer and the page is dropped.
 */
export async function fetchUser(
    client: ConnectClient,
    ref: ResourceRef
): Promise<CurrentUser> {
    const target = { InstanceId: ref.instanceId, UserId: ref.id };
    const [described, firstPage] = await Promise.allSettled([
        client.send(new DescribeUserCommand(target)),
        client.send(new ListUserProficienciesCommand(target)),
    ]);
    if (described.status === 'rejected') {
        if ((described.reason as Error).name === 'ResourceNotFoundException') {
            throw notFound(resourceArn(ref, 'agent', ref.id));
        }
        throw described.reason;
    }
    const user = described.value.User;
    if (!user) {
        throw notFound(resourceArn(ref, 'agent', ref.id));
    }
    if (firstPage.status === 'rejected') {
        throw firstPage.reason;
    }
    const first = firstPage.value;
    const proficiencies = [...(first.UserProficiencyList ?? [])];
    if (first.NextToken) {
        for await (const next of paginateListUserProficiencies(
            { client, startingToken: first.NextToken },
            target
        )) {
            proficiencies.push(...(next.UserProficiencyList ?? []));
        }
    }
    return { ref, user, proficiencies };
}

/** READ: the user as Connect describes it, never with a password. */
export function read(
    session: SessionProxy | null | undefined,
    request: ActionRequest
): Promise<ReturnType<typeof succeeded>> {
    return reportFailures(async () => {
        // READ ignores every property of the model but the identifier.
        const { UserArn } = propertiesOf(request.desiredResourceState);
        const ref = userRefOf(UserArn, request);
        const current = await fetchUser(connectClient(session), ref);
        return succeeded(
            fromConnectUser(current.user, {
                instance: ref,
                proficiencies: current.proficiencies,
                userArn: UserArn,
            })
        );
    });
}

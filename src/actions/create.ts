import {
    type ConnectClient,
    CreateUserCommand,
    DescribeUserCommand,
    paginateListUsers,
    type UserProficiency,
} from '@aws-sdk/client-connect';
import {
    HandlerErrorCode,
    type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { parseInstanceArn, resourceArn, type ResourceRef } from '../arn';
import { connectClient, sendPlanned } from '../client';
import { HandlerFailure, toHandlerFailure } from '../errors';
import {
    type ActionRequest,
    type CallbackContext,
    inProgress,
    propertiesOf,
    reportFailures,
    succeeded,
} from '../progress';
import type { ResourceProperties } from '../properties';
import {
    batches,
    planProficiencyChanges,
    proficiencyCalls,
    PROFICIENCY_BATCH_SIZE,
} from '../reconcile';
import {
    fromConnectUser,
    isReservedTagKey,
    tagMap,
    toCreateUserInput,
} from '../translate';
import { fetchUser, userRefOf } from './read';

/**
 * CREATE, in steps that CloudFormation drives with the callback context:
 * 1. CreateUser, with the model's, the stack's and the system tags inline;
 *    the user's ARN goes back at once, so a later failure is rolled back by
 *    CloudFormation deleting the user, never orphaning it.
 * 2. TagResource for the tags beyond the 50 CreateUser takes, if any.
 * 3. AssociateUserProficiencies, one batch per invocation.
 * 4. Read the user back and return what Connect holds.
 */

type CreateContext = { step: 'tags' } | { step: 'proficiencies'; batch: number };

function isCreateContext(
    context: CallbackContext
): context is CreateContext & CallbackContext {
    return (
        context.step === 'tags' ||
        (context.step === 'proficiencies' && Number.isInteger(context.batch))
    );
}

/** CreateUser and TagResource take at most this many tags in one call. */
const TAGS_PER_CALL = 50;

/**
 * The tags of a new user, split between CreateUser and later TagResource
 * calls: system tags first, since only CreateUser accepts `aws:` keys, then
 * the stack's and the model's (model tags win on the same key).
 */
export function createTags(request: ActionRequest, desired: ResourceProperties) {
    const all = Object.entries({
        ...request.systemTags,
        ...request.desiredResourceTags,
        ...tagMap(desired.Tags),
    }).sort(([a], [b]) => Number(!isReservedTagKey(a)) - Number(!isReservedTagKey(b)));
    return {
        inline: Object.fromEntries(all.slice(0, TAGS_PER_CALL)),
        later: batches(all.slice(TAGS_PER_CALL), TAGS_PER_CALL).map((batch) =>
            Object.fromEntries(batch)
        ),
    };
}

async function createUser(
    client: ConnectClient,
    desired: ResourceProperties,
    request: ActionRequest
) {
    if (desired.UserArn !== undefined) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidRequest,
            'UserArn is read-only: Amazon Connect assigns it when the user is created'
        );
    }
    const instance = parseInstanceArn(desired.InstanceArn);
    if (!instance) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidRequest,
            'InstanceArn is required'
        );
    }
    const tags = createTags(request, desired);
    let userArn: string | undefined;
    try {
        ({ UserArn: userArn } = await client.send(
            new CreateUserCommand(
                toCreateUserInput(desired, instance.instanceId, tags.inline)
            )
        ));
    } catch (error) {
        const failure = toHandlerFailure(error);
        if (failure.code !== HandlerErrorCode.AlreadyExists) {
            throw failure;
        }
        userArn = await findOwnUser(client, instance.instanceId, desired, request);
        if (!userArn) {
            throw new HandlerFailure(
                HandlerErrorCode.AlreadyExists,
                `A user named '${desired.Username}' already exists in ${desired.InstanceArn}: ${failure.message}`
            );
        }
    }
    const context: CreateContext = tags.later.length
        ? { step: 'tags' }
        : { step: 'proficiencies', batch: 0 };
    return inProgress(
        { ...desired, UserArn: userArn },
        { ...context },
        `Created user ${userArn}`
    );
}

const STACK_ID_TAG = 'aws:cloudformation:stack-id';
const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';

/**
 * The user this very resource created, when a CreateUser went through but its
 * answer was lost (a dropped connection the SDK retried, or CloudFormation
 * replaying the step): same username, and the system tags of the same stack
 * and logical ID. Without system tags nothing can be proven, and a duplicate
 * stays AlreadyExists.
 */
async function findOwnUser(
    client: ConnectClient,
    instanceId: string,
    desired: ResourceProperties,
    request: ActionRequest
): Promise<string | undefined> {
    const stackId = request.systemTags?.[STACK_ID_TAG];
    const logicalId = request.systemTags?.[LOGICAL_ID_TAG];
    if (!stackId || !logicalId) {
        return undefined;
    }
    for await (const page of paginateListUsers(
        { client },
        { InstanceId: instanceId }
    )) {
        const summary = page.UserSummaryList?.find(
            (user) => user.Username === desired.Username
        );
        if (summary?.Id) {
            const { User: user } = await client.send(
                new DescribeUserCommand({ InstanceId: instanceId, UserId: summary.Id })
            );
            const tags = user?.Tags ?? {};
            const ours =
                tags[STACK_ID_TAG] === stackId && tags[LOGICAL_ID_TAG] === logicalId;
            return ours ? user?.Arn : undefined;
        }
    }
    return undefined;
}

/**
 * Associates one batch of proficiencies and returns the index of the next
 * batch, or undefined when all are associated. When a batch is refused as
 * invalid, which is what a replay of an already applied batch gets, the
 * user's proficiencies are read and only what is still missing is sent, so a
 * replayed step never duplicates or loses an association.
 */
async function associateBatch(
    client: ConnectClient,
    ref: ResourceRef,
    wanted: readonly UserProficiency[],
    batch: number
): Promise<number | undefined> {
    const target = { InstanceId: ref.instanceId, UserId: ref.id };
    const all = batches(wanted, PROFICIENCY_BATCH_SIZE);
    if (batch >= all.length) {
        return undefined;
    }
    try {
        await sendPlanned(client, {
            operation: 'AssociateUserProficiencies',
            input: { ...target, UserProficiencies: all[batch] },
        });
    } catch (error) {
        if (toHandlerFailure(error).code !== HandlerErrorCode.InvalidRequest) {
            throw error;
        }
        const { proficiencies } = await fetchUser(client, ref);
        const changes = planProficiencyChanges(proficiencies, wanted);
        for (const call of proficiencyCalls(changes, target)) {
            await sendPlanned(client, call);
        }
        return undefined;
    }
    return batch + 1 < all.length ? batch + 1 : undefined;
}

export function create(
    session: SessionProxy | null | undefined,
    request: ActionRequest,
    callbackContext: CallbackContext
) {
    return reportFailures(async () => {
        const desired = propertiesOf(request.desiredResourceState);
        const client = connectClient(session);
        if (!isCreateContext(callbackContext)) {
            return createUser(client, desired, request);
        }
        const ref = userRefOf(desired.UserArn);
        if (callbackContext.step === 'tags') {
            // More tags than CreateUser takes: the rest, by TagResource, which
            // sets values and so is safe to replay.
            const { later } = createTags(request, desired);
            for (const tags of later) {
                await sendPlanned(client, {
                    operation: 'TagResource',
                    input: { resourceArn: resourceArn(ref, 'agent', ref.id), tags },
                });
            }
            const context: CreateContext = { step: 'proficiencies', batch: 0 };
            return inProgress(desired, { ...context }, 'Tagged the user');
        }
        const wanted = desired.UserProficiencies ?? [];
        const next = await associateBatch(client, ref, wanted, callbackContext.batch);
        if (next !== undefined) {
            const done = next * PROFICIENCY_BATCH_SIZE;
            const context: CreateContext = { step: 'proficiencies', batch: next };
            return inProgress(
                desired,
                { ...context },
                `Associated ${done} of ${wanted.length} proficiencies`
            );
        }
        const current = await fetchUser(client, ref);
        return succeeded(
            fromConnectUser(current.user, {
                instance: ref,
                proficiencies: current.proficiencies,
                stackTags: request.desiredResourceTags,
                modelTagKeys: new Set(Object.keys(tagMap(desired.Tags))),
            })
        );
    });
}

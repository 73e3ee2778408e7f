import {
    type ConnectClient,
    CreateUserCommand,
    DescribeUserCommand,
    SearchUsersCommand,
    type UserProficiency,
} from '@aws-sdk/client-connect';
import {
    HandlerErrorCode,
    type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import {
    instanceArn,
    isInScope,
    parseInstanceArn,
    type RequestScope,
    resourceArn,
    type ResourceRef,
} from '../arn';
import { connectClient, throttledOnEveryAttempt } from '../client';
import { sendPlanned } from '../send';
import {
    HandlerFailure,
    missingReference,
    REFERENCE_OF_OPERATION,
    toHandlerFailure,
} from '../errors';
import { applyProficiencyCalls } from '../proficiencies';
import {
    type ActionRequest,
    type CallbackContext,
    inProgress,
    type Logger,
    propertiesOf,
    reportFailures,
    succeeded,
    waitWhenThrottled,
} from '../progress';
import type { ResourceProperties } from '../properties';
import { batches, PROFICIENCY_BATCH_SIZE } from '../reconcile';
import {
    CREATE_REQUEST_TAG,
    createdUserModel,
    fromConnectUser,
    isReservedTagKey,
    isSystemTagKey,
    markerValue,
    tagMap,
    type TagMap,
    toCreateUserInput,
} from '../translate';
import type { DesiredSettings } from '../channels';
import { channelSettingsOf, checkTagCount } from '../desired';
import { fetchUser, userRefOf } from './read';

/**
 * CREATE, in steps that CloudFormation drives with the callback context:
 * 1. CreateUser, with the model's, the stack's and the system tags inline,
 *    and the marker holding a digest of this operation's clientRequestToken;
 *    the user's
 *    ARN goes back at once, so a later failure is rolled back by
 *    CloudFormation deleting the user, never orphaning it. When CreateUser
 *    fails in a way that leaves open whether Connect created the user, the
 *    user is looked for by that marker before the step fails.
 * 2. UntagResource of the marker, and TagResource for the tags beyond the 50
 *    CreateUser takes, if any.
 * 3. AssociateUserProficiencies, one batch per invocation.
 * 4. Answer the model of the user created, which is what READ answers of it.
 */

type CreateContext =
    | { step: 'tags'; marked?: true }
    | { step: 'proficiencies'; batch: number; marked?: true };

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
 * calls: the reserved ones first (system tags and the marker, which only
 * CreateUser can carry), then the stack's and the model's (model tags win on
 * the same key).
 */
export function createTags(request: ActionRequest, desired: ResourceProperties) {
    const all = Object.entries({
        ...request.systemTags,
        ...markerOf(request),
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

/** The marker tag of this operation, when the request has a clientRequestToken. */
function markerOf(request: ActionRequest): TagMap {
    const token = request.clientRequestToken;
    return token ? { [CREATE_REQUEST_TAG]: markerValue(token) } : {};
}

function withoutSystemTags(tags: TagMap): TagMap {
    return Object.fromEntries(
        Object.entries(tags).filter(([key]) => !isSystemTagKey(key))
    );
}

/**
 * CreateUser. Connect's tag-key rule reserves `aws:` keys for AWS, so it may
 * refuse CloudFormation's system tags from the caller: when a CreateUser that
 * carries them is refused as invalid, it is sent once more without them, and
 * the log says so. A second refusal is the answer.
 */
async function sendCreateUser(
    client: ConnectClient,
    desired: ResourceProperties,
    instanceId: string,
    tags: TagMap,
    channels: DesiredSettings,
    logger: Logger | undefined
): Promise<string | undefined> {
    const send = async (inline: TagMap) =>
        (
            await client.send(
                new CreateUserCommand(
                    toCreateUserInput(desired, instanceId, inline, channels)
                )
            )
        ).UserArn;
    try {
        return await send(tags);
    } catch (error) {
        const withoutSystem = withoutSystemTags(tags);
        const refused =
            toHandlerFailure(error).code === HandlerErrorCode.InvalidRequest;
        if (
            !refused ||
            Object.keys(withoutSystem).length === Object.keys(tags).length
        ) {
            throw error;
        }
        logger?.log(
            `Amazon Connect refused CreateUser with the aws: system tags (${
                (error as Error).message
            }); creating the user without them`
        );
        return await send(withoutSystem);
    }
}

/**
 * The instance a new user goes in, which must be in the request's partition,
 * region and account: Connect is called in the request's region, where an
 * instance replicated with Global Resiliency has the same ID.
 */
function instanceOf(desired: ResourceProperties, scope: RequestScope) {
    const instance = parseInstanceArn(desired.InstanceArn);
    if (!instance) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidRequest,
            'InstanceArn is required'
        );
    }
    if (!isInScope(instance, scope)) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidRequest,
            `InstanceArn ${instanceArn(instance)} is not in this request's partition, ` +
                `region and account (${[
                    scope.awsPartition,
                    scope.region,
                    scope.awsAccountId,
                ]
                    .filter(Boolean)
                    .join(', ')}): a user is created where the stack runs`
        );
    }
    return instance;
}

async function createUser(
    client: ConnectClient,
    desired: ResourceProperties,
    request: ActionRequest,
    logger: Logger | undefined
) {
    if (desired.UserArn !== undefined) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidRequest,
            'UserArn is read-only: Amazon Connect assigns it when the user is created'
        );
    }
    const instance = instanceOf(desired, request);
    const channels = channelSettingsOf(desired);
    checkTagCount(request.desiredResourceTags, desired.Tags);
    const token = request.clientRequestToken || undefined;
    const tags = createTags(request, desired);
    let userArn: string | undefined;
    try {
        userArn = await sendCreateUser(
            client,
            desired,
            instance.instanceId,
            tags.inline,
            channels,
            logger
        );
    } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
            throw missingReference(REFERENCE_OF_OPERATION.CreateUser, error);
        }
        const failure = toHandlerFailure(error);
        const duplicate = failure.code === HandlerErrorCode.AlreadyExists;
        const outcomeUnknown =
            OUTCOME_UNKNOWN.has(failure.code) && !throttledOnEveryAttempt(error);
        userArn =
            token && (duplicate || outcomeUnknown)
                ? await lookForOwnUser(
                      client,
                      instance.instanceId,
                      desired,
                      token,
                      failure,
                      duplicate
                  )
                : undefined;
        if (!userArn) {
            // No user of this operation in Connect, or no token to tell it by.
            throw duplicate ? alreadyExists(desired, failure) : failure;
        }
    }
    const marked = token ? { marked: true as const } : {};
    const context: CreateContext = tags.later.length
        ? { step: 'tags', ...marked }
        : { step: 'proficiencies', batch: 0, ...marked };
    return inProgress(
        { ...desired, UserArn: userArn },
        { ...context },
        `Created user ${userArn}`
    );
}

/**
 * CreateUser failures that leave open whether Connect created the user: the
 * SDK retries a call whose connection was lost or that was throttled or failed
 * on the service's side, so an earlier attempt may have gone through even when
 * the last one was refused; and an unknown error says nothing either way. A
 * CreateUser throttled on every attempt is the exception: it created nothing.
 */
const OUTCOME_UNKNOWN: ReadonlySet<HandlerErrorCode> = new Set([
    HandlerErrorCode.NetworkFailure,
    HandlerErrorCode.ServiceInternalError,
    HandlerErrorCode.Throttling,
    HandlerErrorCode.ResourceConflict,
    HandlerErrorCode.GeneralServiceException,
]);

/**
 * findOwnUser after a CreateUser that failed: the ARN of this operation's
 * user, or undefined when Connect holds none. A CREATE's first answer may only
 * go without the ARN when nothing was created; so when the look itself fails,
 * the failure says which user may exist and how a retry of this operation
 * (same clientRequestToken) finds it.
 */
async function lookForOwnUser(
    client: ConnectClient,
    instanceId: string,
    desired: ResourceProperties,
    token: string,
    failure: HandlerFailure,
    duplicate: boolean
): Promise<string | undefined> {
    try {
        return await findOwnUser(client, instanceId, desired, token, duplicate);
    } catch (error) {
        const lookup = toHandlerFailure(error);
        throw new HandlerFailure(
            lookup.code,
            `CreateUser for '${desired.Username}' failed (${failure.message}), and ` +
                `looking for whether Amazon Connect created it anyway failed too (${lookup.message}). ` +
                `If ${desired.InstanceArn} holds a user named '${desired.Username}' tagged ` +
                `${CREATE_REQUEST_TAG}=${markerValue(token)}, this operation created it, and a ` +
                'retry of the operation takes it over.'
        );
    }
}

function alreadyExists(desired: ResourceProperties, failure: HandlerFailure) {
    return new HandlerFailure(
        HandlerErrorCode.AlreadyExists,
        `A user named '${desired.Username}' already exists in ${desired.InstanceArn}, ` +
            'and this operation did not create it, so it is left as it is. Give this ' +
            'user another Username, or import the existing one into the stack. ' +
            failure.message
    );
}

/**
 * The user this very operation created, when a CreateUser went through but
 * its answer was lost (a dropped connection the SDK retried, or CloudFormation
 * replaying the step): same username, and the marker holding this operation's
 * digest. Any other user of that name, even one of the same stack and logical
 * ID (a replacement, or a retained resource added back), is not this
 * operation's, and the create is AlreadyExists.
 *
 * One SearchUsers by the exact username, whatever the instance's size (a
 * username is unique in an instance), and a DescribeUser when the summary
 * does not show the marker: the search index may lag behind the user's tags.
 * A duplicate that the search does not show yet is a user created moments
 * ago, by this operation or a concurrent one: a retry of the operation tells
 * which.
 */
async function findOwnUser(
    client: ConnectClient,
    instanceId: string,
    desired: ResourceProperties,
    token: string,
    duplicate: boolean
): Promise<string | undefined> {
    const marker = markerValue(token);
    const { Users: users = [] } = await client.send(
        new SearchUsersCommand({
            InstanceId: instanceId,
            SearchCriteria: {
                StringCondition: {
                    FieldName: 'Username',
                    Value: desired.Username,
                    ComparisonType: 'EXACT',
                },
            },
        })
    );
    const summary = users.find((user) => user.Username === desired.Username);
    if (!summary?.Id) {
        if (duplicate) {
            throw new HandlerFailure(
                HandlerErrorCode.NotStabilized,
                `Amazon Connect says a user named '${desired.Username}' exists, but ` +
                    'its search does not show it yet; a retry of this operation tells ' +
                    'whether this operation created it'
            );
        }
        return undefined;
    }
    if (summary.Tags?.[CREATE_REQUEST_TAG] === marker) {
        return summary.Arn;
    }
    const { User: user } = await client.send(
        new DescribeUserCommand({ InstanceId: instanceId, UserId: summary.Id })
    );
    return user?.Tags?.[CREATE_REQUEST_TAG] === marker ? user.Arn : undefined;
}

/**
 * Associates one batch of proficiencies and returns the index of the next
 * batch, or undefined when all are associated. A replayed step converges (see
 * applyProficiencyCalls), sending everything still missing at once: it never
 * duplicates or loses an association.
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
    const replanned = await applyProficiencyCalls(
        client,
        ref,
        [
            {
                operation: 'AssociateUserProficiencies',
                input: { ...target, UserProficiencies: all[batch] },
            },
        ],
        wanted
    );
    return !replanned && batch + 1 < all.length ? batch + 1 : undefined;
}

/**
 * CREATE's answer: the model of the user it created, as READ answers it
 * (test/property/create-answer.test.ts), built from what CreateUser,
 * TagResource and AssociateUserProficiencies were given rather than read
 * back. Each of Connect's APIs takes 2 calls a second: a read-back would make
 * DescribeUser and ListUserProficiencies cost two calls for every user
 * onboarded (this one, and the caller's own read after it), and halve the
 * pace of a bulk onboarding. A user of a directory is read back: Connect
 * takes its FirstName, LastName and Email from the directory.
 */
async function answerOf(
    client: ConnectClient,
    ref: ResourceRef,
    request: ActionRequest,
    desired: ResourceProperties
): Promise<ResourceProperties> {
    if (desired.DirectoryUserId !== undefined) {
        const current = await fetchUser(client, ref);
        return fromConnectUser(current.user, {
            instance: ref,
            proficiencies: current.proficiencies,
        });
    }
    const { inline, later } = createTags(request, desired);
    const input = toCreateUserInput(
        desired,
        ref.instanceId,
        {},
        channelSettingsOf(desired)
    );
    return createdUserModel(input, {
        instance: ref,
        userArn: desired.UserArn,
        tags: Object.assign({}, inline, ...later) as TagMap,
        proficiencies: desired.UserProficiencies ?? [],
    });
}

export function create(
    session: SessionProxy | null | undefined,
    request: ActionRequest,
    callbackContext: CallbackContext,
    logger?: Logger
) {
    return reportFailures(async () => {
        const desired = propertiesOf(request.desiredResourceState);
        const client = connectClient(session);
        if (!isCreateContext(callbackContext)) {
            return createUser(client, desired, request, logger);
        }
        const ref = userRefOf(desired.UserArn, request);
        // The user exists: throttling now waits instead of failing (and rolling back).
        return waitWhenThrottled(desired, callbackContext, async () => {
            if (callbackContext.marked) {
                // CloudFormation holds the ARN now: the marker has done its work.
                await sendPlanned(client, {
                    operation: 'UntagResource',
                    input: {
                        resourceArn: resourceArn(ref, 'agent', ref.id),
                        tagKeys: [CREATE_REQUEST_TAG],
                    },
                });
            }
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
            const next = await associateBatch(
                client,
                ref,
                wanted,
                callbackContext.batch
            );
            if (next !== undefined) {
                const done = next * PROFICIENCY_BATCH_SIZE;
                const context: CreateContext = { step: 'proficiencies', batch: next };
                return inProgress(
                    desired,
                    { ...context },
                    `Associated ${done} of ${wanted.length} proficiencies`
                );
            }
            return succeeded(await answerOf(client, ref, request, desired));
        });
    });
}

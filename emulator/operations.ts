/**
 * The emulated Amazon Connect operations. Each one validates the whole request
 * before it changes anything, so a refused call leaves the state untouched.
 */
import { duplicateResource, invalidParameter, notFound } from './errors';
import { paginate, type PageBounds } from './pagination';
import type {
    ChannelConfigField,
    ChannelConfigs,
    EmulatorState,
    InstanceState,
    NamedResource,
    PhoneConfig,
    UserProficiency,
    UserState,
} from './types';
import {
    CHANNEL_CONFIG_FIELDS,
    PHONE_CONFIG_CONFLICTS,
    checkPhoneConfigConflicts,
    dropUndefined,
    isObject,
    requiredString,
    validateChannelConfigs,
    validateDirectoryUserId,
    validateIdentityInfo,
    validatePassword,
    validatePhoneConfig,
    validateTagKey,
    validateTags,
    validateUsername,
} from './validate';
import { randomUUID } from 'node:crypto';

export interface OperationContext {
    state: EmulatorState;
    /** Path, query and body parameters merged, as the client sent them. */
    params: Record<string, unknown>;
    /** Epoch milliseconds. */
    now: number;
}

export interface OperationResult {
    body?: unknown;
    /** True when the state changed and must be persisted. */
    mutated: boolean;
}

export type Operation = (context: OperationContext) => OperationResult;

const MAX_SECURITY_PROFILES = 10;
const MAX_PROFICIENCY_BATCH = 20;
const MAX_TAGS = 50;
const USER_LIST: PageBounds = { defaultSize: 100, max: 1000 };
const RESOURCE_LIST: PageBounds = { defaultSize: 100, max: 1000 };
const INSTANCE_LIST: PageBounds = { defaultSize: 10, max: 10 };
const ATTRIBUTE_LIST: PageBounds = { defaultSize: 100, max: 100 };
const PROFICIENCY_LIST: PageBounds = { defaultSize: 100, max: 100 };

// ---- ARNs and look-ups ---------------------------------------------------------

const arnPrefix = (state: EmulatorState): string =>
    `arn:${state.partition}:connect:${state.region}:${state.accountId}`;

export const instanceArn = (state: EmulatorState, instanceId: string): string =>
    `${arnPrefix(state)}:instance/${instanceId}`;

const childArn = (
    state: EmulatorState,
    instance: InstanceState,
    kind: string,
    id: string
): string => `${instanceArn(state, instance.id)}/${kind}/${id}`;

const epochSeconds = (millis: number): number => millis / 1000;

/** Connect accepts the instance ID or the instance ARN wherever an InstanceId goes. */
export function instanceIdFrom(raw: unknown): string | undefined {
    if (typeof raw !== 'string' || raw.length === 0) return undefined;
    const match = /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/([^/]+)/.exec(raw);
    return match ? match[1] : raw;
}

function resolveInstance(state: EmulatorState, raw: unknown): InstanceState {
    const text = requiredString(raw, 'InstanceId', 250);
    if (text.startsWith('arn:') && !text.startsWith(`${arnPrefix(state)}:instance/`)) {
        throw notFound(`Instance not found: ${text}`);
    }
    const id = instanceIdFrom(text);
    const instance = state.instances.find((candidate) => candidate.id === id);
    if (!instance) throw notFound(`Instance not found: ${text}`);
    return instance;
}

function resolveUser(
    state: EmulatorState,
    instance: InstanceState,
    raw: unknown
): UserState {
    const text = requiredString(raw, 'UserId', 250);
    const prefix = `${instanceArn(state, instance.id)}/agent/`;
    const id = text.startsWith('arn:')
        ? text.startsWith(prefix)
            ? text.slice(prefix.length)
            : undefined
        : text;
    const user = instance.users.find((candidate) => candidate.id === id);
    if (!user) throw notFound(`User not found: ${text} in instance ${instance.id}`);
    return user;
}

/** The user APIs take routing/security profile and hierarchy group IDs, not ARNs. */
function requireReferenced(
    resources: readonly NamedResource[],
    raw: unknown,
    field: string,
    kind: string,
    instance: InstanceState
): string {
    const id = requiredString(raw, field, 500);
    if (id.startsWith('arn:')) {
        throw invalidParameter(`${field} expects a ${kind} ID, not an ARN: ${id}`);
    }
    if (id.length > 100)
        throw invalidParameter(`${field} must be at most 100 characters`);
    if (!resources.some((resource) => resource.id === id)) {
        throw notFound(`${field}: ${kind} ${id} not found in instance ${instance.id}`);
    }
    return id;
}

function securityProfileIdsFrom(instance: InstanceState, raw: unknown): string[] {
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > MAX_SECURITY_PROFILES) {
        throw invalidParameter(
            `SecurityProfileIds must contain 1 to ${MAX_SECURITY_PROFILES} security profile IDs`
        );
    }
    const ids = raw.map((id, index) =>
        requireReferenced(
            instance.securityProfiles,
            id,
            `SecurityProfileIds[${index}]`,
            'security profile',
            instance
        )
    );
    if (new Set(ids).size !== ids.length) {
        throw invalidParameter('SecurityProfileIds contains a duplicate ID');
    }
    return ids;
}

const countedTags = (tags: Record<string, string>): number =>
    Object.keys(tags).filter((key) => !key.toLowerCase().startsWith('aws:')).length;

function touch(user: UserState, context: OperationContext): void {
    user.lastModifiedTime = context.now;
    user.lastModifiedRegion = context.state.region;
}

function setChannelList(
    user: UserState,
    field: ChannelConfigField,
    list: ChannelConfigs[ChannelConfigField]
): void {
    if (list && list.length > 0) {
        (user as ChannelConfigs)[field] = list as never;
    } else {
        delete user[field];
    }
}

function withoutFields(
    config: PhoneConfig | undefined,
    fields: ReadonlyArray<keyof PhoneConfig>
): PhoneConfig | undefined {
    if (!config) return undefined;
    const remaining = { ...config };
    for (const field of fields) delete remaining[field];
    return Object.keys(remaining).length > 0 ? remaining : undefined;
}

// ---- Users -----------------------------------------------------------------------

/** DescribeUser returns IDs, not ARNs, for the profiles and the hierarchy group. */
export function describeUserShape(
    state: EmulatorState,
    instance: InstanceState,
    user: UserState
) {
    const lists: ChannelConfigs = {};
    for (const field of CHANNEL_CONFIG_FIELDS) {
        if (user[field]) (lists as Record<string, unknown>)[field] = user[field];
    }
    return dropUndefined({
        Id: user.id,
        Arn: childArn(state, instance, 'agent', user.id),
        Username: user.username,
        IdentityInfo: user.identityInfo,
        PhoneConfig: user.phoneConfig,
        DirectoryUserId: user.directoryUserId,
        SecurityProfileIds: [...user.securityProfileIds],
        RoutingProfileId: user.routingProfileId,
        HierarchyGroupId: user.hierarchyGroupId,
        Tags: { ...user.tags },
        ...lists,
        LastModifiedTime: epochSeconds(user.lastModifiedTime),
        LastModifiedRegion: user.lastModifiedRegion,
    });
}

const createUser: Operation = (context) => {
    const { state, params } = context;
    const instance = resolveInstance(state, params.InstanceId);
    const type = instance.identityManagementType;
    const username = validateUsername(params.Username, type);
    validatePassword(params.Password, type);
    const directoryUserId = validateDirectoryUserId(params.DirectoryUserId, type);
    const identityInfo = validateIdentityInfo(params.IdentityInfo, type);
    const securityProfileIds = securityProfileIdsFrom(
        instance,
        params.SecurityProfileIds
    );
    const routingProfileId = requireReferenced(
        instance.routingProfiles,
        params.RoutingProfileId,
        'RoutingProfileId',
        'routing profile',
        instance
    );
    const hierarchyGroupId =
        params.HierarchyGroupId === undefined || params.HierarchyGroupId === null
            ? undefined
            : requireReferenced(
                  instance.hierarchyGroups,
                  params.HierarchyGroupId,
                  'HierarchyGroupId',
                  'hierarchy group',
                  instance
              );
    const phoneConfig = validatePhoneConfig(params.PhoneConfig, { required: false });
    const lists = validateChannelConfigs(params);
    checkPhoneConfigConflicts(phoneConfig, lists);
    // CloudFormation sends its aws:cloudformation:* system tags inline on create.
    const tags = validateTags(params.Tags, 'Tags', {
        allowAwsPrefix: true,
        required: false,
    });
    if (countedTags(tags) > MAX_TAGS) {
        throw invalidParameter(`A resource may have at most ${MAX_TAGS} tags`);
    }
    if (instance.users.some((user) => user.username === username)) {
        throw duplicateResource(`User with username ${username} already exists`);
    }
    const user: UserState = dropUndefined({
        id: randomUUID(),
        username,
        identityInfo,
        phoneConfig,
        directoryUserId,
        securityProfileIds,
        routingProfileId,
        hierarchyGroupId,
        tags,
        proficiencies: [],
        lastModifiedTime: context.now,
        lastModifiedRegion: state.region,
    });
    for (const field of CHANNEL_CONFIG_FIELDS)
        setChannelList(user, field, lists[field]);
    instance.users.push(user);
    return {
        mutated: true,
        body: { UserId: user.id, UserArn: childArn(state, instance, 'agent', user.id) },
    };
};

const describeUser: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    return { mutated: false, body: { User: describeUserShape(state, instance, user) } };
};

const deleteUser: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    instance.users = instance.users.filter((candidate) => candidate !== user);
    return { mutated: true };
};

const listUsers: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const page = paginate(
        instance.users,
        params,
        `ListUsers|${instance.id}`,
        USER_LIST
    );
    return {
        mutated: false,
        body: dropUndefined({
            UserSummaryList: page.items.map((user) => ({
                Id: user.id,
                Arn: childArn(state, instance, 'agent', user.id),
                Username: user.username,
                LastModifiedTime: epochSeconds(user.lastModifiedTime),
                LastModifiedRegion: user.lastModifiedRegion,
            })),
            NextToken: page.nextToken,
        }),
    };
};

/** Replaces the whole IdentityInfo: a field absent from the request is cleared. */
const updateUserIdentityInfo: Operation = (context) => {
    const { state, params } = context;
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    if (!isObject(params.IdentityInfo))
        throw invalidParameter('IdentityInfo is required');
    const identityInfo = validateIdentityInfo(
        params.IdentityInfo,
        instance.identityManagementType
    );
    if (identityInfo) user.identityInfo = identityInfo;
    else delete user.identityInfo;
    touch(user, context);
    return { mutated: true };
};

/**
 * Replaces PhoneConfig. Each per-channel list that a field of the new PhoneConfig
 * conflicts with is removed: the most recent write wins, so the user never carries
 * both sides of a conflicting pair.
 */
const updateUserPhoneConfig: Operation = (context) => {
    const { state, params } = context;
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    // PhoneType is optional in the current API: PhoneNumberConfigs may carry it.
    const phoneConfig = validatePhoneConfig(params.PhoneConfig, { required: true });
    user.phoneConfig = phoneConfig;
    for (const { phoneFields, list } of PHONE_CONFIG_CONFLICTS) {
        if (phoneFields.some((field) => phoneConfig?.[field] !== undefined)) {
            delete user[list];
        }
    }
    touch(user, context);
    return { mutated: true };
};

/**
 * Merges per channel: each list given replaces the stored entries for the channels it
 * names and keeps the others. A PhoneConfig field that a given list conflicts with is
 * cleared, since the per-channel setting supersedes it.
 */
const updateUserConfig: Operation = (context) => {
    const { state, params } = context;
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    const lists = validateChannelConfigs(params);
    const given = CHANNEL_CONFIG_FIELDS.filter((field) => lists[field] !== undefined);
    if (given.length === 0) {
        throw invalidParameter(
            `At least one of ${CHANNEL_CONFIG_FIELDS.join(', ')} is required`
        );
    }
    for (const field of given) {
        const incoming = lists[field] as Array<{ Channel: string }>;
        const stored = (user[field] ?? []) as Array<{ Channel: string }>;
        const kept = stored.filter(
            (entry) => !incoming.some((item) => item.Channel === entry.Channel)
        );
        setChannelList(user, field, [...kept, ...incoming] as never);
    }
    for (const { phoneFields, list } of PHONE_CONFIG_CONFLICTS) {
        if ((lists[list]?.length ?? 0) > 0) {
            user.phoneConfig = withoutFields(user.phoneConfig, phoneFields);
            if (!user.phoneConfig) delete user.phoneConfig;
        }
    }
    touch(user, context);
    return { mutated: true };
};

const updateUserRoutingProfile: Operation = (context) => {
    const { state, params } = context;
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    user.routingProfileId = requireReferenced(
        instance.routingProfiles,
        params.RoutingProfileId,
        'RoutingProfileId',
        'routing profile',
        instance
    );
    touch(user, context);
    return { mutated: true };
};

const updateUserSecurityProfiles: Operation = (context) => {
    const { state, params } = context;
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    user.securityProfileIds = securityProfileIdsFrom(
        instance,
        params.SecurityProfileIds
    );
    touch(user, context);
    return { mutated: true };
};

/** An absent or null HierarchyGroupId removes the user from its hierarchy group. */
const updateUserHierarchy: Operation = (context) => {
    const { state, params } = context;
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    const raw = params.HierarchyGroupId;
    if (raw === undefined || raw === null || raw === '') {
        delete user.hierarchyGroupId;
    } else {
        user.hierarchyGroupId = requireReferenced(
            instance.hierarchyGroups,
            raw,
            'HierarchyGroupId',
            'hierarchy group',
            instance
        );
    }
    touch(user, context);
    return { mutated: true };
};

// ---- Tags ------------------------------------------------------------------------

function resolveTaggable(state: EmulatorState, raw: unknown): UserState {
    const arn = requiredString(raw, 'resourceArn', 1011);
    const match = /^arn:([^:]+):connect:([^:]+):(\d{12}):instance\/([^/]+)\/(.+)$/.exec(
        arn
    );
    if (!match)
        throw invalidParameter(`resourceArn is not a valid Amazon Connect ARN: ${arn}`);
    const [, partition, region, account, instanceId, rest] = match;
    const instance =
        partition === state.partition &&
        region === state.region &&
        account === state.accountId
            ? state.instances.find((candidate) => candidate.id === instanceId)
            : undefined;
    const userId = rest.startsWith('agent/') ? rest.slice('agent/'.length) : undefined;
    const user = instance?.users.find((candidate) => candidate.id === userId);
    if (!user) throw notFound(`Resource not found: ${arn}`);
    return user;
}

const tagResource: Operation = ({ state, params }) => {
    const user = resolveTaggable(state, params.resourceArn);
    const tags = validateTags(params.tags, 'tags', {
        allowAwsPrefix: false,
        required: true,
    });
    const merged = { ...user.tags, ...tags };
    if (countedTags(merged) > MAX_TAGS) {
        throw invalidParameter(`A resource may have at most ${MAX_TAGS} tags`);
    }
    user.tags = merged;
    return { mutated: true };
};

const untagResource: Operation = ({ state, params }) => {
    const user = resolveTaggable(state, params.resourceArn);
    const raw = params.tagKeys;
    const keys = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (keys.length < 1 || keys.length > MAX_TAGS) {
        throw invalidParameter(`tagKeys must contain 1 to ${MAX_TAGS} keys`);
    }
    for (const key of keys) validateTagKey(key, 'tagKeys', false);
    const tags = { ...user.tags };
    for (const key of keys as string[]) delete tags[key];
    user.tags = tags;
    return { mutated: true };
};

const listTagsForResource: Operation = ({ state, params }) => {
    const user = resolveTaggable(state, params.resourceArn);
    return { mutated: false, body: { tags: { ...user.tags } } };
};

// ---- Proficiencies ---------------------------------------------------------------

const proficiencyKey = (p: { AttributeName: string; AttributeValue: string }): string =>
    JSON.stringify([p.AttributeName, p.AttributeValue]);

function proficiencyBatch(
    instance: InstanceState,
    raw: unknown,
    withLevel: boolean
): UserProficiency[] {
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > MAX_PROFICIENCY_BATCH) {
        throw invalidParameter(
            `UserProficiencies must contain 1 to ${MAX_PROFICIENCY_BATCH} items`
        );
    }
    const batch = raw.map((item, index) => {
        const where = `UserProficiencies[${index}]`;
        if (!isObject(item)) throw invalidParameter(`${where} must be an object`);
        const name = requiredString(item.AttributeName, `${where}.AttributeName`, 64);
        const value = requiredString(
            item.AttributeValue,
            `${where}.AttributeValue`,
            64
        );
        const attribute = instance.predefinedAttributes.find((a) => a.name === name);
        if (!attribute) {
            throw notFound(
                `Predefined attribute ${name} not found in instance ${instance.id}`
            );
        }
        if (!attribute.values.includes(value)) {
            throw invalidParameter(
                `${value} is not a value of the predefined attribute ${name}`
            );
        }
        let level = 0;
        if (withLevel) {
            const raw = item.Level;
            if (typeof raw !== 'number' || raw < 1 || raw > 5) {
                throw invalidParameter(
                    `${where}.Level must be a number from 1.0 to 5.0`
                );
            }
            level = raw;
        }
        return { AttributeName: name, AttributeValue: value, Level: level };
    });
    const keys = new Set(batch.map(proficiencyKey));
    if (keys.size !== batch.length) {
        throw invalidParameter(
            'UserProficiencies names the same attribute value twice'
        );
    }
    return batch;
}

function requireAssociated(
    user: UserState,
    batch: UserProficiency[],
    present: boolean
): void {
    const stored = new Set(user.proficiencies.map(proficiencyKey));
    for (const item of batch) {
        if (stored.has(proficiencyKey(item)) !== present) {
            throw invalidParameter(
                present
                    ? `Proficiency ${item.AttributeName}=${item.AttributeValue} is not ` +
                          'associated with the user'
                    : `Proficiency ${item.AttributeName}=${item.AttributeValue} is already ` +
                          'associated with the user'
            );
        }
    }
}

function proficiencyOperation(
    kind: 'associate' | 'update' | 'disassociate'
): Operation {
    return (context) => {
        const { state, params } = context;
        const instance = resolveInstance(state, params.InstanceId);
        const user = resolveUser(state, instance, params.UserId);
        const batch = proficiencyBatch(
            instance,
            params.UserProficiencies,
            kind !== 'disassociate'
        );
        requireAssociated(user, batch, kind !== 'associate');
        const keys = new Set(batch.map(proficiencyKey));
        if (kind === 'associate') {
            user.proficiencies = [...user.proficiencies, ...batch];
        } else if (kind === 'update') {
            const levels = new Map(
                batch.map((item) => [proficiencyKey(item), item.Level])
            );
            user.proficiencies = user.proficiencies.map((item) => ({
                ...item,
                Level: levels.get(proficiencyKey(item)) ?? item.Level,
            }));
        } else {
            user.proficiencies = user.proficiencies.filter(
                (item) => !keys.has(proficiencyKey(item))
            );
        }
        user.proficienciesLastModifiedTime = context.now;
        return { mutated: true };
    };
}

const listUserProficiencies: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const user = resolveUser(state, instance, params.UserId);
    const page = paginate(
        user.proficiencies,
        params,
        `ListUserProficiencies|${instance.id}|${user.id}`,
        PROFICIENCY_LIST
    );
    return {
        mutated: false,
        body: dropUndefined({
            UserProficiencyList: page.items.map((item) => ({ ...item })),
            NextToken: page.nextToken,
            LastModifiedTime:
                user.proficienciesLastModifiedTime === undefined
                    ? undefined
                    : epochSeconds(user.proficienciesLastModifiedTime),
            LastModifiedRegion:
                user.proficienciesLastModifiedTime === undefined
                    ? undefined
                    : state.region,
        }),
    };
};

// ---- Read-only look-ups ------------------------------------------------------------

function instanceSummary(state: EmulatorState, instance: InstanceState) {
    return {
        Id: instance.id,
        Arn: instanceArn(state, instance.id),
        IdentityManagementType: instance.identityManagementType,
        InstanceAlias: instance.alias,
        CreatedTime: epochSeconds(Date.parse(instance.createdTime)),
        ServiceRole:
            `arn:${state.partition}:iam::${state.accountId}:role/aws-service-role/` +
            'connect.amazonaws.com/AWSServiceRoleForAmazonConnect',
        InstanceStatus: 'ACTIVE',
        InboundCallsEnabled: true,
        OutboundCallsEnabled: true,
        InstanceAccessUrl: `https://${instance.alias}.my.connect.aws`,
    };
}

const describeInstance: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    return { mutated: false, body: { Instance: instanceSummary(state, instance) } };
};

const listInstances: Operation = ({ state, params }) => {
    const page = paginate(state.instances, params, 'ListInstances', INSTANCE_LIST);
    return {
        mutated: false,
        body: dropUndefined({
            InstanceSummaryList: page.items.map((instance) =>
                instanceSummary(state, instance)
            ),
            NextToken: page.nextToken,
        }),
    };
};

function listNamed(
    operation: string,
    listField: string,
    select: (instance: InstanceState) => readonly NamedResource[],
    arnKind: string
): Operation {
    return ({ state, params }) => {
        const instance = resolveInstance(state, params.InstanceId);
        const page = paginate(
            select(instance),
            params,
            `${operation}|${instance.id}`,
            RESOURCE_LIST
        );
        return {
            mutated: false,
            body: dropUndefined({
                [listField]: page.items.map((resource) => ({
                    Id: resource.id,
                    Arn: childArn(state, instance, arnKind, resource.id),
                    Name: resource.name,
                    LastModifiedTime: epochSeconds(Date.parse(instance.createdTime)),
                    LastModifiedRegion: state.region,
                })),
                NextToken: page.nextToken,
            }),
        };
    };
}

const listPredefinedAttributes: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const page = paginate(
        instance.predefinedAttributes,
        params,
        `ListPredefinedAttributes|${instance.id}`,
        ATTRIBUTE_LIST
    );
    return {
        mutated: false,
        body: dropUndefined({
            PredefinedAttributeSummaryList: page.items.map((attribute) => ({
                Name: attribute.name,
                LastModifiedTime: epochSeconds(Date.parse(instance.createdTime)),
                LastModifiedRegion: state.region,
            })),
            NextToken: page.nextToken,
        }),
    };
};

/** Operation name (as the SDK calls it) -> implementation. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
    CreateUser: createUser,
    DescribeUser: describeUser,
    DeleteUser: deleteUser,
    ListUsers: listUsers,
    UpdateUserIdentityInfo: updateUserIdentityInfo,
    UpdateUserPhoneConfig: updateUserPhoneConfig,
    UpdateUserRoutingProfile: updateUserRoutingProfile,
    UpdateUserSecurityProfiles: updateUserSecurityProfiles,
    UpdateUserHierarchy: updateUserHierarchy,
    UpdateUserConfig: updateUserConfig,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
    AssociateUserProficiencies: proficiencyOperation('associate'),
    DisassociateUserProficiencies: proficiencyOperation('disassociate'),
    UpdateUserProficiencies: proficiencyOperation('update'),
    ListUserProficiencies: listUserProficiencies,
    DescribeInstance: describeInstance,
    ListInstances: listInstances,
    ListRoutingProfiles: listNamed(
        'ListRoutingProfiles',
        'RoutingProfileSummaryList',
        (instance) => instance.routingProfiles,
        'routing-profile'
    ),
    ListSecurityProfiles: listNamed(
        'ListSecurityProfiles',
        'SecurityProfileSummaryList',
        (instance) => instance.securityProfiles,
        'security-profile'
    ),
    ListUserHierarchyGroups: listNamed(
        'ListUserHierarchyGroups',
        'UserHierarchyGroupSummaryList',
        (instance) => instance.hierarchyGroups,
        'agent-group'
    ),
    ListPredefinedAttributes: listPredefinedAttributes,
};

/**
 * Users: create, describe, delete, list, and the profile and group a user is assigned.
 */
import { randomUUID } from 'node:crypto';
import { configurationView, settingsFrom, storeChannelSettings } from '../channels';
import { duplicateResource, invalidParameter } from '../errors';
import { paginate, type PageBounds } from '../pagination';
import type { Behaviour, EmulatorState, InstanceState, UserState } from '../types';
import {
    dropUndefined,
    validateDirectoryUserId,
    validatePassword,
    validateTags,
    validateUsername,
} from '../validate';
import {
    checkPhoneConfigConflicts,
    validateChannelConfigs,
    validatePhoneConfig,
} from '../validate-config';
import {
    childArn,
    epochSeconds,
    requireReferenced,
    resolveInstance,
    resolveTarget,
    touch,
    type Operation,
} from './context';
import { identityOnCreate } from './identity';

const MAX_SECURITY_PROFILES = 10;
const USER_LIST: PageBounds = { defaultSize: 100, max: 1000 };

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

const hierarchyGroupIdFrom = (instance: InstanceState, raw: unknown): string =>
    requireReferenced(
        instance.hierarchyGroups,
        raw,
        'HierarchyGroupId',
        'hierarchy group',
        instance
    );

const routingProfileIdFrom = (instance: InstanceState, raw: unknown): string =>
    requireReferenced(
        instance.routingProfiles,
        raw,
        'RoutingProfileId',
        'routing profile',
        instance
    );

/** DescribeUser returns IDs, not ARNs, for the profiles and the hierarchy group. */
function describeUserShape(
    state: EmulatorState,
    instance: InstanceState,
    user: UserState,
    behaviour: Readonly<Behaviour>
) {
    const { PhoneConfig, ...lists } = configurationView(user.channelSettings, {
        both: behaviour.describeBoth,
    });
    return dropUndefined({
        Id: user.id,
        Arn: childArn(state, instance, 'agent', user.id),
        Username: user.username,
        IdentityInfo: user.identityInfo,
        PhoneConfig,
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

export const createUser: Operation = (context) => {
    const { state, params } = context;
    const instance = resolveInstance(state, params.InstanceId);
    const type = instance.identityManagementType;
    const username = validateUsername(params.Username, type);
    validatePassword(params.Password, type);
    const directoryUserId = validateDirectoryUserId(params.DirectoryUserId, type);
    const identityInfo = identityOnCreate(
        instance,
        params.IdentityInfo,
        directoryUserId
    );
    const securityProfileIds = securityProfileIdsFrom(
        instance,
        params.SecurityProfileIds
    );
    const routingProfileId = routingProfileIdFrom(instance, params.RoutingProfileId);
    const hierarchyGroupId =
        params.HierarchyGroupId === undefined || params.HierarchyGroupId === null
            ? undefined
            : hierarchyGroupIdFrom(instance, params.HierarchyGroupId);
    const phoneConfig = validatePhoneConfig(params.PhoneConfig, { required: false });
    const lists = validateChannelConfigs(params);
    checkPhoneConfigConflicts(phoneConfig, lists);
    // TagKey's pattern refuses aws: keys, so by default CreateUser refuses them too.
    const tags = validateTags(params.Tags, 'Tags', {
        allowAwsPrefix: context.behaviour.acceptSystemTags,
        required: false,
    });
    if (instance.users.some((user) => user.username === username)) {
        throw duplicateResource(`User with username ${username} already exists`);
    }
    const user: UserState = dropUndefined({
        id: randomUUID(),
        username,
        identityInfo,
        directoryUserId,
        securityProfileIds,
        routingProfileId,
        hierarchyGroupId,
        tags,
        proficiencies: [],
        channelSettings: {},
        lastModifiedTime: context.now,
        lastModifiedRegion: state.region,
    });
    storeChannelSettings(user, settingsFrom(phoneConfig, lists));
    instance.users.push(user);
    return {
        mutated: true,
        body: { UserId: user.id, UserArn: childArn(state, instance, 'agent', user.id) },
    };
};

export const describeUser: Operation = (context) => {
    const { instance, user } = resolveTarget(context);
    return {
        mutated: false,
        body: {
            User: describeUserShape(context.state, instance, user, context.behaviour),
        },
    };
};

export const deleteUser: Operation = (context) => {
    const { instance, user } = resolveTarget(context);
    instance.users = instance.users.filter((candidate) => candidate !== user);
    return { mutated: true };
};

export const listUsers: Operation = ({ state, params }) => {
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

export const updateUserRoutingProfile: Operation = (context) => {
    const { instance, user } = resolveTarget(context);
    user.routingProfileId = routingProfileIdFrom(
        instance,
        context.params.RoutingProfileId
    );
    touch(user, context);
    return { mutated: true };
};

export const updateUserSecurityProfiles: Operation = (context) => {
    const { instance, user } = resolveTarget(context);
    user.securityProfileIds = securityProfileIdsFrom(
        instance,
        context.params.SecurityProfileIds
    );
    touch(user, context);
    return { mutated: true };
};

/** An absent or null HierarchyGroupId removes the user from its hierarchy group. */
export const updateUserHierarchy: Operation = (context) => {
    const { instance, user } = resolveTarget(context);
    const raw = context.params.HierarchyGroupId;
    if (raw === undefined || raw === null || raw === '') {
        delete user.hierarchyGroupId;
    } else {
        user.hierarchyGroupId = hierarchyGroupIdFrom(instance, raw);
    }
    touch(user, context);
    return { mutated: true };
};

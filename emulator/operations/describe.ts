/**
 * Describe look-ups of what the seed defines: a routing profile, a security profile,
 * a hierarchy group, the hierarchy structure and a predefined attribute. They return
 * the fields the seed (and the users in the state) can back, and leave out the rest
 * rather than invent them.
 */
import { notFound } from '../errors';
import type { HierarchyGroup, InstanceState } from '../types';
import { dropUndefined, requiredString } from '../validate';
import { childArn, instanceArn, resolveInstance, type Operation } from './context';
import {
    lastModified,
    namedHierarchyGroup,
    namedRoutingProfile,
    namedSecurityProfile,
} from './seeded';

/** HierarchyPath and HierarchyStructure name their levels in words. */
const LEVEL_KEYS = ['LevelOne', 'LevelTwo', 'LevelThree', 'LevelFour', 'LevelFive'];
const MAX_LEVELS = LEVEL_KEYS.length;
const levelKey = (level: number): string | undefined => LEVEL_KEYS[level - 1];
/** PredefinedAttributeName: 1-100 characters. */
const MAX_ATTRIBUTE_NAME = 100;

/** DescribeRoutingProfile takes the ID, not the ARN, like the user APIs. */
export const describeRoutingProfile: Operation = (context) => {
    const { state } = context;
    const { instance, resource: profile } = namedRoutingProfile(context);
    const { id } = profile;
    return {
        mutated: false,
        body: {
            RoutingProfile: dropUndefined({
                InstanceId: instance.id,
                Name: profile.name,
                RoutingProfileArn: childArn(state, instance, 'routing-profile', id),
                RoutingProfileId: id,
                Description: profile.description,
                MediaConcurrencies: profile.mediaConcurrencies
                    ? structuredClone(profile.mediaConcurrencies)
                    : undefined,
                DefaultOutboundQueueId: profile.defaultOutboundQueueId,
                NumberOfAssociatedUsers: instance.users.filter(
                    (user) => user.routingProfileId === id
                ).length,
                ...lastModified(state, instance),
            }),
        },
    };
};

export const describeSecurityProfile: Operation = (context) => {
    const { state } = context;
    const { instance, resource: profile } = namedSecurityProfile(context);
    return {
        mutated: false,
        body: {
            SecurityProfile: {
                Id: profile.id,
                OrganizationResourceId: instance.id,
                Arn: childArn(state, instance, 'security-profile', profile.id),
                SecurityProfileName: profile.name,
                ...lastModified(state, instance),
            },
        },
    };
};

/** The group and its ancestors, root first; a malformed seed cannot loop. */
function pathTo(instance: InstanceState, group: HierarchyGroup): HierarchyGroup[] {
    const path: HierarchyGroup[] = [group];
    let current = group;
    while (current.parentId !== undefined && path.length < MAX_LEVELS) {
        const parent = instance.hierarchyGroups.find((g) => g.id === current.parentId);
        if (!parent) break;
        path.unshift(parent);
        current = parent;
    }
    return path;
}

/**
 * The CLI reference's describe-user-hierarchy-group example: LevelId is the level's
 * number ("1"), and HierarchyPath holds the group's ancestors and the group itself,
 * each under the key of its level.
 */
export const describeUserHierarchyGroup: Operation = (context) => {
    const { state } = context;
    const { instance, resource: group } = namedHierarchyGroup(context);
    const summary = (member: HierarchyGroup) => ({
        Id: member.id,
        Arn: childArn(state, instance, 'agent-group', member.id),
        Name: member.name,
        ...lastModified(state, instance),
    });
    const path = Object.fromEntries(
        pathTo(instance, group)
            .filter((member) => levelKey(member.level) !== undefined)
            .map((member) => [levelKey(member.level), summary(member)])
    );
    return {
        mutated: false,
        body: {
            HierarchyGroup: {
                ...summary(group),
                LevelId: String(group.level),
                HierarchyPath: path,
            },
        },
    };
};

/**
 * The CLI reference's describe-user-hierarchy-structure example: each level has an ID
 * of its own and an ARN ending in `agent-group-level/<level number>`.
 */
export const describeUserHierarchyStructure: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const structure = Object.fromEntries(
        [...instance.hierarchyLevels]
            .filter((level) => levelKey(level.level) !== undefined)
            .sort((a, b) => a.level - b.level)
            .map((level) => [
                levelKey(level.level),
                {
                    Id: level.id,
                    Arn: `${instanceArn(state, instance.id)}/agent-group-level/${level.level}`,
                    Name: level.name,
                    ...lastModified(state, instance),
                },
            ])
    );
    return { mutated: false, body: { HierarchyStructure: structure } };
};

/** Names are matched exactly, as proficiencies match them. */
export const describePredefinedAttribute: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const name = requiredString(params.Name, 'Name', MAX_ATTRIBUTE_NAME);
    const attribute = instance.predefinedAttributes.find((a) => a.name === name);
    if (!attribute) {
        throw notFound(
            `Predefined attribute ${name} not found in instance ${instance.id}`
        );
    }
    return {
        mutated: false,
        body: {
            PredefinedAttribute: {
                Name: attribute.name,
                Values: { StringList: [...attribute.values] },
                ...lastModified(state, instance),
            },
        },
    };
};

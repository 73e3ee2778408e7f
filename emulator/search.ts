/**
 * SearchUsers' SearchCriteria and SearchFilter, validated and turned into a predicate
 * over the users of an instance. Pure: it reads the instance, never changes it.
 *
 * Connect facts this follows: StringCondition's FieldName is one of Username,
 * FirstName, LastName, RoutingProfileId, SecurityProfileId and resourceId; CONTAINS
 * queries take 2 to 25 characters; the UserAttributeFilter takes "only one field",
 * at most 25 tag conditions and 20 hierarchy group conditions, and cannot be combined
 * with a TagFilter ("such request will throw AccessDeniedException").
 */
import { accessDenied, invalidParameter } from './errors';
import type { InstanceState, UserState } from './types';
import { isObject, requiredString } from './validate';

export type UserPredicate = (user: UserState) => boolean;

const COMPARISONS = ['STARTS_WITH', 'CONTAINS', 'EXACT'] as const;
type Comparison = (typeof COMPARISONS)[number];
const MATCH_TYPES = ['EXACT', 'WITH_CHILD_GROUPS'] as const;
const CONTAINS_LENGTH = { min: 2, max: 25 };
const MAX_TAG_CONDITIONS = 25;
const MAX_HIERARCHY_CONDITIONS = 20;
const CRITERIA_MEMBERS = [
    'OrConditions',
    'AndConditions',
    'StringCondition',
    'HierarchyGroupCondition',
    'ListCondition',
] as const;

/** What each StringCondition FieldName compares: every value a user has for it. */
const STRING_FIELDS: Readonly<Record<string, (user: UserState) => string[]>> = {
    Username: (user) => [user.username],
    FirstName: (user) => present(user.identityInfo?.FirstName),
    LastName: (user) => present(user.identityInfo?.LastName),
    RoutingProfileId: (user) => [user.routingProfileId],
    SecurityProfileId: (user) => [...user.securityProfileIds],
    resourceId: (user) => [user.id],
    // The reference spells it both ways.
    ResourceId: (user) => [user.id],
};

const present = (value: string | undefined): string[] =>
    value === undefined ? [] : [value];

const given = (value: unknown): boolean => value !== undefined && value !== null;

const matchAll: UserPredicate = () => true;

function oneOf<T extends string>(
    raw: unknown,
    allowed: readonly T[],
    field: string
): T {
    const value = requiredString(raw, field);
    if (!(allowed as readonly string[]).includes(value)) {
        throw invalidParameter(`${field} must be one of ${allowed.join(', ')}`);
    }
    return value as T;
}

function nonEmptyList(raw: unknown, field: string): unknown[] {
    if (!Array.isArray(raw) || raw.length === 0) {
        throw invalidParameter(`${field} must be a non-empty list`);
    }
    return raw;
}

function objectAt(raw: unknown, field: string): Record<string, unknown> {
    if (!isObject(raw)) throw invalidParameter(`${field} must be an object`);
    return raw;
}

/** The one member of `raw`, among `members`, that is set. */
function soleMember<T extends string>(
    raw: Record<string, unknown>,
    members: readonly T[],
    field: string
): T {
    const set = members.filter((member) => given(raw[member]));
    if (set.length !== 1) {
        throw invalidParameter(
            `${field} takes exactly one of ${members.join(', ')}` +
                (set.length > 1 ? `, not ${set.join(' and ')}` : '')
        );
    }
    return set[0];
}

const compare = (candidate: string, value: string, comparison: Comparison): boolean =>
    comparison === 'EXACT'
        ? candidate === value
        : comparison === 'STARTS_WITH'
          ? candidate.startsWith(value)
          : candidate.includes(value);

/** Comparisons are case-sensitive, as usernames are. */
function stringCondition(raw: unknown, field: string): UserPredicate {
    const condition = objectAt(raw, field);
    const name = requiredString(condition.FieldName, `${field}.FieldName`);
    const valuesOf = STRING_FIELDS[name];
    if (!valuesOf) {
        throw invalidParameter(
            `${field}.FieldName must be one of Username, FirstName, LastName, ` +
                'RoutingProfileId, SecurityProfileId, resourceId'
        );
    }
    const comparison = oneOf(
        condition.ComparisonType,
        COMPARISONS,
        `${field}.ComparisonType`
    );
    const value = requiredString(condition.Value, `${field}.Value`);
    const length = [...value].length;
    if (
        comparison === 'CONTAINS' &&
        (length < CONTAINS_LENGTH.min || length > CONTAINS_LENGTH.max)
    ) {
        throw invalidParameter(
            `${field}.Value must be ${CONTAINS_LENGTH.min} to ${CONTAINS_LENGTH.max} ` +
                'characters for a CONTAINS query'
        );
    }
    return (user) =>
        valuesOf(user).some((candidate) => compare(candidate, value, comparison));
}

/** The user's group and every group above it, nearest first. */
function groupAndAncestors(instance: InstanceState, groupId: string): string[] {
    const chain: string[] = [];
    let current = instance.hierarchyGroups.find((group) => group.id === groupId);
    while (current && !chain.includes(current.id)) {
        chain.push(current.id);
        const parentId = current.parentId;
        current = instance.hierarchyGroups.find((group) => group.id === parentId);
    }
    return chain;
}

/**
 * EXACT: the user is in that group; WITH_CHILD_GROUPS: in it or in a group below it.
 * An ID that names no group matches no user.
 */
function hierarchyGroupCondition(
    instance: InstanceState,
    raw: unknown,
    field: string
): UserPredicate {
    const condition = objectAt(raw, field);
    const groupId = requiredString(condition.Value, `${field}.Value`);
    const matchType = oneOf(
        condition.HierarchyGroupMatchType,
        MATCH_TYPES,
        `${field}.HierarchyGroupMatchType`
    );
    return (user) => {
        if (user.hierarchyGroupId === undefined) return false;
        if (matchType === 'EXACT') return user.hierarchyGroupId === groupId;
        return groupAndAncestors(instance, user.hierarchyGroupId).includes(groupId);
    };
}

/** A tag condition matches a user with that key and exactly that value. */
function tagCondition(raw: unknown, field: string): UserPredicate {
    const condition = objectAt(raw, field);
    const key = requiredString(condition.TagKey, `${field}.TagKey`);
    const value = requiredString(condition.TagValue, `${field}.TagValue`);
    return (user) => user.tags[key] === value;
}

const every =
    (predicates: UserPredicate[]): UserPredicate =>
    (user) =>
        predicates.every((predicate) => predicate(user));

const some =
    (predicates: UserPredicate[]): UserPredicate =>
    (user) =>
        predicates.some((predicate) => predicate(user));

function criteria(instance: InstanceState, raw: unknown, field: string): UserPredicate {
    const node = objectAt(raw, field);
    const member = soleMember(node, CRITERIA_MEMBERS, field);
    const at = `${field}.${member}`;
    switch (member) {
        case 'OrConditions':
        case 'AndConditions': {
            const predicates = nonEmptyList(node[member], at).map((child, index) =>
                criteria(instance, child, `${at}[${index}]`)
            );
            return member === 'OrConditions' ? some(predicates) : every(predicates);
        }
        case 'StringCondition':
            return stringCondition(node[member], at);
        case 'HierarchyGroupCondition':
            return hierarchyGroupCondition(instance, node[member], at);
        case 'ListCondition':
            throw invalidParameter(
                `${at}: searching by proficiencies is not modelled by this emulator`
            );
    }
}

/** Counts the conditions of a filter against the documented maximums. */
class ConditionBudget {
    private tags = 0;
    private groups = 0;

    tag(): void {
        if (++this.tags > MAX_TAG_CONDITIONS) {
            throw invalidParameter(
                `SearchFilter may contain at most ${MAX_TAG_CONDITIONS} tag conditions`
            );
        }
    }

    group(): void {
        if (++this.groups > MAX_HIERARCHY_CONDITIONS) {
            throw invalidParameter(
                `SearchFilter may contain at most ${MAX_HIERARCHY_CONDITIONS} hierarchy ` +
                    'group conditions'
            );
        }
    }
}

/** TagFilter: an OR of ANDs, an AND, or one condition. */
function tagFilter(raw: unknown, budget: ConditionBudget): UserPredicate {
    const field = 'SearchFilter.TagFilter';
    const filter = objectAt(raw, field);
    const member = soleMember(
        filter,
        ['OrConditions', 'AndConditions', 'TagCondition'] as const,
        field
    );
    const at = `${field}.${member}`;
    const tags = (list: unknown, where: string): UserPredicate[] =>
        nonEmptyList(list, where).map((item, index) => {
            budget.tag();
            return tagCondition(item, `${where}[${index}]`);
        });
    switch (member) {
        case 'OrConditions':
            return some(
                nonEmptyList(filter[member], at).map((group, index) =>
                    every(tags(group, `${at}[${index}]`))
                )
            );
        case 'AndConditions':
            return every(tags(filter[member], at));
        case 'TagCondition':
            budget.tag();
            return tagCondition(filter[member], at);
    }
}

/** AttributeAndCondition: its tag conditions and its hierarchy group condition. */
function attributeAnd(
    instance: InstanceState,
    raw: unknown,
    field: string,
    budget: ConditionBudget
): UserPredicate {
    const condition = objectAt(raw, field);
    const predicates: UserPredicate[] = [];
    if (given(condition.TagConditions)) {
        const where = `${field}.TagConditions`;
        nonEmptyList(condition.TagConditions, where).forEach((item, index) => {
            budget.tag();
            predicates.push(tagCondition(item, `${where}[${index}]`));
        });
    }
    if (given(condition.HierarchyGroupCondition)) {
        budget.group();
        predicates.push(
            hierarchyGroupCondition(
                instance,
                condition.HierarchyGroupCondition,
                `${field}.HierarchyGroupCondition`
            )
        );
    }
    if (predicates.length === 0) {
        throw invalidParameter(
            `${field} needs TagConditions or a HierarchyGroupCondition`
        );
    }
    return every(predicates);
}

function userAttributeFilter(
    instance: InstanceState,
    raw: unknown,
    budget: ConditionBudget
): UserPredicate {
    const field = 'SearchFilter.UserAttributeFilter';
    const filter = objectAt(raw, field);
    const member = soleMember(
        filter,
        [
            'OrConditions',
            'AndCondition',
            'TagCondition',
            'HierarchyGroupCondition',
        ] as const,
        field
    );
    const at = `${field}.${member}`;
    switch (member) {
        case 'OrConditions':
            return some(
                nonEmptyList(filter[member], at).map((item, index) =>
                    attributeAnd(instance, item, `${at}[${index}]`, budget)
                )
            );
        case 'AndCondition':
            return attributeAnd(instance, filter[member], at, budget);
        case 'TagCondition':
            budget.tag();
            return tagCondition(filter[member], at);
        case 'HierarchyGroupCondition':
            budget.group();
            return hierarchyGroupCondition(instance, filter[member], at);
    }
}

function searchFilter(instance: InstanceState, raw: unknown): UserPredicate {
    if (!given(raw)) return matchAll;
    const filter = objectAt(raw, 'SearchFilter');
    const budget = new ConditionBudget();
    const tags = given(filter.TagFilter);
    const attributes = given(filter.UserAttributeFilter);
    if (tags && attributes) {
        throw accessDenied(
            'SearchFilter takes a TagFilter or a UserAttributeFilter, not both'
        );
    }
    if (tags) return tagFilter(filter.TagFilter, budget);
    if (attributes)
        return userAttributeFilter(instance, filter.UserAttributeFilter, budget);
    return matchAll;
}

/**
 * The users a SearchUsers request asks for: those matching both its SearchCriteria and
 * its SearchFilter. Absent (or empty, at the top) criteria and filters match every
 * user. Throws the service's exception for a malformed request.
 */
export function userSearch(
    instance: InstanceState,
    rawCriteria: unknown,
    rawFilter: unknown
): UserPredicate {
    const byCriteria =
        !given(rawCriteria) ||
        (isObject(rawCriteria) && Object.keys(rawCriteria).length === 0)
            ? matchAll
            : criteria(instance, rawCriteria, 'SearchCriteria');
    const byFilter = searchFilter(instance, rawFilter);
    return (user) => byCriteria(user) && byFilter(user);
}

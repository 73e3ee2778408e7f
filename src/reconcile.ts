import type {
    AssociateUserProficienciesCommandInput,
    DisassociateUserProficienciesCommandInput,
    TagResourceCommandInput,
    UntagResourceCommandInput,
    UpdateUserConfigCommandInput,
    UpdateUserHierarchyCommandInput,
    UpdateUserIdentityInfoCommandInput,
    UpdateUserProficienciesCommandInput,
    UpdateUserRoutingProfileCommandInput,
    UpdateUserSecurityProfilesCommandInput,
    UserProficiency,
} from '@aws-sdk/client-connect';
import { idOf } from './arn';
import type { ResourceProperties } from './properties';
import {
    CHANNEL_LIST_NAMES,
    type ChannelEntry,
    type ChannelListName,
    type DesiredSettings,
    desiredSettings,
    entryFor,
    settingsOf,
    SUPERSEDED_PHONE_FIELDS,
} from './channels';
import {
    compact,
    CREATE_REQUEST_TAG,
    isReservedTagKey,
    type TagMap,
} from './translate';

/**
 * Pure planners: the desired model against what Connect holds now, to the
 * calls that make them equal, and nothing more.
 */

/** Connect takes at most this many proficiencies in one call. */
export const PROFICIENCY_BATCH_SIZE = 20;

/** One call to Connect, by operation name, with its input. */
export type PlannedCall =
    | {
          operation: 'UpdateUserRoutingProfile';
          input: UpdateUserRoutingProfileCommandInput;
      }
    | {
          operation: 'UpdateUserSecurityProfiles';
          input: UpdateUserSecurityProfilesCommandInput;
      }
    | { operation: 'UpdateUserHierarchy'; input: UpdateUserHierarchyCommandInput }
    | { operation: 'UpdateUserIdentityInfo'; input: UpdateUserIdentityInfoCommandInput }
    | { operation: 'UpdateUserConfig'; input: UpdateUserConfigCommandInput }
    | {
          operation: 'DisassociateUserProficiencies';
          input: DisassociateUserProficienciesCommandInput;
      }
    | {
          operation: 'UpdateUserProficiencies';
          input: UpdateUserProficienciesCommandInput;
      }
    | {
          operation: 'AssociateUserProficiencies';
          input: AssociateUserProficienciesCommandInput;
      }
    | { operation: 'UntagResource'; input: UntagResourceCommandInput }
    | { operation: 'TagResource'; input: TagResourceCommandInput };

/** Splits a list into chunks of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let start = 0; start < items.length; start += size) {
        chunks.push(items.slice(start, start + size));
    }
    return chunks;
}

/** Deep equality of JSON values, with object keys in any order and undefined fields ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) {
        return true;
    }
    if (Array.isArray(a) || Array.isArray(b)) {
        return (
            Array.isArray(a) &&
            Array.isArray(b) &&
            a.length === b.length &&
            a.every((item, index) => sameValue(item, b[index]))
        );
    }
    if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
        const left = compact(a as object) ?? {};
        const right = compact(b as object) ?? {};
        const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
        return [...keys].every((key) =>
            sameValue(
                (left as Record<string, unknown>)[key],
                (right as Record<string, unknown>)[key]
            )
        );
    }
    return false;
}

/** Equality of two lists whose order does not matter (`insertionOrder: false`). */
export function sameSet(
    a: readonly unknown[] = [],
    b: readonly unknown[] = []
): boolean {
    return (
        a.length === b.length &&
        a.every((item) => b.some((other) => sameValue(item, other))) &&
        b.every((item) => a.some((other) => sameValue(item, other)))
    );
}

export interface TagChanges {
    toTag: TagMap;
    toUntag: string[];
}

/**
 * Tags to set and keys to remove. A key is removed only when CloudFormation
 * managed it before (it was in the previous model or stack tags) and no longer
 * does: tags that others put on the user are left alone. `aws:` keys are never
 * touched. A create's marker still on the user (its operation was cancelled
 * before the step that removes it) is removed.
 */
export function planTagChanges(
    current: TagMap,
    desired: TagMap,
    previous: TagMap
): TagChanges {
    const toTag = Object.fromEntries(
        Object.entries(desired).filter(
            ([key, value]) =>
                !isReservedTagKey(key) &&
                !(Object.hasOwn(current, key) && current[key] === value)
        )
    );
    const toUntag = Object.keys(previous)
        .filter((key) => !isReservedTagKey(key))
        .filter((key) => !Object.hasOwn(desired, key) && Object.hasOwn(current, key))
        .concat(Object.hasOwn(current, CREATE_REQUEST_TAG) ? [CREATE_REQUEST_TAG] : [])
        .sort();
    return { toTag, toUntag };
}

export interface ProficiencyChanges {
    associate: UserProficiency[];
    update: UserProficiency[];
    disassociate: Array<{ AttributeName: string; AttributeValue: string }>;
}

const proficiencyKey = (item: { AttributeName?: string; AttributeValue?: string }) =>
    JSON.stringify([item.AttributeName, item.AttributeValue]);

/** Proficiencies keyed by (AttributeName, AttributeValue): new, removed, and level changes. */
export function planProficiencyChanges(
    current: readonly UserProficiency[],
    desired: readonly UserProficiency[]
): ProficiencyChanges {
    const currentByKey = new Map(current.map((item) => [proficiencyKey(item), item]));
    const desiredKeys = new Set(desired.map(proficiencyKey));
    const associate = desired.filter((item) => !currentByKey.has(proficiencyKey(item)));
    const update = desired.filter((item) => {
        const existing = currentByKey.get(proficiencyKey(item));
        return existing !== undefined && Number(existing.Level) !== Number(item.Level);
    });
    const disassociate = current
        .filter((item) => !desiredKeys.has(proficiencyKey(item)))
        .map((item) => ({
            AttributeName: String(item.AttributeName),
            AttributeValue: String(item.AttributeValue),
        }));
    return { associate, update, disassociate };
}

/** Calls that apply proficiency changes, in batches the API accepts; removals first. */
export function proficiencyCalls(
    changes: ProficiencyChanges,
    target: { InstanceId: string; UserId: string }
): PlannedCall[] {
    return [
        ...batches(changes.disassociate, PROFICIENCY_BATCH_SIZE).map(
            (UserProficiencies): PlannedCall => ({
                operation: 'DisassociateUserProficiencies',
                input: { ...target, UserProficiencies },
            })
        ),
        ...batches(changes.update, PROFICIENCY_BATCH_SIZE).map(
            (UserProficiencies): PlannedCall => ({
                operation: 'UpdateUserProficiencies',
                input: { ...target, UserProficiencies },
            })
        ),
        ...batches(changes.associate, PROFICIENCY_BATCH_SIZE).map(
            (UserProficiencies): PlannedCall => ({
                operation: 'AssociateUserProficiencies',
                input: { ...target, UserProficiencies },
            })
        ),
    ];
}

type Entry = Record<string, unknown>;

function isRecord(value: unknown): value is Entry {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `current` already holds every field `desired` sets: a field the
 * desired model leaves out is left alone, so what Connect filled in by
 * itself never makes a difference.
 */
export function covers(current: unknown, desired: unknown): boolean {
    if (isRecord(desired) && isRecord(current)) {
        return Object.entries(desired).every(
            ([key, value]) =>
                value === undefined || value === null || covers(current[key], value)
        );
    }
    return sameValue(current, desired);
}

/** `desired`'s fields over `current`'s, at every depth of objects. */
function overlay(current: unknown, desired: unknown): unknown {
    if (isRecord(desired) && isRecord(current)) {
        const merged: Entry = { ...current };
        for (const [key, value] of Object.entries(desired)) {
            if (value !== undefined && value !== null) {
                merged[key] = overlay(merged[key], value);
            }
        }
        return merged;
    }
    return desired;
}

/**
 * A list to send: every channel the user has, with the desired fields over
 * the current ones. Whether Connect replaces a whole list or merges it per
 * channel, the channels and fields the model leaves out keep their values. A
 * phone type given without a number drops the old desk phone number.
 */
function listToSend(
    have: readonly ChannelEntry[],
    want: readonly ChannelEntry[]
): ChannelEntry[] {
    const untouched = have.filter((entry) => !entryFor(want, entry.Channel));
    return [
        ...untouched,
        ...want.map((entry) => {
            const merged = overlay(entryFor(have, entry.Channel) ?? {}, entry) as Entry;
            if (entry.PhoneType !== undefined && entry.PhoneNumber === undefined) {
                delete merged.PhoneNumber;
            }
            return merged;
        }),
    ];
}

/**
 * The entries a desired model names in one list, with the VOICE value that a
 * PhoneConfig field gives for every channel copied to each other channel the
 * user has an entry for.
 */
function wantedEntries(
    wanted: DesiredSettings,
    have: readonly ChannelEntry[],
    list: ChannelListName
): ChannelEntry[] {
    const want = wanted.settings[list] ?? [];
    const voice = entryFor(want, 'VOICE');
    if (!voice || !wanted.everyChannel.includes(list)) {
        return want;
    }
    const superseded = SUPERSEDED_PHONE_FIELDS.filter((field) => field.list === list);
    const others = have
        .filter((entry) => entry.Channel !== 'VOICE' && !entryFor(want, entry.Channel))
        .map((entry) =>
            superseded.reduce<ChannelEntry>(
                (copy, field) => field.setIn(copy, field.valueIn(voice)),
                { Channel: entry.Channel }
            )
        );
    return [...want, ...others];
}

/**
 * The per-channel lists to send in one UpdateUserConfig: each list in which a
 * channel the desired model names differs from what the user holds. Every
 * PhoneConfig field is a view of a list's entry, so it goes this way too,
 * setting that channel alone (UpdateUserPhoneConfig would set the
 * after-contact-work limit of every channel).
 */
export function planChannelLists(
    current: ResourceProperties,
    wanted: DesiredSettings
): Partial<Record<ChannelListName, ChannelEntry[]>> {
    const holds = settingsOf(current);
    const lists: Partial<Record<ChannelListName, ChannelEntry[]>> = {};
    for (const list of CHANNEL_LIST_NAMES) {
        const have = holds[list] ?? [];
        const want = wantedEntries(wanted, have, list);
        if (want.some((entry) => !covers(entryFor(have, entry.Channel), entry))) {
            lists[list] = listToSend(have, want);
        }
    }
    return lists;
}

/**
 * The identity to send, or undefined when nothing changes. Only the fields
 * the desired model names are compared (a directory user's names come from
 * the directory); a field the previous model named and the desired one no
 * longer does is cleared. UpdateUserIdentityInfo replaces the whole identity,
 * so every other field is sent as Connect holds it.
 */
export function planIdentity(
    current: ResourceProperties['IdentityInfo'],
    desired: ResourceProperties['IdentityInfo'],
    previous: ResourceProperties['IdentityInfo']
): ResourceProperties['IdentityInfo'] | undefined {
    if (desired === undefined) {
        return undefined;
    }
    const held: Entry = { ...compact(current) };
    const wanted: Entry = { ...compact(desired) };
    const cleared = Object.keys(compact(previous) ?? {}).filter(
        (key) => !(key in wanted) && key in held
    );
    if (covers(held, wanted) && !cleared.length) {
        return undefined;
    }
    for (const key of cleared) {
        delete held[key];
    }
    return { ...held, ...wanted } as ResourceProperties['IdentityInfo'];
}

export interface UpdateInputs {
    /** The user as read from Connect now. */
    current: ResourceProperties;
    /** The validated desired model. */
    desired: ResourceProperties;
    /** The model of the previous request, when there is one. */
    previous?: ResourceProperties;
    /** The per-channel settings the desired model names (see desiredSettings). */
    channels?: DesiredSettings;
    /** Tags on the user in Connect now, all of them. */
    currentTags: TagMap;
    /** Model and stack-level tags wanted now, model tags winning. */
    desiredTags: TagMap;
    /** Model and stack-level tags of the previous model. */
    previousTags: TagMap;
    instanceId: string;
    userId: string;
    userArn: string;
}

/**
 * Every call an update needs, in the order they are sent: profiles and
 * hierarchy, identity, phone and channel settings, proficiencies, then tags.
 * An update that changes nothing plans no call.
 */
export function planUpdate(inputs: UpdateInputs): PlannedCall[] {
    const { current, desired, instanceId, userId } = inputs;
    const target = { InstanceId: instanceId, UserId: userId };
    const calls: PlannedCall[] = [];

    if (
        desired.RoutingProfileArn &&
        !sameValue(current.RoutingProfileArn, desired.RoutingProfileArn)
    ) {
        calls.push({
            operation: 'UpdateUserRoutingProfile',
            input: { ...target, RoutingProfileId: idOf(desired.RoutingProfileArn) },
        });
    }
    const currentProfiles = (current.SecurityProfileArns ?? []).map(idOf);
    const desiredProfiles = (desired.SecurityProfileArns ?? []).map(idOf);
    if (desiredProfiles.length && !sameSet(currentProfiles, desiredProfiles)) {
        calls.push({
            operation: 'UpdateUserSecurityProfiles',
            input: { ...target, SecurityProfileIds: desiredProfiles },
        });
    }
    if (!sameValue(current.HierarchyGroupArn, desired.HierarchyGroupArn)) {
        // Connect removes the user from their hierarchy group when no group is given.
        calls.push({
            operation: 'UpdateUserHierarchy',
            input: desired.HierarchyGroupArn
                ? { ...target, HierarchyGroupId: idOf(desired.HierarchyGroupArn) }
                : target,
        });
    }
    const identity = planIdentity(
        current.IdentityInfo,
        desired.IdentityInfo,
        inputs.previous?.IdentityInfo
    );
    if (identity) {
        calls.push({
            operation: 'UpdateUserIdentityInfo',
            input: { ...target, IdentityInfo: identity },
        });
    }
    const lists = planChannelLists(
        current,
        inputs.channels ?? desiredSettings(desired, inputs.previous)
    );
    if (Object.keys(lists).length) {
        calls.push({
            operation: 'UpdateUserConfig',
            input: { ...target, ...lists } as UpdateUserConfigCommandInput,
        });
    }
    calls.push(
        ...proficiencyCalls(
            planProficiencyChanges(
                current.UserProficiencies ?? [],
                desired.UserProficiencies ?? []
            ),
            target
        )
    );
    const tags = planTagChanges(
        inputs.currentTags,
        inputs.desiredTags,
        inputs.previousTags
    );
    if (tags.toUntag.length) {
        calls.push({
            operation: 'UntagResource',
            input: { resourceArn: inputs.userArn, tagKeys: tags.toUntag },
        });
    }
    if (Object.keys(tags.toTag).length) {
        calls.push({
            operation: 'TagResource',
            input: { resourceArn: inputs.userArn, tags: tags.toTag },
        });
    }
    return calls;
}

/**
 * Which calls of an update must go one after another. Connect's user
 * operations are independent of each other, but for these: proficiency
 * removals before additions (as proficiencyCalls orders them, so that a user
 * never holds more than it will), and tag removals before additions (a user
 * holds at most 50 tags). Level changes touch only proficiencies that stay,
 * so they go beside the removals and additions.
 */
const CHAIN_OF: Readonly<Record<PlannedCall['operation'], string>> = {
    UpdateUserRoutingProfile: 'routing profile',
    UpdateUserSecurityProfiles: 'security profiles',
    UpdateUserHierarchy: 'hierarchy group',
    UpdateUserIdentityInfo: 'identity',
    UpdateUserConfig: 'channels',
    DisassociateUserProficiencies: 'proficiency set',
    UpdateUserProficiencies: 'proficiency levels',
    AssociateUserProficiencies: 'proficiency set',
    UntagResource: 'tags',
    TagResource: 'tags',
};

/** The chain an operation's calls belong to; an operation no update plans is its own. */
export function chainOf(operation: string): string {
    return (CHAIN_OF as Record<string, string | undefined>)[operation] ?? operation;
}

/**
 * The planned calls as chains that may run side by side, each keeping the
 * order of its calls, the longest first (so that they start first).
 */
export function chainsOf(calls: readonly PlannedCall[]): PlannedCall[][] {
    const chains = new Map<string, PlannedCall[]>();
    for (const call of calls) {
        const chain = chainOf(call.operation);
        chains.set(chain, [...(chains.get(chain) ?? []), call]);
    }
    return [...chains.values()].sort((a, b) => b.length - a.length);
}

import type {
    CreateUserCommandInput,
    User,
    UserProficiency,
} from '@aws-sdk/client-connect';
import { createHash } from 'node:crypto';
import { idOf, type InstanceRef, instanceArn, resourceArn } from './arn';
import {
    CHANNEL_LIST_NAMES,
    type DesiredSettings,
    desiredSettings,
    phoneConfigBesideLists,
    withBothViews,
} from './channels';
import type { ResourceProperties, Tag } from './properties';

/**
 * Pure translation between models and Connect's shapes. Nothing here ever
 * emits a password: Connect never returns one, and models built here never
 * carry one.
 */

export type TagMap = Record<string, string>;

/** The `aws:` prefix is reserved: CloudFormation's system tags, never managed here. */
export function isSystemTagKey(key: string): boolean {
    return key.toLowerCase().startsWith('aws:');
}

/**
 * The tag a CREATE puts on the user it creates, holding a digest of the
 * request's clientRequestToken (the same across the retries and callbacks of
 * one operation, different for every other), until its next step removes it.
 * It is the proof that a user found under the same name after a lost
 * CreateUser answer is this operation's own; it works without system tags,
 * which Cloud Control does not send.
 */
export const CREATE_REQUEST_TAG = 'cloudformation-provider:create-request';

/**
 * The marker's value for a request token: its SHA-256, so that the proof holds
 * while the token itself, which the library keeps out of its logs as a
 * secret, never leaves for Connect.
 */
export function markerValue(clientRequestToken: string): string {
    return createHash('sha256').update(clientRequestToken).digest('hex');
}

/** Tags this type never manages and never shows: system tags and its own marker. */
export function isReservedTagKey(key: string): boolean {
    return isSystemTagKey(key) || key === CREATE_REQUEST_TAG;
}

/**
 * Model tags as a map. A state the handler has not validated (READ's model,
 * UPDATE's previous one) may hold anything here: what is not a list of tags
 * counts as no tags.
 */
export function tagMap(tags: unknown): TagMap {
    const list: unknown[] = Array.isArray(tags) ? tags : [];
    return Object.fromEntries(
        list
            .filter((tag): tag is Tag => typeof tag === 'object' && tag !== null)
            .map((tag) => [tag.Key, tag.Value])
    );
}

/**
 * Orders two texts by their UTF-16 code units: the same order on every runtime
 * and locale. (`localeCompare` would build the runtime's ICU collator on its
 * first use, some 15 ms of a cold start, for an order no one compares: the
 * schema's lists are unordered.)
 */
export function byCodeUnits(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The tags a model shows of a user's tags in Connect: every one but the
 * reserved ones (`aws:` keys and the create marker). A read answers the same
 * whatever the request's model or stack tags say: CloudFormation's drift
 * detection adds the stack's tags to what it expects of Tags.
 */
export function visibleTags(connectTags: TagMap | undefined): Tag[] {
    return Object.entries(connectTags ?? {})
        .filter(([key]) => !isReservedTagKey(key))
        .sort(([a], [b]) => byCodeUnits(a, b))
        .map(([Key, Value]) => ({ Key, Value }));
}

/** Drops fields whose value is undefined, null or an empty string; undefined when none is left. */
export function compact<T extends object>(value: T | undefined | null): T | undefined {
    if (!value) {
        return undefined;
    }
    const entries = Object.entries(value).filter(
        ([, field]) => field !== undefined && field !== null && field !== ''
    );
    return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

function nonEmpty<T>(items: T[] | undefined): T[] | undefined {
    return items && items.length ? items : undefined;
}

/**
 * The CreateUser request for a validated model, tags merged by the caller:
 * each per-channel setting once, a PhoneConfig field beside its list going in
 * the list's VOICE entry (CreateUser refuses both forms of one setting).
 */
export function toCreateUserInput(
    properties: ResourceProperties,
    instanceId: string,
    tags: TagMap,
    channels: DesiredSettings = desiredSettings(properties)
): CreateUserCommandInput {
    const lists = Object.fromEntries(
        CHANNEL_LIST_NAMES.filter((list) => properties[list] !== undefined).map(
            (list) => [list, channels.settings[list]]
        )
    );
    const input: CreateUserCommandInput = {
        InstanceId: instanceId,
        Username: properties.Username,
        Password: properties.Password,
        IdentityInfo: compact(properties.IdentityInfo),
        PhoneConfig: compact(phoneConfigBesideLists(properties)),
        DirectoryUserId: properties.DirectoryUserId,
        SecurityProfileIds: (properties.SecurityProfileArns ?? []).map(idOf),
        RoutingProfileId:
            properties.RoutingProfileArn && idOf(properties.RoutingProfileArn),
        HierarchyGroupId:
            properties.HierarchyGroupArn && idOf(properties.HierarchyGroupArn),
        ...lists,
        Tags: Object.keys(tags).length ? tags : undefined,
    };
    return compact(input) as CreateUserCommandInput;
}

/** What a read shows of a user's proficiencies, in a stable order. */
export function toModelProficiencies(
    proficiencies: readonly UserProficiency[]
): ResourceProperties['UserProficiencies'] {
    const items = proficiencies
        .map((item) => ({
            AttributeName: String(item.AttributeName),
            AttributeValue: String(item.AttributeValue),
            Level: Number(item.Level),
        }))
        .sort(
            (a, b) =>
                byCodeUnits(a.AttributeName, b.AttributeName) ||
                byCodeUnits(a.AttributeValue, b.AttributeValue)
        );
    return nonEmpty(items);
}

export interface ReadContext {
    instance: InstanceRef;
    proficiencies: readonly UserProficiency[];
    /** The identifier the request named, which the answer carries as it was asked. */
    userArn?: string;
}

/**
 * The model of a user as Connect describes it. DescribeUser returns IDs, not
 * ARNs, for the routing profile, security profiles and hierarchy group: ARNs
 * are built in the instance's partition and region. Unset fields are omitted.
 * The per-channel settings are answered in both views, whichever form Connect
 * describes them in.
 */
export function fromConnectUser(user: User, context: ReadContext): ResourceProperties {
    const { instance } = context;
    const model: ResourceProperties = {
        InstanceArn: instanceArn(instance),
        UserArn:
            context.userArn ??
            user.Arn ??
            (user.Id ? resourceArn(instance, 'agent', user.Id) : undefined),
        Username: user.Username,
        DirectoryUserId: user.DirectoryUserId || undefined,
        IdentityInfo: compact(user.IdentityInfo),
        PhoneConfig: compact(user.PhoneConfig) as ResourceProperties['PhoneConfig'],
        RoutingProfileArn: user.RoutingProfileId
            ? resourceArn(instance, 'routing-profile', user.RoutingProfileId)
            : undefined,
        SecurityProfileArns: nonEmpty(
            (user.SecurityProfileIds ?? []).map((id) =>
                resourceArn(instance, 'security-profile', id)
            )
        ),
        HierarchyGroupArn: user.HierarchyGroupId
            ? resourceArn(instance, 'agent-group', user.HierarchyGroupId)
            : undefined,
        Tags: nonEmpty(visibleTags(user.Tags)),
        UserProficiencies: toModelProficiencies(context.proficiencies),
        AutoAcceptConfigs: nonEmpty(user.AutoAcceptConfigs),
        AfterContactWorkConfigs: nonEmpty(user.AfterContactWorkConfigs),
        PhoneNumberConfigs: nonEmpty(user.PhoneNumberConfigs),
        PersistentConnectionConfigs: nonEmpty(user.PersistentConnectionConfigs),
        VoiceEnhancementConfigs: nonEmpty(user.VoiceEnhancementConfigs),
    } as ResourceProperties;
    return withBothViews(compact(model) ?? {});
}

/**
 * The model of a user that this CreateUser input created, with these tags and
 * proficiencies: what READ answers of it, read through the same translation
 * as DescribeUser's answer. It holds only when Connect keeps what CreateUser
 * is given as given, which is not so when the request names a directory user:
 * Connect then takes FirstName, LastName and Email from the directory.
 */
export function createdUserModel(
    input: CreateUserCommandInput,
    context: ReadContext & { tags: TagMap }
): ResourceProperties {
    const {
        Password: _password,
        InstanceId: _instanceId,
        Tags: _tags,
        ...described
    } = input;
    return fromConnectUser({ ...described, Tags: context.tags }, context);
}

/** A model without its write-only properties: what may leave the handler. */
export function withoutWriteOnly(properties: ResourceProperties): ResourceProperties {
    const { Password: _password, ...rest } = properties;
    return rest;
}

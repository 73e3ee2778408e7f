import fc from 'fast-check';
import { SEED_INSTANCES } from '../../emulator/seed';
import type {
    AfterContactWorkConfigPerChannel,
    AutoAcceptConfig,
    Channel,
    PhoneNumberConfig,
    ResourceProperties,
    Tag,
    UserIdentityInfo,
    UserPhoneConfig,
    UserProficiency,
} from '../../src/properties';

/**
 * Arbitraries of valid AWS::Connect::User models of one user on the seeded
 * CONNECT_MANAGED instance: valid for the schema, for the handler's own rules
 * (no PhoneConfig field together with the list that supersedes it, one entry
 * per channel) and for Connect's identity rules (FirstName, LastName and Email
 * are required with CONNECT_MANAGED identity management).
 */

export const managed = SEED_INSTANCES.managed;

/**
 * Extra values of the seeded predefined attributes, so that a model can hold
 * more proficiencies than one batch of 20.
 */
export const EXTRA_ATTRIBUTE_VALUES: Record<string, string[]> = {
    Technology: ['DynamoDB', 'EventBridge', 'Step Functions', 'Lex', 'Polly'],
    Language: ['Português', 'Italiano', '日本語', 'Deutsch (Schweiz)', 'Ελληνικά'],
    Skill: ['Retention', 'Onboarding', 'Escalations', 'Técnico', 'VIP @ desk'],
};

/** Every (AttributeName, AttributeValue) pair the emulator knows for the instance. */
export const ATTRIBUTE_PAIRS: ReadonlyArray<[string, string]> = Object.entries(
    managed.predefinedAttributes
).flatMap(([name, values]) =>
    [...values, ...(EXTRA_ATTRIBUTE_VALUES[name] ?? [])].map(
        (value): [string, string] => [name, value]
    )
);

const CHANNELS: readonly Channel[] = ['VOICE', 'CHAT', 'TASK', 'EMAIL'];

const chars = (text: string) => fc.constantFrom(...Array.from(text));

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Connect usernames: [a-zA-Z0-9_-.], at most 20 characters on a managed instance. */
export const usernameArb = fc.string({
    unit: chars(`${ALNUM}_-.`),
    minLength: 1,
    maxLength: 20,
});

/** 8-64 characters with a lowercase letter, an uppercase letter and a digit. */
export const passwordArb = fc
    .string({ unit: chars(`${ALNUM}!#%*-_`), minLength: 5, maxLength: 30 })
    .map((rest) => `Pa5${rest}`);

const e164Arb = fc
    .tuple(
        fc.integer({ min: 1, max: 9 }),
        fc.string({ unit: chars('0123456789'), minLength: 1, maxLength: 14 })
    )
    .map(([first, rest]) => `+${first}${rest}`);

const emailArb = fc
    .tuple(
        fc.string({ unit: chars(`${ALNUM}._%+-`), minLength: 1, maxLength: 12 }),
        fc.string({ unit: chars(`${ALNUM}-`), minLength: 1, maxLength: 10 }),
        fc.string({
            unit: chars('abcdefghijklmnopqrstuvwxyz'),
            minLength: 2,
            maxLength: 6,
        })
    )
    .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

/** Names in any script; Connect takes up to 100 UTF-16 units. */
/** Names in Unicode normalization form C, as Connect takes them. */
const nameArb = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .filter((name) => name.length <= 100 && name === name.normalize('NFC'));

export const identityArb: fc.Arbitrary<UserIdentityInfo> = fc.record(
    {
        FirstName: nameArb,
        LastName: nameArb,
        Email: emailArb,
        SecondaryEmail: emailArb,
        Mobile: e164Arb,
    },
    { requiredKeys: ['FirstName', 'LastName', 'Email'] }
);

const acwLimitArb = fc.oneof(
    fc.constantFrom(0, 1, 30, 2_000_000),
    fc.integer({ min: 0, max: 2_000_000 })
);

/**
 * For each PhoneConfig field and the per-channel list that supersedes it, the
 * model sets one side, or neither.
 */
type Side = 'none' | 'phone' | 'list';
const sideArb = fc.constantFrom<Side>('none', 'phone', 'list');

const channelsArb = fc.shuffledSubarray([...CHANNELS], { minLength: 1 });

const autoAcceptListArb = channelsArb.chain((channels) =>
    fc.tuple(
        ...channels.map((Channel) =>
            fc.record(
                {
                    Channel: fc.constant(Channel),
                    AutoAccept: fc.boolean(),
                    AgentFirstCallbackAutoAccept:
                        Channel === 'VOICE' ? fc.boolean() : fc.constant(undefined),
                },
                { requiredKeys: ['Channel', 'AutoAccept'] }
            )
        )
    )
) as fc.Arbitrary<AutoAcceptConfig[]>;

const acwConfigArb = fc.record(
    { AfterContactWorkTimeLimit: acwLimitArb },
    { requiredKeys: [] }
);

const afterContactWorkListArb = channelsArb.chain((channels) =>
    fc.tuple(
        ...channels.map((Channel) =>
            fc.record(
                {
                    Channel: fc.constant(Channel),
                    AfterContactWorkConfig: acwConfigArb,
                    AgentFirstCallbackAfterContactWorkConfig:
                        Channel === 'VOICE' ? acwConfigArb : fc.constant(undefined),
                },
                { requiredKeys: ['Channel', 'AfterContactWorkConfig'] }
            )
        )
    )
) as fc.Arbitrary<AfterContactWorkConfigPerChannel[]>;

const phoneNumberListArb: fc.Arbitrary<PhoneNumberConfig[]> = fc
    .oneof(
        fc.record({
            Channel: fc.constant<Channel>('VOICE'),
            PhoneType: fc.constant<'DESK_PHONE'>('DESK_PHONE'),
            PhoneNumber: e164Arb,
        }),
        fc.record(
            {
                Channel: fc.constant<Channel>('VOICE'),
                PhoneType: fc.constant<'SOFT_PHONE'>('SOFT_PHONE'),
                PhoneNumber: e164Arb,
            },
            { requiredKeys: ['Channel', 'PhoneType'] }
        )
    )
    .map((item) => [item]);

const deskOrSoftArb: fc.Arbitrary<
    Pick<UserPhoneConfig, 'PhoneType' | 'DeskPhoneNumber'>
> = fc.oneof(
    fc.record({
        PhoneType: fc.constant<'DESK_PHONE'>('DESK_PHONE'),
        DeskPhoneNumber: e164Arb,
    }),
    fc.record(
        {
            PhoneType: fc.constant<'SOFT_PHONE'>('SOFT_PHONE'),
            DeskPhoneNumber: e164Arb,
        },
        { requiredKeys: ['PhoneType'] }
    )
);

export interface PhoneShape {
    autoAccept: Side;
    afterContactWork: Side;
    phoneType: Side;
    persistent: Side;
    voiceEnhancement: boolean;
}

/**
 * A PhoneConfig carries a PhoneType unless PhoneNumberConfigs replaces it:
 * UpdateUserPhoneConfig cannot be sent without one.
 */
export const phoneShapeArb: fc.Arbitrary<PhoneShape> = fc
    .record({
        autoAccept: sideArb,
        afterContactWork: sideArb,
        phoneType: sideArb,
        persistent: sideArb,
        voiceEnhancement: fc.boolean(),
    })
    .map((shape) =>
        shape.phoneType === 'none' &&
        [shape.autoAccept, shape.afterContactWork, shape.persistent].includes('phone')
            ? { ...shape, phoneType: 'phone' as const }
            : shape
    );

type PhoneSettings = Pick<
    ResourceProperties,
    | 'PhoneConfig'
    | 'AutoAcceptConfigs'
    | 'AfterContactWorkConfigs'
    | 'PhoneNumberConfigs'
    | 'PersistentConnectionConfigs'
    | 'VoiceEnhancementConfigs'
>;

const optional = <T>(on: boolean, arb: fc.Arbitrary<T>) =>
    on ? arb : fc.constant(undefined);

/** PhoneConfig and the per-channel lists, in a given shape, without conflicts. */
export function phoneSettingsArb(shape: PhoneShape): fc.Arbitrary<PhoneSettings> {
    return fc
        .record({
            autoAccept: optional(shape.autoAccept === 'phone', fc.boolean()),
            acw: optional(shape.afterContactWork === 'phone', acwLimitArb),
            phoneType: optional(shape.phoneType === 'phone', deskOrSoftArb),
            persistent: optional(shape.persistent === 'phone', fc.boolean()),
            AutoAcceptConfigs: optional(shape.autoAccept === 'list', autoAcceptListArb),
            AfterContactWorkConfigs: optional(
                shape.afterContactWork === 'list',
                afterContactWorkListArb
            ),
            PhoneNumberConfigs: optional(
                shape.phoneType === 'list',
                phoneNumberListArb
            ),
            PersistentConnectionConfigs: optional(
                shape.persistent === 'list',
                fc
                    .boolean()
                    .map((PersistentConnection) => [
                        { Channel: 'VOICE' as Channel, PersistentConnection },
                    ])
            ),
            VoiceEnhancementConfigs: optional(
                shape.voiceEnhancement,
                fc
                    .constantFrom<'VOICE_ISOLATION' | 'NOISE_SUPPRESSION' | 'NONE'>(
                        'VOICE_ISOLATION',
                        'NOISE_SUPPRESSION',
                        'NONE'
                    )
                    .map((VoiceEnhancementMode) => [
                        { Channel: 'VOICE' as Channel, VoiceEnhancementMode },
                    ])
            ),
        })
        .map(({ autoAccept, acw, phoneType, persistent, ...lists }) => {
            const phone: UserPhoneConfig = {
                ...phoneType,
                AutoAccept: autoAccept,
                AfterContactWorkTimeLimit: acw,
                PersistentConnection: persistent,
            };
            const fields = Object.entries(phone).filter(([, v]) => v !== undefined);
            return dropUndefined({
                PhoneConfig: fields.length
                    ? (Object.fromEntries(fields) as UserPhoneConfig)
                    : undefined,
                ...lists,
            });
        });
}

/** Levels 1.0-5.0: whole, halves, and arbitrary fractions. */
/** Connect takes the levels 1, 2, 3, 4 and 5. */
export const levelArb = fc.integer({ min: 1, max: 5 });

export const proficienciesArb: fc.Arbitrary<UserProficiency[]> = fc
    .uniqueArray(fc.constantFrom(...ATTRIBUTE_PAIRS), {
        maxLength: 25,
        selector: ([name, value]) => `${name}=${value}`,
    })
    .chain((pairs) =>
        fc.tuple(
            ...pairs.map(([AttributeName, AttributeValue]) =>
                levelArb.map((Level) => ({ AttributeName, AttributeValue, Level }))
            )
        )
    );

/** Tag keys: letters of any script, digits, spaces of any kind and _ . : / = + - @. */
const TAG_KEY_CHARS = `${ALNUM} _.:/=+-@éßñøŻЖжλ字語한\u00a0\u3000٣`;

export const tagKeyArb = fc
    .string({ unit: chars(TAG_KEY_CHARS), minLength: 1, maxLength: 24 })
    .filter((key) => !key.toLowerCase().startsWith('aws:'));

export const tagsArb: fc.Arbitrary<Tag[]> = fc.uniqueArray(
    fc.record({
        Key: tagKeyArb,
        Value: fc
            .string({ unit: 'grapheme', maxLength: 24 })
            .filter((v) => v.length <= 256),
    }),
    { maxLength: 10, selector: (tag) => tag.Key }
);

/** The parts of a model that an update may change. */
export type MutablePart = Omit<
    ResourceProperties,
    'InstanceArn' | 'Username' | 'Password' | 'UserArn' | 'DirectoryUserId'
>;

export function mutablePartArb(
    shape: fc.Arbitrary<PhoneShape> = phoneShapeArb
): fc.Arbitrary<MutablePart> {
    return shape.chain((phoneShape) =>
        fc
            .record(
                {
                    RoutingProfileArn: fc.constantFrom(...managed.routingProfileArns),
                    SecurityProfileArns: fc.shuffledSubarray(
                        [...managed.securityProfileArns],
                        { minLength: 1 }
                    ),
                    HierarchyGroupArn: fc.constantFrom(...managed.hierarchyGroupArns),
                    IdentityInfo: identityArb,
                    UserProficiencies: proficienciesArb,
                    Tags: tagsArb,
                    phone: phoneSettingsArb(phoneShape),
                },
                {
                    requiredKeys: [
                        'RoutingProfileArn',
                        'SecurityProfileArns',
                        'IdentityInfo',
                        'phone',
                    ],
                }
            )
            .map(({ phone, ...rest }) =>
                dropUndefined({
                    ...rest,
                    ...phone,
                    // An empty list and an absent one read back the same: absent.
                    UserProficiencies: rest.UserProficiencies?.length
                        ? rest.UserProficiencies
                        : undefined,
                    Tags: rest.Tags?.length ? rest.Tags : undefined,
                })
            )
    );
}

export interface Identity {
    Username: string;
    Password: string;
}

export const identityOfUserArb: fc.Arbitrary<Identity> = fc.record({
    Username: usernameArb,
    Password: passwordArb,
});

/** A whole model of a new user. */
export function modelOf(identity: Identity, part: MutablePart): ResourceProperties {
    return {
        InstanceArn: managed.arn,
        Username: identity.Username,
        Password: identity.Password,
        ...part,
    };
}

export function dropUndefined<T extends object>(value: T): T {
    return Object.fromEntries(
        Object.entries(value).filter(([, inner]) => inner !== undefined)
    ) as T;
}

/** The per-channel lists, with the PhoneConfig fields that each supersedes. */
export const CHANNEL_LISTS = [
    ['AutoAcceptConfigs', ['AutoAccept']],
    ['AfterContactWorkConfigs', ['AfterContactWorkTimeLimit']],
    ['PhoneNumberConfigs', ['PhoneType', 'DeskPhoneNumber']],
    ['PersistentConnectionConfigs', ['PersistentConnection']],
    ['VoiceEnhancementConfigs', []],
] as const;

export type ChannelListName = (typeof CHANNEL_LISTS)[number][0];

type ChannelItems = Array<{ Channel: string }> | undefined;

/**
 * Why an update from `before` to `after` cannot converge with the calls the
 * handler plans today, or undefined when it can. Each reason is a known bug
 * with its own failing test.
 */
export function knownNonConvergence(
    before: MutablePart,
    after: MutablePart
): string | undefined {
    const afterPhone = (after.PhoneConfig ?? {}) as Record<string, unknown>;
    const beforePhone = (before.PhoneConfig ?? {}) as Record<string, unknown>;
    for (const [list] of CHANNEL_LISTS) {
        const had = before[list] as ChannelItems;
        const wants = after[list] as ChannelItems;
        // PhoneConfig is the VOICE view: it does not unset other channels.
        if (had && !wants) {
            return `dropped-list:${list}`;
        }
        if (
            had &&
            wants &&
            had.some((item) => !wants.some((other) => other.Channel === item.Channel))
        ) {
            return `dropped-channel:${list}`;
        }
    }
    // Connect cannot unset a PhoneConfig field: one the desired model leaves
    // out, and that no list of it replaces, keeps its value.
    if (before.PhoneConfig && after.PhoneConfig) {
        const kept = Object.keys(beforePhone).some(
            (field) =>
                afterPhone[field] === undefined &&
                !CHANNEL_LISTS.some(
                    ([list, fields]) =>
                        (fields as readonly string[]).includes(field) &&
                        (after[list] as ChannelItems)?.length
                )
        );
        if (kept) {
            return 'dropped-phone-field';
        }
    }
    if (before.PhoneConfig && !after.PhoneConfig) {
        const cleared = Object.keys(beforePhone).every((field) =>
            CHANNEL_LISTS.some(
                ([list, fields]) =>
                    (fields as readonly string[]).includes(field) &&
                    (after[list] as ChannelItems)?.length
            )
        );
        if (!cleared) {
            return 'dropped-phone-config';
        }
    }
    return undefined;
}

const GROUPS: ReadonlyArray<ReadonlyArray<keyof MutablePart>> = [
    ['RoutingProfileArn'],
    ['SecurityProfileArns'],
    ['HierarchyGroupArn'],
    ['IdentityInfo'],
    ['UserProficiencies'],
    ['Tags'],
    [
        'PhoneConfig',
        'AutoAcceptConfigs',
        'AfterContactWorkConfigs',
        'PhoneNumberConfigs',
        'PersistentConnectionConfigs',
        'VoiceEnhancementConfigs',
    ],
];

/**
 * A previous and a desired model: the desired one takes each group of
 * properties (the phone settings are one group) either from the previous model
 * or from a fresh one, so that small edits are as likely as wholesale changes.
 */
export const transitionArb: fc.Arbitrary<[MutablePart, MutablePart]> = fc
    .tuple(
        mutablePartArb(),
        mutablePartArb(),
        fc.array(fc.boolean(), { minLength: GROUPS.length, maxLength: GROUPS.length })
    )
    .map(([before, fresh, takeFresh]) => {
        const after: Record<string, unknown> = { ...before };
        GROUPS.forEach((group, index) => {
            for (const key of group) {
                after[key] = takeFresh[index] ? fresh[key] : before[key];
            }
        });
        return [before, dropUndefined(after) as MutablePart];
    });

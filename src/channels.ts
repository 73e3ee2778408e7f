import type { ResourceProperties, UserPhoneConfig } from './properties';

/**
 * One record of a user's per-channel settings, of which PhoneConfig and the
 * five per-channel lists are views. Pure.
 *
 * The Connect facts this follows: PhoneConfig is the VOICE channel's view;
 * UpdateUserPhoneConfig "will always set the same ACW timeouts to all channels
 * the user handles", so a PhoneConfig's after-contact-work limit stands for
 * every channel; the other lists exist only for VOICE. DescribeUser may show
 * a setting in either form or in both.
 */

export const CHANNEL_LIST_NAMES = [
    'AutoAcceptConfigs',
    'AfterContactWorkConfigs',
    'PhoneNumberConfigs',
    'PersistentConnectionConfigs',
    'VoiceEnhancementConfigs',
] as const;

export type ChannelListName = (typeof CHANNEL_LIST_NAMES)[number];

/** The channels in the order a read lists them. */
export const CHANNELS = ['VOICE', 'CHAT', 'TASK', 'EMAIL'] as const;

export type ChannelEntry = { Channel?: string } & Record<string, unknown>;

/** Entries of each per-channel list, one per channel. */
export type ChannelSettings = Partial<Record<ChannelListName, ChannelEntry[]>>;

export interface SupersededField {
    field: keyof UserPhoneConfig;
    list: ChannelListName;
    /** The channels a PhoneConfig holding the field sets. */
    channels: readonly string[];
    /** The field's value as the list's entry for a channel holds it. */
    valueIn: (entry: ChannelEntry) => unknown;
    /** The entry with the field's value set. */
    setIn: (entry: ChannelEntry, value: unknown) => ChannelEntry;
}

const VOICE_ONLY = ['VOICE'] as const;

function acwOf(entry: ChannelEntry): Record<string, unknown> | undefined {
    return entry.AfterContactWorkConfig as Record<string, unknown> | undefined;
}

/** Each PhoneConfig field and the list entry field that holds the same setting. */
export const SUPERSEDED_PHONE_FIELDS: readonly SupersededField[] = [
    {
        field: 'AutoAccept',
        list: 'AutoAcceptConfigs',
        channels: VOICE_ONLY,
        valueIn: (e) => e.AutoAccept,
        setIn: (e, value) => ({ ...e, AutoAccept: value }),
    },
    {
        field: 'AfterContactWorkTimeLimit',
        list: 'AfterContactWorkConfigs',
        channels: CHANNELS,
        valueIn: (e) => acwOf(e)?.AfterContactWorkTimeLimit,
        setIn: (e, value) => ({
            ...e,
            AfterContactWorkConfig: { ...acwOf(e), AfterContactWorkTimeLimit: value },
        }),
    },
    {
        field: 'PhoneType',
        list: 'PhoneNumberConfigs',
        channels: VOICE_ONLY,
        valueIn: (e) => e.PhoneType,
        setIn: (e, value) => ({ ...e, PhoneType: value }),
    },
    {
        field: 'DeskPhoneNumber',
        list: 'PhoneNumberConfigs',
        channels: VOICE_ONLY,
        valueIn: (e) => e.PhoneNumber,
        setIn: (e, value) => ({ ...e, PhoneNumber: value }),
    },
    {
        field: 'PersistentConnection',
        list: 'PersistentConnectionConfigs',
        channels: VOICE_ONLY,
        valueIn: (e) => e.PersistentConnection,
        setIn: (e, value) => ({ ...e, PersistentConnection: value }),
    },
];

/** The entries of a per-channel list of a model. */
export function entriesOf(
    properties: ResourceProperties,
    list: ChannelListName
): ChannelEntry[] {
    return (properties[list] ?? []) as unknown as ChannelEntry[];
}

/** The entry of a list for one channel. */
export function entryFor(
    entries: readonly ChannelEntry[] | undefined,
    channel: string | undefined
): ChannelEntry | undefined {
    return entries?.find((entry) => entry.Channel === channel);
}

function phoneFieldOf(properties: ResourceProperties, superseded: SupersededField) {
    return (properties.PhoneConfig as Record<string, unknown> | undefined)?.[
        superseded.field
    ];
}

/** The entries with the channel's entry (a new one when it has none) holding `value`. */
function withValue(
    entries: readonly ChannelEntry[],
    channel: string,
    superseded: SupersededField,
    value: unknown
): ChannelEntry[] {
    const entry = entryFor(entries, channel);
    const updated = superseded.setIn(entry ?? { Channel: channel }, value);
    return entry
        ? entries.map((other) => (other === entry ? updated : other))
        : [...entries, updated];
}

function listsOf(properties: ResourceProperties): ChannelSettings {
    return Object.fromEntries(
        CHANNEL_LIST_NAMES.filter((list) => properties[list] !== undefined).map(
            (list) => [list, entriesOf(properties, list)]
        )
    );
}

/**
 * What a user holds, from a model in either form or both: the lists, with
 * each PhoneConfig field filling in what they lack. A PhoneConfig's
 * after-contact-work limit fills every channel without an entry of its own
 * only when VOICE has none either: when VOICE has one, the PhoneConfig field
 * is its view (DescribeUser showing both forms), not a write of its own.
 */
export function settingsOf(properties: ResourceProperties): ChannelSettings {
    const settings = listsOf(properties);
    for (const superseded of SUPERSEDED_PHONE_FIELDS) {
        const value = phoneFieldOf(properties, superseded);
        if (value === undefined || value === null) {
            continue;
        }
        let entries = settings[superseded.list] ?? [];
        const voiceListed = entryFor(entries, 'VOICE') !== undefined;
        const channels = voiceListed ? VOICE_ONLY : superseded.channels;
        for (const channel of channels) {
            const held = entryFor(entries, channel);
            if (!held || superseded.valueIn(held) === undefined) {
                entries = withValue(entries, channel, superseded, value);
            }
        }
        settings[superseded.list] = entries;
    }
    return settings;
}

const channelRank = (entry: ChannelEntry) => {
    const rank = (CHANNELS as readonly unknown[]).indexOf(entry.Channel);
    return rank < 0 ? CHANNELS.length : rank;
};

/**
 * A model's per-channel settings in both views, whichever form it states them
 * in: PhoneConfig as the VOICE view of the record, and every list in full,
 * channels in a fixed order. This is what a read answers, so a template in
 * either form or both reads back as written.
 */
export function withBothViews(properties: ResourceProperties): ResourceProperties {
    const settings = settingsOf(properties);
    const phoneConfig: Record<string, unknown> = { ...properties.PhoneConfig };
    for (const superseded of SUPERSEDED_PHONE_FIELDS) {
        const voice = entryFor(settings[superseded.list], 'VOICE');
        const value = voice && superseded.valueIn(voice);
        if (value !== undefined && value !== null && value !== '') {
            phoneConfig[superseded.field] = value;
        }
    }
    const model: ResourceProperties = { ...properties };
    delete model.PhoneConfig;
    if (Object.keys(phoneConfig).length) {
        model.PhoneConfig = phoneConfig as UserPhoneConfig;
    }
    for (const list of CHANNEL_LIST_NAMES) {
        const entries = settings[list];
        if (entries?.length) {
            (model as Record<string, unknown>)[list] = [...entries].sort(
                (a, b) => channelRank(a) - channelRank(b)
            );
        }
    }
    return model;
}

export interface DesiredSettings {
    /** The entries the desired model names, per list: only these are compared and sent. */
    settings: ChannelSettings;
    /**
     * The lists whose VOICE value a PhoneConfig field gives for every channel
     * the user has an entry for too (the model gives no list of its own).
     */
    everyChannel: ChannelListName[];
    /** Each PhoneConfig field whose list's VOICE entry says otherwise, with no way to tell which is meant. */
    conflicts: string[];
}

/**
 * The per-channel settings a desired model names. A PhoneConfig field names
 * the VOICE entry of its list, and the after-contact-work limit every channel
 * the user has when the model gives no AfterContactWorkConfigs. When a PhoneConfig field
 * and its list's VOICE entry disagree, the one that differs from the previous
 * model is the change (a Cloud Control patch of one side leaves the other as
 * it was read); when both differ from it, or there is no previous model, it
 * is a conflict.
 */
export function desiredSettings(
    desired: ResourceProperties,
    previous?: ResourceProperties
): DesiredSettings {
    const settings = listsOf(desired);
    const before = previous ? settingsOf(previous) : undefined;
    const conflicts: string[] = [];
    const everyChannel: ChannelListName[] = [];
    for (const superseded of SUPERSEDED_PHONE_FIELDS) {
        const value = phoneFieldOf(desired, superseded);
        if (value === undefined || value === null) {
            continue;
        }
        let entries = settings[superseded.list] ?? [];
        const voice = entryFor(entries, 'VOICE');
        const inList = voice && superseded.valueIn(voice);
        if (inList === undefined) {
            entries = withValue(entries, 'VOICE', superseded, value);
            if (
                desired[superseded.list] === undefined &&
                superseded.channels.length > 1
            ) {
                everyChannel.push(superseded.list);
            }
        } else if (inList !== value) {
            const beforeVoice = entryFor(before?.[superseded.list], 'VOICE');
            const was = beforeVoice && superseded.valueIn(beforeVoice);
            if (was !== undefined && inList === was) {
                entries = withValue(entries, 'VOICE', superseded, value);
            } else if (was === undefined || value !== was) {
                conflicts.push(
                    `PhoneConfig.${superseded.field} (${JSON.stringify(value)}) and the ` +
                        `VOICE entry of ${superseded.list} (${JSON.stringify(inList)}) ` +
                        'hold the same setting with different values: give it in one of ' +
                        'them, or the same value in both'
                );
            }
        }
        settings[superseded.list] = entries;
    }
    return { settings, everyChannel, conflicts };
}

/**
 * The PhoneConfig a new user is created with: the fields whose list the
 * model does not give (CreateUser refuses a field and its list together; a
 * field beside its list goes in the list's VOICE entry instead).
 */
export function phoneConfigBesideLists(
    properties: ResourceProperties
): UserPhoneConfig | undefined {
    if (!properties.PhoneConfig) {
        return undefined;
    }
    const config: Record<string, unknown> = { ...properties.PhoneConfig };
    for (const { field, list } of SUPERSEDED_PHONE_FIELDS) {
        if (properties[list] !== undefined) {
            delete config[field];
        }
    }
    return config as UserPhoneConfig;
}

import type { ResourceProperties, UserPhoneConfig } from './properties';

/**
 * PhoneConfig and the per-channel lists that supersede its fields. Connect's
 * PhoneConfig is the VOICE channel's view: a DescribeUser may return both a
 * PhoneConfig field and the VOICE entry of the list that replaces it, holding
 * the same value.
 */

export const CHANNEL_LIST_NAMES = [
    'AutoAcceptConfigs',
    'AfterContactWorkConfigs',
    'PhoneNumberConfigs',
    'PersistentConnectionConfigs',
    'VoiceEnhancementConfigs',
] as const;

export type ChannelListName = (typeof CHANNEL_LIST_NAMES)[number];

type ChannelEntry = { Channel?: string } & Record<string, unknown>;

export interface SupersededField {
    field: keyof UserPhoneConfig;
    list: ChannelListName;
    /** The field's value as the list's entry for a channel holds it. */
    valueIn: (entry: ChannelEntry) => unknown;
}

export const SUPERSEDED_PHONE_FIELDS: readonly SupersededField[] = [
    { field: 'AutoAccept', list: 'AutoAcceptConfigs', valueIn: (e) => e.AutoAccept },
    {
        field: 'AfterContactWorkTimeLimit',
        list: 'AfterContactWorkConfigs',
        valueIn: (e) =>
            (e.AfterContactWorkConfig as { AfterContactWorkTimeLimit?: number })
                ?.AfterContactWorkTimeLimit,
    },
    { field: 'PhoneType', list: 'PhoneNumberConfigs', valueIn: (e) => e.PhoneType },
    {
        field: 'DeskPhoneNumber',
        list: 'PhoneNumberConfigs',
        valueIn: (e) => e.PhoneNumber,
    },
    {
        field: 'PersistentConnection',
        list: 'PersistentConnectionConfigs',
        valueIn: (e) => e.PersistentConnection,
    },
];

/** The entries of a per-channel list. */
export function entriesOf(
    properties: ResourceProperties,
    list: ChannelListName
): ChannelEntry[] {
    return (properties[list] ?? []) as unknown as ChannelEntry[];
}

/** The entry of a list for one channel. */
export function entryFor(
    entries: readonly ChannelEntry[],
    channel: string | undefined
): ChannelEntry | undefined {
    return entries.find((entry) => entry.Channel === channel);
}

/**
 * Whether a PhoneConfig field merely repeats its list: the list has a VOICE
 * entry holding the same value, as a read of a user that Connect describes
 * both ways shows it.
 */
export function repeatsList(
    properties: ResourceProperties,
    superseded: SupersededField
): boolean {
    const value = (properties.PhoneConfig as Record<string, unknown> | undefined)?.[
        superseded.field
    ];
    const voice = entryFor(entriesOf(properties, superseded.list), 'VOICE');
    return voice !== undefined && superseded.valueIn(voice) === value;
}

/** PhoneConfig without the fields a list of the same model supersedes. */
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

/**
 * One per-channel truth behind a user's PhoneConfig and per-channel lists, and the
 * views DescribeUser gives of it. Pure: every function takes settings and returns new
 * ones.
 *
 * The Connect facts this follows: UpdateUserPhoneConfig "will always set the same ACW
 * timeouts to all channels the user handles", UpdateUserConfig sets them per channel,
 * and PhoneNumberConfigs, PersistentConnectionConfigs and VoiceEnhancementConfigs
 * exist only for VOICE. So PhoneConfig's ACW timeout stands for an entry on every
 * channel, and its other fields for VOICE entries; read back, PhoneConfig is the VOICE
 * view.
 */
import type {
    Channel,
    ChannelConfigField,
    ChannelConfigs,
    ChannelSettings,
    PhoneConfig,
    UserState,
    WrittenAs,
} from './types';

export const CHANNELS: readonly Channel[] = ['VOICE', 'CHAT', 'TASK', 'EMAIL'];

export const CHANNEL_CONFIG_FIELDS: readonly ChannelConfigField[] = [
    'AutoAcceptConfigs',
    'AfterContactWorkConfigs',
    'PhoneNumberConfigs',
    'PersistentConnectionConfigs',
    'VoiceEnhancementConfigs',
];

type Entry = { Channel: Channel } & Record<string, unknown>;
type Stored = Entry & { writtenAs: WrittenAs };

interface PhoneConfigMapping {
    /** The PhoneConfig fields that the list supersedes. */
    phoneFields: ReadonlyArray<keyof PhoneConfig>;
    list: ChannelConfigField;
    /** The channels one PhoneConfig write sets. */
    channels: readonly Channel[];
    toEntry(config: PhoneConfig, channel: Channel): Entry;
    toPhoneConfig(entry: Entry): PhoneConfig;
}

/**
 * The PhoneConfig fields and the per-channel list that supersedes each of them: the
 * pairs CreateUser refuses together, and how each side reads as the other.
 */
export const PHONE_CONFIG_MAPPINGS: readonly PhoneConfigMapping[] = [
    {
        phoneFields: ['AutoAccept'],
        list: 'AutoAcceptConfigs',
        // The legacy auto-accept setting was for calls; only ACW is documented as
        // applying to every channel.
        channels: ['VOICE'],
        toEntry: (config, channel) => ({
            Channel: channel,
            AutoAccept: config.AutoAccept,
        }),
        toPhoneConfig: (entry) => ({ AutoAccept: entry.AutoAccept as boolean }),
    },
    {
        phoneFields: ['AfterContactWorkTimeLimit'],
        list: 'AfterContactWorkConfigs',
        channels: CHANNELS,
        toEntry: (config, channel) => ({
            Channel: channel,
            AfterContactWorkConfig: {
                AfterContactWorkTimeLimit: config.AfterContactWorkTimeLimit,
            },
        }),
        toPhoneConfig: (entry) => ({
            AfterContactWorkTimeLimit: (
                entry.AfterContactWorkConfig as
                    { AfterContactWorkTimeLimit?: number } | undefined
            )?.AfterContactWorkTimeLimit,
        }),
    },
    {
        phoneFields: ['PhoneType', 'DeskPhoneNumber'],
        list: 'PhoneNumberConfigs',
        channels: ['VOICE'],
        toEntry: (config, channel) =>
            withoutUndefined({
                Channel: channel,
                PhoneType: config.PhoneType,
                PhoneNumber: config.DeskPhoneNumber,
            }),
        toPhoneConfig: (entry) => ({
            PhoneType: entry.PhoneType as string | undefined,
            DeskPhoneNumber: entry.PhoneNumber as string | undefined,
        }),
    },
    {
        phoneFields: ['PersistentConnection'],
        list: 'PersistentConnectionConfigs',
        channels: ['VOICE'],
        toEntry: (config, channel) => ({
            Channel: channel,
            PersistentConnection: config.PersistentConnection,
        }),
        toPhoneConfig: (entry) => ({
            PersistentConnection: entry.PersistentConnection as boolean,
        }),
    },
];

/** UserPhoneConfig's member order, so a PhoneConfig always reads the same way. */
const PHONE_CONFIG_ORDER: ReadonlyArray<keyof PhoneConfig> = [
    'PhoneType',
    'AutoAccept',
    'AfterContactWorkTimeLimit',
    'DeskPhoneNumber',
    'PersistentConnection',
];

function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(
        Object.entries(value).filter(([, inner]) => inner !== undefined)
    ) as T;
}

const entriesOf = (settings: ChannelSettings, list: ChannelConfigField): Stored[] =>
    (settings[list] ?? []) as Stored[];

function withEntries(
    settings: ChannelSettings,
    list: ChannelConfigField,
    entries: Stored[]
): ChannelSettings {
    const next = { ...settings } as Record<string, Stored[]>;
    if (entries.length > 0) next[list] = entries;
    else delete next[list];
    return next as ChannelSettings;
}

/** Replaces the entry for the entry's channel, keeping its place, or appends it. */
function upsert(entries: readonly Stored[], entry: Stored): Stored[] {
    const index = entries.findIndex((stored) => stored.Channel === entry.Channel);
    return index < 0
        ? [...entries, entry]
        : entries.map((stored, at) => (at === index ? entry : stored));
}

/**
 * Writes a PhoneConfig: each field given sets the entries it stands for. With
 * `replace` (UpdateUserPhoneConfig replaces PhoneConfig), a field left out removes the
 * entries an earlier PhoneConfig wrote for it; entries written per channel stay.
 */
export function writePhoneConfig(
    settings: ChannelSettings,
    config: PhoneConfig,
    options: { replace: boolean }
): ChannelSettings {
    let next = settings;
    for (const mapping of PHONE_CONFIG_MAPPINGS) {
        let entries = entriesOf(next, mapping.list);
        if (mapping.phoneFields.some((field) => config[field] !== undefined)) {
            for (const channel of mapping.channels) {
                entries = upsert(entries, {
                    ...mapping.toEntry(config, channel),
                    writtenAs: 'PhoneConfig',
                });
            }
        } else if (options.replace) {
            entries = entries.filter((entry) => entry.writtenAs !== 'PhoneConfig');
        }
        next = withEntries(next, mapping.list, entries);
    }
    return next;
}

/** Writes per-channel lists: each entry replaces that channel's entry in its list. */
export function writeChannelLists(
    settings: ChannelSettings,
    lists: ChannelConfigs
): ChannelSettings {
    let next = settings;
    for (const field of CHANNEL_CONFIG_FIELDS) {
        let entries = entriesOf(next, field);
        for (const entry of (lists[field] ?? []) as Entry[]) {
            entries = upsert(entries, { ...entry, writtenAs: 'perChannel' });
        }
        next = withEntries(next, field, entries);
    }
    return next;
}

/** The settings a user created with this PhoneConfig and these lists has. */
export function settingsFrom(
    config: PhoneConfig | undefined,
    lists: ChannelConfigs
): ChannelSettings {
    const fromPhoneConfig = config
        ? writePhoneConfig({}, config, { replace: false })
        : {};
    return writeChannelLists(fromPhoneConfig, lists);
}

export interface ConfigurationView extends ChannelConfigs {
    PhoneConfig?: PhoneConfig;
}

/**
 * What DescribeUser shows. By default each setting in the form it was last written:
 * PhoneConfig holds the VOICE entries a PhoneConfig wrote, the lists the entries
 * written per channel. With `both`, PhoneConfig is the VOICE view of every entry and
 * the lists hold every entry.
 */
export function configurationView(
    settings: ChannelSettings,
    options: { both: boolean }
): ConfigurationView {
    const shown = (entry: Stored, form: WrittenAs): boolean =>
        options.both || entry.writtenAs === form;
    const view: ConfigurationView = {};
    for (const field of CHANNEL_CONFIG_FIELDS) {
        const entries = entriesOf(settings, field)
            .filter((entry) => shown(entry, 'perChannel'))
            .map(({ writtenAs: _writtenAs, ...entry }) => entry);
        if (entries.length > 0) (view as Record<string, unknown>)[field] = entries;
    }
    const phoneConfig: PhoneConfig = {};
    for (const mapping of PHONE_CONFIG_MAPPINGS) {
        const voice = entriesOf(settings, mapping.list).find(
            (entry) => entry.Channel === 'VOICE' && shown(entry, 'PhoneConfig')
        );
        if (voice) Object.assign(phoneConfig, mapping.toPhoneConfig(voice));
    }
    const ordered = withoutUndefined(
        Object.fromEntries(PHONE_CONFIG_ORDER.map((key) => [key, phoneConfig[key]]))
    ) as PhoneConfig;
    if (Object.keys(ordered).length > 0) view.PhoneConfig = ordered;
    return view;
}

/**
 * Stores settings on a user together with the default view of them, which the state
 * carries for readers of snapshots.
 */
export function storeChannelSettings(user: UserState, settings: ChannelSettings): void {
    user.channelSettings = settings;
    delete user.phoneConfig;
    for (const field of CHANNEL_CONFIG_FIELDS) delete user[field];
    const { PhoneConfig: phoneConfig, ...lists } = configurationView(settings, {
        both: false,
    });
    if (phoneConfig) user.phoneConfig = phoneConfig;
    Object.assign(user, lists);
}

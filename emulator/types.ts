/**
 * Shapes shared by the emulator: its persisted state, seed, faults and call records.
 * The state is plain JSON so that it can be snapshotted, persisted and re-seeded.
 */

export type IdentityManagementType = 'CONNECT_MANAGED' | 'SAML' | 'EXISTING_DIRECTORY';

export type Channel = 'VOICE' | 'CHAT' | 'TASK' | 'EMAIL';

export interface NamedResource {
    id: string;
    name: string;
}

/**
 * A routing profile. Connect requires a default outbound queue and the media
 * concurrencies on every routing profile; a seed may still leave them out.
 */
export interface RoutingProfile extends NamedResource {
    description?: string;
    defaultOutboundQueueId?: string;
    mediaConcurrencies?: MediaConcurrency[];
    /** The queues it routes from, one entry per queue and channel. */
    queueConfigs?: RoutingProfileQueueConfig[];
}

export interface RoutingProfileQueueConfig {
    QueueId: string;
    Channel: Channel;
    Priority: number;
    Delay: number;
}

export interface SecurityProfile extends NamedResource {
    /** The permission names it grants, such as `BasicAgentAccess`. */
    permissions?: string[];
}

export interface MediaConcurrency {
    Channel: Channel;
    Concurrency: number;
    CrossChannelBehavior?: { BehaviorType: string };
}

export interface HierarchyGroup extends NamedResource {
    /** 1 for a root group, up to 5. */
    level: number;
    parentId?: string;
}

/** A level of the instance's agent hierarchy structure. */
export interface HierarchyLevel extends NamedResource {
    /** 1 to 5. */
    level: number;
}

export interface PredefinedAttribute {
    name: string;
    values: string[];
}

export interface IdentityInfo {
    FirstName?: string;
    LastName?: string;
    Email?: string;
    SecondaryEmail?: string;
    Mobile?: string;
}

export interface PhoneConfig {
    PhoneType?: string;
    AutoAccept?: boolean;
    AfterContactWorkTimeLimit?: number;
    DeskPhoneNumber?: string;
    PersistentConnection?: boolean;
}

export interface AutoAcceptConfig {
    Channel: Channel;
    AutoAccept?: boolean;
    AgentFirstCallbackAutoAccept?: boolean;
}

export interface AfterContactWorkConfigPerChannel {
    Channel: Channel;
    AfterContactWorkConfig?: { AfterContactWorkTimeLimit?: number };
    AgentFirstCallbackAfterContactWorkConfig?: { AfterContactWorkTimeLimit?: number };
}

export interface PhoneNumberConfig {
    Channel: Channel;
    PhoneType?: string;
    PhoneNumber?: string;
}

export interface PersistentConnectionConfig {
    Channel: Channel;
    PersistentConnection?: boolean;
}

export interface VoiceEnhancementConfig {
    Channel: Channel;
    VoiceEnhancementMode?: string;
}

/** The per-channel configuration lists of a user, keyed by their API field name. */
export interface ChannelConfigs {
    AutoAcceptConfigs?: AutoAcceptConfig[];
    AfterContactWorkConfigs?: AfterContactWorkConfigPerChannel[];
    PhoneNumberConfigs?: PhoneNumberConfig[];
    PersistentConnectionConfigs?: PersistentConnectionConfig[];
    VoiceEnhancementConfigs?: VoiceEnhancementConfig[];
}

export type ChannelConfigField = keyof ChannelConfigs;

/** Which form of the API last wrote a per-channel entry. */
export type WrittenAs = 'PhoneConfig' | 'perChannel';

/**
 * The single truth behind PhoneConfig and the per-channel lists: every channel's
 * entry for every list, whichever call wrote it. A PhoneConfig write lands here as
 * the entries it stands for (see channels.ts); PhoneConfig and the lists a user shows
 * are both views of this.
 */
export type ChannelSettings = {
    [Field in ChannelConfigField]?: Array<
        NonNullable<ChannelConfigs[Field]>[number] & { writtenAs: WrittenAs }
    >;
};

export interface UserProficiency {
    AttributeName: string;
    AttributeValue: string;
    Level: number;
}

/**
 * A stored user. Passwords are never stored, not even hashed. `phoneConfig` and the
 * per-channel lists are the view DescribeUser gives by default, rewritten from
 * `channelSettings` after every change for readers of snapshots; the emulator itself
 * reads only `channelSettings`.
 */
export interface UserState extends ChannelConfigs {
    id: string;
    username: string;
    identityInfo?: IdentityInfo;
    phoneConfig?: PhoneConfig;
    channelSettings: ChannelSettings;
    directoryUserId?: string;
    securityProfileIds: string[];
    routingProfileId: string;
    hierarchyGroupId?: string;
    tags: Record<string, string>;
    proficiencies: UserProficiency[];
    /** Epoch milliseconds. */
    lastModifiedTime: number;
    lastModifiedRegion: string;
    /** Epoch milliseconds of the last proficiency change, if any. */
    proficienciesLastModifiedTime?: number;
}

/** A user of the directory behind an EXISTING_DIRECTORY instance. */
export interface DirectoryUser {
    DirectoryUserId: string;
    FirstName?: string;
    LastName?: string;
    Email?: string;
}

export interface InstanceState {
    id: string;
    alias: string;
    identityManagementType: IdentityManagementType;
    /** ISO-8601. */
    createdTime: string;
    queues: NamedResource[];
    routingProfiles: RoutingProfile[];
    securityProfiles: SecurityProfile[];
    hierarchyGroups: HierarchyGroup[];
    /** The names of the hierarchy levels, one entry per level in use. */
    hierarchyLevels: HierarchyLevel[];
    predefinedAttributes: PredefinedAttribute[];
    /** The directory's users; only EXISTING_DIRECTORY instances have any. */
    directoryUsers: DirectoryUser[];
    users: UserState[];
    /** DescribeInstanceAttribute's values by attribute type, where the seed gives them. */
    attributes?: Record<string, string>;
}

/** The whole emulated account. A seed file and a state file share this shape. */
export interface EmulatorState {
    accountId: string;
    region: string;
    partition: string;
    instances: InstanceState[];
}

export type FaultKind = 'throttle' | 'error500' | 'drop' | 'latency' | 'lose-answer';

export interface FaultSpec {
    /** SDK operation name such as 'CreateUser', or '*' for any operation. */
    operation: string;
    /** How many of the next matching calls the fault applies to. */
    count: number;
    kind: FaultKind;
    /** Delay for kind 'latency'. */
    latencyMs?: number;
}

export interface CallRecord {
    seq: number;
    /** ISO-8601. */
    time: string;
    /** SDK operation name, e.g. 'CreateUser'. */
    operation: string;
    instanceId?: string;
    /** Path, query and body parameters merged; Password replaced by '<redacted>'. */
    params: Record<string, unknown>;
    /** HTTP status returned; 0 when the connection was dropped. */
    status: number;
    /** For kind 'lose-answer': the status of the answer that was processed but never sent. */
    lostStatus?: number;
    /** Exception name when the call failed (for 'lose-answer', of the lost answer). */
    error?: string;
    /** The injected fault kind, when one applied. */
    fault?: FaultKind;
}

export interface RateLimit {
    ratePerSecond: number;
    burst: number;
}

/**
 * Per-operation token buckets; the key '*' applies to every operation without its own
 * entry, each operation still with a bucket of its own.
 */
export type RateLimits = Record<string, RateLimit>;

/** How the emulator answers where the API reference leaves a choice (see README). */
export interface Behaviour {
    /** Accept `aws:` tag keys on CreateUser (refused by default, as TagResource's key rule says). */
    acceptSystemTags: boolean;
    /** DescribeUser returns PhoneConfig and every per-channel list, all derived from one truth. */
    describeBoth: boolean;
    /** UpdateUserIdentityInfo changing a directory-managed field: refuse, or ignore the field. */
    directoryIdentityUpdates: DirectoryIdentityUpdates;
}

export type DirectoryIdentityUpdates = 'refuse' | 'ignore';

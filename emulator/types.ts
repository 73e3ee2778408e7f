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

export interface HierarchyGroup extends NamedResource {
    /** 1 for a root group, up to 5. */
    level: number;
    parentId?: string;
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

export interface UserProficiency {
    AttributeName: string;
    AttributeValue: string;
    Level: number;
}

/** A stored user. Passwords are never stored, not even hashed. */
export interface UserState extends ChannelConfigs {
    id: string;
    username: string;
    identityInfo?: IdentityInfo;
    phoneConfig?: PhoneConfig;
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

export interface InstanceState {
    id: string;
    alias: string;
    identityManagementType: IdentityManagementType;
    /** ISO-8601. */
    createdTime: string;
    routingProfiles: NamedResource[];
    securityProfiles: NamedResource[];
    hierarchyGroups: HierarchyGroup[];
    predefinedAttributes: PredefinedAttribute[];
    users: UserState[];
}

/** The whole emulated account. A seed file and a state file share this shape. */
export interface EmulatorState {
    accountId: string;
    region: string;
    partition: string;
    instances: InstanceState[];
}

export type FaultKind = 'throttle' | 'error500' | 'drop' | 'latency';

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
    /** Exception name when the call failed. */
    error?: string;
    /** The injected fault kind, when one applied. */
    fault?: FaultKind;
}

export interface RateLimit {
    ratePerSecond: number;
    burst: number;
}

/** Per-operation token buckets; the key '*' applies to every operation. */
export type RateLimits = Record<string, RateLimit>;

/**
 * The default seed (seed.json) and the constants tests use to refer to its resources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNEL_CONFIG_FIELDS, settingsFrom, storeChannelSettings } from './channels';
import seedJson from './seed.json';
import type {
    ChannelConfigs,
    DirectoryUser,
    EmulatorState,
    IdentityManagementType,
    InstanceState,
    UserState,
} from './types';

export const DEFAULT_SEED_FILE = join(__dirname, 'seed.json');

const IDENTITY_TYPES: readonly IdentityManagementType[] = [
    'CONNECT_MANAGED',
    'SAML',
    'EXISTING_DIRECTORY',
];

function fail(message: string): never {
    throw new Error(`Invalid emulator seed: ${message}`);
}

/**
 * A seeded or saved user with everything it may leave out filled in. A user without
 * `channelSettings` (written by hand, or by an older emulator) gets them from its
 * PhoneConfig and lists, as if it had been created with them.
 */
function normalizeUser(raw: Partial<UserState>): UserState {
    const user = {
        ...raw,
        tags: raw.tags ?? {},
        proficiencies: raw.proficiencies ?? [],
        securityProfileIds: raw.securityProfileIds ?? [],
    } as UserState;
    const lists: ChannelConfigs = Object.fromEntries(
        CHANNEL_CONFIG_FIELDS.filter((field) => raw[field]).map((field) => [
            field,
            raw[field],
        ])
    );
    storeChannelSettings(
        user,
        raw.channelSettings ?? settingsFrom(raw.phoneConfig, lists)
    );
    return user;
}

/**
 * Checks the shape of a seed or state document and fills in what a seed may leave
 * out (users and their collections). Comment fields such as `_comment` are dropped.
 */
export function normalizeState(raw: unknown): EmulatorState {
    if (typeof raw !== 'object' || raw === null) fail('expected an object');
    const doc = raw as Record<string, unknown>;
    for (const field of ['accountId', 'region', 'partition']) {
        if (typeof doc[field] !== 'string') fail(`${field} must be a string`);
    }
    if (!Array.isArray(doc.instances)) fail('instances must be a list');
    const instances = (doc.instances as Array<Record<string, unknown>>).map(
        (instance, index): InstanceState => {
            if (typeof instance.id !== 'string')
                fail(`instances[${index}].id is missing`);
            const type = instance.identityManagementType as IdentityManagementType;
            if (!IDENTITY_TYPES.includes(type)) {
                fail(`instances[${index}].identityManagementType is not valid`);
            }
            const list = <T>(field: string): T[] =>
                structuredClone((instance[field] as T[] | undefined) ?? []);
            return {
                id: instance.id,
                alias: String(instance.alias ?? instance.id),
                identityManagementType: type,
                createdTime: String(instance.createdTime ?? '2024-01-01T00:00:00.000Z'),
                queues: list('queues'),
                routingProfiles: list('routingProfiles'),
                securityProfiles: list('securityProfiles'),
                hierarchyGroups: list('hierarchyGroups'),
                hierarchyLevels: list('hierarchyLevels'),
                predefinedAttributes: list('predefinedAttributes'),
                directoryUsers: list<DirectoryUser>('directoryUsers'),
                users: list<Partial<UserState>>('users').map(normalizeUser),
                ...(instance.attributes === undefined
                    ? {}
                    : {
                          attributes: structuredClone(instance.attributes) as Record<
                              string,
                              string
                          >,
                      }),
            };
        }
    );
    return {
        accountId: doc.accountId as string,
        region: doc.region as string,
        partition: doc.partition as string,
        instances,
    };
}

export function loadSeedFile(path: string): EmulatorState {
    return normalizeState(JSON.parse(readFileSync(path, 'utf8')));
}

/** The default seed, as the emulator starts with it. */
export const SEED: EmulatorState = normalizeState(seedJson);

export const SEED_ACCOUNT_ID = SEED.accountId;
export const SEED_REGION = SEED.region;
export const SEED_PARTITION = SEED.partition;

export interface SeedInstance {
    id: string;
    arn: string;
    alias: string;
    identityManagementType: IdentityManagementType;
    /** Routing profile IDs in seed order: Basic Routing Profile, Sales, Support. */
    routingProfileIds: string[];
    routingProfileArns: string[];
    /** Security profile IDs: Agent, Admin, CallCenterManager, QualityAnalyst. */
    securityProfileIds: string[];
    securityProfileArns: string[];
    /** Hierarchy group IDs: North America (level 1), Seattle, Austin (level 2). */
    hierarchyGroupIds: string[];
    hierarchyGroupArns: string[];
    /** Hierarchy level IDs: Region (level 1), Site (level 2). */
    hierarchyLevelIds: string[];
    /** Their ARNs, which end in the level number, not the ID. */
    hierarchyLevelArns: string[];
    predefinedAttributes: Record<string, string[]>;
    /** The directory's users (EXISTING_DIRECTORY only): DirectoryUserId and names. */
    directoryUsers: DirectoryUser[];
    /** Their DirectoryUserIds, in seed order. */
    directoryUserIds: string[];
    /** ARN of a user in this instance. */
    userArn(userId: string): string;
}

function describeSeedInstance(instance: InstanceState): SeedInstance {
    const arn = `arn:${SEED_PARTITION}:connect:${SEED_REGION}:${SEED_ACCOUNT_ID}:instance/${instance.id}`;
    const ids = (resources: Array<{ id: string }>) => resources.map((r) => r.id);
    const arns = (resources: Array<{ id: string }>, kind: string) =>
        resources.map((r) => `${arn}/${kind}/${r.id}`);
    return {
        id: instance.id,
        arn,
        alias: instance.alias,
        identityManagementType: instance.identityManagementType,
        routingProfileIds: ids(instance.routingProfiles),
        routingProfileArns: arns(instance.routingProfiles, 'routing-profile'),
        securityProfileIds: ids(instance.securityProfiles),
        securityProfileArns: arns(instance.securityProfiles, 'security-profile'),
        hierarchyGroupIds: ids(instance.hierarchyGroups),
        hierarchyGroupArns: arns(instance.hierarchyGroups, 'agent-group'),
        hierarchyLevelIds: ids(instance.hierarchyLevels),
        hierarchyLevelArns: instance.hierarchyLevels.map(
            (level) => `${arn}/agent-group-level/${level.level}`
        ),
        predefinedAttributes: Object.fromEntries(
            instance.predefinedAttributes.map((a) => [a.name, [...a.values]])
        ),
        directoryUsers: structuredClone(instance.directoryUsers),
        directoryUserIds: instance.directoryUsers.map((user) => user.DirectoryUserId),
        userArn: (userId) => `${arn}/agent/${userId}`,
    };
}

const byType = (type: IdentityManagementType): SeedInstance => {
    const instance = SEED.instances.find((i) => i.identityManagementType === type);
    if (!instance) throw new Error(`The default seed has no ${type} instance`);
    return describeSeedInstance(instance);
};

/** The three seeded instances, one per identity management type. */
export const SEED_INSTANCES = {
    /** alias managed-demo, CONNECT_MANAGED */
    managed: byType('CONNECT_MANAGED'),
    /** alias saml-demo, SAML */
    saml: byType('SAML'),
    /** alias directory-demo, EXISTING_DIRECTORY */
    directory: byType('EXISTING_DIRECTORY'),
} as const;

/**
 * Pure request validation: the field rules of the Amazon Connect user APIs. Each
 * function takes the untyped JSON the client sent and either returns it typed or
 * throws the ConnectError the service would answer with.
 *
 * Convention: a field whose shape or format is wrong is InvalidParameterException; a
 * field that the instance's identity management type requires or refuses is
 * InvalidRequestException.
 */
import { invalidParameter, invalidRequest } from './errors';
import type {
    Channel,
    ChannelConfigField,
    ChannelConfigs,
    IdentityInfo,
    IdentityManagementType,
    PhoneConfig,
} from './types';

const CHANNELS: readonly Channel[] = ['VOICE', 'CHAT', 'TASK', 'EMAIL'];
const PHONE_TYPES = ['SOFT_PHONE', 'DESK_PHONE'];
const VOICE_ENHANCEMENT_MODES = ['VOICE_ISOLATION', 'NOISE_SUPPRESSION', 'NONE'];
const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME_CHARS = /^[a-zA-Z0-9_\-.@]+$/;
const EMAIL_USERNAME = /^[a-zA-Z0-9_\-.]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;
const PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/;
const MAX_AFTER_CONTACT_WORK_SECONDS = 2_000_000;

export const CHANNEL_CONFIG_FIELDS: readonly ChannelConfigField[] = [
    'AutoAcceptConfigs',
    'AfterContactWorkConfigs',
    'PhoneNumberConfigs',
    'PersistentConnectionConfigs',
    'VoiceEnhancementConfigs',
];

/**
 * The legacy PhoneConfig fields each per-channel list supersedes. Connect refuses a
 * request that sets both sides of a pair.
 */
export const PHONE_CONFIG_CONFLICTS: ReadonlyArray<{
    phoneFields: ReadonlyArray<keyof PhoneConfig>;
    list: ChannelConfigField;
}> = [
    { phoneFields: ['AutoAccept'], list: 'AutoAcceptConfigs' },
    { phoneFields: ['AfterContactWorkTimeLimit'], list: 'AfterContactWorkConfigs' },
    { phoneFields: ['PhoneType', 'DeskPhoneNumber'], list: 'PhoneNumberConfigs' },
    { phoneFields: ['PersistentConnection'], list: 'PersistentConnectionConfigs' },
];

/** Lists whose entries may only name the VOICE channel. */
const VOICE_ONLY_LISTS: ReadonlySet<ChannelConfigField> = new Set([
    'PhoneNumberConfigs',
    'PersistentConnectionConfigs',
    'VoiceEnhancementConfigs',
]);

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(
    value: unknown,
    field: string,
    maxLength = 1024
): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
        throw invalidParameter(`${field} must be a string`);
    }
    if (value.length > maxLength) {
        throw invalidParameter(`${field} must be at most ${maxLength} characters`);
    }
    return value;
}

export function requiredString(
    value: unknown,
    field: string,
    maxLength = 1024
): string {
    const text = optionalString(value, field, maxLength);
    if (text === undefined || text.length === 0) {
        throw invalidParameter(`${field} is required`);
    }
    return text;
}

function optionalBoolean(value: unknown, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean')
        throw invalidParameter(`${field} must be a boolean`);
    return value;
}

function afterContactWorkLimit(value: unknown, field: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < 0 ||
        value > MAX_AFTER_CONTACT_WORK_SECONDS
    ) {
        throw invalidParameter(
            `${field} must be an integer from 0 to ${MAX_AFTER_CONTACT_WORK_SECONDS}`
        );
    }
    return value;
}

export function validateUsername(value: unknown, type: IdentityManagementType): string {
    const username = requiredString(value, 'Username', 64);
    if (!USERNAME_CHARS.test(username)) {
        throw invalidParameter(
            'Username may contain only letters, digits and the characters _ - . @'
        );
    }
    // Connect allows up to 64 characters with SAML, 20 otherwise.
    const max = type === 'SAML' ? 64 : 20;
    if (username.length > max) {
        throw invalidParameter(
            `Username must be at most ${max} characters on a ${type} instance`
        );
    }
    if (username.includes('@') && !EMAIL_USERNAME.test(username)) {
        throw invalidParameter('Username may contain @ only in an email address form');
    }
    return username;
}

/** Password is required with CONNECT_MANAGED identity and refused otherwise. */
export function validatePassword(value: unknown, type: IdentityManagementType): void {
    if (type !== 'CONNECT_MANAGED') {
        if (value !== undefined && value !== null) {
            throw invalidRequest(
                `Password is not supported on an instance using ${type} identity management`
            );
        }
        return;
    }
    if (value === undefined || value === null || value === '') {
        throw invalidRequest(
            'Password is required on an instance using CONNECT_MANAGED identity management'
        );
    }
    if (typeof value !== 'string' || !PASSWORD.test(value)) {
        throw invalidParameter(
            'Password must be 8-64 characters with at least one lowercase letter, ' +
                'one uppercase letter and one number'
        );
    }
}

/** DirectoryUserId only makes sense with EXISTING_DIRECTORY identity management. */
export function validateDirectoryUserId(
    value: unknown,
    type: IdentityManagementType
): string | undefined {
    const id = optionalString(value, 'DirectoryUserId', 256);
    if (id !== undefined && type !== 'EXISTING_DIRECTORY') {
        throw invalidRequest(
            `DirectoryUserId is supported only on an instance using EXISTING_DIRECTORY ` +
                `identity management, not ${type}`
        );
    }
    return id;
}

/**
 * CONNECT_MANAGED needs FirstName, LastName and Email; SAML needs FirstName and
 * LastName and refuses Email; EXISTING_DIRECTORY needs nothing.
 */
export function validateIdentityInfo(
    value: unknown,
    type: IdentityManagementType
): IdentityInfo | undefined {
    if (value !== undefined && value !== null && !isObject(value)) {
        throw invalidParameter('IdentityInfo must be an object');
    }
    const raw = value ?? {};
    const info: IdentityInfo = {
        FirstName: optionalString(raw.FirstName, 'IdentityInfo.FirstName', 100),
        LastName: optionalString(raw.LastName, 'IdentityInfo.LastName', 100),
        Email: optionalString(raw.Email, 'IdentityInfo.Email', 265),
        SecondaryEmail: optionalString(
            raw.SecondaryEmail,
            'IdentityInfo.SecondaryEmail',
            265
        ),
        Mobile: optionalString(raw.Mobile, 'IdentityInfo.Mobile', 16),
    };
    for (const field of ['Email', 'SecondaryEmail'] as const) {
        const email = info[field];
        if (email !== undefined && !EMAIL.test(email)) {
            throw invalidParameter(`IdentityInfo.${field} must be an email address`);
        }
    }
    if (info.Mobile !== undefined && !E164.test(info.Mobile)) {
        throw invalidParameter(
            'IdentityInfo.Mobile must be in E.164 format, e.g. +15555550100'
        );
    }
    const required: Array<keyof IdentityInfo> =
        type === 'CONNECT_MANAGED'
            ? ['FirstName', 'LastName', 'Email']
            : type === 'SAML'
              ? ['FirstName', 'LastName']
              : [];
    for (const field of required) {
        if (!info[field]) {
            throw invalidRequest(
                `IdentityInfo.${field} is required on an instance using ${type} ` +
                    'identity management'
            );
        }
    }
    if (type === 'SAML' && info.Email !== undefined) {
        throw invalidRequest(
            'IdentityInfo.Email is not supported on an instance using SAML identity management'
        );
    }
    const cleaned = dropUndefined(info);
    return Object.keys(cleaned).length > 0 ? cleaned : undefined;
}

export function validatePhoneConfig(
    value: unknown,
    options: { required: boolean }
): PhoneConfig | undefined {
    if (value === undefined || value === null) {
        if (options.required) throw invalidParameter('PhoneConfig is required');
        return undefined;
    }
    if (!isObject(value)) throw invalidParameter('PhoneConfig must be an object');
    const config: PhoneConfig = {
        PhoneType: optionalString(value.PhoneType, 'PhoneConfig.PhoneType'),
        AutoAccept: optionalBoolean(value.AutoAccept, 'PhoneConfig.AutoAccept'),
        AfterContactWorkTimeLimit: afterContactWorkLimit(
            value.AfterContactWorkTimeLimit,
            'PhoneConfig.AfterContactWorkTimeLimit'
        ),
        DeskPhoneNumber: optionalString(
            value.DeskPhoneNumber,
            'PhoneConfig.DeskPhoneNumber'
        ),
        PersistentConnection: optionalBoolean(
            value.PersistentConnection,
            'PhoneConfig.PersistentConnection'
        ),
    };
    if (config.PhoneType !== undefined && !PHONE_TYPES.includes(config.PhoneType)) {
        throw invalidParameter(
            `PhoneConfig.PhoneType must be one of ${PHONE_TYPES.join(', ')}`
        );
    }
    if (config.DeskPhoneNumber !== undefined && !E164.test(config.DeskPhoneNumber)) {
        throw invalidParameter('PhoneConfig.DeskPhoneNumber must be in E.164 format');
    }
    if (config.PhoneType === 'DESK_PHONE' && config.DeskPhoneNumber === undefined) {
        throw invalidParameter(
            'PhoneConfig.DeskPhoneNumber is required for a DESK_PHONE'
        );
    }
    return dropUndefined(config);
}

function channelOf(item: Record<string, unknown>, where: string): Channel {
    const channel = item.Channel;
    if (typeof channel !== 'string' || !CHANNELS.includes(channel as Channel)) {
        throw invalidParameter(
            `${where}.Channel must be one of ${CHANNELS.join(', ')}`
        );
    }
    return channel as Channel;
}

function validateChannelItem(
    field: ChannelConfigField,
    item: Record<string, unknown>,
    channel: Channel,
    where: string
): Record<string, unknown> {
    const voiceOnly = (name: string): void => {
        if (item[name] !== undefined && item[name] !== null && channel !== 'VOICE') {
            throw invalidParameter(
                `${where}.${name} is supported only on the VOICE channel`
            );
        }
    };
    switch (field) {
        case 'AutoAcceptConfigs': {
            voiceOnly('AgentFirstCallbackAutoAccept');
            const autoAccept = optionalBoolean(item.AutoAccept, `${where}.AutoAccept`);
            if (autoAccept === undefined) {
                throw invalidParameter(`${where}.AutoAccept is required`);
            }
            return {
                Channel: channel,
                AutoAccept: autoAccept,
                AgentFirstCallbackAutoAccept: optionalBoolean(
                    item.AgentFirstCallbackAutoAccept,
                    `${where}.AgentFirstCallbackAutoAccept`
                ),
            };
        }
        case 'AfterContactWorkConfigs': {
            voiceOnly('AgentFirstCallbackAfterContactWorkConfig');
            const limitOf = (name: string, required: boolean) => {
                const config = item[name];
                if (config === undefined || config === null) {
                    if (required)
                        throw invalidParameter(`${where}.${name} is required`);
                    return undefined;
                }
                if (!isObject(config)) {
                    throw invalidParameter(`${where}.${name} must be an object`);
                }
                return dropUndefined({
                    AfterContactWorkTimeLimit: afterContactWorkLimit(
                        config.AfterContactWorkTimeLimit,
                        `${where}.${name}.AfterContactWorkTimeLimit`
                    ),
                });
            };
            return {
                Channel: channel,
                AfterContactWorkConfig: limitOf('AfterContactWorkConfig', true),
                AgentFirstCallbackAfterContactWorkConfig: limitOf(
                    'AgentFirstCallbackAfterContactWorkConfig',
                    false
                ),
            };
        }
        case 'PhoneNumberConfigs': {
            const phoneType = requiredString(item.PhoneType, `${where}.PhoneType`);
            if (!PHONE_TYPES.includes(phoneType)) {
                throw invalidParameter(
                    `${where}.PhoneType must be one of ${PHONE_TYPES.join(', ')}`
                );
            }
            const number = optionalString(item.PhoneNumber, `${where}.PhoneNumber`);
            if (number !== undefined && !E164.test(number)) {
                throw invalidParameter(`${where}.PhoneNumber must be in E.164 format`);
            }
            if (phoneType === 'DESK_PHONE' && number === undefined) {
                throw invalidParameter(
                    `${where}.PhoneNumber is required for a DESK_PHONE`
                );
            }
            return { Channel: channel, PhoneType: phoneType, PhoneNumber: number };
        }
        case 'PersistentConnectionConfigs': {
            const persistent = optionalBoolean(
                item.PersistentConnection,
                `${where}.PersistentConnection`
            );
            if (persistent === undefined) {
                throw invalidParameter(`${where}.PersistentConnection is required`);
            }
            return { Channel: channel, PersistentConnection: persistent };
        }
        case 'VoiceEnhancementConfigs': {
            const mode = requiredString(
                item.VoiceEnhancementMode,
                `${where}.VoiceEnhancementMode`
            );
            if (!VOICE_ENHANCEMENT_MODES.includes(mode)) {
                throw invalidParameter(
                    `${where}.VoiceEnhancementMode must be one of ` +
                        VOICE_ENHANCEMENT_MODES.join(', ')
                );
            }
            return { Channel: channel, VoiceEnhancementMode: mode };
        }
    }
}

/** Validates the per-channel lists present in a request; absent lists stay absent. */
export function validateChannelConfigs(
    params: Record<string, unknown>
): ChannelConfigs {
    const result: Record<string, unknown[]> = {};
    for (const field of CHANNEL_CONFIG_FIELDS) {
        const list = params[field];
        if (list === undefined || list === null) continue;
        if (!Array.isArray(list)) throw invalidParameter(`${field} must be a list`);
        const seen = new Set<Channel>();
        result[field] = list.map((item, index) => {
            const where = `${field}[${index}]`;
            if (!isObject(item)) throw invalidParameter(`${where} must be an object`);
            const channel = channelOf(item, where);
            if (seen.has(channel)) {
                throw invalidParameter(
                    `${field} names the ${channel} channel more than once`
                );
            }
            seen.add(channel);
            if (VOICE_ONLY_LISTS.has(field) && channel !== 'VOICE') {
                throw invalidParameter(`${field} supports only the VOICE channel`);
            }
            return dropUndefined(validateChannelItem(field, item, channel, where));
        });
    }
    return result as ChannelConfigs;
}

/** Connect refuses a PhoneConfig field together with the per-channel list replacing it. */
export function checkPhoneConfigConflicts(
    phoneConfig: PhoneConfig | undefined,
    lists: ChannelConfigs
): void {
    if (!phoneConfig) return;
    for (const { phoneFields, list } of PHONE_CONFIG_CONFLICTS) {
        if (lists[list] === undefined) continue;
        for (const field of phoneFields) {
            if (phoneConfig[field] !== undefined) {
                throw invalidParameter(
                    `PhoneConfig.${field} and ${list} cannot both be specified; ` +
                        `use ${list} for per-channel settings`
                );
            }
        }
    }
}

/**
 * Tags: at most 50, keys 1-128 characters, values at most 256. Keys beginning with
 * `aws:` are reserved; they are only accepted where `allowAwsPrefix` is set.
 */
export function validateTags(
    value: unknown,
    field: string,
    options: { allowAwsPrefix: boolean; required: boolean }
): Record<string, string> {
    if (value === undefined || value === null) {
        if (options.required) throw invalidParameter(`${field} is required`);
        return {};
    }
    if (!isObject(value)) throw invalidParameter(`${field} must be a map`);
    const entries = Object.entries(value);
    if (options.required && entries.length === 0) {
        throw invalidParameter(`${field} must contain at least one tag`);
    }
    if (entries.length > 50) {
        throw invalidParameter(`${field} may contain at most 50 tags`);
    }
    for (const [key, tagValue] of entries) {
        validateTagKey(key, field, options.allowAwsPrefix);
        if (typeof tagValue !== 'string' || tagValue.length > 256) {
            throw invalidParameter(
                `${field} value for ${key} must be a string of at most 256 characters`
            );
        }
    }
    return { ...(value as Record<string, string>) };
}

export function validateTagKey(
    key: unknown,
    field: string,
    allowAwsPrefix: boolean
): void {
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) {
        throw invalidParameter(`${field} keys must be 1-128 characters`);
    }
    if (!allowAwsPrefix && key.toLowerCase().startsWith('aws:')) {
        throw invalidParameter(`Tag keys beginning with aws: are reserved: ${key}`);
    }
}

export function dropUndefined<T extends object>(value: T): T {
    return Object.fromEntries(
        Object.entries(value).filter(([, v]) => v !== undefined)
    ) as T;
}

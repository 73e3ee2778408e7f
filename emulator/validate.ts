/**
 * Pure request validation: the field rules of the Amazon Connect user APIs that are
 * not about phone settings (those are in validate-config.ts). Each function takes the
 * untyped JSON the client sent and either returns it typed or throws the ConnectError
 * the service would answer with.
 *
 * Convention: a field whose shape or format is wrong is InvalidParameterException; a
 * field that the instance's identity management type requires or refuses is
 * InvalidRequestException.
 */
import { invalidParameter, invalidRequest } from './errors';
import type { IdentityInfo, IdentityManagementType } from './types';

export const E164 = /^\+[1-9]\d{1,14}$/;
/** UserIdentityInfo.SecondaryEmail's documented pattern, anchored. */
const EMAIL = /^(?=.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$/;
const USERNAME_CHARS = /^[a-zA-Z0-9_\-.@]+$/;
const EMAIL_USERNAME = /^[a-zA-Z0-9_\-.]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;
const PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/;
/** TagKey's documented pattern, without its `(?!aws:)` (checked on its own). */
const TAG_KEY_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;

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
    // Length constraints count characters (code points), not UTF-16 units.
    if ([...value].length > maxLength) {
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
 * FirstName and LastName bounds. UserIdentityInfo lists 0-255 and 0-300 and says
 * they apply to SAML; with Connect managing identities they are 1-255 and 1-256.
 * EXISTING_DIRECTORY is not mentioned and gets the listed ones.
 */
const nameBounds = (type: IdentityManagementType) =>
    type === 'CONNECT_MANAGED'
        ? { FirstName: 255, LastName: 256 }
        : { FirstName: 255, LastName: 300 };

function personName(
    value: unknown,
    field: 'FirstName' | 'LastName',
    type: IdentityManagementType
): string | undefined {
    const name = optionalString(
        value,
        `IdentityInfo.${field}`,
        nameBounds(type)[field]
    );
    // "Inputs must be in Unicode Normalization Form C (NFC)."
    if (name !== undefined && name.normalize('NFC') !== name) {
        throw invalidParameter(
            `IdentityInfo.${field} must be in Unicode Normalization Form C (NFC)`
        );
    }
    return name;
}

/**
 * CONNECT_MANAGED and SAML need FirstName and LastName, SAML refuses Email,
 * EXISTING_DIRECTORY needs nothing. Email is optional on CONNECT_MANAGED: the CLI
 * reference's create-user example makes such a user with FirstName and LastName only,
 * and the summary sentence that calls Email required also calls it required on SAML,
 * where the Email member says including it is an error.
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
        FirstName: personName(raw.FirstName, 'FirstName', type),
        LastName: personName(raw.LastName, 'LastName', type),
        Email: optionalString(raw.Email, 'IdentityInfo.Email'),
        SecondaryEmail: optionalString(
            raw.SecondaryEmail,
            'IdentityInfo.SecondaryEmail'
        ),
        Mobile: optionalString(raw.Mobile, 'IdentityInfo.Mobile'),
    };
    for (const field of ['Email', 'SecondaryEmail'] as const) {
        const email = info[field];
        if (email !== undefined && !EMAIL.test(email)) {
            throw invalidParameter(
                `IdentityInfo.${field} must be an email address of at most 265 characters`
            );
        }
    }
    if (info.Mobile !== undefined && !E164.test(info.Mobile)) {
        throw invalidParameter(
            'IdentityInfo.Mobile must be in E.164 format, e.g. +15555550100'
        );
    }
    const required: Array<keyof IdentityInfo> =
        type === 'EXISTING_DIRECTORY' ? [] : ['FirstName', 'LastName'];
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

const isSystemTagKey = (key: string): boolean => key.toLowerCase().startsWith('aws:');

/** Tags an `aws:` key does not count against: the resource limit is for user tags. */
export const countedTags = (tags: Record<string, string>): number =>
    Object.keys(tags).filter((key) => !isSystemTagKey(key)).length;

/**
 * Tags: at most 50 (not counting `aws:` keys), keys 1-128 characters from TagKey's
 * documented set, values at most 256. Keys beginning with `aws:` are reserved
 * (TagKey's pattern starts with `(?!aws:)`); they are only accepted where
 * `allowAwsPrefix` is set.
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
    for (const [key, tagValue] of entries) {
        validateTagKey(key, field, options.allowAwsPrefix);
        if (typeof tagValue !== 'string' || [...tagValue].length > 256) {
            throw invalidParameter(
                `${field} value for ${key} must be a string of at most 256 characters`
            );
        }
    }
    const tags = { ...(value as Record<string, string>) };
    if (countedTags(tags) > MAX_TAGS) {
        throw invalidParameter(`${field} may contain at most ${MAX_TAGS} tags`);
    }
    return tags;
}

export function validateTagKey(
    key: unknown,
    field: string,
    allowAwsPrefix: boolean
): void {
    if (typeof key !== 'string' || key.length < 1 || [...key].length > 128) {
        throw invalidParameter(`${field} keys must be 1-128 characters`);
    }
    if (!TAG_KEY_CHARS.test(key)) {
        throw invalidParameter(
            `${field} key ${key} may contain only letters, digits, spaces and _ . : / = + - @`
        );
    }
    if (!allowAwsPrefix && isSystemTagKey(key)) {
        throw invalidParameter(`Tag keys beginning with aws: are reserved: ${key}`);
    }
}

export function dropUndefined<T extends object>(value: T): T {
    return Object.fromEntries(
        Object.entries(value).filter(([, v]) => v !== undefined)
    ) as T;
}

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../aws-connect-user.json';
import {
    type InstanceResourceType,
    instanceArn as instanceArnOf,
    parseResourceArn,
} from './arn';
import { tooDeepMessage, tooDeepProperty } from './depth';
import type { ResourceProperties } from './properties';
import { CREATE_REQUEST_TAG } from './translate';

/**
 * Request validation against the resource schema, before any call to Connect.
 *
 * CloudFormation sends the booleans and numbers of a template as strings
 * ("true", "60"). Exactly those are converted to the schema's types first;
 * anything else of the wrong type (null, a number for a boolean, a boolean
 * for a number, a number for a string) is an error, as it is for
 * CloudFormation's own validation. The converted copy is what the handlers
 * work with.
 */

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
    if (!compiled) {
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
        compiled = ajv.compile(schema);
    }
    return compiled;
}

type SchemaNode = {
    $ref?: string;
    type?: string;
    description?: string;
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
};

function resolve(node: SchemaNode): SchemaNode {
    const name = node.$ref?.replace('#/definitions/', '');
    const definitions = (schema as { definitions: Record<string, SchemaNode> })
        .definitions;
    return name !== undefined && definitions[name] ? resolve(definitions[name]) : node;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Converts, in place, the strings CloudFormation sends for booleans and numbers. */
function convertTemplateStrings(value: unknown, node: SchemaNode): unknown {
    const at = resolve(node);
    if (typeof value === 'string') {
        const text = value.trim();
        // CloudFormation renders a boolean as exactly "true" or "false".
        if (at.type === 'boolean' && /^(true|false)$/i.test(value)) {
            return value.toLowerCase() === 'true';
        }
        if ((at.type === 'integer' || at.type === 'number') && NUMBER.test(text)) {
            return Number(text);
        }
        return value;
    }
    if (Array.isArray(value) && at.items) {
        return value.map((item) =>
            convertTemplateStrings(item, at.items as SchemaNode)
        );
    }
    if (typeof value === 'object' && value !== null && at.properties) {
        const record = value as Record<string, unknown>;
        for (const [key, child] of Object.entries(at.properties)) {
            if (Object.hasOwn(record, key)) {
                record[key] = convertTemplateStrings(record[key], child);
            }
        }
    }
    return value;
}

/** A lone UTF-16 surrogate: not Unicode text, and not storable by Connect. */
const LONE_SURROGATE =
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fields whose text holds a lone surrogate, named as in the other messages. */
function malformedText(value: unknown, path = ''): string[] {
    if (typeof value === 'string') {
        return LONE_SURROGATE.test(value) ? [path] : [];
    }
    if (Array.isArray(value)) {
        return value.flatMap((item, index) => malformedText(item, `${path}[${index}]`));
    }
    if (typeof value === 'object' && value !== null) {
        return Object.entries(value).flatMap(([key, item]) =>
            malformedText(item, path ? `${path}.${key}` : key)
        );
    }
    return [];
}

type ListBound = SchemaNode & { maxItems?: number };

/**
 * Cuts, in place, every list longer than the schema's `maxItems` to one item
 * past its bound, in one pass over the model. The schema's `uniqueItems`
 * compares every pair of a list's items; on the cut list it still says the
 * list is too long, and what is wrong with its first items, in time that does
 * not grow with the list.
 */
function cutOverlongLists(value: unknown, node: SchemaNode): void {
    const at = resolve(node) as ListBound;
    if (Array.isArray(value)) {
        if (at.maxItems !== undefined && value.length > at.maxItems + 1) {
            value.length = at.maxItems + 1;
        }
        const items = at.items;
        if (items) {
            value.forEach((item) => cutOverlongLists(item, items));
        }
        return;
    }
    if (typeof value === 'object' && value !== null && at.properties) {
        for (const [key, inner] of Object.entries(value)) {
            const child = at.properties[key];
            if (child) {
                cutOverlongLists(inner, child);
            }
        }
    }
}

/** The outcome of validating a model: the coerced copy, or what is wrong with it. */
export type Validation =
    | { valid: true; properties: ResourceProperties }
    | { valid: false; problems: string[] };

/** `/IdentityInfo/Mobile` -> `IdentityInfo.Mobile`; `/Tags/0/Key` -> `Tags[0].Key`. */
function fieldName(instancePath: string, child?: string): string {
    const parts = instancePath
        .split('/')
        .slice(1)
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (child !== undefined) {
        parts.push(child);
    }
    return parts.reduce(
        (name, part) =>
            /^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part,
        ''
    );
}

/** The constraints whose bare message gives the limit but not what the field is. */
const EXPLAINED = new Set([
    'pattern',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'uniqueItems',
]);

/** The schema of the value at an instance path (`/Tags/0/Key`), `$ref`s followed. */
function schemaAt(instancePath: string): SchemaNode | undefined {
    let node: SchemaNode | undefined = schema as SchemaNode;
    for (const part of instancePath.split('/').slice(1)) {
        const at: SchemaNode = resolve(node);
        node = /^\d+$/.test(part)
            ? at.items
            : at.properties?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
        if (node === undefined) {
            return undefined;
        }
    }
    return node;
}

/**
 * What the schema says the field is, the first sentence of its description:
 * `: the key name of the tag: 1 to 128 Unicode letters, ...`.
 */
function explanation(error: ErrorObject): string {
    const node = EXPLAINED.has(error.keyword)
        ? schemaAt(error.instancePath)
        : undefined;
    const description = node && (node.description ?? resolve(node).description);
    const sentence = firstSentence(description ?? '');
    return sentence ? `: ${lowerFirst(sentence)}` : '';
}

function firstSentence(description: string): string {
    return description.split(/\.(?=\s+[A-Z0-9]|\s*$)/)[0].trim();
}

function lowerFirst(sentence: string): string {
    return /^[A-Z][a-z]/.test(sentence)
        ? sentence[0].toLowerCase() + sentence.slice(1)
        : sentence;
}

function describeSchemaError(error: ErrorObject): string {
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
        case 'required':
            return `${fieldName(error.instancePath, String(params.missingProperty))} is required`;
        case 'additionalProperties': {
            const where = fieldName(error.instancePath) || 'the model';
            return `${where} has an unknown property '${String(params.additionalProperty)}'`;
        }
        case 'enum':
            return `${fieldName(error.instancePath)} must be one of ${(
                params.allowedValues as unknown[]
            )
                .map(String)
                .join(', ')}`;
        case 'multipleOf':
            return `${fieldName(error.instancePath)} must be a whole number`;
        default:
            return `${fieldName(error.instancePath) || 'the model'} ${error.message ?? 'is invalid'}${explanation(error)}`;
    }
}

const VOICE_ONLY_LISTS: ReadonlyArray<keyof ResourceProperties> = [
    'PhoneNumberConfigs',
    'PersistentConnectionConfigs',
    'VoiceEnhancementConfigs',
];

const CHANNEL_LISTS: ReadonlyArray<keyof ResourceProperties> = [
    'AutoAcceptConfigs',
    'AfterContactWorkConfigs',
    ...VOICE_ONLY_LISTS,
];

/** The keys given more than once, each once, in one pass. */
function duplicates(keys: string[]): string[] {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const key of keys) {
        if (seen.has(key)) {
            repeated.add(key);
        }
        seen.add(key);
    }
    return [...repeated];
}

/** Connect's rule for a user name with an @: the form of an email address. */
const EMAIL_USERNAME = /^[a-zA-Z0-9_\-.]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;

const REFERENCES: ReadonlyArray<
    [keyof ResourceProperties, InstanceResourceType, string]
> = [
    ['RoutingProfileArn', 'routing-profile', 'a routing profile'],
    ['SecurityProfileArns', 'security-profile', 'a security profile'],
    ['HierarchyGroupArn', 'agent-group', 'a hierarchy group'],
];

/**
 * ARNs the schema's patterns let through but Connect cannot take: an
 * instance without an ID, a reference without an ID, or a reference to a
 * resource of another instance, region, account or partition than InstanceArn
 * (DescribeUser, and the handler, go by IDs within the instance).
 */
function referenceProblems(properties: ResourceProperties): string[] {
    const problems: string[] = [];
    const instanceArn = properties.InstanceArn;
    if (instanceArn !== undefined && /:instance\/?$/.test(instanceArn)) {
        problems.push(`InstanceArn '${instanceArn}' has no instance ID`);
    }
    for (const [field, type, what] of REFERENCES) {
        const value = properties[field];
        const arns = (
            Array.isArray(value) ? value : value === undefined ? [] : [value]
        ) as string[];
        arns.forEach((arn, index) => {
            const name = Array.isArray(value) ? `${field}[${index}]` : field;
            if (arn.endsWith('/')) {
                problems.push(`${name} '${arn}' has no ${type} ID`);
                return;
            }
            const ref = parseResourceArn(arn, type);
            if (
                ref &&
                instanceArn !== undefined &&
                instanceArnOf(ref) !== instanceArn
            ) {
                problems.push(
                    `${name} names ${what} of ${instanceArnOf(ref)}, not of InstanceArn ${instanceArn}`
                );
            }
        });
    }
    return problems;
}

/**
 * The rules that JSON Schema cannot say: channels the API supports only for
 * VOICE, desk phones without a number, and keys that must be unique within a
 * list. (A PhoneConfig field that disagrees with its list's VOICE entry is
 * judged against the previous model: see desiredSettings.)
 */
export function semanticProblems(properties: ResourceProperties): string[] {
    const problems: string[] = [...referenceProblems(properties)];
    const phone = (properties.PhoneConfig ?? {}) as Record<string, unknown>;
    const username = properties.Username;
    if (username?.includes('@') && !EMAIL_USERNAME.test(username)) {
        problems.push(
            `Username '${username}' has an @ but is not an email address: Amazon Connect takes @ only in that form`
        );
    }
    for (const list of CHANNEL_LISTS) {
        const items = (properties[list] ?? []) as Array<{ Channel?: string }>;
        for (const channel of duplicates(items.map((item) => String(item.Channel)))) {
            problems.push(`${list} has more than one entry for channel ${channel}`);
        }
    }
    for (const list of VOICE_ONLY_LISTS) {
        const items = (properties[list] ?? []) as Array<{ Channel?: string }>;
        items.forEach((item, index) => {
            if (item.Channel !== 'VOICE') {
                problems.push(
                    `${list}[${index}].Channel is ${item.Channel}: Amazon Connect supports only VOICE for ${list}`
                );
            }
        });
    }
    (properties.AutoAcceptConfigs ?? []).forEach((item, index) => {
        if (
            item.AgentFirstCallbackAutoAccept !== undefined &&
            item.Channel !== 'VOICE'
        ) {
            problems.push(
                `AutoAcceptConfigs[${index}].AgentFirstCallbackAutoAccept applies to the VOICE channel only, not ${item.Channel}`
            );
        }
    });
    (properties.AfterContactWorkConfigs ?? []).forEach((item, index) => {
        if (
            item.AgentFirstCallbackAfterContactWorkConfig !== undefined &&
            item.Channel !== 'VOICE'
        ) {
            problems.push(
                `AfterContactWorkConfigs[${index}].AgentFirstCallbackAfterContactWorkConfig applies to the VOICE channel only, not ${item.Channel}`
            );
        }
    });
    if (phone.PhoneType === 'DESK_PHONE' && phone.DeskPhoneNumber === undefined) {
        problems.push(
            'PhoneConfig.DeskPhoneNumber is required when PhoneConfig.PhoneType is DESK_PHONE'
        );
    }
    (properties.PhoneNumberConfigs ?? []).forEach((item, index) => {
        if (item.PhoneType === 'DESK_PHONE' && item.PhoneNumber === undefined) {
            problems.push(
                `PhoneNumberConfigs[${index}].PhoneNumber is required when its PhoneType is DESK_PHONE`
            );
        }
    });
    for (const field of ['FirstName', 'LastName'] as const) {
        const name = properties.IdentityInfo?.[field];
        if (name !== undefined && name !== name.normalize('NFC')) {
            problems.push(
                `IdentityInfo.${field} must be in Unicode normalization form C (NFC): Amazon Connect refuses decomposed characters and combining marks`
            );
        }
    }
    (properties.Tags ?? []).forEach((tag, index) => {
        if (tag.Key === CREATE_REQUEST_TAG) {
            problems.push(
                `Tags[${index}].Key '${tag.Key}' is reserved: this type marks the users it is creating with it`
            );
        }
    });
    const tagKeys = (properties.Tags ?? []).map((tag) => tag.Key);
    for (const key of duplicates(tagKeys)) {
        problems.push(`Tags has more than one tag with the key '${key}'`);
    }
    const proficiencyKeys = (properties.UserProficiencies ?? []).map(
        (item) => `${item.AttributeName}=${item.AttributeValue}`
    );
    for (const key of duplicates(proficiencyKeys)) {
        problems.push(`UserProficiencies has more than one entry for ${key}`);
    }
    return problems;
}

/**
 * Validates a model from a request against the schema and the rules above.
 * Never throws; the input is not modified.
 */
export function validateProperties(raw: unknown): Validation {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return { valid: false, problems: ['the model must be a JSON object'] };
    }
    const deep = tooDeepProperty(raw);
    if (deep !== undefined) {
        return { valid: false, problems: [tooDeepMessage(deep, schema.typeName)] };
    }
    // A JSON round trip, not structuredClone: the copy must be made of this realm's
    // plain objects for class-transformer, with which the library parses the event
    // that carries it, to recognise them.
    const copy = convertTemplateStrings(
        JSON.parse(JSON.stringify(raw)),
        schema as SchemaNode
    ) as ResourceProperties;
    const badText = malformedText(copy);
    if (badText.length) {
        return {
            valid: false,
            problems: badText.map(
                (field) =>
                    `${field || 'the model'} is not valid Unicode text (a lone surrogate)`
            ),
        };
    }
    const validate = validator();
    cutOverlongLists(copy, schema as SchemaNode);
    if (!validate(copy)) {
        const problems = (validate.errors ?? []).map(describeSchemaError);
        return { valid: false, problems: [...new Set(problems)] };
    }
    const problems = semanticProblems(copy);
    return problems.length
        ? { valid: false, problems }
        : { valid: true, properties: copy };
}

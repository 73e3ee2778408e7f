/**
 * Each operation's input members and their constraints as the Cloud Control API
 * reference lists them (lengths, patterns, ranges, enums). A value of the wrong
 * JSON type is a SerializationException; a broken constraint is a
 * ValidationException in the framework's wording, all problems at once.
 * Sensitive members (the models and the patch) are never echoed.
 */
import { serializationError, validationError } from './errors';

export const OPERATIONS = [
    'CreateResource',
    'GetResource',
    'UpdateResource',
    'DeleteResource',
    'ListResources',
    'GetResourceRequestStatus',
    'ListResourceRequests',
    'CancelResourceRequest',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export const RESOURCE_OPERATIONS = ['CREATE', 'DELETE', 'UPDATE'] as const;
export const OPERATION_STATUSES = [
    'PENDING',
    'IN_PROGRESS',
    'SUCCESS',
    'FAILED',
    'CANCEL_IN_PROGRESS',
    'CANCEL_COMPLETE',
] as const;

interface Rule {
    kind: 'string' | 'integer' | 'filter';
    min?: number;
    max?: number;
    pattern?: string;
    sensitive?: boolean;
}

const TOKEN = '[-A-Za-z0-9+/=]+';
const ANY = '(.|\\s)*';

const RULES: Readonly<Record<string, Rule>> = {
    TypeName: {
        kind: 'string',
        min: 10,
        max: 196,
        pattern: '[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}',
    },
    TypeVersionId: { kind: 'string', min: 1, max: 128, pattern: '[A-Za-z0-9-]+' },
    RoleArn: {
        kind: 'string',
        min: 20,
        max: 2048,
        pattern: 'arn:.+:iam::[0-9]{12}:role/.+',
    },
    ClientToken: { kind: 'string', min: 1, max: 128, pattern: TOKEN },
    RequestToken: { kind: 'string', min: 1, max: 128, pattern: TOKEN },
    NextToken: { kind: 'string', min: 1, max: 2048, pattern: TOKEN },
    Identifier: { kind: 'string', min: 1, max: 1024, pattern: '.+' },
    DesiredState: {
        kind: 'string',
        min: 1,
        max: 262144,
        pattern: ANY,
        sensitive: true,
    },
    ResourceModel: {
        kind: 'string',
        min: 1,
        max: 262144,
        pattern: ANY,
        sensitive: true,
    },
    PatchDocument: {
        kind: 'string',
        min: 1,
        max: 65536,
        pattern: ANY,
        sensitive: true,
    },
    MaxResults: { kind: 'integer', min: 1, max: 100 },
    ResourceRequestStatusFilter: { kind: 'filter' },
};

const COMMON = ['TypeVersionId', 'RoleArn'];

/** Each operation's members; the required ones first, marked with `!`. */
const MEMBERS: Readonly<Record<Operation, readonly string[]>> = {
    CreateResource: ['TypeName!', 'DesiredState!', ...COMMON, 'ClientToken'],
    GetResource: ['TypeName!', 'Identifier!', ...COMMON],
    UpdateResource: [
        'TypeName!',
        'Identifier!',
        'PatchDocument!',
        ...COMMON,
        'ClientToken',
    ],
    DeleteResource: ['TypeName!', 'Identifier!', ...COMMON, 'ClientToken'],
    ListResources: ['TypeName!', ...COMMON, 'NextToken', 'MaxResults', 'ResourceModel'],
    GetResourceRequestStatus: ['RequestToken!'],
    ListResourceRequests: ['MaxResults', 'NextToken', 'ResourceRequestStatusFilter'],
    CancelResourceRequest: ['RequestToken!'],
};

export interface Filter {
    Operations?: string[];
    OperationStatuses?: string[];
}

export interface Input {
    TypeName?: string;
    TypeVersionId?: string;
    RoleArn?: string;
    ClientToken?: string;
    RequestToken?: string;
    NextToken?: string;
    Identifier?: string;
    DesiredState?: string;
    ResourceModel?: string;
    PatchDocument?: string;
    MaxResults?: number;
    ResourceRequestStatusFilter?: Filter;
}

/** `TypeName` -> `typeName`, as the framework names members in its messages. */
const memberName = (name: string) => name[0].toLowerCase() + name.slice(1);

function shown(rule: Rule, value: unknown): string {
    return rule.sensitive ? '' : ` '${String(value)}'`;
}

function checkEnum(member: string, values: unknown, allowed: readonly string[]) {
    if (values === undefined) {
        return [];
    }
    if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) {
        throw serializationError(`${member} must be a list of strings`);
    }
    return values
        .filter((value) => !allowed.includes(value as string))
        .map(
            (value) =>
                `Value '${String(value)}' at '${member}' failed to satisfy constraint: ` +
                `Member must satisfy enum value set: [${allowed.join(', ')}]`
        );
}

function checkMember(name: string, value: unknown, rule: Rule): string[] {
    const member = memberName(name);
    if (rule.kind === 'filter') {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            throw serializationError(`${name} must be an object`);
        }
        const filter = value as Filter;
        return [
            ...checkEnum(
                `${member}.operations`,
                filter.Operations,
                RESOURCE_OPERATIONS
            ),
            ...checkEnum(
                `${member}.operationStatuses`,
                filter.OperationStatuses,
                OPERATION_STATUSES
            ),
        ];
    }
    if (rule.kind === 'integer') {
        if (typeof value !== 'number' || !Number.isInteger(value)) {
            throw serializationError(`${name} must be an integer`);
        }
        if (value < (rule.min ?? value) || value > (rule.max ?? value)) {
            const bound = value < (rule.min ?? value) ? 'greater' : 'less';
            const limit = bound === 'greater' ? rule.min : rule.max;
            return [
                `Value '${value}' at '${member}' failed to satisfy constraint: ` +
                    `Member must have value ${bound} than or equal to ${limit}`,
            ];
        }
        return [];
    }
    if (typeof value !== 'string') {
        throw serializationError(`${name} must be a string`);
    }
    const problems: string[] = [];
    const at = `Value${shown(rule, value)} at '${member}' failed to satisfy constraint:`;
    if (rule.min !== undefined && value.length < rule.min) {
        problems.push(
            `${at} Member must have length greater than or equal to ${rule.min}`
        );
    }
    if (rule.max !== undefined && value.length > rule.max) {
        problems.push(
            `${at} Member must have length less than or equal to ${rule.max}`
        );
    }
    if (rule.pattern && !new RegExp(`^(?:${rule.pattern})$`).test(value)) {
        problems.push(
            `${at} Member must satisfy regular expression pattern: ${rule.pattern}`
        );
    }
    return problems;
}

/** The operation's members, checked; throws the service's error for the first kind of problem. */
export function checkInput(operation: Operation, body: Record<string, unknown>): Input {
    const problems: string[] = [];
    const input: Record<string, unknown> = {};
    for (const entry of MEMBERS[operation]) {
        const name = entry.replace('!', '');
        const value = body[name];
        if (value === undefined || value === null) {
            if (entry.endsWith('!')) {
                problems.push(
                    `Value null at '${memberName(name)}' failed to satisfy constraint: ` +
                        'Member must not be null'
                );
            }
            continue;
        }
        problems.push(...checkMember(name, value, RULES[name]));
        input[name] = value;
    }
    if (problems.length) {
        throw validationError(problems);
    }
    return input as Input;
}

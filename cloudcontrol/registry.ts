/**
 * CloudFormation's registry for the one type served here: `DescribeType` and
 * `ListTypes` over the AWS query protocol (query-protocol.ts), as CloudFormation
 * answers them. Terraform's `aws_cloudcontrolapi_resource` asks `DescribeType` for
 * the type's schema when its configuration gives none, and `aws cloudformation
 * describe-type --endpoint-url ...` reads the same answer. No other CloudFormation
 * action is served.
 */
import type { IncomingMessage } from 'node:http';
import schema from '../aws-connect-user.json';
import { ServiceError } from './errors';
import {
    parseForm,
    QueryError,
    queryErrorResponse,
    queryResponse,
    safeName,
    type XmlStructure,
} from './query-protocol';
import { TYPE_NAME, TYPE_VERSION_ID } from './schema';
import { signedRegion } from './wire';

const VERSION = '2010-05-15';
const NAMESPACE = `http://cloudformation.amazonaws.com/doc/${VERSION}/`;
const SCHEMA_TEXT = JSON.stringify(schema);

export interface RegistryContext {
    /** The region of a request whose signature names none. */
    region: string;
    account: string;
    partition: string;
    /** When the type counts as registered: this endpoint's start. */
    registeredAt: Date;
}

/** Whether a request is CloudFormation's: a form naming its API version. */
export function isRegistryRequest(request: IncomingMessage, body: string): boolean {
    return (
        request.headers['x-amz-target'] === undefined &&
        new URLSearchParams(body).get('Version') === VERSION
    );
}

/** `AWS::` types are AWS's public ones; any other name is a private type of the account. */
const PUBLIC = TYPE_NAME.startsWith('AWS::');

function typeArn(context: RegistryContext, region: string): string {
    const account = PUBLIC ? '' : context.account;
    const name = TYPE_NAME.replace(/::/g, '-');
    return `arn:${context.partition}:cloudformation:${region}:${account}:type/resource/${name}`;
}

function validationError(member: string, constraint: string): QueryError {
    return new QueryError(
        'ValidationError',
        400,
        `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`
    );
}

/** A member checked against its length and pattern in the service model. */
function member(
    members: Map<string, string>,
    name: string,
    pattern: RegExp,
    maxLength: number
): string | undefined {
    const value = members.get(name);
    if (value === undefined) {
        return undefined;
    }
    if (value.length < 1 || value.length > maxLength) {
        throw validationError(
            lowerFirst(name),
            `Member must have length between 1 and ${maxLength}`
        );
    }
    if (!pattern.test(value)) {
        throw validationError(
            lowerFirst(name),
            `Member must satisfy regular expression pattern: ${pattern.source}`
        );
    }
    return value;
}

function oneOf(
    members: Map<string, string>,
    name: string,
    values: readonly string[]
): string | undefined {
    const value = members.get(name);
    if (value !== undefined && !values.includes(value)) {
        throw validationError(
            lowerFirst(name),
            `Member must satisfy enum value set: [${values.join(', ')}]`
        );
    }
    return value;
}

function lowerFirst(name: string): string {
    return name
        .split('.')
        .map((part) => part.charAt(0).toLowerCase() + part.slice(1))
        .join('.');
}

const TYPE_NAME_PATTERN =
    /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}(::MODULE)?$/;
const TYPE_ARN_PATTERN =
    /^arn:aws[A-Za-z0-9-]{0,64}:cloudformation:[A-Za-z0-9-]{1,64}:([0-9]{12})?:type\/.+$/;
const VERSION_ID_PATTERN = /^[A-Za-z0-9-]+$/;
const TYPE_NAME_PREFIX_PATTERN = /^([A-Za-z0-9]{2,64}::){0,2}([A-Za-z0-9]{2,64}:?)?$/;
const TYPES = ['RESOURCE', 'MODULE', 'HOOK'] as const;

function typeNotFound(name: string): QueryError {
    return new QueryError(
        'TypeNotFoundException',
        404,
        `The type '${name}' cannot be found.`
    );
}

function describeType(
    members: Map<string, string>,
    context: RegistryContext,
    region: string
): XmlStructure {
    const type = oneOf(members, 'Type', TYPES);
    const name = member(members, 'TypeName', TYPE_NAME_PATTERN, 204);
    const arn = member(members, 'Arn', TYPE_ARN_PATTERN, 1024);
    const version = member(members, 'VersionId', VERSION_ID_PATTERN, 128);
    member(members, 'PublisherId', /^[0-9a-zA-Z]{12,40}$/, 40);
    member(members, 'PublicVersionNumber', /^1\.\d+\.\d+$/, 64);
    if ((name === undefined) === (arn === undefined)) {
        throw new QueryError(
            'ValidationError',
            400,
            'Specify either TypeName and Type, or Arn, but not both'
        );
    }
    const ours = typeArn(context, region);
    const found =
        name !== undefined
            ? name === TYPE_NAME && (type ?? 'RESOURCE') === 'RESOURCE'
            : arn === ours || arn === `${ours}/${TYPE_VERSION_ID}`;
    if (!found || (version !== undefined && version !== TYPE_VERSION_ID)) {
        throw typeNotFound(name ?? String(arn));
    }
    return {
        Arn: ours,
        Type: 'RESOURCE',
        TypeName: TYPE_NAME,
        DefaultVersionId: TYPE_VERSION_ID,
        IsDefaultVersion: true,
        Description: schema.description,
        Schema: SCHEMA_TEXT,
        ProvisioningType: 'FULLY_MUTABLE',
        DeprecatedStatus: 'LIVE',
        Visibility: PUBLIC ? 'PUBLIC' : 'PRIVATE',
        SourceUrl: schema.sourceUrl,
        DocumentationUrl: schema.documentationUrl,
        LastUpdated: context.registeredAt,
        TimeCreated: context.registeredAt,
    };
}

/**
 * The type is usable in this account, so it is listed under either visibility,
 * and under the category of AWS's types or of registered ones by its name.
 */
function listTypes(
    members: Map<string, string>,
    context: RegistryContext,
    region: string
): XmlStructure {
    oneOf(members, 'Visibility', ['PUBLIC', 'PRIVATE']);
    const provisioning = oneOf(members, 'ProvisioningType', [
        'NON_PROVISIONABLE',
        'IMMUTABLE',
        'FULLY_MUTABLE',
    ]);
    const deprecated = oneOf(members, 'DeprecatedStatus', ['LIVE', 'DEPRECATED']);
    const type = oneOf(members, 'Type', TYPES);
    const category = oneOf(members, 'Filters.Category', [
        'REGISTERED',
        'ACTIVATED',
        'THIRD_PARTY',
        'AWS_TYPES',
    ]);
    const publisher = member(
        members,
        'Filters.PublisherId',
        /^[0-9a-zA-Z]{12,40}$/,
        40
    );
    const prefix = member(
        members,
        'Filters.TypeNamePrefix',
        TYPE_NAME_PREFIX_PATTERN,
        204
    );
    const maxResults = members.get('MaxResults');
    if (maxResults !== undefined && !/^(100|[1-9][0-9]?)$/.test(maxResults)) {
        throw validationError(
            'maxResults',
            'Member must be a whole number between 1 and 100'
        );
    }
    if (members.has('NextToken')) {
        // Every answer holds the whole list, so no token was ever given out.
        throw new QueryError('ValidationError', 400, 'The NextToken is not valid');
    }
    const listed =
        (provisioning ?? 'FULLY_MUTABLE') === 'FULLY_MUTABLE' &&
        (deprecated ?? 'LIVE') === 'LIVE' &&
        (type ?? 'RESOURCE') === 'RESOURCE' &&
        (category === undefined ||
            category === (PUBLIC ? 'AWS_TYPES' : 'REGISTERED')) &&
        publisher === undefined &&
        (prefix === undefined || TYPE_NAME.startsWith(prefix));
    const summary = {
        Type: 'RESOURCE',
        TypeName: TYPE_NAME,
        DefaultVersionId: TYPE_VERSION_ID,
        TypeArn: typeArn(context, region),
        LastUpdated: context.registeredAt,
        Description: schema.description,
    };
    return { TypeSummaries: listed ? [summary] : [] };
}

type Action = (
    members: Map<string, string>,
    context: RegistryContext,
    region: string
) => XmlStructure;

const ACTIONS: Readonly<Record<string, Action>> = {
    DescribeType: describeType,
    ListTypes: listTypes,
};

/** The answer to a CloudFormation request: `[status, content type, body]`. */
export function registryAnswer(
    request: IncomingMessage,
    body: string,
    context: RegistryContext,
    requestId: string
): [number, string, string] {
    try {
        const region = signedRegion(request) ?? context.region;
        const members = parseForm(body);
        const action = members.get('Action') ?? '';
        if (request.method !== 'POST' || !Object.hasOwn(ACTIONS, action)) {
            throw new QueryError(
                'InvalidAction',
                400,
                `The action ${safeName(action)} is not valid for this endpoint: ` +
                    `it serves CloudFormation's ${Object.keys(ACTIONS).join(' and ')}`
            );
        }
        const result = ACTIONS[action](members, context, region);
        return [200, 'text/xml', queryResponse(NAMESPACE, action, result, requestId)];
    } catch (error) {
        const failure =
            error instanceof QueryError
                ? error
                : error instanceof ServiceError
                  ? new QueryError(
                        error.type.replace(/Exception$/, ''),
                        error.status,
                        error.message
                    )
                  : new QueryError(
                        'InternalFailure',
                        500,
                        'The request could not be processed'
                    );
        return [
            failure.status,
            'text/xml',
            queryErrorResponse(NAMESPACE, failure, requestId),
        ];
    }
}

import { randomUUID } from 'node:crypto';

/**
 * HandlerRequest events as CloudFormation sends them to a resource type's
 * function (`entrypoint`), for the local tools.
 */

export type Action = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';

export type Properties = Record<string, unknown>;

export interface CallerCredentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
}

/** What stays the same across a resource's invocations: the stack and the caller. */
export interface Stack {
    accountId: string;
    region: string;
    stackName: string;
    logicalResourceId: string;
    credentials: CallerCredentials;
    stackTags: Record<string, string>;
}

export interface RequestOptions {
    previous?: Properties | null;
    previousStackTags?: Record<string, string> | null;
    callbackContext?: Record<string, unknown> | null;
    nextToken?: string | null;
    /** The operation's token, the same on each of its invocations; a fresh one by default. */
    clientRequestToken?: string;
}

/** The partition a region belongs to. */
export function partitionOf(region: string): string {
    if (region.startsWith('cn-')) return 'aws-cn';
    if (region.startsWith('us-gov-')) return 'aws-us-gov';
    return 'aws';
}

export function stackIdOf(stack: Stack): string {
    return `arn:${partitionOf(stack.region)}:cloudformation:${stack.region}:${stack.accountId}:stack/${stack.stackName}/5d3e8a10-0000-4000-8000-000000000000`;
}

/** The `aws:cloudformation:*` tags CloudFormation adds to every taggable resource. */
export function systemTagsOf(stack: Stack): Record<string, string> {
    return {
        'aws:cloudformation:stack-name': stack.stackName,
        'aws:cloudformation:stack-id': stackIdOf(stack),
        'aws:cloudformation:logical-id': stack.logicalResourceId,
    };
}

/**
 * One HandlerRequest. CloudFormation sends the stack tags and system tags with
 * every action, and on re-invocation the callback context and the model of the
 * previous IN_PROGRESS event.
 */
export function handlerRequest(
    stack: Stack,
    action: Action,
    properties: Properties,
    options: RequestOptions = {}
): Record<string, unknown> {
    return {
        action,
        awsAccountId: stack.accountId,
        bearerToken: options.clientRequestToken ?? randomUUID(),
        region: stack.region,
        awsPartition: partitionOf(stack.region),
        resourceType: 'AWS::Connect::User',
        resourceTypeVersion: '00000001',
        stackId: stackIdOf(stack),
        callbackContext: options.callbackContext ?? null,
        nextToken: options.nextToken ?? null,
        requestData: {
            callerCredentials: stack.credentials,
            logicalResourceId: stack.logicalResourceId,
            resourceProperties: properties,
            previousResourceProperties: options.previous ?? null,
            stackTags: stack.stackTags,
            previousStackTags: options.previousStackTags ?? null,
            systemTags: systemTagsOf(stack),
        },
    };
}

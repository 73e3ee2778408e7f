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
    previous?: object | null;
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

/** Who sends a HandlerRequest and for what: the fields that do not change between its actions. */
export interface Sender {
    accountId: string;
    region: string;
    /** awsPartition; left out of the request when undefined. */
    partition?: string;
    stackId: string;
    logicalResourceId: string;
    credentials: CallerCredentials | Record<string, string>;
    /** Where the library sends the handler's log when the request carries provider credentials. */
    providerLogGroupName?: string;
    stackTags: Record<string, string> | null;
    systemTags: Record<string, string> | null;
}

/** One HandlerRequest from a sender. */
export function requestFrom(
    sender: Sender,
    action: Action,
    properties: object,
    options: RequestOptions = {}
): Record<string, unknown> {
    return {
        action,
        awsAccountId: sender.accountId,
        bearerToken: options.clientRequestToken ?? randomUUID(),
        region: sender.region,
        ...(sender.partition === undefined ? {} : { awsPartition: sender.partition }),
        resourceType: 'AWS::Connect::User',
        resourceTypeVersion: '00000001',
        stackId: sender.stackId,
        callbackContext: options.callbackContext ?? null,
        nextToken: options.nextToken ?? null,
        requestData: {
            callerCredentials: sender.credentials,
            ...(sender.providerLogGroupName === undefined
                ? {}
                : { providerLogGroupName: sender.providerLogGroupName }),
            logicalResourceId: sender.logicalResourceId,
            resourceProperties: properties,
            previousResourceProperties: options.previous ?? null,
            stackTags: sender.stackTags,
            previousStackTags: options.previousStackTags ?? null,
            systemTags: sender.systemTags,
        },
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
    const sender: Sender = {
        accountId: stack.accountId,
        region: stack.region,
        partition: partitionOf(stack.region),
        stackId: stackIdOf(stack),
        logicalResourceId: stack.logicalResourceId,
        credentials: stack.credentials,
        stackTags: stack.stackTags,
        systemTags: systemTagsOf(stack),
    };
    return requestFrom(sender, action, properties, options);
}

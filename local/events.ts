import { randomUUID } from 'node:crypto';
import type { ResourceProperties } from '../src/properties';
import { type Action, requestFrom } from './handler-request';

/**
 * Events of one example stack, as CloudFormation and `cfn test` send them: in the
 * emulator's account and region, with the AWS documentation's example
 * credentials, and with stack and system tags only where they are given. The
 * handler tests and the benchmark send these.
 */

export type { Action };

/** The emulator's account and region. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const CREDENTIALS = {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    sessionToken: 'session-token-example',
};

export interface EventOptions {
    previous?: ResourceProperties;
    stackTags?: Record<string, string>;
    previousStackTags?: Record<string, string>;
    systemTags?: Record<string, string>;
    callbackContext?: Record<string, unknown>;
    nextToken?: string;
    /**
     * CloudFormation's bearerToken, the handlers' clientRequestToken: the same
     * for every invocation of one operation. A fresh one per event by default.
     */
    clientRequestToken?: string;
    /** The caller's credentials, CREDENTIALS unless given. */
    credentials?: Record<string, string>;
}

/** A HandlerRequest as CloudFormation sends it to the function's entrypoint. */
export function handlerEvent(
    action: Action,
    properties: ResourceProperties | Record<string, unknown>,
    options: EventOptions = {}
): Record<string, unknown> {
    const sender = {
        accountId: ACCOUNT,
        region: REGION,
        stackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/contact-centre/6f0f7bd0-0000-11ef-0000-000000000000`,
        logicalResourceId: 'AgentUser',
        credentials: options.credentials ?? CREDENTIALS,
        providerLogGroupName: 'aws-connect-user-logs',
        stackTags: options.stackTags ?? null,
        systemTags: options.systemTags ?? null,
    };
    return requestFrom(sender, action, properties, options);
}

/** A `cfn test` event for the test entrypoint. */
export function testEvent(
    action: Action,
    properties: ResourceProperties | Record<string, unknown>,
    options: EventOptions = {}
): Record<string, unknown> {
    return {
        action,
        credentials: options.credentials ?? CREDENTIALS,
        region: REGION,
        callbackContext: options.callbackContext ?? null,
        request: {
            clientRequestToken: options.clientRequestToken ?? randomUUID(),
            desiredResourceState: properties,
            previousResourceState: options.previous ?? null,
            desiredResourceTags: options.stackTags ?? null,
            previousResourceTags: options.previousStackTags ?? null,
            systemTags: options.systemTags ?? null,
            logicalResourceIdentifier: 'AgentUser',
            nextToken: options.nextToken ?? null,
        },
    };
}

/**
 * One Amazon Connect user through its whole life, driven as CloudFormation
 * drives a resource type: wire-format HandlerRequest events into the function's
 * entrypoint, re-invoking with the callback context while IN_PROGRESS, with the
 * stack's tags and CloudFormation's system tags on every request. Each step
 * checks what CloudFormation relies on and reports the Connect calls it caused
 * when an emulator records them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ConnectClient, DeleteUserCommand } from '@aws-sdk/client-connect';
import type { CallRecord } from '../emulator/types';
import {
    type Action,
    type CallerCredentials,
    handlerRequest,
    type Properties,
    type RequestOptions,
    type Stack,
} from '../local/handler-request';
import { mismatches } from './model-match';
import {
    expected,
    type StepResult,
    stepRunner,
    TOTAL_STEPS,
    UNCHANGED_BY_UPDATE,
} from './steps';

export { formatCalls, formatStep, type StepName, type StepResult } from './steps';

/** Where the user lives and what it is given. */
export interface LifecycleTarget {
    region: string;
    instanceArn: string;
    routingProfileArn: string;
    /** The first is given at create; a second, when present, is added by the update. */
    securityProfileArns: string[];
    /** Two: created in the first, moved to the second. One: put in it by the update. */
    hierarchyGroupArns: string[];
    /** Predefined attribute values: all given at create (level 3), the first raised to 5 by the update. */
    proficiencies: Array<{ AttributeName: string; AttributeValue: string }>;
    credentials: CallerCredentials;
}

export type Entrypoint = (event: unknown, context: unknown) => Promise<unknown>;

export interface LifecycleOptions {
    target: LifecycleTarget;
    /** The function's entrypoint, as Lambda calls it. */
    entrypoint: Entrypoint;
    /** The emulator's call record; without it the Connect calls are not reported. */
    connectCalls?: () => CallRecord[];
    /** Defaults to cfn-lifecycle-<6 random characters>. */
    username?: string;
    /** Printed progress, one line at a time; nothing by default. */
    log?: (line: string) => void;
    /** Most invocations per step (IN_PROGRESS re-invocations, LIST pages). */
    maxInvocations?: number;
    /** Longest callbackDelaySeconds honoured between re-invocations. */
    maxCallbackDelaySeconds?: number;
}

export interface LifecycleResult {
    ok: boolean;
    username: string;
    userArn?: string;
    steps: StepResult[];
    /** What the final clean-up did, when the delete step had not removed the user. */
    cleanup?: string;
}

type Response = {
    status?: string;
    errorCode?: string;
    message?: string;
    callbackContext?: Record<string, unknown> | null;
    callbackDelaySeconds?: number;
    resourceModel?: Properties;
    resourceModels?: Properties[];
    nextToken?: string | null;
};

const CONTEXT = {
    functionName: 'TypeFunction',
    functionVersion: '$LATEST',
    memoryLimitInMB: '256',
};

/** Connect: 8-64 characters with a lower-case letter, an upper-case letter and a digit. */
function newPassword(): string {
    return `Lc1${randomBytes(12).toString('base64url')}`;
}

/** Connect usernames on instances without SAML: at most 20 characters. */
export function newUsername(): string {
    return `cfn-lifecycle-${randomBytes(4).toString('hex').slice(0, 6)}`;
}

function accountOf(instanceArn: string): string {
    const account = instanceArn.split(':')[4];
    if (!account) {
        throw new Error(`'${instanceArn}' is not an Amazon Connect instance ARN`);
    }
    return account;
}

/** The template properties before and after the update. */
export function templates(target: LifecycleTarget, username: string) {
    const [firstGroup, secondGroup] = target.hierarchyGroupArns;
    const proficiencies = target.proficiencies.map((p) => ({ ...p, Level: 3 }));
    const created: Properties = {
        InstanceArn: target.instanceArn,
        Username: username,
        Password: newPassword(),
        RoutingProfileArn: target.routingProfileArn,
        SecurityProfileArns: target.securityProfileArns.slice(0, 1),
        PhoneConfig: {
            PhoneType: 'SOFT_PHONE',
            AutoAccept: false,
            AfterContactWorkTimeLimit: 30,
        },
        IdentityInfo: {
            FirstName: 'Lifecycle',
            LastName: 'Check',
            Email: `${username}@example.com`,
        },
        Tags: [
            { Key: 'purpose', Value: 'cfn-lifecycle' },
            { Key: 'team', Value: 'blue' },
        ],
        ...(secondGroup ? { HierarchyGroupArn: firstGroup } : {}),
        ...(proficiencies.length ? { UserProficiencies: proficiencies } : {}),
    };
    const updated: Properties = {
        ...created,
        SecurityProfileArns: target.securityProfileArns.slice(0, 2),
        Tags: [
            { Key: 'purpose', Value: 'cfn-lifecycle' },
            { Key: 'team', Value: 'green' },
        ],
        ...(firstGroup ? { HierarchyGroupArn: secondGroup ?? firstGroup } : {}),
        ...(proficiencies.length
            ? {
                  UserProficiencies: proficiencies.map((p, i) =>
                      i === 0 ? { ...p, Level: 5 } : p
                  ),
              }
            : {}),
    };
    return { created, updated };
}

/** Drives the user's life; resolves with every step's result, never rejects for a step. */
export async function runLifecycle(
    options: LifecycleOptions
): Promise<LifecycleResult> {
    const { target, entrypoint } = options;
    const username = options.username ?? newUsername();
    const maxInvocations = options.maxInvocations ?? 20;
    const maxDelay = options.maxCallbackDelaySeconds ?? 60;
    const log = options.log ?? (() => undefined);
    const stack: Stack = {
        accountId: accountOf(target.instanceArn),
        region: target.region,
        stackName: 'cfn-lifecycle',
        logicalResourceId: 'LifecycleUser',
        credentials: target.credentials,
        stackTags: { costCentre: '4242' },
    };
    const { created, updated } = templates(target, username);
    const { steps, run } = stepRunner({ connectCalls: options.connectCalls, log });
    const result: LifecycleResult = { ok: false, username, steps };
    /** Known from the first IN_PROGRESS of CREATE on, so a failed create is still cleaned up. */
    let userArn: string | undefined;
    let model: Properties = {};
    let deleted = false;

    const invoke = async (
        action: Action,
        properties: Properties,
        request: RequestOptions = {}
    ): Promise<Response> =>
        ((await entrypoint(handlerRequest(stack, action, properties, request), {
            ...CONTEXT,
            awsRequestId: randomBytes(16).toString('hex'),
        })) ?? {}) as Response;

    /** Invokes until the status is no longer IN_PROGRESS, as CloudFormation does. */
    const drive = async (
        step: StepResult,
        action: Action,
        properties: Properties,
        request: RequestOptions = {}
    ): Promise<Response> => {
        let model = properties;
        const keep = (response: Response) => {
            const arn = response.resourceModel?.UserArn;
            if (typeof arn === 'string' && arn) userArn = arn;
        };
        let callbackContext: Record<string, unknown> | null = null;
        const clientRequestToken = randomUUID();
        for (let i = 0; i < maxInvocations; i += 1) {
            const response = await invoke(action, model, {
                ...request,
                callbackContext,
                clientRequestToken,
            });
            step.statuses.push(response.status ?? 'NO STATUS');
            checkNoPassword(step, response);
            if (action === 'CREATE') keep(response);
            if (response.status !== 'IN_PROGRESS') {
                return response;
            }
            if (response.errorCode) {
                step.problems.push(`IN_PROGRESS with errorCode ${response.errorCode}`);
            }
            if (!response.resourceModel?.UserArn) {
                step.problems.push('IN_PROGRESS without the UserArn in its model');
            }
            // CloudFormation calls back with the model and context of the IN_PROGRESS event.
            model = response.resourceModel ?? model;
            callbackContext = response.callbackContext ?? null;
            const delay = Math.min(response.callbackDelaySeconds ?? 0, maxDelay);
            if (delay > 0) await new Promise((r) => setTimeout(r, delay * 1000));
        }
        step.problems.push(`still IN_PROGRESS after ${maxInvocations} invocations`);
        return { status: 'IN_PROGRESS' };
    };

    const checkNoPassword = (step: StepResult, response: Response): void => {
        const models = [response.resourceModel, ...(response.resourceModels ?? [])];
        if (models.some((model) => model && 'Password' in model)) {
            step.problems.push('the response carries the write-only Password');
        }
    };

    const expectStatus = (
        step: StepResult,
        response: Response,
        status: string
    ): void => {
        step.errorCode = response.errorCode;
        step.message = response.message;
        if (response.status !== status) {
            step.problems.push(
                `expected ${status}, got ${response.status ?? 'no status'}` +
                    (response.errorCode
                        ? ` ${response.errorCode}: ${response.message}`
                        : '')
            );
        }
    };

    try {
        await run('create', async (step) => {
            const response = await drive(step, 'CREATE', created);
            expectStatus(step, response, 'SUCCESS');
            if (response.status === 'SUCCESS') {
                step.problems.push(
                    ...mismatches(
                        expected(created, stack.stackTags),
                        response.resourceModel
                    )
                );
            }
            model = response.resourceModel ?? {};
        });
        result.userArn = userArn;
        if (!userArn) {
            return result;
        }
        const identified = (properties: Properties) => ({
            ...properties,
            UserArn: userArn,
        });

        await run('read', async (step) => {
            const response = await invoke('READ', identified(model));
            step.statuses.push(response.status ?? 'NO STATUS');
            checkNoPassword(step, response);
            expectStatus(step, response, 'SUCCESS');
            step.problems.push(
                ...mismatches(
                    identified(expected(created, stack.stackTags)),
                    response.resourceModel
                )
            );
        });

        await run(
            'update',
            async (step) => {
                const response = await drive(step, 'UPDATE', identified(updated), {
                    previous: identified(created),
                    previousStackTags: stack.stackTags,
                });
                expectStatus(step, response, 'SUCCESS');
                step.problems.push(
                    ...mismatches(
                        identified(expected(updated, stack.stackTags)),
                        response.resourceModel
                    )
                );
                model = response.resourceModel ?? model;
            },
            UNCHANGED_BY_UPDATE
        );

        await run('list', async (step) => {
            let nextToken: string | null = null;
            for (let page = 0; page < maxInvocations; page += 1) {
                const response = await invoke(
                    'LIST',
                    { InstanceArn: target.instanceArn },
                    { nextToken }
                );
                step.statuses.push(response.status ?? 'NO STATUS');
                checkNoPassword(step, response);
                expectStatus(step, response, 'SUCCESS');
                if (response.status !== 'SUCCESS') return;
                const found = (response.resourceModels ?? []).some(
                    (listed) => listed.UserArn === userArn
                );
                if (found) return;
                nextToken = response.nextToken ?? null;
                if (!nextToken) break;
            }
            step.problems.push(`${userArn} was not in the listed users`);
        });

        await run('delete', async (step) => {
            const response = await drive(step, 'DELETE', identified(model));
            expectStatus(step, response, 'SUCCESS');
            deleted = response.status === 'SUCCESS';
            if (response.resourceModel && Object.keys(response.resourceModel).length) {
                step.problems.push('a DELETE SUCCESS should carry no model');
            }
        });

        await run('read-deleted', async (step) => {
            const response = await invoke('READ', identified(model));
            step.statuses.push(response.status ?? 'NO STATUS');
            expectStatus(step, response, 'FAILED');
            if (response.errorCode !== 'NotFound') {
                step.problems.push(
                    `expected errorCode NotFound, got ${response.errorCode ?? 'none'}`
                );
            }
        });
    } finally {
        if (userArn && !deleted) {
            result.cleanup = await forceDelete(target, userArn);
            log(`clean-up: ${result.cleanup}`);
        }
    }
    result.ok = steps.length === TOTAL_STEPS && steps.every((step) => step.ok);
    return result;
}

/** Deletes the user directly with Connect, when the handler's DELETE did not. */
export async function forceDelete(
    target: LifecycleTarget,
    userArn: string
): Promise<string> {
    const match = /:instance\/([^/]+)\/agent\/([^/]+)$/.exec(userArn);
    if (!match) {
        return `cannot delete '${userArn}': not a user ARN`;
    }
    const client = new ConnectClient({
        region: target.region,
        credentials: target.credentials,
    });
    try {
        await client.send(
            new DeleteUserCommand({ InstanceId: match[1], UserId: match[2] })
        );
        return `deleted ${userArn} with DeleteUser`;
    } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
            return `${userArn} was already gone`;
        }
        return `could not delete ${userArn}: ${(error as Error).name}: ${(error as Error).message}`;
    } finally {
        client.destroy();
    }
}

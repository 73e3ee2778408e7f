/**
 * One Amazon Connect user through its whole life, driven as CloudFormation
 * drives a resource type: wire-format HandlerRequest events into the function's
 * entrypoint, re-invoking with the callback context while IN_PROGRESS, with the
 * stack's tags and CloudFormation's system tags on every request. Each step
 * checks what CloudFormation relies on and reports the Connect calls it caused
 * when an emulator records them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CallRecord } from '../emulator/types';
import {
    type Action,
    handlerRequest,
    type Properties,
    type RequestOptions,
    type Stack,
} from '../local/handler-request';
import { mismatches } from './model-match';
import { type LifecycleResult, runSteps } from './sequence';
import { expected, type StepResult } from './steps';
import { identified, type LifecycleTarget, newUsername, templates } from './target';

export { formatCalls, formatStep, type StepName, type StepResult } from './steps';

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

function accountOf(instanceArn: string): string {
    const account = instanceArn.split(':')[4];
    if (!account) {
        throw new Error(`'${instanceArn}' is not an Amazon Connect instance ARN`);
    }
    return account;
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
    let model: Properties = {};

    const invoke = async (
        action: Action,
        properties: Properties,
        request: RequestOptions = {}
    ): Promise<Response> =>
        ((await entrypoint(handlerRequest(stack, action, properties, request), {
            ...CONTEXT,
            awsRequestId: randomBytes(16).toString('hex'),
        })) ?? {}) as Response;

    /**
     * Invokes until the status is no longer IN_PROGRESS, as CloudFormation does;
     * found, when given, hears of every UserArn an answer carries.
     */
    const drive = async (
        step: StepResult,
        action: Action,
        properties: Properties,
        request: RequestOptions = {},
        found?: (userArn: string) => void
    ): Promise<Response> => {
        let model = properties;
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
            const arn = response.resourceModel?.UserArn;
            if (found && typeof arn === 'string' && arn) found(arn);
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

    return runSteps(
        { target, username, connectCalls: options.connectCalls, log },
        {
            create: async (step, found) => {
                const response = await drive(step, 'CREATE', created, {}, found);
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
            },

            read: async (step, userArn) => {
                const response = await invoke('READ', identified(model, userArn));
                step.statuses.push(response.status ?? 'NO STATUS');
                checkNoPassword(step, response);
                expectStatus(step, response, 'SUCCESS');
                step.problems.push(
                    ...mismatches(
                        identified(expected(created, stack.stackTags), userArn),
                        response.resourceModel
                    )
                );
            },

            update: async (step, userArn) => {
                const response = await drive(
                    step,
                    'UPDATE',
                    identified(updated, userArn),
                    {
                        previous: identified(created, userArn),
                        previousStackTags: stack.stackTags,
                    }
                );
                expectStatus(step, response, 'SUCCESS');
                step.problems.push(
                    ...mismatches(
                        identified(expected(updated, stack.stackTags), userArn),
                        response.resourceModel
                    )
                );
                model = response.resourceModel ?? model;
            },

            list: async (step, userArn) => {
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
            },

            delete: async (step, userArn) => {
                const response = await drive(
                    step,
                    'DELETE',
                    identified(model, userArn)
                );
                expectStatus(step, response, 'SUCCESS');
                if (
                    response.resourceModel &&
                    Object.keys(response.resourceModel).length
                ) {
                    step.problems.push('a DELETE SUCCESS should carry no model');
                }
                return response.status === 'SUCCESS';
            },

            readDeleted: async (step, userArn) => {
                const response = await invoke('READ', identified(model, userArn));
                step.statuses.push(response.status ?? 'NO STATUS');
                expectStatus(step, response, 'FAILED');
                if (response.errorCode !== 'NotFound') {
                    step.problems.push(
                        `expected errorCode NotFound, got ${response.errorCode ?? 'none'}`
                    );
                }
            },
        }
    );
}

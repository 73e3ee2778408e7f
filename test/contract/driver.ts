import { randomUUID } from 'node:crypto';
import {
    HandlerErrorCode,
    type LambdaContext,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import type { CallRecord, Emulator } from '../../emulator/server';
import { entrypoint } from '../../src/handlers';
import { type EventOptions, handlerEvent } from '../fixtures/events';
import type { Response } from '../fixtures/invoke';
import { pathsOfKey } from './compare';
import {
    type ActionName,
    INVOCATION_LIMIT_MS,
    MAX_CALLBACK_DELAY_SECONDS,
    PRIMARY_IDENTIFIER,
    timeLimitMs,
    WRITE_ONLY,
} from './schema-facts';

/**
 * Drives the handlers as CloudFormation and `cfn test` do: HandlerRequest
 * events through the exported entrypoint, re-invoked with the returned model
 * and callback context while IN_PROGRESS, LIST paged by the top-level
 * nextToken. Every progress event is checked against the handler contract,
 * every log line for passwords, and the Connect calls each invocation made are
 * recorded for the permission audit and the call budget.
 */

export type Model = Record<string, unknown>;

export interface Invocation {
    scenario: string;
    action: ActionName;
    status: string | undefined;
    calls: CallRecord[];
    ms: number;
}

/** Every invocation of the suite, in order: the permission audit reads it. */
export const ledger: Invocation[] = [];

/** The outcome of one operation, possibly several invocations long. */
export interface Operation {
    action: ActionName;
    events: Response[];
    final: Response;
    calls: CallRecord[];
    ms: number;
}

const CONTRACT_ERROR_CODES = new Set<string>(Object.values(HandlerErrorCode));
const STATUSES = new Set(['IN_PROGRESS', 'SUCCESS', 'FAILED']);
const MAX_INVOCATIONS = 50;

/** Stand-ins for CloudFormation's system tags on a stack named `contract`. */
export const SYSTEM_TAGS: Record<string, string> = {
    'aws:cloudformation:stack-name': 'contract',
    'aws:cloudformation:logical-id': 'AgentUser',
    'aws:cloudformation:stack-id':
        'arn:aws:cloudformation:us-east-1:123456789012:stack/contract/6f0f7bd0-0000-11ef-0000-000000000000',
};

const secrets = new Set<string>();

const CONTEXT = {
    awsRequestId: 'c0ffee00-contract',
    functionVersion: '$LATEST',
    memoryLimitInMB: '256',
} as unknown as LambdaContext;

/** Passwords no response or log line may ever contain. */
export function registerSecret(password: unknown): void {
    if (typeof password === 'string' && password) {
        secrets.add(password);
    }
}

function hasIdentifier(model: Model | undefined): boolean {
    return PRIMARY_IDENTIFIER.every(
        (name) => typeof model?.[name] === 'string' && model[name] !== ''
    );
}

/** What is wrong with one progress event under the handler contract. */
export function progressEventProblems(
    action: ActionName,
    response: Response,
    request: Model | undefined
): string[] {
    const problems: string[] = [];
    const status = response.status ?? '';
    const delay = response.callbackDelaySeconds as number | undefined;
    if (!STATUSES.has(status)) {
        problems.push(`status '${status}' is not IN_PROGRESS, SUCCESS or FAILED`);
    }
    if (status === 'IN_PROGRESS') {
        if (action === 'READ' || action === 'LIST') {
            problems.push(`${action} must not answer IN_PROGRESS`);
        }
        if (response.errorCode) {
            problems.push('an IN_PROGRESS event carries an error code');
        }
        if (response.resourceModels != null) {
            problems.push('an IN_PROGRESS event carries resourceModels');
        }
        if (!hasIdentifier(response.resourceModel)) {
            problems.push('an IN_PROGRESS event carries no primary identifier');
        }
        if (
            delay !== undefined &&
            !(
                Number.isInteger(delay) &&
                delay >= 0 &&
                delay <= MAX_CALLBACK_DELAY_SECONDS
            )
        ) {
            problems.push(`callbackDelaySeconds ${String(delay)} is out of range`);
        }
    } else if (delay !== undefined && delay !== 0) {
        problems.push(`a ${status} event has callbackDelaySeconds ${String(delay)}`);
    }
    if (status === 'SUCCESS') {
        if (response.errorCode) {
            problems.push('a SUCCESS event carries an error code');
        }
        if (action === 'LIST') {
            if (!Array.isArray(response.resourceModels)) {
                problems.push('a LIST SUCCESS event has no resourceModels list');
            } else if (
                !response.resourceModels.every((model) => hasIdentifier(model))
            ) {
                problems.push('a listed model has no primary identifier');
            }
        } else if (action === 'DELETE') {
            if (response.resourceModel && Object.keys(response.resourceModel).length) {
                problems.push('a DELETE SUCCESS event returns a model');
            }
        } else if (!hasIdentifier(response.resourceModel)) {
            problems.push(`a ${action} SUCCESS event has no primary identifier`);
        }
    }
    if (status === 'FAILED') {
        if (!CONTRACT_ERROR_CODES.has(response.errorCode ?? '')) {
            problems.push(
                `error code '${String(response.errorCode)}' is not a contract code`
            );
        }
        if (typeof response.message !== 'string' || !response.message.trim()) {
            problems.push('a FAILED event has no message');
        }
        if (response.resourceModels != null) {
            problems.push('a FAILED event carries resourceModels');
        }
    }
    const requested = PRIMARY_IDENTIFIER.map((name) => request?.[name]);
    if (
        status !== 'FAILED' &&
        action !== 'LIST' &&
        action !== 'DELETE' &&
        requested.every((value) => typeof value === 'string') &&
        PRIMARY_IDENTIFIER.some(
            (name, index) => response.resourceModel?.[name] !== requested[index]
        )
    ) {
        problems.push('the returned primary identifier differs from the requested one');
    }
    for (const name of WRITE_ONLY) {
        for (const path of pathsOfKey(response, name)) {
            problems.push(`write-only property at ${path}`);
        }
    }
    const text = JSON.stringify(response);
    for (const secret of secrets) {
        if (text.includes(secret)) {
            problems.push('a password appears in the response');
        }
    }
    return problems;
}

/** Runs `run` with every console line collected instead of printed. */
async function withCapturedLogs<T>(
    run: () => Promise<T>
): Promise<{ result: T; logs: string[] }> {
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const saved = methods.map((method) => console[method]);
    const logs: string[] = [];
    for (const method of methods) {
        console[method] = (...args: unknown[]) => {
            logs.push(
                args
                    .map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)))
                    .join(' ')
            );
        };
    }
    try {
        return { result: await run(), logs };
    } finally {
        methods.forEach((method, index) => {
            console[method] = saved[index];
        });
    }
}

export interface OperationOptions extends EventOptions {
    /** Re-invoke while IN_PROGRESS (the default), or stop after one invocation. */
    drive?: boolean;
}

export class ContractDriver {
    constructor(
        readonly emulator: Emulator,
        readonly scenario: string
    ) {}

    /** One invocation of the entrypoint; throws when the event breaks the contract. */
    async invoke(
        action: ActionName,
        event: Record<string, unknown>,
        request: Model | undefined
    ): Promise<{ response: Response; calls: CallRecord[]; ms: number }> {
        process.env.AWS_ENDPOINT_URL_CONNECT = this.emulator.url;
        this.emulator.resetCalls();
        const started = Date.now();
        const { result, logs } = await withCapturedLogs(
            async () =>
                (await entrypoint(
                    JSON.parse(JSON.stringify(event)),
                    CONTEXT
                )) as Response
        );
        const ms = Date.now() - started;
        const calls = this.emulator.calls();
        ledger.push({
            scenario: this.scenario,
            action,
            status: result.status,
            calls,
            ms,
        });
        const problems = progressEventProblems(action, result, request);
        const limit =
            action === 'READ' || action === 'LIST'
                ? timeLimitMs(action)
                : INVOCATION_LIMIT_MS;
        if (ms > limit) {
            problems.push(`the invocation took ${ms} ms, more than ${limit} ms`);
        }
        const logText = logs.join('\n');
        for (const secret of secrets) {
            if (logText.includes(secret)) {
                problems.push('a password appears in a log line');
            }
        }
        if (problems.length) {
            throw new Error(
                `${this.scenario}: ${action} broke the handler contract:\n- ${problems.join('\n- ')}\nresponse: ${JSON.stringify(result)}`
            );
        }
        return { response: result, calls, ms };
    }

    /** CREATE, UPDATE or DELETE, re-invoked as CloudFormation does while IN_PROGRESS. */
    async mutate(
        action: 'CREATE' | 'UPDATE' | 'DELETE',
        model: Model,
        options: OperationOptions = {}
    ): Promise<Operation> {
        const events: Response[] = [];
        const calls: CallRecord[] = [];
        let ms = 0;
        let properties = model;
        let callbackContext = options.callbackContext;
        // One operation: the same token on every invocation, as CloudFormation sends.
        const clientRequestToken = options.clientRequestToken ?? randomUUID();
        for (let count = 0; count < MAX_INVOCATIONS; count += 1) {
            const event = handlerEvent(action, properties, {
                ...options,
                callbackContext,
                clientRequestToken,
            });
            const outcome = await this.invoke(action, event, properties);
            events.push(outcome.response);
            calls.push(...outcome.calls);
            ms += outcome.ms;
            const { response } = outcome;
            if (response.status !== 'IN_PROGRESS' || options.drive === false) {
                if (ms > timeLimitMs(action)) {
                    throw new Error(
                        `${action} took ${ms} ms, over the handler's timeout`
                    );
                }
                return { action, events, final: response, calls, ms };
            }
            properties = response.resourceModel ?? properties;
            callbackContext = response.callbackContext;
        }
        throw new Error(
            `${action} was still IN_PROGRESS after ${MAX_INVOCATIONS} invocations`
        );
    }

    create(model: Model, options: OperationOptions = {}): Promise<Operation> {
        registerSecret(model.Password);
        return this.mutate('CREATE', model, options);
    }

    /** UPDATE as CloudFormation sends it: the desired model with the identifier, and the previous one. */
    update(
        desired: Model,
        previous: Model,
        options: OperationOptions = {}
    ): Promise<Operation> {
        return this.mutate('UPDATE', desired, { ...options, previous });
    }

    delete(model: Model, options: OperationOptions = {}): Promise<Operation> {
        return this.mutate('DELETE', model, options);
    }

    async read(model: Model, options: EventOptions = {}): Promise<Operation> {
        const { response, calls, ms } = await this.invoke(
            'READ',
            handlerEvent('READ', model, options),
            model
        );
        return { action: 'READ', events: [response], final: response, calls, ms };
    }

    /** Every page of LIST for the instance the model names. */
    async listAll(model: Model): Promise<Operation & { models: Model[] }> {
        const events: Response[] = [];
        const calls: CallRecord[] = [];
        const models: Model[] = [];
        let nextToken: string | undefined;
        let ms = 0;
        do {
            const outcome = await this.invoke(
                'LIST',
                handlerEvent('LIST', model, { nextToken }),
                model
            );
            events.push(outcome.response);
            calls.push(...outcome.calls);
            ms += outcome.ms;
            if (outcome.response.status !== 'SUCCESS') {
                break;
            }
            models.push(...(outcome.response.resourceModels ?? []));
            nextToken = outcome.response.nextToken ?? undefined;
        } while (nextToken && events.length < MAX_INVOCATIONS);
        return {
            action: 'LIST',
            events,
            final: events[events.length - 1],
            calls,
            ms,
            models,
        };
    }
}

/** The operations of a set of call records, with how many of each. */
export function countOperations(calls: readonly CallRecord[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of calls) {
        counts[call.operation] = (counts[call.operation] ?? 0) + 1;
    }
    return counts;
}

export const READ_OPERATIONS = new Set([
    'DescribeUser',
    'ListUserProficiencies',
    'ListUsers',
    'SearchUsers',
    'ListTagsForResource',
]);

/** The calls that change something in Connect. */
export function mutatingCalls(calls: readonly CallRecord[]): CallRecord[] {
    return calls.filter((call) => !READ_OPERATIONS.has(call.operation));
}

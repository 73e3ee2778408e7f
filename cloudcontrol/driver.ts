/**
 * Drives a resource operation request in the background, as Cloud Control does:
 * the handler is invoked with the same bearer token until it stops answering
 * IN_PROGRESS, called back with the model and callback context of its last
 * answer (and the write-only values of the request, which a handler's model
 * never carries) after the delay it asked for. A failure the handler contract
 * calls retriable is invoked again, a few times, with the same input. A
 * cancelled request is not invoked again; the invocation under way is allowed
 * to finish, and nothing it did is rolled back.
 */
import {
    cloudControlRequest,
    type Caller,
    type HandlerResponse,
} from './handler-request';
import {
    identifierOf,
    timeoutMinutes,
    withoutWriteOnly,
    writeOnlyOf,
    type Model,
} from './schema';
import type { RequestRecord, RequestStore, ResumePlan } from './store';

/** The handler error codes the resource type contract marks as retriable. */
export const RETRIABLE = new Set([
    'NetworkFailure',
    'ResourceConflict',
    'ServiceInternalError',
    'Throttling',
]);

export interface DriverOptions {
    store: RequestStore;
    invoke: (event: Record<string, unknown>) => Promise<HandlerResponse>;
    /** Requests driven at once; the others wait as PENDING. */
    maxConcurrent: number;
    /** Re-invocations of a retriable failure, per failure. */
    maxRetries: number;
    /** The first retry's delay; each further one doubles it, up to 2 s. */
    retryBaseMs: number;
    /** Invocations per request before it fails as ServiceTimeout. */
    maxInvocations: number;
    log: (line: string) => void;
}

export interface Plan {
    action: 'CREATE' | 'UPDATE' | 'DELETE';
    caller: Caller;
    desired: Model;
    previous?: Model;
    /** Where a request carried on after a restart stood: its next model and context. */
    model?: Model;
    callbackContext?: Record<string, unknown> | null;
}

/** What the state file keeps of a plan, to carry the request on after a restart. */
export function resumePlanOf(plan: Plan): ResumePlan {
    return {
        action: plan.action,
        region: plan.caller.region,
        desired: plan.desired,
        previous: plan.previous,
        model: plan.model ?? plan.desired,
        callbackContext: plan.callbackContext ?? null,
    };
}

export class Driver {
    private running = 0;
    private readonly waiting: Array<() => void> = [];
    private readonly wakers = new Map<string, () => void>();
    private readonly jobs = new Set<Promise<void>>();
    private closing = false;

    constructor(private readonly options: DriverOptions) {}

    /**
     * Starts driving a PENDING request (or carries on one a restart found
     * running): at once (IN_PROGRESS before this returns) when fewer than
     * maxConcurrent are being driven, else when one finishes. The request was
     * written with its plan (`resume`) before this.
     */
    start(record: RequestRecord, plan: Plan): void {
        const now = this.running < this.options.maxConcurrent;
        if (now) {
            this.running += 1;
            if (record.status === 'PENDING') {
                this.options.store.update(record.requestToken, {
                    status: 'IN_PROGRESS',
                });
            }
        }
        const job = this.run(record, plan, now).finally(() => this.jobs.delete(job));
        this.jobs.add(job);
    }

    /** Ends a wait between invocations early, so that a cancel takes effect now. */
    wake(requestToken: string): void {
        this.wakers.get(requestToken)?.();
    }

    /** Stops every request at its next step and waits for the invocations under way. */
    async close(): Promise<void> {
        this.closing = true;
        for (const wake of this.wakers.values()) wake();
        for (const release of this.waiting.splice(0)) release();
        await Promise.all([...this.jobs]);
    }

    /** Waits for a slot; a finishing request hands its slot over directly. */
    private acquire(): Promise<void> {
        return new Promise<void>((resolve) => this.waiting.push(resolve));
    }

    private release(): void {
        const next = this.waiting.shift();
        if (next) {
            next();
        } else {
            this.running -= 1;
        }
    }

    private sleep(requestToken: string, ms: number): Promise<void> {
        return new Promise((resolve) => {
            const done = () => {
                clearTimeout(timer);
                this.wakers.delete(requestToken);
                resolve();
            };
            const timer = setTimeout(done, ms);
            this.wakers.set(requestToken, done);
        });
    }

    private async run(
        record: RequestRecord,
        plan: Plan,
        started: boolean
    ): Promise<void> {
        if (!started) {
            await this.acquire();
        }
        const began = Date.now();
        let invocations = 0;
        try {
            if (record.status === 'PENDING') {
                this.options.store.update(record.requestToken, {
                    status: 'IN_PROGRESS',
                });
            }
            invocations = await this.drive(record, plan);
        } catch (error) {
            this.options.store.update(record.requestToken, {
                status: 'FAILED',
                errorCode: 'InternalFailure',
                statusMessage: `The request could not be driven: ${(error as Error).message}`,
            });
        } finally {
            this.release();
        }
        this.options.log(
            `${record.operation} ${record.requestToken} -> ${record.status}` +
                `${record.errorCode ? ` ${record.errorCode}` : ''}` +
                ` ${invocations} invocation${invocations === 1 ? '' : 's'}` +
                ` ${Date.now() - began} ms`
        );
    }

    /** The invocations it took; the record holds the outcome. */
    private async drive(record: RequestRecord, plan: Plan): Promise<number> {
        const { store } = this.options;
        const token = record.requestToken;
        if (record.status !== 'IN_PROGRESS') {
            // Cancelled while it waited for a slot.
            return 0;
        }
        const writeOnly = writeOnlyOf(plan.desired);
        const deadline =
            record.startedAt +
            timeoutMinutes(
                plan.action.toLowerCase() as 'create' | 'update' | 'delete'
            ) *
                60_000;
        let model = plan.model ?? plan.desired;
        let callbackContext = plan.callbackContext ?? null;
        let retries = 0;
        // A request carried on after a restart first waits out the delay its handler asked for.
        const asked = (record.retryAfter ?? 0) - Date.now();
        if (asked > 0) await this.sleep(token, asked);
        for (let invocations = 0; ; invocations += 1) {
            if (record.cancelRequested) {
                store.update(token, {
                    status: 'CANCEL_COMPLETE',
                    retryAfter: undefined,
                });
                return invocations;
            }
            if (this.closing) {
                // With a state file, the next start on it carries the request on.
                if (store.persistent) return invocations;
                store.update(token, {
                    status: 'FAILED',
                    errorCode: 'InternalFailure',
                    statusMessage:
                        'The Cloud Control endpoint stopped during this request',
                });
                return invocations;
            }
            if (invocations >= this.options.maxInvocations || Date.now() > deadline) {
                store.update(token, {
                    status: 'FAILED',
                    errorCode: 'ServiceTimeout',
                    statusMessage: `The handler did not finish within ${invocations} invocations`,
                });
                return invocations;
            }
            const response = await this.options.invoke(
                cloudControlRequest(plan.caller, {
                    action: plan.action,
                    token,
                    model,
                    previous: plan.previous,
                    callbackContext,
                })
            );
            const returned = response.resourceModel
                ? withoutWriteOnly(response.resourceModel)
                : undefined;
            const identifier = identifierOf(returned) ?? record.identifier;
            if (record.cancelRequested) {
                store.update(token, {
                    status: 'CANCEL_COMPLETE',
                    identifier,
                    resourceModel: returned ?? record.resourceModel,
                    retryAfter: undefined,
                });
                return invocations + 1;
            }
            if (response.status === 'IN_PROGRESS') {
                retries = 0;
                model = { ...(returned ?? model), ...writeOnly };
                callbackContext = response.callbackContext ?? null;
                const delaySeconds = Math.max(0, response.callbackDelaySeconds ?? 0);
                store.update(token, {
                    identifier,
                    resourceModel: returned ?? record.resourceModel,
                    statusMessage: response.message || undefined,
                    retryAfter: delaySeconds
                        ? Date.now() + delaySeconds * 1000
                        : undefined,
                    resume: record.resume && {
                        ...record.resume,
                        model,
                        callbackContext,
                    },
                });
                if (delaySeconds) await this.sleep(token, delaySeconds * 1000);
                continue;
            }
            if (response.status === 'SUCCESS') {
                store.update(token, {
                    status: 'SUCCESS',
                    identifier,
                    resourceModel: plan.action === 'DELETE' ? undefined : returned,
                    // A success may say what it left undone (a password not changed).
                    statusMessage: response.message || undefined,
                    retryAfter: undefined,
                });
                return invocations + 1;
            }
            const errorCode = response.errorCode || 'InternalFailure';
            if (RETRIABLE.has(errorCode) && retries < this.options.maxRetries) {
                retries += 1;
                const delay = Math.min(
                    2000,
                    this.options.retryBaseMs * 2 ** (retries - 1)
                );
                await this.sleep(token, delay);
                continue;
            }
            store.update(token, {
                status: 'FAILED',
                identifier,
                resourceModel: returned ?? record.resourceModel,
                errorCode,
                statusMessage:
                    response.message ||
                    (response.status ? undefined : 'The handler returned no status'),
                retryAfter: undefined,
            });
            return invocations + 1;
        }
    }
}

/**
 * Runs the type's handler in this process, as the Lambda function Cloud Control
 * invokes: with AWS_REGION and the Connect endpoint in the environment, a
 * Lambda context, a time limit per invocation, and the library's console
 * output dropped or shown with the invocation's secrets redacted.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { applyHandlerEnvironment } from '../local/environment';
import { captureFunctionLogs, redactSecretsOf } from '../local/function-logs';
import type { LambdaContext } from '../local/lambda-endpoint';
import type { HandlerResponse } from './handler-request';

export const DEFAULT_HANDLER = resolve(__dirname, '..', 'src', 'handlers.ts');

type Entrypoint = (event: unknown, context: LambdaContext) => Promise<unknown>;

export interface InvokerOptions {
    /** Module exporting `entrypoint`; src/handlers.ts by default. */
    handler?: string;
    region: string;
    /** Where the handler's Connect calls go; undefined means real Amazon Connect. */
    connectEndpoint?: string;
    /** Per-invocation limit, as the function's Timeout (60 s in the SAM template). */
    timeoutSeconds?: number;
    /** Show the handler's console output on stderr, secrets redacted. */
    functionLogs?: boolean;
}

export interface Invoker {
    invoke(event: Record<string, unknown>): Promise<HandlerResponse>;
    close(): void;
}

async function loadEntrypoint(path: string): Promise<Entrypoint> {
    const loaded = (await import(resolve(path))) as {
        entrypoint?: Entrypoint;
        default?: { entrypoint?: Entrypoint };
    };
    const entrypoint = loaded.entrypoint ?? loaded.default?.entrypoint;
    if (typeof entrypoint !== 'function') {
        throw new Error(`${path} does not export an entrypoint function`);
    }
    return entrypoint;
}

/** A handler that throws or runs out of time fails as Lambda reports it: InternalFailure. */
function internalFailure(message: string): HandlerResponse {
    return { status: 'FAILED', errorCode: 'InternalFailure', message };
}

export async function createInvoker(options: InvokerOptions): Promise<Invoker> {
    const restoreEnvironment = applyHandlerEnvironment({
        region: options.region,
        connectEndpoint: options.connectEndpoint,
    });
    const logs = captureFunctionLogs(options.functionLogs ?? false);
    let entrypoint: Entrypoint;
    try {
        // Loaded once the environment is set, as Lambda loads it.
        entrypoint = await loadEntrypoint(options.handler ?? DEFAULT_HANDLER);
    } catch (error) {
        logs.restore();
        restoreEnvironment();
        throw error;
    }
    const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;

    const invoke = async (event: Record<string, unknown>): Promise<HandlerResponse> => {
        const requestId = randomUUID();
        const deadline = Date.now() + timeoutMs;
        const context: LambdaContext = {
            functionName: 'TypeFunction',
            functionVersion: '$LATEST',
            invokedFunctionArn: `arn:aws:lambda:${options.region}:${String(event.awsAccountId)}:function:TypeFunction`,
            memoryLimitInMB: '256',
            awsRequestId: requestId,
            logGroupName: '/aws/lambda/TypeFunction',
            logStreamName: `local/${requestId}`,
            callbackWaitsForEmptyEventLoop: true,
            getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
        };
        const untrack = logs.track(event);
        let timer: NodeJS.Timeout | undefined;
        try {
            const limit = new Promise<HandlerResponse>((resolveLimit) => {
                timer = setTimeout(
                    () =>
                        resolveLimit(
                            internalFailure(
                                `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`
                            )
                        ),
                    timeoutMs
                );
            });
            const run = entrypoint(event, context).then(
                (response) => (response ?? {}) as HandlerResponse
            );
            return await Promise.race([run, limit]);
        } catch (error) {
            return internalFailure(
                redactSecretsOf(
                    event,
                    error instanceof Error ? error.message : String(error)
                )
            );
        } finally {
            clearTimeout(timer);
            untrack();
        }
    };

    return {
        invoke,
        close: () => {
            logs.restore();
            restoreEnvironment();
        },
    };
}

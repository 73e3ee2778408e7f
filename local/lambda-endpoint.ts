/**
 * A local endpoint for the Lambda Invoke API, as `sam local start-lambda` offers
 * it, that runs the resource's handlers in this process: `cfn test --endpoint`,
 * the AWS CLI or any Lambda SDK client can drive the type without Docker, with
 * Amazon Connect answered by the local emulator.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { type Emulator, startEmulator } from '../emulator/server';
import { listenOnLoopback } from '../emulator/listen';
import { readBoundedBody } from '../emulator/http/body';
import { parseJsonText } from '../emulator/http/json-text';
import { foreignRequest } from '../emulator/http/local-origin';
import { escapeLogText } from '../emulator/http/log-text';
import { decodeSegment, requestUrl } from '../emulator/http/request-target';
import { applyHandlerEnvironment, defaultRegion } from './environment';
import { captureFunctionLogs, redactSecretsOf } from './function-logs';
import { checkConnectEndpoint } from './loopback';

export const DEFAULT_PORT = 3001;
export const DEFAULT_HANDLER = resolve(__dirname, '..', 'src', 'handlers.ts');
/** Lambda refuses synchronous payloads above 6 MB. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/**
 * Each invocation's limit here unless --timeout says otherwise: template.yml's
 * 180 s leaves room for SAM starting a container, which runs none here.
 */
const DEFAULT_TIMEOUT_SECONDS = 60;
/** The account Lambda's ARNs name when the function is local. */
const LOCAL_ACCOUNT = '123456789012';

type Handler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/** The functions of the type's SAM template and the exports they run. */
const FUNCTIONS = {
    TypeFunction: 'entrypoint',
    TestEntrypoint: 'testEntrypoint',
} as const;
type FunctionName = keyof typeof FUNCTIONS;

export interface LambdaContext {
    functionName: string;
    functionVersion: string;
    invokedFunctionArn: string;
    memoryLimitInMB: string;
    awsRequestId: string;
    logGroupName: string;
    logStreamName: string;
    callbackWaitsForEmptyEventLoop: boolean;
    getRemainingTimeInMillis(): number;
}

export interface LambdaEndpointOptions {
    /** TCP port on 127.0.0.1; 3001 by default (as `sam local start-lambda`), 0 for a free one. */
    port?: number;
    /** Send Connect calls here instead of starting the emulator; loopback unless realAws. */
    connectEndpoint?: string;
    /** Leave AWS_ENDPOINT_URL_CONNECT unset: Connect calls go to AWS with the event's credentials. */
    realAws?: boolean;
    /** Module exporting entrypoint and testEntrypoint; src/handlers.ts by default. */
    handler?: string;
    /** AWS_REGION for the handler, as Lambda sets it. */
    region?: string;
    /** Per-invocation time limit, as the function's Timeout. */
    timeoutSeconds?: number;
    /** Show the handler's console output on stderr (secrets redacted); dropped otherwise. */
    functionLogs?: boolean;
    /** Where the one line per invocation goes; stdout by default. */
    log?: (line: string) => void;
}

export interface LambdaEndpoint {
    /** e.g. http://127.0.0.1:3001 */
    url: string;
    port: number;
    /** Where the handler's Connect calls go; undefined for real AWS. */
    connectEndpoint?: string;
    /** The in-process emulator, when this endpoint started one. */
    emulator?: Emulator;
    close(): Promise<void>;
}

interface HandlerModule {
    entrypoint: Handler;
    testEntrypoint: Handler;
}

async function loadHandlers(path: string): Promise<HandlerModule> {
    const loaded = (await import(resolve(path))) as Partial<HandlerModule> & {
        default?: Partial<HandlerModule>;
    };
    const module = typeof loaded.entrypoint === 'function' ? loaded : loaded.default;
    if (
        typeof module?.entrypoint !== 'function' ||
        typeof module.testEntrypoint !== 'function'
    ) {
        throw new Error(
            `${path} does not export entrypoint and testEntrypoint functions`
        );
    }
    return module as HandlerModule;
}

/** The function a path names: `Name`, `Name:qualifier` or a function ARN; undefined when its %-encoding is broken. */
function functionNameOf(raw: string): string | undefined {
    const name = decodeSegment(raw);
    if (name === undefined) return undefined;
    const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(name);
    return arn ? arn[1] : name.split(':')[0];
}

function send(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
): void {
    const text = JSON.stringify(body ?? null);
    response.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(text)),
        ...headers,
    });
    response.end(text);
}

/** Lambda's service errors: the type in a header, `{Type, message}` in the body. */
function sendServiceError(
    response: ServerResponse,
    status: number,
    errorType: string,
    message: string,
    requestId: string
): void {
    send(
        response,
        status,
        { Type: 'User', message },
        { 'x-amzn-errortype': errorType, 'x-amzn-RequestId': requestId }
    );
}

class Timeout extends Error {}

function withTimeout<T>(promise: Promise<T>, seconds: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(
            () =>
                reject(
                    new Timeout(`Task timed out after ${seconds.toFixed(2)} seconds`)
                ),
            seconds * 1000
        );
    });
    return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** A short, printable rendering of a field of the event or response for the log line. */
function printable(value: unknown): string {
    return typeof value === 'string' && /^[A-Za-z_]{1,40}$/.test(value) ? value : '-';
}

/**
 * Starts the endpoint on 127.0.0.1. Unless a Connect endpoint is given or real AWS
 * is asked for, it starts the Connect emulator in this process on a free port.
 * The handler runs in this process, so only one endpoint should run per process.
 */
export async function startLambdaEndpoint(
    options: LambdaEndpointOptions = {}
): Promise<LambdaEndpoint> {
    const realAws = options.realAws ?? false;
    const given =
        options.connectEndpoint !== undefined
            ? checkConnectEndpoint(options.connectEndpoint, realAws)
            : undefined;
    const handlers = await loadHandlers(options.handler ?? DEFAULT_HANDLER);
    const region = options.region ?? defaultRegion();
    const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    const write = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
    const log = (line: string) => write(escapeLogText(line));

    const emulator =
        given === undefined && !realAws
            ? await startEmulator({ quiet: true })
            : undefined;
    const connectEndpoint = given ?? emulator?.url;
    const restoreEnvironment = applyHandlerEnvironment({ region, connectEndpoint });
    const functionLogs = captureFunctionLogs(options.functionLogs ?? false);

    const invoke = async (
        name: FunctionName,
        event: unknown,
        requestId: string
    ): Promise<{ body: unknown; failed: boolean }> => {
        const deadline = Date.now() + timeoutSeconds * 1000;
        const context: LambdaContext = {
            functionName: name,
            functionVersion: '$LATEST',
            invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${name}`,
            memoryLimitInMB: '256',
            awsRequestId: requestId,
            logGroupName: `/aws/lambda/${name}`,
            logStreamName: `local/${requestId}`,
            callbackWaitsForEmptyEventLoop: true,
            getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
        };
        const untrack = functionLogs.track(event);
        try {
            const handler = handlers[FUNCTIONS[name]];
            const body = await withTimeout(handler(event, context), timeoutSeconds);
            return { body, failed: false };
        } catch (error) {
            const failure = error instanceof Error ? error : new Error(String(error));
            return {
                body: {
                    errorType:
                        failure instanceof Timeout ? 'Sandbox.Timedout' : failure.name,
                    errorMessage: redactSecretsOf(event, failure.message),
                },
                failed: true,
            };
        } finally {
            untrack();
        }
    };

    const handle = async (
        request: IncomingMessage,
        response: ServerResponse
    ): Promise<void> => {
        const requestId = randomUUID();
        const url = requestUrl(request.url);
        if (!url) {
            request.resume();
            return sendServiceError(
                response,
                400,
                'InvalidRequestContentException',
                'The request target is not a URL',
                requestId
            );
        }
        const foreign = foreignRequest(request.headers, port);
        if (foreign) {
            request.resume();
            return sendServiceError(
                response,
                403,
                'AccessDeniedException',
                foreign,
                requestId
            );
        }
        const route = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/.exec(
            url.pathname
        );
        if (!route || request.method !== 'POST') {
            request.resume();
            return sendServiceError(
                response,
                404,
                'UnknownOperationException',
                `No operation ${request.method} ${url.pathname}: only Invoke is served here`,
                requestId
            );
        }
        const name = functionNameOf(route[1]);
        if (name === undefined) {
            request.resume();
            return sendServiceError(
                response,
                400,
                'InvalidParameterValueException',
                'The function name in the path has broken %-encoding',
                requestId
            );
        }
        // Own names only: `constructor` or `toString` name no function.
        if (!Object.hasOwn(FUNCTIONS, name)) {
            request.resume();
            return sendServiceError(
                response,
                404,
                'ResourceNotFoundException',
                `Function not found: arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${name}`,
                requestId
            );
        }
        const invocationType = request.headers['x-amz-invocation-type'];
        if (invocationType !== undefined && invocationType !== 'RequestResponse') {
            request.resume();
            return sendServiceError(
                response,
                501,
                'NotImplemented',
                `invocation-type: ${String(invocationType)} is not supported. RequestResponse is only supported.`,
                requestId
            );
        }
        const raw = await readBoundedBody(request, MAX_PAYLOAD_BYTES);
        if (!raw.ok) {
            return sendServiceError(
                response,
                413,
                'RequestTooLargeException',
                `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
                requestId
            );
        }
        // Lambda invokes with {} when the request has no payload.
        const parsed = parseJsonText(
            raw.bytes.length ? raw.bytes.toString('utf8') : '{}'
        );
        if (!parsed.ok) {
            return sendServiceError(
                response,
                400,
                'InvalidRequestContentException',
                `Could not parse request body into json: the payload is ${parsed.problem}`,
                requestId
            );
        }
        const event = parsed.value;
        const started = Date.now();
        const { body, failed } = await invoke(name as FunctionName, event, requestId);
        const ms = Date.now() - started;
        const action = printable((event as { action?: unknown } | null)?.action);
        const result = (body ?? {}) as { status?: unknown; errorCode?: unknown };
        const outcome = failed
            ? `Unhandled ${printable((body as { errorType?: unknown }).errorType)}`
            : [
                  printable(result.status),
                  ...(result.errorCode ? [printable(result.errorCode)] : []),
              ].join(' ');
        log(`${name} ${action} -> ${outcome} ${ms} ms`);
        send(response, 200, body, {
            'X-Amz-Executed-Version': '$LATEST',
            'x-amzn-RequestId': requestId,
            ...(failed ? { 'X-Amz-Function-Error': 'Unhandled' } : {}),
        });
    };

    const server = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
            if (!response.headersSent) {
                sendServiceError(
                    response,
                    500,
                    'ServiceException',
                    (error as Error).message,
                    randomUUID()
                );
            }
        });
    });
    let port: number;
    try {
        port = await listenOnLoopback(server, options.port ?? DEFAULT_PORT);
    } catch (error) {
        functionLogs.restore();
        restoreEnvironment();
        await emulator?.close();
        throw error;
    }

    return {
        url: `http://127.0.0.1:${port}`,
        port,
        connectEndpoint,
        emulator,
        close: async () => {
            await new Promise<void>((resolveClose) => {
                server.close(() => resolveClose());
                server.closeAllConnections();
            });
            functionLogs.restore();
            restoreEnvironment();
            await emulator?.close();
        },
    };
}

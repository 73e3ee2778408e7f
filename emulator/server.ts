/**
 * A stateful local Amazon Connect emulator speaking the REST-JSON protocol, so the
 * unmodified @aws-sdk/client-connect works against it with an endpoint override.
 * Admin endpoints under /_emulator/ expose the call log, fault injection, rate
 * limits and the state to tests running in other processes.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
    ConnectError,
    accessDenied,
    internalError,
    invalidRequest,
    throttling,
    unknownOperation,
} from './errors';
import { DEFAULT_BEHAVIOUR, validateBehaviour } from './behaviour';
import { DEFAULT_LATENCY_MS, FaultQueue } from './faults';
import { withGeneratedUsers } from './generated-users';
import { readBoundedBody } from './http/body';
import { removeStaleTemporaries, writeFileDurably } from './http/durable-file';
import { parseJsonText } from './http/json-text';
import { declaresJson, foreignRequest } from './http/local-origin';
import { escapeLogText } from './http/log-text';
import { requestUrl } from './http/request-target';
import { listenOnLoopback } from './listen';
import { OPERATIONS, instanceIdFrom } from './operations';
import { RateLimiter, validateRateLimits, type RateLimitsSetting } from './rate-limits';
import { matchRoute } from './routes';
import { DEFAULT_SEED_FILE, loadSeedFile, normalizeState } from './seed';
import type {
    Behaviour,
    CallRecord,
    DirectoryIdentityUpdates,
    EmulatorState,
    FaultSpec,
    RateLimits,
} from './types';

export { DEFAULT_BEHAVIOUR, validateBehaviour } from './behaviour';
export { FAULT_KINDS, validateFault } from './faults';
export { DOCUMENTED_RATE_LIMITS, validateRateLimits } from './rate-limits';
export type { RateLimitsSetting } from './rate-limits';
export type {
    Behaviour,
    CallRecord,
    DirectoryIdentityUpdates,
    DirectoryUser,
    EmulatorState,
    FaultKind,
    FaultSpec,
    InstanceState,
    RateLimit,
    RateLimits,
    UserState,
} from './types';

export interface EmulatorOptions {
    /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
    port?: number;
    /** Seed document (same shape as seed.json). Takes precedence over seedFile. */
    seed?: unknown;
    /** Path of a seed file; defaults to the bundled seed.json. */
    seedFile?: string;
    /**
     * Generated users added to the seed's first CONNECT_MANAGED instance (agent00001
     * upwards), kept by reset(); none by default. A loaded state file has its own.
     */
    users?: number;
    /** Persist the state here after every change; loaded on start when present. */
    stateFile?: string;
    /**
     * Per-operation token buckets, or 'documented' for Connect's documented default
     * quotas (DOCUMENTED_RATE_LIMITS). None by default in process, so that suites
     * driving many calls are not throttled; the CLI defaults to 'documented'.
     */
    rateLimits?: RateLimitsSetting;
    /** Accept `aws:` tag keys on CreateUser (default false: InvalidParameterException). */
    acceptSystemTags?: boolean;
    /** DescribeUser returns PhoneConfig and every per-channel list (default false). */
    describeBoth?: boolean;
    /**
     * UpdateUserIdentityInfo changing FirstName, LastName or Email on an
     * EXISTING_DIRECTORY instance: 'refuse' (default, InvalidRequestException) or
     * 'ignore' (accepted, the directory's values kept).
     */
    directoryIdentityUpdates?: DirectoryIdentityUpdates;
    /** Suppress the per-call log line. */
    quiet?: boolean;
    /** Call records kept, the oldest dropped first; 10,000 by default. */
    maxCalls?: number;
}

export interface Emulator {
    /** e.g. http://127.0.0.1:PORT */
    url: string;
    port: number;
    close(): Promise<void>;
    /** A copy of the latest Connect calls received (up to maxCalls), oldest first. */
    calls(): CallRecord[];
    resetCalls(): void;
    /** Queue a fault for the next `count` calls of an operation ('*' for any). */
    injectFault(fault: FaultSpec): void;
    clearFaults(): void;
    /** Replace the rate limits ('documented' for Connect's defaults, {} for none). */
    setRateLimits(limits: RateLimitsSetting): void;
    /** The current answers to the choices the API reference leaves open. */
    behaviour(): Behaviour;
    /** Change some of those answers at runtime. */
    setBehaviour(changes: Partial<Behaviour>): void;
    /** Shorthand for setBehaviour({ acceptSystemTags }). */
    setAcceptSystemTags(accept: boolean): void;
    /** Shorthand for setBehaviour({ describeBoth }). */
    setDescribeBoth(both: boolean): void;
    /** Shorthand for setBehaviour({ directoryIdentityUpdates }). */
    setDirectoryIdentityUpdates(mode: DirectoryIdentityUpdates): void;
    /** Deep copy of the full state. Contains no passwords. */
    snapshot(): EmulatorState;
    /** Back to the seed (and persisted, when a state file is configured). */
    reset(): void;
}

const ADMIN_PREFIX = '/_emulator/';
/**
 * The largest request body read. Connect's largest user requests are far
 * smaller: a CreateUser with 50 tags of 128-character keys and 256-character
 * values is under 80 KB even in four-byte characters.
 */
export const MAX_BODY_BYTES = 256 * 1024;
/** Call records keep the parameters of bodies up to this size, and only their size beyond it. */
const RECORDED_BODY_BYTES = 16 * 1024;
const DEFAULT_MAX_CALLS = 10_000;

/** Replaces every `Password` value, at any depth, so no record can carry one. */
function redact(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redact);
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [
                key,
                key === 'Password' ? '<redacted>' : redact(inner),
            ])
        );
    }
    return value;
}

/** The body as text, or a 413 error when it is larger than any Connect request. */
async function readBody(request: IncomingMessage): Promise<string | ConnectError> {
    const body = await readBoundedBody(request, MAX_BODY_BYTES);
    return body.ok
        ? body.bytes.toString('utf8')
        : new ConnectError(
              'RequestEntityTooLargeException',
              413,
              `The request body is larger than ${MAX_BODY_BYTES} bytes`
          );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The state a state file holds; an Error naming the file and what is wrong with it. */
function loadStateFile(path: string): EmulatorState {
    removeStaleTemporaries(path);
    const json = parseJsonText(readFileSync(path, 'utf8'));
    if (!json.ok) {
        throw new Error(`The emulator state file ${path} is ${json.problem}`);
    }
    try {
        return normalizeState(json.value);
    } catch (error) {
        throw new Error(
            `The emulator state file ${path} is not an emulator state: ${(error as Error).message}`
        );
    }
}

/** Starts the emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const given: EmulatorState =
        options.seed !== undefined
            ? normalizeState(options.seed)
            : loadSeedFile(options.seedFile ?? DEFAULT_SEED_FILE);
    const seed = options.users ? withGeneratedUsers(given, options.users) : given;
    const stateFile = options.stateFile;
    let state: EmulatorState =
        stateFile && existsSync(stateFile)
            ? loadStateFile(stateFile)
            : structuredClone(seed);
    const maxCalls = options.maxCalls ?? DEFAULT_MAX_CALLS;
    if (!Number.isInteger(maxCalls) || maxCalls < 0) {
        throw new Error(`maxCalls must be an integer >= 0, not ${maxCalls}`);
    }
    let callLog: CallRecord[] = [];
    let sequence = 0;
    const faults = new FaultQueue();
    let limiter = new RateLimiter(validateRateLimits(options.rateLimits ?? {}));
    let behaviour: Behaviour = {
        ...DEFAULT_BEHAVIOUR,
        ...validateBehaviour({
            acceptSystemTags: options.acceptSystemTags,
            describeBoth: options.describeBoth,
            directoryIdentityUpdates: options.directoryIdentityUpdates,
        }),
    };

    const persist = (): void => {
        if (stateFile)
            writeFileDurably(stateFile, JSON.stringify(state, null, 2) + '\n');
    };
    persist();

    const log = (line: string): void => {
        if (!options.quiet) process.stdout.write(`${escapeLogText(line)}\n`);
    };

    const sendJson = (
        response: ServerResponse,
        status: number,
        body: unknown,
        headers: Record<string, string> = {}
    ): void => {
        const text = body === undefined ? '' : JSON.stringify(body);
        response.writeHead(status, {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(text),
            'x-amzn-RequestId': randomUUID(),
            ...headers,
        });
        response.end(text);
    };

    const sendError = (response: ServerResponse, error: ConnectError): void =>
        sendJson(
            response,
            error.status,
            { Message: error.message },
            { 'x-amzn-ErrorType': error.errorType }
        );

    const handleAdmin = async (
        request: IncomingMessage,
        response: ServerResponse,
        path: string
    ): Promise<void> => {
        const route = `${request.method} ${path.slice(ADMIN_PREFIX.length)}`;
        if (request.method !== 'GET' && !declaresJson(request.headers)) {
            request.resume();
            return sendJson(response, 415, {
                message:
                    'Admin requests other than GET must be Content-Type: application/json',
            });
        }
        const body = await readBody(request);
        if (body instanceof ConnectError) {
            return sendJson(response, body.status, { message: body.message });
        }
        const parsed = (): unknown => {
            if (!body) return undefined;
            const json = parseJsonText(body);
            if (!json.ok) throw new Error(`The request body is ${json.problem}`);
            return json.value;
        };
        try {
            switch (route) {
                case 'GET calls':
                    return sendJson(response, 200, emulator.calls());
                case 'DELETE calls':
                    emulator.resetCalls();
                    return sendJson(response, 204, undefined);
                case 'POST faults':
                    emulator.injectFault(parsed() as FaultSpec);
                    return sendJson(response, 204, undefined);
                case 'DELETE faults':
                    emulator.clearFaults();
                    return sendJson(response, 204, undefined);
                case 'PUT rate-limits':
                    emulator.setRateLimits(parsed() as RateLimits);
                    return sendJson(response, 204, undefined);
                case 'GET behaviour':
                    return sendJson(response, 200, emulator.behaviour());
                case 'PATCH behaviour':
                    emulator.setBehaviour(parsed() as Partial<Behaviour>);
                    return sendJson(response, 200, emulator.behaviour());
                case 'GET state':
                    return sendJson(response, 200, emulator.snapshot());
                case 'POST reset':
                    emulator.reset();
                    return sendJson(response, 204, undefined);
                default:
                    return sendJson(response, 404, {
                        message: `No admin route ${route}`,
                    });
            }
        } catch (error) {
            return sendJson(response, 400, { message: (error as Error).message });
        }
    };

    /** Throttles, or runs the operation, persisting what it changed. */
    const answer = (
        operation: string,
        params: Record<string, unknown>,
        bodyError: ConnectError | undefined
    ): { status: number; body?: unknown; error?: ConnectError } => {
        const refused = (error: ConnectError) => ({ status: error.status, error });
        if (!limiter.take(operation)) return refused(throttling());
        if (bodyError) return refused(bodyError);
        try {
            const result = OPERATIONS[operation]({
                state,
                params,
                now: Date.now(),
                behaviour,
            });
            if (result.mutated) persist();
            return { status: 200, body: result.body };
        } catch (error) {
            if (error instanceof ConnectError) return refused(error);
            log(`${operation} -> 500 ${(error as Error).stack ?? String(error)}`);
            return refused(internalError());
        }
    };

    const handleConnect = async (
        request: IncomingMessage,
        response: ServerResponse,
        url: URL
    ): Promise<void> => {
        const method = request.method ?? 'GET';
        const read = await readBody(request);
        const rawBody = typeof read === 'string' ? read : '';
        const route = matchRoute(method, url);
        const matched = route === 'bad-encoding' ? undefined : route;
        const operation = matched?.operation ?? 'UnknownOperation';
        let params: Record<string, unknown> = { ...matched?.params };
        let bodyError: ConnectError | undefined =
            typeof read === 'string' ? undefined : read;
        if (rawBody.trim() !== '') {
            const body = parseJsonText(rawBody);
            if (!body.ok) {
                bodyError = invalidRequest(`The request body is ${body.problem}`);
            } else if (
                typeof body.value !== 'object' ||
                body.value === null ||
                Array.isArray(body.value)
            ) {
                bodyError = invalidRequest('The request body is not a JSON object');
            } else {
                params = { ...body.value, ...params };
            }
        }
        const record: CallRecord = {
            seq: ++sequence,
            time: new Date().toISOString(),
            operation,
            instanceId:
                instanceIdFrom(params.InstanceId) ??
                (typeof params.resourceArn === 'string'
                    ? /:instance\/([^/]+)/.exec(params.resourceArn)?.[1]
                    : undefined),
            params:
                Buffer.byteLength(rawBody) > RECORDED_BODY_BYTES
                    ? { omitted: `a body of ${Buffer.byteLength(rawBody)} bytes` }
                    : (redact(params) as Record<string, unknown>),
            status: 0,
        };
        if (record.instanceId === undefined) delete record.instanceId;
        callLog.push(record);
        if (callLog.length > maxCalls) callLog.splice(0, callLog.length - maxCalls);

        const fail = (error: ConnectError): void => {
            record.status = error.status;
            record.error = error.errorType;
            log(`${operation} -> ${error.status} ${error.errorType}: ${error.message}`);
            sendError(response, error);
        };

        if (route === 'bad-encoding') {
            return fail(invalidRequest('The request path has broken %-encoding'));
        }
        if (!matched) return fail(unknownOperation(method, url.pathname));
        // Connect needs SigV4; the emulator checks its presence, not its validity.
        if (!/^AWS4-HMAC-SHA256 /.test(request.headers.authorization ?? '')) {
            return fail(
                accessDenied(
                    'Request is missing a valid AWS Signature Version 4 Authorization header'
                )
            );
        }
        const fault = faults.take(operation);
        if (fault) {
            record.fault = fault.kind;
            switch (fault.kind) {
                case 'throttle':
                    return fail(throttling());
                case 'error500':
                    return fail(internalError());
                case 'drop':
                    log(`${operation} -> connection dropped (fault)`);
                    request.socket.destroy();
                    return;
                case 'latency':
                    await sleep(fault.latencyMs ?? DEFAULT_LATENCY_MS);
                    break;
                case 'lose-answer':
                    break;
            }
        }
        const outcome = answer(operation, params, bodyError);
        if (fault?.kind === 'lose-answer') {
            // Processed, state changed and persisted; the client never hears of it.
            record.lostStatus = outcome.status;
            if (outcome.error) record.error = outcome.error.errorType;
            log(`${operation} -> ${outcome.status} processed, answer lost (fault)`);
            request.socket.destroy();
            return;
        }
        if (outcome.error) return fail(outcome.error);
        record.status = 200;
        log(`${operation} -> 200`);
        sendJson(response, 200, outcome.body);
    };

    const server = createServer((request, response) => {
        const url = requestUrl(request.url);
        if (!url) {
            request.resume();
            return sendError(
                response,
                invalidRequest('The request target is not a URL')
            );
        }
        const foreign = foreignRequest(request.headers, port);
        if (foreign) {
            request.resume();
            return sendError(response, accessDenied(foreign));
        }
        const handler = url.pathname.startsWith(ADMIN_PREFIX)
            ? handleAdmin(request, response, url.pathname)
            : handleConnect(request, response, url);
        handler.catch((error: unknown) => {
            if (!response.headersSent) sendError(response, internalError());
            log(`unexpected failure: ${(error as Error).message}`);
        });
    });

    const port = await listenOnLoopback(server, options.port ?? 0);

    const emulator: Emulator = {
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.close((error) => (error ? reject(error) : resolve()));
                server.closeAllConnections();
            }),
        calls: () => structuredClone(callLog),
        resetCalls: () => {
            callLog = [];
        },
        injectFault: (fault) => faults.add(fault),
        clearFaults: () => faults.clear(),
        setRateLimits: (limits) => {
            limiter = new RateLimiter(validateRateLimits(limits));
        },
        behaviour: () => ({ ...behaviour }),
        setBehaviour: (changes) => {
            behaviour = { ...behaviour, ...validateBehaviour(changes) };
        },
        setAcceptSystemTags: (accept) =>
            emulator.setBehaviour({ acceptSystemTags: accept }),
        setDescribeBoth: (both) => emulator.setBehaviour({ describeBoth: both }),
        setDirectoryIdentityUpdates: (mode) =>
            emulator.setBehaviour({ directoryIdentityUpdates: mode }),
        snapshot: () => structuredClone(state),
        reset: () => {
            state = structuredClone(seed);
            persist();
        },
    };
    return emulator;
}

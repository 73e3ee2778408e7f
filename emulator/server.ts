/**
 * A stateful local Amazon Connect emulator speaking the REST-JSON protocol, so the
 * unmodified @aws-sdk/client-connect works against it with an endpoint override.
 * Admin endpoints under /_emulator/ expose the call log, fault injection, rate
 * limits and the state to tests running in other processes.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
    ConnectError,
    accessDenied,
    internalError,
    invalidRequest,
    throttling,
    unknownOperation,
} from './errors';
import { OPERATIONS, instanceIdFrom } from './operations';
import { matchRoute } from './routes';
import { DEFAULT_SEED_FILE, loadSeedFile, normalizeState } from './seed';
import type {
    CallRecord,
    EmulatorState,
    FaultKind,
    FaultSpec,
    RateLimit,
    RateLimits,
} from './types';

export type {
    CallRecord,
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
    /** Persist the state here after every change; loaded on start when present. */
    stateFile?: string;
    /** Per-operation token buckets; none by default. */
    rateLimits?: RateLimits;
    /** Suppress the per-call log line. */
    quiet?: boolean;
}

export interface Emulator {
    /** e.g. http://127.0.0.1:PORT */
    url: string;
    port: number;
    close(): Promise<void>;
    /** A copy of every Connect call received so far, oldest first. */
    calls(): CallRecord[];
    resetCalls(): void;
    /** Queue a fault for the next `count` calls of an operation ('*' for any). */
    injectFault(fault: FaultSpec): void;
    clearFaults(): void;
    setRateLimits(limits: RateLimits): void;
    /** Deep copy of the full state. Contains no passwords. */
    snapshot(): EmulatorState;
    /** Back to the seed (and persisted, when a state file is configured). */
    reset(): void;
}

const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'error500', 'drop', 'latency'];
const DEFAULT_LATENCY_MS = 1000;
const ADMIN_PREFIX = '/_emulator/';

interface Bucket {
    tokens: number;
    updated: number;
}

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

export function validateFault(raw: unknown): FaultSpec {
    const fault = raw as Partial<FaultSpec> | null;
    if (
        typeof fault !== 'object' ||
        fault === null ||
        typeof fault.operation !== 'string' ||
        typeof fault.count !== 'number' ||
        !Number.isInteger(fault.count) ||
        fault.count < 1 ||
        !FAULT_KINDS.includes(fault.kind as FaultKind) ||
        (fault.latencyMs !== undefined &&
            (typeof fault.latencyMs !== 'number' || fault.latencyMs < 0))
    ) {
        throw new Error(
            'A fault needs operation (string), count (integer >= 1), kind ' +
                `(${FAULT_KINDS.join(' | ')}) and optionally latencyMs (>= 0)`
        );
    }
    return { ...fault } as FaultSpec;
}

export function validateRateLimits(raw: unknown): RateLimits {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new Error(
            'Rate limits must be an object of {operation: {ratePerSecond, burst}}'
        );
    }
    for (const [operation, limit] of Object.entries(raw)) {
        const { ratePerSecond, burst } = (limit ?? {}) as Partial<RateLimit>;
        if (
            typeof ratePerSecond !== 'number' ||
            ratePerSecond < 0 ||
            typeof burst !== 'number' ||
            burst < 1
        ) {
            throw new Error(
                `Rate limit for ${operation} needs ratePerSecond >= 0, burst >= 1`
            );
        }
    }
    return structuredClone(raw as RateLimits);
}

function readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        request.on('error', reject);
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function writeAtomically(path: string, content: string): void {
    const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
    writeFileSync(temporary, content);
    renameSync(temporary, path);
}

/** Starts the emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const seed: EmulatorState =
        options.seed !== undefined
            ? normalizeState(options.seed)
            : loadSeedFile(options.seedFile ?? DEFAULT_SEED_FILE);
    const stateFile = options.stateFile;
    let state: EmulatorState =
        stateFile && existsSync(stateFile)
            ? normalizeState(JSON.parse(readFileSync(stateFile, 'utf8')))
            : structuredClone(seed);
    let callLog: CallRecord[] = [];
    let sequence = 0;
    let faults: Array<FaultSpec & { remaining: number }> = [];
    let rateLimits: RateLimits = validateRateLimits(options.rateLimits ?? {});
    let buckets = new Map<string, Bucket>();

    const persist = (): void => {
        if (stateFile)
            writeAtomically(stateFile, JSON.stringify(state, null, 2) + '\n');
    };
    persist();

    const log = (line: string): void => {
        if (!options.quiet) process.stdout.write(`${line}\n`);
    };

    const takeFault = (operation: string): FaultSpec | undefined => {
        const fault = faults.find(
            (candidate) =>
                candidate.operation === operation || candidate.operation === '*'
        );
        if (!fault) return undefined;
        fault.remaining -= 1;
        faults = faults.filter((candidate) => candidate.remaining > 0);
        return fault;
    };

    const rateLimited = (operation: string): boolean => {
        const limit = rateLimits[operation] ?? rateLimits['*'];
        if (!limit) return false;
        const now = Date.now();
        const bucket = buckets.get(operation) ?? { tokens: limit.burst, updated: now };
        bucket.tokens = Math.min(
            limit.burst,
            bucket.tokens + ((now - bucket.updated) / 1000) * limit.ratePerSecond
        );
        bucket.updated = now;
        buckets.set(operation, bucket);
        if (bucket.tokens < 1) return true;
        bucket.tokens -= 1;
        return false;
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
        const body = await readBody(request);
        const parsed = (): unknown => (body ? JSON.parse(body) : undefined);
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

    const handleConnect = async (
        request: IncomingMessage,
        response: ServerResponse,
        url: URL
    ): Promise<void> => {
        const method = request.method ?? 'GET';
        const rawBody = await readBody(request);
        const matched = matchRoute(method, url);
        const operation = matched?.operation ?? 'UnknownOperation';
        let params: Record<string, unknown> = { ...matched?.params };
        let bodyError: ConnectError | undefined;
        if (rawBody.trim() !== '') {
            try {
                const body: unknown = JSON.parse(rawBody);
                if (typeof body !== 'object' || body === null || Array.isArray(body)) {
                    throw new Error('not an object');
                }
                params = { ...body, ...params };
            } catch {
                bodyError = invalidRequest(
                    'The request body is not a valid JSON object'
                );
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
            params: redact(params) as Record<string, unknown>,
            status: 0,
        };
        if (record.instanceId === undefined) delete record.instanceId;
        callLog.push(record);

        const fail = (error: ConnectError): void => {
            record.status = error.status;
            record.error = error.errorType;
            log(`${operation} -> ${error.status} ${error.errorType}: ${error.message}`);
            sendError(response, error);
        };

        if (!matched) return fail(unknownOperation(method, url.pathname));
        // Connect needs SigV4; the emulator checks its presence, not its validity.
        if (!/^AWS4-HMAC-SHA256 /.test(request.headers.authorization ?? '')) {
            return fail(
                accessDenied(
                    'Request is missing a valid AWS Signature Version 4 Authorization header'
                )
            );
        }
        const fault = takeFault(operation);
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
            }
        }
        if (rateLimited(operation)) return fail(throttling());
        if (bodyError) return fail(bodyError);
        try {
            const result = OPERATIONS[operation]({ state, params, now: Date.now() });
            if (result.mutated) persist();
            record.status = 200;
            log(`${operation} -> 200`);
            sendJson(response, 200, result.body);
        } catch (error) {
            if (error instanceof ConnectError) return fail(error);
            log(`${operation} -> 500 ${(error as Error).stack ?? String(error)}`);
            return fail(internalError());
        }
    };

    const server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const handler = url.pathname.startsWith(ADMIN_PREFIX)
            ? handleAdmin(request, response, url.pathname)
            : handleConnect(request, response, url);
        handler.catch((error: unknown) => {
            if (!response.headersSent) sendError(response, internalError());
            log(`unexpected failure: ${(error as Error).message}`);
        });
    });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;

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
        injectFault: (fault) => {
            const valid = validateFault(fault);
            faults.push({ ...valid, remaining: valid.count });
        },
        clearFaults: () => {
            faults = [];
        },
        setRateLimits: (limits) => {
            rateLimits = validateRateLimits(limits);
            buckets = new Map();
        },
        snapshot: () => structuredClone(state),
        reset: () => {
            state = structuredClone(seed);
            persist();
        },
    };
    return emulator;
}

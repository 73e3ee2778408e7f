/**
 * A local Cloud Control API for this resource type, on 127.0.0.1: the AWS JSON
 * 1.0 protocol of the real service, so the unmodified SDK client, the AWS CLI
 * and clients that sign their own requests work with only an endpoint
 * override. Each request runs the type's handler in this process, with the
 * HandlerRequest Cloud Control sends, against the Connect emulator it starts
 * (or another Connect endpoint).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { type Emulator, startEmulator } from '../emulator/server';
import { listenOnLoopback } from '../emulator/listen';
import { foreignRequest } from '../emulator/http/local-origin';
import { escapeLogText } from '../emulator/http/log-text';
import { requestUrl } from '../emulator/http/request-target';
import { defaultRegion } from '../local/environment';
import { partitionOf } from '../local/handler-request';
import { checkConnectEndpoint } from '../local/loopback';
import { Driver } from './driver';
import { serializationError, ServiceError, unknownOperation } from './errors';
import type { Caller } from './handler-request';
import { checkInput, OPERATIONS, type Input, type Operation } from './input';
import { createInvoker } from './invoker';
import { createResource, deleteResource, updateResource } from './mutations';
import { isRegistryRequest, registryAnswer } from './registry';
import {
    cancelResourceRequest,
    getResource,
    getResourceRequestStatus,
    listResourceRequests,
    listResources,
} from './queries';
import type { Service } from './service';
import { resumeRequests } from './resume';
import { RequestStore } from './store';
import { isStsRequest, stsAnswer } from './sts';
import {
    parseJsonBody,
    readBody,
    sendError,
    sendJson,
    signedRegion,
    TARGET_PREFIX,
} from './wire';

export interface CloudControlOptions {
    /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
    port?: number;
    /** Send Connect calls here instead of starting the emulator; loopback unless realAws. */
    connectEndpoint?: string;
    /** No emulator: Connect calls go to AWS with this process's default credentials. */
    realAws?: boolean;
    /** Module exporting `entrypoint`; src/handlers.ts by default. */
    handler?: string;
    /** The region of requests whose signature names none, and the handler's AWS_REGION. */
    region?: string;
    /** The account the handler is told it runs in; the emulator's seed account by default. */
    accountId?: string;
    /** Keep the requests here, loaded on start. */
    stateFile?: string;
    /** Finished requests kept (the oldest are dropped first); 1000 by default. */
    maxRequests?: number;
    /** Requests driven at once (others are PENDING); 8 by default. */
    maxConcurrent?: number;
    /** Requests running or waiting at once before new ones are throttled; 200 by default. */
    maxActive?: number;
    /** Re-invocations of a retriable handler failure; 3 by default. */
    maxRetries?: number;
    retryBaseMs?: number;
    /** Handler invocations per request; 100 by default. */
    maxInvocations?: number;
    /** Per-invocation limit in seconds; 60 by default. */
    timeoutSeconds?: number;
    /** Show the handler's log lines on stderr, secrets redacted. */
    functionLogs?: boolean;
    /** One line per call and per finished request; stdout by default. */
    log?: (line: string) => void;
    /** Every response body sent, for tests that look for leaks. */
    observe?: (body: string) => void;
}

export interface CloudControlServer {
    url: string;
    port: number;
    /** The in-process emulator, when this server started one. */
    emulator?: Emulator;
    /** Where the handler's Connect calls go; undefined for real AWS. */
    connectEndpoint?: string;
    store: RequestStore;
    close(): Promise<void>;
}

const EMULATOR_ACCOUNT = '123456789012';
/** The emulator checks that requests are signed, not by whom. */
const EMULATOR_CREDENTIALS = {
    accessKeyId: 'AKIALOCALCLOUDCONTROL',
    secretAccessKey: 'local-cloudcontrol-secret-key',
    sessionToken: 'local-cloudcontrol-session-token',
};

type Handler = (service: Service, input: Input, region?: string) => Promise<unknown>;

const HANDLERS: Readonly<Record<Operation, Handler>> = {
    CreateResource: createResource,
    GetResource: getResource,
    UpdateResource: updateResource,
    DeleteResource: deleteResource,
    ListResources: listResources,
    GetResourceRequestStatus: getResourceRequestStatus,
    ListResourceRequests: listResourceRequests,
    CancelResourceRequest: cancelResourceRequest,
};

function callerFactory(options: CloudControlOptions, fallbackRegion: string) {
    const accountId = options.accountId ?? EMULATOR_ACCOUNT;
    const credentials = options.realAws ? defaultProvider() : undefined;
    return async (region: string | undefined): Promise<Caller> => ({
        accountId,
        region: region ?? fallbackRegion,
        credentials: credentials ? await credentials() : EMULATOR_CREDENTIALS,
    });
}

export async function startCloudControl(
    options: CloudControlOptions = {}
): Promise<CloudControlServer> {
    const realAws = options.realAws ?? false;
    const given =
        options.connectEndpoint !== undefined
            ? checkConnectEndpoint(options.connectEndpoint, realAws)
            : undefined;
    const region = options.region ?? defaultRegion();
    const write = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
    const log = (line: string) => write(escapeLogText(line));
    // First, so that a state file it refuses stops the start before anything listens.
    const store = new RequestStore({
        maxRequests: options.maxRequests ?? 1000,
        stateFile: options.stateFile,
        onSaveError: (error) => log(error.message),
    });
    const emulator =
        given === undefined && !realAws
            ? await startEmulator({ quiet: true })
            : undefined;
    const connectEndpoint = given ?? emulator?.url;
    const invoker = await createInvoker({
        handler: options.handler,
        region,
        connectEndpoint,
        timeoutSeconds: options.timeoutSeconds,
        functionLogs: options.functionLogs,
    });
    const maxRetries = options.maxRetries ?? 3;
    const retryBaseMs = options.retryBaseMs ?? 200;
    const driver = new Driver({
        store,
        invoke: invoker.invoke,
        maxConcurrent: options.maxConcurrent ?? 8,
        maxRetries,
        retryBaseMs,
        maxInvocations: options.maxInvocations ?? 100,
        log,
    });
    const service: Service = {
        store,
        driver,
        invoke: invoker.invoke,
        caller: callerFactory(options, region),
        maxActive: options.maxActive ?? 200,
        maxRetries,
        retryBaseMs,
        preparing: new Map(),
    };
    const resumed = await resumeRequests(store, driver, service.caller);
    if (resumed) log(`Carrying on ${resumed} requests the state file holds as running`);
    const identity = {
        account: options.accountId ?? EMULATOR_ACCOUNT,
        partition: partitionOf(region),
    };
    const observe = options.observe ?? (() => undefined);
    const registry = { region, ...identity, registeredAt: new Date() };

    const handle = async (request: IncomingMessage, response: ServerResponse) => {
        const requestId = randomUUID();
        const target = String(request.headers['x-amz-target'] ?? '');
        const operation = target.slice(TARGET_PREFIX.length) as Operation;
        try {
            if (!requestUrl(request.url)) {
                request.resume();
                throw serializationError('The request target is not a URL');
            }
            const foreign = foreignRequest(request.headers, port);
            if (foreign) {
                request.resume();
                throw new ServiceError(
                    'AccessDeniedException',
                    403,
                    foreign,
                    'com.amazon.coral.service'
                );
            }
            const body = await readBody(request);
            if (isStsRequest(request, body)) {
                const [status, type, text] = stsAnswer(request, identity, requestId);
                response.writeHead(status, {
                    'Content-Type': type,
                    'x-amzn-RequestId': requestId,
                });
                response.end(text);
                observe(text);
                log(`STS GetCallerIdentity -> ${status}`);
                return;
            }
            if (isRegistryRequest(request, body)) {
                const [status, type, text] = registryAnswer(
                    request,
                    body,
                    registry,
                    requestId
                );
                response.writeHead(status, {
                    'Content-Type': type,
                    'x-amzn-RequestId': requestId,
                });
                response.end(text);
                observe(text);
                log(`CloudFormation -> ${status}`);
                return;
            }
            if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
                throw unknownOperation(target || `${request.method} ${request.url}`);
            }
            if (!OPERATIONS.includes(operation)) {
                throw unknownOperation(target);
            }
            const signed = signedRegion(request);
            const input = checkInput(operation, parseJsonBody(body));
            const result = await HANDLERS[operation](service, input, signed);
            observe(sendJson(response, 200, result, requestId));
            log(`${operation} -> 200`);
        } catch (error) {
            const failure =
                error instanceof ServiceError
                    ? error
                    : new ServiceError(
                          'InternalFailure',
                          500,
                          `The request could not be processed: ${(error as Error).message}`,
                          'com.amazon.coral.service'
                      );
            observe(sendError(response, failure, requestId));
            log(`${operation || target || '-'} -> ${failure.status} ${failure.type}`);
        }
    };

    const server = createServer((request, response) => {
        handle(request, response).catch(() => {
            if (!response.headersSent) response.writeHead(500).end();
        });
    });
    let port: number;
    try {
        port = await listenOnLoopback(server, options.port ?? 0);
    } catch (error) {
        invoker.close();
        await emulator?.close();
        throw error;
    }
    return {
        url: `http://127.0.0.1:${port}`,
        port,
        emulator,
        connectEndpoint,
        store,
        close: async () => {
            await new Promise<void>((resolveClose) => {
                server.close(() => resolveClose());
                server.closeAllConnections();
            });
            await driver.close();
            invoker.close();
            await emulator?.close();
        },
    };
}

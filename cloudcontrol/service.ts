/**
 * What every operation shares: the request store, the driver, the handler,
 * the caller a request runs as, and the checks that come before any work (the
 * type, a ClientToken already used, a resource another request is working on).
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Driver, RETRIABLE } from './driver';
import {
    concurrentOperation,
    handlerFailure,
    ServiceError,
    serviceError,
    typeNotFound,
} from './errors';
import {
    cloudControlRequest,
    type Caller,
    type HandlerCall,
    type HandlerResponse,
} from './handler-request';
import type { Input } from './input';
import { progressEvent, type WireProgressEvent } from './progress-event';
import { TYPE_NAME, TYPE_VERSION_ID, withoutWriteOnly, type Model } from './schema';
import type { RequestRecord, RequestStore, ResourceOperation } from './store';

export interface Service {
    store: RequestStore;
    driver: Driver;
    invoke: (event: Record<string, unknown>) => Promise<HandlerResponse>;
    /** The account, region and credentials a request signed for `region` runs as. */
    caller: (region: string | undefined) => Promise<Caller>;
    /** Requests that may be running or waiting at once. */
    maxActive: number;
    maxRetries: number;
    retryBaseMs: number;
    /** Identifiers and ClientTokens of the requests being prepared right now. */
    preparing: Map<string, string>;
}

export function checkType(input: Input): void {
    if (input.TypeName !== TYPE_NAME) {
        throw typeNotFound(String(input.TypeName));
    }
    if (input.TypeVersionId !== undefined && input.TypeVersionId !== TYPE_VERSION_ID) {
        throw typeNotFound(TYPE_NAME, input.TypeVersionId);
    }
}

/** A digest of what a request asks for, to tell its repeat from another request. */
export function fingerprint(parts: Record<string, unknown>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The checks every mutating request passes before anything else: a ClientToken
 * already used answers the request it was used for (or is refused when that
 * request asked for something else); a resource another request is working on
 * is ConcurrentOperationException; too many running requests is throttled.
 * While the returned request is prepared, the identifier and token stay taken.
 */
export async function admit(
    service: Service,
    operation: ResourceOperation,
    input: Input,
    digest: string,
    identifier: string | undefined,
    prepare: (requestToken: string) => Promise<RequestRecord>
): Promise<WireProgressEvent> {
    const taken = service.preparing;
    const tokenKey = input.ClientToken ? `token:${input.ClientToken}` : undefined;
    // A repeat that arrives while its first copy is being prepared waits for it.
    for (let waited = 0; tokenKey && taken.has(tokenKey) && waited < 500; waited += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const previous = input.ClientToken
        ? service.store.byClientToken(input.ClientToken)
        : undefined;
    if (previous || (tokenKey && taken.has(tokenKey))) {
        if (previous && previous.fingerprint === digest) {
            return progressEvent(previous);
        }
        throw serviceError(
            'ClientTokenConflictException',
            `The ClientToken ${input.ClientToken} has already been used in another resource request`
        );
    }
    if (identifier) {
        const running = service.store.activeFor(identifier);
        const reserved = taken.get(`id:${identifier}`);
        if (running || reserved) {
            const [token, kind] = running
                ? [running.requestToken, running.operation]
                : (reserved as string).split(' ');
            throw concurrentOperation(kind, token, identifier);
        }
    }
    if (service.store.activeCount() >= service.maxActive) {
        // The service framework's throttle, not the handler's (Alchemy retries this one).
        throw new ServiceError(
            'ThrottlingException',
            429,
            `Rate exceeded: ${service.maxActive} resource operation requests are already running`,
            'com.amazon.coral.availability'
        );
    }
    const requestToken = randomUUID();
    const keys = [
        ...(tokenKey ? [tokenKey] : []),
        ...(identifier ? [`id:${identifier}`] : []),
    ];
    for (const key of keys) taken.set(key, `${requestToken} ${operation}`);
    try {
        return progressEvent(await prepare(requestToken));
    } finally {
        for (const key of keys) taken.delete(key);
    }
}

/**
 * A synchronous handler invocation (READ, LIST, and the READ before an
 * update): its own token, retriable failures invoked again, and a failure
 * raised as the exception its error code stands for.
 */
export async function invokeNow(
    service: Service,
    caller: Caller,
    call: Omit<HandlerCall, 'token'>
): Promise<HandlerResponse> {
    const token = randomUUID();
    for (let attempt = 0; ; attempt += 1) {
        const response = await service.invoke(
            cloudControlRequest(caller, { ...call, token })
        );
        if (response.status === 'SUCCESS') {
            return response;
        }
        const code = response.errorCode || 'InternalFailure';
        if (RETRIABLE.has(code) && attempt < service.maxRetries) {
            const delay = Math.min(2000, service.retryBaseMs * 2 ** attempt);
            await new Promise((resolve) => setTimeout(resolve, delay));
            continue;
        }
        throw handlerFailure(code, response.message || 'The handler failed', token);
    }
}

/** The resource as READ returns it, without write-only properties. */
export async function readResource(
    service: Service,
    caller: Caller,
    model: Model
): Promise<Model> {
    const response = await invokeNow(service, caller, { action: 'READ', model });
    return withoutWriteOnly(response.resourceModel ?? {});
}

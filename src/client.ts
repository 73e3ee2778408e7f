import { ConnectClient } from '@aws-sdk/client-connect';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import type { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { withAfterContactWorkMode } from './acw-mode';
import { millisLeft } from './deadline';
import { HandlerFailure } from './errors';

/** Attempts per call, throttling and transient failures included. */
const MAX_ATTEMPTS = 5;

/** How long an attempt may wait, in milliseconds, for a connection and then for an answer. */
export interface ConnectTimeouts {
    /** To open the connection to Connect. */
    connectionTimeout: number;
    /** For the whole answer, from the request's start. */
    requestTimeout: number;
}

/**
 * An attempt whose connection or answer hangs ends as a TimeoutError, which the
 * SDK retries like any transient failure and the error table reports as a
 * NetworkFailure once the attempts run out: at most ten seconds an attempt (so
 * under a minute for a call's five), where the SDK's default would wait as long
 * as the socket stays open.
 */
export const CONNECT_TIMEOUTS: Readonly<ConnectTimeouts> = {
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
};

/** Time kept for answering after a call's last attempt. */
const ANSWER_RESERVE_MS = 2_000;

/** Errors of calls that Connect throttled on every attempt. */
const throttledThroughout = new WeakSet<object>();

/**
 * The SDK's standard retries (exponential backoff with jitter, a longer base
 * for throttling), kept within the invocation: no retry starts without the time
 * for one more attempt and the answer, and no backoff sleeps into that time. The
 * SDK sleeps the backoff inside refreshRetryTokenForRetry, so the sleep is
 * bounded where the SDK computes it, and the call ends with its last attempt's
 * error when no time is left; the handler then answers with that error
 * (throttling, once something has changed, as IN_PROGRESS to carry on later)
 * instead of being cut off by Lambda.
 *
 * Not the adaptive strategy: its client-side rate limiter also sleeps there,
 * unbounded when calls in flight wait on one another, and it would slow every
 * operation of a client for one operation's throttling, where Connect's quotas
 * are per API. Each invocation builds its own client, so it would learn
 * nothing across invocations either.
 */
export class RetriesWithinInvocation extends StandardRetryStrategy {
    /** Tokens of calls with an attempt that failed other than by throttling. */
    private readonly notOnlyThrottled = new WeakSet<StandardRetryToken>();

    constructor(
        maxAttempts: number,
        private readonly attemptMillis: number,
        private readonly left: () => number | undefined = millisLeft
    ) {
        super(maxAttempts);
        const backoff = this.retryBackoffStrategy;
        const sdkDelay = backoff.computeNextBackoffDelay.bind(backoff);
        backoff.computeNextBackoffDelay = (attempt) =>
            Math.max(0, Math.min(sdkDelay(attempt), this.sleepable()));
    }

    /** How long a backoff may sleep and still leave one attempt and the answer. */
    private sleepable(): number {
        const left = this.left();
        return left === undefined
            ? Number.POSITIVE_INFINITY
            : left - this.attemptMillis - ANSWER_RESERVE_MS;
    }

    override async refreshRetryTokenForRetry(
        token: StandardRetryToken,
        errorInfo: RetryErrorInfo
    ): Promise<StandardRetryToken> {
        const onlyThrottled =
            errorInfo.errorType === 'THROTTLING' && !this.notOnlyThrottled.has(token);
        if (onlyThrottled && errorInfo.error) {
            // The error the call ends with, should this attempt be its last.
            throttledThroughout.add(errorInfo.error);
        }
        if (this.sleepable() < 0) {
            // The SDK then ends the call with the last attempt's error.
            throw errorInfo.error;
        }
        const next = await super.refreshRetryTokenForRetry(token, errorInfo);
        if (!onlyThrottled) {
            this.notOnlyThrottled.add(next);
        }
        return next;
    }
}

/**
 * Whether a call's error ends a call that Connect throttled on every attempt.
 * Connect refuses a throttled call before carrying it out, so such a call
 * changed nothing; after any other failed attempt (a lost connection, a server
 * error) it may have.
 */
export function throttledOnEveryAttempt(error: unknown): boolean {
    return (
        typeof error === 'object' && error !== null && throttledThroughout.has(error)
    );
}

interface SessionCredentials {
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
}

/**
 * The Connect client for one request, built with the SDK v3 from the caller's
 * credentials and region in the request's session. The SDK honours
 * AWS_ENDPOINT_URL_CONNECT, which points it at a local emulator.
 */
export function connectClient(
    session: SessionProxy | null | undefined,
    timeouts: Readonly<ConnectTimeouts> = CONNECT_TIMEOUTS
): ConnectClient {
    const configuration = (session?.configuration ?? {}) as {
        credentials?: SessionCredentials;
        region?: string;
    };
    const { credentials, region } = configuration;
    if (!credentials?.accessKeyId || !credentials.secretAccessKey) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidCredentials,
            'The request carries no caller credentials to call Amazon Connect with'
        );
    }
    return withAfterContactWorkMode(
        new ConnectClient({
            region,
            credentials: {
                accessKeyId: credentials.accessKeyId,
                secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken,
            },
            retryStrategy: new RetriesWithinInvocation(
                MAX_ATTEMPTS,
                timeouts.requestTimeout
            ),
            // Without the flag, the SDK's handler only logs a request past its timeout.
            requestHandler: { ...timeouts, throwOnRequestTimeout: true },
        })
    );
}

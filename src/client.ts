import { ConnectClient } from '@aws-sdk/client-connect';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
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

/**
 * Time kept for answering: a retry is not started when, after its backoff, an
 * attempt could run past this close to the invocation's end. The handler then
 * answers with the call's error (throttling, once something has changed, as
 * IN_PROGRESS to carry on later) instead of being cut off by Lambda.
 */
const ANSWER_RESERVE_MS = 2_000;

/**
 * The SDK's adaptive retries (client-side rate limiting on throttling), ending
 * when the invocation could not answer after one more attempt.
 */
export class RetriesWithinInvocation implements RetryStrategyV2 {
    private readonly inner: RetryStrategyV2;

    constructor(
        maxAttempts: number,
        private readonly attemptMillis: number,
        private readonly left: () => number | undefined = millisLeft
    ) {
        this.inner = new AdaptiveRetryStrategy(async () => maxAttempts);
    }

    acquireInitialRetryToken(scope: string): Promise<RetryToken> {
        return this.inner.acquireInitialRetryToken(scope);
    }

    async refreshRetryTokenForRetry(
        token: RetryToken,
        errorInfo: RetryErrorInfo
    ): Promise<RetryToken> {
        const next = await this.inner.refreshRetryTokenForRetry(token, errorInfo);
        const left = this.left();
        if (
            left !== undefined &&
            next.getRetryDelay() + this.attemptMillis + ANSWER_RESERVE_MS > left
        ) {
            // The SDK then ends the call with the last attempt's error.
            throw errorInfo.error;
        }
        return next;
    }

    recordSuccess(token: RetryToken): void {
        this.inner.recordSuccess(token);
    }
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

import { ConnectClient } from '@aws-sdk/client-connect';
import type { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { withAfterContactWorkMode } from './acw-mode';
import { HandlerFailure } from './errors';

/** Attempts per call, throttling and transient failures included. */
const MAX_ATTEMPTS = 5;

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
export function connectClient(session: SessionProxy | null | undefined): ConnectClient {
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
            retryMode: 'adaptive',
            maxAttempts: MAX_ATTEMPTS,
        })
    );
}

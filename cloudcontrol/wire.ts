/**
 * The AWS JSON 1.0 protocol as Cloud Control speaks it: every operation is a POST
 * naming itself in `X-Amz-Target: CloudApiService.<Operation>`, with a JSON body;
 * answers are JSON, errors carry `__type` (and the same name in
 * `x-amzn-ErrorType`). The path and query are not part of the protocol: clients
 * that sign their own requests post to `/?Action=<Operation>&Version=2021-09-30`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBoundedBody } from '../emulator/http/body';
import { parseJsonText } from '../emulator/http/json-text';
import { missingAuthentication, serializationError, type ServiceError } from './errors';

export const CONTENT_TYPE = 'application/x-amz-json-1.0';
export const TARGET_PREFIX = 'CloudApiService.';
/** A DesiredState is at most 256 KiB; the whole request may carry a little more. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
    const body = await readBoundedBody(request, MAX_BODY_BYTES);
    if (!body.ok) {
        throw serializationError('The request body is too large');
    }
    return body.bytes.toString('utf8');
}

/** The JSON object of an AWS JSON 1.0 request body; an empty body is `{}`. */
export function parseJsonBody(text: string): Record<string, unknown> {
    if (!text.trim()) {
        return {};
    }
    const json = parseJsonText(text);
    if (!json.ok) {
        throw serializationError(`The request body is ${json.problem}`);
    }
    const parsed = json.value;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw serializationError('The request body must be a JSON object');
    }
    return parsed as Record<string, unknown>;
}

/**
 * The region a SigV4 `Authorization` header was signed for. The signature itself
 * is not checked (as in the Connect emulator), but a request must be signed.
 */
export function signedRegion(request: IncomingMessage): string | undefined {
    const authorization = request.headers.authorization;
    if (
        typeof authorization !== 'string' ||
        !/^AWS4-HMAC-SHA256 /.test(authorization)
    ) {
        throw missingAuthentication();
    }
    return /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(authorization)?.[1];
}

export function sendJson(
    response: ServerResponse,
    status: number,
    body: unknown,
    requestId: string,
    headers: Record<string, string> = {}
): string {
    const text = JSON.stringify(body);
    response.writeHead(status, {
        'Content-Type': CONTENT_TYPE,
        'Content-Length': String(Buffer.byteLength(text)),
        'x-amzn-RequestId': requestId,
        ...headers,
    });
    response.end(text);
    return text;
}

export function sendError(
    response: ServerResponse,
    error: ServiceError,
    requestId: string
): string {
    return sendJson(response, error.status, error.body(), requestId, {
        'x-amzn-ErrorType': error.type,
    });
}

/** AWS JSON timestamps: epoch seconds, with milliseconds as the fraction. */
export function epochSeconds(ms: number): number {
    return ms / 1000;
}

/**
 * Raw HTTP/1.1 over a socket, so that a test can send what no client library
 * would: a request target that is not a URL, a missing or foreign Host, broken
 * JSON, bodies larger than a server reads.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
    status: number;
    headers: Record<string, string>;
    body: string;
}

export interface RawRequest {
    method?: string;
    target: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Leave the Host header out (and speak HTTP/1.0, where it may be left out). */
    noHost?: boolean;
}

/** A SigV4 Authorization header's shape; the local servers check its presence, not its signature. */
export const SIGNED = {
    authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAHOSTILE/20260101/us-east-1/connect/aws4_request, ' +
        'SignedHeaders=host, Signature=00',
};

/** The password the hostile bodies carry, unquoted where JSON needs quotes. */
export const SECRET = 'Pass@Word1';

/** Sends one request on its own connection and reads the answer until the server closes it. */
export function sendRaw(port: number, request: RawRequest): Promise<RawAnswer> {
    const body =
        request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
    const headers: Record<string, string> = {
        ...(request.noHost ? {} : { host: `127.0.0.1:${port}` }),
        connection: 'close',
        'content-length': String(body.length),
        ...request.headers,
    };
    const head =
        `${request.method ?? 'GET'} ${request.target} HTTP/1.${request.noHost ? 0 : 1}\r\n` +
        Object.entries(headers)
            .map(([name, value]) => `${name}: ${value}\r\n`)
            .join('') +
        '\r\n';
    return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('error', reject);
        socket.on('close', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const split = text.indexOf('\r\n\r\n');
            const lines = text.slice(0, split).split('\r\n');
            const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
            if (!status) {
                reject(new Error(`No HTTP answer to ${request.target}`));
                return;
            }
            resolve({
                status,
                headers: Object.fromEntries(
                    lines.slice(1).map((line) => {
                        const colon = line.indexOf(':');
                        return [
                            line.slice(0, colon).toLowerCase(),
                            line.slice(colon + 1).trim(),
                        ];
                    })
                ),
                body: text.slice(split + 4),
            });
        });
        socket.write(head);
        // Not ended: the server closes the connection after its answer (Connection: close).
        socket.write(body);
    });
}

/**
 * Sends a body of `bytes` bytes (spaces after an opening `{`), declared by
 * Content-Length or chunked, writing only while the server reads; resolves
 * with the status as soon as the server answers.
 */
export function sendLargeBody(
    port: number,
    options: {
        method: string;
        path: string;
        bytes: number;
        chunked: boolean;
        headers?: Record<string, string>;
    }
): Promise<number> {
    return new Promise((resolve, reject) => {
        const request = httpRequest({
            host: '127.0.0.1',
            port,
            method: options.method,
            path: options.path,
            headers: {
                'content-type': 'application/json',
                ...(options.chunked ? {} : { 'content-length': String(options.bytes) }),
                ...options.headers,
            },
        });
        let answered = false;
        request.on('response', (response) => {
            answered = true;
            response.resume();
            resolve(response.statusCode ?? 0);
            request.destroy();
        });
        request.on('error', (error) => {
            if (!answered) reject(error);
        });
        const chunk = Buffer.alloc(1024 * 1024, ' ');
        chunk[0] = '{'.charCodeAt(0);
        let sent = 0;
        const writeMore = () => {
            while (!answered && sent < options.bytes) {
                const size = Math.min(chunk.length, options.bytes - sent);
                sent += size;
                if (!request.write(chunk.subarray(0, size))) {
                    request.once('drain', writeMore);
                    return;
                }
            }
            if (!answered) request.end();
        };
        writeMore();
    });
}

/** `[[[…]]]` nested `depth` deep. */
export function nestedArrays(depth: number): string {
    return '['.repeat(depth) + ']'.repeat(depth);
}

/** `{"a":{"a":…}}` nested `depth` deep. */
export function nestedObjects(depth: number): string {
    return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

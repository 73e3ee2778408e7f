/**
 * Request bodies read up to a bound and no further: a body that says (by its
 * Content-Length) or turns out to be larger is refused without being kept, so
 * that one large request cannot take a server's memory. What is beyond the
 * bound is read and dropped, so that the client still gets the answer.
 */
import type { IncomingMessage } from 'node:http';

export type Body = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true };

/** The body, or `tooLarge` once it passes maxBytes; rejects on a broken connection. */
export function readBoundedBody(
    request: IncomingMessage,
    maxBytes: number
): Promise<Body> {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
        request.resume();
        return Promise.resolve({ ok: false, tooLarge: true });
    }
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const onData = (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
                chunks.length = 0;
                request.off('data', onData);
                request.resume();
                resolve({ ok: false, tooLarge: true });
                return;
            }
            chunks.push(chunk);
        };
        request.on('data', onData);
        request.on('end', () => resolve({ ok: true, bytes: Buffer.concat(chunks) }));
        request.on('error', reject);
    });
}

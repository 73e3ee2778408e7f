/**
 * The local servers listen on 127.0.0.1 only, but a browser on the same machine
 * can still reach them: a page may post to them from any origin (a "simple"
 * request, `text/plain`, needs no preflight), and a DNS-rebinding page does so
 * under its own host name. Such a request names another Host or carries an
 * Origin; SDKs, the AWS CLI and curl send neither, so both are refused.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The Host values that name this server: its address, or localhost, with its port. */
function localHosts(port: number): string[] {
    return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Why a request does not come from a local client, or undefined when it does. */
export function foreignRequest(
    headers: IncomingHttpHeaders,
    port: number
): string | undefined {
    const host = (headers.host ?? '').toLowerCase();
    if (!localHosts(port).includes(host)) {
        return `Host must be 127.0.0.1:${port} or localhost:${port}`;
    }
    const origin = headers.origin;
    if (
        origin !== undefined &&
        !localHosts(port).some((local) => origin.toLowerCase() === `http://${local}`)
    ) {
        return 'Requests from a web page of another origin are not served';
    }
    return undefined;
}

/** Whether a request's body is declared JSON (`application/json` or an AWS JSON type). */
export function declaresJson(headers: IncomingHttpHeaders): boolean {
    const type = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    return (
        type === 'application/json' || /^application\/x-amz-json-1\.[01]$/.test(type)
    );
}

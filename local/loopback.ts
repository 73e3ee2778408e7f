/**
 * The local tools send Amazon Connect calls to the emulator or to another local
 * endpoint, never to a remote address unless the user asks for real AWS.
 */

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Whether a URL names this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackUrl(value: string): boolean {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return false;
    }
    const host = url.hostname.toLowerCase();
    return LOOPBACK_NAMES.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks a Connect endpoint given on the command line: an http(s) URL, and on
 * this machine unless real AWS was asked for. Throws an Error that says why.
 */
export function checkConnectEndpoint(value: string, realAws: boolean): string {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new Error(`--connect-endpoint '${value}' is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(
            `--connect-endpoint '${value}' must be an http:// or https:// URL`
        );
    }
    if (!realAws && !isLoopbackUrl(value)) {
        throw new Error(
            `Refusing to send Amazon Connect calls to '${url.host}': --connect-endpoint ` +
                'must be on this machine (localhost, 127.0.0.1 or ::1). Pass --real-aws ' +
                'to call a remote endpoint with real credentials.'
        );
    }
    return value.replace(/\/+$/, '');
}

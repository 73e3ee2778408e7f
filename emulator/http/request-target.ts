/**
 * The request target of an HTTP request, taken apart without throwing: Node
 * passes on targets such as `http://[` or `http://a:99999/`, which the URL
 * parser refuses, and paths may carry broken %-encoding. Each is the client's
 * mistake, answered 400, never an exception in a server's request listener.
 */

/** The target as a URL on this server, or undefined when it is not a URL. */
export function requestUrl(target: string | undefined): URL | undefined {
    try {
        return new URL(target ?? '/', 'http://127.0.0.1');
    } catch {
        return undefined;
    }
}

/** A %-decoded path segment, or undefined when its encoding is broken. */
export function decodeSegment(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined;
    }
}

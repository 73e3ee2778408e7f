/**
 * nextToken/maxResults paging. Tokens are opaque to clients: base64url of the offset,
 * the scope they were issued for and a checksum, so a token from another list, or a
 * tampered one, is refused with InvalidParameterException as Connect does.
 */
import { createHash } from 'node:crypto';
import { invalidParameter } from './errors';

export interface PageBounds {
    defaultSize: number;
    max: number;
}

export interface Page<T> {
    items: T[];
    nextToken?: string;
}

const checksum = (scope: string, offset: number): string =>
    createHash('sha256').update(`${scope}|${offset}`).digest('base64url').slice(0, 16);

export function encodeToken(scope: string, offset: number): string {
    return Buffer.from(
        JSON.stringify({ o: offset, c: checksum(scope, offset) })
    ).toString('base64url');
}

export function decodeToken(scope: string, token: string): number {
    try {
        const decoded: unknown = JSON.parse(
            Buffer.from(token, 'base64url').toString('utf8')
        );
        if (typeof decoded === 'object' && decoded !== null) {
            const { o, c } = decoded as { o?: unknown; c?: unknown };
            if (
                typeof o === 'number' &&
                Number.isInteger(o) &&
                o >= 0 &&
                c === checksum(scope, o)
            ) {
                return o;
            }
        }
    } catch {
        // fall through to the error below
    }
    throw invalidParameter('The nextToken is not valid');
}

function pageSize(raw: unknown, bounds: PageBounds): number {
    if (raw === undefined || raw === null || raw === '') return bounds.defaultSize;
    const size = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isInteger(size) || size < 1 || size > bounds.max) {
        throw invalidParameter(`MaxResults must be an integer from 1 to ${bounds.max}`);
    }
    return size;
}

export function paginate<T>(
    all: readonly T[],
    params: Record<string, unknown>,
    scope: string,
    bounds: PageBounds
): Page<T> {
    const size = pageSize(params.MaxResults, bounds);
    const token = params.NextToken;
    const offset =
        token === undefined || token === null || token === ''
            ? 0
            : decodeToken(scope, String(token));
    const items = all.slice(offset, offset + size);
    const next = offset + size;
    return next < all.length
        ? { items, nextToken: encodeToken(scope, next) }
        : { items };
}

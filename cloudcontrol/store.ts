/**
 * The resource operation requests and their outcomes: in memory, bounded, and
 * optionally written to a state file after every change (to a temporary file,
 * then renamed over it). Requests expire after seven days and client tokens
 * after 36 hours, as the Cloud Control user guide says. No record holds a
 * password: models are kept as the handler returned them, without write-only
 * properties, and a request's fingerprint leaves them out.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Filter } from './input';
import type { Model } from './schema';

export type ResourceOperation = 'CREATE' | 'UPDATE' | 'DELETE';
export type Status =
    | 'PENDING'
    | 'IN_PROGRESS'
    | 'SUCCESS'
    | 'FAILED'
    | 'CANCEL_IN_PROGRESS'
    | 'CANCEL_COMPLETE';

export interface RequestRecord {
    requestToken: string;
    typeName: string;
    operation: ResourceOperation;
    status: Status;
    identifier?: string;
    /** The latest model the handler returned, without write-only properties. */
    resourceModel?: Model;
    statusMessage?: string;
    errorCode?: string;
    /** When the handler asked to be called back (ms since the epoch). */
    retryAfter?: number;
    /** When the request was accepted (ms). */
    startedAt: number;
    /** The time of its latest event (ms). */
    eventTime: number;
    clientToken?: string;
    /** What the request asked for, to tell a repeat from a reuse of its ClientToken. */
    fingerprint: string;
    cancelRequested?: boolean;
}

export const ACTIVE: ReadonlySet<Status> = new Set([
    'PENDING',
    'IN_PROGRESS',
    'CANCEL_IN_PROGRESS',
]);

const DAY_MS = 24 * 60 * 60 * 1000;
export const REQUEST_LIFETIME_MS = 7 * DAY_MS;
export const CLIENT_TOKEN_LIFETIME_MS = 36 * 60 * 60 * 1000;

export interface StoreOptions {
    /** Most finished requests kept; the oldest go first. */
    maxRequests: number;
    stateFile?: string;
    now?: () => number;
}

/** Newest first; the request token breaks ties so that pages never overlap. */
function newerFirst(a: RequestRecord, b: RequestRecord): number {
    return b.startedAt - a.startedAt || (a.requestToken < b.requestToken ? 1 : -1);
}

interface Cursor {
    t: number;
    r: string;
}

export function encodeCursor(record: RequestRecord): string {
    const cursor: Cursor = { t: record.startedAt, r: record.requestToken };
    return Buffer.from(JSON.stringify(cursor)).toString('base64');
}

export function decodeCursor(token: string): Cursor | undefined {
    try {
        const cursor = JSON.parse(
            Buffer.from(token, 'base64').toString('utf8')
        ) as Cursor;
        return typeof cursor.t === 'number' && typeof cursor.r === 'string'
            ? cursor
            : undefined;
    } catch {
        return undefined;
    }
}

export class RequestStore {
    private readonly records = new Map<string, RequestRecord>();
    private readonly now: () => number;

    constructor(private readonly options: StoreOptions) {
        this.now = options.now ?? Date.now;
        this.load();
    }

    get(requestToken: string): RequestRecord | undefined {
        this.expire();
        return this.records.get(requestToken);
    }

    /** The request a ClientToken was used for, while the token is alive. */
    byClientToken(clientToken: string): RequestRecord | undefined {
        this.expire();
        const cutoff = this.now() - CLIENT_TOKEN_LIFETIME_MS;
        return [...this.records.values()].find(
            (record) => record.clientToken === clientToken && record.startedAt > cutoff
        );
    }

    /** The request still working on an identifier, if any. */
    activeFor(identifier: string): RequestRecord | undefined {
        return [...this.records.values()].find(
            (record) => record.identifier === identifier && ACTIVE.has(record.status)
        );
    }

    activeCount(): number {
        return [...this.records.values()].filter((record) => ACTIVE.has(record.status))
            .length;
    }

    add(record: RequestRecord): RequestRecord {
        this.records.set(record.requestToken, record);
        this.evict();
        this.save();
        return record;
    }

    /** Changes a request; every change is a new event. */
    update(requestToken: string, change: Partial<RequestRecord>): RequestRecord {
        const record = this.records.get(requestToken);
        if (!record) {
            throw new Error(`No request ${requestToken}`);
        }
        Object.assign(record, change, { eventTime: this.now() });
        if (!ACTIVE.has(record.status)) {
            this.evict();
        }
        this.save();
        return record;
    }

    /** One page of the requests that match a filter, newest first. */
    list(
        filter: Filter | undefined,
        maxResults: number,
        after: Cursor | undefined
    ): { records: RequestRecord[]; more: boolean } {
        this.expire();
        const matching = [...this.records.values()]
            .filter(
                (record) =>
                    (!filter?.Operations?.length ||
                        filter.Operations.includes(record.operation)) &&
                    (!filter?.OperationStatuses?.length ||
                        filter.OperationStatuses.includes(record.status))
            )
            .sort(newerFirst)
            .filter(
                (record) =>
                    !after ||
                    record.startedAt < after.t ||
                    (record.startedAt === after.t && record.requestToken < after.r)
            );
        return {
            records: matching.slice(0, maxResults),
            more: matching.length > maxResults,
        };
    }

    all(): RequestRecord[] {
        return [...this.records.values()].sort(newerFirst);
    }

    private expire(): void {
        const cutoff = this.now() - REQUEST_LIFETIME_MS;
        let changed = false;
        for (const [token, record] of this.records) {
            if (record.startedAt < cutoff && !ACTIVE.has(record.status)) {
                this.records.delete(token);
                changed = true;
            }
        }
        if (changed) this.save();
    }

    /** Keeps at most maxRequests finished requests; running ones are never dropped. */
    private evict(): void {
        const finished = [...this.records.values()]
            .filter((record) => !ACTIVE.has(record.status))
            .sort(newerFirst);
        for (const record of finished.slice(this.options.maxRequests)) {
            this.records.delete(record.requestToken);
        }
    }

    private load(): void {
        const file = this.options.stateFile;
        if (!file || !existsSync(file)) {
            return;
        }
        const saved = JSON.parse(readFileSync(file, 'utf8')) as {
            requests?: RequestRecord[];
        };
        for (const record of saved.requests ?? []) {
            if (ACTIVE.has(record.status)) {
                // The handler's callback context died with the process that drove it.
                Object.assign(record, {
                    status: 'FAILED',
                    errorCode: 'InternalFailure',
                    statusMessage:
                        'The Cloud Control endpoint stopped while this request was in progress',
                    retryAfter: undefined,
                });
            }
            this.records.set(record.requestToken, record);
        }
        this.evict();
    }

    private save(): void {
        const file = this.options.stateFile;
        if (!file) {
            return;
        }
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(
            temporary,
            `${JSON.stringify({ requests: this.all() }, null, 2)}\n`
        );
        renameSync(temporary, file);
    }
}

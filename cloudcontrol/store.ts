/**
 * The resource operation requests and their outcomes: in memory, bounded, and
 * optionally written to a state file after every change (state-file.ts).
 * Requests expire after seven days and client tokens after 36 hours, as the
 * Cloud Control user guide says. A request is written before its handler is
 * first invoked, with what it takes to carry it on (`resume`), so that a
 * server killed and restarted on the same file carries on every request it
 * had accepted, as Cloud Control does. No finished record holds a password:
 * models are kept as the handler returned them, without write-only
 * properties, a request's fingerprint leaves them out, and the write-only
 * values a running CREATE needs are dropped when it ends.
 */
import type { Filter } from './input';
import type { Model } from './schema';
import { readStateFile, writeStateFile } from './state-file';

export type ResourceOperation = 'CREATE' | 'UPDATE' | 'DELETE';
export type Status =
    | 'PENDING'
    | 'IN_PROGRESS'
    | 'SUCCESS'
    | 'FAILED'
    | 'CANCEL_IN_PROGRESS'
    | 'CANCEL_COMPLETE';

/** What carrying on a request after a restart takes; kept only while it runs. */
export interface ResumePlan {
    action: ResourceOperation;
    /** The region the request was signed for; the caller is made again from it. */
    region: string;
    /** The desired state, with its write-only values (the password of a CREATE). */
    desired: Model;
    previous?: Model;
    /** The model of the next invocation. */
    model: Model;
    callbackContext: Record<string, unknown> | null;
}

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
    resume?: ResumePlan;
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
    /** Told of a change that could not be written; the request goes on in memory. */
    onSaveError?: (error: Error) => void;
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

    /** Whether requests outlive this process (a state file is kept). */
    get persistent(): boolean {
        return this.options.stateFile !== undefined;
    }

    /** Adds a request; when it cannot be written, it is not added and this throws. */
    add(record: RequestRecord): RequestRecord {
        this.records.set(record.requestToken, record);
        this.evict();
        const failure = this.save();
        if (failure) {
            this.records.delete(record.requestToken);
            throw failure;
        }
        return record;
    }

    /**
     * Changes a request; every change is a new event. A change that cannot be
     * written is kept in memory (the request still ends), and reported; with
     * `mustPersist` it throws instead, after the change.
     */
    update(
        requestToken: string,
        change: Partial<RequestRecord>,
        options: { mustPersist?: boolean } = {}
    ): RequestRecord {
        const record = this.records.get(requestToken);
        if (!record) {
            throw new Error(`No request ${requestToken}`);
        }
        Object.assign(record, change, { eventTime: this.now() });
        if (!ACTIVE.has(record.status)) {
            delete record.resume;
            this.evict();
        }
        const failure = this.save();
        if (failure && options.mustPersist) throw failure;
        if (failure) this.options.onSaveError?.(failure);
        return record;
    }

    /** The requests a restart carries on, oldest first. */
    resumable(): RequestRecord[] {
        return this.all()
            .reverse()
            .filter((record) => ACTIVE.has(record.status) && record.resume);
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
        const failure = changed ? this.save() : undefined;
        if (failure) this.options.onSaveError?.(failure);
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
        if (!file) {
            return;
        }
        for (const record of readStateFile<RequestRecord>(file)) {
            if (record.status === 'CANCEL_IN_PROGRESS') {
                // The invocation under way ended with the process; none follows a cancel.
                Object.assign(record, {
                    status: 'CANCEL_COMPLETE',
                    retryAfter: undefined,
                });
                delete record.resume;
            } else if (ACTIVE.has(record.status) && !record.resume) {
                // Stopped before it was written with its plan: no handler ran for it.
                Object.assign(record, {
                    status: 'FAILED',
                    errorCode: 'InternalFailure',
                    statusMessage:
                        'The Cloud Control endpoint stopped before this request started',
                    retryAfter: undefined,
                });
            }
            this.records.set(record.requestToken, record);
        }
        this.evict();
    }

    /** Writes the requests; the error when they could not be written. */
    private save(): Error | undefined {
        const file = this.options.stateFile;
        if (!file) {
            return undefined;
        }
        try {
            writeStateFile(file, this.all());
            return undefined;
        } catch (error) {
            return new Error(
                `The state file ${file} could not be written: ${(error as Error).message}`
            );
        }
    }
}

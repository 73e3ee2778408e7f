/**
 * A small typed client for the emulator's /_emulator/ admin endpoints, for tests that
 * drive the emulator from another process.
 */
import type { RateLimitsSetting } from './rate-limits';
import type {
    Behaviour,
    CallRecord,
    DirectoryIdentityUpdates,
    EmulatorState,
    FaultSpec,
} from './types';

export type { RateLimitsSetting } from './rate-limits';
export type {
    Behaviour,
    CallRecord,
    DirectoryIdentityUpdates,
    EmulatorState,
    FaultSpec,
    RateLimits,
} from './types';

export class EmulatorAdmin {
    private readonly base: string;

    /** @param url the emulator's base URL, e.g. http://127.0.0.1:4566 */
    constructor(url: string) {
        this.base = url.replace(/\/+$/, '');
    }

    private async request(
        method: string,
        path: string,
        body?: unknown
    ): Promise<unknown> {
        const response = await fetch(`${this.base}/_emulator/${path}`, {
            method,
            // The emulator takes admin changes only as JSON (no cross-site form posts).
            headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) {
            throw new Error(
                `Emulator admin ${method} ${path} failed with ${response.status}: ${text}`
            );
        }
        return text ? JSON.parse(text) : undefined;
    }

    /** Every Connect call received so far, oldest first. */
    async calls(): Promise<CallRecord[]> {
        return (await this.request('GET', 'calls')) as CallRecord[];
    }

    async resetCalls(): Promise<void> {
        await this.request('DELETE', 'calls');
    }

    async injectFault(fault: FaultSpec): Promise<void> {
        await this.request('POST', 'faults', fault);
    }

    async clearFaults(): Promise<void> {
        await this.request('DELETE', 'faults');
    }

    /** Replace the rate limits: 'documented' for Connect's defaults, {} for none. */
    async setRateLimits(limits: RateLimitsSetting): Promise<void> {
        await this.request('PUT', 'rate-limits', limits);
    }

    /** The emulator's answers to the choices the API reference leaves open. */
    async behaviour(): Promise<Behaviour> {
        return (await this.request('GET', 'behaviour')) as Behaviour;
    }

    /** Change some of them; answers the whole behaviour after the change. */
    async setBehaviour(changes: Partial<Behaviour>): Promise<Behaviour> {
        return (await this.request('PATCH', 'behaviour', changes)) as Behaviour;
    }

    async setAcceptSystemTags(accept: boolean): Promise<void> {
        await this.setBehaviour({ acceptSystemTags: accept });
    }

    async setDescribeBoth(both: boolean): Promise<void> {
        await this.setBehaviour({ describeBoth: both });
    }

    async setDirectoryIdentityUpdates(mode: DirectoryIdentityUpdates): Promise<void> {
        await this.setBehaviour({ directoryIdentityUpdates: mode });
    }

    /** Deep copy of the full state (users, tags, proficiencies per instance). */
    async snapshot(): Promise<EmulatorState> {
        return (await this.request('GET', 'state')) as EmulatorState;
    }

    /** Back to the seed. */
    async reset(): Promise<void> {
        await this.request('POST', 'reset');
    }
}

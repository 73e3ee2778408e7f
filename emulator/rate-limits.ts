/**
 * Throttling: per-operation token buckets, and the default quotas Amazon Connect
 * documents for the APIs this emulator serves.
 */
import type { RateLimit, RateLimits } from './types';

/**
 * Connect's documented default throttling for the Amazon Connect Service API: "a
 * RateLimit of 2 requests per second, and a BurstLimit of 5 requests per second" for
 * every operation without a documented exception (the exceptions are metric, contact,
 * chat and streaming operations, none of them served here). The quotas are "defined
 * for each API separately", so under '*' each operation has a bucket of its own.
 */
export const DOCUMENTED_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({
    '*': Object.freeze({ ratePerSecond: 2, burst: 5 }),
});

/** What startEmulator, setRateLimits and the admin endpoint take. */
export type RateLimitsSetting = RateLimits | 'documented';

export function validateRateLimits(raw: unknown): RateLimits {
    if (raw === 'documented') return structuredClone(DOCUMENTED_RATE_LIMITS);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new Error(
            "Rate limits must be 'documented' or an object of " +
                '{operation: {ratePerSecond, burst}}'
        );
    }
    for (const [operation, limit] of Object.entries(raw)) {
        const { ratePerSecond, burst } = (limit ?? {}) as Partial<RateLimit>;
        if (
            typeof ratePerSecond !== 'number' ||
            ratePerSecond < 0 ||
            typeof burst !== 'number' ||
            burst < 1
        ) {
            throw new Error(
                `Rate limit for ${operation} needs ratePerSecond >= 0, burst >= 1`
            );
        }
    }
    return structuredClone(raw as RateLimits);
}

interface Bucket {
    tokens: number;
    updated: number;
}

/** Token buckets, one per operation, refilled continuously. */
export class RateLimiter {
    private readonly buckets = new Map<string, Bucket>();

    constructor(private readonly limits: RateLimits) {}

    /** Takes a token for the operation; false when it has none left (throttled). */
    take(operation: string, now = Date.now()): boolean {
        const limit = this.limits[operation] ?? this.limits['*'];
        if (!limit) return true;
        const bucket = this.buckets.get(operation) ?? {
            tokens: limit.burst,
            updated: now,
        };
        bucket.tokens = Math.min(
            limit.burst,
            bucket.tokens + ((now - bucket.updated) / 1000) * limit.ratePerSecond
        );
        bucket.updated = now;
        this.buckets.set(operation, bucket);
        if (bucket.tokens < 1) return false;
        bucket.tokens -= 1;
        return true;
    }
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * When the invocation in flight must have answered: Lambda's
 * `getRemainingTimeInMillis` at its start, carried with the invocation's
 * asynchronous work so that every Connect client of it can stop retrying in
 * time to answer.
 */

interface RemainingTime {
    getRemainingTimeInMillis?: () => number;
}

const invocation = new AsyncLocalStorage<number>();

/** Runs one invocation, its deadline known to the clients it builds. */
export function withDeadline<T>(context: RemainingTime | undefined, run: () => T): T {
    const remaining = context?.getRemainingTimeInMillis?.();
    if (typeof remaining !== 'number' || !Number.isFinite(remaining)) {
        return run();
    }
    return invocation.run(Date.now() + remaining, run);
}

/** Milliseconds left before the invocation must answer; undefined outside one with a deadline. */
export function millisLeft(): number | undefined {
    const deadline = invocation.getStore();
    return deadline === undefined ? undefined : deadline - Date.now();
}

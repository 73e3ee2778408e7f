/**
 * Injected faults: what a test can ask the emulator to do to the next calls.
 */
import type { FaultKind, FaultSpec } from './types';

export const FAULT_KINDS: readonly FaultKind[] = [
    'throttle',
    'error500',
    'drop',
    'latency',
    'lose-answer',
];

export const DEFAULT_LATENCY_MS = 1000;
/** A delay longer than any SDK's timeout only holds a connection open. */
export const MAX_LATENCY_MS = 10 * 60 * 1000;

export function validateFault(raw: unknown): FaultSpec {
    const fault = raw as Partial<FaultSpec> | null;
    if (
        typeof fault !== 'object' ||
        fault === null ||
        typeof fault.operation !== 'string' ||
        typeof fault.count !== 'number' ||
        !Number.isInteger(fault.count) ||
        fault.count < 1 ||
        !FAULT_KINDS.includes(fault.kind as FaultKind) ||
        (fault.latencyMs !== undefined &&
            (typeof fault.latencyMs !== 'number' ||
                !(fault.latencyMs >= 0 && fault.latencyMs <= MAX_LATENCY_MS)))
    ) {
        throw new Error(
            'A fault needs operation (string), count (integer >= 1), kind ' +
                `(${FAULT_KINDS.join(' | ')}) and optionally latencyMs (0 to ${MAX_LATENCY_MS})`
        );
    }
    return { ...fault } as FaultSpec;
}

/** Queued faults, first queued first applied, each for its next `count` matching calls. */
export class FaultQueue {
    private faults: Array<FaultSpec & { remaining: number }> = [];

    add(fault: unknown): void {
        const valid = validateFault(fault);
        this.faults.push({ ...valid, remaining: valid.count });
    }

    clear(): void {
        this.faults = [];
    }

    /** The fault that applies to this call of `operation`, if any, used up by one. */
    take(operation: string): FaultSpec | undefined {
        const fault = this.faults.find(
            (candidate) =>
                candidate.operation === operation || candidate.operation === '*'
        );
        if (!fault) return undefined;
        fault.remaining -= 1;
        this.faults = this.faults.filter((candidate) => candidate.remaining > 0);
        return fault;
    }
}

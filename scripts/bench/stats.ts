/** Median, minimum and maximum of a benchmark's runs. */
export interface Summary {
    median: number;
    min: number;
    max: number;
}

export function summarize(values: number[]): Summary {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const median =
        sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Where the median of the runs' population lies, with 95 % confidence. */
export interface Interval {
    low: number;
    high: number;
}

/**
 * The distribution-free 95 % confidence interval of a median: the order
 * statistics whose ranks are n/2 -/+ 1.96 sqrt(n)/2 (the normal approximation
 * to the binomial), which assumes nothing of the runs' distribution but that
 * they are independent. Undefined under 6 runs, where it would span them all.
 */
export function medianInterval(values: number[]): Interval | undefined {
    const n = values.length;
    if (n < 6) {
        return undefined;
    }
    const sorted = [...values].sort((a, b) => a - b);
    const half = (1.96 * Math.sqrt(n)) / 2;
    // 1-based ranks, as the textbook states them.
    const low = Math.max(1, Math.floor(n / 2 - half));
    const high = Math.min(n, Math.ceil(n / 2 + 1 + half));
    return { low: sorted[low - 1], high: sorted[high - 1] };
}

/**
 * A target's verdict, for a figure that must be at most `target`: met when the
 * median is; missed only when the whole 95 % interval of the median is above
 * it, so that a median above the target by chance is not a miss; unclear in
 * between, or when there are too few runs for an interval (more runs narrow it).
 */
export type Verdict = 'met' | 'missed' | 'unclear';

export function verdictOf(
    median: number,
    interval: Interval | undefined,
    target: number
): Verdict {
    if (median <= target) {
        return 'met';
    }
    return interval && interval.low > target ? 'missed' : 'unclear';
}

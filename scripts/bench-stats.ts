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

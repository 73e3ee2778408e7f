/**
 * Runs tasks with at most `limit` in flight, in the order given. After a
 * failure no further task starts, and `stopped()` (which each task is given,
 * to look at between its steps) turns true; those in flight finish; the first
 * failure is then thrown.
 */
export async function runBounded(
    tasks: ReadonlyArray<(stopped: () => boolean) => Promise<unknown>>,
    limit: number
): Promise<void> {
    let next = 0;
    let failure: { error: unknown } | undefined;
    const stopped = () => failure !== undefined;
    const worker = async () => {
        while (!stopped() && next < tasks.length) {
            const task = tasks[next];
            next += 1;
            try {
                await task(stopped);
            } catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(
        Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker)
    );
    if (failure) {
        throw failure.error;
    }
}

/**
 * The benchmark's table and verdict, from the figures cli.ts measured.
 */
import type { ColdResult, WarmResult } from './harness';
import {
    type LatencyResult,
    UPDATE_SERIAL_RATIO_TARGET,
    WARM_READ_RATIO_TARGET,
} from './latency';
import {
    type Interval,
    medianInterval,
    summarize,
    type Summary,
    type Verdict,
    verdictOf,
} from './stats';
import { type ColdVariant, turnOrder } from './turns';

export const SIZE_TARGET_BYTES = 1.5e6;
/** The bundle's cold start, as a multiple of the floor's. */
export const FLOOR_MULTIPLE_TARGET = 1.05;

/** The words of the table a reader may not know, one line each. */
export const GLOSSARY = [
    'floor: the same cold READ by a handler built only on the CloudFormation library and the SDK, bundled the same way; what the dependencies alone cost',
    "flush wait: the 1 s the library's stock end of invocation sleeps (utils.delay(1)); this type's does not, and cold starts are timed without it",
    "stock end: the library's own end of invocation, with that 1 s sleep, which the warm READ ratio compares this type's end against",
];

/** How many runs of each kind were taken, for the table's heading. */
export interface RunCounts {
    runs: number;
    latencyRuns: number;
    warmIterations: number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const spread = ({ median, min, max }: Summary, unit = ms) =>
    `${unit(median)} (${unit(min)}-${unit(max)})`;

export function report(
    options: RunCounts,
    bytes: number,
    cold: Record<ColdVariant, ColdResult[]>,
    warm: Record<string, WarmResult>,
    latency: LatencyResult
): number {
    const excluding = (result: ColdResult) => result.total - result.flushWait;
    const coldBundle = summarize(cold.bundle.map(excluding));
    const coldUnbundled = summarize(cold.unbundled.map(excluding));
    // The turns the unbundled build ran in, one per result of it (see turnOrder).
    const unbundledTurns = cold.bundle
        .map((_, run) => run)
        .filter((run) => turnOrder(run).includes('unbundled'));
    // Each unbundled run against the run of the same turn.
    const ratioOf = (results: ColdResult[]) =>
        summarize(
            cold.unbundled.map(
                (unbundled, index) =>
                    excluding(results[unbundledTurns[index]]) / excluding(unbundled)
            )
        );
    const ratios = ratioOf(cold.bundle);
    const floorRatios = ratioOf(cold.floor);
    // Each run of the bundle against the floor's run of the same turn.
    const perTurn = cold.bundle.map(
        (result, index) => excluding(result) / excluding(cold.floor[index])
    );
    const floorMultiple = summarize(perTurn);
    const floorInterval = medianInterval(perTurn);
    const ratioText = ({ median, min, max }: Summary) =>
        `${median.toFixed(3)} (${min.toFixed(3)}-${max.toFixed(3)})`;
    // The size is exact; the ratios are medians of runs, judged by their interval.
    const verdicts: Record<string, Verdict> = {
        'bundle size': bytes <= SIZE_TARGET_BYTES ? 'met' : 'missed',
        'cold start / floor': verdictOf(
            floorMultiple.median,
            floorInterval,
            FLOOR_MULTIPLE_TARGET
        ),
        'warm READ ratio': verdictOf(
            latency.readRatio.median,
            latency.readRatioInterval,
            WARM_READ_RATIO_TARGET
        ),
        'full UPDATE / serial': verdictOf(
            latency.updateRatio.median,
            latency.updateRatioInterval,
            UPDATE_SERIAL_RATIO_TARGET
        ),
    };
    const verdict = (measure: string, interval?: Interval) => {
        const within = interval
            ? `; median within ${interval.low.toFixed(3)}-${interval.high.toFixed(3)} (95 %)`
            : '';
        if (verdicts[measure] !== 'unclear') {
            return `${verdicts[measure] === 'met' ? 'met' : 'MISSED'}${within}`;
        }
        return interval
            ? `above it, not beyond the interval: not a miss${within}`
            : 'above it; too few runs for an interval: not a miss';
    };
    const rss = (results: ColdResult[]) =>
        summarize(results.map((r) => r.maxRss / 1024));
    const mb = (value: number) => `${value.toFixed(1)} MB`;
    const rows: Array<[string, string, string]> = [
        [
            'bundle size',
            `${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB)`,
            `<= 1.5 MB: ${verdict('bundle size')}`,
        ],
        [
            'cold start, bundle',
            spread(coldBundle),
            'boot + load + READ, flush wait excluded',
        ],
        [
            'cold start, unbundled',
            spread(coldUnbundled),
            'same, tsc output + node_modules',
        ],
        ['cold start ratio', ratioText(ratios), 'bundle / unbundled, per turn'],
        [
            'cold start, floor',
            spread(summarize(cold.floor.map(excluding))),
            'library + SDK only, the same READ, bundled the same way',
        ],
        [
            'floor ratio',
            ratioText(floorRatios),
            'floor / unbundled: the least any bundled READ on these dependencies costs',
        ],
        [
            'cold start / floor',
            ratioText(floorMultiple),
            `bundle / floor, per turn; <= ${FLOOR_MULTIPLE_TARGET}: ` +
                verdict('cold start / floor', floorInterval),
        ],
        [
            '  load, bundle',
            spread(summarize(cold.bundle.map((r) => r.load))),
            'require()',
        ],
        [
            '  load, unbundled',
            spread(summarize(cold.unbundled.map((r) => r.load))),
            'require()',
        ],
        [
            '  load, floor',
            spread(summarize(cold.floor.map((r) => r.load))),
            'require()',
        ],
        [
            '  first READ, bundle',
            spread(summarize(cold.bundle.map((r) => r.read - r.flushWait))),
            'entrypoint, flush wait excluded',
        ],
        [
            '  first READ, unbundled',
            spread(summarize(cold.unbundled.map((r) => r.read - r.flushWait))),
            'entrypoint, flush wait excluded',
        ],
        [
            '  first READ, floor',
            spread(summarize(cold.floor.map((r) => r.read - r.flushWait))),
            'entrypoint, flush wait excluded',
        ],
        [
            'time to response, bundle',
            spread(summarize(cold.bundle.map((r) => r.total))),
            'process start to the answer, end of invocation included',
        ],
        [
            'time to response, unbundled',
            spread(summarize(cold.unbundled.map((r) => r.total))),
            'process start to the answer, end of invocation included',
        ],
        [
            'cold CPU time, bundle',
            spread(summarize(cold.bundle.map((r) => r.cpu))),
            'user + system, less sensitive to a busy machine',
        ],
        [
            'cold CPU time, unbundled',
            spread(summarize(cold.unbundled.map((r) => r.cpu))),
            'user + system',
        ],
        [
            'cold CPU time, floor',
            spread(summarize(cold.floor.map((r) => r.cpu))),
            'user + system',
        ],
        [
            'cold CPU / floor',
            ratioText(
                summarize(
                    cold.bundle.map(
                        (result, index) => result.cpu / cold.floor[index].cpu
                    )
                )
            ),
            'bundle / floor CPU time, per turn: a cross-check of the line above',
        ],
        ['peak RSS, bundle', spread(rss(cold.bundle), mb), 'cold-start process'],
        ['peak RSS, unbundled', spread(rss(cold.unbundled), mb), 'cold-start process'],
    ];
    for (const [variant, result] of Object.entries(warm)) {
        for (const [action, values] of Object.entries(result.timings)) {
            const failed = result.statuses[action].filter(
                (status) => status !== 'SUCCESS'
            );
            if (failed.length) {
                throw new Error(
                    `warm ${variant} ${action} answered ${failed.join(', ')}`
                );
            }
            rows.push([
                `warm ${action}, ${variant}`,
                spread(summarize(values)),
                `median of ${values.length}, flush wait skipped`,
            ]);
        }
    }
    const perCall = `${latency.latencyMs} ms per Connect call`;
    rows.push(
        [
            'warm READ, end to end',
            spread(latency.readOurs),
            `${perCall}, end of invocation included`,
        ],
        [
            'warm READ, stock end',
            spread(latency.readStock),
            "the same, with the library's stock end of invocation (1 s sleep)",
        ],
        [
            'warm READ ratio',
            ratioText(latency.readRatio),
            `per turn; <= ${WARM_READ_RATIO_TARGET}: ` +
                verdict('warm READ ratio', latency.readRatioInterval),
        ],
        [
            'full UPDATE, Connect calls',
            String(latency.updateCalls),
            'every part changed: read, mutations, read back',
        ],
        ['full UPDATE, wall time', spread(latency.updateWall), perCall],
        [
            'full UPDATE / serial',
            ratioText(latency.updateRatio),
            `wall / (calls x latency); <= ${UPDATE_SERIAL_RATIO_TARGET}: ` +
                verdict('full UPDATE / serial', latency.updateRatioInterval),
        ]
    );
    const width = Math.max(...rows.map(([name]) => name.length));
    const valueWidth = Math.max(...rows.map(([, value]) => value.length));
    console.log(
        `\nbenchmark: ${options.runs} cold turns of the bundle and the floor, ` +
            `${cold.unbundled.length} of the unbundled build (after a warm-up), ` +
            `${options.warmIterations} warm iterations, ${options.latencyRuns} latency runs, node ${process.version}\n`
    );
    console.log(
        `${'measure'.padEnd(width)}  ${'median (min-max)'.padEnd(valueWidth)}  note`
    );
    for (const [name, value, note] of rows) {
        console.log(`${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${note}`);
    }
    console.log('');
    for (const line of GLOSSARY) {
        console.log(line);
    }
    const judged = (wanted: Verdict) =>
        Object.keys(verdicts).filter((measure) => verdicts[measure] === wanted);
    const missed = judged('missed');
    const unclear = judged('unclear');
    if (missed.length) {
        console.log(`\ntargets missed beyond their interval: ${missed.join(', ')}`);
        return 1;
    }
    if (unclear.length) {
        console.log(
            `\nno target missed; above the target but within the interval, or too few ` +
                `runs to tell: ${unclear.join(', ')} (more --runs or --latency-runs narrow it)`
        );
        return 0;
    }
    console.log('\nall targets met');
    return 0;
}

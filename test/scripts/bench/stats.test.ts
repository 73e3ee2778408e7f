import { medianInterval, summarize, verdictOf } from '../../../scripts/bench/stats';
import { turnOrder, UNBUNDLED_EVERY } from '../../../scripts/bench/turns';

const range = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

describe("the benchmark's median and its interval", () => {
    it.each([
        // n, the 1-based ranks of the interval's ends
        [6, 1, 6],
        [25, 7, 19],
        [61, 22, 40],
        [100, 40, 61],
        [201, 86, 116],
    ])('of %i runs spans the order statistics %i to %i', (n, low, high) => {
        // Given in reverse, so that the interval has to sort the runs.
        expect(medianInterval(range(n).reverse())).toEqual({ low, high });
    });

    it('is not given for fewer than 6 runs', () => {
        expect(medianInterval([1, 2, 3, 4, 5])).toBeUndefined();
    });

    it('holds the median of the population in about 95 % of samples', () => {
        // A fixed linear congruential sequence: the same samples on every run.
        let seed = 12345;
        const next = () => {
            seed = (seed * 1103515245 + 12345) % 2 ** 31;
            return seed / 2 ** 31;
        };
        const samples = 2000;
        let covered = 0;
        for (let sample = 0; sample < samples; sample += 1) {
            // A skewed population, as cold starts are: its median is ln 2.
            const runs = Array.from({ length: 61 }, () => -Math.log(1 - next()));
            const interval = medianInterval(runs);
            if (interval && interval.low <= Math.LN2 && Math.LN2 <= interval.high) {
                covered += 1;
            }
        }
        expect(covered / samples).toBeGreaterThan(0.93);
        expect(covered / samples).toBeLessThan(0.99);
    });

    it('summarizes an even number of runs by the mean of the middle two', () => {
        expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    });
});

describe("the benchmark's turns", () => {
    it('alternate which of the bundle and the floor goes first', () => {
        expect(turnOrder(1).slice(0, 2)).toEqual(['floor', 'bundle']);
        expect(turnOrder(2).slice(0, 2)).toEqual(['bundle', 'floor']);
    });

    it('run the unbundled build last, in the warm-up and one turn of UNBUNDLED_EVERY', () => {
        // the warm-up (-1), then turns 0 to 199
        const turns = range(201).map((run) => turnOrder(run - 2));
        const withUnbundled = turns.filter((order) => order.includes('unbundled'));
        expect(turnOrder(-1)).toEqual(['floor', 'bundle', 'unbundled']);
        expect(withUnbundled.every((order) => order[2] === 'unbundled')).toBe(true);
        // the warm-up, then turns 0, 5, 10, ... 195
        expect(withUnbundled).toHaveLength(1 + 200 / UNBUNDLED_EVERY);
    });
});

describe("a target's verdict, for a figure that must be at most the target", () => {
    it.each([
        // median, interval, verdict
        [1.04, { low: 1.0, high: 1.08 }, 'met'],
        [1.05, undefined, 'met'],
        [1.07, { low: 1.06, high: 1.09 }, 'missed'],
        [1.07, { low: 1.04, high: 1.09 }, 'unclear'],
        [1.07, { low: 1.05, high: 1.09 }, 'unclear'],
        [1.07, undefined, 'unclear'],
    ] as const)(
        'of a median of %d with the interval %j against 1.05 is %s: missed only when the whole interval is above',
        (median, interval, verdict) => {
            expect(verdictOf(median, interval, 1.05)).toBe(verdict);
        }
    );
});

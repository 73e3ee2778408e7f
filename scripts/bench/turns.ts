/**
 * The order the benchmark times its builds cold in, turn by turn: read by cli.ts,
 * which runs the turns, and report.ts, which pairs their results.
 */

/** The builds timed cold. */
export type ColdVariant = 'bundle' | 'unbundled' | 'floor';

/**
 * The unbundled build runs in one turn of this many (and in the warm-up): its
 * figures are for reference only, and each of its runs costs as much as three
 * turns of the other two, which the target's precision needs more of.
 */
export const UNBUNDLED_EVERY = 5;

/**
 * The order of the builds in turn `run` (-1 is the warm-up): the bundle and the
 * floor back to back, which of them first alternating from turn to turn, so
 * that the ratio of the two is taken between neighbours and neither always
 * runs first; the heavy unbundled build last, after both, in one turn of
 * UNBUNDLED_EVERY.
 */
export function turnOrder(run: number): ColdVariant[] {
    const pair: ColdVariant[] =
        run % 2 === 0 ? ['bundle', 'floor'] : ['floor', 'bundle'];
    return run < 0 || run % UNBUNDLED_EVERY === 0 ? [...pair, 'unbundled'] : pair;
}

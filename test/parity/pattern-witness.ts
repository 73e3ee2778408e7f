import fc from 'fast-check';
import { patternRegExp } from './public-schema';

/**
 * Two different patterns need not differ in what they take (an anchored
 * pattern takes less than the same one unanchored, never more). A witness is a
 * string one takes and the other refuses, looked for among strings made from
 * either pattern (without its lookarounds, which fast-check cannot generate
 * from) and among arbitrary short texts, plain ASCII first. The search is seeded: the same
 * patterns always give the same answer.
 */

const SEED = 1015;
const SAMPLES = 400;

const withoutLookarounds = (pattern: string) =>
    pattern.replace(/\(\?<?[=!][^()]*\)/g, '');

function generatedFrom(pattern: string): fc.Arbitrary<string>[] {
    try {
        return [fc.stringMatching(patternRegExp(withoutLookarounds(pattern)))];
    } catch {
        return [];
    }
}

/** A string that `takes` matches and `refuses` does not, if one is found. */
export function witness(takes: string, refuses: string): string | undefined {
    const taking = patternRegExp(takes);
    const refusing = patternRegExp(refuses);
    const sources = [
        // plain ASCII first, for a witness that reads easily
        fc.string({ minLength: 1, maxLength: 12 }),
        ...generatedFrom(takes),
        ...generatedFrom(refuses),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    ];
    for (const source of sources) {
        const found = fc
            .sample(source, { numRuns: SAMPLES, seed: SEED })
            .find((text) => taking.test(text) && !refusing.test(text));
        if (found !== undefined) {
            return found;
        }
    }
    return undefined;
}

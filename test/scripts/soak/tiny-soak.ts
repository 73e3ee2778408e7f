import type { SoakOptions } from '../../../scripts/soak/options';

/**
 * The soak at the size the tests run it: enough users and faults for lost
 * answers and replacements to occur, with the library's end-of-invocation wait
 * stubbed (test/setup.ts); `npm run soak` runs it at full size.
 */
export const TINY_SOAK: SoakOptions = {
    users: 6,
    concurrency: 4,
    faultRate: 0.2,
    seed: 7,
    maxSeconds: 20,
    maxRetries: 6,
    delay: 'stubbed',
};

import { runSoak } from '../../scripts/soak-run';

/**
 * The fault soak at a tiny size: users created, updated and deleted through
 * the local Lambda endpoint while the emulator injects faults. The library's
 * end-of-invocation delay is stubbed here (test/setup.ts); `npm run soak` runs
 * it at full size with the real delay.
 */
describe('fault soak', () => {
    it('ends with exactly the users, tags and proficiencies the successful operations imply', async () => {
        const result = await runSoak({
            users: 6,
            concurrency: 4,
            faultRate: 0.2,
            seed: 7,
            maxSeconds: 20,
            maxRetries: 6,
            delay: 'stubbed',
        });
        expect(result.lines.join('\n')).toContain('Result: PASS');
        expect(result.pass).toBe(true);
    }, 60_000);
});

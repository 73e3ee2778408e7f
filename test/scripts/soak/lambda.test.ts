import { runSoak } from '../../../scripts/soak/lambda';

/**
 * The fault soak at a tiny size: users created, updated and deleted through
 * the local Lambda endpoint while the emulator injects faults. The library's
 * end-of-invocation delay is stubbed here (test/setup.ts); `npm run soak` runs
 * it at full size with the real delay.
 */
describe('fault soak', () => {
    it.each([
        ['refuses', false],
        ['accepts', true],
    ])(
        'ends with exactly the users, tags and proficiencies the successful operations imply, lost answers and replacements included, when Connect %s aws: tags',
        async (_case, acceptSystemTags) => {
            const result = await runSoak({
                users: 6,
                concurrency: 4,
                faultRate: 0.2,
                seed: 7,
                maxSeconds: 20,
                maxRetries: 6,
                delay: 'stubbed',
                acceptSystemTags,
            });
            const text = result.lines.join('\n');
            expect(text).toContain('Result: PASS');
            expect(text).toMatch(/CREATE \(replacement\) [1-9]/);
            expect(text).toMatch(/lose-answer [1-9]/);
            expect(result.pass).toBe(true);
        },
        120_000
    );
});

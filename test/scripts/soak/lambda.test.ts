import { runSoak } from '../../../scripts/soak/lambda';
import type { SoakResult } from '../../../scripts/soak/options';
import { TINY_SOAK } from './tiny-soak';

/**
 * The fault soak at a tiny size: users created, updated and deleted through
 * the local Lambda endpoint while the emulator injects faults. The library's
 * end-of-invocation delay is stubbed here (test/setup.ts); `npm run soak` runs
 * it at full size with the real delay.
 */
describe.each([
    ['refuses', false],
    ['accepts', true],
])('fault soak, when Connect %s aws: tags', (_case, acceptSystemTags) => {
    let result: SoakResult;
    let text: string;
    beforeAll(async () => {
        result = await runSoak({ ...TINY_SOAK, acceptSystemTags });
        text = result.lines.join('\n');
    }, 120_000);

    it('ends with exactly the users, tags and proficiencies the successful operations imply, lost answers and replacements included', () => {
        expect(text).toContain('Result: PASS');
        expect(text).toMatch(/CREATE \(replacement\) [1-9]/);
        expect(text).toMatch(/lose-answer [1-9]/);
        expect(result.pass).toBe(true);
    });

    it('counts the refusals it asks for (a replacement that keeps its Username) as expected, not as failures', () => {
        expect(text).toMatch(
            /CREATE \(replacement\) \d+ \(0 ok, \d+ failed, [1-9]\d* refused as expected\)/
        );
        expect(text).toMatch(/^Expected refusals, not failures: AlreadyExists [1-9]/m);
        expect(text).not.toMatch(/^Failures by code: .*AlreadyExists/m);
    });
});

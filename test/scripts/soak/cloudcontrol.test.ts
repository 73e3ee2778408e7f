import { parseSoakArgs } from '../../../scripts/soak/cli';
import { runCloudControlSoak } from '../../../scripts/soak/cloudcontrol';
import type { SoakResult } from '../../../scripts/soak/options';
import { TINY_SOAK } from './tiny-soak';

/**
 * The fault soak through the local Cloud Control API at a tiny size: users
 * created, updated with JSON patches and deleted with the SDK client while the
 * emulator injects faults. `npm run soak -- --via cloudcontrol` runs it at full
 * size.
 */
describe('fault soak through Cloud Control', () => {
    let result: SoakResult;
    let text: string;
    beforeAll(async () => {
        result = await runCloudControlSoak({ ...TINY_SOAK, via: 'cloudcontrol' });
        text = result.lines.join('\n');
    }, 120_000);

    it('ends with exactly the users, tags and proficiencies the successful requests imply, nothing orphaned, no password anywhere', () => {
        expect(text).toContain('Result: PASS');
        expect(text).toMatch(/CREATE \(same Username\) [1-9]/);
        expect(text).toMatch(/lose-answer [1-9]/);
        expect(text).toMatch(/0 orphaned, 0 password leaks: PASS/);
        expect(result.pass).toBe(true);
    });

    it('counts the refusals it asks for (a second create with the same Username) as expected, not as failures', () => {
        expect(text).toMatch(
            /CREATE \(same Username\) \d+ \(0 ok, \d+ failed, [1-9]\d* refused as expected\)/
        );
        expect(text).toMatch(/^Expected refusals, not failures: AlreadyExists [1-9]/m);
        expect(text).not.toMatch(/^Failures by code: .*AlreadyExists/m);
    });

    it('is chosen with --via cloudcontrol, which takes no --accept-system-tags', () => {
        expect(parseSoakArgs(['--via', 'cloudcontrol'])).toMatchObject({
            via: 'cloudcontrol',
        });
        expect(parseSoakArgs([])).toMatchObject({ via: 'lambda' });
        expect(() =>
            parseSoakArgs(['--via', 'cloudcontrol', '--accept-system-tags'])
        ).toThrow(/no system tags/);
        expect(() => parseSoakArgs(['--via', 'stack'])).toThrow(/--via/);
    });
});

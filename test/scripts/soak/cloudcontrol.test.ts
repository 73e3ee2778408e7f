import { parseSoakArgs } from '../../../scripts/soak/cli';
import { runCloudControlSoak } from '../../../scripts/soak/cloudcontrol';

/**
 * The fault soak through the local Cloud Control API at a tiny size: users
 * created, updated with JSON patches and deleted with the SDK client while the
 * emulator injects faults. `npm run soak -- --via cloudcontrol` runs it at full
 * size.
 */
describe('fault soak through Cloud Control', () => {
    it('ends with exactly the users, tags and proficiencies the successful requests imply, nothing orphaned, no password anywhere', async () => {
        const result = await runCloudControlSoak({
            users: 6,
            concurrency: 4,
            faultRate: 0.2,
            seed: 7,
            maxSeconds: 20,
            maxRetries: 6,
            delay: 'stubbed',
            via: 'cloudcontrol',
        });
        const text = result.lines.join('\n');
        expect(text).toContain('Result: PASS');
        expect(text).toMatch(/CREATE \(same Username\) [1-9]/);
        expect(text).toMatch(/lose-answer [1-9]/);
        expect(text).toMatch(/0 orphaned, 0 password leaks: PASS/);
        expect(result.pass).toBe(true);
    }, 120_000);

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

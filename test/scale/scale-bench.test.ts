/**
 * The scale benchmark's smallest setting, so that it cannot rot: it runs to the
 * end with no onboarding failure, and its report carries every figure as a
 * number. Whether the targets are met is the benchmark's verdict, not this test's.
 */
import { parseScaleArguments } from '../../scripts/scale/cli';
import { reportLines, type ScaleFigures } from '../../scripts/scale/figures';
import { runScale } from '../../scripts/scale/run';

const NUMBER = String.raw`\d+(?:\.\d+)?`;

describe('the scale benchmark, smallest setting', () => {
    let figures: ScaleFigures;
    let report: string;
    const progress: string[] = [];

    beforeAll(async () => {
        figures = await runScale({
            instanceUsers: 200,
            onboardUsers: 5,
            concurrency: 10,
            maxSeconds: 50,
            progress: (line) => progress.push(line),
        });
        report = reportLines(figures).join('\n');
    }, 60_000);

    it('lists every user of the instance and finds its own lost-answer user once', () => {
        expect(figures.list.resourcesListed).toBe(200);
        expect(figures.lostAnswer.status).toBe('SUCCESS');
        expect(figures.lostAnswer.usersWithUsername).toBe(1);
    });

    it('onboards every user with no failure', () => {
        expect(figures.onboard.failureReasons).toEqual([]);
        expect(figures.onboard.failures).toBe(0);
        expect(figures.onboard.calls.CreateUser?.accepted).toBe(5);
    });

    it('shows progress as it goes', () => {
        expect(progress.some((line) => /ListResources page 1/.test(line))).toBe(true);
        expect(progress.some((line) => /onboarded 5\/5/.test(line))).toBe(true);
    });

    it.each([
        ['the listing calls', String.raw`Connect calls: ${NUMBER}`],
        ['the listing seconds', String.raw`\(a\)[^]*seconds: ${NUMBER}`],
        ['the listing ratio', String.raw`ratio to floor: ${NUMBER}`],
        [
            'the look-up calls',
            String.raw`look-up calls: ${NUMBER}, of them listing calls: ${NUMBER}`,
        ],
        ['the look-up seconds', String.raw`\(b\)[^]*seconds: ${NUMBER}`],
        ['the onboarding wall time', String.raw`wall seconds: ${NUMBER}`],
        ['the onboarding failures', String.raw`failures: ${NUMBER}`],
        ['the throttled answers', String.raw`throttled Connect answers: ${NUMBER}`],
        [
            'the calls of CreateUser a user',
            String.raw`CreateUser +${NUMBER} accepted +${NUMBER} throttled +${NUMBER} other +${NUMBER} a user`,
        ],
        [
            'the floor of the busiest operation',
            String.raw`floor of the busiest: 5 x ${NUMBER} / 2 s = ${NUMBER} s; ratio ${NUMBER}`,
        ],
        [
            'the floor of one call a user',
            String.raw`floor of 1 call a user: 5 x 1 / 2 s = ${NUMBER} s; ratio ${NUMBER}`,
        ],
        ['the peak RSS', String.raw`peak RSS: ${NUMBER} MB`],
    ])('prints %s as a number', (_what, pattern) => {
        expect(report).toMatch(new RegExp(pattern));
    });

    it('prints a verdict beside each target', () => {
        const verdictLines = report
            .split('\n')
            .filter((line) => /^ {4}(met {3}|MISSED) /.test(line));
        expect(verdictLines).toHaveLength(4);
    });
});

describe('the scale benchmark arguments', () => {
    it('default to 10,000 users in the instance and 100 onboarded 10 at a time', () => {
        expect(parseScaleArguments([])).toMatchObject({
            instanceUsers: 10_000,
            onboardUsers: 100,
            concurrency: 10,
        });
        expect(parseScaleArguments(['--users', '40'])).toMatchObject({
            onboardUsers: 40,
        });
    });

    it.each([
        ['--users', '0'],
        ['--users', 'x'],
        ['--instance-users', '-1'],
        ['--bogus', '1'],
    ])('refuse %s %s', (flag, value) => {
        expect(() => parseScaleArguments([flag, value])).toThrow();
    });
});

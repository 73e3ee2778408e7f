import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

/**
 * A smoke test of `npm run bench -- --quick`: every row is printed with a
 * measured number. Timings are not asserted; a missed target exits 1, which is a
 * finding, not a failure of the bench.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORK = path.join(ROOT, 'build', `bench-smoke-${process.pid}`);
const NUMBER = String.raw`\d+(\.\d+)?`;
const MS = `${NUMBER} ms \\(${NUMBER} ms-${NUMBER} ms\\)`;

const ROWS: Array<[string, string]> = [
    ['bundle size', `\\d+ bytes \\(${NUMBER} MB\\)`],
    ['cold start, bundle', MS],
    ['cold start, unbundled', MS],
    ['cold start ratio', `${NUMBER} \\(${NUMBER}-${NUMBER}\\)`],
    ['cold start, floor', MS],
    ['floor ratio', `${NUMBER} \\(${NUMBER}-${NUMBER}\\)`],
    ['cold start / floor', `${NUMBER} \\(${NUMBER}-${NUMBER}\\)`],
    ['  load, bundle', MS],
    ['  load, unbundled', MS],
    ['  load, floor', MS],
    ['  first READ, bundle', MS],
    ['  first READ, unbundled', MS],
    ['  first READ, floor', MS],
    ['time to response, bundle', MS],
    ['time to response, unbundled', MS],
    ['cold CPU time, bundle', MS],
    ['cold CPU time, unbundled', MS],
    ['cold CPU time, floor', MS],
    ['cold CPU / floor', `${NUMBER} \\(${NUMBER}-${NUMBER}\\)`],
    ['peak RSS, bundle', `${NUMBER} MB \\(${NUMBER} MB-${NUMBER} MB\\)`],
    ['peak RSS, unbundled', `${NUMBER} MB \\(${NUMBER} MB-${NUMBER} MB\\)`],
    ...['CREATE', 'READ', 'UPDATE', 'LIST', 'DELETE'].flatMap(
        (action): Array<[string, string]> => [
            [`warm ${action}, bundle`, MS],
            [`warm ${action}, unbundled`, MS],
        ]
    ),
    ['warm READ, end to end', MS],
    ['warm READ, stock end', MS],
    ['warm READ ratio', `${NUMBER} \\(${NUMBER}-${NUMBER}\\)`],
    ['full UPDATE, Connect calls', '\\d+'],
    ['full UPDATE, wall time', MS],
    ['full UPDATE / serial', `${NUMBER} \\(${NUMBER}-${NUMBER}\\)`],
];

describe('npm run bench -- --quick', () => {
    let output = '';
    let progress = '';
    let exitCode: number | null = null;

    beforeAll(async () => {
        await new Promise<void>((resolve) => {
            execFile(
                process.execPath,
                [
                    require.resolve('tsx/cli'),
                    path.join(ROOT, 'scripts', 'bench', 'cli.ts'),
                    '--quick',
                    '--work',
                    WORK,
                ],
                { cwd: ROOT, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
                (error, stdout, stderr) => {
                    output = stdout;
                    progress = stderr;
                    exitCode = error
                        ? typeof error.code === 'number'
                            ? error.code
                            : -1
                        : 0;
                    resolve();
                }
            );
        });
    }, 300_000);

    afterAll(() => {
        rmSync(WORK, { recursive: true, force: true });
    });

    it('finishes, with a verdict on the targets', () => {
        expect([0, 1]).toContain(exitCode);
        expect(output).toMatch(
            exitCode === 0
                ? /all targets met|no target missed/
                : /targets missed beyond/
        );
    });

    it.each([['floor'], ['flush wait'], ['stock end']])(
        'explains "%s" in one line below the table',
        (word) => {
            expect(output).toMatch(new RegExp(`\\n${word}: [^\\n]{20,}\\n`));
        }
    );

    it('says on stderr where it is as it goes: the builds, each tenth of the cold turns, the warm and latency measures', () => {
        expect(progress).toMatch(/^bench: building the bundle/m);
        expect(progress).toMatch(
            /^bench: cold turn 1\/2: median so far [\d.]+ ms bundle/m
        );
        expect(progress).toMatch(/^bench: cold turn 2\/2: /m);
        expect(progress).toMatch(/^bench: warm latency of each action, bundle/m);
        expect(progress).toMatch(/^bench: 2 turns of a warm READ and a full UPDATE/m);
    });

    it.each(ROWS)('prints the row "%s" with measured numbers', (name, value) => {
        const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(output).toMatch(new RegExp(`^${escaped} +${value}`, 'm'));
    });
});

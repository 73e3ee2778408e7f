import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * `npm start` as a user runs it, in its own process: the library's one-second
 * wait at the end of every invocation is real here, so this takes several seconds.
 */
describe('npm start on the embedded emulator', () => {
    it('runs every step, prints each with its Connect calls, and exits 0', () => {
        const run = spawnSync('npx', ['tsx', 'local/start.ts'], {
            cwd: ROOT,
            encoding: 'utf8',
            timeout: 90000,
            env: { ...process.env, AWS_ENDPOINT_URL_CONNECT: '', AWS_REGION: '' },
        });
        const out = run.stdout;

        expect(run.status).toBe(0);
        expect(out).toMatch(
            /^Amazon Connect emulator listening on http:\/\/127\.0\.0\.1:\d+$/m
        );
        const steps = [
            ...out.matchAll(/^\[(\d)\/6\] (\S+) +(ok|FAIL) +(.+?) +(\d+) ms$/gm),
        ];
        expect(steps.map((step) => [step[2], step[3], step[4]])).toEqual([
            ['create', 'ok', 'IN_PROGRESS -> SUCCESS'],
            ['read', 'ok', 'SUCCESS'],
            ['update', 'ok', 'SUCCESS'],
            ['list', 'ok', 'SUCCESS'],
            ['delete', 'ok', 'SUCCESS'],
            ['read-deleted', 'ok', 'FAILED (NotFound)'],
        ]);
        expect(out).toMatch(
            /^ {6}Connect calls: CreateUser x2, UntagResource x1, AssociateUserProficiencies x1/m
        );
        expect(out).toMatch(/^ {6}Connect calls: DeleteUser x1$/m);
        expect(out).toContain('All 6 steps behaved as CloudFormation expects.');
        // The library's own log lines stay off the terminal.
        expect(out).not.toContain('EVENT DATA');
        expect(out).not.toContain('START RequestId');
    }, 90000);
});

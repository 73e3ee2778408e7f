import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Every tool's command as a user types it, `npm run X -- --help`: its usage on
 * stdout and exit 0, without doing its work; an option it does not know is
 * named, followed by the usage, with exit 2 and no stack trace.
 */

const ROOT = path.resolve(__dirname, '..', '..');

/** Each command, an option its usage must list, and the arguments it needs. */
const COMMANDS: Array<[string, string, string[]]> = [
    ['build', '--function NAME', []],
    ['build:function', '--project DIR', ['TypeFunction']],
    ['generate', '--check', []],
    ['package', '--no-build', []],
    ['bench', '--quick', []],
    ['soak', '--fault-rate R', []],
];

const npmRun = (command: string, args: string[]) =>
    spawnSync('npm', ['run', '--silent', command, '--', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        // Nothing a test run set may change what the command prints.
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });

describe.each(COMMANDS)('npm run %s', (command, option, needed) => {
    const usage = `Usage: npm run ${command.split(':')[0]} [-- options]`;

    it.each([['--help'], ['-h']])('prints its usage for %s and exits 0', (flag) => {
        const run = npmRun(command, [flag]);
        expect(run.stderr).toBe('');
        expect(run.stdout.startsWith(usage)).toBe(true);
        expect(run.stdout).toContain(option);
        expect(run.stdout).toContain('-h, --help');
        expect(run.status).toBe(0);
    });

    it('names an option it does not know, prints its usage and exits 2', () => {
        const run = npmRun(command, [...needed, '--no-such-option']);
        expect(run.stderr).toMatch(/^Unknown (argument|option) '?--no-such-option/);
        expect(run.stderr).toContain(usage);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(run.stdout).toBe('');
        expect(run.status).toBe(2);
    });
});

describe('npm run bench -- --scale', () => {
    it.each([
        ['bench', ['--scale', '--help']],
        ['bench:scale', ['--help']],
    ])('npm run %s %j prints the scale bench usage and exits 0', (command, args) => {
        const run = npmRun(command, args);
        expect(run.stdout).toContain('Usage: npm run bench:scale');
        expect(run.stdout).toContain('--instance-users N');
        expect(run.status).toBe(0);
    });
});

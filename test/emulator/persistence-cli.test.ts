import {
    CreateUserCommand,
    DescribeUserCommand,
    ListInstancesCommand,
} from '@aws-sdk/client-connect';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArguments } from '../../emulator/cli';
import { DOCUMENTED_RATE_LIMITS, startEmulator } from '../../emulator/server';
import { connectClient, managed, PASSWORD, validCreateUser } from './helpers';

const ROOT = resolve(__dirname, '../..');
let directory: string;
beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'connect-emulator-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('state file', () => {
    it('loads a state file whose users have no channel settings yet', async () => {
        const stateFile = join(directory, 'older.json');
        const first = await startEmulator({ quiet: true, stateFile });
        const client = connectClient(first.url);
        const created = await client.send(
            new CreateUserCommand(
                validCreateUser(managed, { PhoneConfig: { PhoneType: 'SOFT_PHONE' } })
            )
        );
        client.destroy();
        await first.close();
        const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
        expect(saved.instances[0].users[0].channelSettings).toBeDefined();
        delete saved.instances[0].users[0].channelSettings;
        writeFileSync(stateFile, JSON.stringify(saved));

        const second = await startEmulator({ quiet: true, stateFile });
        const again = connectClient(second.url);
        try {
            const { User } = await again.send(
                new DescribeUserCommand({
                    InstanceId: managed.id,
                    UserId: created.UserId,
                })
            );
            expect(User?.PhoneConfig).toEqual({ PhoneType: 'SOFT_PHONE' });
        } finally {
            again.destroy();
            await second.close();
        }
    });

    it('keeps users, tags and proficiencies across a restart, without passwords', async () => {
        const stateFile = join(directory, 'state.json');
        const first = await startEmulator({ quiet: true, stateFile });
        const client = connectClient(first.url);
        const created = await client.send(
            new CreateUserCommand(validCreateUser(managed, { Tags: { team: 'blue' } }))
        );
        client.destroy();
        await first.close();

        expect(readFileSync(stateFile, 'utf8')).not.toContain(PASSWORD);
        expect(readdirSync(directory)).toEqual(['state.json']); // no temp file left behind

        const second = await startEmulator({ quiet: true, stateFile });
        const again = connectClient(second.url);
        try {
            const { User } = await again.send(
                new DescribeUserCommand({
                    InstanceId: managed.id,
                    UserId: created.UserId,
                })
            );
            expect(User?.Tags).toEqual({ team: 'blue' });
            second.reset();
            expect(
                JSON.parse(readFileSync(stateFile, 'utf8')).instances[0].users
            ).toEqual([]);
        } finally {
            again.destroy();
            await second.close();
        }
    });
});

describe('the CLI arguments', () => {
    it("default to Connect's documented rate limits and the reference-following behaviour", () => {
        expect(parseArguments([])).toEqual({
            port: 0,
            rateLimits: DOCUMENTED_RATE_LIMITS,
            acceptSystemTags: false,
            describeBoth: false,
            directoryIdentityUpdates: 'refuse',
            quiet: false,
        });
    });

    it('put --rate-limit over the documented limits, or over none with --no-rate-limits', () => {
        expect(parseArguments(['--rate-limit', 'CreateUser=1:2']).rateLimits).toEqual({
            ...DOCUMENTED_RATE_LIMITS,
            CreateUser: { ratePerSecond: 1, burst: 2 },
        });
        expect(parseArguments(['--no-rate-limits']).rateLimits).toEqual({});
        expect(
            parseArguments(['--rate-limit', '*=50:100', '--no-rate-limits']).rateLimits
        ).toEqual({ '*': { ratePerSecond: 50, burst: 100 } });
    });

    it('set the behaviour options', () => {
        expect(
            parseArguments([
                '--accept-system-tags',
                '--describe-both',
                '--directory-identity-updates',
                'ignore',
            ])
        ).toMatchObject({
            acceptSystemTags: true,
            describeBoth: true,
            directoryIdentityUpdates: 'ignore',
        });
        expect(() => parseArguments(['--directory-identity-updates', 'maybe'])).toThrow(
            /refuse or ignore/
        );
    });
});

describe('npm run emulator', () => {
    let child: ChildProcess | undefined;
    afterEach(async () => {
        const running = child;
        child = undefined;
        if (!running || running.exitCode !== null || running.signalCode !== null)
            return;
        const exited = new Promise((done) => running.once('exit', done));
        running.kill('SIGTERM');
        await exited;
    });

    /** Resolves with the URL the CLI prints once it is listening. */
    function waitForUrl(process: ChildProcess): Promise<string> {
        return new Promise((resolveUrl, reject) => {
            let output = '';
            const timer = setTimeout(
                () => reject(new Error(`emulator did not start: ${output}`)),
                15000
            );
            process.stdout?.on('data', (chunk: Buffer) => {
                output += chunk.toString();
                const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
                if (match) {
                    clearTimeout(timer);
                    expect(output).toContain(
                        `export AWS_ENDPOINT_URL_CONNECT=${match[1]}`
                    );
                    resolveUrl(match[1]);
                }
            });
            process.on('exit', (code) => {
                clearTimeout(timer);
                reject(new Error(`emulator exited with ${code}: ${output}`));
            });
        });
    }

    const spawnCli = (...args: string[]): ChildProcess =>
        spawn(
            process.execPath,
            [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'emulator/cli.ts', ...args],
            { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
        );

    /** How many of `count` quick ListInstances calls are throttled. */
    async function throttledOf(url: string, count: number): Promise<number> {
        const client = connectClient(url);
        let throttled = 0;
        try {
            for (let i = 0; i < count; i++) {
                await client
                    .send(new ListInstancesCommand({}))
                    .catch((error: Error) => {
                        if (error.name !== 'ThrottlingException') throw error;
                        throttled += 1;
                    });
            }
        } finally {
            client.destroy();
        }
        return throttled;
    }

    it('throttles as Connect documents by default: a burst of 5, then 429', async () => {
        child = spawnCli('--quiet');
        const url = await waitForUrl(child);
        expect(await throttledOf(url, 6)).toBe(1);
    });

    it('does not throttle with --no-rate-limits', async () => {
        child = spawnCli('--quiet', '--no-rate-limits');
        const url = await waitForUrl(child);
        expect(await throttledOf(url, 12)).toBe(0);
    });

    it('prints its URL, serves the SDK, and exits cleanly on SIGTERM', async () => {
        const stateFile = join(directory, 'cli-state.json');
        child = spawn(
            process.execPath,
            [
                join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
                'emulator/cli.ts',
                '--port',
                '0',
                '--state',
                stateFile,
                '--rate-limit',
                'ListInstances=1:1',
            ],
            { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
        );
        const url = await waitForUrl(child);
        const client = connectClient(url);
        try {
            const { InstanceSummaryList } = await client.send(
                new ListInstancesCommand({})
            );
            expect(InstanceSummaryList).toHaveLength(3);
            await expect(
                client.send(new ListInstancesCommand({}))
            ).rejects.toMatchObject({
                name: 'ThrottlingException',
            });
        } finally {
            client.destroy();
        }
        const exited = new Promise<number | null>((done) => child!.on('exit', done));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        child = undefined;
    });
});

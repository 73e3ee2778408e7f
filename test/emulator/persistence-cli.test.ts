import {
    CreateUserCommand,
    DescribeUserCommand,
    ListInstancesCommand,
} from '@aws-sdk/client-connect';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator } from '../../emulator/server';
import { connectClient, managed, PASSWORD, validCreateUser } from './helpers';

const ROOT = resolve(__dirname, '../..');
let directory: string;
beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'connect-emulator-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('state file', () => {
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

describe('npm run emulator', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
        child?.kill('SIGTERM');
        child = undefined;
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

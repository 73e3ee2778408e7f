/**
 * State files the servers cannot use are refused by name and left as they
 * are; a state file that cannot be written neither stops the Cloud Control
 * server nor leaves a resource locked.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
    GetResourceRequestStatusCommand,
    UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { startCloudControl } from '../../cloudcontrol/server';
import { startEmulator } from '../../emulator/server';
import {
    createUser,
    desiredUser,
    settled,
    startHarness,
} from '../cloudcontrol/harness';

const ROOT = join(__dirname, '..', '..');

describe('state files', () => {
    let directory: string;
    beforeEach(() => {
        directory = mkdtempSync(join(tmpdir(), 'state-files-'));
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    const BAD: Array<[string, string, RegExp]> = [
        [
            'truncated',
            '{"format":"local-cloudcontrol-requests/1","requests":[{"req',
            /line 1, column 60 \(unterminated string\)/,
        ],
        ['empty', '', /line 1, column 1 \(unexpected end of text\)/],
        ['of another shape', '{"users":[]}', /not a state file of this server/],
        [
            'an emulator state',
            readFileSync(join(ROOT, 'emulator/seed.json'), 'utf8'),
            /not a state file of this server/,
        ],
        [
            'of a request without a token',
            '{"requests":[{"status":"SUCCESS"}]}',
            /requests\[0\]\.requestToken is not a string/,
        ],
    ];

    it.each(BAD)(
        'Cloud Control refuses a state file %s, by name, and leaves it as it is',
        async (_, content, problem) => {
            const file = join(directory, 'requests.json');
            writeFileSync(file, content);
            const start = startCloudControl({ stateFile: file, log: () => undefined });
            await expect(start).rejects.toThrow(
                `The Cloud Control state file ${file} is `
            );
            await expect(start).rejects.toThrow(problem);
            expect(readFileSync(file, 'utf8')).toBe(content);
        }
    );

    it.each([
        [
            'truncated',
            '{"accountId":"1234',
            /line 1, column 19 \(unterminated string\)/,
        ],
        ['of another shape', '{"requests":[]}', /not an emulator state/],
    ])(
        'the emulator refuses a state file %s, by name, and leaves it as it is',
        async (_, content, problem) => {
            const file = join(directory, 'state.json');
            writeFileSync(file, content);
            const start = startEmulator({ stateFile: file, quiet: true });
            await expect(start).rejects.toThrow(`The emulator state file ${file} is `);
            await expect(start).rejects.toThrow(problem);
            expect(readFileSync(file, 'utf8')).toBe(content);
        }
    );

    it('the emulator CLI says what is wrong with its state file, without a stack trace', () => {
        const file = join(directory, 'state.json');
        writeFileSync(file, '{"accountId":');
        const run = spawnSync(
            process.execPath,
            ['--import', 'tsx', 'emulator/cli.ts', '--state', file, '--quiet'],
            { cwd: ROOT, encoding: 'utf8', timeout: 30_000 }
        );
        expect(run.status).toBe(1);
        expect(run.stderr.trim()).toBe(
            `The emulator state file ${file} is not valid JSON at line 1, column 14 (unexpected end of text)`
        );
    });

    it('a state folder that vanishes fails new requests with a message, and locks nothing', async () => {
        const folder = join(directory, 'state');
        mkdirSync(folder);
        const lines: string[] = [];
        const harness = await startHarness({
            stateFile: join(folder, 'requests.json'),
            log: (line) => lines.push(line),
        });
        try {
            const created = await createUser(
                harness.client,
                desiredUser('vanishing-folder')
            );
            expect(created.OperationStatus).toBe('SUCCESS');
            const rename = (first: string) =>
                harness.client.send(
                    new UpdateResourceCommand({
                        TypeName: 'AWS::Connect::User',
                        Identifier: created.Identifier,
                        PatchDocument: JSON.stringify([
                            {
                                op: 'replace',
                                path: '/IdentityInfo/FirstName',
                                value: first,
                            },
                        ]),
                    })
                );

            rmSync(folder, { recursive: true });
            await expect(rename('Lost')).rejects.toMatchObject({
                name: 'InternalFailure',
                message: expect.stringMatching(/state file .* could not be written/),
            });

            mkdirSync(folder);
            const accepted = await rename('Kept');
            // The folder goes while the request runs: it still ends, in memory.
            rmSync(folder, { recursive: true });
            const ended = await settled(
                harness.client,
                accepted.ProgressEvent?.RequestToken
            );
            expect(ended.OperationStatus).toBe('SUCCESS');
            expect(lines.some((line) => /could not be written/.test(line))).toBe(true);
            const status = await harness.client.send(
                new GetResourceRequestStatusCommand({
                    RequestToken: accepted.ProgressEvent?.RequestToken,
                })
            );
            expect(status.ProgressEvent?.OperationStatus).toBe('SUCCESS');
        } finally {
            await harness.close();
        }
    });
});

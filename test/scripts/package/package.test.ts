import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPackage, type PackageResult } from '../../../scripts/package/cli';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { handlerEvent } from '../../fixtures/events';
import { FUNCTION_FILES, seededUser } from '../build/function-process';
import { unzip, type ZipEntry } from './zip';

/**
 * `npm run package` writes what `cfn submit --dry-run` would: these tests unpack
 * it, check its layout and run the function inside it, alone, in a fresh Node
 * process against the Connect emulator.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const INSTANCE_ID = '11111111-1111-4111-8111-111111111111';

describe('the submission package', () => {
    let dir: string;
    let first: PackageResult;
    let second: PackageResult;
    let entries: Map<string, ZipEntry>;
    let inner: Map<string, ZipEntry>;

    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'connect-user-package-'));
        // Each runs the .rpdk-config buildCommand, as cfn submit does.
        first = await createPackage({ out: path.join(dir, 'first.zip') });
        second = await createPackage({ out: path.join(dir, 'second.zip') });
        entries = await unzip(readFileSync(first.path));
        inner = await unzip(
            entries.get('ResourceProvider.zip')?.data ?? Buffer.alloc(0)
        );
    }, 120_000);

    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('is the same bytes when built and packaged again', () => {
        expect(second.sha256).toBe(first.sha256);
        expect(readFileSync(second.path).equals(readFileSync(first.path))).toBe(true);
    });

    it('has the layout cfn submit writes for a TypeScript resource', () => {
        const names = [...entries.keys()];
        expect(names).toEqual([...names].sort());
        expect(names).toEqual(
            expect.arrayContaining([
                '.cfn_metadata.json',
                '.rpdk-config',
                'ResourceProvider.zip',
                'schema.json',
                'src/handlers.ts',
            ])
        );
        const allowed =
            /^(\.cfn_metadata\.json|\.rpdk-config|ResourceProvider\.zip|schema\.json|configuration-schema\.json|overrides\.json|inputs\/[^/]+|src\/.+)$/;
        expect(names.filter((name) => !allowed.test(name))).toEqual([]);
        expect(
            JSON.parse(entries.get('.cfn_metadata.json')?.data.toString() ?? '')
        ).toEqual({
            'cli-version': expect.any(String),
        });
        expect(
            entries
                .get('.rpdk-config')
                ?.data.equals(readFileSync(path.join(ROOT, '.rpdk-config')))
        ).toBe(true);
    });

    it('carries the resource schema as schema.json, byte for byte', () => {
        const schema = readFileSync(path.join(ROOT, 'aws-connect-user.json'));
        expect(entries.get('schema.json')?.data.equals(schema)).toBe(true);
    });

    it('carries a configuration schema only when the schema has a typeConfiguration', () => {
        const schema = JSON.parse(
            readFileSync(path.join(ROOT, 'aws-connect-user.json'), 'utf8')
        ) as { typeConfiguration?: unknown };
        expect(entries.has('configuration-schema.json')).toBe(
            schema.typeConfiguration !== undefined
        );
    });

    it('carries every source file of src/', () => {
        for (const name of first.entries.filter((entry) => entry.startsWith('src/'))) {
            expect(
                entries.get(name)?.data.equals(readFileSync(path.join(ROOT, name)))
            ).toBe(true);
        }
    });

    it('fixes every time and mode, so that nothing of the machine leaks in', () => {
        for (const entry of [...entries.values(), ...inner.values()]) {
            expect(entry.mode).toBe(0o100644);
            expect(entry.mtime.getFullYear()).toBe(2000);
        }
    });

    it('holds the bundle, the mutations, the metrics and log clients, the validator, their maps and nothing else in ResourceProvider.zip', () => {
        expect([...inner.keys()]).toEqual(FUNCTION_FILES);
        for (const name of [
            'handlers',
            'mutations',
            'aws-sdk-v2',
            'schema-validator',
        ]) {
            expect(inner.get(`dist/${name}.js`)?.compressed).toBe(true);
            const code = inner.get(`dist/${name}.js`)?.data.toString('utf8') ?? '';
            expect(code).toMatch(
                new RegExp(`//# sourceMappingURL=${name}\\.js\\.map\\s*$`)
            );
            expect(code).not.toMatch(/require\(["']aws-sdk/);
        }
    });

    describe('its function, alone in a fresh Node process', () => {
        let emulator: Emulator;
        let functionDir: string;

        beforeAll(async () => {
            functionDir = path.join(dir, 'function');
            for (const [name, entry] of inner) {
                mkdirSync(path.dirname(path.join(functionDir, name)), {
                    recursive: true,
                });
                writeFileSync(path.join(functionDir, name), entry.data);
            }
            emulator = await startEmulator({ quiet: true });
        });

        afterAll(async () => {
            await emulator?.close();
        });

        it('loads its metrics and log clients from the zip alone', async () => {
            const script = `
                const services = require('./dist/aws-sdk-v2.js');
                const client = services.cloudWatch.createClient({ region: 'us-east-1' });
                console.log(Object.keys(services).sort().join() + ' ' + typeof client.send);
            `;
            const stdout = await new Promise<string>((resolve, reject) =>
                execFile(
                    process.execPath,
                    ['-e', script],
                    {
                        cwd: functionDir,
                        env: { PATH: process.env.PATH },
                        timeout: 30_000,
                    },
                    (error, out, stderr) =>
                        error
                            ? reject(new Error(`${error.message}\n${stderr}`))
                            : resolve(out)
                )
            );
            expect(stdout.trim()).toBe('cloudWatch,cloudWatchLogs,s3 function');
        });

        it('answers a READ with the user Connect holds', async () => {
            const seeded = {
                PhoneConfig: {
                    PhoneType: 'SOFT_PHONE',
                    AfterContactWorkTimeLimit: 0,
                },
                IdentityInfo: {
                    FirstName: 'Pat',
                    LastName: 'Kaged',
                    Email: 'pat.kaged@example.com',
                },
            } as const;
            const UserArn = await seededUser(emulator.url, {
                Username: 'packaged',
                ...seeded,
            });
            const script = `
                const { entrypoint } = require('./dist/handlers.js');
                entrypoint(JSON.parse(process.env.EVENT), { awsRequestId: 'package-test' })
                    .then((response) => console.log('\\nRESPONSE ' + JSON.stringify(response)));
            `;
            const stdout = await new Promise<string>((resolve, reject) =>
                execFile(
                    process.execPath,
                    ['-e', script],
                    {
                        cwd: functionDir,
                        // No NODE_PATH: only what is in the zip can be loaded.
                        env: {
                            PATH: process.env.PATH,
                            AWS_ENDPOINT_URL_CONNECT: emulator.url,
                            EVENT: JSON.stringify(handlerEvent('READ', { UserArn })),
                        },
                        timeout: 30_000,
                    },
                    (error, out, stderr) =>
                        error
                            ? reject(new Error(`${error.message}\n${stderr}`))
                            : resolve(out)
                )
            );
            const line = stdout
                .split('\n')
                .find((text) => text.startsWith('RESPONSE '));
            const instanceArn = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE_ID}`;
            expect(JSON.parse(line?.slice('RESPONSE '.length) ?? '{}')).toEqual({
                status: 'SUCCESS',
                message: '',
                callbackDelaySeconds: 0,
                resourceModel: {
                    InstanceArn: instanceArn,
                    UserArn,
                    Username: 'packaged',
                    RoutingProfileArn: `${instanceArn}/routing-profile/a1000000-0000-4000-8000-000000000001`,
                    SecurityProfileArns: [
                        `${instanceArn}/security-profile/b1000000-0000-4000-8000-000000000001`,
                    ],
                    ...seeded,
                    // The per-channel view of the same settings.
                    AfterContactWorkConfigs: ['VOICE', 'CHAT', 'TASK', 'EMAIL'].map(
                        (Channel) => ({
                            Channel,
                            AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0 },
                        })
                    ),
                    PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }],
                },
            });
        });
    });
});

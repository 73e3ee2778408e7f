import { execFile } from 'node:child_process';
import {
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPackage, type PackageResult } from '../../../scripts/package/cli';
import { schemaTextUnder } from '../../../scripts/type-name';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { handlerEvent, userModel } from '../../fixtures/events';
import { startAwsRecorder, type AwsRecorder } from '../build/aws-recorder';
import { FUNCTION_FILES, PROVIDER, seededUser } from '../build/function-process';
import { unzip, type ZipEntry } from './zip';

/**
 * `npm run package -- --type-name NAME` writes the package `cfn submit` uploads
 * for a private type of that name. These tests check it as the default package
 * is checked, and run the function inside it, alone in a fresh Node process,
 * against the Connect emulator.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** A name of the tests' own, so that no tree of a user's is written over. */
const TYPE_NAME = 'Packagetest::Connect::User';
const PUBLIC_TYPE = 'AWS::Connect::User';
const INSTANCE_ID = '11111111-1111-4111-8111-111111111111';
const INSTANCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE_ID}`;

/** The files under `folder` of this clone, as package entries. */
const cloneFiles = (folder: string): string[] =>
    readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
        .filter((name) => statSync(path.join(ROOT, folder, name)).isFile())
        .map((name) => `${folder}/${name.split(path.sep).join('/')}`);

describe('the submission package of a private type', () => {
    let dir: string;
    let first: PackageResult;
    let second: PackageResult;
    let entries: Map<string, ZipEntry>;
    let inner: Map<string, ZipEntry>;

    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'connect-user-type-package-'));
        // Each writes the project tree of the name and runs its buildCommand there.
        first = await createPackage({
            typeName: TYPE_NAME,
            out: path.join(dir, 'a.zip'),
        });
        second = await createPackage({ typeName: TYPE_NAME });
        entries = await unzip(readFileSync(first.path));
        inner = await unzip(
            entries.get('ResourceProvider.zip')?.data ?? Buffer.alloc(0)
        );
    }, 120_000);

    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
        if (second?.path) {
            rmSync(second.path, { force: true });
        }
        if (first?.project) {
            rmSync(first.project, { recursive: true, force: true });
        }
    });

    it('is named after the type, packaged from its tree, and the same bytes again', () => {
        expect(second.path).toBe(path.join(ROOT, 'packagetest-connect-user.zip'));
        expect(first.project).toBe(
            path.join(ROOT, 'build', 'packagetest-connect-user')
        );
        expect(second.sha256).toBe(first.sha256);
        expect(readFileSync(second.path).equals(readFileSync(first.path))).toBe(true);
    });

    it('has the layout of the default package', () => {
        expect([...entries.keys()]).toEqual(
            [
                '.cfn_metadata.json',
                '.rpdk-config',
                'ResourceProvider.zip',
                'schema.json',
                ...cloneFiles('inputs'),
                ...cloneFiles('src'),
            ].sort()
        );
        for (const entry of [...entries.values(), ...inner.values()]) {
            expect(entry.mode).toBe(0o100644);
            expect(entry.mtime.getFullYear()).toBe(2000);
        }
    });

    it('carries the schema under that name as schema.json, and settings naming it', () => {
        expect(entries.get('schema.json')?.data.toString('utf8')).toBe(
            schemaTextUnder(TYPE_NAME)
        );
        const settings = JSON.parse(
            entries.get('.rpdk-config')?.data.toString('utf8') ?? '{}'
        ) as { typeName: string; settings: { buildCommand: string } };
        expect(settings.typeName).toBe(TYPE_NAME);
        expect(settings.settings.buildCommand).toBe(
            '../../node_modules/.bin/tsx ../../scripts/build/cli.ts --project . --function'
        );
    });

    it('carries the sources with the models generated for the name', () => {
        const models = entries.get('src/models.ts')?.data.toString('utf8') ?? '';
        expect(models).toContain(`TYPE_NAME: string = '${TYPE_NAME}'`);
        for (const name of cloneFiles('src').filter(
            (file) => file !== 'src/models.ts' && file !== 'src/properties.ts'
        )) {
            expect([
                name,
                entries.get(name)?.data.equals(readFileSync(path.join(ROOT, name))),
            ]).toEqual([name, true]);
        }
    });

    it('holds the function built for the name, which never names the public type', () => {
        expect([...inner.keys()]).toEqual(FUNCTION_FILES);
        for (const [name, entry] of inner) {
            expect([name, entry.data.includes(PUBLIC_TYPE)]).toEqual([name, false]);
        }
        expect(inner.get('dist/handlers.js')?.data.includes(TYPE_NAME)).toBe(true);
    });

    describe('its function, alone in a fresh Node process', () => {
        let emulator: Emulator;
        let recorder: AwsRecorder;
        let responses: Array<Record<string, unknown>>;
        let output: string;
        let userArn: string;

        beforeAll(async () => {
            const functionDir = path.join(dir, 'function');
            for (const [name, entry] of inner) {
                mkdirSync(path.dirname(path.join(functionDir, name)), {
                    recursive: true,
                });
                writeFileSync(path.join(functionDir, name), entry.data);
            }
            emulator = await startEmulator({ quiet: true });
            recorder = await startAwsRecorder();
            userArn = await seededUser(emulator.url, {
                Username: 'privately',
                PhoneConfig: {
                    PhoneType: 'SOFT_PHONE',
                    AfterContactWorkTimeLimit: 0,
                },
                IdentityInfo: { FirstName: 'Pri', LastName: 'Vate' },
            });
            const ownType = (
                event: Record<string, unknown>
            ): Record<string, unknown> => ({
                ...event,
                resourceType: TYPE_NAME,
            });
            const read = ownType(handlerEvent('READ', { UserArn: userArn }));
            Object.assign(read.requestData as Record<string, unknown>, {
                providerCredentials: PROVIDER,
                // the log group cfn submit registers the type with
                providerLogGroupName: 'packagetest-connect-user-logs',
            });
            const events = [
                read,
                handlerEvent('READ', { UserArn: userArn }),
                ownType(
                    handlerEvent('READ', {
                        UserArn: `${INSTANCE_ARN}/agent/00000000-0000-4000-8000-000000000000`,
                    })
                ),
                ownType(
                    handlerEvent('CREATE', {
                        ...userModel(),
                        PhoneConfig: { PhoneType: 'PAGER' },
                    })
                ),
            ];
            const script = `
                const { entrypoint } = require('./dist/handlers.js');
                (async () => {
                    const responses = [];
                    for (const event of JSON.parse(process.env.EVENTS)) {
                        responses.push(await entrypoint(event, { awsRequestId: 'type-name-test' }));
                    }
                    console.log('\\nRESPONSES ' + JSON.stringify(responses));
                })();
            `;
            output = await new Promise<string>((resolve, reject) =>
                execFile(
                    process.execPath,
                    ['-e', script],
                    {
                        cwd: functionDir,
                        // No NODE_PATH: only what is in the zip can be loaded.
                        env: {
                            PATH: process.env.PATH,
                            AWS_ENDPOINT_URL_CONNECT: emulator.url,
                            AWS_ENDPOINT_URL_CLOUDWATCH: recorder.url,
                            AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: recorder.url,
                            AWS_ENDPOINT_URL_S3: recorder.url,
                            EVENTS: JSON.stringify(events),
                        },
                        timeout: 30_000,
                    },
                    (error, out, stderr) =>
                        error
                            ? reject(new Error(`${error.message}\n${stderr}`))
                            : resolve(out + stderr)
                )
            );
            const line = output
                .split('\n')
                .find((text) => text.startsWith('RESPONSES '));
            responses = JSON.parse(
                line?.slice('RESPONSES '.length) ?? '[]'
            ) as typeof responses;
        }, 60_000);

        afterAll(async () => {
            await recorder?.close();
            await emulator?.close();
        });

        it('answers a READ for its own type with the user Connect holds', () => {
            expect(responses[0]).toMatchObject({
                status: 'SUCCESS',
                resourceModel: {
                    UserArn: userArn,
                    Username: 'privately',
                    InstanceArn: INSTANCE_ARN,
                },
            });
        });

        it('publishes its metrics under its own type, and never logs the public one', () => {
            const puts = recorder.requests.filter(
                (request) =>
                    request.service === 'cloudwatch' &&
                    request.operation === 'PutMetricData'
            );
            expect(puts.length).toBeGreaterThan(0);
            for (const put of puts) {
                const body = put.body as {
                    Namespace: string;
                    MetricData: Array<{
                        Dimensions: Array<{ Name: string; Value: string }>;
                    }>;
                };
                expect(body.Namespace).toBe(
                    'AWS/CloudFormation/Packagetest/Connect/User'
                );
                expect(body.MetricData[0].Dimensions).toContainEqual({
                    Name: 'DimensionKeyResourceType',
                    Value: TYPE_NAME,
                });
            }
            const logged = recorder.requests
                .filter(
                    (request) =>
                        request.service === 'logs' &&
                        request.operation === 'PutLogEvents'
                )
                .flatMap(
                    (request) =>
                        (request.body as { logEvents: Array<{ message: string }> })
                            .logEvents
                )
                .map((event) => event.message)
                .join('\n');
            expect(logged).toContain('[READ] handler invoked');
            expect(logged).not.toContain(PUBLIC_TYPE);
            const logLines = output
                .split('\n')
                .filter((text) => !text.startsWith('RESPONSES '));
            expect(logLines.join('\n')).toContain('packagetest-connect-user-logs');
            expect(logLines.filter((text) => text.includes(PUBLIC_TYPE))).toEqual([]);
        });

        it('refuses a request for the public type, naming both', () => {
            expect(responses[1]).toEqual({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
                message: `The request is for ${PUBLIC_TYPE}, but this function serves ${TYPE_NAME}`,
                callbackDelaySeconds: 0,
            });
        });

        it('names its type when a user is not found and when a model is invalid', () => {
            expect(responses[2]).toMatchObject({
                status: 'FAILED',
                errorCode: 'NotFound',
                message: expect.stringMatching(
                    new RegExp(`^Resource of type '${TYPE_NAME}' with identifier`)
                ),
            });
            expect(responses[3]).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
                message: `Invalid ${TYPE_NAME}: PhoneConfig.PhoneType must be one of SOFT_PHONE, DESK_PHONE`,
            });
        });
    });
});

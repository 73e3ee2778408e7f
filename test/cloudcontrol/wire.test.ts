import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
    CloudControlClient,
    GetResourceRequestStatusCommand,
    ListResourcesCommand,
} from '@aws-sdk/client-cloudcontrol';
import { clientHints, parseCloudControlArgs } from '../../cloudcontrol/cli';
import {
    createUser,
    desiredUser,
    type Harness,
    INSTANCE,
    PASSWORD,
    rejection,
    startHarness,
    TYPE_NAME,
} from './harness';

const ROOT = join(__dirname, '..', '..');
const SIGNED = {
    Authorization:
        'AWS4-HMAC-SHA256 Credential=AKIATEST/20260101/us-east-1/cloudcontrolapi/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00',
    'Content-Type': 'application/x-amz-json-1.0',
};

describe('the wire protocol', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(() => harness.close());

    const post = (
        target: string | undefined,
        body: string,
        headers = SIGNED,
        path = '/'
    ) =>
        fetch(`${harness.server.url}${path}`, {
            method: 'POST',
            headers: { ...headers, ...(target ? { 'X-Amz-Target': target } : {}) },
            body,
        });

    it('listens on 127.0.0.1 and answers an operation as AWS JSON 1.0, whatever the path', async () => {
        expect(harness.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        // As clients that sign their own requests post it.
        const response = await post(
            'CloudApiService.ListResources',
            JSON.stringify({
                TypeName: TYPE_NAME,
                ResourceModel: JSON.stringify({ InstanceArn: INSTANCE.arn }),
            }),
            SIGNED,
            '/?Action=ListResources&Version=2021-09-30'
        );
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
        expect(await response.json()).toEqual({
            TypeName: TYPE_NAME,
            ResourceDescriptions: [],
        });
    });

    it.each([
        [
            'a service error',
            'CloudApiService.GetResourceRequestStatus',
            '{"RequestToken":"missing"}',
            404,
            'com.amazon.cloudapiservice#RequestTokenNotFoundException',
            'Message',
        ],
        [
            'a broken member constraint',
            'CloudApiService.GetResource',
            '{"TypeName":"User"}',
            400,
            'com.amazon.coral.validate#ValidationException',
            'message',
        ],
        [
            'an unknown operation',
            'CloudApiService.DescribeResource',
            '{}',
            400,
            'com.amazon.coral.service#UnknownOperationException',
            'message',
        ],
        [
            'a body that is not JSON',
            'CloudApiService.GetResource',
            '{',
            400,
            'com.amazon.coral.service#SerializationException',
            'message',
        ],
    ])(
        'answers %s with the service’s __type and status',
        async (_case, target, body, code, type, key) => {
            const response = await post(target, body);
            expect(response.status).toBe(code);
            const error = (await response.json()) as Record<string, string>;
            expect(error.__type).toBe(type);
            expect(typeof error[key]).toBe('string');
            expect(response.headers.get('x-amzn-errortype')).toBe(type.split('#')[1]);
        }
    );

    it('lists every broken constraint in the framework’s words', async () => {
        const error = await rejection(
            harness.client.send(
                new ListResourcesCommand({ TypeName: 'User', MaxResults: 500 })
            )
        );
        expect(error.name).toBe('ValidationException');
        expect(error.message).toBe(
            "3 validation errors detected: Value 'User' at 'typeName' failed to satisfy constraint: " +
                'Member must have length greater than or equal to 10; ' +
                "Value 'User' at 'typeName' failed to satisfy constraint: Member must satisfy regular " +
                'expression pattern: [A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}; ' +
                "Value '500' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"
        );
    });

    it('refuses an unsigned request', async () => {
        const response = await post('CloudApiService.ListResourceRequests', '{}', {
            'Content-Type': 'application/x-amz-json-1.0',
        } as typeof SIGNED);
        expect(response.status).toBe(403);
        expect(((await response.json()) as Record<string, string>).__type).toBe(
            'com.amazon.coral.service#MissingAuthenticationTokenException'
        );
    });

    it('answers STS GetCallerIdentity, as awscc asks it before any Cloud Control call', async () => {
        const query = await post(
            undefined,
            'Action=GetCallerIdentity&Version=2011-06-15',
            {
                ...SIGNED,
                'Content-Type': 'application/x-www-form-urlencoded',
            }
        );
        expect(query.status).toBe(200);
        expect(await query.text()).toMatch(
            /<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user\/[^<]+<\/Arn><UserId>[^<]+<\/UserId><Account>123456789012<\/Account>/
        );
        const json = await post(
            'AWSSecurityTokenServiceV20110615.GetCallerIdentity',
            '{}'
        );
        expect(await json.json()).toMatchObject({ Account: '123456789012' });
    });

    it('is what the SDK reaches with AWS_ENDPOINT_URL_CLOUDCONTROL and nothing else configured', async () => {
        const saved = process.env.AWS_ENDPOINT_URL_CLOUDCONTROL;
        process.env.AWS_ENDPOINT_URL_CLOUDCONTROL = harness.server.url;
        const client = new CloudControlClient({
            region: 'us-east-1',
            credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' },
        });
        try {
            const error = await rejection(
                client.send(
                    new GetResourceRequestStatusCommand({ RequestToken: 'missing' })
                )
            );
            expect(error.name).toBe('RequestTokenNotFoundException');
        } finally {
            client.destroy();
            if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_CLOUDCONTROL;
            else process.env.AWS_ENDPOINT_URL_CLOUDCONTROL = saved;
        }
    });

    const cli = spawnSync('aws', ['--version'], { encoding: 'utf8' });
    (cli.status === 0 ? it : it.skip)(
        'serves `aws cloudcontrol` with only AWS_ENDPOINT_URL_CLOUDCONTROL set',
        async () => {
            const env = {
                ...process.env,
                AWS_ENDPOINT_URL_CLOUDCONTROL: harness.server.url,
                AWS_DEFAULT_REGION: 'us-east-1',
                AWS_REGION: 'us-east-1',
                AWS_ACCESS_KEY_ID: 'AKIATEST',
                AWS_SECRET_ACCESS_KEY: 'secret',
                AWS_PAGER: '',
            };
            const aws = (...args: string[]) =>
                new Promise<{ status: number | null; stdout: string; stderr: string }>(
                    (resolve) => {
                        const child = spawn(
                            'aws',
                            ['cloudcontrol', ...args, '--output', 'json'],
                            { env }
                        );
                        let stdout = '';
                        let stderr = '';
                        child.stdout.on('data', (chunk) => (stdout += String(chunk)));
                        child.stderr.on('data', (chunk) => (stderr += String(chunk)));
                        child.on('close', (status) =>
                            resolve({ status, stdout, stderr })
                        );
                    }
                );
            const created = await aws(
                'create-resource',
                '--type-name',
                TYPE_NAME,
                '--desired-state',
                JSON.stringify(desiredUser('cc-cli'))
            );
            expect(created.stderr).toBe('');
            const token = (
                JSON.parse(created.stdout) as {
                    ProgressEvent: { RequestToken: string };
                }
            ).ProgressEvent.RequestToken;
            const listed = await aws('list-resource-requests');
            expect(listed.stdout).toContain(token);
            const missing = await aws(
                'get-resource',
                '--type-name',
                TYPE_NAME,
                '--identifier',
                'nope'
            );
            expect(missing.status).not.toBe(0);
            expect(missing.stderr).toContain('(ResourceNotFoundException)');
            expect(`${created.stdout}${listed.stdout}`).not.toContain(PASSWORD);
        },
        30_000
    );
});

describe('the request store', () => {
    let directory: string;
    beforeAll(() => {
        directory = mkdtempSync(join(tmpdir(), 'cloudcontrol-state-'));
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('keeps the requests in --state FILE across restarts, without a password', async () => {
        const stateFile = join(directory, 'requests.json');
        const first = await startHarness({ stateFile });
        const created = await createUser(first.client, desiredUser('cc-state'));
        await first.close();
        expect(existsSync(stateFile)).toBe(true);
        expect(readFileSync(stateFile, 'utf8')).not.toContain(PASSWORD);

        const second = await startHarness({ stateFile });
        try {
            const again = await second.client.send(
                new GetResourceRequestStatusCommand({
                    RequestToken: created.RequestToken,
                })
            );
            expect(again.ProgressEvent).toMatchObject({
                OperationStatus: 'SUCCESS',
                Identifier: created.Identifier,
            });
        } finally {
            await second.close();
        }
    });

    it('keeps at most --max-requests finished requests, dropping the oldest', async () => {
        const bounded = await startHarness({ maxRequests: 2 });
        try {
            const tokens: string[] = [];
            for (const name of ['cc-b1', 'cc-b2', 'cc-b3']) {
                tokens.push(
                    String(
                        (await createUser(bounded.client, desiredUser(name)))
                            .RequestToken
                    )
                );
            }
            const oldest = await rejection(
                bounded.client.send(
                    new GetResourceRequestStatusCommand({ RequestToken: tokens[0] })
                )
            );
            expect(oldest.name).toBe('RequestTokenNotFoundException');
            const newest = await bounded.client.send(
                new GetResourceRequestStatusCommand({ RequestToken: tokens[2] })
            );
            expect(newest.ProgressEvent?.OperationStatus).toBe('SUCCESS');
        } finally {
            await bounded.close();
        }
    });
});

describe('npm run cloudcontrol', () => {
    it('parses its options and refuses a remote Connect endpoint without --real-aws', () => {
        expect(
            parseCloudControlArgs(['--port', '0', '--state', 'f.json'])
        ).toMatchObject({
            port: 0,
            stateFile: 'f.json',
            realAws: false,
            quiet: false,
        });
        expect(() => parseCloudControlArgs(['--port', 'x'])).toThrow(/--port/);
        expect(() => parseCloudControlArgs(['--account', '12'])).toThrow(/12 digits/);
        expect(() =>
            parseCloudControlArgs(['--connect-endpoint', 'http://connect.example.com'])
        ).toThrow(/--real-aws/);
        expect(parseCloudControlArgs(['-h'])).toEqual({ help: true });
    });

    it('names the setting each client honours', () => {
        const hints = clientHints('http://127.0.0.1:1').join('\n');
        for (const setting of [
            'AWS_ENDPOINT_URL_CLOUDCONTROL=',
            'AWS_ENDPOINT_URL_CLOUDCONTROLAPI=',
            'cloudcontrolapi = "http://127.0.0.1:1"',
            'sts = "http://127.0.0.1:1"',
            'StackQL',
        ]) {
            expect(hints).toContain(setting);
        }
    });

    it('prints its URL and how to point each client at it, and stops cleanly on SIGINT', async () => {
        const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
        const child = spawn(
            process.execPath,
            [tsx, 'cloudcontrol/cli.ts', '--port', '0'],
            {
                cwd: ROOT,
                env: { ...process.env, AWS_ENDPOINT_URL_CONNECT: '' },
            }
        );
        let out = '';
        const listening = new Promise<void>((resolve) => {
            child.stdout.on('data', (chunk) => {
                out += String(chunk);
                if (out.includes('(details:')) resolve();
            });
        });
        const exited = new Promise<number | null>((resolve) =>
            child.on('close', resolve)
        );
        await Promise.race([listening, exited]);
        expect(out).toMatch(
            /^Cloud Control API listening on http:\/\/127\.0\.0\.1:\d+$/m
        );
        expect(out).toMatch(
            /Amazon Connect emulator listening on http:\/\/127\.0\.0\.1:\d+/
        );
        expect(out).toContain('export AWS_ENDPOINT_URL_CLOUDCONTROL=http://127.0.0.1:');
        child.kill('SIGINT');
        expect(await exited).toBe(0);
    }, 30_000);
});

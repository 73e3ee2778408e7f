import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { handlerRequest } from '../../local/handler-request';
import { type LambdaEndpoint, startLambdaEndpoint } from '../../local/lambda-endpoint';
import { isLoopbackUrl } from '../../local/loopback';
import { formsIn } from '../fixtures/secret-forms';
import { parseStartLambdaArgs } from '../../local/start-lambda';
import {
    CREDENTIALS,
    INSTANCE,
    invokeHttp,
    STACK,
    testEvent,
} from './fixtures/endpoint';

const ROOT = join(__dirname, '..', '..');
const MISSING_USER = INSTANCE.userArn('00000000-0000-4000-8000-000000000000');

describe('the Lambda endpoint with the default handler and its own emulator', () => {
    let endpoint: LambdaEndpoint;
    const lines: string[] = [];

    beforeAll(async () => {
        endpoint = await startLambdaEndpoint({
            port: 0,
            log: (line) => lines.push(line),
        });
    });
    afterAll(() => endpoint.close());
    beforeEach(() => {
        lines.length = 0;
    });

    it('listens on 127.0.0.1 and points the handler at its emulator', () => {
        expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(endpoint.emulator).toBeDefined();
        expect(endpoint.connectEndpoint).toBe(endpoint.emulator?.url);
        expect(process.env.AWS_ENDPOINT_URL_CONNECT).toBe(endpoint.emulator?.url);
    });

    it('runs TypeFunction: a HandlerRequest into entrypoint, the response as JSON with Lambda headers', async () => {
        const event = handlerRequest(STACK, 'LIST', { InstanceArn: INSTANCE.arn });
        const { status, headers, body } = await invokeHttp(
            endpoint.url,
            'TypeFunction',
            event
        );

        expect(status).toBe(200);
        expect(headers.get('content-type')).toBe('application/json');
        expect(headers.get('x-amz-executed-version')).toBe('$LATEST');
        expect(headers.get('x-amz-function-error')).toBeNull();
        expect(body).toMatchObject({ status: 'SUCCESS', resourceModels: [] });
        expect(endpoint.emulator?.calls().map((call) => call.operation)).toContain(
            'ListUsers'
        );
        expect(lines).toEqual([
            expect.stringMatching(/^TypeFunction LIST -> SUCCESS \d+ ms$/),
        ]);
    });

    it('runs TestEntrypoint: a cfn test event into testEntrypoint', async () => {
        const { status, body } = await invokeHttp(
            endpoint.url,
            'TestEntrypoint',
            testEvent('READ', { UserArn: MISSING_USER })
        );

        expect(status).toBe(200);
        expect(body).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
        expect(lines).toEqual([
            expect.stringMatching(/^TestEntrypoint READ -> FAILED NotFound \d+ ms$/),
        ]);
    });

    it('accepts the function as an ARN with a qualifier, as SDKs may send it', async () => {
        const name = encodeURIComponent(
            'arn:aws:lambda:us-east-1:123456789012:function:TestEntrypoint:$LATEST'
        );
        const { status, body } = await invokeHttp(
            endpoint.url,
            name,
            testEvent('LIST', { InstanceArn: INSTANCE.arn })
        );
        expect(status).toBe(200);
        expect(body.status).toBe('SUCCESS');
    });

    it('answers an unknown function with 404 ResourceNotFoundException, as Lambda does', async () => {
        const { status, headers, body } = await invokeHttp(
            endpoint.url,
            'NoSuchFunction',
            {}
        );

        expect(status).toBe(404);
        expect(headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
        expect(body).toEqual({
            Type: 'User',
            message:
                'Function not found: arn:aws:lambda:us-east-1:123456789012:function:NoSuchFunction',
        });
        expect(lines).toEqual([]);
    });

    it('answers a body that is not JSON with 400 InvalidRequestContentException', async () => {
        const { status, headers, body } = await invokeHttp(
            endpoint.url,
            'TypeFunction',
            '{"action": "CREATE",'
        );

        expect(status).toBe(400);
        expect(headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
        expect(body.message).toMatch(/^Could not parse request body into json/);
    });

    it('answers other paths with 404 UnknownOperationException', async () => {
        const response = await fetch(`${endpoint.url}/2015-03-31/functions`);
        expect(response.status).toBe(404);
        expect(response.headers.get('x-amzn-errortype')).toBe(
            'UnknownOperationException'
        );
    });

    it('refuses asynchronous invocations, which it cannot run', async () => {
        const response = await fetch(
            `${endpoint.url}/2015-03-31/functions/TypeFunction/invocations`,
            {
                method: 'POST',
                headers: { 'X-Amz-Invocation-Type': 'Event' },
                body: '{}',
            }
        );
        expect(response.status).toBe(501);
        expect(response.headers.get('x-amzn-errortype')).toBe('NotImplemented');
    });

    it('never prints the event: the password stays out of the invocation line', async () => {
        const event = handlerRequest(STACK, 'CREATE', {
            InstanceArn: INSTANCE.arn,
            Username: 'log-check',
            Password: 'Never-Printed-Passw0rd',
        });
        await invokeHttp(endpoint.url, 'TypeFunction', event);
        expect(lines.join('\n')).not.toContain('Never-Printed-Passw0rd');
        expect(lines).toHaveLength(1);
    });

    it('serves the real Lambda SDK client, InvokeCommand with endpoint set', async () => {
        const lambda = new LambdaClient({
            endpoint: endpoint.url,
            region: 'us-east-1',
            credentials: CREDENTIALS,
        });
        try {
            const output = await lambda.send(
                new InvokeCommand({
                    FunctionName: 'TestEntrypoint',
                    Payload: Buffer.from(
                        JSON.stringify(testEvent('LIST', { InstanceArn: INSTANCE.arn }))
                    ),
                })
            );
            expect(output.StatusCode).toBe(200);
            expect(output.ExecutedVersion).toBe('$LATEST');
            expect(output.FunctionError).toBeUndefined();
            const body = JSON.parse(Buffer.from(output.Payload ?? []).toString('utf8'));
            expect(body).toMatchObject({ status: 'SUCCESS' });

            await expect(
                lambda.send(
                    new InvokeCommand({ FunctionName: 'Missing', Payload: '{}' })
                )
            ).rejects.toMatchObject({
                name: 'ResourceNotFoundException',
                $metadata: { httpStatusCode: 404 },
            });
        } finally {
            lambda.destroy();
        }
    });
});

describe('a handler that throws or hangs', () => {
    let endpoint: LambdaEndpoint;

    beforeAll(async () => {
        endpoint = await startLambdaEndpoint({
            port: 0,
            handler: join(__dirname, 'fixtures', 'throwing-handler.ts'),
            connectEndpoint: 'http://127.0.0.1:9',
            timeoutSeconds: 0.2,
            log: () => undefined,
        });
    });
    afterAll(() => endpoint.close());

    it('answers 200 with X-Amz-Function-Error: Unhandled and {errorType, errorMessage}', async () => {
        const event = handlerRequest(STACK, 'CREATE', { Password: 'Thrown-Passw0rd' });
        const { status, headers, body } = await invokeHttp(
            endpoint.url,
            'TypeFunction',
            event
        );

        expect(status).toBe(200);
        expect(headers.get('x-amz-function-error')).toBe('Unhandled');
        expect(body).toEqual({
            errorType: 'TypeError',
            errorMessage: 'Cannot read properties of undefined (password <REDACTED>)',
        });
    });

    it('ends an invocation that outlives the time limit, as Lambda does', async () => {
        const { status, headers, body } = await invokeHttp(
            endpoint.url,
            'TestEntrypoint',
            testEvent('READ', {})
        );
        expect(status).toBe(200);
        expect(headers.get('x-amz-function-error')).toBe('Unhandled');
        expect(body).toEqual({
            errorType: 'Sandbox.Timedout',
            errorMessage: 'Task timed out after 0.20 seconds',
        });
    });

    it('used the given loopback Connect endpoint and started no emulator', () => {
        expect(endpoint.emulator).toBeUndefined();
        expect(process.env.AWS_ENDPOINT_URL_CONNECT).toBe('http://127.0.0.1:9');
    });
});

describe('the Connect endpoint stays on this machine unless real AWS is asked for', () => {
    it.each([
        'http://127.0.0.1:4566',
        'http://localhost:4566',
        'http://[::1]:4566',
        'http://127.0.0.2:80',
    ])('%s is loopback', (url) => {
        expect(isLoopbackUrl(url)).toBe(true);
        expect(parseStartLambdaArgs(['--connect-endpoint', url])).toMatchObject({
            connectEndpoint: url,
        });
    });

    it.each([
        'https://connect.us-east-1.amazonaws.com',
        'http://10.0.0.5:4566',
        'http://127.0.0.1.example.com:4566',
    ])('%s is refused without --real-aws', (url) => {
        expect(isLoopbackUrl(url)).toBe(false);
        expect(() => parseStartLambdaArgs(['--connect-endpoint', url])).toThrow(
            /Refusing to send Amazon Connect calls .*Pass --real-aws/
        );
    });

    it('accepts a remote endpoint with --real-aws', () => {
        expect(
            parseStartLambdaArgs([
                '--connect-endpoint',
                'https://connect.us-east-1.amazonaws.com',
                '--real-aws',
            ])
        ).toMatchObject({ realAws: true });
    });

    it('startLambdaEndpoint refuses a remote endpoint before listening', async () => {
        await expect(
            startLambdaEndpoint({
                port: 0,
                connectEndpoint: 'https://connect.us-east-1.amazonaws.com',
            })
        ).rejects.toThrow(
            /Refusing to send Amazon Connect calls to 'connect.us-east-1/
        );
        expect(process.env.AWS_ENDPOINT_URL_CONNECT).toBeUndefined();
    });

    it('the CLI exits 2 with the reason', () => {
        const run = spawnSync(
            'npx',
            [
                'tsx',
                'local/start-lambda.ts',
                '--port',
                '0',
                '--connect-endpoint',
                'https://connect.eu-west-2.amazonaws.com',
            ],
            { cwd: ROOT, encoding: 'utf8', timeout: 30000 }
        );
        expect(run.status).toBe(2);
        expect(run.stderr).toContain(
            "Refusing to send Amazon Connect calls to 'connect.eu-west-2.amazonaws.com'"
        );
    }, 30000);
});

describe('function logs', () => {
    it('shows the library log lines on stderr with the credentials and password redacted', async () => {
        const written: string[] = [];
        const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
            written.push(String(chunk));
            return true;
        });
        const endpoint = await startLambdaEndpoint({
            port: 0,
            functionLogs: true,
            log: () => undefined,
        });
        try {
            await invokeHttp(
                endpoint.url,
                'TestEntrypoint',
                testEvent('READ', {
                    UserArn: MISSING_USER,
                    Password: 'Logged-Passw0rd',
                })
            );
        } finally {
            await endpoint.close();
            spy.mockRestore();
        }
        const text = written.join('');
        expect(text).toContain('EVENT DATA');
        expect(text).not.toContain(CREDENTIALS.secretAccessKey);
        expect(text).not.toContain(CREDENTIALS.accessKeyId);
        expect(text).not.toContain('Logged-Passw0rd');
    });

    it('shows no form of a password with backslashes and quotes, which inspect escapes in EVENT DATA', async () => {
        const password = `Back\\slash'quote"tick\`9A`;
        const written: string[] = [];
        const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
            written.push(String(chunk));
            return true;
        });
        const endpoint = await startLambdaEndpoint({
            port: 0,
            functionLogs: true,
            log: () => undefined,
        });
        try {
            await invokeHttp(
                endpoint.url,
                'TestEntrypoint',
                testEvent('READ', { UserArn: MISSING_USER, Password: password })
            );
        } finally {
            await endpoint.close();
            spy.mockRestore();
        }
        const text = written.join('');
        expect(text).toContain('EVENT DATA');
        for (const form of formsIn(password)) {
            expect(text).not.toContain(form);
        }
    });
});

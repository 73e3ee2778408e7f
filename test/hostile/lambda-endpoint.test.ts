/**
 * The Lambda endpoint under hostile requests, over real sockets: each is a 4xx
 * with a message, no answer or log line quotes a password, and the endpoint
 * (and the emulator it runs in the same process) still serves afterwards.
 */
import { handlerRequest } from '../../local/handler-request';
import { type LambdaEndpoint, startLambdaEndpoint } from '../../local/lambda-endpoint';
import { INSTANCE, STACK } from '../local/fixtures/endpoint';
import {
    nestedArrays,
    nestedObjects,
    type RawAnswer,
    type RawRequest,
    SECRET,
    sendLargeBody,
    sendRaw,
} from './wire';

const INVOKE = '/2015-03-31/functions/TypeFunction/invocations';
const JSON_TYPE = { 'content-type': 'application/json' };

interface Case {
    name: string;
    request: RawRequest;
    status: number;
    says: RegExp;
}

const post = (target: string, body?: string): RawRequest => ({
    method: 'POST',
    target,
    headers: JSON_TYPE,
    body,
});

const CASES: Case[] = [
    ...['http://[', '//[', 'http://a:99999/', `http://a:99999${INVOKE}`].map(
        (target) => ({
            name: `POST ${target}`,
            request: post(target, '{}'),
            status: 400,
            says: /not a URL/,
        })
    ),
    ...['%E0%A4%A', '%', '%C0%AF', '%ED%A0%80'].map((name) => ({
        name: `a function named ${name}`,
        request: post(`/2015-03-31/functions/${name}/invocations`, '{}'),
        status: 400,
        says: /%-encoding/,
    })),
    ...['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'].map(
        (name) => ({
            name: `a function named ${name}`,
            request: post(`/2015-03-31/functions/${name}/invocations`, '{}'),
            status: 404,
            says: /Function not found/,
        })
    ),
    {
        name: 'an event with an unquoted password',
        request: post(INVOKE, `{"action":"CREATE","Password":${SECRET}}`),
        status: 400,
        says: /not valid JSON at line 1, column 31 \(unexpected character\)/,
    },
    {
        name: 'an event whose string never ends',
        request: post(
            INVOKE,
            `{"requestData":{"resourceProperties":{"Password":"${SECRET}`
        ),
        status: 400,
        says: /unterminated string/,
    },
    {
        name: 'an event nested 10,000 deep',
        request: post(INVOKE, `{"requestData":${nestedArrays(10_000)}}`),
        status: 400,
        says: /nested deeper than \d+ levels/,
    },
    {
        name: 'an event of objects nested 5,000 deep',
        request: post(INVOKE, nestedObjects(5_000)),
        status: 400,
        says: /nested deeper than \d+ levels/,
    },
    {
        name: 'a foreign Host (DNS rebinding)',
        request: {
            ...post(INVOKE, '{}'),
            headers: { ...JSON_TYPE, host: 'evil.example' },
        },
        status: 403,
        says: /Host must be/,
    },
    {
        name: 'no Host at all',
        request: { ...post(INVOKE, '{}'), noHost: true },
        status: 403,
        says: /Host must be/,
    },
    {
        name: 'an Origin of another site',
        request: {
            ...post(INVOKE, '{}'),
            headers: { ...JSON_TYPE, origin: 'https://evil.example' },
        },
        status: 403,
        says: /another origin/,
    },
    {
        name: 'an operation other than Invoke',
        request: { target: '/2015-03-31/functions/' },
        status: 404,
        says: /only Invoke/,
    },
];

describe('the Lambda endpoint under hostile requests', () => {
    let endpoint: LambdaEndpoint;
    const answers: RawAnswer[] = [];
    const lines: string[] = [];

    beforeAll(async () => {
        endpoint = await startLambdaEndpoint({
            port: 0,
            log: (line) => lines.push(line),
        });
    });
    afterAll(() => endpoint.close());

    const stillServes = async () => {
        const event = handlerRequest(STACK, 'LIST', { InstanceArn: INSTANCE.arn });
        const answer = await sendRaw(
            endpoint.port,
            post(INVOKE, JSON.stringify(event))
        );
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toMatchObject({ status: 'SUCCESS' });
    };

    it.each(CASES)(
        '$name: $status with a message, and the endpoint serves on',
        async ({ request, status, says }) => {
            const answer = await sendRaw(endpoint.port, request);
            answers.push(answer);
            expect(answer.status).toBe(status);
            expect((JSON.parse(answer.body) as { message: string }).message).toMatch(
                says
            );
            await stillServes();
        }
    );

    it.each([{ chunked: false }, { chunked: true }])(
        'a payload of 100 MB (chunked: $chunked) is a 413',
        async ({ chunked }) => {
            const status = await sendLargeBody(endpoint.port, {
                method: 'POST',
                path: INVOKE,
                bytes: 100 * 1024 * 1024,
                chunked,
            });
            expect(status).toBe(413);
            await stillServes();
        }
    );

    it.each(['http://[', '//[', 'http://a:99999/', '/users/%E0%A4%A/u'])(
        'a request for %s to its emulator leaves the endpoint serving',
        async (target) => {
            const emulatorPort = Number(new URL(String(endpoint.emulator?.url)).port);
            const answer = await sendRaw(emulatorPort, { target });
            expect(answer.status).toBe(400);
            await stillServes();
        }
    );

    it('quotes no password in any answer or log line', () => {
        expect(answers.length).toBe(CASES.length);
        for (const answer of answers) expect(answer.body).not.toContain(SECRET);
        for (const line of lines) {
            expect(line).not.toContain(SECRET);
            expect(line).not.toContain('\n');
            expect(line).not.toContain('\u001b');
        }
    });
});

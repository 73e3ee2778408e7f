/**
 * The local Cloud Control API under hostile requests, over real sockets: each
 * is a 4xx with a message, no answer or log line quotes a password, and the
 * server (and the emulator it runs in the same process) still serves afterwards.
 */
import { SEED_INSTANCES } from '../../emulator/seed';
import { type Harness, startHarness } from '../cloudcontrol/harness';
import {
    nestedArrays,
    nestedObjects,
    type RawAnswer,
    type RawRequest,
    SECRET,
    sendLargeBody,
    sendRaw,
    SIGNED,
} from './wire';

const TYPE_NAME = 'AWS::Connect::User';
const INSTANCE = SEED_INSTANCES.managed;
const USER_ARN = `${INSTANCE.arn}/agent/00000000-0000-4000-8000-000000000000`;

interface Case {
    name: string;
    request: RawRequest;
    status: number;
    says: RegExp;
}

const call = (operation: string, body: string, target = '/'): RawRequest => ({
    method: 'POST',
    target,
    headers: {
        ...SIGNED,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `CloudApiService.${operation}`,
    },
    body,
});

const create = (desiredState: string) =>
    call(
        'CreateResource',
        JSON.stringify({ TypeName: TYPE_NAME, DesiredState: desiredState })
    );
const update = (patchDocument: string) =>
    call(
        'UpdateResource',
        JSON.stringify({
            TypeName: TYPE_NAME,
            Identifier: USER_ARN,
            PatchDocument: patchDocument,
        })
    );

const CASES: Case[] = [
    ...['http://[', '//[', 'http://a:99999/'].map((target) => ({
        name: `a request target ${target}`,
        request: call('ListResourceRequests', '{}', target),
        status: 400,
        says: /not a URL/,
    })),
    ...['constructor', '__proto__', 'toString', 'hasOwnProperty'].map((name) => ({
        name: `the operation ${name}`,
        request: call(name, '{}'),
        status: 400,
        says: new RegExp(`CloudApiService\\.${name}`),
    })),
    {
        name: 'a body with an unquoted password',
        request: call(
            'CreateResource',
            `{"TypeName":"${TYPE_NAME}","Password":${SECRET}}`
        ),
        status: 400,
        says: /not valid JSON at line 1, column 45 \(unexpected character\)/,
    },
    {
        name: 'a body nested 10,000 deep',
        request: call('ListResourceRequests', `{"a":${nestedArrays(10_000)}}`),
        status: 400,
        says: /nested deeper than \d+ levels/,
    },
    {
        name: 'a DesiredState with an unquoted password',
        request: create(`{"InstanceArn":"${INSTANCE.arn}","Password":${SECRET}}`),
        status: 400,
        says: /Model validation failed \(#: not valid JSON at line 1, column \d+ \(unexpected character\)\)/,
    },
    {
        name: 'a DesiredState over two lines whose password string never ends',
        request: create(`{"InstanceArn":"${INSTANCE.arn}",\n"Password":"${SECRET}`),
        status: 400,
        says: /line 2, column \d+ \(unterminated string\)/,
    },
    {
        name: 'a DesiredState nested 5,000 deep',
        request: create(`{"Tags":${nestedObjects(5_000)}}`),
        status: 400,
        says: /nested deeper than \d+ levels/,
    },
    {
        name: 'a DesiredState nested just under the bound',
        request: create(`{"InstanceArn":"${INSTANCE.arn}","Tags":${nestedArrays(60)}}`),
        status: 400,
        says: /Model validation failed/,
    },
    {
        name: 'a PatchDocument with an unquoted password',
        request: update(`[{"op":"add","path":"/Password","value":${SECRET}}]`),
        status: 400,
        says: /patchDocument.*not valid JSON at line 1, column 41/,
    },
    {
        name: 'a patch value nested 5,000 deep',
        request: update(`[{"op":"add","path":"/Tags","value":${nestedArrays(5_000)}}]`),
        status: 400,
        says: /nested deeper than \d+ levels/,
    },
    {
        name: 'a ListResources model nested 5,000 deep',
        request: call(
            'ListResources',
            JSON.stringify({ TypeName: TYPE_NAME, ResourceModel: nestedObjects(5_000) })
        ),
        status: 400,
        says: /ResourceModel/,
    },
    {
        name: 'a foreign Host (DNS rebinding)',
        request: {
            ...call('ListResourceRequests', '{}'),
            headers: {
                ...call('ListResourceRequests', '{}').headers,
                host: 'evil.example',
            },
        },
        status: 403,
        says: /Host must be/,
    },
    {
        name: 'an Origin of another site',
        request: {
            ...call('ListResourceRequests', '{}'),
            headers: {
                ...call('ListResourceRequests', '{}').headers,
                origin: 'https://evil.example',
            },
        },
        status: 403,
        says: /another origin/,
    },
];

describe('the local Cloud Control API under hostile requests', () => {
    let harness: Harness;
    const answers: RawAnswer[] = [];

    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(() => harness.close());

    const stillServes = async () => {
        const answer = await sendRaw(
            harness.server.port,
            call('ListResourceRequests', '{}')
        );
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toHaveProperty(
            'ResourceRequestStatusSummaries'
        );
    };

    it.each(CASES)(
        '$name: $status with a message, and the server serves on',
        async ({ request, status, says }) => {
            const answer = await sendRaw(harness.server.port, request);
            answers.push(answer);
            expect(answer.status).toBe(status);
            const body = JSON.parse(answer.body) as Record<string, string>;
            expect(body.Message ?? body.message).toMatch(says);
            await stillServes();
        }
    );

    it.each([{ chunked: false }, { chunked: true }])(
        'a body of 100 MB (chunked: $chunked) is refused unread',
        async ({ chunked }) => {
            const status = await sendLargeBody(harness.server.port, {
                method: 'POST',
                path: '/',
                bytes: 100 * 1024 * 1024,
                chunked,
                headers: {
                    ...SIGNED,
                    'x-amz-target': 'CloudApiService.CreateResource',
                    'content-type': 'application/x-amz-json-1.0',
                },
            });
            expect(status).toBe(400);
            await stillServes();
        }
    );

    it.each(['http://[', '//[', 'http://a:99999/', '/users/%E0%A4%A/u'])(
        'a request for %s to its emulator leaves the server serving',
        async (target) => {
            const answer = await sendRaw(harness.emulator.port, { target });
            expect(answer.status).toBe(400);
            await stillServes();
        }
    );

    it('quotes no password in any answer or log line', () => {
        expect(answers.length).toBe(CASES.length);
        for (const answer of answers) expect(answer.body).not.toContain(SECRET);
        for (const text of harness.texts) {
            expect(text).not.toContain(SECRET);
            expect(text).not.toContain('\u001b');
        }
    });
});

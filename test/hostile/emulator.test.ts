/**
 * The Connect emulator under hostile requests, over real sockets: each is
 * answered with a 4xx that says what is wrong, no answer or log line quotes the
 * password a request carried, and the emulator answers a normal call after it.
 */
import { parseArguments } from '../../emulator/cli';
import { SEED_INSTANCES } from '../../emulator/seed';
import { type Emulator, MAX_BODY_BYTES, startEmulator } from '../../emulator/server';
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

const INSTANCE = SEED_INSTANCES.managed.id;
const JSON_TYPE = { 'content-type': 'application/json' };

interface Case {
    name: string;
    request: RawRequest;
    status: number;
    /** What the message must say. */
    says: RegExp;
}

const signed = (request: RawRequest): RawRequest => ({
    ...request,
    headers: { ...SIGNED, ...JSON_TYPE, ...request.headers },
});

const TARGETS: Case[] = [
    ['http://[', 400, /not a URL/],
    ['//[', 400, /not a URL/],
    ['http://a:99999/', 400, /not a URL/],
    ['http://a:99999/users/x', 400, /not a URL/],
    [`/users/${INSTANCE}/%E0%A4%A`, 400, /%-encoding/],
    [`/users/%E0%A4%A/u`, 400, /%-encoding/],
    ['/instance/%', 400, /%-encoding/],
    ['/instance/%zz', 400, /%-encoding/],
    ['/users-summary/%C0%AF', 400, /%-encoding/],
    ['/instance/%ED%A0%80', 400, /%-encoding/],
    ['*', 404, /No Amazon Connect operation/],
    ['/../../etc/passwd', 404, /No Amazon Connect operation/],
    [`/users/${INSTANCE}/${'a'.repeat(8000)}`, 400, /UserId must be at most/],
].map(([target, status, says]) => ({
    name: `GET ${target as string}`.slice(0, 60),
    request: signed({ target: target as string }),
    status: status as number,
    says: says as RegExp,
}));

const BODIES: Case[] = [
    {
        name: 'an unquoted password in a CreateUser body',
        request: { body: `{"Username":"hostile","Password":${SECRET}}` },
        status: 400,
        says: /not valid JSON at line 1, column 34 \(unexpected character\)/,
    },
    {
        name: 'a password after a missing comma, on line 3',
        request: { body: `{\n "Username": "h"\n "Password": "${SECRET}"}` },
        status: 400,
        says: /line 3, column 2/,
    },
    {
        name: 'a password in a string that never ends',
        request: { body: `{"Username":"h","Password":"${SECRET}` },
        status: 400,
        says: /unterminated string/,
    },
    {
        name: 'arrays nested 10,000 deep',
        request: { body: `{"Tags":${nestedArrays(10_000)}}` },
        status: 400,
        says: /nested deeper than \d+ levels/,
    },
    {
        name: 'objects nested 5,000 deep',
        request: { body: `{"IdentityInfo":${nestedObjects(5_000)}}` },
        status: 400,
        says: /nested deeper than \d+ levels/,
    },
    {
        name: 'a body that is an array',
        request: { body: '[]' },
        status: 400,
        says: /not a JSON object/,
    },
    {
        name: 'bytes that are not UTF-8',
        request: { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
        status: 400,
        says: /not valid JSON/,
    },
    {
        name: 'a __proto__ member',
        request: {
            body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
        },
        status: 400,
        says: /Username/,
    },
].map((row) => ({
    ...row,
    request: signed({ method: 'PUT', target: `/users/${INSTANCE}`, ...row.request }),
}));

const NAMES: Case[] = [
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
].flatMap((name) => [
    {
        name: `DescribeUser of a user named ${name}`,
        request: signed({ target: `/users/${INSTANCE}/${name}` }),
        status: 404,
        says: /not found|does not exist/i,
    },
    {
        name: `ListUsers of an instance named ${name}`,
        request: signed({ target: `/users-summary/${name}` }),
        status: 404,
        says: /not found|does not exist/i,
    },
    {
        name: `the admin route ${name}`,
        request: { target: `/_emulator/${name}` },
        status: 404,
        says: /No admin route/,
    },
]);

const ADMIN: Case[] = [
    {
        name: 'a reset posted as text/plain (a cross-site form)',
        request: {
            method: 'POST',
            target: '/_emulator/reset',
            headers: { 'content-type': 'text/plain' },
        },
        status: 415,
        says: /application\/json/,
    },
    {
        name: 'a fault posted without a content type',
        request: {
            method: 'POST',
            target: '/_emulator/faults',
            body: '{"operation":"*","count":1000,"kind":"error500"}',
        },
        status: 415,
        says: /application\/json/,
    },
    {
        name: 'a behaviour change with an unquoted secret',
        request: {
            method: 'PATCH',
            target: '/_emulator/behaviour',
            headers: JSON_TYPE,
            body: `{"describeBoth":${SECRET}}`,
        },
        status: 400,
        says: /not valid JSON at line 1, column 17/,
    },
    {
        name: 'a fault of a latency no client waits for',
        request: {
            method: 'POST',
            target: '/_emulator/faults',
            headers: JSON_TYPE,
            body: '{"operation":"*","count":1,"kind":"latency","latencyMs":1e12}',
        },
        status: 400,
        says: /latencyMs \(0 to \d+\)/,
    },
];

const ORIGINS: Case[] = [
    {
        name: 'a foreign Host (DNS rebinding)',
        request: signed({ target: '/instance', headers: { host: 'evil.example:80' } }),
        status: 403,
        says: /Host must be 127\.0\.0\.1:\d+/,
    },
    {
        name: 'a foreign Host on an admin reset',
        request: {
            method: 'POST',
            target: '/_emulator/reset',
            headers: { ...JSON_TYPE, host: 'rebound.example' },
        },
        status: 403,
        says: /Host must be/,
    },
    {
        name: 'no Host at all',
        request: signed({ target: '/instance', noHost: true }),
        status: 403,
        says: /Host must be/,
    },
    {
        name: 'an Origin of another site',
        request: {
            method: 'POST',
            target: '/_emulator/reset',
            headers: { ...JSON_TYPE, origin: 'https://evil.example' },
        },
        status: 403,
        says: /another origin/,
    },
];

describe('the Connect emulator under hostile requests', () => {
    let emulator: Emulator;
    const answers: RawAnswer[] = [];
    const logged: string[] = [];
    let write: jest.SpyInstance;

    beforeAll(async () => {
        write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
            logged.push(String(chunk));
            return true;
        });
        emulator = await startEmulator({ maxCalls: 50 });
    });
    afterAll(async () => {
        await emulator.close();
        write.mockRestore();
    });

    /** A normal call, answered as always. */
    const stillServes = async () => {
        const answer = await sendRaw(emulator.port, signed({ target: '/instance' }));
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toHaveProperty('InstanceSummaryList');
    };

    it.each([...TARGETS, ...BODIES, ...NAMES, ...ADMIN, ...ORIGINS])(
        '$name: $status with a message, and the emulator serves on',
        async ({ request, status, says }) => {
            const answer = await sendRaw(emulator.port, request);
            answers.push(answer);
            expect(answer.status).toBe(status);
            const body = JSON.parse(answer.body) as Record<string, string>;
            expect(body.Message ?? body.message).toMatch(says);
            await stillServes();
        }
    );

    it.each([
        { chunked: false, bytes: 100 * 1024 * 1024 },
        { chunked: true, bytes: 100 * 1024 * 1024 },
        { chunked: false, bytes: MAX_BODY_BYTES + 1 },
    ])(
        'a CreateUser body of $bytes bytes (chunked: $chunked) is a 413, and nothing of it is kept',
        async ({ chunked, bytes }) => {
            const status = await sendLargeBody(emulator.port, {
                method: 'PUT',
                path: `/users/${INSTANCE}`,
                bytes,
                chunked,
                headers: SIGNED,
            });
            expect(status).toBe(413);
            await stillServes();
        }
    );

    it('keeps only the latest maxCalls call records, and no password in them', async () => {
        const body = JSON.stringify({ Username: 'x', Password: SECRET });
        for (let index = 0; index < 60; index += 1) {
            await sendRaw(
                emulator.port,
                signed({ method: 'PUT', target: `/users/${INSTANCE}`, body })
            );
        }
        const calls = emulator.calls();
        expect(calls).toHaveLength(50);
        expect(calls[49].seq - calls[0].seq).toBe(49);
        expect(JSON.stringify(calls)).not.toContain(SECRET);
    });

    it('takes the size of the call log from --max-calls', () => {
        expect(parseArguments(['--max-calls', '5']).maxCalls).toBe(5);
        expect(() => parseArguments(['--max-calls', '-1'])).toThrow(/--max-calls/);
    });

    it('writes a user ID with a newline and ANSI escapes into one escaped log line', async () => {
        logged.length = 0;
        const forged = encodeURIComponent('x\nCreateUser -> 200\u001b[2K\u001b[1A');
        await sendRaw(
            emulator.port,
            signed({ target: `/users/${INSTANCE}/${forged}` })
        );
        const text = logged.join('');
        expect(text.split('\n').filter(Boolean)).toHaveLength(1);
        expect(text).not.toContain('\u001b');
        expect(text).toContain('\\x0a');
    });

    it('quotes no password in any answer or log line, and nothing reached Object.prototype', () => {
        expect(answers.length).toBeGreaterThan(30);
        for (const answer of answers) expect(answer.body).not.toContain(SECRET);
        for (const line of logged) expect(line).not.toContain(SECRET);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
});

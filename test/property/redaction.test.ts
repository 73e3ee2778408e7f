import fc from 'fast-check';
import type { ResourceProperties } from '../../src/properties';
import { formsIn } from '../fixtures/secret-forms';
import { testEvent } from '../fixtures/events';
import { capturingLogs, invokeTest, type Response } from '../fixtures/invoke';
import { managed } from './arbitraries';
import {
    comparable,
    drive as driveOperation,
    type Emulator,
    last,
    startPropertyEmulator,
} from './harness';

/**
 * For generated passwords over the schema's whole Password alphabet (any
 * character but whitespace: quotes, backslashes, control characters, any
 * script, emoji) and generated secret keys and session tokens: no answer and
 * no log line of a CREATE, READ, UPDATE and DELETE through the entrypoints,
 * nor of the test entrypoint that logs its event, holds any of them in any
 * form (as it is, JSON-escaped, inspect-escaped), and no answer differs from
 * the one the same request gets with other secrets.
 */

const SEED = 2323;
const RUNS = 25;

let emulator: Emulator;

beforeAll(async () => {
    emulator = await startPropertyEmulator();
});

afterAll(async () => {
    await emulator.close();
});

/** Characters that some escaping changes, most likely to slip through. */
const AWKWARD = Array.from('\\"\'`<>%$&{}[]:/=+\u0001\u001f\u007f\u0085\u00a7\u200b');

/** One character of the Password alphabet: `\S` of the schema's pattern. */
const passwordCharacter = fc
    .oneof(
        fc.constantFrom(...AWKWARD),
        fc.string({ minLength: 1, maxLength: 1 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
    )
    .filter((text) => /^\S+$/u.test(text) && Array.from(text).length === 1);

/**
 * A password the schema takes: 8 to 64 characters with a lowercase letter, an
 * uppercase letter and a digit, here placed anywhere among the others. At
 * most 64 UTF-16 units too, as Connect counts.
 */
const passwordArb = fc
    .tuple(fc.array(passwordCharacter, { minLength: 5, maxLength: 40 }), fc.nat())
    .map(([characters, at]) => {
        const position = at % (characters.length + 1);
        return [
            ...characters.slice(0, position),
            'a',
            'A',
            '1',
            ...characters.slice(position),
        ].join('');
    })
    .filter((password) => password.length <= 64);

/** Secret keys and tokens travel in HTTP headers: printable ASCII, quotes and backslashes among it. */
const credentialSecretArb = fc.string({
    unit: fc.constantFrom(
        ...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i))
    ),
    minLength: 8,
    maxLength: 60,
});

interface Secrets {
    password: string;
    newPassword: string;
    secretAccessKey: string;
    sessionToken: string;
}

const secretsArb: fc.Arbitrary<Secrets> = fc
    .record({
        password: passwordArb,
        newPassword: passwordArb,
        secretAccessKey: credentialSecretArb,
        sessionToken: credentialSecretArb,
    })
    .filter(({ password, newPassword }) => password !== newPassword);

const OTHER_SECRETS: Secrets = {
    password: 'Other-Passw0rd',
    newPassword: 'Other-Passw0rd-2',
    secretAccessKey: 'other-secret-access-key',
    sessionToken: 'other-session-token',
};

function credentialsOf(secrets: Secrets) {
    return {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: secrets.secretAccessKey,
        sessionToken: secrets.sessionToken,
    };
}

/** An operation driven to its end with these secrets as the caller's credentials. */
const drive = (
    action: 'CREATE' | 'READ' | 'UPDATE' | 'DELETE',
    model: ResourceProperties,
    secrets: Secrets,
    previous?: ResourceProperties
) => driveOperation(action, model, { previous, credentials: credentialsOf(secrets) });

let users = 0;

function modelWith(password: string): ResourceProperties {
    users += 1;
    return {
        InstanceArn: managed.arn,
        Username: `redaction${users}`,
        Password: password,
        RoutingProfileArn: managed.routingProfileArns[0],
        SecurityProfileArns: [managed.securityProfileArns[0]],
        IdentityInfo: { FirstName: 'Jane', LastName: 'Doe' },
    };
}

/** The whole life of a user, every answer kept: what each secret must be absent from. */
async function lifeOf(secrets: Secrets): Promise<Response[]> {
    const model = modelWith(secrets.password);
    const created = await drive('CREATE', model, secrets);
    const userArn = String(last(created).resourceModel?.UserArn);
    const withArn = { ...model, UserArn: userArn };
    const read = await drive('READ', withArn, secrets);
    const tested = await invokeTest({
        ...testEvent('READ', withArn),
        credentials: credentialsOf(secrets),
    });
    const updated = await drive(
        'UPDATE',
        {
            ...withArn,
            Password: secrets.newPassword,
            IdentityInfo: { FirstName: 'Janet', LastName: 'Doe' },
        },
        secrets,
        withArn
    );
    const deleted = await drive('DELETE', { UserArn: userArn }, secrets);
    return [...created, ...read, tested, ...updated, ...deleted];
}

it('leaves no secret in any form in an answer or a log line', async () => {
    await fc.assert(
        fc.asyncProperty(secretsArb, async (secrets) => {
            const { result: answers, logs } = await capturingLogs(() =>
                lifeOf(secrets)
            );

            expect(answers.map((answer) => answer.status)).not.toContain('FAILED');
            expect(logs).toContain('EVENT DATA');
            const text = JSON.stringify(answers);
            for (const secret of Object.values(secrets)) {
                for (const form of formsIn(secret)) {
                    expect(logs).not.toContain(form);
                    expect(text).not.toContain(form);
                }
            }
        }),
        { seed: SEED, numRuns: RUNS }
    );
}, 300_000);

it('changes no answer: the same requests with other secrets get the same answers', async () => {
    await fc.assert(
        fc.asyncProperty(secretsArb, async (secrets) => {
            const model = modelWith(secrets.password);
            const created = last(await drive('CREATE', model, secrets));
            const { Password: _password, ...expected } = model;

            expect(comparable(created.resourceModel)).toEqual(
                comparable({ ...expected, UserArn: created.resourceModel?.UserArn })
            );

            const asked = { ...model, UserArn: String(created.resourceModel?.UserArn) };
            const read = last(await drive('READ', asked, secrets));
            const readWithOthers = last(
                await drive(
                    'READ',
                    { ...asked, Password: OTHER_SECRETS.password },
                    OTHER_SECRETS
                )
            );

            expect(read).toEqual(readWithOthers);
            await drive('DELETE', { UserArn: asked.UserArn }, secrets);
        }),
        { seed: SEED, numRuns: RUNS }
    );
}, 300_000);

import { format, inspect } from 'node:util';
import { logSecretsOf, secretsOf } from '../../src/event';
import {
    formsOf,
    redactAnswer,
    redactText,
    REDACTED,
    SecretsInFlight,
} from '../../src/secrets';
import { CREDENTIALS, handlerEvent, testEvent, userModel } from '../fixtures/events';
import { ACCOUNT, USER_ARN } from '../fixtures/ids';

/** Secrets with every character that an escaping changes, and plain ones. */
const AWKWARD = [
    'Sup3rSecretPassw0rd',
    'Back\\slash9A',
    'Quote\'Double"Tick`1a',
    "All'three\"quotes`and\\backslash\\'1A",
    'Ctrl\u0001\u007f\u0085Aa1',
    'Unicode\u00e9\u4e2d\u{1f511}Aa1',
    '\\\\\\"\'"Aa1',
];

/** The ways a log line can hold a string: every one must lose the secret. */
const LINES: Array<[string, (secret: string) => string]> = [
    ['as it is', (secret) => `Password ${secret} does not meet requirements`],
    ['in JSON', (secret) => JSON.stringify({ Password: secret })],
    ['in JSON inside JSON', (secret) => JSON.stringify(JSON.stringify({ secret }))],
    ['printed by inspect', (secret) => format('EVENT DATA\n', { Password: secret })],
    [
        'inside a longer string printed by inspect',
        (secret) => inspect(`x'"\`${secret}`),
    ],
    ['JSON printed by inspect', (secret) => inspect(JSON.stringify({ secret }))],
    [
        'deep in an event printed as the library prints it',
        (secret) =>
            format(
                'EVENT DATA\n',
                testEvent('CREATE', userModel({ Password: secret }))
            ),
    ],
];

describe('redactText', () => {
    describe.each(AWKWARD)('%j', (secret) => {
        it.each(LINES)(
            'leaves no form of it in a line that holds it %s',
            (_how, line) => {
                const redacted = redactText(line(secret), formsOf(secret));

                for (const form of formsOf(secret)) {
                    expect(redacted).not.toContain(form);
                }
                expect(redacted).toContain(REDACTED);
            }
        );
    });

    it('leaves a line without the secret as it is', () => {
        const line = format('EVENT DATA\n', { UserArn: USER_ARN });

        expect(redactText(line, formsOf('Sup3rSecretPassw0rd'))).toBe(line);
    });
});

describe('redactAnswer', () => {
    const answer = {
        status: 'SUCCESS',
        message: 'Created the user test with status ready',
        resourceModel: { ...userModel({ Username: 'testuser2' }), UserArn: USER_ARN },
        callbackContext: { step: 'status' },
    };

    it.each(['e', 'test', 'status', 'Username', ACCOUNT, '"', '\\', ':'])(
        'leaves an answer as it is whatever the short secret %j, but for the model’s Password',
        (secret) => {
            const { Password: _password, ...model } = answer.resourceModel;

            expect(redactAnswer(answer, [secret])).toEqual({
                ...answer,
                resourceModel: model,
            });
        }
    );

    it('takes Password out of every model of a list', () => {
        const models = [userModel(), userModel({ Username: 'other' })];

        const redacted = redactAnswer(
            { status: 'SUCCESS', resourceModels: models },
            []
        );

        expect(redacted.resourceModels).toEqual(
            models.map(({ Password: _password, ...model }) => model)
        );
    });

    it.each(AWKWARD)('removes %j from a message that quotes it', (secret) => {
        const message = `InvalidParameterException: Password ${JSON.stringify(secret)} (${secret}) is weak`;

        const redacted = redactAnswer({ status: 'FAILED', message }, [secret]);

        for (const form of formsOf(secret)) {
            expect(redacted.message).not.toContain(form);
        }
    });
});

describe('secretsOf', () => {
    it('takes the passwords and the secret keys and tokens, never an access key ID or account ID', () => {
        const event = handlerEvent('UPDATE', userModel({ Password: 'NewPassw0rd' }), {
            previous: userModel({ Password: 'OldPassw0rd' }),
        });
        const requestData = event.requestData as Record<string, unknown>;
        requestData.callerCredentials = { ...CREDENTIALS, accountId: ACCOUNT };
        requestData.providerCredentials = {
            accessKeyId: 'AKIAPROVIDEREXAMPLE',
            secretAccessKey: 'provider-secret-key',
            sessionToken: 'provider-session-token',
        };

        expect(secretsOf(event).sort()).toEqual(
            [
                'NewPassw0rd',
                'OldPassw0rd',
                CREDENTIALS.secretAccessKey,
                CREDENTIALS.sessionToken,
                'provider-secret-key',
                'provider-session-token',
            ].sort()
        );
    });

    it('reads the test event’s credentials and models', () => {
        const event = testEvent('CREATE', userModel({ Password: 'TestPassw0rd' }));

        expect(secretsOf(event).sort()).toEqual(
            [
                'TestPassw0rd',
                CREDENTIALS.secretAccessKey,
                CREDENTIALS.sessionToken,
            ].sort()
        );
    });
});

describe('logSecretsOf', () => {
    it('keeps the bearer token out of log lines too, and never an access key ID or account ID', () => {
        const event = handlerEvent('READ', userModel({ Password: 'ReadPassw0rd' }), {
            clientRequestToken: '0f3e9c1a-bearer-token',
            credentials: { ...CREDENTIALS, accountId: ACCOUNT },
        });

        expect(logSecretsOf(event).sort()).toEqual(
            [
                'ReadPassw0rd',
                CREDENTIALS.secretAccessKey,
                CREDENTIALS.sessionToken,
                '0f3e9c1a-bearer-token',
            ].sort()
        );
    });
});

describe('SecretsInFlight', () => {
    it('redacts the secrets held until each holder has released them', () => {
        const inFlight = new SecretsInFlight();
        inFlight.hold(['Held-Passw0rd']);
        inFlight.hold(['Held-Passw0rd']);
        inFlight.release(['Held-Passw0rd']);

        expect(inFlight.redact('Held-Passw0rd')).toBe(REDACTED);

        inFlight.release(['Held-Passw0rd']);

        expect(inFlight.redact('Held-Passw0rd')).toBe('Held-Passw0rd');
    });
});

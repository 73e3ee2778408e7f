import { SEED_INSTANCES } from '../../emulator/seed';
import type { ResourceProperties } from '../../src/properties';
import { formsIn } from '../fixtures/secret-forms';
import { useEmulator } from '../fixtures/emulator';
import { handlerEvent, testEvent } from '../fixtures/events';
import { capturingLogs, invoke, invokeTest } from '../fixtures/invoke';
import { comparable, drive as driveOperation, last } from '../property/harness';

/**
 * Through the wire-format entrypoints against the emulator: secrets leave
 * neither an answer nor a log line in any form, and redaction never changes
 * anything else in an answer, whatever the secrets are.
 */

const { managed } = SEED_INSTANCES;

useEmulator();

type Credentials = Record<string, string>;

/** The README's dummy credentials, with the account ID the SDK's default chain now carries. */
const DUMMY: Credentials = {
    accessKeyId: 'test',
    secretAccessKey: 'test',
    sessionToken: 'test',
    accountId: managed.arn.split(':')[4],
};

function managedUser(overrides: ResourceProperties = {}): ResourceProperties {
    return {
        InstanceArn: managed.arn,
        Username: 'testuser2',
        Password: 'Sup3rSecretPassw0rd',
        RoutingProfileArn: managed.routingProfileArns[0],
        SecurityProfileArns: [managed.securityProfileArns[0]],
        IdentityInfo: { FirstName: 'Esther', LastName: 'Test' },
        Tags: [{ Key: 'status', Value: 'test' }],
        ...overrides,
    };
}

/** Drives an operation to its end as CloudFormation does, with the credentials given. */

/** An operation driven to its end with these caller credentials. */
const drive = (
    action: 'CREATE' | 'READ' | 'UPDATE' | 'DELETE',
    model: ResourceProperties,
    credentials: Credentials,
    previous?: ResourceProperties
) => driveOperation(action, model, { previous, credentials });

describe('short dummy credentials and words that stand in the answer', () => {
    it('CREATE and READ answer the user as it is: no key, ARN or name is touched', async () => {
        const model = managedUser();
        const created = last(await drive('CREATE', model, DUMMY));
        const { Password: _password, ...expected } = model;

        expect(created.status).toBe('SUCCESS');
        const userArn = String(created.resourceModel?.UserArn);
        expect(userArn.startsWith(`${managed.arn}/agent/`)).toBe(true);
        expect(comparable(created.resourceModel)).toEqual(
            comparable({ ...expected, UserArn: userArn })
        );

        const read = last(await drive('READ', { UserArn: userArn }, DUMMY));

        expect(read.status).toBe('SUCCESS');
        expect(comparable(read.resourceModel)).toEqual(
            comparable(created.resourceModel)
        );
    });

    it.each(['e', 'test', 'status', 'Username', '"', '\\', ':'])(
        'a READ carrying the password %j answers exactly as one without it',
        async (password) => {
            const created = last(await drive('CREATE', managedUser(), DUMMY));
            const userArn = String(created.resourceModel?.UserArn);

            const withPassword = last(
                await drive('READ', { UserArn: userArn, Password: password }, DUMMY)
            );
            const without = last(await drive('READ', { UserArn: userArn }, DUMMY));

            expect(withPassword).toEqual(without);
            expect(withPassword.status).toBe('SUCCESS');
        }
    );

    it('an invalid model with a one-letter password is answered as with any other', async () => {
        const answers = await Promise.all(
            ['e', 'x'].map((password) =>
                invoke(
                    handlerEvent('CREATE', managedUser({ Password: password }), {
                        credentials: DUMMY,
                    })
                )
            )
        );

        expect(answers[0]).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
        });
        expect(answers[0]).toEqual(answers[1]);
    });
});

describe('a password with backslashes and quotes', () => {
    const PASSWORD = `Back\\slash'quote"tick\`9A`;

    it('is in no form in the test entrypoint’s log, which prints the event with inspect', async () => {
        const { result, logs } = await capturingLogs(() =>
            invokeTest(testEvent('CREATE', managedUser({ Password: PASSWORD })))
        );

        expect(logs).toContain('EVENT DATA');
        expect(result.status).not.toBe('FAILED');
        for (const form of formsIn(PASSWORD)) {
            expect(logs).not.toContain(form);
            expect(JSON.stringify(result)).not.toContain(form);
        }
    });

    it('is in no form in the answers or log of a whole CREATE and UPDATE', async () => {
        const model = managedUser({ Password: PASSWORD });
        const { result, logs } = await capturingLogs(async () => {
            const created = await drive('CREATE', model, DUMMY);
            const userArn = String(last(created).resourceModel?.UserArn);
            const updated = await drive(
                'UPDATE',
                { ...model, UserArn: userArn, Password: `${PASSWORD}2` },
                DUMMY,
                { ...model, UserArn: userArn }
            );
            return [...created, ...updated];
        });

        expect(last(result).status).toBe('SUCCESS');
        for (const form of [...formsIn(PASSWORD), ...formsIn(`${PASSWORD}2`)]) {
            expect(logs).not.toContain(form);
            expect(JSON.stringify(result)).not.toContain(form);
        }
    });
});

import { SEED_INSTANCES } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { ResourceProperties } from '../../src/properties';
import { handlerEvent } from '../fixtures/events';
import { invoke } from '../fixtures/invoke';

/**
 * Input Connect would refuse, or that would take the handler down, is an
 * InvalidRequest naming the problem, answered before anything is sent to
 * Connect: through the wire-format entrypoint against the emulator.
 */

const { managed } = SEED_INSTANCES;

let emulator: Emulator;

beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    process.env.AWS_ENDPOINT_URL_CONNECT = emulator.url;
});

afterEach(() => {
    emulator.reset();
    emulator.resetCalls();
});

afterAll(async () => {
    await emulator.close();
});

function managedUser(overrides: Record<string, unknown> = {}): ResourceProperties {
    return {
        InstanceArn: managed.arn,
        Username: 'jdoe',
        Password: 'Sup3rSecretPassw0rd',
        RoutingProfileArn: managed.routingProfileArns[0],
        SecurityProfileArns: [managed.securityProfileArns[0]],
        IdentityInfo: { FirstName: 'Jane', LastName: 'Doe' },
        ...overrides,
    } as ResourceProperties;
}

describe('a SecondaryEmail with text after the address', () => {
    it.each(['CREATE', 'UPDATE'] as const)(
        '%s is InvalidRequest naming the field, with nothing sent to Connect',
        async (action) => {
            const model = managedUser({
                IdentityInfo: {
                    FirstName: 'Jane',
                    LastName: 'Doe',
                    SecondaryEmail: 'jane@example.com, not monitored!',
                },
            });
            const response = await invoke(
                handlerEvent(action, model, {
                    previous: action === 'UPDATE' ? managedUser() : undefined,
                })
            );

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(response.message).toContain(
                'IdentityInfo.SecondaryEmail must match pattern'
            );
            expect(emulator.calls()).toEqual([]);
        }
    );

    it('is taken without the text, as Connect takes it', async () => {
        const model = managedUser({
            IdentityInfo: {
                FirstName: 'Jane',
                LastName: 'Doe',
                SecondaryEmail: 'jane@example.com',
            },
        });
        const response = await invoke(handlerEvent('CREATE', model));

        expect(response.status).not.toBe('FAILED');
        expect(emulator.calls().map((call) => call.operation)).toContain('CreateUser');
    });
});

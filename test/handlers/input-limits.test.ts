import { SEED_INSTANCES } from '../../emulator/seed';
import type { ResourceProperties } from '../../src/properties';
import { useEmulator } from '../fixtures/emulator';
import { handlerEvent } from '../fixtures/events';
import { invoke } from '../fixtures/invoke';

/**
 * Input Connect would refuse, or that would take the handler down, is an
 * InvalidRequest naming the problem, answered before anything is sent to
 * Connect: through the wire-format entrypoint against the emulator().
 */

const { managed } = SEED_INSTANCES;

const emulator = useEmulator();

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
            expect(emulator().calls()).toEqual([]);
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
        expect(
            emulator()
                .calls()
                .map((call) => call.operation)
        ).toContain('CreateUser');
    });
});

/** A value nested `depth` objects deep. */
function nested(depth: number): Record<string, unknown> {
    let value: Record<string, unknown> = { end: true };
    for (let level = 1; level < depth; level += 1) {
        value = { a: value };
    }
    return value;
}

describe('a model nested 10,000 deep', () => {
    it.each([
        ['CREATE', () => managedUser({ IdentityInfo: nested(10_000) })],
        ['UPDATE', () => managedUser({ Extra: nested(10_000) })],
        ['READ', () => ({ UserArn: `${managed.arn}/agent/u`, Extra: nested(10_000) })],
        [
            'DELETE',
            () => ({ UserArn: `${managed.arn}/agent/u`, Extra: nested(10_000) }),
        ],
        ['LIST', () => ({ InstanceArn: managed.arn, Extra: nested(10_000) })],
    ] as const)(
        '%s is InvalidRequest naming the property, not a RangeError',
        async (action, model) => {
            const response = await invoke(
                handlerEvent(action, model(), {
                    previous: action === 'UPDATE' ? managedUser() : undefined,
                })
            );

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(response.message).toMatch(
                /(IdentityInfo|Extra) nests values more than \d+ levels deep/
            );
            expect(emulator().calls()).toEqual([]);
        }
    );

    it.each([
        ['at the top of the event', (event: Record<string, unknown>) => event],
        [
            'in requestData',
            (event: Record<string, unknown>) =>
                event.requestData as Record<string, unknown>,
        ],
    ])(
        'anywhere else %s is InvalidRequest, not a RangeError',
        async (_where, holder) => {
            const event = handlerEvent('READ', { UserArn: `${managed.arn}/agent/u` });
            holder(event).extra = nested(10_000);

            const response = await invoke(event);

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(response.message).toMatch(
                /nests values more than \d+ levels deep under/
            );
            expect(emulator().calls()).toEqual([]);
        }
    );

    it('takes the deepest property the schema has', async () => {
        const model = managedUser({
            AfterContactWorkConfigs: [
                {
                    Channel: 'VOICE',
                    AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 },
                },
            ],
        });
        const response = await invoke(handlerEvent('CREATE', model));

        expect(response.status).not.toBe('FAILED');
    });
});

/** Proficiencies of distinct values: none repeats until the last, which repeats the first. */
function proficiencies(count: number) {
    const items = Array.from({ length: count }, (_, index) => ({
        AttributeName: 'Skill',
        AttributeValue: `value-${index}`,
        Level: 3,
    }));
    items[count - 1] = { ...items[0] };
    return items;
}

describe('very long lists', () => {
    // Measured on a shared two-core machine: about 1.5 s for 90,000 items, where
    // the quadratic duplicate check took 33 s; the bound leaves room for a busy one.
    const BOUND_MS = 10_000;

    it('answers 90,000 UserProficiencies whose last repeats the first in time that grows with the list, naming the repeat', async () => {
        const started = Date.now();
        const response = await invoke(
            handlerEvent(
                'CREATE',
                managedUser({ UserProficiencies: proficiencies(90_000) })
            )
        );
        const elapsed = Date.now() - started;

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
        });
        expect(response.message).toContain(
            'UserProficiencies has more than one entry for Skill=value-0'
        );
        expect(emulator().calls()).toEqual([]);
        expect(elapsed).toBeLessThan(BOUND_MS);
    }, 60_000);

    it.each([
        ['Tags', 50, (index: number) => ({ Key: `key-${index}`, Value: 'v' })],
        [
            'AutoAcceptConfigs',
            4,
            (index: number) => ({ Channel: 'CHAT', AutoAccept: index % 2 === 0 }),
        ],
    ] as const)(
        'refuses 20,000 %s, past their bound of %i, naming the list, without comparing every pair',
        async (list, bound, item) => {
            const started = Date.now();
            const response = await invoke(
                handlerEvent(
                    'CREATE',
                    managedUser({
                        [list]: Array.from({ length: 20_000 }, (_, index) =>
                            item(index)
                        ),
                    })
                )
            );
            const elapsed = Date.now() - started;

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(response.message).toContain(
                `${list} must NOT have more than ${bound} items`
            );
            expect(emulator().calls()).toEqual([]);
            expect(elapsed).toBeLessThan(BOUND_MS);
        },
        120_000
    );
});

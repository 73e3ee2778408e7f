import {
    ConnectClient,
    CreateUserCommand,
    DescribeUserCommand,
    UpdateUserConfigCommand,
} from '@aws-sdk/client-connect';
import { SEED_INSTANCES } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';
import { copyModes, withAfterContactWorkMode } from '../../src/acw-mode';

/**
 * AfterContactWorkMode through the real SDK, which does not model it, against
 * the emulator, which does: sent on CreateUser and UpdateUserConfig, read back
 * from DescribeUser; and left out without the middlewares, which is why they
 * exist.
 */

const { managed } = SEED_INSTANCES;
let emulator: Emulator;

beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
});

afterAll(async () => {
    await emulator.close();
});

const client = (patched: boolean) => {
    const made = new ConnectClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
    });
    return patched ? withAfterContactWorkMode(made) : made;
};

const createInput = (username: string) => ({
    InstanceId: managed.id,
    Username: username,
    Password: 'Passw0rdExample',
    RoutingProfileId: managed.routingProfileIds[0],
    SecurityProfileIds: [managed.securityProfileIds[0]],
    IdentityInfo: { FirstName: 'A', LastName: 'B', Email: 'a@example.com' },
    AfterContactWorkConfigs: [
        {
            Channel: 'VOICE',
            AfterContactWorkConfig: {
                AfterContactWorkTimeLimit: 30,
                AfterContactWorkMode: 'ON_DEMAND',
            },
            AgentFirstCallbackAfterContactWorkConfig: { AfterContactWorkMode: 'OFF' },
        },
        { Channel: 'CHAT', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 5 } },
    ],
});

const modesIn = (user: unknown) =>
    (
        (user as { AfterContactWorkConfigs?: Array<Record<string, unknown>> })
            .AfterContactWorkConfigs ?? []
    ).map((entry) => [
        entry.Channel,
        (entry.AfterContactWorkConfig as Record<string, unknown> | undefined)
            ?.AfterContactWorkMode,
        (
            entry.AgentFirstCallbackAfterContactWorkConfig as
                Record<string, unknown> | undefined
        )?.AfterContactWorkMode,
    ]);

it('is dropped by the SDK on its own, on the way out', async () => {
    const plain = client(false);
    await plain.send(new CreateUserCommand(createInput('plainmode') as never));

    const sent = emulator.calls().find((call) => call.operation === 'CreateUser');
    expect(JSON.stringify(sent?.params)).not.toContain('AfterContactWorkMode');
});

it('round-trips CreateUser, DescribeUser and UpdateUserConfig with the middlewares', async () => {
    const patched = client(true);
    const { UserId } = await patched.send(
        new CreateUserCommand(createInput('withmode') as never)
    );
    const described = await patched.send(
        new DescribeUserCommand({ InstanceId: managed.id, UserId })
    );
    expect(modesIn(described.User)).toEqual([
        ['VOICE', 'ON_DEMAND', 'OFF'],
        ['CHAT', undefined, undefined],
    ]);

    await patched.send(
        new UpdateUserConfigCommand({
            InstanceId: managed.id,
            UserId,
            AfterContactWorkConfigs: [
                {
                    Channel: 'CHAT',
                    AfterContactWorkConfig: { AfterContactWorkMode: 'ON' },
                },
            ],
        } as never)
    );
    const after = await patched.send(
        new DescribeUserCommand({ InstanceId: managed.id, UserId })
    );
    expect(modesIn(after.User)).toContainEqual(['CHAT', 'ON', undefined]);
    // Without the middlewares the same answer carries no mode.
    const plain = await client(false).send(
        new DescribeUserCommand({ InstanceId: managed.id, UserId })
    );
    expect(modesIn(plain.User)).toEqual([
        ['VOICE', undefined, undefined],
        ['CHAT', undefined, undefined],
    ]);
});

describe('copyModes', () => {
    it.each<[string, unknown, unknown, unknown]>([
        [
            'copies a mode the target lacks, by channel',
            {
                AfterContactWorkConfigs: [
                    {
                        Channel: 'CHAT',
                        AfterContactWorkConfig: { AfterContactWorkMode: 'ON' },
                    },
                ],
            },
            {
                AfterContactWorkConfigs: [
                    { Channel: 'VOICE', AfterContactWorkConfig: {} },
                    { Channel: 'CHAT', AfterContactWorkConfig: {} },
                ],
            },
            {
                AfterContactWorkConfigs: [
                    { Channel: 'VOICE', AfterContactWorkConfig: {} },
                    {
                        Channel: 'CHAT',
                        AfterContactWorkConfig: { AfterContactWorkMode: 'ON' },
                    },
                ],
            },
        ],
        [
            'steps aside where the target has one (an SDK that models it)',
            {
                AfterContactWorkConfigs: [
                    {
                        Channel: 'CHAT',
                        AfterContactWorkConfig: { AfterContactWorkMode: 'ON' },
                    },
                ],
            },
            {
                AfterContactWorkConfigs: [
                    {
                        Channel: 'CHAT',
                        AfterContactWorkConfig: { AfterContactWorkMode: 'OFF' },
                    },
                ],
            },
            {
                AfterContactWorkConfigs: [
                    {
                        Channel: 'CHAT',
                        AfterContactWorkConfig: { AfterContactWorkMode: 'OFF' },
                    },
                ],
            },
        ],
        ['ignores shapes without lists', { AfterContactWorkConfigs: 'x' }, {}, {}],
    ])('%s', (_case, from, to, expected) => {
        copyModes(from, to);
        expect(to).toEqual(expected);
    });
});

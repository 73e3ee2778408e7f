import {
    CreateUserCommand,
    DescribeUserCommand,
    InvalidParameterException,
    UpdateUserConfigCommand,
    UpdateUserPhoneConfigCommand,
    type CreateUserCommandInput,
    type UpdateUserConfigCommandInput,
} from '@aws-sdk/client-connect';
import { managed, useHarness, validCreateUser } from './helpers';

const harness = useHarness();

const create = (overrides: Partial<CreateUserCommandInput>) =>
    harness.client.send(new CreateUserCommand(validCreateUser(managed, overrides)));
const describeUser = async (UserId: string) =>
    (
        await harness.client.send(
            new DescribeUserCommand({ InstanceId: managed.id, UserId })
        )
    ).User!;

describe('PhoneConfig and the per-channel lists on CreateUser', () => {
    it.each([
        [
            'PhoneConfig.AutoAccept',
            'AutoAcceptConfigs',
            {
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: true },
                AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
            },
        ],
        [
            'PhoneConfig.AfterContactWorkTimeLimit',
            'AfterContactWorkConfigs',
            {
                PhoneConfig: { AfterContactWorkTimeLimit: 30 },
                AfterContactWorkConfigs: [
                    {
                        Channel: 'VOICE',
                        AfterContactWorkConfig: { AfterContactWorkTimeLimit: 10 },
                    },
                ],
            },
        ],
        [
            'PhoneConfig.PhoneType',
            'PhoneNumberConfigs',
            {
                PhoneConfig: { PhoneType: 'SOFT_PHONE' },
                PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }],
            },
        ],
        [
            'PhoneConfig.PersistentConnection',
            'PersistentConnectionConfigs',
            {
                PhoneConfig: { PersistentConnection: true },
                PersistentConnectionConfigs: [
                    { Channel: 'VOICE', PersistentConnection: true },
                ],
            },
        ],
    ] as const)(
        'refuses %s together with %s, naming both',
        async (phoneField, list, overrides) => {
            const error = await create(
                overrides as unknown as Partial<CreateUserCommandInput>
            ).catch((e: Error) => e);
            expect(error).toBeInstanceOf(InvalidParameterException);
            expect((error as Error).message).toContain(phoneField);
            expect((error as Error).message).toContain(list);
        }
    );

    it('accepts and returns the per-channel lists exactly as given', async () => {
        const lists = {
            AutoAcceptConfigs: [
                {
                    Channel: 'VOICE',
                    AutoAccept: true,
                    AgentFirstCallbackAutoAccept: false,
                },
                { Channel: 'CHAT', AutoAccept: false },
            ],
            AfterContactWorkConfigs: [
                {
                    Channel: 'TASK',
                    AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0 },
                },
            ],
            PhoneNumberConfigs: [
                {
                    Channel: 'VOICE',
                    PhoneType: 'DESK_PHONE',
                    PhoneNumber: '+15555550100',
                },
            ],
            PersistentConnectionConfigs: [
                { Channel: 'VOICE', PersistentConnection: false },
            ],
            VoiceEnhancementConfigs: [
                { Channel: 'VOICE', VoiceEnhancementMode: 'VOICE_ISOLATION' },
            ],
        } as const;
        const created = await create(
            lists as unknown as Partial<CreateUserCommandInput>
        );
        const user = await describeUser(created.UserId!);
        expect(user).toMatchObject(lists);
        expect(user).not.toHaveProperty('PhoneConfig');
    });

    it.each([
        [
            'PhoneNumberConfigs on CHAT',
            { PhoneNumberConfigs: [{ Channel: 'CHAT', PhoneType: 'SOFT_PHONE' }] },
        ],
        [
            'PersistentConnectionConfigs on TASK',
            {
                PersistentConnectionConfigs: [
                    { Channel: 'TASK', PersistentConnection: true },
                ],
            },
        ],
        [
            'VoiceEnhancementConfigs on EMAIL',
            {
                VoiceEnhancementConfigs: [
                    { Channel: 'EMAIL', VoiceEnhancementMode: 'NONE' },
                ],
            },
        ],
        [
            'AgentFirstCallbackAutoAccept on CHAT',
            {
                AutoAcceptConfigs: [
                    {
                        Channel: 'CHAT',
                        AutoAccept: true,
                        AgentFirstCallbackAutoAccept: true,
                    },
                ],
            },
        ],
        [
            'the same channel twice in one list',
            {
                AutoAcceptConfigs: [
                    { Channel: 'CHAT', AutoAccept: true },
                    { Channel: 'CHAT', AutoAccept: false },
                ],
            },
        ],
        [
            'a DESK_PHONE without a number in PhoneNumberConfigs',
            { PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'DESK_PHONE' }] },
        ],
        [
            'a DESK_PHONE without a number in PhoneConfig',
            { PhoneConfig: { PhoneType: 'DESK_PHONE' } },
        ],
        [
            'an after-contact-work limit above 2,000,000',
            {
                PhoneConfig: {
                    PhoneType: 'SOFT_PHONE',
                    AfterContactWorkTimeLimit: 2_000_001,
                },
            },
        ],
    ])('refuses %s', async (_case, overrides) => {
        await expect(
            create(overrides as unknown as Partial<CreateUserCommandInput>)
        ).rejects.toBeInstanceOf(InvalidParameterException);
    });
});

describe('UpdateUserPhoneConfig and UpdateUserConfig', () => {
    it('UpdateUserPhoneConfig replaces PhoneConfig, with or without a PhoneType', async () => {
        const created = await create({
            PhoneConfig: {
                PhoneType: 'SOFT_PHONE',
                AutoAccept: true,
                AfterContactWorkTimeLimit: 5,
            },
        });
        const send = (PhoneConfig: Record<string, unknown>) =>
            harness.client.send(
                new UpdateUserPhoneConfigCommand({
                    InstanceId: managed.id,
                    UserId: created.UserId,
                    PhoneConfig: PhoneConfig as never,
                })
            );
        await expect(send(undefined as never)).rejects.toBeInstanceOf(
            InvalidParameterException
        );
        await send({ AutoAccept: false });
        expect((await describeUser(created.UserId!)).PhoneConfig).toEqual({
            AutoAccept: false,
        });
        await send({ PhoneType: 'DESK_PHONE', DeskPhoneNumber: '+15555550199' });
        expect((await describeUser(created.UserId!)).PhoneConfig).toEqual({
            PhoneType: 'DESK_PHONE',
            DeskPhoneNumber: '+15555550199',
        });
    });

    it('UpdateUserConfig merges per channel and keeps channels it does not name', async () => {
        const created = await create({
            AutoAcceptConfigs: [
                { Channel: 'VOICE', AutoAccept: true },
                { Channel: 'CHAT', AutoAccept: true },
            ],
        });
        const update: UpdateUserConfigCommandInput = {
            InstanceId: managed.id,
            UserId: created.UserId,
            AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: false }],
            VoiceEnhancementConfigs: [
                { Channel: 'VOICE', VoiceEnhancementMode: 'NONE' },
            ],
        };
        await harness.client.send(new UpdateUserConfigCommand(update));
        const user = await describeUser(created.UserId!);
        expect(user.AutoAcceptConfigs).toEqual(
            expect.arrayContaining([
                { Channel: 'VOICE', AutoAccept: true },
                { Channel: 'CHAT', AutoAccept: false },
            ])
        );
        expect(user.AutoAcceptConfigs).toHaveLength(2);
        expect(user.VoiceEnhancementConfigs).toEqual([
            { Channel: 'VOICE', VoiceEnhancementMode: 'NONE' },
        ]);
    });

    it('a per-channel list set by UpdateUserConfig clears the PhoneConfig field it supersedes', async () => {
        const created = await create({
            PhoneConfig: {
                PhoneType: 'SOFT_PHONE',
                AutoAccept: true,
                AfterContactWorkTimeLimit: 5,
            },
        });
        await harness.client.send(
            new UpdateUserConfigCommand({
                InstanceId: managed.id,
                UserId: created.UserId,
                AutoAcceptConfigs: [{ Channel: 'VOICE', AutoAccept: false }],
            })
        );
        const user = await describeUser(created.UserId!);
        expect(user.PhoneConfig).toEqual({
            PhoneType: 'SOFT_PHONE',
            AfterContactWorkTimeLimit: 5,
        });
        expect(user.AutoAcceptConfigs).toEqual([
            { Channel: 'VOICE', AutoAccept: false },
        ]);
    });

    it('UpdateUserPhoneConfig keeps the per-channel entries of other channels and lists', async () => {
        const created = await create({
            AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
            VoiceEnhancementConfigs: [
                { Channel: 'VOICE', VoiceEnhancementMode: 'NONE' },
            ],
        });
        await harness.client.send(
            new UpdateUserPhoneConfigCommand({
                InstanceId: managed.id,
                UserId: created.UserId,
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: false },
            })
        );
        const user = await describeUser(created.UserId!);
        expect(user.PhoneConfig).toEqual({
            PhoneType: 'SOFT_PHONE',
            AutoAccept: false,
        });
        expect(user.AutoAcceptConfigs).toEqual([{ Channel: 'CHAT', AutoAccept: true }]);
        expect(user.VoiceEnhancementConfigs).toEqual([
            { Channel: 'VOICE', VoiceEnhancementMode: 'NONE' },
        ]);
    });

    it('a per-channel entry for another channel leaves PhoneConfig as it reads', async () => {
        const created = await create({
            PhoneConfig: {
                PhoneType: 'SOFT_PHONE',
                AutoAccept: true,
                AfterContactWorkTimeLimit: 5,
            },
        });
        await harness.client.send(
            new UpdateUserConfigCommand({
                InstanceId: managed.id,
                UserId: created.UserId,
                AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: false }],
                AfterContactWorkConfigs: [
                    {
                        Channel: 'TASK',
                        AfterContactWorkConfig: { AfterContactWorkTimeLimit: 60 },
                    },
                ],
            })
        );
        const user = await describeUser(created.UserId!);
        expect(user.PhoneConfig).toEqual({
            PhoneType: 'SOFT_PHONE',
            AutoAccept: true,
            AfterContactWorkTimeLimit: 5,
        });
        expect(user.AutoAcceptConfigs).toEqual([
            { Channel: 'CHAT', AutoAccept: false },
        ]);
        expect(user.AfterContactWorkConfigs).toEqual([
            {
                Channel: 'TASK',
                AfterContactWorkConfig: { AfterContactWorkTimeLimit: 60 },
            },
        ]);
    });

    it('UpdateUserConfig without any list is refused', async () => {
        const created = await create({});
        await expect(
            harness.client.send(
                new UpdateUserConfigCommand({
                    InstanceId: managed.id,
                    UserId: created.UserId,
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
    });
});

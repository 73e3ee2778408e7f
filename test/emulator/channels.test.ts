import {
    CreateUserCommand,
    DescribeUserCommand,
    UpdateUserConfigCommand,
    UpdateUserPhoneConfigCommand,
    type AfterContactWorkConfigPerChannel,
    type Channel,
    type CreateUserCommandInput,
    type UpdateUserConfigCommandInput,
    type UserPhoneConfig,
} from '@aws-sdk/client-connect';
import { SEED } from '../../emulator/seed';
import { EmulatorAdmin } from '../../emulator/admin';
import {
    managed,
    startHarness,
    stopHarness,
    useHarness,
    validCreateUser,
} from './helpers';

/**
 * PhoneConfig and the per-channel lists are two views of one per-channel truth:
 * UpdateUserPhoneConfig "will always set the same ACW timeouts to all channels the
 * user handles", and PhoneConfig reads as the VOICE channel.
 */
const harness = useHarness();

const create = async (overrides: Partial<CreateUserCommandInput>) =>
    (
        await harness.client.send(
            new CreateUserCommand(validCreateUser(managed, overrides))
        )
    ).UserId!;
const describeUser = async (UserId: string) =>
    (
        await harness.client.send(
            new DescribeUserCommand({ InstanceId: managed.id, UserId })
        )
    ).User!;
const updatePhoneConfig = (UserId: string, PhoneConfig: UserPhoneConfig) =>
    harness.client.send(
        new UpdateUserPhoneConfigCommand({
            InstanceId: managed.id,
            UserId,
            PhoneConfig,
        })
    );
const updateConfig = (
    UserId: string,
    lists: Omit<UpdateUserConfigCommandInput, 'InstanceId' | 'UserId'>
) =>
    harness.client.send(
        new UpdateUserConfigCommand({ InstanceId: managed.id, UserId, ...lists })
    );
const acw = (
    Channel: Channel,
    AfterContactWorkTimeLimit: number
): AfterContactWorkConfigPerChannel => ({
    Channel,
    AfterContactWorkConfig: { AfterContactWorkTimeLimit },
});
const everyChannel = (seconds: number) =>
    (['VOICE', 'CHAT', 'TASK', 'EMAIL'] as const).map((channel) =>
        acw(channel, seconds)
    );

describe('by default DescribeUser shows each setting in the form it was written', () => {
    it('a PhoneConfig stays a PhoneConfig, and per-channel lists stay lists', async () => {
        const fromPhoneConfig = await create({
            PhoneConfig: {
                PhoneType: 'DESK_PHONE',
                DeskPhoneNumber: '+15555550100',
                AutoAccept: true,
                AfterContactWorkTimeLimit: 30,
                PersistentConnection: false,
            },
        });
        expect(await describeUser(fromPhoneConfig)).toMatchObject({
            PhoneConfig: {
                PhoneType: 'DESK_PHONE',
                DeskPhoneNumber: '+15555550100',
                AutoAccept: true,
                AfterContactWorkTimeLimit: 30,
                PersistentConnection: false,
            },
        });
        const user = await describeUser(fromPhoneConfig);
        for (const list of [
            'AutoAcceptConfigs',
            'AfterContactWorkConfigs',
            'PhoneNumberConfigs',
            'PersistentConnectionConfigs',
        ]) {
            expect(user).not.toHaveProperty(list);
        }
    });

    it('UpdateUserPhoneConfig sets the ACW timeout of every channel, replacing per-channel ones', async () => {
        const id = await create({ AfterContactWorkConfigs: [acw('CHAT', 45)] });
        await updatePhoneConfig(id, {
            PhoneType: 'SOFT_PHONE',
            AfterContactWorkTimeLimit: 10,
        });
        const user = await describeUser(id);
        expect(user.PhoneConfig).toEqual({
            PhoneType: 'SOFT_PHONE',
            AfterContactWorkTimeLimit: 10,
        });
        expect(user).not.toHaveProperty('AfterContactWorkConfigs');
        harness.emulator.setDescribeBoth(true);
        const both = (await describeUser(id)).AfterContactWorkConfigs;
        expect(both).toHaveLength(4);
        expect(both).toEqual(expect.arrayContaining(everyChannel(10)));
    });

    it('a field UpdateUserPhoneConfig leaves out clears what a PhoneConfig set, not what was set per channel', async () => {
        const id = await create({
            PhoneConfig: { AutoAccept: true, PersistentConnection: true },
            PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }],
        });
        await updatePhoneConfig(id, { AfterContactWorkTimeLimit: 0 });
        const user = await describeUser(id);
        expect(user.PhoneConfig).toEqual({ AfterContactWorkTimeLimit: 0 });
        expect(user.PhoneNumberConfigs).toEqual([
            { Channel: 'VOICE', PhoneType: 'SOFT_PHONE' },
        ]);
        expect(user).not.toHaveProperty('AutoAcceptConfigs');
        expect(user).not.toHaveProperty('PersistentConnectionConfigs');
    });

    it('a VOICE entry written per channel supersedes the PhoneConfig field it stands for', async () => {
        const id = await create({
            PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 5 },
        });
        await updateConfig(id, {
            AfterContactWorkConfigs: [acw('VOICE', 20)],
            PhoneNumberConfigs: [
                {
                    Channel: 'VOICE',
                    PhoneType: 'DESK_PHONE',
                    PhoneNumber: '+15555550101',
                },
            ],
        });
        const user = await describeUser(id);
        expect(user).not.toHaveProperty('PhoneConfig');
        expect(user.AfterContactWorkConfigs).toEqual([acw('VOICE', 20)]);
        // The other channels still have the timeout the PhoneConfig gave them.
        harness.emulator.setDescribeBoth(true);
        const both = await describeUser(id);
        expect(both.AfterContactWorkConfigs).toEqual([
            acw('VOICE', 20),
            ...everyChannel(5).slice(1),
        ]);
        expect(both.PhoneConfig).toEqual({
            PhoneType: 'DESK_PHONE',
            AfterContactWorkTimeLimit: 20,
            DeskPhoneNumber: '+15555550101',
        });
    });

    it('the state carries the default view next to the truth it comes from', async () => {
        const id = await create({
            PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: true },
            AfterContactWorkConfigs: [acw('CHAT', 9)],
        });
        const stored = harness.emulator
            .snapshot()
            .instances[0].users.find((user) => user.id === id)!;
        const described = await describeUser(id);
        expect(stored.phoneConfig).toEqual(described.PhoneConfig);
        expect(stored.AfterContactWorkConfigs).toEqual(
            described.AfterContactWorkConfigs
        );
        expect(stored.channelSettings.AutoAcceptConfigs).toEqual([
            { Channel: 'VOICE', AutoAccept: true, writtenAs: 'PhoneConfig' },
        ]);
    });
});

describe('with describeBoth, DescribeUser shows PhoneConfig and every list, derived from one truth', () => {
    beforeEach(() => harness.emulator.setDescribeBoth(true));

    it('a PhoneConfig reads as the VOICE entries, and ACW as an entry on every channel', async () => {
        const id = await create({
            PhoneConfig: {
                PhoneType: 'DESK_PHONE',
                DeskPhoneNumber: '+15555550100',
                AutoAccept: true,
                AfterContactWorkTimeLimit: 30,
                PersistentConnection: false,
            },
        });
        const user = await describeUser(id);
        expect(user.PhoneConfig).toEqual({
            PhoneType: 'DESK_PHONE',
            AutoAccept: true,
            AfterContactWorkTimeLimit: 30,
            DeskPhoneNumber: '+15555550100',
            PersistentConnection: false,
        });
        expect(user.AutoAcceptConfigs).toEqual([
            { Channel: 'VOICE', AutoAccept: true },
        ]);
        expect(user.AfterContactWorkConfigs).toEqual(everyChannel(30));
        expect(user.PhoneNumberConfigs).toEqual([
            { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: '+15555550100' },
        ]);
        expect(user.PersistentConnectionConfigs).toEqual([
            { Channel: 'VOICE', PersistentConnection: false },
        ]);
    });

    it('per-channel lists read back as a PhoneConfig of their VOICE entries', async () => {
        const id = await create({
            AutoAcceptConfigs: [
                { Channel: 'CHAT', AutoAccept: true },
                { Channel: 'VOICE', AutoAccept: false },
            ],
            VoiceEnhancementConfigs: [
                { Channel: 'VOICE', VoiceEnhancementMode: 'NOISE_SUPPRESSION' },
            ],
        });
        const user = await describeUser(id);
        expect(user.PhoneConfig).toEqual({ AutoAccept: false });
        expect(user.AutoAcceptConfigs).toEqual([
            { Channel: 'CHAT', AutoAccept: true },
            { Channel: 'VOICE', AutoAccept: false },
        ]);
        expect(user.VoiceEnhancementConfigs).toEqual([
            { Channel: 'VOICE', VoiceEnhancementMode: 'NOISE_SUPPRESSION' },
        ]);
    });

    it('is an option at start, at runtime and through the admin endpoint', async () => {
        const started = await startHarness({ describeBoth: true });
        try {
            expect(started.emulator.behaviour().describeBoth).toBe(true);
        } finally {
            await stopHarness(started);
        }
        const admin = new EmulatorAdmin(harness.emulator.url);
        expect(await admin.setBehaviour({ describeBoth: false })).toMatchObject({
            describeBoth: false,
        });
        const id = await create({ PhoneConfig: { PhoneType: 'SOFT_PHONE' } });
        expect(await describeUser(id)).not.toHaveProperty('PhoneNumberConfigs');
        await admin.setDescribeBoth(true);
        expect((await describeUser(id)).PhoneNumberConfigs).toEqual([
            { Channel: 'VOICE', PhoneType: 'SOFT_PHONE' },
        ]);
    });
});

it('a seeded user written without channel settings gets them from its PhoneConfig and lists', async () => {
    const seed = structuredClone(SEED) as unknown as {
        instances: Array<{ users: unknown[] }>;
    };
    seed.instances[0].users = [
        {
            id: 'seeded-user',
            username: 'seeded',
            securityProfileIds: [managed.securityProfileIds[0]],
            routingProfileId: managed.routingProfileIds[0],
            phoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 15 },
            AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
            lastModifiedTime: 0,
            lastModifiedRegion: 'us-east-1',
        },
    ];
    const seeded = await startHarness({ seed, describeBoth: true });
    try {
        const { User } = await seeded.client.send(
            new DescribeUserCommand({ InstanceId: managed.id, UserId: 'seeded-user' })
        );
        expect(User?.PhoneConfig).toEqual({
            PhoneType: 'SOFT_PHONE',
            AfterContactWorkTimeLimit: 15,
        });
        expect(User?.AfterContactWorkConfigs).toEqual(everyChannel(15));
        expect(User?.AutoAcceptConfigs).toEqual([
            { Channel: 'CHAT', AutoAccept: true },
        ]);
    } finally {
        await stopHarness(seeded);
    }
});

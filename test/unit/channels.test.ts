import { desiredSettings, settingsOf, withBothViews } from '../../src/channels';
import type { ResourceProperties } from '../../src/properties';
import { planChannelLists } from '../../src/reconcile';

type Channel = 'VOICE' | 'CHAT' | 'TASK' | 'EMAIL';
const acw = (Channel: Channel, limit: number) => ({
    Channel,
    AfterContactWorkConfig: { AfterContactWorkTimeLimit: limit },
});
const everyChannel = (limit: number) =>
    (['VOICE', 'CHAT', 'TASK', 'EMAIL'] as const).map((channel) => acw(channel, limit));

describe('settingsOf and withBothViews: one record, whichever form Connect describes', () => {
    it.each<[string, ResourceProperties, ResourceProperties]>([
        [
            'PhoneConfig only: its ACW limit on every channel, the rest on VOICE',
            {
                PhoneConfig: {
                    PhoneType: 'SOFT_PHONE',
                    AutoAccept: true,
                    AfterContactWorkTimeLimit: 30,
                },
            },
            {
                PhoneConfig: {
                    PhoneType: 'SOFT_PHONE',
                    AutoAccept: true,
                    AfterContactWorkTimeLimit: 30,
                },
                AutoAcceptConfigs: [{ Channel: 'VOICE', AutoAccept: true }],
                AfterContactWorkConfigs: everyChannel(30),
                PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }],
            },
        ],
        [
            'lists only: PhoneConfig is the VOICE view',
            {
                AfterContactWorkConfigs: [acw('CHAT', 45), acw('VOICE', 20)],
                PhoneNumberConfigs: [
                    {
                        Channel: 'VOICE',
                        PhoneType: 'DESK_PHONE',
                        PhoneNumber: '+15555550100',
                    },
                ],
            },
            {
                PhoneConfig: {
                    AfterContactWorkTimeLimit: 20,
                    PhoneType: 'DESK_PHONE',
                    DeskPhoneNumber: '+15555550100',
                },
                AfterContactWorkConfigs: [acw('VOICE', 20), acw('CHAT', 45)],
                PhoneNumberConfigs: [
                    {
                        Channel: 'VOICE',
                        PhoneType: 'DESK_PHONE',
                        PhoneNumber: '+15555550100',
                    },
                ],
            },
        ],
        [
            'both forms (a VOICE entry listed): PhoneConfig is its view, not a write for every channel',
            {
                PhoneConfig: { AfterContactWorkTimeLimit: 20 },
                AfterContactWorkConfigs: [acw('VOICE', 20), acw('CHAT', 45)],
            },
            {
                PhoneConfig: { AfterContactWorkTimeLimit: 20 },
                AfterContactWorkConfigs: [acw('VOICE', 20), acw('CHAT', 45)],
            },
        ],
        [
            'PhoneConfig written for every channel, one channel written apart',
            {
                PhoneConfig: { AfterContactWorkTimeLimit: 30 },
                AfterContactWorkConfigs: [acw('CHAT', 45)],
            },
            {
                PhoneConfig: { AfterContactWorkTimeLimit: 30 },
                AfterContactWorkConfigs: [
                    acw('VOICE', 30),
                    acw('CHAT', 45),
                    acw('TASK', 30),
                    acw('EMAIL', 30),
                ],
            },
        ],
        [
            'an ACW limit of 0 is a value',
            { PhoneConfig: { AfterContactWorkTimeLimit: 0 } },
            {
                PhoneConfig: { AfterContactWorkTimeLimit: 0 },
                AfterContactWorkConfigs: everyChannel(0),
            },
        ],
    ])('%s', (_case, described, read) => {
        expect(withBothViews(described)).toEqual(read);
        // Both views of the record are the same record.
        expect(settingsOf(withBothViews(described))).toEqual(settingsOf(read));
    });
});

describe('desiredSettings: the two views of a desired model', () => {
    const read: ResourceProperties = withBothViews({
        PhoneConfig: {
            PhoneType: 'SOFT_PHONE',
            AutoAccept: false,
            AfterContactWorkTimeLimit: 30,
        },
    });

    it('agreeing views are one setting, named on VOICE', () => {
        const { settings, conflicts } = desiredSettings(read, read);
        expect(conflicts).toEqual([]);
        expect(settings.AutoAcceptConfigs).toEqual([
            { Channel: 'VOICE', AutoAccept: false },
        ]);
    });

    it.each<[string, ResourceProperties, unknown]>([
        [
            'PhoneConfig patched: its side is the change',
            {
                ...read,
                PhoneConfig: { ...read.PhoneConfig, AfterContactWorkTimeLimit: 60 },
            },
            [acw('VOICE', 60), acw('CHAT', 30), acw('TASK', 30), acw('EMAIL', 30)],
        ],
        [
            'the list patched: its side is the change',
            {
                ...read,
                AfterContactWorkConfigs: [
                    acw('VOICE', 60),
                    ...everyChannel(30).slice(1),
                ],
            },
            [acw('VOICE', 60), acw('CHAT', 30), acw('TASK', 30), acw('EMAIL', 30)],
        ],
    ])('%s', (_case, desired, expected) => {
        const { settings, conflicts } = desiredSettings(desired, read);
        expect(conflicts).toEqual([]);
        expect(settings.AfterContactWorkConfigs).toEqual(expected);
    });

    it.each<[string, ResourceProperties | undefined]>([
        ['no previous model', undefined],
        [
            'both sides differ from the previous model',
            withBothViews({ PhoneConfig: { AfterContactWorkTimeLimit: 10 } }),
        ],
    ])(
        'disagreeing views with %s are a conflict naming both fields',
        (_case, previous) => {
            const desired: ResourceProperties = {
                PhoneConfig: { AfterContactWorkTimeLimit: 60 },
                AfterContactWorkConfigs: [acw('VOICE', 90)],
            };
            const { conflicts } = desiredSettings(desired, previous);
            expect(conflicts).toHaveLength(1);
            expect(conflicts[0]).toContain('PhoneConfig.AfterContactWorkTimeLimit');
            expect(conflicts[0]).toContain('AfterContactWorkConfigs');
        }
    );

    it('a PhoneConfig field beside a list without VOICE names VOICE in that list', () => {
        const { settings, everyChannel: every } = desiredSettings({
            PhoneConfig: { AfterContactWorkTimeLimit: 30 },
            AfterContactWorkConfigs: [acw('CHAT', 45)],
        });
        expect(settings.AfterContactWorkConfigs).toEqual([
            acw('CHAT', 45),
            acw('VOICE', 30),
        ]);
        expect(every).toEqual([]);
    });
});

describe('planChannelLists: only what the model names, each channel once', () => {
    const bothForms: ResourceProperties = withBothViews({
        PhoneConfig: { AfterContactWorkTimeLimit: 30 },
        AfterContactWorkConfigs: [acw('CHAT', 45)],
    });

    it.each<[string, ResourceProperties, ResourceProperties, unknown]>([
        [
            'a template in both forms that agree, as read: nothing',
            bothForms,
            {
                PhoneConfig: { AfterContactWorkTimeLimit: 30 },
                AfterContactWorkConfigs: [acw('VOICE', 30), acw('CHAT', 45)],
            },
            {},
        ],
        [
            "PhoneConfig's limit changed beside a list: VOICE alone, CHAT kept",
            bothForms,
            {
                PhoneConfig: { AfterContactWorkTimeLimit: 60 },
                AfterContactWorkConfigs: [acw('CHAT', 45)],
            },
            {
                AfterContactWorkConfigs: [
                    acw('TASK', 30),
                    acw('EMAIL', 30),
                    acw('CHAT', 45),
                    acw('VOICE', 60),
                ],
            },
        ],
        [
            'PhoneConfig alone: its limit for every channel the user has',
            bothForms,
            { PhoneConfig: { AfterContactWorkTimeLimit: 60 } },
            { AfterContactWorkConfigs: everyChannel(60) },
        ],
        [
            'a phone type without a number drops the old desk number',
            withBothViews({
                PhoneConfig: {
                    PhoneType: 'DESK_PHONE',
                    DeskPhoneNumber: '+15555550100',
                },
            }),
            { PhoneConfig: { PhoneType: 'SOFT_PHONE' } },
            { PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }] },
        ],
    ])('%s', (_case, current, desired, expected) => {
        expect(planChannelLists(current, desiredSettings(desired))).toEqual(expected);
    });
});

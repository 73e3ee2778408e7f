import {
    batches,
    planProficiencyChanges,
    planTagChanges,
    planIdentity,
    planUpdate,
    sameSet,
    sameValue,
    type UpdateInputs,
} from '../../src/reconcile';
import type { ResourceProperties } from '../../src/properties';

const p = (name: string, value: string, level: number) => ({
    AttributeName: name,
    AttributeValue: value,
    Level: level,
});

describe('planTagChanges', () => {
    it.each([
        ['nothing changes', { a: '1' }, { a: '1' }, { a: '1' }, {}, []],
        ['a new key', { a: '1' }, { a: '1', b: '2' }, { a: '1' }, { b: '2' }, []],
        ['a changed value', { a: '1' }, { a: '2' }, { a: '1' }, { a: '2' }, []],
        [
            'a removed key',
            { a: '1', b: '2' },
            { a: '1' },
            { a: '1', b: '2' },
            {},
            ['b'],
        ],
        ['a key others added', { a: '1', byHand: 'x' }, { a: '1' }, { a: '1' }, {}, []],
        [
            'aws: keys, never touched',
            { 'aws:cloudformation:stack-name': 's' },
            { 'aws:cloudformation:stack-name': 'other' },
            { 'aws:cloudformation:stack-name': 's', 'aws:x': 'y' },
            {},
            [],
        ],
        ['a removed key already gone', {}, {}, { gone: '1' }, {}, []],
        [
            "a cancelled create's marker left on the user",
            { a: '1', 'cloudformation-provider:create-request': 'digest' },
            { a: '1' },
            { a: '1' },
            {},
            ['cloudformation-provider:create-request'],
        ],
        [
            'a key named like an object method',
            { toString: 'x' },
            {},
            { toString: 'x' },
            {},
            ['toString'],
        ],
        [
            'a new key named like an object method',
            {},
            { constructor: 'c' },
            {},
            { constructor: 'c' },
            [],
        ],
    ])('%s', (_case, current, desired, previous, toTag, toUntag) => {
        expect(planTagChanges(current, desired, previous)).toEqual({ toTag, toUntag });
    });
});

describe('planProficiencyChanges', () => {
    it.each([
        ['none', [], [], { associate: [], update: [], disassociate: [] }],
        [
            'an addition',
            [p('L', 'English', 2)],
            [p('L', 'English', 2), p('L', 'French', 3)],
            { associate: [p('L', 'French', 3)], update: [], disassociate: [] },
        ],
        [
            'a level change only',
            [p('L', 'English', 2)],
            [p('L', 'English', 4.5)],
            { associate: [], update: [p('L', 'English', 4.5)], disassociate: [] },
        ],
        [
            'a removal',
            [p('L', 'English', 2), p('S', 'Billing', 1)],
            [p('L', 'English', 2)],
            {
                associate: [],
                update: [],
                disassociate: [{ AttributeName: 'S', AttributeValue: 'Billing' }],
            },
        ],
        [
            'the same value under another attribute',
            [p('A', 'x', 1)],
            [p('B', 'x', 1)],
            {
                associate: [p('B', 'x', 1)],
                update: [],
                disassociate: [{ AttributeName: 'A', AttributeValue: 'x' }],
            },
        ],
    ])('%s', (_case, current, desired, expected) => {
        expect(planProficiencyChanges(current, desired)).toEqual(expected);
    });
});

describe('comparisons', () => {
    it.each([
        [0, undefined, false],
        [{ a: 0 }, {}, false],
        [{ a: undefined }, {}, true],
        [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
        [[1, 2], [2, 1], false],
        ['1', 1, false],
    ])('sameValue(%j, %j) is %s', (a, b, expected) => {
        expect(sameValue(a, b)).toBe(expected);
    });

    it.each([
        [[1, 2], [2, 1], true],
        [
            [{ Channel: 'CHAT' }, { Channel: 'VOICE' }],
            [{ Channel: 'VOICE' }, { Channel: 'CHAT' }],
            true,
        ],
        [[1, 2], [1, 2, 3], false],
        [[1, 1], [1, 2], false],
        [undefined, [], true],
    ])('sameSet(%j, %j) is %s', (a, b, expected) => {
        expect(sameSet(a as unknown[], b as unknown[])).toBe(expected);
    });

    it('batches at the size given', () => {
        expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
        expect(batches([], 20)).toEqual([]);
    });
});

describe('planIdentity', () => {
    const directory = { FirstName: 'Jane', LastName: 'Doe', Email: 'j@example.com' };
    it.each<
        [
            string,
            ResourceProperties['IdentityInfo'],
            ResourceProperties['IdentityInfo'],
            ResourceProperties['IdentityInfo'],
            ResourceProperties['IdentityInfo'] | undefined,
        ]
    >([
        ['no identity in the model', directory, undefined, undefined, undefined],
        [
            'only Mobile named, as Connect holds it',
            { ...directory, Mobile: '+15555550100' },
            { Mobile: '+15555550100' },
            { Mobile: '+15555550100' },
            undefined,
        ],
        [
            'only Mobile named, changed: the rest sent as Connect holds it',
            { ...directory, Mobile: '+15555550100' },
            { Mobile: '+15555550111' },
            { Mobile: '+15555550100' },
            { ...directory, Mobile: '+15555550111' },
        ],
        [
            'a field the previous model named and this one does not is cleared',
            { ...directory, Mobile: '+15555550100' },
            { FirstName: 'Jane' },
            { FirstName: 'Jane', Mobile: '+15555550100' },
            { FirstName: 'Jane', LastName: 'Doe', Email: 'j@example.com' },
        ],
        [
            'a field dropped that Connect does not hold changes nothing',
            directory,
            { FirstName: 'Jane' },
            { FirstName: 'Jane', Mobile: '+15555550100' },
            undefined,
        ],
    ])('%s', (_case, current, desired, previous, expected) => {
        expect(planIdentity(current, desired, previous)).toEqual(expected);
    });
});

describe('planUpdate', () => {
    const arn = 'arn:aws:connect:us-east-1:123456789012:instance/i';
    const base: ResourceProperties = {
        InstanceArn: arn,
        Username: 'agent',
        RoutingProfileArn: `${arn}/routing-profile/rp1`,
        SecurityProfileArns: [`${arn}/security-profile/sp1`],
        PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 0 },
        IdentityInfo: { FirstName: 'A', LastName: 'B' },
    };
    const inputs = (
        current: ResourceProperties,
        desired: ResourceProperties
    ): UpdateInputs => ({
        current,
        desired,
        currentTags: {},
        desiredTags: {},
        previousTags: {},
        instanceId: 'i',
        userId: 'u',
        userArn: `${arn}/agent/u`,
    });
    const target = { InstanceId: 'i', UserId: 'u' };

    it.each<[string, ResourceProperties, ResourceProperties, Array<[string, unknown]>]>(
        [
            ['nothing changed', base, { ...base }, []],
            [
                'ACW 0 to absent leaves it alone',
                base,
                { ...base, PhoneConfig: { PhoneType: 'SOFT_PHONE' } },
                [],
            ],
            [
                'a hierarchy group added',
                base,
                { ...base, HierarchyGroupArn: `${arn}/agent-group/g1` },
                [['UpdateUserHierarchy', { ...target, HierarchyGroupId: 'g1' }]],
            ],
            [
                'IdentityInfo left out leaves the identity alone',
                base,
                { ...base, IdentityInfo: undefined },
                [],
            ],
            [
                'an empty identity, with no previous model to say what it set, changes nothing',
                base,
                { ...base, IdentityInfo: {} },
                [],
            ],
            [
                'a security profile removed',
                {
                    ...base,
                    SecurityProfileArns: [
                        `${arn}/security-profile/sp1`,
                        `${arn}/security-profile/sp2`,
                    ],
                },
                base,
                [
                    [
                        'UpdateUserSecurityProfiles',
                        { ...target, SecurityProfileIds: ['sp1'] },
                    ],
                ],
            ],
            [
                'per-channel lists in another order are unchanged',
                {
                    ...base,
                    AutoAcceptConfigs: [
                        { Channel: 'CHAT', AutoAccept: true },
                        { Channel: 'TASK', AutoAccept: false },
                    ],
                },
                {
                    ...base,
                    AutoAcceptConfigs: [
                        { Channel: 'TASK', AutoAccept: false },
                        { Channel: 'CHAT', AutoAccept: true },
                    ],
                },
                [],
            ],
            [
                'a voice enhancement set',
                base,
                {
                    ...base,
                    VoiceEnhancementConfigs: [
                        { Channel: 'VOICE', VoiceEnhancementMode: 'NOISE_SUPPRESSION' },
                    ],
                },
                [
                    [
                        'UpdateUserConfig',
                        {
                            ...target,
                            VoiceEnhancementConfigs: [
                                {
                                    Channel: 'VOICE',
                                    VoiceEnhancementMode: 'NOISE_SUPPRESSION',
                                },
                            ],
                        },
                    ],
                ],
            ],
        ]
    )('%s', (_case, current, desired, expected) => {
        const calls = planUpdate(inputs(current, desired)).map((call) => [
            call.operation,
            call.input,
        ]);

        expect(calls).toEqual(expected);
    });

    it('splits proficiency changes into batches of 20, removals first', () => {
        const current = Array.from({ length: 25 }, (_, i) => p('S', `old${i}`, 1));
        const desired = Array.from({ length: 41 }, (_, i) => p('S', `new${i}`, 2));
        const calls = planUpdate(
            inputs(
                { ...base, UserProficiencies: current },
                { ...base, UserProficiencies: desired }
            )
        );

        expect(calls.map((call) => call.operation)).toEqual([
            'DisassociateUserProficiencies',
            'DisassociateUserProficiencies',
            'AssociateUserProficiencies',
            'AssociateUserProficiencies',
            'AssociateUserProficiencies',
        ]);
    });
});

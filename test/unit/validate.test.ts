import { semanticProblems, validateProperties } from '../../src/validate';
import type { ResourceProperties } from '../../src/properties';
import { userModel } from '../fixtures/events';

function problemsOf(model: unknown): string[] {
    const result = validateProperties(model);
    return result.valid ? [] : result.problems;
}

describe('validateProperties', () => {
    it('accepts a complete model and returns a coerced copy, leaving the input alone', () => {
        const input = {
            ...userModel(),
            PhoneConfig: {
                PhoneType: 'SOFT_PHONE',
                AutoAccept: 'true',
                AfterContactWorkTimeLimit: '0',
            },
            UserProficiencies: [
                { AttributeName: 'Skill', AttributeValue: 'Sales', Level: '3' },
            ],
        };
        const result = validateProperties(input);

        expect(result).toMatchObject({
            valid: true,
            properties: {
                PhoneConfig: {
                    PhoneType: 'SOFT_PHONE',
                    AutoAccept: true,
                    AfterContactWorkTimeLimit: 0,
                },
                UserProficiencies: [
                    { AttributeName: 'Skill', AttributeValue: 'Sales', Level: 3 },
                ],
            },
        });
        expect(input.PhoneConfig.AutoAccept).toBe('true');
    });

    it('refuses a fractional proficiency level, which Connect does not take, naming the field', () => {
        expect(
            problemsOf(
                userModel({
                    UserProficiencies: [
                        { AttributeName: 'Skill', AttributeValue: 'Sales', Level: 2.5 },
                    ],
                })
            )
        ).toEqual(['UserProficiencies[0].Level must be a whole number']);
    });

    it('refuses a name that is not in Unicode normalization form C, naming the field', () => {
        const decomposed = 'Jose\u0301';
        expect(
            problemsOf(
                userModel({
                    IdentityInfo: {
                        FirstName: decomposed,
                        LastName: 'Doe',
                        Email: 'j@example.com',
                    },
                })
            )
        ).toEqual([
            'IdentityInfo.FirstName must be in Unicode normalization form C (NFC): Amazon Connect refuses decomposed characters and combining marks',
        ]);
        expect(
            problemsOf(
                userModel({
                    IdentityInfo: {
                        FirstName: decomposed.normalize('NFC'),
                        LastName: 'Doe',
                        Email: 'j@example.com',
                    },
                })
            )
        ).toEqual([]);
    });

    it.each<[string, Record<string, unknown>, string]>([
        [
            'a routing profile of another instance',
            {
                RoutingProfileArn:
                    'arn:aws:connect:us-east-1:123456789012:instance/22222222-2222-4222-8222-222222222222/routing-profile/rp-1',
            },
            'RoutingProfileArn names a routing profile of arn:aws:connect:us-east-1:123456789012:instance/22222222-2222-4222-8222-222222222222, not of InstanceArn',
        ],
        [
            'a security profile without an ID',
            {
                SecurityProfileArns: [
                    `${String(userModel().InstanceArn)}/security-profile/`,
                ],
            },
            'SecurityProfileArns[0] ',
        ],
        [
            'an instance without an ID',
            { InstanceArn: 'arn:aws:connect:us-east-1:123456789012:instance/' },
            "InstanceArn 'arn:aws:connect:us-east-1:123456789012:instance/' has no instance ID",
        ],
        [
            'an @ outside an email form',
            { Username: 'jdoe@' },
            "Username 'jdoe@' has an @ but is not an email address",
        ],
    ])('refuses %s, naming the field', (_case, change, message) => {
        const problems = problemsOf({ ...userModel(), ...change });
        expect(problems.some((problem) => problem.startsWith(message))).toBe(true);
    });

    it('takes references of its own instance and an email-form Username', () => {
        expect(problemsOf(userModel({ Username: 'jane.doe@example.com' }))).toEqual([]);
    });

    it('accepts a model written for the older public schema', () => {
        expect(
            problemsOf({
                InstanceArn: userModel().InstanceArn,
                Username: 'legacy.user',
                Password: 'Passw0rdLegacy',
                RoutingProfileArn: userModel().RoutingProfileArn,
                SecurityProfileArns: userModel().SecurityProfileArns,
                PhoneConfig: {
                    PhoneType: 'DESK_PHONE',
                    DeskPhoneNumber: '+15555551212',
                    AutoAccept: true,
                },
                IdentityInfo: {
                    FirstName: 'Leg',
                    LastName: 'Acy',
                    Email: 'legacy@example.com',
                },
                Tags: [
                    { Key: 'Modified By', Value: 'AWSCC' },
                    { Key: 'owner@team', Value: 'x' },
                ],
            })
        ).toEqual([]);
    });

    it.each<[string, Record<string, unknown>, string]>([
        [
            'a missing required property',
            { Username: undefined },
            'Username is required',
        ],
        [
            'an unknown top-level property',
            { Nickname: 'J' },
            "the model has an unknown property 'Nickname'",
        ],
        [
            'an unknown nested property',
            { IdentityInfo: { FirstName: 'J', Middle: 'Q' } },
            "IdentityInfo has an unknown property 'Middle'",
        ],
        [
            'a bad mobile number',
            { IdentityInfo: { Mobile: '555-1234' } },
            'IdentityInfo.Mobile must match pattern',
        ],
        ['a weak password', { Password: 'password' }, 'Password must match pattern'],
        [
            'an unknown phone type',
            { PhoneConfig: { PhoneType: 'CELL' } },
            'PhoneConfig.PhoneType must be one of SOFT_PHONE, DESK_PHONE',
        ],
        [
            'a negative ACW limit',
            { PhoneConfig: { AfterContactWorkTimeLimit: -1 } },
            'PhoneConfig.AfterContactWorkTimeLimit must be >= 0',
        ],
        [
            'a boolean that is not one',
            { PhoneConfig: { AutoAccept: 'maybe' } },
            'PhoneConfig.AutoAccept must be boolean',
        ],
        [
            'an aws: tag key',
            { Tags: [{ Key: 'aws:owner', Value: 'x' }] },
            'Tags[0].Key must match pattern',
        ],
        [
            'a routing profile ARN of another type',
            {
                RoutingProfileArn:
                    'arn:aws:connect:us-east-1:123456789012:instance/i/queue/q',
            },
            'RoutingProfileArn must match pattern',
        ],
        [
            'eleven security profiles',
            {
                SecurityProfileArns: Array.from(
                    { length: 11 },
                    (_, i) =>
                        `arn:aws:connect:us-east-1:123456789012:instance/i/security-profile/s${i}`
                ),
            },
            'SecurityProfileArns must NOT have more than 10 items',
        ],
        [
            'a level above 5',
            {
                UserProficiencies: [
                    { AttributeName: 'A', AttributeValue: 'B', Level: 6 },
                ],
            },
            'UserProficiencies[0].Level must be <= 5',
        ],
        [
            'a username with a space',
            { Username: 'j doe' },
            'Username must match pattern',
        ],
    ])('names the field for %s', (_case, overrides, expected) => {
        const model = { ...userModel(), ...overrides };
        for (const [key, value] of Object.entries(overrides)) {
            if (value === undefined) {
                delete (model as Record<string, unknown>)[key];
            }
        }

        expect(problemsOf(model).join('; ')).toContain(expected);
    });

    it.each([null, 'a string', 42, [1, 2]])('refuses %j as a model', (value) => {
        expect(problemsOf(value)).toEqual(['the model must be a JSON object']);
    });
});

describe('semanticProblems', () => {
    const base: ResourceProperties = userModel({ PhoneConfig: undefined });

    it.each<[string, ResourceProperties, string[]]>([
        [
            'no conflict',
            { ...base, AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }] },
            [],
        ],
        [
            'PhoneConfig fields that repeat the VOICE entries of their lists, as a read shows them',
            {
                ...base,
                PhoneConfig: {
                    PhoneType: 'DESK_PHONE',
                    DeskPhoneNumber: '+15555550100',
                    AutoAccept: true,
                    AfterContactWorkTimeLimit: 5,
                    PersistentConnection: false,
                },
                AutoAcceptConfigs: [
                    { Channel: 'VOICE', AutoAccept: true },
                    { Channel: 'CHAT', AutoAccept: false },
                ],
                AfterContactWorkConfigs: [
                    {
                        Channel: 'VOICE',
                        AfterContactWorkConfig: { AfterContactWorkTimeLimit: 5 },
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
            },
            [],
        ],
        [
            'a reserved tag key',
            {
                ...base,
                Tags: [{ Key: 'cloudformation-provider:create-request', Value: 'x' }],
            },
            [
                "Tags[0].Key 'cloudformation-provider:create-request' is reserved: this type marks the users it is creating with it",
            ],
        ],
        [
            'a VOICE-only list on CHAT',
            {
                ...base,
                VoiceEnhancementConfigs: [
                    { Channel: 'CHAT', VoiceEnhancementMode: 'NONE' },
                ],
            },
            [
                'VoiceEnhancementConfigs[0].Channel is CHAT: Amazon Connect supports only VOICE for VoiceEnhancementConfigs',
            ],
        ],
        [
            'an agent-first callback setting on TASK',
            {
                ...base,
                AutoAcceptConfigs: [
                    {
                        Channel: 'TASK',
                        AutoAccept: true,
                        AgentFirstCallbackAutoAccept: true,
                    },
                ],
            },
            [
                'AutoAcceptConfigs[0].AgentFirstCallbackAutoAccept applies to the VOICE channel only, not TASK',
            ],
        ],
        [
            'an agent-first callback ACW on CHAT',
            {
                ...base,
                AfterContactWorkConfigs: [
                    {
                        Channel: 'CHAT',
                        AfterContactWorkConfig: { AfterContactWorkTimeLimit: 5 },
                        AgentFirstCallbackAfterContactWorkConfig: {
                            AfterContactWorkTimeLimit: 5,
                        },
                    },
                ],
            },
            [
                'AfterContactWorkConfigs[0].AgentFirstCallbackAfterContactWorkConfig applies to the VOICE channel only, not CHAT',
            ],
        ],
        [
            'two entries for one channel',
            {
                ...base,
                AutoAcceptConfigs: [
                    { Channel: 'CHAT', AutoAccept: true },
                    { Channel: 'CHAT', AutoAccept: false },
                ],
            },
            ['AutoAcceptConfigs has more than one entry for channel CHAT'],
        ],
        [
            'a desk phone without a number',
            { ...base, PhoneConfig: { PhoneType: 'DESK_PHONE' } },
            [
                'PhoneConfig.DeskPhoneNumber is required when PhoneConfig.PhoneType is DESK_PHONE',
            ],
        ],
        [
            'a per-channel desk phone without a number',
            {
                ...base,
                PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'DESK_PHONE' }],
            },
            [
                'PhoneNumberConfigs[0].PhoneNumber is required when its PhoneType is DESK_PHONE',
            ],
        ],
        [
            'a tag key twice',
            {
                ...base,
                Tags: [
                    { Key: 'team', Value: 'a' },
                    { Key: 'team', Value: 'b' },
                ],
            },
            ["Tags has more than one tag with the key 'team'"],
        ],
        [
            'a proficiency twice',
            {
                ...base,
                UserProficiencies: [
                    { AttributeName: 'Skill', AttributeValue: 'Sales', Level: 1 },
                    { AttributeName: 'Skill', AttributeValue: 'Sales', Level: 2 },
                ],
            },
            ['UserProficiencies has more than one entry for Skill=Sales'],
        ],
    ])('%s', (_case, model, expected) => {
        expect(semanticProblems(model)).toEqual(expected);
        expect(validateProperties(model)).toEqual(
            expected.length
                ? { valid: false, problems: expected }
                : { valid: true, properties: model }
        );
    });
});

import type { ResourceProperties } from '../../src/properties';
import { userModel } from '../fixtures/events';

/**
 * For each deliberate difference that validateProperties makes (every entry
 * of test/parity/differences.ts but the create-only ones), a model the public
 * schema accepts and this type refuses, what it says, and a close variant that
 * both accept. Keyed as `nameOf` names the entries.
 */

export interface BothWays {
    refused: Record<string, unknown>;
    problems: string[];
    accepted: Record<string, unknown>;
}

/** The fixture's soft-phone agent, without PhoneConfig unless given, as plain JSON. */
const user = (overrides: ResourceProperties | Record<string, unknown>) =>
    JSON.parse(
        JSON.stringify(
            userModel({ PhoneConfig: undefined, ...(overrides as ResourceProperties) })
        )
    ) as Record<string, unknown>;

const DESK = '+15555551212';
const NAMES = { FirstName: 'Jane', LastName: 'Doe' };
const LEVEL_REASON =
    'the level of the proficiency: 1, 2, 3, 4 or 5, the levels Amazon Connect takes';
const ACW_REASON =
    'the After Call Work (ACW) timeout setting, in seconds, from 0 to 2,000,000 (24 days)';
const DESK_REASON = "the phone number for the user's desk phone, in E.164 format";
const TAG_KEY = String.raw`must match pattern "^(?![aA][wW][sS]:)[\p{L}\p{Z}\p{N}_.:/=+\-@]+$": the key name of the tag: 1 to 128 Unicode letters, digits, whitespace and the characters _ . : / = + - @, not prefixed with aws: in any case`;
const DESK_PATTERN = String.raw`must match pattern "^\+[1-9]\d{1,14}$"`;

const proficiency = (Level: number, AttributeValue = 'Sales') => ({
    UserProficiencies: [{ AttributeName: 'Skill', AttributeValue, Level }],
});
const acw = (limit: number, channel = 'CHAT') => ({
    Channel: channel,
    AfterContactWorkConfig: { AfterContactWorkTimeLimit: limit },
});
const autoAccept = (Channel: string, AutoAccept = true) => ({ Channel, AutoAccept });
const allChannels = ['VOICE', 'CHAT', 'TASK', 'EMAIL'];

/** Two entries of a VOICE-only list: too many, and the same one twice. */
const voiceOnlyTwice = (
    list: string,
    entry: Record<string, unknown>,
    reason: string
) => ({
    refused: user({ [list]: [entry, entry] }),
    problems: [
        `${list} must NOT have more than 1 items: ${reason}`,
        `${list} must NOT have duplicate items (items ## 0 and 1 are identical): ${reason}`,
    ],
    accepted: user({ [list]: [entry] }),
});

const PHONE_NUMBERS =
    'phone type and desk phone number per channel; only VOICE is supported';
const PERSISTENT = 'persistent connection setting per channel; only VOICE is supported';
const VOICE_ENHANCEMENT =
    'voice enhancement setting per channel; only VOICE is supported';
const AUTO_ACCEPTS = 'auto-accept settings per channel, at most one entry per channel';
const ACWS =
    'after contact work (ACW) timeout settings per channel, at most one entry per channel';

export const BOTH_WAYS: Record<string, BothWays> = {
    'Username pattern': {
        refused: user({ Username: 'j doe' }),
        problems: [
            String.raw`Username must match pattern "^[a-zA-Z0-9_\-.@]+$": the user name for the account: up to 20 characters on instances that do not use SAML, up to 64 on SAML instances, from [a-zA-Z0-9_-.@]; @ only in an email form`,
        ],
        accepted: user({ Username: 'j.doe' }),
    },
    'IdentityInfo.SecondaryEmail pattern': {
        refused: user({
            IdentityInfo: {
                ...NAMES,
                SecondaryEmail: 'jane@example.com, not monitored!',
            },
        }),
        problems: [
            String.raw`IdentityInfo.SecondaryEmail must match pattern "^(?=.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$": the secondary email address, one address and nothing else, at most 265 characters`,
        ],
        accepted: user({
            IdentityInfo: { ...NAMES, SecondaryEmail: 'jane@example.com' },
        }),
    },
    'PhoneConfig.DeskPhoneNumber pattern': {
        refused: user({
            PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: `ext. ${DESK}` },
        }),
        problems: [`PhoneConfig.DeskPhoneNumber ${DESK_PATTERN}: ${DESK_REASON}`],
        accepted: user({
            PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: DESK },
        }),
    },
    'PhoneNumberConfigs[].PhoneNumber pattern': {
        refused: user({
            PhoneNumberConfigs: [
                {
                    Channel: 'VOICE',
                    PhoneType: 'DESK_PHONE',
                    PhoneNumber: `ext. ${DESK}`,
                },
            ],
        }),
        problems: [`PhoneNumberConfigs[0].PhoneNumber ${DESK_PATTERN}: ${DESK_REASON}`],
        accepted: user({
            PhoneNumberConfigs: [
                { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: DESK },
            ],
        }),
    },
    'Tags[].Key pattern': {
        refused: user({
            Tags: [
                { Key: 'AWS:owner', Value: 'billing' },
                { Key: 'cost,centre', Value: '42' },
            ],
        }),
        problems: [`Tags[0].Key ${TAG_KEY}`, `Tags[1].Key ${TAG_KEY}`],
        accepted: user({
            Tags: [
                { Key: 'owner', Value: 'billing' },
                { Key: 'cost-centre', Value: '42' },
            ],
        }),
    },
    'UserProficiencies[].Level minimum': {
        refused: user(proficiency(0)),
        problems: [`UserProficiencies[0].Level must be >= 1: ${LEVEL_REASON}`],
        accepted: user(proficiency(1)),
    },
    'UserProficiencies[].Level maximum': {
        refused: user(proficiency(10)),
        problems: [`UserProficiencies[0].Level must be <= 5: ${LEVEL_REASON}`],
        accepted: user(proficiency(5)),
    },
    'UserProficiencies[].Level multipleOf': {
        refused: user(proficiency(2.5)),
        problems: ['UserProficiencies[0].Level must be a whole number'],
        accepted: user(proficiency(2)),
    },
    'PhoneConfig.AfterContactWorkTimeLimit maximum': {
        refused: user({ PhoneConfig: { AfterContactWorkTimeLimit: 2_000_001 } }),
        problems: [
            `PhoneConfig.AfterContactWorkTimeLimit must be <= 2000000: ${ACW_REASON}`,
        ],
        accepted: user({ PhoneConfig: { AfterContactWorkTimeLimit: 2_000_000 } }),
    },
    'AfterContactWorkConfigs[].AfterContactWorkConfig.AfterContactWorkTimeLimit maximum':
        {
            refused: user({ AfterContactWorkConfigs: [acw(2_000_001)] }),
            problems: [
                `AfterContactWorkConfigs[0].AfterContactWorkConfig.AfterContactWorkTimeLimit must be <= 2000000: ${ACW_REASON}`,
            ],
            accepted: user({ AfterContactWorkConfigs: [acw(2_000_000)] }),
        },
    'AfterContactWorkConfigs[].AgentFirstCallbackAfterContactWorkConfig.AfterContactWorkTimeLimit maximum':
        {
            refused: user({
                AfterContactWorkConfigs: [
                    {
                        ...acw(30, 'VOICE'),
                        AgentFirstCallbackAfterContactWorkConfig: {
                            AfterContactWorkTimeLimit: 2_000_001,
                        },
                    },
                ],
            }),
            problems: [
                `AfterContactWorkConfigs[0].AgentFirstCallbackAfterContactWorkConfig.AfterContactWorkTimeLimit must be <= 2000000: ${ACW_REASON}`,
            ],
            accepted: user({
                AfterContactWorkConfigs: [
                    {
                        ...acw(30, 'VOICE'),
                        AgentFirstCallbackAfterContactWorkConfig: {
                            AfterContactWorkTimeLimit: 2_000_000,
                        },
                    },
                ],
            }),
        },
    'AutoAcceptConfigs maxItems': {
        refused: user({
            AutoAcceptConfigs: [
                ...allChannels.map((channel) => autoAccept(channel)),
                autoAccept('CHAT', false),
            ],
        }),
        problems: [
            `AutoAcceptConfigs must NOT have more than 4 items: ${AUTO_ACCEPTS}`,
        ],
        accepted: user({
            AutoAcceptConfigs: allChannels.map((channel) => autoAccept(channel)),
        }),
    },
    'AfterContactWorkConfigs maxItems': {
        refused: user({
            AfterContactWorkConfigs: [
                ...allChannels.map((channel) => acw(30, channel)),
                acw(60, 'CHAT'),
            ],
        }),
        problems: [`AfterContactWorkConfigs must NOT have more than 4 items: ${ACWS}`],
        accepted: user({
            AfterContactWorkConfigs: allChannels.map((channel) => acw(30, channel)),
        }),
    },
    'PhoneNumberConfigs maxItems': {
        refused: user({
            PhoneNumberConfigs: [
                { Channel: 'VOICE', PhoneType: 'SOFT_PHONE' },
                { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: DESK },
            ],
        }),
        problems: [
            `PhoneNumberConfigs must NOT have more than 1 items: ${PHONE_NUMBERS}`,
        ],
        accepted: user({
            PhoneNumberConfigs: [
                { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: DESK },
            ],
        }),
    },
    'PersistentConnectionConfigs maxItems': {
        refused: user({
            PersistentConnectionConfigs: [
                { Channel: 'VOICE', PersistentConnection: true },
                { Channel: 'VOICE', PersistentConnection: false },
            ],
        }),
        problems: [
            `PersistentConnectionConfigs must NOT have more than 1 items: ${PERSISTENT}`,
        ],
        accepted: user({
            PersistentConnectionConfigs: [
                { Channel: 'VOICE', PersistentConnection: true },
            ],
        }),
    },
    'VoiceEnhancementConfigs maxItems': {
        refused: user({
            VoiceEnhancementConfigs: [
                { Channel: 'VOICE', VoiceEnhancementMode: 'NONE' },
                { Channel: 'VOICE', VoiceEnhancementMode: 'NOISE_SUPPRESSION' },
            ],
        }),
        problems: [
            `VoiceEnhancementConfigs must NOT have more than 1 items: ${VOICE_ENHANCEMENT}`,
        ],
        accepted: user({
            VoiceEnhancementConfigs: [
                { Channel: 'VOICE', VoiceEnhancementMode: 'NOISE_SUPPRESSION' },
            ],
        }),
    },
    'AutoAcceptConfigs uniqueItems': {
        refused: user({ AutoAcceptConfigs: [autoAccept('CHAT'), autoAccept('CHAT')] }),
        problems: [
            `AutoAcceptConfigs must NOT have duplicate items (items ## 0 and 1 are identical): ${AUTO_ACCEPTS}`,
        ],
        accepted: user({ AutoAcceptConfigs: [autoAccept('CHAT'), autoAccept('TASK')] }),
    },
    'AfterContactWorkConfigs uniqueItems': {
        refused: user({ AfterContactWorkConfigs: [acw(30), acw(30)] }),
        problems: [
            `AfterContactWorkConfigs must NOT have duplicate items (items ## 0 and 1 are identical): ${ACWS}`,
        ],
        accepted: user({ AfterContactWorkConfigs: [acw(30), acw(30, 'TASK')] }),
    },
    'PhoneNumberConfigs uniqueItems': voiceOnlyTwice(
        'PhoneNumberConfigs',
        { Channel: 'VOICE', PhoneType: 'SOFT_PHONE' },
        PHONE_NUMBERS
    ),
    'PersistentConnectionConfigs uniqueItems': voiceOnlyTwice(
        'PersistentConnectionConfigs',
        { Channel: 'VOICE', PersistentConnection: true },
        PERSISTENT
    ),
    'VoiceEnhancementConfigs uniqueItems': voiceOnlyTwice(
        'VoiceEnhancementConfigs',
        { Channel: 'VOICE', VoiceEnhancementMode: 'VOICE_ISOLATION' },
        VOICE_ENHANCEMENT
    ),
    'IdentityInfo.FirstName rule': {
        refused: user({ IdentityInfo: { FirstName: 'Jose\u0301', LastName: 'Doe' } }),
        problems: [
            'IdentityInfo.FirstName must be in Unicode normalization form C (NFC): Amazon Connect refuses decomposed characters and combining marks',
        ],
        accepted: user({ IdentityInfo: { FirstName: 'Jos\u00e9', LastName: 'Doe' } }),
    },
    'IdentityInfo.LastName rule': {
        refused: user({
            IdentityInfo: { FirstName: 'Jane', LastName: 'Mu\u0308ller' },
        }),
        problems: [
            'IdentityInfo.LastName must be in Unicode normalization form C (NFC): Amazon Connect refuses decomposed characters and combining marks',
        ],
        accepted: user({
            IdentityInfo: { FirstName: 'Jane', LastName: 'M\u00fcller' },
        }),
    },
    '(any text) rule': {
        refused: user({ Tags: [{ Key: 'team', Value: 'billing \ud83d' }] }),
        problems: ['Tags[0].Value is not valid Unicode text (a lone surrogate)'],
        accepted: user({ Tags: [{ Key: 'team', Value: 'billing \ud83d\udcb8' }] }),
    },
    'PhoneNumberConfigs[].Channel rule': {
        refused: user({
            PhoneNumberConfigs: [{ Channel: 'CHAT', PhoneType: 'SOFT_PHONE' }],
        }),
        problems: [
            'PhoneNumberConfigs[0].Channel is CHAT: Amazon Connect supports only VOICE for PhoneNumberConfigs',
        ],
        accepted: user({
            PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }],
        }),
    },
    'PersistentConnectionConfigs[].Channel rule': {
        refused: user({
            PersistentConnectionConfigs: [
                { Channel: 'TASK', PersistentConnection: true },
            ],
        }),
        problems: [
            'PersistentConnectionConfigs[0].Channel is TASK: Amazon Connect supports only VOICE for PersistentConnectionConfigs',
        ],
        accepted: user({
            PersistentConnectionConfigs: [
                { Channel: 'VOICE', PersistentConnection: true },
            ],
        }),
    },
    'VoiceEnhancementConfigs[].Channel rule': {
        refused: user({
            VoiceEnhancementConfigs: [
                { Channel: 'EMAIL', VoiceEnhancementMode: 'NONE' },
            ],
        }),
        problems: [
            'VoiceEnhancementConfigs[0].Channel is EMAIL: Amazon Connect supports only VOICE for VoiceEnhancementConfigs',
        ],
        accepted: user({
            VoiceEnhancementConfigs: [
                { Channel: 'VOICE', VoiceEnhancementMode: 'NONE' },
            ],
        }),
    },
    'AutoAcceptConfigs[].AgentFirstCallbackAutoAccept rule': {
        refused: user({
            AutoAcceptConfigs: [
                { ...autoAccept('CHAT'), AgentFirstCallbackAutoAccept: true },
            ],
        }),
        problems: [
            'AutoAcceptConfigs[0].AgentFirstCallbackAutoAccept applies to the VOICE channel only, not CHAT',
        ],
        accepted: user({
            AutoAcceptConfigs: [
                { ...autoAccept('VOICE'), AgentFirstCallbackAutoAccept: true },
            ],
        }),
    },
    'AfterContactWorkConfigs[].AgentFirstCallbackAfterContactWorkConfig rule': {
        refused: user({
            AfterContactWorkConfigs: [
                {
                    ...acw(30, 'TASK'),
                    AgentFirstCallbackAfterContactWorkConfig: {
                        AfterContactWorkTimeLimit: 5,
                    },
                },
            ],
        }),
        problems: [
            'AfterContactWorkConfigs[0].AgentFirstCallbackAfterContactWorkConfig applies to the VOICE channel only, not TASK',
        ],
        accepted: user({
            AfterContactWorkConfigs: [
                {
                    ...acw(30, 'VOICE'),
                    AgentFirstCallbackAfterContactWorkConfig: {
                        AfterContactWorkTimeLimit: 5,
                    },
                },
            ],
        }),
    },
    'PhoneConfig.AutoAccept rule': {
        refused: user({
            PhoneConfig: { AutoAccept: true },
            AutoAcceptConfigs: [autoAccept('VOICE', false)],
        }),
        problems: [
            'PhoneConfig.AutoAccept (true) and the VOICE entry of AutoAcceptConfigs (false) hold the same setting with different values: give it in one of them, or the same value in both',
        ],
        accepted: user({
            PhoneConfig: { AutoAccept: true },
            AutoAcceptConfigs: [autoAccept('VOICE', true)],
        }),
    },
    'PhoneConfig.AfterContactWorkTimeLimit rule': {
        refused: user({
            PhoneConfig: { AfterContactWorkTimeLimit: 30 },
            AfterContactWorkConfigs: [acw(60, 'VOICE')],
        }),
        problems: [
            'PhoneConfig.AfterContactWorkTimeLimit (30) and the VOICE entry of AfterContactWorkConfigs (60) hold the same setting with different values: give it in one of them, or the same value in both',
        ],
        accepted: user({
            PhoneConfig: { AfterContactWorkTimeLimit: 30 },
            AfterContactWorkConfigs: [acw(30, 'VOICE')],
        }),
    },
    'PhoneConfig.PhoneType rule': {
        refused: user({
            PhoneConfig: { PhoneType: 'SOFT_PHONE' },
            PhoneNumberConfigs: [
                { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: DESK },
            ],
        }),
        problems: [
            'PhoneConfig.PhoneType ("SOFT_PHONE") and the VOICE entry of PhoneNumberConfigs ("DESK_PHONE") hold the same setting with different values: give it in one of them, or the same value in both',
        ],
        accepted: user({
            PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: DESK },
            PhoneNumberConfigs: [
                { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: DESK },
            ],
        }),
    },
    'PhoneConfig.DeskPhoneNumber rule': {
        refused: user({
            PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: '+15555550100' },
            PhoneNumberConfigs: [
                { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: DESK },
            ],
        }),
        problems: [
            `PhoneConfig.DeskPhoneNumber ("+15555550100") and the VOICE entry of PhoneNumberConfigs ("${DESK}") hold the same setting with different values: give it in one of them, or the same value in both`,
        ],
        accepted: user({
            PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: DESK },
            PhoneNumberConfigs: [
                { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: DESK },
            ],
        }),
    },
    'PhoneConfig.PersistentConnection rule': {
        refused: user({
            PhoneConfig: { PersistentConnection: true },
            PersistentConnectionConfigs: [
                { Channel: 'VOICE', PersistentConnection: false },
            ],
        }),
        problems: [
            'PhoneConfig.PersistentConnection (true) and the VOICE entry of PersistentConnectionConfigs (false) hold the same setting with different values: give it in one of them, or the same value in both',
        ],
        accepted: user({
            PhoneConfig: { PersistentConnection: false },
            PersistentConnectionConfigs: [
                { Channel: 'VOICE', PersistentConnection: false },
            ],
        }),
    },
    'AutoAcceptConfigs[].Channel rule': {
        refused: user({
            AutoAcceptConfigs: [autoAccept('CHAT', true), autoAccept('CHAT', false)],
        }),
        problems: ['AutoAcceptConfigs has more than one entry for channel CHAT'],
        accepted: user({
            AutoAcceptConfigs: [autoAccept('CHAT', true), autoAccept('TASK', false)],
        }),
    },
    'AfterContactWorkConfigs[].Channel rule': {
        refused: user({
            AfterContactWorkConfigs: [acw(30, 'EMAIL'), acw(60, 'EMAIL')],
        }),
        problems: ['AfterContactWorkConfigs has more than one entry for channel EMAIL'],
        accepted: user({
            AfterContactWorkConfigs: [acw(30, 'EMAIL'), acw(60, 'CHAT')],
        }),
    },
    'PhoneConfig.PhoneType=DESK_PHONE rule': {
        refused: user({ PhoneConfig: { PhoneType: 'DESK_PHONE' } }),
        problems: [
            'PhoneConfig.DeskPhoneNumber is required when PhoneConfig.PhoneType is DESK_PHONE',
        ],
        accepted: user({
            PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: DESK },
        }),
    },
    'PhoneNumberConfigs[].PhoneType=DESK_PHONE rule': {
        refused: user({
            PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'DESK_PHONE' }],
        }),
        problems: [
            'PhoneNumberConfigs[0].PhoneNumber is required when its PhoneType is DESK_PHONE',
        ],
        accepted: user({
            PhoneNumberConfigs: [
                { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: DESK },
            ],
        }),
    },
    'Tags[].Key rule': {
        refused: user({
            Tags: [
                { Key: 'team', Value: 'billing' },
                { Key: 'team', Value: 'support' },
            ],
        }),
        problems: ["Tags has more than one tag with the key 'team'"],
        accepted: user({
            Tags: [
                { Key: 'team', Value: 'billing' },
                { Key: 'desk', Value: 'support' },
            ],
        }),
    },
    'Tags[].Key=cloudformation-provider:create-request rule': {
        refused: user({
            Tags: [{ Key: 'cloudformation-provider:create-request', Value: 'token' }],
        }),
        problems: [
            "Tags[0].Key 'cloudformation-provider:create-request' is reserved: this type marks the users it is creating with it",
        ],
        accepted: user({
            Tags: [{ Key: 'cloudformation-provider:note', Value: 'token' }],
        }),
    },
    'UserProficiencies[] rule': {
        refused: user({
            UserProficiencies: [
                { AttributeName: 'Skill', AttributeValue: 'Sales', Level: 1 },
                { AttributeName: 'Skill', AttributeValue: 'Sales', Level: 2 },
            ],
        }),
        problems: ['UserProficiencies has more than one entry for Skill=Sales'],
        accepted: user({
            UserProficiencies: [
                { AttributeName: 'Skill', AttributeValue: 'Sales', Level: 1 },
                { AttributeName: 'Skill', AttributeValue: 'Billing', Level: 2 },
            ],
        }),
    },
};

import type { StructuralKind } from './schema-walk';

/**
 * Where this type deliberately accepts less than the newest public
 * AWS::Connect::User schema (test/fixtures/public-schema.json), and why. The
 * parity tests compute every place where aws-connect-user.json is stricter and
 * require that set to be exactly the entries here whose kind is a schema
 * keyword; `rule` entries are what `semanticProblems` in src/validate.ts
 * refuses, which no schema keyword says. Each entry is tested both ways in
 * test/parity/both-ways.ts.
 *
 * Paths are model paths: `Tags[].Key` is the Key of any tag.
 */

export type DifferenceKind = StructuralKind | 'rule';

export interface DeliberateDifference {
    path: string;
    kind: DifferenceKind;
    reason: string;
}

const ACW_MAXIMUM =
    'Connect takes at most 2,000,000 seconds (24 days) of after contact work; the public schema has no maximum';
const LEVEL =
    "Connect takes the levels 1, 2, 3, 4 and 5 only (its reference: 'The valid values are 1, 2, 3, 4 and 5'); the public schema allows any number from 0 to 10";
const DESK_PHONE =
    "The public pattern is anchored at the end only, so it takes anything that ends in a number ('ext. +15555551212'); Connect takes an E.164 number and nothing else";
const ONE_PER_CHANNEL = (channels: string) =>
    `Connect holds one setting per channel, and this list has ${channels}`;
const SAME_ENTRY_TWICE = 'An entry given twice is a second entry for its channel';
const VOICE_ONLY = (list: string) =>
    `Connect supports ${list} for the VOICE channel only; the public schema takes any channel`;
const CONFLICT = (list: string) =>
    `This field is the VOICE entry of ${list}; a CREATE that gives both with different values is refused (an UPDATE takes the one that differs from the previous model), or one of them would be lost`;
const DUPLICATE_CHANNEL = `A second entry for a channel would leave the user's setting to the order Connect applies them in`;
const NFC =
    "Connect's reference: inputs must be in Unicode Normalization Form C; decomposed characters and combining marks are refused";
const DESK_PHONE_NUMBER =
    'Connect refuses a desk phone without its number; the public schema makes the number optional';

export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
    // The patterns: the public schema's own mistakes are not parity.
    {
        path: 'Username',
        kind: 'pattern',
        reason: "Anchored: the public pattern has neither ^ nor $, so it takes any text with one allowed character in it ('j doe', 'jane!'); Connect takes a user name made only of letters, digits and _ - . @",
    },
    { path: 'PhoneConfig.DeskPhoneNumber', kind: 'pattern', reason: DESK_PHONE },
    {
        path: 'IdentityInfo.SecondaryEmail',
        kind: 'pattern',
        reason: "Anchored at its end: the public pattern ends without $, so it takes an address followed by anything ('jane@example.com, not monitored!'); Connect takes one address and nothing else, and refuses the rest after the create has begun",
    },
    { path: 'PhoneNumberConfigs[].PhoneNumber', kind: 'pattern', reason: DESK_PHONE },
    {
        path: 'Tags[].Key',
        kind: 'pattern',
        reason: "Connect's tag-key rule: Unicode letters, digits, whitespace and _ . : / = + - @, and no aws: prefix in any letter case. The public class [a-zA-Z+-=._:/] is a mistake: +-= is the range from + to =, which lets in , ; < and digits, and it leaves out whitespace, non-ASCII letters and @ (so 'Modified By' and 'AWS:owner' are the other way round there)",
    },
    // Levels and limits Connect refuses.
    { path: 'UserProficiencies[].Level', kind: 'minimum', reason: LEVEL },
    { path: 'UserProficiencies[].Level', kind: 'maximum', reason: LEVEL },
    {
        path: 'UserProficiencies[].Level',
        kind: 'multipleOf',
        reason: `${LEVEL}: a fractional level is refused as "must be a whole number"`,
    },
    {
        path: 'PhoneConfig.AfterContactWorkTimeLimit',
        kind: 'maximum',
        reason: ACW_MAXIMUM,
    },
    {
        path: 'AfterContactWorkConfigs[].AfterContactWorkConfig.AfterContactWorkTimeLimit',
        kind: 'maximum',
        reason: ACW_MAXIMUM,
    },
    {
        path: 'AfterContactWorkConfigs[].AgentFirstCallbackAfterContactWorkConfig.AfterContactWorkTimeLimit',
        kind: 'maximum',
        reason: ACW_MAXIMUM,
    },
    // One entry per channel.
    {
        path: 'AutoAcceptConfigs',
        kind: 'maxItems',
        reason: ONE_PER_CHANNEL('four channels'),
    },
    {
        path: 'AfterContactWorkConfigs',
        kind: 'maxItems',
        reason: ONE_PER_CHANNEL('four channels'),
    },
    {
        path: 'PhoneNumberConfigs',
        kind: 'maxItems',
        reason: ONE_PER_CHANNEL('one channel, VOICE'),
    },
    {
        path: 'PersistentConnectionConfigs',
        kind: 'maxItems',
        reason: ONE_PER_CHANNEL('one channel, VOICE'),
    },
    {
        path: 'VoiceEnhancementConfigs',
        kind: 'maxItems',
        reason: ONE_PER_CHANNEL('one channel, VOICE'),
    },
    { path: 'AutoAcceptConfigs', kind: 'uniqueItems', reason: SAME_ENTRY_TWICE },
    { path: 'AfterContactWorkConfigs', kind: 'uniqueItems', reason: SAME_ENTRY_TWICE },
    { path: 'PhoneNumberConfigs', kind: 'uniqueItems', reason: SAME_ENTRY_TWICE },
    {
        path: 'PersistentConnectionConfigs',
        kind: 'uniqueItems',
        reason: SAME_ENTRY_TWICE,
    },
    { path: 'VoiceEnhancementConfigs', kind: 'uniqueItems', reason: SAME_ENTRY_TWICE },
    // Replacement rather than an update Connect cannot make.
    {
        path: 'InstanceArn',
        kind: 'createOnly',
        reason: 'A user cannot move to another instance: a new instance replaces the user',
    },
    {
        path: 'Username',
        kind: 'createOnly',
        reason: 'Connect cannot rename a user: a new user name replaces the user',
    },
    {
        path: 'DirectoryUserId',
        kind: 'createOnly',
        reason: 'Connect cannot change the directory user: a new one replaces the user',
    },
    // Rules no schema keyword says (semanticProblems in src/validate.ts).
    { path: 'IdentityInfo.FirstName', kind: 'rule', reason: NFC },
    { path: 'IdentityInfo.LastName', kind: 'rule', reason: NFC },
    {
        path: '(any text)',
        kind: 'rule',
        reason: 'A lone UTF-16 surrogate is not Unicode text, and Connect cannot store it',
    },
    {
        path: 'PhoneNumberConfigs[].Channel',
        kind: 'rule',
        reason: VOICE_ONLY('phone number settings'),
    },
    {
        path: 'PersistentConnectionConfigs[].Channel',
        kind: 'rule',
        reason: VOICE_ONLY('persistent connection'),
    },
    {
        path: 'VoiceEnhancementConfigs[].Channel',
        kind: 'rule',
        reason: VOICE_ONLY('voice enhancement'),
    },
    {
        path: 'AutoAcceptConfigs[].AgentFirstCallbackAutoAccept',
        kind: 'rule',
        reason: VOICE_ONLY('agent-first callbacks'),
    },
    {
        path: 'AfterContactWorkConfigs[].AgentFirstCallbackAfterContactWorkConfig',
        kind: 'rule',
        reason: VOICE_ONLY('agent-first callbacks'),
    },
    {
        path: 'PhoneConfig.AutoAccept',
        kind: 'rule',
        reason: CONFLICT('AutoAcceptConfigs'),
    },
    {
        path: 'PhoneConfig.AfterContactWorkTimeLimit',
        kind: 'rule',
        reason: CONFLICT('AfterContactWorkConfigs'),
    },
    {
        path: 'PhoneConfig.PhoneType',
        kind: 'rule',
        reason: CONFLICT('PhoneNumberConfigs'),
    },
    {
        path: 'PhoneConfig.DeskPhoneNumber',
        kind: 'rule',
        reason: CONFLICT('PhoneNumberConfigs'),
    },
    {
        path: 'PhoneConfig.PersistentConnection',
        kind: 'rule',
        reason: CONFLICT('PersistentConnectionConfigs'),
    },
    { path: 'AutoAcceptConfigs[].Channel', kind: 'rule', reason: DUPLICATE_CHANNEL },
    {
        path: 'AfterContactWorkConfigs[].Channel',
        kind: 'rule',
        reason: DUPLICATE_CHANNEL,
    },
    {
        path: 'PhoneConfig.PhoneType=DESK_PHONE',
        kind: 'rule',
        reason: DESK_PHONE_NUMBER,
    },
    {
        path: 'PhoneNumberConfigs[].PhoneType=DESK_PHONE',
        kind: 'rule',
        reason: DESK_PHONE_NUMBER,
    },
    {
        path: 'Tags[].Key',
        kind: 'rule',
        reason: 'A tag key once per user: Connect keeps tags as a map, so a second value would replace the first',
    },
    {
        path: 'Tags[].Key=cloudformation-provider:create-request',
        kind: 'rule',
        reason: 'Reserved: this type marks the users it is creating with it, to adopt only its own user when the answer to CreateUser is lost',
    },
    {
        path: 'UserProficiencies[]',
        kind: 'rule',
        reason: 'One level per AttributeName and AttributeValue: Connect holds one',
    },
];

/** The entries that a schema keyword makes, which the structural comparison must find. */
export const STRUCTURAL_DIFFERENCES = DELIBERATE_DIFFERENCES.filter(
    (difference) => difference.kind !== 'rule'
);

/** `Tags[].Key pattern`: how the tests name an entry. */
export const nameOf = (difference: { path: string; kind: string }) =>
    `${difference.path} ${difference.kind}`;

import schema from '../../aws-connect-user.json';
import type { ResourceProperties } from '../../src/properties';
import { validateProperties } from '../../src/validate';
import { userModel } from '../fixtures/events';
import {
    hierarchyGroupArn,
    INSTANCE_ARN,
    routingProfileArn,
    securityProfileArn,
    USER_ARN,
} from '../fixtures/ids';

/**
 * Every pattern of the schema, value by value: what Connect takes passes, and
 * anything around a value Connect takes (text after it, text before it, a
 * second line) is refused, naming the field. A pattern that is not anchored at
 * both ends takes `jane@example.com, not monitored!`; Connect refuses it after
 * the create has begun.
 */

type Json = Record<string, unknown>;

interface PatternField {
    /** The field as validation names it. */
    field: string;
    /** A model holding `value` in that field. */
    model(value: string): Json;
    /** Values Connect takes (the AWS CLI reference's examples among them). */
    valid: string[];
    /** Values of the right alphabet that Connect refuses all the same. */
    invalid: string[];
}

const model = (overrides: Json): Json => ({
    ...(userModel() as Json),
    ...overrides,
});

const identity = (field: string) => (value: string) =>
    model({ IdentityInfo: { FirstName: 'Jane', LastName: 'Doe', [field]: value } });

const FIELDS: PatternField[] = [
    {
        field: 'IdentityInfo.SecondaryEmail',
        model: identity('SecondaryEmail'),
        valid: [
            'marym@example.com',
            'jane.doe+desk@mail.example.co.uk',
            'a_b%c-d@example-corp.travel',
        ],
        invalid: [
            'jane@example.com, not monitored!',
            'jane@example',
            'jane@@example.com',
            'jane doe@example.com',
            `${'a'.repeat(256)}@example.com`,
        ],
    },
    {
        field: 'IdentityInfo.Mobile',
        model: identity('Mobile'),
        valid: ['+15555551212', '+442071838750', '+12'],
        invalid: ['15555551212', '+05555551212', '+1555555121212345', '+1 555 555'],
    },
    {
        field: 'PhoneConfig.DeskPhoneNumber',
        model: (value) =>
            model({ PhoneConfig: { PhoneType: 'DESK_PHONE', DeskPhoneNumber: value } }),
        valid: ['+15555551212'],
        invalid: ['ext. +15555551212', '+1-555-555-1212'],
    },
    {
        field: 'PhoneNumberConfigs[0].PhoneNumber',
        model: (value) =>
            model({
                PhoneConfig: undefined,
                PhoneNumberConfigs: [
                    { Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: value },
                ],
            }),
        valid: ['+15555551212'],
        invalid: ['ext. +15555551212'],
    },
    {
        field: 'Username',
        model: (value) => model({ Username: value }),
        valid: ['Mary', 'j.doe_2-b', 'marym@example.com'],
        invalid: ['j doe', 'jane!', 'jdoe/admin'],
    },
    {
        field: 'Password',
        model: (value) => model({ Password: value }),
        valid: ['Password1', 'Sup3r$ecret!"\\`\'', 'aB3\u00e9\u4e2d\u{1f511}xyz'],
        invalid: ['password1', 'PASSWORD1', 'Password', 'Pa1', 'Pass word1'],
    },
    {
        field: 'Tags[0].Key',
        model: (value) => model({ Tags: [{ Key: value, Value: 'v' }] }),
        valid: ['cost-centre', 'Modified By', 'owner@team', 'clé:équipe/1'],
        invalid: ['aws:owner', 'AWS:owner', 'cost,centre', 'a;b'],
    },
    {
        field: 'InstanceArn',
        model: (value) => model({ InstanceArn: value }),
        valid: [INSTANCE_ARN],
        invalid: [
            'arn:aws:connect:us-east-1:12345678901:instance/i',
            'arn:aws:s3:::bucket',
        ],
    },
    {
        field: 'RoutingProfileArn',
        model: (value) => model({ RoutingProfileArn: value }),
        valid: [routingProfileArn(1)],
        invalid: [`${INSTANCE_ARN}/queue/q`],
    },
    {
        field: 'SecurityProfileArns[0]',
        model: (value) => model({ SecurityProfileArns: [value] }),
        valid: [securityProfileArn(1)],
        invalid: [`${INSTANCE_ARN}/routing-profile/p`],
    },
    {
        field: 'HierarchyGroupArn',
        model: (value) => model({ HierarchyGroupArn: value }),
        valid: [hierarchyGroupArn(1)],
        invalid: [`${INSTANCE_ARN}/agent-group/g/h`],
    },
    {
        field: 'UserArn',
        model: (value) => model({ UserArn: value }),
        valid: [USER_ARN],
        invalid: [`${INSTANCE_ARN}/agent`],
    },
];

/** Text around a value Connect takes: each must make it refused. */
const SURROUNDINGS: Array<[string, (value: string) => string]> = [
    ['text after it', (value) => `${value}, not monitored!`],
    ['text before it', (value) => `(see) ${value}`],
    ['a second line after it', (value) => `${value}\nsecond`],
    ['a second line before it', (value) => `first\n${value}`],
];

/** Where the schema has a pattern, as validation names the field (`[0]` for any item). */
function patternFields(node: unknown, path = ''): string[] {
    if (typeof node !== 'object' || node === null) {
        return [];
    }
    const at = node as Json;
    const ref = typeof at.$ref === 'string' ? at.$ref : undefined;
    const definitions = schema.definitions as Record<string, unknown>;
    if (ref?.startsWith('#/definitions/')) {
        return patternFields(definitions[ref.slice('#/definitions/'.length)], path);
    }
    const own = typeof at.pattern === 'string' ? [path] : [];
    const items = at.items ? patternFields(at.items, `${path}[0]`) : [];
    const properties = Object.entries((at.properties ?? {}) as Json).flatMap(
        ([key, child]) => patternFields(child, path ? `${path}.${key}` : key)
    );
    return [...own, ...items, ...properties];
}

function problemsOf(properties: Json): string[] {
    const result = validateProperties(properties as ResourceProperties);
    return result.valid ? [] : result.problems;
}

it('has a row for every pattern of the schema', () => {
    expect(FIELDS.map((row) => row.field).sort()).toEqual(
        [...new Set(patternFields(schema))].sort()
    );
});

describe.each(FIELDS)('$field', ({ field, model: modelWith, valid, invalid }) => {
    it.each(valid)('takes %j', (value) => {
        expect(problemsOf(modelWith(value))).toEqual([]);
    });

    it.each(invalid)('refuses %j, naming the field', (value) => {
        expect(problemsOf(modelWith(value))).toEqual([
            expect.stringMatching(new RegExp(`^${escaped(field)} must match pattern`)),
        ]);
    });

    it.each(SURROUNDINGS)('refuses a value Connect takes with %s', (_case, around) => {
        expect(problemsOf(modelWith(around(valid[0])))).toEqual([
            expect.stringMatching(new RegExp(`^${escaped(field)} must match pattern`)),
        ]);
    });
});

function escaped(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { desiredSettings } from '../../src/channels';
import {
    ConnectClient,
    DescribeUserCommand,
    ListUserProficienciesCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import ourSchemaJson from '../../aws-connect-user.json';
import { validateProperties } from '../../src/validate';
import { connectUser, handlerEvent, userModel } from '../fixtures/events';
import { INSTANCE_ARN, USER_ARN } from '../fixtures/ids';
import { invoke } from '../fixtures/invoke';
import { BOTH_WAYS } from './both-ways';
import { DELIBERATE_DIFFERENCES, nameOf, STRUCTURAL_DIFFERENCES } from './differences';
import { witness } from './pattern-witness';
import { templateModelArb } from './public-models';
import { PUBLIC_SCHEMA, publicProblems } from './public-schema';
import {
    compareSchemas,
    detailOf,
    type ResourceSchema,
    type SchemaNode,
    unhandledKeywords,
} from './schema-walk';

/**
 * Parity with the newest public AWS::Connect::User schema: whatever a template
 * valid for it holds, this type takes, or refuses before any call with a
 * message that names the field and says why. Where it refuses, the reason is
 * one of the deliberate differences in test/parity/differences.ts.
 */

const OUR_SCHEMA = ourSchemaJson as unknown as ResourceSchema;
const comparison = compareSchemas(PUBLIC_SCHEMA, OUR_SCHEMA);
const sortedNames = (items: Array<{ path: string; kind: string }>) =>
    items.map(nameOf).sort();

/** The value at a field name as the messages write it: `Tags[0].Key`. */
function valueAt(model: unknown, field: string): unknown {
    return field.split(/\.|(?=\[)/).reduce<unknown>((at, part) => {
        const index = /^\[(\d+)\]$/.exec(part);
        if (typeof at !== 'object' || at === null) return undefined;
        return index
            ? (at as unknown[])[Number(index[1])]
            : (at as Record<string, unknown>)[part];
    }, model);
}

const LEADING_FIELD = /^[A-Za-z]\w*(?:\[\d+\])*(?:\.[A-Za-z]\w*(?:\[\d+\])*)*/;

/**
 * Whether a message begins with a field of the model: one it holds, or a
 * missing one it says is required of an object the model holds.
 */
function namesAFieldOf(model: unknown, problem: string): boolean {
    const field = LEADING_FIELD.exec(problem)?.[0];
    if (field === undefined) return false;
    if (valueAt(model, field) !== undefined) return true;
    const parent = field.replace(/(?:\.[A-Za-z]\w*|\[\d+\])$/, '');
    return (
        parent !== field &&
        / is required\b/.test(problem) &&
        valueAt(model, parent) !== undefined
    );
}

/** A model as a template gives it to the handler: booleans and numbers as strings. */
function asTemplate(value: unknown): unknown {
    if (typeof value === 'boolean' || typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map(asTemplate);
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([key, item]) => [key, asTemplate(item)])
        );
    }
    return value;
}

describe('the public schema fixture', () => {
    it('takes the example of the CloudFormation template reference, as this type does', () => {
        const example = {
            IdentityInfo: {
                FirstName: 'firstname',
                LastName: 'lastname',
                Email: 'example@email.com',
            },
            PhoneConfig: {
                PhoneType: 'DESK_PHONE',
                AutoAccept: true,
                DeskPhoneNumber: '+12345678902',
                AfterContactWorkTimeLimit: 10,
            },
            Username: 'exampleuser',
            InstanceArn: INSTANCE_ARN,
            RoutingProfileArn: userModel().RoutingProfileArn,
            SecurityProfileArns: userModel().SecurityProfileArns,
            Password: 'Passw0rdExample',
            Tags: [{ Key: 'tagKey', Value: 'tagValue' }],
        };

        expect(publicProblems(example)).toEqual([]);
        expect(validateProperties(example).valid).toBe(true);
    });

    it('uses, as this type does, no keyword the comparison does not understand', () => {
        expect(unhandledKeywords(PUBLIC_SCHEMA)).toEqual([]);
        expect(unhandledKeywords(OUR_SCHEMA)).toEqual([]);
    });
});

describe('where this type is stricter than the public schema', () => {
    it('is exactly the documented list of deliberate differences', () => {
        expect(sortedNames(comparison.stricter)).toEqual(
            sortedNames([...STRUCTURAL_DIFFERENCES])
        );
    });

    it('names each deliberate difference once, with its reason', () => {
        const names = DELIBERATE_DIFFERENCES.map(nameOf);
        expect(new Set(names).size).toBe(names.length);
        for (const difference of DELIBERATE_DIFFERENCES) {
            expect(difference.reason.length).toBeGreaterThan(20);
        }
    });

    it.each(comparison.stricter.filter((d) => d.kind === 'pattern'))(
        'refuses text the public pattern takes at $path',
        (difference) => {
            expect(witness(String(difference.public), String(difference.ours))).toEqual(
                expect.any(String)
            );
        }
    );

    it('lists, for information, where this type is looser', () => {
        // a changed pattern is looser only where some text shows it
        const lines = comparison.looser.flatMap((difference) => {
            const line = `  ${nameOf(difference)}: ${detailOf(difference)}`;
            if (difference.kind !== 'pattern') return [line];
            const example = witness(String(difference.ours), String(difference.public));
            return example === undefined
                ? []
                : [`${line}; e.g. ${JSON.stringify(example)}`];
        });
        console.info(
            [
                'Where this type takes what the public schema refuses (not a failure):',
                ...lines,
            ].join('\n')
        );
        expect(lines.every((line) => line.trim().length > 0)).toBe(true);
    });
});

describe('the comparison', () => {
    type Mutable = ResourceSchema & { definitions: Record<string, SchemaNode> };
    const baseline = new Set(comparison.stricter.map(nameOf));
    /** What the comparison finds stricter once `change` is made to this type's schema. */
    const newlyStricter = (change: (schema: Mutable) => void) => {
        const schema = structuredClone(OUR_SCHEMA) as Mutable;
        change(schema);
        const found = compareSchemas(PUBLIC_SCHEMA, schema);
        return {
            stricter: found.stricter.map(nameOf).filter((name) => !baseline.has(name)),
            looser: found.looser.map(nameOf),
        };
    };
    const props = (schema: Mutable, definition: string) =>
        schema.definitions[definition].properties as Record<string, SchemaNode>;

    it.each<[string, (schema: Mutable) => void, string[]]>([
        [
            'a property left out',
            (s) => delete props(s, 'UserIdentityInfo').Mobile,
            ['IdentityInfo.Mobile property'],
        ],
        [
            'another type',
            (s) => (s.definitions.AutoAccept.type = 'string'),
            ['PhoneConfig.AutoAccept type'],
        ],
        [
            'an enum value dropped',
            (s) => (s.definitions.PhoneType.enum = ['SOFT_PHONE']),
            ['PhoneConfig.PhoneType enum', 'PhoneNumberConfigs[].PhoneType enum'],
        ],
        [
            'a pattern added',
            (s) => (s.definitions.Email.pattern = '^\\S+@\\S+$'),
            ['IdentityInfo.Email pattern'],
        ],
        [
            'a shorter maximum length',
            (s) => (props(s, 'Tag').Value.maxLength = 100),
            ['Tags[].Value maxLength'],
        ],
        [
            'a longer minimum length',
            (s) => (props(s, 'UserProficiency').AttributeName.minLength = 2),
            ['UserProficiencies[].AttributeName minLength'],
        ],
        [
            'a higher minimum',
            (s) => (s.definitions.AfterContactWorkTimeLimit.minimum = 1),
            [
                'PhoneConfig.AfterContactWorkTimeLimit minimum',
                'AfterContactWorkConfigs[].AfterContactWorkConfig.AfterContactWorkTimeLimit minimum',
                'AfterContactWorkConfigs[].AgentFirstCallbackAfterContactWorkConfig.AfterContactWorkTimeLimit minimum',
            ],
        ],
        [
            'fewer items at most, more at least',
            (s) => {
                (s.properties as Record<string, SchemaNode>).Tags.maxItems = 10;
                (
                    s.properties as Record<string, SchemaNode>
                ).SecurityProfileArns.minItems = 2;
            },
            ['Tags maxItems', 'SecurityProfileArns minItems'],
        ],
        [
            'unique items',
            (s) =>
                ((
                    s.properties as Record<string, SchemaNode>
                ).UserProficiencies.uniqueItems = true),
            ['UserProficiencies uniqueItems'],
        ],
        [
            'a required property',
            (s) => (s.definitions.UserIdentityInfo.required = ['Email']),
            ['IdentityInfo.Email required'],
        ],
        [
            'a create-only property',
            (s) => s.createOnlyProperties?.push('/properties/HierarchyGroupArn'),
            ['HierarchyGroupArn createOnly'],
        ],
    ])("notices %s in this type's schema", (_case, change, expected) => {
        expect(newlyStricter(change).stricter.sort()).toEqual([...expected].sort());
    });

    it('counts a constraint this type drops as looser, not stricter', () => {
        const found = newlyStricter((s) => delete s.definitions.Mobile.pattern);
        expect(found.stricter).toEqual([]);
        expect(found.looser).toContain('IdentityInfo.Mobile pattern');
    });
});

/**
 * What a CREATE refuses before any call: the schema and the rules it cannot
 * say, then the two views of one per-channel setting disagreeing (which an
 * UPDATE judges against its previous model instead).
 */
function createValidation(model: unknown): ReturnType<typeof validateProperties> {
    const validation = validateProperties(model);
    if (!validation.valid) {
        return validation;
    }
    const { conflicts } = desiredSettings(validation.properties);
    return conflicts.length ? { valid: false, problems: conflicts } : validation;
}

describe('each deliberate difference, both ways', () => {
    const byValidation = DELIBERATE_DIFFERENCES.filter(
        (difference) => difference.kind !== 'createOnly'
    );

    it('has a case for every difference validation makes, and for nothing else', () => {
        expect(Object.keys(BOTH_WAYS).sort()).toEqual(byValidation.map(nameOf).sort());
    });

    describe.each(byValidation.map((difference) => [nameOf(difference), difference]))(
        '%s',
        (name) => {
            const { refused, problems, accepted } = BOTH_WAYS[name];

            it('refuses a model the public schema takes, naming the field and why', () => {
                expect(publicProblems(refused)).toEqual([]);
                expect(createValidation(refused)).toEqual({ valid: false, problems });
                for (const problem of problems) {
                    expect(namesAFieldOf(refused, problem)).toBe(true);
                }
            });

            it('takes the close variant the public schema takes too', () => {
                expect(publicProblems(accepted)).toEqual([]);
                expect(createValidation(accepted)).toEqual({
                    valid: true,
                    properties: accepted,
                });
            });
        }
    );

    describe('create-only properties', () => {
        const connect = mockClient(ConnectClient);
        const OTHER_INSTANCE =
            'arn:aws:connect:us-east-1:123456789012:instance/22222222-2222-4222-8222-222222222222';
        const previous = userModel({
            UserArn: USER_ARN,
            DirectoryUserId: 'directory-1',
        });
        const changes: Record<string, Record<string, unknown>> = {
            // A template that moves to another instance moves its references with it.
            InstanceArn: JSON.parse(
                JSON.stringify({
                    InstanceArn: previous.InstanceArn,
                    RoutingProfileArn: previous.RoutingProfileArn,
                    SecurityProfileArns: previous.SecurityProfileArns,
                })
                    .split(String(previous.InstanceArn))
                    .join(OTHER_INSTANCE)
            ) as Record<string, unknown>,
            Username: { Username: 'someone-else' },
            DirectoryUserId: { DirectoryUserId: 'directory-2' },
        };

        beforeEach(() => {
            connect.reset();
            connect.on(DescribeUserCommand).resolves({
                User: connectUser({ DirectoryUserId: 'directory-1' }),
            });
            connect
                .on(ListUserProficienciesCommand)
                .resolves({ UserProficiencyList: [] });
        });

        it('are the create-only entries of the list', () => {
            expect(Object.keys(changes).sort()).toEqual(
                DELIBERATE_DIFFERENCES.filter((d) => d.kind === 'createOnly')
                    .map((d) => d.path)
                    .sort()
            );
        });

        it.each(Object.entries(changes))(
            '%s is create-only here, not in the public schema, and either value is taken at creation',
            (field, change) => {
                expect(PUBLIC_SCHEMA.createOnlyProperties ?? []).not.toContain(
                    `/properties/${field}`
                );
                expect(OUR_SCHEMA.createOnlyProperties).toContain(
                    `/properties/${field}`
                );
                expect(validateProperties({ ...previous, ...change }).valid).toBe(true);
                expect(validateProperties(previous).valid).toBe(true);
            }
        );

        it.each(['Username', 'DirectoryUserId'])(
            '%s: an UPDATE that carries the same value is an update, a new one is refused naming the field',
            async (field) => {
                const same = await invoke(
                    handlerEvent('UPDATE', previous, { previous })
                );
                expect(same.status).toBe('SUCCESS');

                // only from a caller that ignores the schema: CloudFormation replaces the user
                const changed = await invoke(
                    handlerEvent(
                        'UPDATE',
                        { ...previous, ...changes[field] },
                        { previous }
                    )
                );
                expect(changed).toMatchObject({
                    status: 'FAILED',
                    errorCode: 'NotUpdatable',
                    message: expect.stringMatching(
                        new RegExp(
                            `^${field} cannot be changed after the user is created`
                        )
                    ),
                });
            }
        );

        it('InstanceArn: an UPDATE that carries another instance is refused naming the field', async () => {
            const response = await invoke(
                handlerEvent(
                    'UPDATE',
                    { ...previous, ...changes.InstanceArn },
                    { previous }
                )
            );
            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'NotUpdatable',
                message: expect.stringMatching(
                    /^InstanceArn cannot be changed after the user is created/
                ),
            });
        });
    });
});

describe('any model the public schema takes', () => {
    const SEED = 20_150_815;
    const RUNS = 300;

    it('is taken, or refused with messages that each name a field of the model', () => {
        let accepted = 0;
        let refused = 0;
        fc.assert(
            fc.property(templateModelArb, (model) => {
                expect(publicProblems(model)).toEqual([]);
                const result = validateProperties(model);
                // CloudFormation gives a template's booleans and numbers as strings
                expect(validateProperties(asTemplate(model))).toEqual(result);
                if (result.valid) {
                    accepted += 1;
                    return;
                }
                refused += 1;
                expect(
                    result.problems.filter((problem) => !namesAFieldOf(model, problem))
                ).toEqual([]);
            }),
            { seed: SEED, numRuns: RUNS }
        );
        expect(accepted).toBeGreaterThan(0);
        expect(refused).toBeGreaterThan(0);
    });
});

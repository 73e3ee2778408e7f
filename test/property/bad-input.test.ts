import fc from 'fast-check';
import type { ResourceProperties } from '../../src/properties';
import { handlerEvent } from '../fixtures/events';
import { invoke, type Response } from '../fixtures/invoke';
import { identityOfUserArb, managed, modelOf, mutablePartArb } from './arbitraries';
import { type Emulator, startPropertyEmulator } from './harness';

/**
 * Bad input: a model that breaks the schema, or an event that is not what
 * CloudFormation sends, is answered with a FAILED event whose code is the
 * contract's (InvalidRequest) and whose message names the problem. Nothing
 * reaches Connect, nothing is an InternalFailure, nothing rejects unhandled.
 */

const SEED = 777;
const RUNS = { models: 250, events: 120 };

type Json = Record<string, unknown>;

/** A broken model, the field the message must name, and what broke it. */
interface Broken {
    model: Json;
    field: string;
    why: string;
}

let emulator: Emulator;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
    emulator = await startPropertyEmulator();
    process.on('unhandledRejection', onUnhandled);
});

afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await emulator.close();
});

afterEach(() => {
    expect(unhandled).toEqual([]);
});

const validModelArb = fc
    .tuple(identityOfUserArb, mutablePartArb())
    .map(([identity, part]) => modelOf(identity, part) as Json);

const clone = (model: Json): Json => structuredClone(model);

/** Sets a value at a path, creating objects on the way. */
function setAt(model: Json, path: Array<string | number>, value: unknown): Json {
    const copy = clone(model);
    let node = copy as Record<string | number, unknown>;
    path.slice(0, -1).forEach((part, index) => {
        const next = path[index + 1];
        if (typeof node[part] !== 'object' || node[part] === null) {
            node[part] = typeof next === 'number' ? [] : {};
        }
        node = node[part] as Record<string | number, unknown>;
    });
    node[path[path.length - 1]] = value;
    return copy;
}

const VALID_TAG = { Key: 'team', Value: 'billing' };
const VALID_PROFICIENCY = {
    AttributeName: 'Skill',
    AttributeValue: 'Billing',
    Level: 3,
};

/** Values no JSON Schema coercion turns into the type the field needs. */
const notAString = fc.constantFrom<unknown>({}, [], { a: 1 }, ['x']);
const notABoolean = fc.constantFrom<unknown>('yes', 'TRUE ', 2, {}, [], 'on');
const notAnInteger = fc.constantFrom<unknown>('sixty', 1.5, {}, [], '1e400');
const notANumber = fc.constantFrom<unknown>('high', {}, [], '3 stars');

const field = (path: Array<string | number>): string =>
    path.reduce<string>(
        (name, part) =>
            typeof part === 'number'
                ? `${name}[${part}]`
                : name
                  ? `${name}.${part}`
                  : part,
        ''
    );

/** A breaker sets one path to one bad value; the message must name the path. */
const at = (
    reason: string,
    path: Array<string | number>,
    values: fc.Arbitrary<unknown>,
    named = field(path)
): fc.Arbitrary<(model: Json) => Broken> =>
    values.map((value) => {
        const why = `${reason}: ${field(path)} = ${JSON.stringify(value)}`;
        const breaker = (model: Json): Broken => ({
            model: setAt(model, path, value),
            field: named,
            why,
        });
        return Object.assign(breaker, { [fc.toStringMethod]: () => why });
    });

const badArn = (kind: string) =>
    fc.constantFrom(
        `arn:aws:connect:us-east-1:12345:instance/${managed.id}/${kind}/x`,
        `${managed.arn}/wrong-kind/abc`,
        'not-an-arn',
        `arn:aws:s3:::bucket/${kind}/x`,
        `${managed.arn}/${kind}/has space`,
        ''
    );

const loneSurrogate = fc.constantFrom('\ud800', 'a\udc00b', '\udfff\ud800');

const breakers: fc.Arbitrary<(model: Json) => Broken> = fc.oneof(
    // wrong types
    at('wrong type', ['Username'], notAString),
    at('wrong type', ['IdentityInfo'], fc.constantFrom<unknown>('Jane', 3, [], true)),
    at('wrong type', ['IdentityInfo', 'FirstName'], notAString),
    at('wrong type', ['PhoneConfig', 'AutoAccept'], notABoolean),
    at('wrong type', ['PhoneConfig', 'AfterContactWorkTimeLimit'], notAnInteger),
    at('wrong type', ['SecurityProfileArns'], fc.constantFrom<unknown>('arn', {}, 1)),
    at('wrong type', ['Tags'], fc.constantFrom<unknown>('team=billing', {}, 1)),
    at('wrong type', ['Tags', 0], fc.constantFrom<unknown>('team', 1, [])),
    at('wrong type', ['UserProficiencies', 0, 'Level'], notANumber),
    at(
        'wrong type',
        ['PersistentConnectionConfigs', 0],
        fc.constantFrom<unknown>({ Channel: 'VOICE', PersistentConnection: 'maybe' }),
        'PersistentConnectionConfigs[0].PersistentConnection'
    ),
    // out of range
    at(
        'out of range',
        ['PhoneConfig', 'AfterContactWorkTimeLimit'],
        fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 2_000_001 }))
    ),
    at(
        'out of range',
        ['AfterContactWorkConfigs', 0],
        fc.integer({ min: 2_000_001, max: 2 ** 40 }).map((limit) => ({
            Channel: 'CHAT',
            AfterContactWorkConfig: { AfterContactWorkTimeLimit: limit },
        })),
        'AfterContactWorkConfigs[0].AfterContactWorkConfig.AfterContactWorkTimeLimit'
    ),
    at(
        'out of range',
        ['UserProficiencies', 0],
        fc
            .oneof(
                fc.double({ max: 0.999, noNaN: true }),
                fc.double({ min: 5.001, noNaN: true, noDefaultInfinity: true })
            )
            .map((Level) => ({ ...VALID_PROFICIENCY, Level })),
        'UserProficiencies[0].Level'
    ),
    at('too short', ['Username'], fc.constant('')),
    at(
        'too long',
        ['Username'],
        fc.integer({ min: 65, max: 200 }).map((n) => 'a'.repeat(n))
    ),
    at(
        'too long',
        ['IdentityInfo', 'FirstName'],
        fc.integer({ min: 256, max: 400 }).map((n) => 'é'.repeat(n))
    ),
    at(
        'too long',
        ['Tags', 0],
        fc.constant({ Key: 'k'.repeat(129), Value: 'v' }),
        'Tags[0].Key'
    ),
    at(
        'too long',
        ['Tags', 0],
        fc.constant({ Key: 'k', Value: 'v'.repeat(257) }),
        'Tags[0].Value'
    ),
    // bad ARNs and patterns
    at(
        'bad ARN',
        ['InstanceArn'],
        badArn('instance').map((arn) => arn.replace(/\/instance\/x$/, ''))
    ),
    at('bad ARN', ['RoutingProfileArn'], badArn('routing-profile')),
    at('bad ARN', ['HierarchyGroupArn'], badArn('agent-group')),
    at('bad ARN', ['SecurityProfileArns', 0], badArn('security-profile')),
    at(
        'bad pattern',
        ['IdentityInfo', 'Mobile'],
        fc.constantFrom('5551234', '+0123', '+1 555')
    ),
    at('bad pattern', ['Username'], fc.constantFrom('jane doe', 'jane!', 'ünï')),
    at(
        'bad pattern',
        ['Password'],
        fc.constantFrom('short1A', 'alllowercase1', 'NoDigitsHere')
    ),
    // unknown properties at any level
    at('unknown property', ['Nickname'], fc.string(), 'the model'),
    at('unknown property', ['IdentityInfo', 'Nickname'], fc.string(), 'IdentityInfo'),
    at('unknown property', ['PhoneConfig', 'Ringtone'], fc.string(), 'PhoneConfig'),
    at(
        'unknown property',
        ['Tags', 0],
        fc.constant({ ...VALID_TAG, Colour: 'red' }),
        'Tags[0]'
    ),
    at(
        'unknown property',
        ['UserProficiencies', 0],
        fc.constant({ ...VALID_PROFICIENCY, Since: '2020' }),
        'UserProficiencies[0]'
    ),
    at(
        'unknown property',
        ['AfterContactWorkConfigs', 0],
        fc.constant({
            Channel: 'TASK',
            AfterContactWorkConfig: { AfterContactWorkTimeLimit: 5, Unit: 's' },
        }),
        'AfterContactWorkConfigs[0].AfterContactWorkConfig'
    ),
    // oversized arrays
    at(
        'too many',
        ['SecurityProfileArns'],
        fc.constant(
            Array.from(
                { length: 11 },
                (_, i) => `${managed.arn}/security-profile/sp${i}`
            )
        )
    ),
    at('too few', ['SecurityProfileArns'], fc.constant([])),
    at(
        'too many',
        ['Tags'],
        fc
            .integer({ min: 51, max: 80 })
            .map((n) =>
                Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
            )
    ),
    at(
        'too many',
        ['AutoAcceptConfigs'],
        fc.constant(
            ['VOICE', 'CHAT', 'TASK', 'EMAIL', 'VOICE'].map((Channel) => ({
                Channel,
                AutoAccept: true,
            }))
        )
    ),
    // reserved tag keys
    at(
        'aws: tag key',
        ['Tags', 0],
        fc
            .constantFrom('aws:team', 'aws:cloudformation:stack-name')
            .map((Key) => ({ Key, Value: 'v' })),
        'Tags[0].Key'
    ),
    // invalid unicode
    at(
        'unpaired surrogate',
        ['Tags', 0],
        loneSurrogate.map((Key) => ({ Key, Value: 'v' })),
        'Tags[0].Key'
    ),
    // the handler's own rules
    // PhoneConfig and its list's VOICE entry, both unlike the previous model
    // (a valid model's limit is under 7777): no way to tell which is meant.
    at(
        'conflict',
        ['AfterContactWorkConfigs'],
        fc.constant([
            {
                Channel: 'VOICE',
                AfterContactWorkConfig: { AfterContactWorkTimeLimit: 7777 },
            },
        ]),
        'AfterContactWorkConfigs'
    ).map((breaker) => (model: Json) => {
        const broken = breaker(model);
        broken.model.PhoneConfig = {
            PhoneType: 'SOFT_PHONE',
            AfterContactWorkTimeLimit: 8888,
        };
        return broken;
    }),
    at(
        'duplicate channel',
        ['AfterContactWorkConfigs'],
        fc.constantFrom('VOICE', 'CHAT', 'TASK', 'EMAIL').map((Channel) => [
            { Channel, AfterContactWorkConfig: {} },
            { Channel, AfterContactWorkConfig: { AfterContactWorkTimeLimit: 9 } },
        ])
    ).map((breaker) => (model: Json) => {
        const broken = breaker(model);
        delete (broken.model.PhoneConfig as Json | undefined)
            ?.AfterContactWorkTimeLimit;
        return broken;
    }),
    at(
        'duplicate tag key',
        ['Tags'],
        fc.constant([VALID_TAG, { ...VALID_TAG, Value: 'other' }])
    ),
    at(
        'voice only',
        ['VoiceEnhancementConfigs'],
        fc.constant([{ Channel: 'CHAT', VoiceEnhancementMode: 'NONE' }])
    )
);

async function expectRefused(event: unknown, named: string): Promise<Response> {
    emulator.resetCalls();
    const response = await invoke(event);
    expect(response).toMatchObject({ status: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toContain(named);
    expect(emulator.calls()).toEqual([]);
    return response;
}

describe('a model that breaks the schema', () => {
    it('is InvalidRequest naming the field, on CREATE and UPDATE, with no call to Connect', async () => {
        await fc.assert(
            fc.asyncProperty(
                validModelArb,
                breakers,
                fc.constantFrom('CREATE', 'UPDATE'),
                async (valid, breaker, action) => {
                    const { model, field: named } = breaker(valid);
                    const userArn = managed.userArn(
                        '00000000-0000-4000-8000-000000000001'
                    );
                    const event =
                        action === 'CREATE'
                            ? handlerEvent('CREATE', model)
                            : handlerEvent(
                                  'UPDATE',
                                  { ...model, UserArn: userArn },
                                  { previous: { ...valid, UserArn: userArn } }
                              );
                    await expectRefused(event, named);
                }
            ),
            { seed: SEED, numRuns: RUNS.models }
        );
    });
});

/**
 * Models that break the schema but pass the handler's validation today and
 * reach Connect. `it` keeps the suite green until they are refused.
 */
describe('schema-breaking models that reach Connect (bugs)', () => {
    const valid = modelOf(
        { Username: 'agent', Password: 'Pa5sword1' },
        {
            RoutingProfileArn: managed.routingProfileArns[0],
            SecurityProfileArns: [managed.securityProfileArns[0]],
            IdentityInfo: { FirstName: 'A', LastName: 'B', Email: 'a@b.cd' },
        }
    ) as Json;
    const phone = { PhoneType: 'SOFT_PHONE' };

    // Regressions: Ajv's `coerceTypes: true` once turned null into 0, false or
    // '', booleans into numbers and numbers into booleans or strings (only the
    // strings CloudFormation sends should be coerced); strings without a
    // pattern took unpaired surrogates; 'AWS:team' passed the case-sensitive
    // `(?!aws:)` although the handler treats it as reserved.
    it.each<[string, Array<string | number>, unknown, string]>([
        [
            'null for an integer becomes 0',
            ['PhoneConfig'],
            { ...phone, AfterContactWorkTimeLimit: null },
            'PhoneConfig.AfterContactWorkTimeLimit',
        ],
        [
            'true for an integer becomes 1',
            ['PhoneConfig'],
            { ...phone, AfterContactWorkTimeLimit: true },
            'PhoneConfig.AfterContactWorkTimeLimit',
        ],
        [
            'null for a boolean becomes false',
            ['PhoneConfig'],
            { ...phone, AutoAccept: null },
            'PhoneConfig.AutoAccept',
        ],
        [
            '1 for a boolean becomes true',
            ['PhoneConfig'],
            { ...phone, AutoAccept: 1 },
            'PhoneConfig.AutoAccept',
        ],
        [
            'true for a level becomes 1',
            ['UserProficiencies'],
            [{ ...VALID_PROFICIENCY, Level: true }],
            'UserProficiencies[0].Level',
        ],
        [
            'a number for a name becomes a string',
            ['IdentityInfo', 'LastName'],
            12,
            'IdentityInfo.LastName',
        ],
        [
            'an unpaired surrogate in a name',
            ['IdentityInfo', 'LastName'],
            'B\ud800',
            'IdentityInfo.LastName',
        ],
        [
            'an unpaired surrogate in a tag value',
            ['Tags'],
            [{ Key: 'k', Value: '\udc00' }],
            'Tags[0].Value',
        ],
        [
            'an upper-case AWS: tag key',
            ['Tags'],
            [{ Key: 'AWS:team', Value: 'v' }],
            'Tags[0].Key',
        ],
    ])('refuses %s', async (_case, path, value, named) => {
        await expectRefused(handlerEvent('CREATE', setAt(valid, path, value)), named);
    });
});

type EnvelopeBreaker = [string, (event: Json) => unknown, string];
const breaking = (
    name: string,
    apply: (event: Json) => unknown,
    words: string
): EnvelopeBreaker => [name, apply, words];

/** Ways to break an event's envelope, with the words the message must contain. */
const envelopeBreakers: fc.Arbitrary<EnvelopeBreaker> = fc.oneof(
    fc
        .constantFrom<unknown>('CREATE', 42, null, [], true)
        .map((event) => breaking('non-object event', () => event, 'not a JSON object')),
    fc
        .constantFrom<unknown>(undefined, 'UPSERT', 'create', 7, null, {})
        .map((action) =>
            breaking(
                'wrong action',
                (event: Json) => ({ ...event, action }),
                'action must be one of'
            )
        ),
    fc
        .constantFrom<unknown>(undefined, null, 'data', [])
        .map((requestData) =>
            breaking(
                'missing requestData',
                (event: Json) => ({ ...event, requestData }),
                'requestData'
            )
        ),
    fc
        .constantFrom<unknown>('step-2', 3, ['proficiencies'], true)
        .map((callbackContext) =>
            breaking(
                'bad callbackContext',
                (event: Json) => ({ ...event, callbackContext }),
                'callbackContext'
            )
        ),
    fc.constantFrom<unknown>('arn', 5, ['a'], true).map((model) =>
        breaking(
            'non-object model',
            (event: Json) => ({
                ...event,
                requestData: {
                    ...(event.requestData as Json),
                    resourceProperties: model,
                },
            }),
            'must be a JSON object'
        )
    )
);

describe('a malformed event', () => {
    it('is InvalidRequest naming what is wrong, for every action, with no call to Connect', async () => {
        await fc.assert(
            fc.asyncProperty(
                validModelArb,
                fc.constantFrom('CREATE', 'READ', 'UPDATE', 'DELETE', 'LIST' as const),
                envelopeBreakers,
                async (model, action, [, breakEvent, named]) => {
                    const properties: ResourceProperties = {
                        ...model,
                        UserArn: managed.userArn(
                            '00000000-0000-4000-8000-000000000002'
                        ),
                    };
                    const base = handlerEvent(action, properties, {
                        previous: properties,
                    });
                    await expectRefused(breakEvent(base), named);
                }
            ),
            { seed: SEED + 1, numRuns: RUNS.events }
        );
    });
});

describe('events whose other parts are malformed', () => {
    const model = modelOf(
        { Username: 'agent', Password: 'Pa5sword1' },
        {
            RoutingProfileArn: managed.routingProfileArns[0],
            SecurityProfileArns: [managed.securityProfileArns[0]],
            IdentityInfo: { FirstName: 'A', LastName: 'B', Email: 'a@b.cd' },
        }
    );
    model.UserArn = managed.userArn('00000000-0000-4000-8000-000000000003');

    it.each(['CREATE', 'READ', 'UPDATE', 'DELETE', 'LIST'] as const)(
        'answers %s without caller credentials with InvalidCredentials and no call',
        async (action) => {
            const event = handlerEvent(action, model, { previous: model });
            delete (event.requestData as Json).callerCredentials;
            emulator.resetCalls();
            const response = await invoke(event);
            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidCredentials',
            });
            expect(response.message).toContain('credentials');
            expect(emulator.calls()).toEqual([]);
        }
    );

    // Regression: a string or list previousResourceProperties once crashed the
    // update handler (GeneralServiceException "TypeError: model.serialize is not
    // a function").
    it.each<unknown>(['previous', ['a'], 7])(
        'refuses an UPDATE whose previousResourceProperties is %j',
        async (previous) => {
            const event = handlerEvent('UPDATE', model, { previous: previous as Json });
            await expectRefused(event, 'previousResourceProperties');
        }
    );

    // Regression: a string stackTags was once spread into the tags, so 'x'
    // became the tag {"0": "x"} sent inline with CreateUser.
    it('refuses a CREATE whose stackTags is a string', async () => {
        const event = handlerEvent('CREATE', model, {
            stackTags: 'x' as unknown as Record<string, string>,
        });
        await expectRefused(event, 'stackTags');
    });
});

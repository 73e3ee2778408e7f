import * as sdk from '@aws-sdk/client-connect';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
    byCodeUnits,
    CREATE_REQUEST_TAG,
    createdUserModel,
    fromConnectUser,
    tagMap,
} from '../../src/translate';
import { validateProperties } from '../../src/validate';

const INSTANCE = {
    partition: 'aws',
    region: 'us-east-1',
    account: '123456789012',
    instanceId: 'inst-1',
};

describe('the order of what a read shows', () => {
    it.each([
        ['a', 'b', -1],
        ['b', 'a', 1],
        ['a', 'a', 0],
        ['B', 'a', -1],
        ['team', 'team-2', -1],
        ['', 'a', -1],
        ['é', 'z', 1],
    ])('byCodeUnits(%j, %j) is %i', (a, b, expected) => {
        expect(Math.sign(byCodeUnits(a, b))).toBe(expected);
    });

    describe('without the locale collator', () => {
        const localeCompare = jest
            .spyOn(String.prototype, 'localeCompare')
            .mockImplementation(() => {
                throw new Error(
                    'localeCompare builds the ICU collator on a cold start'
                );
            });
        afterAll(() => localeCompare.mockRestore());

        it('sorts tags by key and proficiencies by name then value, by code units', () => {
            const model = fromConnectUser(
                {
                    Id: 'user-1',
                    Username: 'jdoe',
                    Tags: { team: 'support', Team: 'x', cost: '7' },
                },
                {
                    instance: INSTANCE,
                    proficiencies: [
                        { AttributeName: 'Skill', AttributeValue: 'b', Level: 2 },
                        { AttributeName: 'Language', AttributeValue: 'es', Level: 1 },
                        { AttributeName: 'Skill', AttributeValue: 'a', Level: 3 },
                    ],
                }
            );

            expect(model.Tags).toEqual([
                { Key: 'Team', Value: 'x' },
                { Key: 'cost', Value: '7' },
                { Key: 'team', Value: 'support' },
            ]);
            expect(model.UserProficiencies).toEqual([
                { AttributeName: 'Language', AttributeValue: 'es', Level: 1 },
                { AttributeName: 'Skill', AttributeValue: 'a', Level: 3 },
                { AttributeName: 'Skill', AttributeValue: 'b', Level: 2 },
            ]);
            expect(localeCompare).not.toHaveBeenCalled();
        });
    });
});

/**
 * A read's answer carries Connect's nested structures as the SDK read them (no
 * model class filters them on the way out), so every member the SDK models must
 * be a property the schema gives that structure: a new SDK member fails here
 * rather than in a READ that breaks the schema.
 */
describe('the nested structures a read copies from Connect', () => {
    const schema = JSON.parse(
        readFileSync(path.join(__dirname, '../../aws-connect-user.json'), 'utf8')
    ) as { definitions: Record<string, { properties?: Record<string, unknown> }> };
    // The SDK and the schema name these structures alike.
    it.each([
        'UserIdentityInfo',
        'UserPhoneConfig',
        'AutoAcceptConfig',
        'AfterContactWorkConfigPerChannel',
        'AfterContactWorkConfig',
        'PhoneNumberConfig',
        'PersistentConnectionConfig',
        'VoiceEnhancementConfig',
    ])('the SDK %s has only members the schema gives it', (structure) => {
        // [3, namespace, name, traits, member names, member schemas]
        const modelled = (sdk as unknown as Record<string, unknown[]>)[`${structure}$`];
        expect(modelled?.[2]).toBe(structure);
        const members = modelled[4] as string[];
        const properties = Object.keys(schema.definitions[structure]?.properties ?? {});
        expect(members.length).toBeGreaterThan(0);
        expect(members.filter((member) => !properties.includes(member))).toEqual([]);
    });
});

describe("the AWS CLI reference's describe-user example, read", () => {
    // The example's output, IDs as given: Connect shows a setting the user was
    // not given in its zero form (DeskPhoneNumber "" for a soft phone), and no
    // tags as {}.
    const example = {
        Id: '0c245dc0-0cf5-4e37-800e-2a7481cc8a60',
        Arn: 'arn:aws:connect:us-west-2:123456789012:instance/40c83b68-ea62-414c-97bb-d018e39e158e/agent/0c245dc0-0cf5-4e37-800e-2a7481cc8a60',
        Username: 'Jane',
        IdentityInfo: { FirstName: 'Jane', LastName: 'Doe', Email: 'example.com' },
        PhoneConfig: {
            PhoneType: 'SOFT_PHONE',
            AutoAccept: false,
            AfterContactWorkTimeLimit: 0,
            DeskPhoneNumber: '',
        },
        DirectoryUserId: '8b444cf6-b368-4f29-ba18-07af27405658',
        SecurityProfileIds: ['b6f85a42-1dc5-443b-b621-de0abf70c9cf'],
        RoutingProfileId: '0be36ee9-2b5f-4ef4-bcf7-87738e5be0e5',
        Tags: {},
    } satisfies sdk.User;
    const instance = {
        partition: 'aws',
        region: 'us-west-2',
        account: '123456789012',
        instanceId: '40c83b68-ea62-414c-97bb-d018e39e158e',
    };
    const model = fromConnectUser(example, { instance, proficiencies: [] });
    const inInstance = (kind: string, id: string) =>
        `arn:aws:connect:us-west-2:123456789012:instance/${instance.instanceId}/${kind}/${id}`;

    it('is the model of the user, the empty desk phone number and tags left out, the phone settings in both views', () => {
        expect(model).toEqual({
            InstanceArn: `arn:aws:connect:us-west-2:123456789012:instance/${instance.instanceId}`,
            UserArn: example.Arn,
            Username: 'Jane',
            DirectoryUserId: example.DirectoryUserId,
            IdentityInfo: example.IdentityInfo,
            PhoneConfig: {
                PhoneType: 'SOFT_PHONE',
                AutoAccept: false,
                AfterContactWorkTimeLimit: 0,
            },
            RoutingProfileArn: inInstance('routing-profile', example.RoutingProfileId),
            SecurityProfileArns: [
                inInstance('security-profile', example.SecurityProfileIds[0]),
            ],
            AutoAcceptConfigs: [{ Channel: 'VOICE', AutoAccept: false }],
            AfterContactWorkConfigs: ['VOICE', 'CHAT', 'TASK', 'EMAIL'].map(
                (Channel) => ({
                    Channel,
                    AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0 },
                })
            ),
            PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }],
        });
    });

    it("is valid against the type's schema, as CloudFormation checks a read", () => {
        const { Email: _email, ...identity } = example.IdentityInfo;
        // The example's Email, 'example.com', is no address; the rest must pass.
        expect(validateProperties({ ...model, IdentityInfo: identity })).toEqual(
            expect.objectContaining({ valid: true })
        );
    });
});

describe('the tags of a state the handler has not validated', () => {
    it.each([
        ['no tags', undefined, {}],
        ['null', null, {}],
        ['a string', 'team=support', {}],
        ['an object', { Key: 'team', Value: 'support' }, {}],
        [
            'a list with entries that are not tags',
            [null, 'x', 3, { Key: 'team', Value: 'support' }],
            { team: 'support' },
        ],
        [
            'a list of tags',
            [
                { Key: 'team', Value: 'support' },
                { Key: 'empty', Value: '' },
            ],
            { team: 'support', empty: '' },
        ],
    ])('maps %s', (_, tags, expected) => {
        expect(tagMap(tags)).toEqual(expected);
    });
});

describe("the model of a user a CreateUser input created (CREATE's answer)", () => {
    const input: sdk.CreateUserCommandInput = {
        InstanceId: INSTANCE.instanceId,
        Username: 'jdoe',
        Password: 'Sup3rSecretPassw0rd',
        IdentityInfo: { FirstName: 'Jane', LastName: 'Doe' },
        PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 0 },
        SecurityProfileIds: ['sp-2', 'sp-1'],
        RoutingProfileId: 'rp-1',
        Tags: { ignored: 'the tags come from the context' },
    };
    const arn = (kind: string, id: string) =>
        `arn:aws:connect:us-east-1:123456789012:instance/inst-1/${kind}/${id}`;
    const model = createdUserModel(input, {
        instance: INSTANCE,
        userArn: arn('agent', 'user-1'),
        tags: {
            team: 'support',
            'aws:cloudformation:stack-name': 'contact-centre',
            [CREATE_REQUEST_TAG]: 'digest',
        },
        proficiencies: [
            { AttributeName: 'Skill', AttributeValue: 'b', Level: 2 },
            { AttributeName: 'Language', AttributeValue: 'es', Level: 1 },
        ],
    });

    it.each([
        ['never the password', 'Password', undefined],
        ['the identifier it was given', 'UserArn', arn('agent', 'user-1')],
        [
            'the instance as an ARN',
            'InstanceArn',
            'arn:aws:connect:us-east-1:123456789012:instance/inst-1',
        ],
        [
            'profiles as ARNs, in the order sent',
            'SecurityProfileArns',
            [arn('security-profile', 'sp-2'), arn('security-profile', 'sp-1')],
        ],
        [
            'the routing profile as an ARN',
            'RoutingProfileArn',
            arn('routing-profile', 'rp-1'),
        ],
        [
            'the tags of the context but the reserved ones',
            'Tags',
            [{ Key: 'team', Value: 'support' }],
        ],
        [
            'the proficiencies sorted',
            'UserProficiencies',
            [
                { AttributeName: 'Language', AttributeValue: 'es', Level: 1 },
                { AttributeName: 'Skill', AttributeValue: 'b', Level: 2 },
            ],
        ],
        [
            'PhoneConfig with an ACW limit of 0 kept',
            'PhoneConfig',
            { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 0 },
        ],
        [
            "PhoneConfig's ACW limit in every channel's list entry",
            'AfterContactWorkConfigs',
            ['VOICE', 'CHAT', 'TASK', 'EMAIL'].map((Channel) => ({
                Channel,
                AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0 },
            })),
        ],
        ['no hierarchy group when none was sent', 'HierarchyGroupArn', undefined],
    ])('shows %s', (_what, property, expected) => {
        expect((model as Record<string, unknown>)[property]).toEqual(expected);
    });
});

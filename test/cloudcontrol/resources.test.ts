import {
    CreateResourceCommand,
    DeleteResourceCommand,
    GetResourceCommand,
    ListResourcesCommand,
} from '@aws-sdk/client-cloudcontrol';
import { ConnectClient, CreateUserCommand } from '@aws-sdk/client-connect';
import {
    createUser,
    desiredUser,
    type Harness,
    INSTANCE,
    type Json,
    PASSWORD,
    rejection,
    settled,
    startHarness,
    TYPE_NAME,
} from './harness';

let harness: Harness;

beforeAll(async () => {
    harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(() => {
    harness.emulator.reset();
    harness.emulator.resetCalls();
});
afterEach(() => {
    expect(harness.texts.filter((text) => text.includes(PASSWORD))).toEqual([]);
});

const users = () => harness.emulator.snapshot().instances[0].users;
const callsOf = (operation: string) =>
    harness.emulator.calls().filter((call) => call.operation === operation);

describe('CreateResource', () => {
    it('answers at once with the request, then drives the handler to SUCCESS; the Identifier is the UserArn', async () => {
        const answer = await harness.client.send(
            new CreateResourceCommand({
                TypeName: TYPE_NAME,
                DesiredState: JSON.stringify(desiredUser('cc-create')),
            })
        );
        expect(answer.ProgressEvent).toMatchObject({
            TypeName: TYPE_NAME,
            Operation: 'CREATE',
            OperationStatus: 'IN_PROGRESS',
            RequestToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
        expect(answer.ProgressEvent?.EventTime).toBeInstanceOf(Date);

        const final = await settled(harness.client, answer.ProgressEvent?.RequestToken);
        const [user] = users();
        expect(final).toMatchObject({
            OperationStatus: 'SUCCESS',
            Identifier: INSTANCE.userArn(user.id),
        });
        const model = JSON.parse(String(final.ResourceModel)) as Json;
        expect(model).toMatchObject({
            UserArn: INSTANCE.userArn(user.id),
            Username: 'cc-create',
            Tags: [{ Key: 'team', Value: 'blue' }],
            UserProficiencies: [
                { AttributeName: 'Language', AttributeValue: 'English', Level: 3 },
            ],
        });
        expect(model).not.toHaveProperty('Password');
    });

    it('sends the handler no stack or system tags: one CreateUser with the model tags and the marker only', async () => {
        await createUser(harness.client, desiredUser('cc-tags'));
        const creates = callsOf('CreateUser');
        expect(creates).toHaveLength(1);
        expect(Object.keys(creates[0].params.Tags as Json).sort()).toEqual([
            'cloudformation-provider:create-request',
            'team',
        ]);
        expect(users()[0].tags).toEqual({ team: 'blue' });
    });

    it.each([
        [
            'a required property is missing',
            { RoutingProfileArn: undefined },
            /RoutingProfileArn/,
        ],
        ['a property is unknown', { Nickname: 'x' }, /Nickname/],
        [
            'a boolean is given as a string',
            { PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: 'true' } },
            /#\/PhoneConfig\/AutoAccept: expected type: Boolean, found: String/,
        ],
    ])(
        'refuses a DesiredState the schema refuses (%s) with ValidationException naming the property, before any handler runs',
        async (_case, change, message) => {
            const error = await rejection(
                harness.client.send(
                    new CreateResourceCommand({
                        TypeName: TYPE_NAME,
                        DesiredState: JSON.stringify(desiredUser('cc-invalid', change)),
                    })
                )
            );
            expect(error.name).toBe('ValidationException');
            expect(error.message).toMatch(/^Model validation failed \(/);
            expect(error.message).toMatch(message);
            expect(harness.emulator.calls()).toEqual([]);
        }
    );

    it('leaves what only the handler checks to the handler: the request FAILS as InvalidRequest', async () => {
        const final = await createUser(
            harness.client,
            desiredUser('cc-conflict', {
                AutoAcceptConfigs: [{ Channel: 'VOICE', AutoAccept: true }],
            })
        );
        expect(final).toMatchObject({
            OperationStatus: 'FAILED',
            ErrorCode: 'InvalidRequest',
        });
        expect(final.StatusMessage).toMatch(
            /PhoneConfig.AutoAccept .* AutoAcceptConfigs .* different values/
        );
        expect(final.Identifier).toBeUndefined();
        expect(users()).toEqual([]);
    });

    it('reports a handler failure as FAILED with its ErrorCode and message: a taken Username is AlreadyExists', async () => {
        await createUser(harness.client, desiredUser('cc-taken'));
        const final = await createUser(
            harness.client,
            desiredUser('cc-taken', { Password: 'Another1Password' })
        );
        expect(final).toMatchObject({
            OperationStatus: 'FAILED',
            ErrorCode: 'AlreadyExists',
        });
        expect(final.StatusMessage).toMatch(/A user named 'cc-taken' already exists/);
        expect(users()).toHaveLength(1);
    });

    it.each([
        [
            'another type',
            { TypeName: 'AWS::Connect::Queue' },
            "The type 'AWS::Connect::Queue' cannot be found.",
        ],
        [
            'another version',
            { TypeVersionId: '00000002' },
            "The type 'AWS::Connect::User' with version '00000002' cannot be found.",
        ],
    ])('answers %s with TypeNotFoundException', async (_case, change, message) => {
        const error = await rejection(
            harness.client.send(
                new CreateResourceCommand({
                    TypeName: TYPE_NAME,
                    DesiredState: JSON.stringify(desiredUser('cc-type')),
                    ...change,
                })
            )
        );
        expect(error.name).toBe('TypeNotFoundException');
        expect(error.message).toBe(message);
    });
});

describe('GetResource', () => {
    it('is READ: the ResourceDescription with the Identifier and the Properties as a JSON string, never the Password', async () => {
        const created = await createUser(harness.client, desiredUser('cc-read'));
        const answer = await harness.client.send(
            new GetResourceCommand({
                TypeName: TYPE_NAME,
                Identifier: created.Identifier,
            })
        );
        expect(answer.TypeName).toBe(TYPE_NAME);
        expect(answer.ResourceDescription?.Identifier).toBe(created.Identifier);
        const properties = JSON.parse(
            String(answer.ResourceDescription?.Properties)
        ) as Json;
        expect(properties).toMatchObject({
            UserArn: created.Identifier,
            Username: 'cc-read',
            InstanceArn: INSTANCE.arn,
        });
        expect(properties).not.toHaveProperty('Password');
    });

    it('takes the identifier as a JSON object of the primary identifier too', async () => {
        const created = await createUser(harness.client, desiredUser('cc-json-id'));
        const answer = await harness.client.send(
            new GetResourceCommand({
                TypeName: TYPE_NAME,
                Identifier: JSON.stringify({ UserArn: created.Identifier }),
            })
        );
        expect(answer.ResourceDescription?.Identifier).toBe(created.Identifier);
    });

    it.each([
        [
            'a user that is not there',
            INSTANCE.userArn('00000000-0000-4000-8000-000000000000'),
        ],
        ['an identifier that cannot be a user', 'not-an-arn'],
    ])('answers %s with ResourceNotFoundException', async (_case, identifier) => {
        const error = await rejection(
            harness.client.send(
                new GetResourceCommand({ TypeName: TYPE_NAME, Identifier: identifier })
            )
        );
        expect(error.name).toBe('ResourceNotFoundException');
        expect(error.message).toMatch(
            /^AWS::Connect::User Handler returned status FAILED: .*was not found\. \(HandlerErrorCode: NotFound, RequestToken: [0-9a-f-]{36}\)$/
        );
    });
});

describe('DeleteResource', () => {
    it('deletes the user; a read after it is ResourceNotFoundException and the ProgressEvent has no model', async () => {
        const created = await createUser(harness.client, desiredUser('cc-delete'));
        const answer = await harness.client.send(
            new DeleteResourceCommand({
                TypeName: TYPE_NAME,
                Identifier: created.Identifier,
            })
        );
        expect(answer.ProgressEvent).toMatchObject({
            Operation: 'DELETE',
            Identifier: created.Identifier,
        });
        const final = await settled(harness.client, answer.ProgressEvent?.RequestToken);
        expect(final.OperationStatus).toBe('SUCCESS');
        expect(final.ResourceModel).toBeUndefined();
        expect(users()).toEqual([]);
        const error = await rejection(
            harness.client.send(
                new GetResourceCommand({
                    TypeName: TYPE_NAME,
                    Identifier: created.Identifier,
                })
            )
        );
        expect(error.name).toBe('ResourceNotFoundException');
    });

    it('fails a delete of a user that is not there as FAILED NotFound, which clients take as done', async () => {
        const answer = await harness.client.send(
            new DeleteResourceCommand({
                TypeName: TYPE_NAME,
                Identifier: INSTANCE.userArn('00000000-0000-4000-8000-000000000000'),
            })
        );
        const final = await settled(harness.client, answer.ProgressEvent?.RequestToken);
        expect(final).toMatchObject({
            OperationStatus: 'FAILED',
            ErrorCode: 'NotFound',
        });
    });
});

describe('ListResources', () => {
    it('refuses a ResourceModel without the InstanceArn the list handlerSchema requires', async () => {
        for (const model of [undefined, '{}']) {
            const error = await rejection(
                harness.client.send(
                    new ListResourcesCommand({
                        TypeName: TYPE_NAME,
                        ResourceModel: model,
                    })
                )
            );
            expect(error.name).toBe('InvalidRequestException');
            expect(error.message).toBe(
                'Missing or invalid ResourceModel property in AWS::Connect::User list handler request input. Required property: [InstanceArn]'
            );
        }
    });

    it('pages through the handler pages with NextToken, cut to MaxResults, every user once', async () => {
        // More users than one ListUsers page (100) holds, made directly in Connect.
        const connect = new ConnectClient({
            endpoint: harness.emulator.url,
            region: 'us-east-1',
            credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' },
        });
        for (let i = 0; i < 105; i += 1) {
            await connect.send(
                new CreateUserCommand({
                    InstanceId: INSTANCE.id,
                    Username: `cc-page-${i}`,
                    Password: PASSWORD,
                    IdentityInfo: {
                        FirstName: 'P',
                        LastName: 'Q',
                        Email: `p${i}@example.com`,
                    },
                    PhoneConfig: { PhoneType: 'SOFT_PHONE' },
                    RoutingProfileId: INSTANCE.routingProfileIds[0],
                    SecurityProfileIds: [INSTANCE.securityProfileIds[0]],
                })
            );
        }
        connect.destroy();
        const sizes: number[] = [];
        const seen: string[] = [];
        let nextToken: string | undefined;
        for (let page = 0; page < 10; page += 1) {
            const answer = await harness.client.send(
                new ListResourcesCommand({
                    TypeName: TYPE_NAME,
                    ResourceModel: JSON.stringify({ InstanceArn: INSTANCE.arn }),
                    MaxResults: 40,
                    NextToken: nextToken,
                })
            );
            sizes.push(answer.ResourceDescriptions?.length ?? 0);
            for (const description of answer.ResourceDescriptions ?? []) {
                const properties = JSON.parse(String(description.Properties)) as Json;
                expect(properties).toEqual({
                    UserArn: description.Identifier,
                    InstanceArn: INSTANCE.arn,
                    Username: expect.stringMatching(/^cc-page-\d+$/),
                });
                seen.push(String(description.Identifier));
            }
            nextToken = answer.NextToken;
            if (!nextToken) break;
        }
        // All 105 on one handler page (ListUsers gives up to 1,000), cut to 40, 40, 25.
        expect(sizes).toEqual([40, 40, 25]);
        expect(new Set(seen).size).toBe(105);
        expect(callsOf('ListUsers')).toHaveLength(3);
    }, 30_000);
});

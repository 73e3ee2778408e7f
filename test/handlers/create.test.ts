import {
    AssociateUserProficienciesCommand,
    ConnectClient,
    CreateUserCommand,
    DescribeUserCommand,
    ListUserProficienciesCommand,
    SearchUsersCommand,
    TagResourceCommand,
    UntagResourceCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { connectUser, handlerEvent, proficiency, userModel } from '../fixtures/events';
import {
    INSTANCE_ID,
    PASSWORD,
    routingProfileId,
    securityProfileId,
    USER_ARN,
    USER_ID,
} from '../fixtures/ids';
import { capturingLogs, invoke, type Response } from '../fixtures/invoke';
import { CREATE_REQUEST_TAG, markerValue } from '../../src/translate';

const connect = mockClient(ConnectClient);

/** The bearer token of the CREATE operations below. */
const TOKEN = '5b0c9e52-create-operation';
const MARKER = { [CREATE_REQUEST_TAG]: markerValue(TOKEN) };

beforeEach(() => {
    connect.reset();
    connect.on(CreateUserCommand).resolves({ UserId: USER_ID, UserArn: USER_ARN });
    connect.on(ListUserProficienciesCommand).resolves({ UserProficiencyList: [] });
});

/** Drives a CREATE as CloudFormation does: re-invoking while IN_PROGRESS. */
async function createToCompletion(
    properties: ReturnType<typeof userModel>,
    options: Parameters<typeof handlerEvent>[2] = {}
): Promise<Response[]> {
    const events: Response[] = [];
    let model: Record<string, unknown> = properties as Record<string, unknown>;
    let callbackContext: Record<string, unknown> | undefined;
    const clientRequestToken = options.clientRequestToken ?? TOKEN;
    for (let i = 0; i < 10; i += 1) {
        const response = await invoke(
            handlerEvent('CREATE', model, {
                ...options,
                callbackContext,
                clientRequestToken,
            })
        );
        events.push(response);
        if (response.status !== 'IN_PROGRESS') {
            return events;
        }
        model = response.resourceModel ?? model;
        callbackContext = response.callbackContext;
    }
    throw new Error('CREATE did not finish in 10 invocations');
}

describe('CREATE', () => {
    it('creates the user with one CreateUser carrying IDs and every tag, and answers without reading it back', async () => {
        const events = await createToCompletion(
            userModel({ Tags: [{ Key: 'team', Value: 'billing' }] }),
            {
                stackTags: { costCentre: '42' },
                systemTags: { 'aws:cloudformation:stack-name': 'contact-centre' },
            }
        );

        expect(events.map((event) => event.status)).toEqual(['IN_PROGRESS', 'SUCCESS']);
        expect(events[0].resourceModel?.UserArn).toBe(USER_ARN);
        const creates = connect.commandCalls(CreateUserCommand);
        expect(creates).toHaveLength(1);
        expect(creates[0].args[0].input).toEqual({
            InstanceId: INSTANCE_ID,
            Username: 'jdoe',
            Password: PASSWORD,
            IdentityInfo: {
                FirstName: 'Jane',
                LastName: 'Doe',
                Email: 'jane.doe@example.com',
            },
            PhoneConfig: {
                PhoneType: 'SOFT_PHONE',
                AutoAccept: false,
                AfterContactWorkTimeLimit: 30,
            },
            SecurityProfileIds: [securityProfileId(1)],
            RoutingProfileId: routingProfileId(1),
            Tags: {
                team: 'billing',
                costCentre: '42',
                'aws:cloudformation:stack-name': 'contact-centre',
                ...MARKER,
            },
        });
        expect(connect.commandCalls(UntagResourceCommand)[0].args[0].input).toEqual({
            resourceArn: USER_ARN,
            tagKeys: [CREATE_REQUEST_TAG],
        });
        // CreateUser and the marker's UntagResource: nothing is read.
        expect(connect.calls()).toHaveLength(2);
        const { Password: _password, ...sent } = userModel();
        // What READ answers of the user: every tag it holds but the reserved
        // ones, the stack's among them, and both views of its phone settings.
        expect(events[1].resourceModel).toEqual({
            ...sent,
            UserArn: USER_ARN,
            Tags: [
                { Key: 'costCentre', Value: '42' },
                { Key: 'team', Value: 'billing' },
            ],
            PhoneConfig: {
                PhoneType: 'SOFT_PHONE',
                AutoAccept: false,
                AfterContactWorkTimeLimit: 30,
            },
            AutoAcceptConfigs: [{ Channel: 'VOICE', AutoAccept: false }],
            AfterContactWorkConfigs: ['VOICE', 'CHAT', 'TASK', 'EMAIL'].map(
                (Channel) => ({
                    Channel,
                    AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 },
                })
            ),
            PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }],
        });
    });

    it('associates proficiencies in batches of 20, one batch per invocation', async () => {
        const wanted = Array.from({ length: 45 }, (_, i) =>
            proficiency('Skill', `value-${i}`, (i % 5) + 1)
        );
        const events = await createToCompletion(
            userModel({ UserProficiencies: wanted })
        );

        expect(events.map((event) => event.status)).toEqual([
            'IN_PROGRESS',
            'IN_PROGRESS',
            'IN_PROGRESS',
            'SUCCESS',
        ]);
        const sizes = connect
            .commandCalls(AssociateUserProficienciesCommand)
            .map((call) => call.args[0].input.UserProficiencies?.length);
        expect(sizes).toEqual([20, 20, 5]);
        expect(events[1].message).toBe('Associated 20 of 45 proficiencies');
        expect(events[3].resourceModel?.UserProficiencies).toHaveLength(45);
        expect(connect.commandCalls(DescribeUserCommand)).toHaveLength(0);
    });

    it('replays an applied proficiency batch without duplicating it', async () => {
        const wanted = [
            proficiency('Language', 'English', 3),
            proficiency('Language', 'French', 2),
        ];
        connect.on(AssociateUserProficienciesCommand).rejectsOnce(
            Object.assign(new Error('Proficiency already associated'), {
                name: 'InvalidParameterException',
                $metadata: { httpStatusCode: 400 },
            })
        );
        // A refusal is re-planned from what the user holds now.
        connect.on(DescribeUserCommand).resolves({ User: connectUser() });
        connect
            .on(ListUserProficienciesCommand)
            .resolvesOnce({ UserProficiencyList: [wanted[0]] })
            .resolves({ UserProficiencyList: wanted });
        const response = await invoke(
            handlerEvent(
                'CREATE',
                { ...userModel({ UserProficiencies: wanted }), UserArn: USER_ARN },
                { callbackContext: { step: 'proficiencies', batch: 0 } }
            )
        );

        expect(response.status).toBe('SUCCESS');
        const associations = connect.commandCalls(AssociateUserProficienciesCommand);
        expect(associations).toHaveLength(2);
        expect(associations[1].args[0].input.UserProficiencies).toEqual([wanted[1]]);
        expect(connect.commandCalls(CreateUserCommand)).toHaveLength(0);
    });

    it.each([
        ['once: a real refusal, the answer after one re-plan', 1, 2],
        [
            'again: its answer may have been lost, so it is re-planned, 3 times at most',
            2,
            4,
        ],
    ])(
        'a refused proficiency batch the SDK sent %s',
        async (_what, attempts, associations) => {
            connect.on(AssociateUserProficienciesCommand).rejects(
                Object.assign(new Error('Proficiency already associated'), {
                    name: 'InvalidParameterException',
                    $metadata: { httpStatusCode: 400, attempts },
                })
            );
            // A refusal is re-planned from what the user holds now.
            connect.on(DescribeUserCommand).resolves({ User: connectUser() });
            const response = await invoke(
                handlerEvent(
                    'CREATE',
                    {
                        ...userModel({
                            UserProficiencies: [proficiency('Language', 'English', 3)],
                        }),
                        UserArn: USER_ARN,
                    },
                    { callbackContext: { step: 'proficiencies', batch: 0 } }
                )
            );

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(
                connect.commandCalls(AssociateUserProficienciesCommand)
            ).toHaveLength(associations);
        }
    );

    it('returns the ARN before a failing proficiency step, so rollback can delete the user', async () => {
        connect.on(AssociateUserProficienciesCommand).rejects(
            Object.assign(new Error('User is not authorized'), {
                name: 'AccessDeniedException',
                $metadata: { httpStatusCode: 403 },
            })
        );
        const events = await createToCompletion(
            userModel({ UserProficiencies: [proficiency('Skill', 'Billing', 4)] })
        );

        expect(events[0]).toMatchObject({ status: 'IN_PROGRESS' });
        expect(events[0].resourceModel?.UserArn).toBe(USER_ARN);
        expect(events[1]).toMatchObject({
            status: 'FAILED',
            errorCode: 'AccessDenied',
        });
    });

    it('waits, instead of failing, when a step after CreateUser is throttled', async () => {
        connect
            .on(AssociateUserProficienciesCommand)
            .rejectsOnce(
                Object.assign(new Error('Rate exceeded'), {
                    name: 'ThrottlingException',
                    $metadata: { httpStatusCode: 429 },
                })
            )
            .resolves({});
        const events = await createToCompletion(
            userModel({ UserProficiencies: [proficiency('Skill', 'Billing', 4)] })
        );

        expect(events.map((event) => event.status)).toEqual([
            'IN_PROGRESS',
            'IN_PROGRESS',
            'SUCCESS',
        ]);
        expect(events[1]).toMatchObject({
            callbackDelaySeconds: 2,
            callbackContext: { step: 'proficiencies', batch: 0, throttled: 1 },
        });
        expect(events[1].resourceModel?.UserArn).toBe(USER_ARN);
        expect(events[1].message).toContain('throttling');
        expect(connect.commandCalls(AssociateUserProficienciesCommand)).toHaveLength(2);
    });

    it('maps a duplicate username to AlreadyExists', async () => {
        connect.on(CreateUserCommand).rejects(
            Object.assign(new Error('User with username jdoe already exists'), {
                name: 'DuplicateResourceException',
                $metadata: { httpStatusCode: 409 },
            })
        );
        connect.on(SearchUsersCommand).resolves({
            Users: [{ Id: USER_ID, Username: 'jdoe', Arn: USER_ARN }],
        });
        connect.on(DescribeUserCommand).resolves({ User: connectUser() });
        const response = await invoke(handlerEvent('CREATE', userModel()));

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'AlreadyExists',
        });
        expect(response.message).toContain("'jdoe' already exists");
    });

    describe('when CreateUser went through but its answer was lost', () => {
        const systemTags = {
            'aws:cloudformation:stack-id':
                'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
            'aws:cloudformation:logical-id': 'AgentUser',
        };
        const duplicate = Object.assign(new Error('User jdoe already exists'), {
            name: 'DuplicateResourceException',
            $metadata: { httpStatusCode: 409 },
        });

        beforeEach(() => {
            connect.on(CreateUserCommand).rejects(duplicate);
            connect.on(SearchUsersCommand).resolves({
                Users: [{ Id: USER_ID, Username: 'jdoe', Arn: USER_ARN }],
            });
        });

        it.each([
            ['the name is taken', duplicate],
            [
                'an error Connect does not document',
                Object.assign(new Error('Something new'), {
                    name: 'SomethingNewException',
                    $metadata: { httpStatusCode: 400 },
                }),
            ],
        ])(
            "adopts the user that carries this operation's marker, without system tags, when %s",
            async (_what, error) => {
                connect.on(CreateUserCommand).rejects(error);
                connect
                    .on(DescribeUserCommand)
                    .resolves({ User: connectUser({ Tags: { ...MARKER } }) });
                const response = await invoke(
                    handlerEvent('CREATE', userModel(), { clientRequestToken: TOKEN })
                );

                expect(response).toMatchObject({ status: 'IN_PROGRESS' });
                expect(response.resourceModel?.UserArn).toBe(USER_ARN);
                expect(response.callbackContext).toMatchObject({ marked: true });
                expect(
                    connect.commandCalls(DescribeUserCommand)[0].args[0].input
                ).toEqual({
                    InstanceId: INSTANCE_ID,
                    UserId: USER_ID,
                });
            }
        );

        it('is AlreadyExists for a user of the same stack and logical ID that another operation created', async () => {
            connect.on(DescribeUserCommand).resolves({
                User: connectUser({
                    Tags: {
                        ...systemTags,
                        [CREATE_REQUEST_TAG]: 'an-earlier-operation',
                    },
                }),
            });
            const response = await invoke(
                handlerEvent('CREATE', userModel(), {
                    systemTags,
                    clientRequestToken: TOKEN,
                })
            );

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'AlreadyExists',
            });
            expect(response.message).toContain('this operation did not create it');
            expect(
                connect.calls().map((call) => call.args[0].constructor.name)
            ).toEqual([
                'CreateUserCommand',
                'SearchUsersCommand',
                'DescribeUserCommand',
            ]);
        });
    });

    describe('when CreateUser fails', () => {
        const serviceError = (name: string, status: number) =>
            Object.assign(new Error(`${name} from Connect`), {
                name,
                $metadata: { httpStatusCode: status },
            });
        const lostConnection = Object.assign(new Error('socket hang up'), {
            name: 'TimeoutError',
            code: 'ECONNRESET',
        });

        it.each([
            ['a lost connection', lostConnection, 'NetworkFailure', true],
            [
                'a server error',
                serviceError('InternalServiceException', 500),
                'ServiceInternalError',
                true,
            ],
            [
                'throttling',
                serviceError('ThrottlingException', 429),
                'Throttling',
                true,
            ],
            [
                'an unknown error',
                serviceError('SomethingNewException', 400),
                'GeneralServiceException',
                true,
            ],
            [
                'a validation refusal',
                serviceError('InvalidParameterException', 400),
                'InvalidRequest',
                false,
            ],
            [
                'a missing permission',
                serviceError('AccessDeniedException', 403),
                'AccessDenied',
                false,
            ],
            [
                'a quota',
                serviceError('LimitExceededException', 429),
                'ServiceLimitExceeded',
                false,
            ],
        ])(
            'after %s, it looks for its own user only when the user may exist',
            async (_what, error, code, looks) => {
                connect.on(CreateUserCommand).rejects(error);
                connect.on(SearchUsersCommand).resolves({ Users: [] });
                const response = await invoke(
                    handlerEvent('CREATE', userModel(), { clientRequestToken: TOKEN })
                );

                expect(response).toMatchObject({ status: 'FAILED', errorCode: code });
                expect(response.message).toContain(error.message);
                expect(
                    connect.calls().map((call) => call.args[0].constructor.name)
                ).toEqual(
                    looks
                        ? ['CreateUserCommand', 'SearchUsersCommand']
                        : ['CreateUserCommand']
                );
            }
        );

        it.each([
            ['a taken name', 'duplicate', 'AlreadyExists'],
            ['a lost connection', 'lost', 'NetworkFailure'],
        ])(
            'does not look after %s without a token, its only way to tell its own user',
            async (_what, kind, code) => {
                connect
                    .on(CreateUserCommand)
                    .rejects(
                        kind === 'lost'
                            ? lostConnection
                            : serviceError('DuplicateResourceException', 409)
                    );
                const response = await invoke(
                    handlerEvent('CREATE', userModel(), { clientRequestToken: '' })
                );

                expect(response).toMatchObject({ status: 'FAILED', errorCode: code });
                expect(connect.commandCalls(SearchUsersCommand)).toHaveLength(0);
            }
        );
    });

    it('sends what CreateUser cannot take by TagResource in the next step, system tags inline', async () => {
        const modelTags = Array.from({ length: 49 }, (_, i) => ({
            Key: `k${i}`,
            Value: `${i}`,
        }));
        const systemTags = {
            'aws:cloudformation:stack-name': 's',
            'aws:cloudformation:logical-id': 'AgentUser',
            'aws:cloudformation:stack-id':
                'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
        };
        const events = await createToCompletion(userModel({ Tags: modelTags }), {
            systemTags,
            stackTags: { costCentre: '42' },
        });

        expect(events.map((event) => event.status)).toEqual([
            'IN_PROGRESS',
            'IN_PROGRESS',
            'SUCCESS',
        ]);
        const inline =
            connect.commandCalls(CreateUserCommand)[0].args[0].input.Tags ?? {};
        expect(Object.keys(inline)).toHaveLength(50);
        expect(inline).toMatchObject({ ...systemTags, ...MARKER });
        const later = connect.commandCalls(TagResourceCommand);
        expect(later).toHaveLength(1);
        expect(later[0].args[0].input.resourceArn).toBe(USER_ARN);
        const all = { ...inline, ...later[0].args[0].input.tags };
        expect(Object.keys(all)).toHaveLength(54);
        expect(all).toMatchObject({ costCentre: '42', k0: '0', k48: '48' });
        // The answer shows the 50 tags of the model and the stack, wherever they went.
        const answered = events[2].resourceModel?.Tags ?? [];
        expect(answered).toHaveLength(50);
        expect(answered).toContainEqual({ Key: 'k48', Value: '48' });
    });

    it.each([
        ['the model and the stack', 48, { env: 'prod', team: 'x', app: 'y' }, 51],
        ['a full model and one stack tag', 50, { env: 'prod' }, 51],
    ])(
        'refuses more tags than a user holds, from %s, before any call',
        async (_from, count, stackTags, total) => {
            const modelTags = Array.from({ length: count }, (_, i) => ({
                Key: `k${i}`,
                Value: `${i}`,
            }));
            const response = await invoke(
                handlerEvent('CREATE', userModel({ Tags: modelTags }), { stackTags })
            );

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(response.message).toContain('Tags');
            expect(response.message).toContain(`${total} tags`);
            expect(connect.calls()).toHaveLength(0);
        }
    );

    it('keeps AfterContactWorkTimeLimit 0 as a value and leaves absent fields out', async () => {
        await invoke(
            handlerEvent(
                'CREATE',
                userModel({
                    PhoneConfig: {
                        PhoneType: 'SOFT_PHONE',
                        AfterContactWorkTimeLimit: 0,
                    },
                })
            )
        );
        await invoke(
            handlerEvent(
                'CREATE',
                userModel({ PhoneConfig: { PhoneType: 'SOFT_PHONE' } })
            )
        );

        const [withZero, absent] = connect
            .commandCalls(CreateUserCommand)
            .map((call) => call.args[0].input.PhoneConfig);
        expect(withZero).toEqual({
            PhoneType: 'SOFT_PHONE',
            AfterContactWorkTimeLimit: 0,
        });
        expect(absent).toEqual({ PhoneType: 'SOFT_PHONE' });
    });

    it('coerces the strings CloudFormation sends for booleans and numbers', async () => {
        await invoke(
            handlerEvent('CREATE', {
                ...userModel(),
                PhoneConfig: {
                    PhoneType: 'SOFT_PHONE',
                    AutoAccept: 'true',
                    AfterContactWorkTimeLimit: '60',
                },
            })
        );

        expect(
            connect.commandCalls(CreateUserCommand)[0].args[0].input.PhoneConfig
        ).toEqual({
            PhoneType: 'SOFT_PHONE',
            AutoAccept: true,
            AfterContactWorkTimeLimit: 60,
        });
    });

    it('never echoes the password in a response or a log line', async () => {
        connect.on(CreateUserCommand).rejects(
            Object.assign(
                new Error(`Password ${PASSWORD} does not meet requirements`),
                {
                    name: 'InvalidParameterException',
                    $metadata: { httpStatusCode: 400 },
                }
            )
        );
        const { result, logs } = await capturingLogs(() =>
            invoke(handlerEvent('CREATE', userModel()))
        );

        expect(result.status).toBe('FAILED');
        expect(JSON.stringify(result)).not.toContain(PASSWORD);
        expect(logs).not.toContain(PASSWORD);
        expect(result.message).toContain('<REDACTED>');
    });
});

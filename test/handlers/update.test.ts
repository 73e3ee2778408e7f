import {
    AssociateUserProficienciesCommand,
    ConnectClient,
    DescribeUserCommand,
    DisassociateUserProficienciesCommand,
    ListUserProficienciesCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateUserConfigCommand,
    UpdateUserHierarchyCommand,
    UpdateUserIdentityInfoCommand,
    UpdateUserPhoneConfigCommand,
    UpdateUserProficienciesCommand,
    UpdateUserRoutingProfileCommand,
    UpdateUserSecurityProfilesCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import type { ResourceProperties } from '../../src/properties';
import { connectUser, handlerEvent, proficiency, userModel } from '../fixtures/events';
import {
    hierarchyGroupArn,
    hierarchyGroupId,
    INSTANCE_ID,
    PASSWORD,
    routingProfileArn,
    routingProfileId,
    securityProfileArn,
    securityProfileId,
    USER_ARN,
    USER_ID,
} from '../fixtures/ids';
import { invoke } from '../fixtures/invoke';

const connect = mockClient(ConnectClient);
const target = { InstanceId: INSTANCE_ID, UserId: USER_ID };

const MUTATING = [
    AssociateUserProficienciesCommand,
    DisassociateUserProficienciesCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateUserConfigCommand,
    UpdateUserHierarchyCommand,
    UpdateUserIdentityInfoCommand,
    UpdateUserPhoneConfigCommand,
    UpdateUserProficienciesCommand,
    UpdateUserRoutingProfileCommand,
    UpdateUserSecurityProfilesCommand,
];

/** The mutating calls sent, as [operation, input] pairs in order. */
function mutatingCalls(): Array<[string, unknown]> {
    return connect
        .calls()
        .map(
            (call) => call.args[0] as { constructor: { name: string }; input: unknown }
        )
        .filter((command) => MUTATING.some((type) => command instanceof type))
        .map((command) => [
            command.constructor.name.replace(/Command$/, ''),
            command.input,
        ]);
}

function existing(
    user: Parameters<typeof connectUser>[0] = {},
    proficiencies = [] as ReturnType<typeof proficiency>[]
) {
    connect.on(DescribeUserCommand).resolves({ User: connectUser(user) });
    connect
        .on(ListUserProficienciesCommand)
        .resolves({ UserProficiencyList: proficiencies });
}

const previousModel = (overrides: ResourceProperties = {}) =>
    userModel({ UserArn: USER_ARN, ...overrides });

async function update(
    desired: ResourceProperties,
    previous: ResourceProperties = previousModel(),
    options: Parameters<typeof handlerEvent>[2] = {}
) {
    return invoke(handlerEvent('UPDATE', desired, { ...options, previous }));
}

beforeEach(() => {
    connect.reset();
});

describe('UPDATE', () => {
    it('sends no mutating call when nothing changed, and reads nothing twice', async () => {
        existing();
        const response = await update(previousModel());

        expect(response.status).toBe('SUCCESS');
        expect(mutatingCalls()).toEqual([]);
        expect(connect.commandCalls(DescribeUserCommand)).toHaveLength(1);
        expect(response.resourceModel).not.toHaveProperty('Password');
    });

    it('adds one security profile to two, sending the whole set once', async () => {
        existing({ SecurityProfileIds: [securityProfileId(1), securityProfileId(2)] });
        const response = await update(
            previousModel({
                SecurityProfileArns: [
                    securityProfileArn(2),
                    securityProfileArn(1),
                    securityProfileArn(3),
                ],
            }),
            previousModel({
                SecurityProfileArns: [securityProfileArn(1), securityProfileArn(2)],
            })
        );

        expect(response.status).toBe('SUCCESS');
        expect(mutatingCalls()).toEqual([
            [
                'UpdateUserSecurityProfiles',
                {
                    ...target,
                    SecurityProfileIds: [
                        securityProfileId(2),
                        securityProfileId(1),
                        securityProfileId(3),
                    ],
                },
            ],
        ]);
    });

    it('treats the same security profiles in another order as unchanged', async () => {
        existing({ SecurityProfileIds: [securityProfileId(2), securityProfileId(1)] });
        await update(
            previousModel({
                SecurityProfileArns: [securityProfileArn(1), securityProfileArn(2)],
            })
        );

        expect(mutatingCalls()).toEqual([]);
    });

    it('removes the hierarchy group with an UpdateUserHierarchy that names none', async () => {
        existing({ HierarchyGroupId: hierarchyGroupId(2) });
        await update(
            previousModel(),
            previousModel({ HierarchyGroupArn: hierarchyGroupArn(2) })
        );

        expect(mutatingCalls()).toEqual([['UpdateUserHierarchy', target]]);
    });

    it('moves the user to another hierarchy group and routing profile', async () => {
        existing({ HierarchyGroupId: hierarchyGroupId(2) });
        await update(
            previousModel({
                HierarchyGroupArn: hierarchyGroupArn(3),
                RoutingProfileArn: routingProfileArn(2),
            })
        );

        expect(mutatingCalls()).toEqual([
            [
                'UpdateUserRoutingProfile',
                { ...target, RoutingProfileId: routingProfileId(2) },
            ],
            [
                'UpdateUserHierarchy',
                { ...target, HierarchyGroupId: hierarchyGroupId(3) },
            ],
        ]);
    });

    it('sends identity info with only FirstName, clearing the other fields', async () => {
        existing();
        await update(previousModel({ IdentityInfo: { FirstName: 'Janet' } }));

        expect(mutatingCalls()).toEqual([
            [
                'UpdateUserIdentityInfo',
                { ...target, IdentityInfo: { FirstName: 'Janet' } },
            ],
        ]);
    });

    it('tells AfterContactWorkTimeLimit 0 from absent', async () => {
        existing({ PhoneConfig: { PhoneType: 'SOFT_PHONE' } });
        await update(
            previousModel({
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 0 },
            })
        );

        // PhoneConfig's limit is the VOICE entry's, sent for that channel alone.
        expect(mutatingCalls()).toEqual([
            [
                'UpdateUserConfig',
                {
                    ...target,
                    AfterContactWorkConfigs: [
                        {
                            Channel: 'VOICE',
                            AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0 },
                        },
                    ],
                },
            ],
        ]);
    });

    it('changes a proficiency level, adds one and removes one', async () => {
        existing({}, [
            proficiency('Language', 'English', 2),
            proficiency('Skill', 'Billing', 3),
        ]);
        await update(
            previousModel({
                UserProficiencies: [
                    proficiency('Language', 'English', 5),
                    proficiency('Language', 'Spanish', 1),
                ],
            })
        );

        expect(mutatingCalls()).toEqual([
            [
                'DisassociateUserProficiencies',
                {
                    ...target,
                    UserProficiencies: [
                        { AttributeName: 'Skill', AttributeValue: 'Billing' },
                    ],
                },
            ],
            [
                'UpdateUserProficiencies',
                {
                    ...target,
                    UserProficiencies: [proficiency('Language', 'English', 5)],
                },
            ],
            [
                'AssociateUserProficiencies',
                {
                    ...target,
                    UserProficiencies: [proficiency('Language', 'Spanish', 1)],
                },
            ],
        ]);
    });

    it('applies model and stack-level tags, removes dropped ones, never touches aws: keys', async () => {
        existing({
            Tags: {
                team: 'billing',
                old: 'x',
                costCentre: '41',
                'aws:cloudformation:stack-name': 'contact-centre',
                addedByHand: 'keep me',
            },
        });
        const response = await update(
            previousModel({ Tags: [{ Key: 'team', Value: 'sales' }] }),
            previousModel({
                Tags: [
                    { Key: 'team', Value: 'billing' },
                    { Key: 'old', Value: 'x' },
                ],
            }),
            { stackTags: { costCentre: '42' }, previousStackTags: { costCentre: '41' } }
        );

        expect(mutatingCalls()).toEqual([
            ['UntagResource', { resourceArn: USER_ARN, tagKeys: ['old'] }],
            [
                'TagResource',
                { resourceArn: USER_ARN, tags: { team: 'sales', costCentre: '42' } },
            ],
        ]);
        expect(response.status).toBe('SUCCESS');
    });

    it('sends only the per-channel lists that changed, in one UpdateUserConfig', async () => {
        existing({
            PhoneConfig: undefined,
            AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
            PersistentConnectionConfigs: [
                { Channel: 'VOICE', PersistentConnection: true },
            ],
        });
        await update(
            previousModel({
                PhoneConfig: undefined,
                AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: false }],
                PersistentConnectionConfigs: [
                    { Channel: 'VOICE', PersistentConnection: true },
                ],
            })
        );

        expect(mutatingCalls()).toEqual([
            [
                'UpdateUserConfig',
                {
                    ...target,
                    AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: false }],
                },
            ],
        ]);
    });

    it('sends independent calls side by side, at most six in flight, each chain in order', async () => {
        existing({}, [proficiency('Skill', 'Billing', 2)]);
        const log: string[] = [];
        let inFlight = 0;
        let most = 0;
        for (const Command of MUTATING) {
            connect.on(Command as typeof TagResourceCommand).callsFake(async () => {
                const name = Command.name.replace(/Command$/, '');
                inFlight += 1;
                most = Math.max(most, inFlight);
                log.push(`${name} sent`);
                await new Promise((resolve) => setTimeout(resolve, 5));
                log.push(`${name} answered`);
                inFlight -= 1;
                return {};
            });
        }
        const response = await update(
            previousModel({
                RoutingProfileArn: routingProfileArn(2),
                SecurityProfileArns: [securityProfileArn(2)],
                HierarchyGroupArn: hierarchyGroupArn(1),
                IdentityInfo: {
                    FirstName: 'Janet',
                    LastName: 'Doe',
                    Email: 'j@example.com',
                },
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: true },
                AutoAcceptConfigs: [
                    { Channel: 'VOICE', AutoAccept: true },
                    { Channel: 'CHAT', AutoAccept: true },
                ],
                UserProficiencies: [proficiency('Language', 'English', 3)],
                Tags: [{ Key: 'team', Value: 'billing' }],
            })
        );

        expect(response.status).toBe('SUCCESS');
        expect(most).toBe(6);
        const before = (a: string, b: string) => log.indexOf(a) < log.indexOf(b);
        // Chains side by side: the second starts before the first has answered.
        expect(log.slice(0, 6).every((line) => line.endsWith(' sent'))).toBe(true);
        // Within a chain, one after another.
        expect(
            before(
                'DisassociateUserProficiencies answered',
                'AssociateUserProficiencies sent'
            )
        ).toBe(true);
        expect(mutatingCalls()).toHaveLength(8);
    });

    it.each([
        [
            'the first call, before anything changed: Throttling',
            'DescribeUser',
            'FAILED',
        ],
        [
            'a change: IN_PROGRESS, to carry on',
            'UpdateUserRoutingProfile',
            'IN_PROGRESS',
        ],
    ])('when Connect throttles %s', async (_case, operation, status) => {
        existing();
        const throttled = Object.assign(new Error('Rate exceeded'), {
            name: 'ThrottlingException',
            $metadata: { httpStatusCode: 429 },
        });
        if (operation === 'DescribeUser') {
            connect.on(DescribeUserCommand).rejects(throttled);
        } else {
            connect.on(UpdateUserRoutingProfileCommand).rejects(throttled);
        }
        const desired = previousModel({ RoutingProfileArn: routingProfileArn(2) });
        const response = await update(desired, previousModel(), {
            callbackContext: status === 'IN_PROGRESS' ? { throttled: 2 } : undefined,
        });

        expect(response.status).toBe(status);
        if (status === 'FAILED') {
            expect(response.errorCode).toBe('Throttling');
            expect(mutatingCalls()).toEqual([]);
        } else {
            // The wait doubles with each throttled invocation in a row.
            expect(response).toMatchObject({
                callbackDelaySeconds: 8,
                callbackContext: { throttled: 3 },
            });
            expect(response.resourceModel?.UserArn).toBe(USER_ARN);
        }
    });

    it('fails with the code of the call that failed, starting nothing after it', async () => {
        existing();
        for (const Command of MUTATING) {
            connect.on(Command as typeof TagResourceCommand).callsFake(async () => {
                await new Promise((resolve) => setTimeout(resolve, 5));
                return {};
            });
        }
        connect.on(UpdateUserRoutingProfileCommand).rejects(
            Object.assign(new Error('Internal failure'), {
                name: 'InternalServiceException',
                $metadata: { httpStatusCode: 500 },
            })
        );
        const response = await update(
            previousModel({
                RoutingProfileArn: routingProfileArn(2),
                SecurityProfileArns: [securityProfileArn(2)],
                HierarchyGroupArn: hierarchyGroupArn(1),
                IdentityInfo: {
                    FirstName: 'Janet',
                    LastName: 'Doe',
                    Email: 'j@example.com',
                },
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 5 },
                AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
                UserProficiencies: [proficiency('Language', 'English', 3)],
                Tags: [{ Key: 'team', Value: 'billing' }],
            })
        );

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'ServiceInternalError',
        });
        // Six chains start together, and the seventh (tags) never starts.
        expect(mutatingCalls().map(([operation]) => operation)).toEqual([
            'UpdateUserRoutingProfile',
            'UpdateUserSecurityProfiles',
            'UpdateUserHierarchy',
            'UpdateUserIdentityInfo',
            'UpdateUserConfig',
            'AssociateUserProficiencies',
        ]);
    });

    it('maps a failed UpdateUserConfig condition to ResourceConflict, not a general error', async () => {
        existing();
        connect.on(UpdateUserConfigCommand).rejects(
            Object.assign(
                new Error(
                    'Request processing failed because dependent condition failed'
                ),
                {
                    name: 'ConditionalOperationFailedException',
                    $metadata: { httpStatusCode: 409 },
                }
            )
        );
        const response = await update(
            previousModel({
                PhoneConfig: { PhoneType: 'SOFT_PHONE' },
                AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
            })
        );

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'ResourceConflict',
        });
        expect(response.message).toContain('dependent condition failed');
    });

    it('does not apply a changed password, says so, and goes on with the rest', async () => {
        existing();
        const response = await update(
            previousModel({
                Password: 'N3wPassword99',
                RoutingProfileArn: routingProfileArn(2),
            })
        );

        expect(response).toMatchObject({
            status: 'SUCCESS',
            message:
                'Password was not changed: Amazon Connect cannot change a password, so the user keeps the one it was created with. To give it a new one, replace the user (a new Username).',
        });
        expect(mutatingCalls()).toEqual([
            [
                'UpdateUserRoutingProfile',
                { ...target, RoutingProfileId: routingProfileId(2) },
            ],
        ]);
        expect(JSON.stringify(response)).not.toContain(PASSWORD);
        expect(JSON.stringify(response)).not.toContain('N3wPassword99');
    });

    it('accepts a password the previous model did not carry (a Cloud Control patch of /Password), sends it nowhere, and says it was not applied', async () => {
        existing();
        const response = await update(
            previousModel(),
            previousModel({ Password: undefined })
        );

        expect(response.status).toBe('SUCCESS');
        expect(response.message).toContain('Password was not applied');
        expect(mutatingCalls()).toEqual([]);
        expect(JSON.stringify(response)).not.toContain(PASSWORD);
    });

    it('says nothing of a password the previous model carried the same', async () => {
        existing();
        const response = await update(previousModel(), previousModel());

        expect(response.status).toBe('SUCCESS');
        expect(response.message ?? '').toBe('');
    });

    it('refuses a changed username as not updatable before any mutating call', async () => {
        existing();
        const response = await update(previousModel({ Username: 'someone-else' }));

        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NotUpdatable' });
        expect(mutatingCalls()).toEqual([]);
    });

    it('is NotFound for a user that does not exist, before any mutating call', async () => {
        connect.on(DescribeUserCommand).rejects(
            Object.assign(new Error('User not found'), {
                name: 'ResourceNotFoundException',
                $metadata: { httpStatusCode: 404 },
            })
        );
        const response = await update(
            previousModel({ RoutingProfileArn: routingProfileArn(2) })
        );

        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
        expect(mutatingCalls()).toEqual([]);
    });

    it('is NotFound when neither model names a user, with no call at all', async () => {
        const response = await update(
            previousModel({ UserArn: undefined }),
            previousModel({ UserArn: undefined })
        );

        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
        expect(connect.calls()).toHaveLength(0);
    });
});

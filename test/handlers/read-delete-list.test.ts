import {
    ConnectClient,
    DeleteUserCommand,
    DescribeUserCommand,
    ListUserProficienciesCommand,
    ListUsersCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { connectUser, handlerEvent, proficiency, testEvent } from '../fixtures/events';
import {
    hierarchyGroupArn,
    hierarchyGroupId,
    INSTANCE_ARN,
    INSTANCE_ID,
    routingProfileArn,
    securityProfileArn,
    securityProfileId,
    USER_ARN,
    USER_ID,
} from '../fixtures/ids';
import { invoke, invokeTest } from '../fixtures/invoke';

const connect = mockClient(ConnectClient);

const serviceError = (name: string, message: string, status: number) =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

beforeEach(() => {
    connect.reset();
});

describe('READ', () => {
    it('builds ARNs from the IDs Connect returns and reads every proficiency page', async () => {
        connect.on(DescribeUserCommand).resolves({
            User: connectUser({
                SecurityProfileIds: [securityProfileId(2), securityProfileId(1)],
                HierarchyGroupId: hierarchyGroupId(3),
                Tags: { team: 'billing', 'aws:cloudformation:logical-id': 'AgentUser' },
                AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
            }),
        });
        connect
            .on(ListUserProficienciesCommand)
            .resolvesOnce({
                UserProficiencyList: [proficiency('Skill', 'Sales', 2)],
                NextToken: 'page-2',
            })
            .resolves({ UserProficiencyList: [proficiency('Language', 'French', 5)] });
        const response = await invoke(handlerEvent('READ', { UserArn: USER_ARN }));

        expect(response).toMatchObject({ status: 'SUCCESS' });
        expect(response.resourceModel).toEqual({
            InstanceArn: INSTANCE_ARN,
            UserArn: USER_ARN,
            Username: 'jdoe',
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
            RoutingProfileArn: routingProfileArn(1),
            SecurityProfileArns: [securityProfileArn(2), securityProfileArn(1)],
            HierarchyGroupArn: hierarchyGroupArn(3),
            Tags: [{ Key: 'team', Value: 'billing' }],
            UserProficiencies: [
                proficiency('Language', 'French', 5),
                proficiency('Skill', 'Sales', 2),
            ],
            // Both views of the per-channel settings: PhoneConfig's fields as the
            // VOICE entries, its after-contact-work limit on every channel.
            AutoAcceptConfigs: [
                { Channel: 'VOICE', AutoAccept: false },
                { Channel: 'CHAT', AutoAccept: true },
            ],
            AfterContactWorkConfigs: ['VOICE', 'CHAT', 'TASK', 'EMAIL'].map(
                (Channel) => ({
                    Channel,
                    AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 },
                })
            ),
            PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: 'SOFT_PHONE' }],
        });
        const pages = connect.commandCalls(ListUserProficienciesCommand);
        // The SDK's paginator reuses one input object, so only the last token is visible.
        expect(pages).toHaveLength(2);
        expect(pages[1].args[0].input.NextToken).toBe('page-2');
        expect(connect.calls()).toHaveLength(3);
    });

    it('reads a user with no identity info and no hierarchy without inventing either', async () => {
        connect.on(DescribeUserCommand).resolves({
            User: connectUser({
                IdentityInfo: undefined,
                HierarchyGroupId: undefined,
                Tags: undefined,
            }),
        });
        connect.on(ListUserProficienciesCommand).resolves({});
        const response = await invoke(handlerEvent('READ', { UserArn: USER_ARN }));

        expect(response.status).toBe('SUCCESS');
        const model = response.resourceModel ?? {};
        expect(model).not.toHaveProperty('IdentityInfo');
        expect(model).not.toHaveProperty('HierarchyGroupArn');
        expect(JSON.stringify(model)).not.toContain('null');
        expect(model).not.toHaveProperty('Tags');
        expect(model).not.toHaveProperty('UserProficiencies');
    });

    it('keeps AfterContactWorkTimeLimit 0 as a value', async () => {
        connect.on(DescribeUserCommand).resolves({
            User: connectUser({
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 0 },
            }),
        });
        connect.on(ListUserProficienciesCommand).resolves({});
        const response = await invoke(handlerEvent('READ', { UserArn: USER_ARN }));

        expect(response.resourceModel?.PhoneConfig).toEqual({
            PhoneType: 'SOFT_PHONE',
            AfterContactWorkTimeLimit: 0,
        });
    });

    it.each([
        ['not an ARN', 'jdoe'],
        ['a queue ARN', `${INSTANCE_ARN}/queue/${USER_ID}`],
        ['an empty value', ''],
    ])('is NotFound for %s, with no call', async (_case, userArn) => {
        const response = await invoke(handlerEvent('READ', { UserArn: userArn }));

        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
        expect(response.message).toBeTruthy();
        expect(connect.calls()).toHaveLength(0);
    });

    it('sends ListUserProficiencies before DescribeUser has answered', async () => {
        const events: string[] = [];
        connect.on(DescribeUserCommand).callsFake(async () => {
            events.push('DescribeUser sent');
            await new Promise((resolve) => setImmediate(resolve));
            events.push('DescribeUser answered');
            return { User: connectUser() };
        });
        connect.on(ListUserProficienciesCommand).callsFake(() => {
            events.push('ListUserProficiencies sent');
            return Promise.resolve({});
        });
        const response = await invoke(handlerEvent('READ', { UserArn: USER_ARN }));

        expect(response.status).toBe('SUCCESS');
        expect(events).toEqual([
            'DescribeUser sent',
            'ListUserProficiencies sent',
            'DescribeUser answered',
        ]);
    });

    it('is NotFound when Connect has no such user, naming the type it serves', async () => {
        connect
            .on(DescribeUserCommand)
            .rejects(serviceError('ResourceNotFoundException', 'User not found', 404))
            .on(ListUserProficienciesCommand)
            .rejects(serviceError('ResourceNotFoundException', 'User not found', 404));
        const response = await invoke(handlerEvent('READ', { UserArn: USER_ARN }));

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'NotFound',
            message: `Resource of type 'AWS::Connect::User' with identifier '${USER_ARN}' was not found.`,
        });
    });

    it('answers with the proficiency page error when only that call fails', async () => {
        connect
            .on(DescribeUserCommand)
            .resolves({ User: connectUser() })
            .on(ListUserProficienciesCommand)
            .rejects(serviceError('AccessDeniedException', 'No proficiencies', 403));
        const response = await invoke(handlerEvent('READ', { UserArn: USER_ARN }));

        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'AccessDenied' });
        expect(response.message).toContain('No proficiencies');
    });

    it.each([
        ['ThrottlingException', 429, 'Throttling'],
        ['TooManyRequestsException', 429, 'Throttling'],
        ['AccessDeniedException', 403, 'AccessDenied'],
        ['InternalServiceException', 500, 'ServiceInternalError'],
        ['LimitExceededException', 429, 'ServiceLimitExceeded'],
        ['InvalidParameterException', 400, 'InvalidRequest'],
        ['SomethingNewException', 400, 'GeneralServiceException'],
    ])('maps %s to %s', async (name, status, code) => {
        connect
            .on(DescribeUserCommand)
            .rejects(serviceError(name, `${name} happened`, status));
        const response = await invoke(handlerEvent('READ', { UserArn: USER_ARN }));

        expect(response).toMatchObject({ status: 'FAILED', errorCode: code });
        expect(response.message).toContain(`${name} happened`);
    });

    it('works the same through the test entrypoint that cfn test uses', async () => {
        connect.on(DescribeUserCommand).resolves({ User: connectUser() });
        connect.on(ListUserProficienciesCommand).resolves({});
        const response = await invokeTest(testEvent('READ', { UserArn: USER_ARN }));

        expect(response.status).toBe('SUCCESS');
        expect(response.resourceModel?.UserArn).toBe(USER_ARN);
    });
});

describe('DELETE', () => {
    it('deletes with one DeleteUser and returns no model', async () => {
        connect.on(DeleteUserCommand).resolves({});
        const response = await invoke(handlerEvent('DELETE', { UserArn: USER_ARN }));

        expect(response.status).toBe('SUCCESS');
        expect(response.resourceModel).toBeUndefined();
        expect(connect.calls()).toHaveLength(1);
        expect(connect.commandCalls(DeleteUserCommand)[0].args[0].input).toEqual({
            InstanceId: INSTANCE_ID,
            UserId: USER_ID,
        });
    });

    it('is NotFound for a user that is gone, with a message', async () => {
        connect
            .on(DeleteUserCommand)
            .rejects(serviceError('ResourceNotFoundException', 'User not found', 404));
        const response = await invoke(handlerEvent('DELETE', { UserArn: USER_ARN }));

        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
        expect(response.message).toContain(USER_ARN);
    });

    it('is NotFound for a malformed UserArn, with no call', async () => {
        const response = await invoke(
            handlerEvent('DELETE', { UserArn: 'arn:aws:connect:::nope' })
        );

        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
        expect(connect.calls()).toHaveLength(0);
    });
});

describe('LIST', () => {
    const summary = (n: number) => ({
        Id: `user-${n}`,
        Arn: `${INSTANCE_ARN}/agent/user-${n}`,
        Username: `agent${n}`,
    });

    it('pages twice through the function entrypoint, passing the token through', async () => {
        connect
            .on(ListUsersCommand, { InstanceId: INSTANCE_ID, NextToken: undefined })
            .resolves({
                UserSummaryList: [summary(1), summary(2)],
                NextToken: 'token-2',
            });
        connect
            .on(ListUsersCommand, { InstanceId: INSTANCE_ID, NextToken: 'token-2' })
            .resolves({ UserSummaryList: [summary(3)] });

        const first = await invoke(handlerEvent('LIST', { InstanceArn: INSTANCE_ARN }));
        const second = await invoke(
            handlerEvent(
                'LIST',
                { InstanceArn: INSTANCE_ARN },
                { nextToken: first.nextToken }
            )
        );

        expect(first.status).toBe('SUCCESS');
        expect(first.nextToken).toBe('token-2');
        expect(first.resourceModels).toEqual([
            { UserArn: summary(1).Arn, InstanceArn: INSTANCE_ARN, Username: 'agent1' },
            { UserArn: summary(2).Arn, InstanceArn: INSTANCE_ARN, Username: 'agent2' },
        ]);
        expect(second.resourceModels).toEqual([
            { UserArn: summary(3).Arn, InstanceArn: INSTANCE_ARN, Username: 'agent3' },
        ]);
        expect(second.nextToken).toBeUndefined();
        expect(connect.calls()).toHaveLength(2);
    });

    it('pages through the test entrypoint too', async () => {
        connect.on(ListUsersCommand).resolves({ UserSummaryList: [summary(4)] });
        await invokeTest(
            testEvent('LIST', { InstanceArn: INSTANCE_ARN }, { nextToken: 'token-9' })
        );

        expect(connect.commandCalls(ListUsersCommand)[0].args[0].input.NextToken).toBe(
            'token-9'
        );
    });

    it('is InvalidRequest without an InstanceArn, with no call', async () => {
        const response = await invoke(handlerEvent('LIST', {}));

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
        });
        expect(response.message).toContain('InstanceArn');
        expect(connect.calls()).toHaveLength(0);
    });
});

import { ConnectClient, CreateUserCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { CREDENTIALS, handlerEvent, testEvent, userModel } from '../fixtures/events';
import { PASSWORD, USER_ARN } from '../fixtures/ids';
import { capturingLogs, invoke, invokeTest } from '../fixtures/invoke';

const connect = mockClient(ConnectClient);

beforeEach(() => connect.reset());

describe('malformed requests', () => {
    it.each<[string, unknown, string]>([
        ['a non-object event', 'CREATE', 'The request is not a JSON object'],
        ['a null event', null, 'The request is not a JSON object'],
        [
            'an unknown action',
            { ...handlerEvent('CREATE', userModel()), action: 'UPSERT' },
            'action must be one of CREATE, READ, UPDATE, DELETE, LIST, not "UPSERT"',
        ],
        [
            'a missing action',
            { ...handlerEvent('READ', {}), action: undefined },
            'action must be one of',
        ],
        [
            'no requestData',
            { ...handlerEvent('READ', {}), requestData: undefined },
            'The request has no requestData object',
        ],
        [
            'a callbackContext that is not an object',
            handlerEvent('CREATE', userModel(), {
                callbackContext: 'step-2' as unknown as Record<string, unknown>,
            }),
            'callbackContext must be a JSON object',
        ],
        [
            'a model that is not an object',
            handlerEvent('DELETE', ['arn'] as unknown as Record<string, unknown>),
            'The model in the request must be a JSON object',
        ],
        [
            'a request for another resource type, naming both',
            {
                ...handlerEvent('READ', { UserArn: USER_ARN }),
                resourceType: 'Acme::Connect::User',
            },
            'The request is for Acme::Connect::User, but this function serves AWS::Connect::User',
        ],
        [
            'a resource type that is not a string',
            { ...handlerEvent('DELETE', { UserArn: USER_ARN }), resourceType: 7 },
            'The request is for 7, but this function serves AWS::Connect::User',
        ],
        [
            'an invalid model',
            handlerEvent('CREATE', {
                ...userModel(),
                PhoneConfig: { PhoneType: 'PAGER' },
            }),
            'Invalid AWS::Connect::User: PhoneConfig.PhoneType must be one of SOFT_PHONE, DESK_PHONE',
        ],
    ])(
        'answers %s with InvalidRequest and sends nothing',
        async (_case, event, message) => {
            const response = await invoke(event);

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(response.message).toContain(message);
            expect(connect.calls()).toHaveLength(0);
        }
    );

    it('refuses another resource type through the test entrypoint too', async () => {
        const response = await invokeTest({
            ...testEvent('READ', { UserArn: USER_ARN }),
            resourceType: 'aws::connect::user',
        });

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
            message:
                'The request is for aws::connect::user, but this function serves AWS::Connect::User',
        });
        expect(connect.calls()).toHaveLength(0);
    });

    it('answers an invalid model through the test entrypoint too', async () => {
        const response = await invokeTest(
            testEvent('UPDATE', {
                ...userModel(),
                Tags: [{ Key: 'aws:x', Value: '1' }],
            })
        );

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
        });
        expect(response.message).toContain('Tags[0].Key must match pattern');
        expect(connect.calls()).toHaveLength(0);
    });

    it('does not log the password the test entrypoint receives, though the library logs the event', async () => {
        connect.on(CreateUserCommand).resolves({ UserId: 'u', UserArn: USER_ARN });
        const { result, logs } = await capturingLogs(() =>
            invokeTest(testEvent('CREATE', userModel()))
        );

        expect(result.status).toBe('IN_PROGRESS');
        expect(logs).toContain('EVENT DATA');
        expect(logs).toContain('<REDACTED>');
        expect(logs).not.toContain(PASSWORD);
        expect(JSON.stringify(result)).not.toContain(PASSWORD);
    });

    it('fails a request without caller credentials cleanly', async () => {
        const event = handlerEvent('READ', { UserArn: 'x' });
        (event.requestData as Record<string, unknown>).callerCredentials = undefined;
        const response = await invoke({
            ...event,
            requestData: {
                ...(event.requestData as object),
                resourceProperties: {
                    UserArn:
                        'arn:aws:connect:us-east-1:123456789012:instance/i/agent/u',
                },
            },
        });

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidCredentials',
        });
        expect(connect.calls()).toHaveLength(0);
    });

    it.each<[string, Record<string, unknown>, string]>([
        [
            'previousResourceProperties',
            { previousResourceProperties: 'previous' },
            'previousResourceProperties must be a JSON object',
        ],
        [
            'stackTags',
            { stackTags: 'x' },
            'stackTags must be a JSON object of string values',
        ],
        [
            'systemTags',
            { systemTags: { a: 1 } },
            'systemTags must be a JSON object of string values',
        ],
    ])(
        'refuses a request whose %s is malformed',
        async (_case, requestData, message) => {
            const event = handlerEvent('UPDATE', userModel());
            const response = await invoke({
                ...event,
                requestData: { ...(event.requestData as object), ...requestData },
            });

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(response.message).toContain(message);
            expect(connect.calls()).toHaveLength(0);
        }
    );
});

describe('the test entrypoint', () => {
    it('takes the HandlerRequest that cfn test sends to TestEntrypoint', async () => {
        connect.on(CreateUserCommand).resolves({ UserId: 'u', UserArn: USER_ARN });
        const { awsAccountId, region, action, requestData } = handlerEvent(
            'CREATE',
            userModel()
        );
        const response = await invokeTest({
            awsAccountId,
            region,
            awsPartition: 'aws',
            action,
            callbackContext: null,
            requestData: {
                ...(requestData as object),
                logicalResourceIdentifier: 'c0ffee-token',
            },
        });

        expect(response).toMatchObject({ status: 'IN_PROGRESS' });
        expect(response.resourceModel?.UserArn).toBe(USER_ARN);
    });

    it("never logs the caller's secret key or session token, even in a fresh process", async () => {
        connect.on(CreateUserCommand).resolves({ UserId: 'u', UserArn: USER_ARN });
        const { logs } = await capturingLogs(() =>
            invokeTest(testEvent('CREATE', userModel()))
        );

        expect(logs).toContain('EVENT DATA');
        for (const secret of [CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken]) {
            expect(logs).not.toContain(secret);
        }
    });
});

import { join } from 'node:path';
import {
    CloudControlClient,
    CreateResourceCommand,
    DeleteResourceCommand,
    GetResourceRequestStatusCommand,
    ListResourcesCommand,
    UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import {
    FIXTURE_ARN,
    NOT_CHANGED,
    READ_MODEL,
    received,
} from './fixtures/recording-handler';
import {
    createUser,
    desiredUser,
    type Harness,
    INSTANCE,
    type Json,
    PASSWORD,
    settled,
    startHarness,
    TYPE_NAME,
} from './harness';

/**
 * What the handler is given, seen from a handler that records it: the
 * HandlerRequest as Cloud Control shapes it, the same bearer token on every
 * invocation of one request, and the callbacks it asks for.
 */
let harness: Harness;

beforeAll(async () => {
    harness = await startHarness({
        handler: join(__dirname, 'fixtures', 'recording-handler.ts'),
    });
});
afterAll(() => harness.close());
beforeEach(() => {
    received.length = 0;
});
afterEach(() => {
    expect(harness.texts.filter((text) => text.includes(PASSWORD))).toEqual([]);
});

const status = async (token: string | undefined) =>
    (
        await harness.client.send(
            new GetResourceRequestStatusCommand({ RequestToken: token })
        )
    ).ProgressEvent;

describe('the HandlerRequest of a Cloud Control request', () => {
    it('has no stack, logical ID, stack tags or system tags; one bearer token, the request token, on every invocation', async () => {
        const desired = desiredUser('cc-shape');
        const final = await createUser(harness.client, desired);
        expect(final.OperationStatus).toBe('SUCCESS');
        expect(received).toHaveLength(2);
        const [first, callback] = received;
        expect(first).toEqual({
            action: 'CREATE',
            awsAccountId: '123456789012',
            bearerToken: final.RequestToken,
            region: 'us-east-1',
            awsPartition: 'aws',
            resourceType: TYPE_NAME,
            resourceTypeVersion: '00000001',
            callbackContext: null,
            nextToken: null,
            requestData: {
                callerCredentials: {
                    accessKeyId: expect.any(String),
                    secretAccessKey: expect.any(String),
                    sessionToken: expect.any(String),
                },
                resourceProperties: desired,
                previousResourceProperties: null,
                stackTags: null,
                previousStackTags: null,
                systemTags: null,
                previousSystemTags: null,
            },
        });
        // Called back with the model it returned, the Password carried over, and its context.
        expect(callback).toMatchObject({
            bearerToken: final.RequestToken,
            callbackContext: { step: 'settle' },
            requestData: {
                resourceProperties: { ...desired, UserArn: FIXTURE_ARN },
            },
        });
    });

    it('runs in the region the request was signed for', async () => {
        const client = new CloudControlClient({
            endpoint: harness.server.url,
            region: 'eu-west-2',
            credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' },
        });
        await client.send(
            new ListResourcesCommand({
                TypeName: TYPE_NAME,
                ResourceModel: JSON.stringify({ InstanceArn: INSTANCE.arn }),
            })
        );
        client.destroy();
        expect(received[0]).toMatchObject({ action: 'LIST', region: 'eu-west-2' });
        expect((received[0].requestData as Json).resourceProperties).toEqual({
            InstanceArn: INSTANCE.arn,
        });
    });

    it('gives UPDATE the READ state as the previous state and the patched READ state as the desired one', async () => {
        const answer = await harness.client.send(
            new UpdateResourceCommand({
                TypeName: TYPE_NAME,
                Identifier: FIXTURE_ARN,
                PatchDocument: JSON.stringify([
                    {
                        op: 'add',
                        path: '/Tags',
                        value: [{ Key: 'team', Value: 'red' }],
                    },
                ]),
            })
        );
        await settled(harness.client, answer.ProgressEvent?.RequestToken);
        const [read, update] = received;
        expect(read.action).toBe('READ');
        expect(update.action).toBe('UPDATE');
        const data = update.requestData as Json;
        expect((read.requestData as Json).resourceProperties).toEqual({
            UserArn: FIXTURE_ARN,
        });
        expect(data.previousResourceProperties).toEqual(READ_MODEL);
        expect(data.resourceProperties).toEqual({
            ...(data.previousResourceProperties as Json),
            Tags: [{ Key: 'team', Value: 'red' }],
        });
        expect(update.bearerToken).toBe(answer.ProgressEvent?.RequestToken);
        expect(read.bearerToken).not.toBe(update.bearerToken);
    });

    it.each([
        [[{ op: 'add', path: '/Password', value: PASSWORD }], NOT_CHANGED],
        [[{ op: 'add', path: '/Tags', value: [] }], undefined],
    ])(
        'passes the message a successful UPDATE answers with (%j) on to the client',
        async (patch, message) => {
            const answer = await harness.client.send(
                new UpdateResourceCommand({
                    TypeName: TYPE_NAME,
                    Identifier: FIXTURE_ARN,
                    PatchDocument: JSON.stringify(patch),
                })
            );
            const final = await settled(
                harness.client,
                answer.ProgressEvent?.RequestToken
            );
            expect(final.OperationStatus).toBe('SUCCESS');
            expect(final.StatusMessage).toBe(message);
        }
    );

    it('gives DELETE the primary identifier', async () => {
        const answer = await harness.client.send(
            new DeleteResourceCommand({ TypeName: TYPE_NAME, Identifier: FIXTURE_ARN })
        );
        await settled(harness.client, answer.ProgressEvent?.RequestToken);
        expect(received.map((event) => event.action)).toEqual(['DELETE']);
        expect((received[0].requestData as Json).resourceProperties).toEqual({
            UserArn: FIXTURE_ARN,
        });
    });
});

describe('what the handler answers', () => {
    it('reports a requested callback delay as RetryAfter, the message as StatusMessage, and never a Password', async () => {
        const started = Date.now();
        const answer = await harness.client.send(
            new CreateResourceCommand({
                TypeName: TYPE_NAME,
                DesiredState: JSON.stringify(desiredUser('cc-delay')),
            })
        );
        const token = answer.ProgressEvent?.RequestToken;
        let event = await status(token);
        for (let i = 0; i < 50 && !event?.RetryAfter; i += 1) {
            await new Promise((resolve) => setTimeout(resolve, 10));
            event = await status(token);
        }
        expect(event).toMatchObject({
            OperationStatus: 'IN_PROGRESS',
            Identifier: FIXTURE_ARN,
            StatusMessage: 'Created, waiting for it to settle',
        });
        const retryAfter = event?.RetryAfter?.getTime() ?? 0;
        expect(retryAfter).toBeGreaterThanOrEqual(started + 900);
        expect(retryAfter).toBeLessThanOrEqual(Date.now() + 1100);
        expect(JSON.parse(String(event?.ResourceModel))).not.toHaveProperty('Password');
        const final = await settled(harness.client, token);
        expect(final.OperationStatus).toBe('SUCCESS');
        expect(final.RetryAfter).toBeUndefined();
        expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    });

    it('fails a request whose handler throws as InternalFailure', async () => {
        const final = await createUser(harness.client, desiredUser('throws'));
        expect(final).toMatchObject({
            OperationStatus: 'FAILED',
            ErrorCode: 'InternalFailure',
            StatusMessage: 'the handler broke',
        });
    });
});

import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundle } from '../../../scripts/build/bundle';
import {
    toV2Error,
    withoutNulls,
} from '../../../scripts/build/shims/aws-sdk-v2/client';
import CloudWatch from '../../../scripts/build/shims/aws-sdk-v2/cloudwatch';
import { withLocationConstraint } from '../../../scripts/build/shims/aws-sdk-v2/s3';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { handlerEvent } from '../../fixtures/events';
import {
    startAwsRecorder,
    type AwsRecorder,
    type RecordedRequest,
} from './aws-recorder';
import { invokeInNode, PROVIDER, seededUser } from './function-process';

/**
 * The bundle replaces aws-sdk v2 with adapters over the SDK v3. These tests run the
 * built bundle with provider credentials, so that the library publishes metrics
 * and logs through the adapters to a local recorder, and check what arrives.
 */

describe('the bundled function publishes metrics and logs through the v3 adapters', () => {
    let dir: string;
    let emulator: Emulator;
    let recorder: AwsRecorder;
    let response: Record<string, unknown>;
    let userArn: string;

    const requests = (service: RecordedRequest['service'], operation: string) =>
        recorder.requests.filter(
            (request) => request.service === service && request.operation === operation
        );
    const metrics = () =>
        requests('cloudwatch', 'PutMetricData').map(
            (request) =>
                (
                    request.body as {
                        Namespace: string;
                        MetricData: Array<{
                            MetricName: string;
                            Value: number;
                            Unit: string;
                            Dimensions: Array<{ Name: string; Value: string }>;
                        }>;
                    }
                ).MetricData[0]
        );
    const logMessages = () =>
        requests('logs', 'PutLogEvents').flatMap((request) =>
            (request.body as { logEvents: Array<{ message: string }> }).logEvents.map(
                (event) => event.message
            )
        );

    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'connect-user-shim-'));
        const { bundle } = await buildBundle(dir);
        emulator = await startEmulator({ quiet: true });
        recorder = await startAwsRecorder();
        userArn = await seededUser(emulator.url, {
            Username: 'shimreader',
            PhoneConfig: { PhoneType: 'SOFT_PHONE' },
            IdentityInfo: {
                FirstName: 'Shim',
                LastName: 'Reader',
                Email: 'shim.reader@example.com',
            },
        });
        const event = handlerEvent('READ', { UserArn: userArn });
        (event.requestData as Record<string, unknown>).providerCredentials = PROVIDER;
        ({ response } = await invokeInNode(bundle, event, {
            AWS_ENDPOINT_URL_CONNECT: emulator.url,
            AWS_ENDPOINT_URL_CLOUDWATCH: recorder.url,
            AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: recorder.url,
            AWS_ENDPOINT_URL_S3: recorder.url,
        }));
    });

    afterAll(async () => {
        await recorder?.close();
        await emulator?.close();
        rmSync(dir, { recursive: true, force: true });
    });

    it('answers the READ from Connect', () => {
        expect(response).toMatchObject({
            status: 'SUCCESS',
            resourceModel: { UserArn: userArn, Username: 'shimreader' },
        });
    });

    it('publishes the invocation and duration metrics to CloudWatch', () => {
        const namespaces = requests('cloudwatch', 'PutMetricData').map(
            (request) => (request.body as { Namespace: string }).Namespace
        );
        expect(new Set(namespaces)).toEqual(
            new Set(['AWS/CloudFormation/AWS/Connect/User'])
        );
        const byName = new Map(metrics().map((metric) => [metric.MetricName, metric]));
        expect(byName.get('HandlerInvocationCount')).toMatchObject({
            Value: 1,
            Unit: 'Count',
            Dimensions: [
                { Name: 'DimensionKeyActionType', Value: 'READ' },
                { Name: 'DimensionKeyResourceType', Value: 'AWS::Connect::User' },
            ],
        });
        expect(byName.get('HandlerInvocationDuration')).toMatchObject({
            Unit: 'Milliseconds',
            Value: expect.any(Number),
        });
    });

    it('reports a log delivery error by its exception name, as v2 did by its code', () => {
        // ListObjectsV2 answered NoSuchBucket: the library then creates the bucket.
        expect(metrics()).toContainEqual(
            expect.objectContaining({
                MetricName: 'HandlerException',
                Dimensions: expect.arrayContaining([
                    { Name: 'DimensionKeyActionType', Value: 'ProviderLogDelivery' },
                    { Name: 'DimensionKeyExceptionType', Value: 'NoSuchBucket' },
                ]),
            })
        );
        expect(requests('s3', 'CreateBucket')).toHaveLength(1);
    });

    it('creates the log stream after CreateLogGroup answers ResourceAlreadyExists', () => {
        expect(requests('logs', 'CreateLogGroup')).toHaveLength(1);
        expect(
            requests('logs', 'CreateLogStream').map((request) => request.body)
        ).toEqual([
            {
                logGroupName: 'aws-connect-user-logs',
                logStreamName:
                    'arn__aws__cloudformation__us-east-1__123456789012__stack/contact-centre/6f0f7bd0-0000-11ef-0000-000000000000/AgentUser',
            },
        ]);
    });

    it('sends the log events to CloudWatch Logs with the header the library adds', () => {
        const puts = requests('logs', 'PutLogEvents');
        expect(puts.length).toBeGreaterThan(0);
        for (const put of puts) {
            expect(put.headers['x-amzn-logs-format']).toBe('json/emf');
            // Added in the build step, before signing: it is a signed header.
            expect(put.headers.authorization).toMatch(
                /SignedHeaders=[^,]*x-amzn-logs-format/
            );
        }
        const messages = logMessages();
        expect(messages.some((message) => message.startsWith('START RequestId'))).toBe(
            true
        );
        expect(
            messages.some((message) => message.includes('[READ] handler invoked'))
        ).toBe(true);
        // The second put carries the token the first one was answered with.
        expect(puts[1].body).toMatchObject({
            sequenceToken: '49590000000000000000000000',
        });
        expect(puts[0].body).not.toHaveProperty('sequenceToken');
    });

    it('writes the log lines to the S3 folder too', () => {
        const objects = requests('s3', 'PutObject');
        expect(objects.map((request) => request.path)).toContainEqual(
            expect.stringMatching(
                /^\/aws-connect-user-logs-123456789012\/arn_aws_cloudformation_us-east-1_123456789012_stack\/contact-centre\/.*\/AgentUser\/\d{8}T\d{9}Z-\d+\.log/
            )
        );
        expect(objects.map((request) => request.body)).toContain(
            '[READ] invoking handler...'
        );
    });

    it('signs every call with the provider credentials and never leaks them', () => {
        const scopes = new Set(
            recorder.requests.map(
                (request) =>
                    /Credential=AKIAPROVIDEREXAMPLE\/\d{8}\/us-east-1\/([a-z0-9]+)\/aws4_request/.exec(
                        String(request.headers.authorization)
                    )?.[1]
            )
        );
        expect(scopes).toEqual(new Set(['monitoring', 'logs', 's3']));
        for (const request of recorder.requests) {
            expect(request.headers['x-amz-security-token']).toBe(PROVIDER.sessionToken);
            expect(JSON.stringify(request.body)).not.toContain(
                PROVIDER.secretAccessKey
            );
        }
    });
});

describe('the v2 adapter surface', () => {
    it('refuses an operation the library does not use, at once', () => {
        expect(() =>
            new CloudWatch({ region: 'us-east-1' }).makeRequest('getMetricData')
        ).toThrow(expect.objectContaining({ code: 'UnknownOperation' }));
    });

    it('refuses request events other than build', () => {
        const request = new CloudWatch().makeRequest('putMetricData', {});
        expect(() => request.on('complete', () => undefined)).toThrow(/not supported/);
    });

    it.each([
        ['throttling', 'ThrottlingException', 400, true],
        ['a 5xx answer', 'InternalFailure', 500, true],
        ['a 429 answer', 'Whatever', 429, true],
        ['a client error', 'ResourceAlreadyExistsException', 400, false],
    ])('marks %s retryable: %s', (_case, name, status, retryable) => {
        const error = Object.assign(new Error('failed'), {
            name,
            $metadata: { httpStatusCode: status, requestId: 'r-1' },
        });
        expect(toV2Error(error)).toMatchObject({
            code: name,
            statusCode: status,
            retryable,
            requestId: 'r-1',
        });
    });

    it('turns a failure without an answer into a retryable NetworkingError', () => {
        const error = Object.assign(new Error('connect ECONNREFUSED'), {
            code: 'ECONNREFUSED',
            $metadata: { attempts: 3 },
        });
        expect(toV2Error(error)).toMatchObject({
            code: 'NetworkingError',
            retryable: true,
        });
    });

    it('drops null members at any depth, as v2 serializers do', () => {
        const when = new Date(0);
        expect(
            withoutNulls({ a: null, b: [{ c: undefined, d: 1 }], e: when, f: 'x' })
        ).toEqual({ b: [{ d: 1 }], e: when, f: 'x' });
    });

    it.each([
        ['us-east-1', { Bucket: 'b' }],
        [
            'eu-west-1',
            {
                Bucket: 'b',
                CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
            },
        ],
        [undefined, { Bucket: 'b' }],
    ])('gives a new bucket in %s the location v2 would', (region, expected) => {
        expect(withLocationConstraint({ Bucket: 'b' }, region)).toEqual(expected);
    });

    it('fails the build when the library requires a v2 client with no adapter', async () => {
        const { awsSdkV2Shim } = await import('../../../scripts/build/aws-sdk-v2-shim');
        await expect(
            build({
                stdin: {
                    contents: "require('aws-sdk/clients/dynamodb');",
                    resolveDir: __dirname,
                },
                bundle: true,
                write: false,
                logLevel: 'silent',
                plugins: [awsSdkV2Shim],
            })
        ).rejects.toThrow(/aws-sdk\/clients\/dynamodb .*has no v3 shim/);
    });
});

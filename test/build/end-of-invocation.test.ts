import { ConnectClient, CreateUserCommand } from '@aws-sdk/client-connect';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundle } from '../../scripts/build';
import { startEmulator, type Emulator } from '../../emulator/server';
import { handlerEvent } from '../fixtures/events';
import {
    startAwsRecorder,
    type AwsRecorder,
    type RecorderOptions,
} from './aws-recorder';
import { invokeInNode, type Invocation, PROVIDER } from './function-process';

/**
 * The end of an invocation (src/library.ts): the response goes back once every
 * log line the library and the handler queued has been delivered, whatever
 * that takes, and a log service that fails never fails the invocation. The
 * bundle runs in a fresh Node process, publishing to a local recorder.
 */

const INSTANCE_ID = '11111111-1111-4111-8111-111111111111';

let dir: string;
let bundle: string;
let emulator: Emulator;
let userArn: string;

beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'connect-user-end-'));
    ({ bundle } = await buildBundle(dir));
    emulator = await startEmulator({ quiet: true });
    const connect = new ConnectClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    ({ UserArn: userArn = '' } = await connect.send(
        new CreateUserCommand({
            InstanceId: INSTANCE_ID,
            Username: 'endreader',
            Password: 'Passw0rdExample',
            RoutingProfileId: 'a1000000-0000-4000-8000-000000000001',
            SecurityProfileIds: ['b1000000-0000-4000-8000-000000000001'],
            IdentityInfo: {
                FirstName: 'End',
                LastName: 'Reader',
                Email: 'e@example.com',
            },
        })
    ));
    connect.destroy();
});

afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
});

async function readWith(
    options: RecorderOptions
): Promise<{ invocation: Invocation; recorder: AwsRecorder }> {
    const recorder = await startAwsRecorder(options);
    try {
        const event = handlerEvent('READ', { UserArn: userArn });
        (event.requestData as Record<string, unknown>).providerCredentials = PROVIDER;
        const invocation = await invokeInNode(bundle, event, {
            AWS_ENDPOINT_URL_CONNECT: emulator.url,
            AWS_ENDPOINT_URL_CLOUDWATCH: recorder.url,
            AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: recorder.url,
            AWS_ENDPOINT_URL_S3: recorder.url,
        });
        return { invocation, recorder };
    } finally {
        await recorder.close();
    }
}

const putLogEvents = (recorder: AwsRecorder) =>
    recorder.requests.filter(
        (request) => request.service === 'logs' && request.operation === 'PutLogEvents'
    );

describe('the end of an invocation', () => {
    it('waits for a slow log service, and every line has arrived before the response', async () => {
        const { invocation, recorder } = await readWith({ logsDelayMs: 300 });

        expect(invocation.response).toMatchObject({ status: 'SUCCESS' });
        const puts = putLogEvents(recorder);
        const messages = puts.flatMap((request) =>
            (request.body as { logEvents: Array<{ message: string }> }).logEvents.map(
                (event) => event.message
            )
        );
        for (const line of ['START RequestId', 'END RequestId', 'REPORT RequestId']) {
            expect(messages.some((message) => message.startsWith(line))).toBe(true);
        }
        expect(messages).toContain('Log delivery completed.');
        for (const put of puts) {
            expect(put.answeredAt).toBeLessThanOrEqual(invocation.answeredAt);
        }
    });

    it("returns the handler's answer when the log service fails", async () => {
        const { invocation, recorder } = await readWith({ failLogs: true });

        expect(putLogEvents(recorder).length).toBeGreaterThan(0);
        expect(invocation.response).toMatchObject({
            status: 'SUCCESS',
            resourceModel: { UserArn: userArn, Username: 'endreader' },
        });
    });
});

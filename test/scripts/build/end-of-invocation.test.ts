import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundle } from '../../../scripts/build/bundle';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { handlerEvent } from '../../fixtures/events';
import {
    startAwsRecorder,
    type AwsRecorder,
    type RecorderOptions,
} from './aws-recorder';
import {
    invokeInNode,
    PROVIDER,
    seededUser,
    type Invocation,
} from './function-process';

/**
 * The end of an invocation (src/library.ts): the response goes back once every
 * log line the library and the handler queued has been delivered, whatever
 * that takes, and a log service that fails never fails the invocation. The
 * bundle runs in a fresh Node process, publishing to a local recorder.
 */

let dir: string;
let bundle: string;
let emulator: Emulator;
let userArn: string;

beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'connect-user-end-'));
    ({ bundle } = await buildBundle(dir));
    emulator = await startEmulator({ quiet: true });
    userArn = await seededUser(emulator.url, {
        Username: 'endreader',
        IdentityInfo: {
            FirstName: 'End',
            LastName: 'Reader',
            Email: 'e@example.com',
        },
    });
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

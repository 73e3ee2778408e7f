import type { LambdaContext } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { SEED_INSTANCES } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';
import { entrypoint } from '../../src/handlers';
import { handlerEvent } from '../fixtures/events';

/**
 * No invocation retries past its remaining time: with Connect throttling the
 * first two attempts, an invocation with little time left answers Throttling
 * after its first attempt, where one with time to spare retries through them.
 */

let emulator: Emulator;

beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    process.env.AWS_ENDPOINT_URL_CONNECT = emulator.url;
});

afterAll(async () => {
    await emulator.close();
});

const contextWith = (millis: number) =>
    ({
        awsRequestId: 'deadline-request',
        getRemainingTimeInMillis: () => millis,
    }) as unknown as LambdaContext;

/**
 * A READ of a user that does not exist, with Connect throttling the first
 * `throttled` DescribeUser attempts: its answer, the DescribeUser attempts it
 * made, and how long it took.
 */
async function throttledRead(millis: number, throttled: number) {
    emulator.resetCalls();
    emulator.injectFault({
        operation: 'DescribeUser',
        count: throttled,
        kind: 'throttle',
    });
    const userArn = SEED_INSTANCES.managed.userArn(
        '00000000-0000-4000-8000-00000000abcd'
    );
    const started = Date.now();
    const response = (await entrypoint(
        handlerEvent('READ', { UserArn: userArn }),
        contextWith(millis)
    )) as Record<string, unknown>;
    const elapsed = Date.now() - started;
    emulator.clearFaults();
    const attempts = emulator
        .calls()
        .filter((call) => call.operation === 'DescribeUser').length;
    return { response, attempts, elapsed };
}

it.each([
    { left: 'little time left', millis: 3_000, attempts: 1, code: 'Throttling' },
    { left: 'time to spare', millis: 900_000, attempts: 3, code: 'NotFound' },
])(
    'with $left, a throttled READ makes $attempts attempt(s) and answers $code',
    async ({ millis, attempts, code }) => {
        const read = await throttledRead(millis, 2);

        expect(read.response).toMatchObject({ status: 'FAILED', errorCode: code });
        expect(read.attempts).toBe(attempts);
        expect(read.elapsed).toBeLessThan(millis);
    }
);

/**
 * The SDK sleeps each backoff before the handler's strategy can look at the
 * clock again, so the sleep itself is what must stay within the time left. With
 * the backoff's jitter at its top (Math.random near 1: about 1 s for a first
 * throttled retry, 2 s for a second), an attempt allowed 10 s and 2 s kept for
 * the answer:
 */
describe('a backoff never sleeps into the time an attempt and the answer need', () => {
    beforeEach(() => {
        jest.spyOn(Math, 'random').mockReturnValue(0.99);
    });
    afterEach(() => {
        jest.restoreAllMocks();
    });

    it.each([
        {
            left: 'less time left than one more attempt needs',
            millis: 200,
            attempts: 1,
        },
        {
            left: '300 ms to spare beyond one more attempt and the answer',
            millis: 12_300,
            attempts: 2,
        },
    ])(
        'with $left, a READ throttled throughout makes $attempts attempt(s) and answers Throttling at once',
        async ({ millis, attempts }) => {
            const read = await throttledRead(millis, 5);

            expect(read.response).toMatchObject({
                status: 'FAILED',
                errorCode: 'Throttling',
            });
            expect(read.attempts).toBe(attempts);
            // Sleeping the SDK's own backoff would take 1 s (one retry) or 3 s (two).
            expect(read.elapsed).toBeLessThan(Math.min(millis, 900));
        }
    );
});

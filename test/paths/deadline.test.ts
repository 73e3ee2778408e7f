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

it.each([
    { left: 'little time left', millis: 3_000, attempts: 1, code: 'Throttling' },
    { left: 'time to spare', millis: 900_000, attempts: 3, code: 'NotFound' },
])(
    'with $left, a throttled READ makes $attempts attempt(s) and answers $code',
    async ({ millis, attempts, code }) => {
        emulator.resetCalls();
        emulator.injectFault({ operation: 'DescribeUser', count: 2, kind: 'throttle' });
        const userArn = SEED_INSTANCES.managed.userArn(
            '00000000-0000-4000-8000-00000000abcd'
        );
        const started = Date.now();
        const response = (await entrypoint(
            handlerEvent('READ', { UserArn: userArn }),
            contextWith(millis)
        )) as Record<string, unknown>;

        expect(response).toMatchObject({ status: 'FAILED', errorCode: code });
        expect(
            emulator.calls().filter((call) => call.operation === 'DescribeUser')
        ).toHaveLength(attempts);
        expect(Date.now() - started).toBeLessThan(millis);
        emulator.clearFaults();
    }
);

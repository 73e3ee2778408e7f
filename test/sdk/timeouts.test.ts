import { CreateUserCommand, DescribeUserCommand } from '@aws-sdk/client-connect';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import type { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { CONNECT_TIMEOUTS, connectClient } from '../../src/client';
import { toHandlerFailure } from '../../src/errors';
import {
    managed,
    uniqueUsername,
    useHarness,
    validCreateUser,
} from '../emulator/helpers';

/**
 * The provider's Connect client, through the real SDK against the emulator: an
 * attempt whose answer hangs ends after the client's request timeout, is retried,
 * and fails as a NetworkFailure once the attempts run out, instead of waiting
 * as long as the socket stays open.
 */

const harness = useHarness();
const session = {
    configuration: {
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    },
} as unknown as SessionProxy;

let endpoint: string | undefined;
beforeAll(() => {
    endpoint = process.env.AWS_ENDPOINT_URL_CONNECT;
    process.env.AWS_ENDPOINT_URL_CONNECT = harness.emulator.url;
});
afterAll(() => {
    if (endpoint === undefined) {
        delete process.env.AWS_ENDPOINT_URL_CONNECT;
    } else {
        process.env.AWS_ENDPOINT_URL_CONNECT = endpoint;
    }
});

async function aUser(): Promise<{ InstanceId: string; UserId: string }> {
    const { UserId } = await harness.client.send(
        new CreateUserCommand(
            validCreateUser(managed, { Username: uniqueUsername('timeout') })
        )
    );
    return { InstanceId: managed.id, UserId: String(UserId) };
}

/** The next `count` DescribeUser calls answer after `latencyMs`. */
const slowDescribeUser = (count: number, latencyMs: number) =>
    harness.emulator.injectFault({
        operation: 'DescribeUser',
        count,
        kind: 'latency',
        latencyMs,
    });

const SHORT = { connectionTimeout: 1_000, requestTimeout: 300 };

it('ends a hung attempt after the request timeout, retries, and reports a NetworkFailure', async () => {
    const target = await aUser();
    slowDescribeUser(10, 3_000);
    const client = connectClient(session, SHORT);
    const started = Date.now();
    const error = await client.send(new DescribeUserCommand(target)).then(
        () => undefined,
        (reason: unknown) => reason as Error & { $metadata?: { attempts?: number } }
    );
    const elapsed = Date.now() - started;
    client.destroy();

    expect(error?.name).toBe('TimeoutError');
    // every attempt the client allows, each cut short
    expect(error?.$metadata?.attempts).toBe(5);
    expect(elapsed).toBeLessThan(3_000);
    expect(toHandlerFailure(error)).toMatchObject({
        code: HandlerErrorCode.NetworkFailure,
    });
});

it('lets an answer that comes within the timeout through', async () => {
    const target = await aUser();
    slowDescribeUser(1, 100);
    const client = connectClient(session, { ...SHORT, requestTimeout: 2_000 });
    const answer = await client.send(new DescribeUserCommand(target));
    client.destroy();

    expect(answer.User?.Id).toBe(target.UserId);
});

it('uses the provider timeouts unless told otherwise', async () => {
    const target = await aUser();
    const client = connectClient(session);
    await client.send(new DescribeUserCommand(target));
    const handler = client.config.requestHandler as unknown as {
        httpHandlerConfigs(): Record<string, unknown>;
    };
    client.destroy();

    expect(handler.httpHandlerConfigs()).toMatchObject(CONNECT_TIMEOUTS);
});

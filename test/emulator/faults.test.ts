import {
    CreateUserCommand,
    DeleteUserCommand,
    DescribeInstanceCommand,
    DuplicateResourceException,
    InternalServiceException,
    ListUsersCommand,
    ResourceNotFoundException,
    ThrottlingException,
} from '@aws-sdk/client-connect';
import { EmulatorAdmin } from '../../emulator/admin';
import { DOCUMENTED_RATE_LIMITS, validateFault } from '../../emulator/server';
import {
    connectClient,
    failure,
    managed,
    PASSWORD,
    useHarness,
    validCreateUser,
} from './helpers';

const harness = useHarness();

const userCount = () =>
    harness.emulator.snapshot().instances.find((i) => i.id === managed.id)!.users
        .length;
const createUser = () =>
    harness.client.send(new CreateUserCommand(validCreateUser(managed)));

it('refuses an unsigned request with 403 AccessDeniedException', async () => {
    const response = await fetch(`${harness.emulator.url}/users-summary/${managed.id}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.json()).toEqual({ Message: expect.any(String) });
    expect(harness.emulator.calls()).toMatchObject([
        { operation: 'ListUsers', status: 403, error: 'AccessDeniedException' },
    ]);
});

it('answers an unknown route with a 404 UnknownOperationException', async () => {
    const response = await fetch(`${harness.emulator.url}/no-such-thing`, {
        headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=x' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
});

describe('fault injection', () => {
    it('throttle answers 429 ThrottlingException "Rate exceeded" and creates nothing', async () => {
        harness.emulator.injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'throttle',
        });
        const error = await createUser().catch((e: Error) => e);
        expect(error).toBeInstanceOf(ThrottlingException);
        expect(error).toMatchObject({
            message: 'Rate exceeded',
            $metadata: { httpStatusCode: 429 },
        });
        expect(userCount()).toBe(0);
        // the fault applied to one call only
        await createUser();
        expect(userCount()).toBe(1);
    });

    it('error500 answers 500 InternalServiceException and creates nothing', async () => {
        harness.emulator.injectFault({ operation: '*', count: 2, kind: 'error500' });
        await expect(createUser()).rejects.toBeInstanceOf(InternalServiceException);
        await expect(
            harness.client.send(new ListUsersCommand({ InstanceId: managed.id }))
        ).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
        expect(userCount()).toBe(0);
        expect(harness.emulator.calls().map((c) => [c.status, c.fault])).toEqual([
            [500, 'error500'],
            [500, 'error500'],
        ]);
    });

    it('drop closes the connection without a response and creates nothing', async () => {
        harness.emulator.injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'drop',
        });
        const error = (await createUser().catch(
            (e: Error) => e
        )) as NodeJS.ErrnoException;
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toHaveProperty('$metadata.httpStatusCode');
        expect(error.code ?? error.message).toMatch(/ECONNRESET|socket hang up|EPIPE/);
        expect(userCount()).toBe(0);
        expect(harness.emulator.calls()).toMatchObject([
            { operation: 'CreateUser', status: 0, fault: 'drop' },
        ]);
    });

    it('latency delays the call, which then succeeds', async () => {
        harness.emulator.injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'latency',
            latencyMs: 300,
        });
        const started = Date.now();
        await createUser();
        expect(Date.now() - started).toBeGreaterThanOrEqual(290);
        expect(userCount()).toBe(1);
        expect(harness.emulator.calls()).toMatchObject([
            { operation: 'CreateUser', status: 200, fault: 'latency' },
        ]);
    });

    it('lose-answer changes the state, then closes the connection without a response', async () => {
        harness.emulator.injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'lose-answer',
        });
        const error = (await failure(createUser())) as NodeJS.ErrnoException;
        expect(error).not.toHaveProperty('$metadata.httpStatusCode');
        expect(error.code ?? error.message).toMatch(/ECONNRESET|socket hang up|EPIPE/);
        expect(userCount()).toBe(1);
        const [record] = harness.emulator.calls();
        expect(record).toMatchObject({
            operation: 'CreateUser',
            status: 0,
            lostStatus: 200,
            fault: 'lose-answer',
        });
        expect(record).not.toHaveProperty('error');
    });

    it("lose-answer: the SDK's retry sees the state the lost call left", async () => {
        const retrying = connectClient(harness.emulator.url, 2);
        try {
            harness.emulator.injectFault({
                operation: 'CreateUser',
                count: 1,
                kind: 'lose-answer',
            });
            const request = validCreateUser(managed);
            await expect(
                retrying.send(new CreateUserCommand(request))
            ).rejects.toBeInstanceOf(DuplicateResourceException);
            expect(userCount()).toBe(1);
            const UserId = harness.emulator.snapshot().instances[0].users[0].id;

            harness.emulator.injectFault({
                operation: 'DeleteUser',
                count: 1,
                kind: 'lose-answer',
            });
            await expect(
                retrying.send(new DeleteUserCommand({ InstanceId: managed.id, UserId }))
            ).rejects.toBeInstanceOf(ResourceNotFoundException);
            expect(userCount()).toBe(0);
            expect(
                harness.emulator
                    .calls()
                    .map((c) => [c.operation, c.status, c.fault ?? c.error])
            ).toEqual([
                ['CreateUser', 0, 'lose-answer'],
                ['CreateUser', 409, 'DuplicateResourceException'],
                ['DeleteUser', 0, 'lose-answer'],
                ['DeleteUser', 404, 'ResourceNotFoundException'],
            ]);
        } finally {
            retrying.destroy();
        }
    });

    it('lose-answer of a refused call records the lost error and changes nothing', async () => {
        harness.emulator.injectFault({ operation: '*', count: 1, kind: 'lose-answer' });
        await failure(
            harness.client.send(
                new CreateUserCommand(validCreateUser(managed, { Password: 'weak' }))
            )
        );
        expect(userCount()).toBe(0);
        expect(harness.emulator.calls()).toMatchObject([
            {
                status: 0,
                lostStatus: 400,
                error: 'InvalidParameterException',
                fault: 'lose-answer',
            },
        ]);
    });

    it('validateFault knows every kind and refuses others', () => {
        for (const kind of ['throttle', 'error500', 'drop', 'latency', 'lose-answer']) {
            expect(validateFault({ operation: '*', count: 1, kind })).toMatchObject({
                kind,
            });
        }
        expect(() => validateFault({ operation: '*', count: 1, kind: 'lose' })).toThrow(
            /lose-answer/
        );
    });

    it('faults for another operation do not apply', async () => {
        harness.emulator.injectFault({
            operation: 'DeleteUser',
            count: 1,
            kind: 'throttle',
        });
        await expect(createUser()).resolves.toBeDefined();
    });
});

describe('call records', () => {
    it('records every call with its parameters and the password redacted', async () => {
        await createUser();
        await createUser().catch(() => undefined);
        const [record] = harness.emulator.calls();
        expect(record).toMatchObject({
            seq: expect.any(Number),
            time: expect.any(String),
            operation: 'CreateUser',
            instanceId: managed.id,
            status: 200,
            params: {
                InstanceId: managed.id,
                Password: '<redacted>',
                RoutingProfileId: managed.routingProfileIds[0],
            },
        });
        expect(JSON.stringify(harness.emulator.calls())).not.toContain(PASSWORD);
        expect(JSON.stringify(harness.emulator.snapshot())).not.toContain(PASSWORD);
    });

    it('records a refused call with its exception name', async () => {
        await harness.client
            .send(new CreateUserCommand(validCreateUser(managed, { Password: 'weak' })))
            .catch(() => undefined);
        expect(harness.emulator.calls()).toMatchObject([
            {
                operation: 'CreateUser',
                status: 400,
                error: 'InvalidParameterException',
                params: { Password: '<redacted>' },
            },
        ]);
    });
});

describe('rate limits', () => {
    it('throttles an operation beyond its burst and refills over time', async () => {
        harness.emulator.setRateLimits({ ListUsers: { ratePerSecond: 5, burst: 2 } });
        const list = () =>
            harness.client.send(new ListUsersCommand({ InstanceId: managed.id }));
        await list();
        await list();
        await expect(list()).rejects.toBeInstanceOf(ThrottlingException);
        // other operations are not limited
        await expect(createUser()).resolves.toBeDefined();
        await new Promise((resolve) => setTimeout(resolve, 250));
        await expect(list()).resolves.toBeDefined();
    });
});

describe("Connect's documented rate limits", () => {
    it('are 2 requests per second with a burst of 5, per operation', () => {
        expect(DOCUMENTED_RATE_LIMITS).toEqual({ '*': { ratePerSecond: 2, burst: 5 } });
    });

    it('throttle the sixth call in a burst, each operation in a bucket of its own', async () => {
        harness.emulator.setRateLimits('documented');
        const list = () =>
            harness.client.send(new ListUsersCommand({ InstanceId: managed.id }));
        for (let i = 0; i < 5; i++) await list();
        await expect(list()).rejects.toBeInstanceOf(ThrottlingException);
        await expect(
            harness.client.send(new DescribeInstanceCommand({ InstanceId: managed.id }))
        ).resolves.toBeDefined();
        // 2 per second refill: one token back after half a second.
        await new Promise((resolve) => setTimeout(resolve, 550));
        await expect(list()).resolves.toBeDefined();
        await expect(list()).rejects.toBeInstanceOf(ThrottlingException);
    });

    it("can be set through the admin endpoint as 'documented'", async () => {
        const admin = new EmulatorAdmin(harness.emulator.url);
        await admin.setRateLimits('documented');
        for (let i = 0; i < 5; i++) await createUser();
        await expect(createUser()).rejects.toBeInstanceOf(ThrottlingException);
        await admin.setRateLimits({});
        await expect(createUser()).resolves.toBeDefined();
    });
});

describe('admin endpoints through EmulatorAdmin', () => {
    it('injects faults, reads calls and state, resets', async () => {
        const admin = new EmulatorAdmin(harness.emulator.url);
        await admin.injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'throttle',
        });
        await expect(createUser()).rejects.toBeInstanceOf(ThrottlingException);
        await createUser();
        expect((await admin.calls()).map((c) => c.status)).toEqual([429, 200]);
        const state = await admin.snapshot();
        expect(state.instances[0].users).toHaveLength(1);
        expect(JSON.stringify(state)).not.toContain(PASSWORD);

        await admin.resetCalls();
        expect(await admin.calls()).toEqual([]);
        await admin.reset();
        expect((await admin.snapshot()).instances[0].users).toEqual([]);

        await admin.setRateLimits({ CreateUser: { ratePerSecond: 0, burst: 1 } });
        await createUser();
        await expect(createUser()).rejects.toBeInstanceOf(ThrottlingException);
        await admin.setRateLimits({});

        await admin.injectFault({ operation: '*', count: 5, kind: 'error500' });
        await admin.clearFaults();
        await expect(createUser()).resolves.toBeDefined();
    });

    it('refuses a malformed fault with 400', async () => {
        const admin = new EmulatorAdmin(harness.emulator.url);
        await expect(
            admin.injectFault({ operation: 'CreateUser', count: 0, kind: 'throttle' })
        ).rejects.toThrow(/400/);
    });

    it('queues a lose-answer fault', async () => {
        const admin = new EmulatorAdmin(harness.emulator.url);
        await admin.injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'lose-answer',
        });
        await failure(createUser());
        expect(userCount()).toBe(1);
        expect((await admin.calls()).map((c) => c.fault)).toEqual(['lose-answer']);
    });
});

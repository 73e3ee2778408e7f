import { ConnectClient, type CreateUserCommandInput } from '@aws-sdk/client-connect';
import { SEED_INSTANCES, type SeedInstance } from '../../emulator/seed';
import {
    startEmulator,
    type Behaviour,
    type Emulator,
    type EmulatorOptions,
} from '../../emulator/server';

export const { managed, saml, directory } = SEED_INSTANCES;

/** The error a rejected promise carries, for assertions on its class and message. */
export const failure = (promise: Promise<unknown>): Promise<Error> =>
    promise.then(
        () => {
            throw new Error('expected the call to fail');
        },
        (error: Error) => error
    );

export const PASSWORD = 'Str0ngPassw0rd!';

/** A client that tries each call once, unless `maxAttempts` lets the SDK retry. */
export function connectClient(url: string, maxAttempts = 1): ConnectClient {
    return new ConnectClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        maxAttempts,
    });
}

export interface Harness {
    emulator: Emulator;
    client: ConnectClient;
}

/** Starts a quiet emulator and a client for it; call `stop` in afterAll. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
    const emulator = await startEmulator({ quiet: true, ...options });
    return { emulator, client: connectClient(emulator.url) };
}

export async function stopHarness(harness: Harness | undefined): Promise<void> {
    harness?.client?.destroy();
    await harness?.emulator?.close();
}

/**
 * One emulator and client for a test file: started before its tests; after each,
 * back to the seed with no faults or call record, and the rate limits and behaviour
 * it started with; stopped after all.
 */
export function useHarness(options: EmulatorOptions = {}): Harness {
    const harness = {} as Harness;
    let behaviour: Behaviour;
    beforeAll(async () => {
        Object.assign(harness, await startHarness(options));
        behaviour = harness.emulator.behaviour();
    });
    afterAll(() => stopHarness(harness));
    afterEach(() => {
        harness.emulator.reset();
        harness.emulator.resetCalls();
        harness.emulator.clearFaults();
        harness.emulator.setRateLimits(options.rateLimits ?? {});
        harness.emulator.setBehaviour(behaviour);
    });
    return harness;
}

let counter = 0;
/** A short username unique within a test run (non-SAML usernames are <= 20 chars). */
export const uniqueUsername = (prefix = 'agent'): string => `${prefix}${++counter}`;

/** A CreateUser request that the given instance accepts. */
export function validCreateUser(
    instance: SeedInstance,
    overrides: Partial<CreateUserCommandInput> = {}
): CreateUserCommandInput {
    const base: CreateUserCommandInput = {
        InstanceId: instance.id,
        Username: uniqueUsername(),
        SecurityProfileIds: [instance.securityProfileIds[0]],
        RoutingProfileId: instance.routingProfileIds[0],
    };
    if (instance.identityManagementType === 'CONNECT_MANAGED') {
        base.Password = PASSWORD;
        base.IdentityInfo = {
            FirstName: 'Jane',
            LastName: 'Doe',
            Email: 'jane@example.com',
        };
    } else if (instance.identityManagementType === 'SAML') {
        base.IdentityInfo = { FirstName: 'Jane', LastName: 'Doe' };
    }
    return { ...base, ...overrides };
}

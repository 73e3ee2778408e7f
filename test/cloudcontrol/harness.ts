/**
 * The local Cloud Control API with its own Connect emulator, driven through the
 * unmodified SDK client; every response body and log line is kept, so that a
 * suite can check that no password ever left the server.
 */
import {
    CloudControlClient,
    CreateResourceCommand,
    GetResourceRequestStatusCommand,
    type ProgressEvent,
    waitUntilResourceRequestSuccess,
} from '@aws-sdk/client-cloudcontrol';
import { SEED_INSTANCES } from '../../emulator/seed';
import type { Emulator } from '../../emulator/server';
import {
    type CloudControlOptions,
    type CloudControlServer,
    startCloudControl,
} from '../../cloudcontrol/server';

export const TYPE_NAME = 'AWS::Connect::User';
export const INSTANCE = SEED_INSTANCES.managed;
export const PASSWORD = 'Cc1PasswordNeverShown';

export type Json = Record<string, unknown>;

export interface Harness {
    server: CloudControlServer;
    emulator: Emulator;
    client: CloudControlClient;
    /** Every response body the server sent and every line it logged. */
    texts: string[];
    close(): Promise<void>;
}

export async function startHarness(
    options: CloudControlOptions = {}
): Promise<Harness> {
    const texts: string[] = [];
    const server = await startCloudControl({
        retryBaseMs: 5,
        log: (line) => texts.push(line),
        observe: (body) => texts.push(body),
        ...options,
    });
    const client = new CloudControlClient({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: {
            accessKeyId: 'AKIATESTCLOUDCONTROL',
            secretAccessKey: 'test-secret',
        },
        maxAttempts: 1,
    });
    return {
        server,
        emulator: server.emulator as Emulator,
        client,
        texts,
        close: async () => {
            client.destroy();
            await server.close();
        },
    };
}

/** A user on the seeded managed instance, with a tag and a proficiency. */
export function desiredUser(username: string, overrides: Json = {}): Json {
    return {
        InstanceArn: INSTANCE.arn,
        Username: username,
        Password: PASSWORD,
        RoutingProfileArn: INSTANCE.routingProfileArns[0],
        SecurityProfileArns: [INSTANCE.securityProfileArns[0]],
        IdentityInfo: {
            FirstName: 'Cloud',
            LastName: 'Control',
            Email: `${username}@example.com`,
        },
        PhoneConfig: {
            PhoneType: 'SOFT_PHONE',
            AutoAccept: false,
            AfterContactWorkTimeLimit: 30,
        },
        Tags: [{ Key: 'team', Value: 'blue' }],
        UserProficiencies: [
            { AttributeName: 'Language', AttributeValue: 'English', Level: 3 },
        ],
        ...overrides,
    };
}

/** The request once the SDK's waiter is done with it, whether it succeeded or not. */
export async function settled(
    client: CloudControlClient,
    requestToken: string | undefined
): Promise<ProgressEvent> {
    try {
        await waitUntilResourceRequestSuccess(
            { client, minDelay: 0.02, maxDelay: 0.2, maxWaitTime: 20 },
            { RequestToken: requestToken }
        );
    } catch {
        // The status below tells how it ended.
    }
    const answer = await client.send(
        new GetResourceRequestStatusCommand({ RequestToken: requestToken })
    );
    return answer.ProgressEvent as ProgressEvent;
}

/** Creates a user and waits for the request; its final ProgressEvent. */
export async function createUser(
    client: CloudControlClient,
    desired: Json,
    clientToken?: string
): Promise<ProgressEvent> {
    const answer = await client.send(
        new CreateResourceCommand({
            TypeName: TYPE_NAME,
            DesiredState: JSON.stringify(desired),
            ClientToken: clientToken,
        })
    );
    return settled(client, answer.ProgressEvent?.RequestToken);
}

/** The error a promise rejects with, or a failure when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Json> {
    try {
        await promise;
    } catch (error) {
        return error as Error & Json;
    }
    throw new Error('expected the call to fail');
}

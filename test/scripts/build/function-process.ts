import {
    ConnectClient,
    CreateUserCommand,
    type CreateUserCommandInput,
} from '@aws-sdk/client-connect';
import { execFile } from 'node:child_process';
import { INSTANCE_ID, routingProfileId, securityProfileId } from '../../fixtures/ids';

/** Provider credentials: with them, the library publishes metrics and logs. */
export const PROVIDER = {
    accessKeyId: 'AKIAPROVIDEREXAMPLE',
    secretAccessKey: 'provider/secret/EXAMPLEKEY',
    sessionToken: 'provider-session-token',
};

/**
 * Creates a user in the emulator straight through the SDK, with the seeded
 * routing and security profiles, for a function to read; returns its ARN.
 */
export async function seededUser(
    endpoint: string,
    user: Pick<CreateUserCommandInput, 'Username'> & Partial<CreateUserCommandInput>
): Promise<string> {
    const connect = new ConnectClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
        const { UserArn } = await connect.send(
            new CreateUserCommand({
                InstanceId: INSTANCE_ID,
                Password: 'Passw0rdExample',
                RoutingProfileId: routingProfileId(1),
                SecurityProfileIds: [securityProfileId(1)],
                ...user,
            })
        );
        return UserArn ?? '';
    } finally {
        connect.destroy();
    }
}

/** A built function's files, as ResourceProvider.zip holds them: the bundle, the files beside it, their maps. */
export const FUNCTION_FILES = [
    'dist/aws-sdk-v2.js',
    'dist/aws-sdk-v2.js.map',
    'dist/handlers.js',
    'dist/handlers.js.map',
    'dist/mutations.js',
    'dist/mutations.js.map',
    'dist/schema-validator.js',
    'dist/schema-validator.js.map',
];

const RESPONSE_MARK = 'RESPONSE ';

export interface Invocation {
    response: Record<string, unknown>;
    /** When the entrypoint's promise resolved, by this machine's clock (ms since epoch). */
    answeredAt: number;
    /** From the start of the entrypoint call to its answer, in ms. */
    elapsedMs: number;
}

/**
 * Runs the bundle's entrypoint in a fresh Node process, as Lambda does (Jest's
 * module sandbox cannot run the dynamic imports of Node built-ins that the SDK
 * makes), and reports when it answered.
 */
export function invokeInNode(
    bundle: string,
    event: unknown,
    env: Record<string, string>
): Promise<Invocation> {
    const script = `
        const { entrypoint } = require(${JSON.stringify(bundle)});
        const started = Date.now();
        entrypoint(JSON.parse(process.env.EVENT), { awsRequestId: 'shim-request' }).then(
            (response) => {
                const answeredAt = Date.now();
                console.log('\\n${RESPONSE_MARK}' + JSON.stringify({
                    response, answeredAt, elapsedMs: answeredAt - started,
                }));
            }
        );
    `;
    return new Promise((resolve, reject) => {
        execFile(
            process.execPath,
            ['-e', script],
            {
                env: { PATH: process.env.PATH, EVENT: JSON.stringify(event), ...env },
                timeout: 30_000,
            },
            (error, stdout, stderr) => {
                const line = stdout
                    .split('\n')
                    .find((candidate) => candidate.startsWith(RESPONSE_MARK));
                if (error || !line) {
                    reject(new Error(`${error?.message ?? 'no response'}\n${stderr}`));
                } else {
                    resolve(JSON.parse(line.slice(RESPONSE_MARK.length)) as Invocation);
                }
            }
        );
    });
}

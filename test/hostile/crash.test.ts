/**
 * The local Cloud Control API killed (SIGKILL) while CREATEs, UPDATEs and
 * DELETEs run, and restarted on its --state file, with Connect (the emulator)
 * living on in between: every request it accepted ends, and Connect holds no
 * user that no finished request names; deleting those leaves none behind.
 * Connect calls are slowed so that each kill lands while calls are under way:
 * a CreateUser the emulator carries out after the server died is the case
 * that used to leave an orphan.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
    CloudControlClient,
    CreateResourceCommand,
    DeleteResourceCommand,
    ListResourceRequestsCommand,
    type ProgressEvent,
    UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { SEED_INSTANCES } from '../../emulator/seed';
import { type Emulator, startEmulator } from '../../emulator/server';
import { desiredUser } from '../cloudcontrol/harness';

const ROOT = join(__dirname, '..', '..');
const TYPE_NAME = 'AWS::Connect::User';
const INSTANCE = SEED_INSTANCES.managed;
const PREFIX = 'crash-';
const ACTIVE = ['PENDING', 'IN_PROGRESS', 'CANCEL_IN_PROGRESS'];

interface Server {
    child: ChildProcess;
    client: CloudControlClient;
}

function startServer(emulatorUrl: string, stateFile: string): Promise<Server> {
    const child = spawn(
        process.execPath,
        [
            // tsx as a loader, not its CLI: the CLI runs the script in a child
            // process, which a SIGKILL of the CLI would leave running.
            '--import',
            'tsx',
            'cloudcontrol/cli.ts',
            '--port',
            '0',
            '--connect-endpoint',
            emulatorUrl,
            '--state',
            stateFile,
            '--quiet',
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    return new Promise((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no URL: ${output}`)), 30_000);
        const read = (chunk: Buffer) => {
            output += chunk.toString();
            const url =
                /Cloud Control API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(
                    output
                )?.[1];
            if (url) {
                clearTimeout(timer);
                const client = new CloudControlClient({
                    endpoint: url,
                    region: 'us-east-1',
                    credentials: { accessKeyId: 'AKIACRASH', secretAccessKey: 'crash' },
                    maxAttempts: 1,
                });
                resolve({ child, client });
            }
        };
        child.stdout?.on('data', read);
        child.stderr?.on('data', read);
        child.on('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`the server exited with ${code}: ${output}`));
        });
    });
}

async function kill(server: Server): Promise<void> {
    server.client.destroy();
    const exited = new Promise((done) => server.child.once('exit', done));
    server.child.kill('SIGKILL');
    await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the emulator has received `count` calls of `operations` after call `after`. */
async function callsUnderWay(
    emulator: Emulator,
    after: number,
    operations: string[],
    count: number
): Promise<void> {
    for (let waited = 0; waited < 20_000; waited += 10) {
        const seen = emulator
            .calls()
            .filter((call) => call.seq > after && operations.includes(call.operation));
        if (seen.length >= count) return;
        await sleep(10);
    }
    throw new Error(`fewer than ${count} ${operations.join('/')} calls arrived`);
}

const lastSeq = (emulator: Emulator) => emulator.calls().at(-1)?.seq ?? 0;

/** Every request the server holds, newest first. */
async function allRequests(client: CloudControlClient): Promise<ProgressEvent[]> {
    const events: ProgressEvent[] = [];
    let NextToken: string | undefined;
    do {
        const page = await client.send(
            new ListResourceRequestsCommand({ MaxResults: 100, NextToken })
        );
        events.push(...(page.ResourceRequestStatusSummaries ?? []));
        NextToken = page.NextToken;
    } while (NextToken);
    return events;
}

async function allEnded(client: CloudControlClient): Promise<ProgressEvent[]> {
    for (let waited = 0; waited < 30_000; waited += 50) {
        const events = await allRequests(client);
        if (!events.some((event) => ACTIVE.includes(String(event.OperationStatus)))) {
            return events;
        }
        await sleep(50);
    }
    throw new Error('requests still running after 30 s');
}

/** The ARNs of the users this test made that Connect holds. */
function usersInConnect(emulator: Emulator): string[] {
    const instance = emulator.snapshot().instances.find((i) => i.id === INSTANCE.id);
    return (instance?.users ?? [])
        .filter((user) => user.username.startsWith(PREFIX))
        .map((user) => `${INSTANCE.arn}/agent/${user.id}`);
}

/** Sends requests at once; the request tokens of those the server accepted. */
async function submit(
    commands: Array<() => Promise<{ ProgressEvent?: ProgressEvent }>>
): Promise<string[]> {
    const answers = await Promise.allSettled(commands.map((send) => send()));
    return answers.flatMap((answer) =>
        answer.status === 'fulfilled' && answer.value.ProgressEvent?.RequestToken
            ? [answer.value.ProgressEvent.RequestToken]
            : []
    );
}

const create = (client: CloudControlClient, name: string) => () =>
    client.send(
        new CreateResourceCommand({
            TypeName: TYPE_NAME,
            DesiredState: JSON.stringify(desiredUser(name)),
        })
    );
const rename = (client: CloudControlClient, arn: string, first: string) => () =>
    client.send(
        new UpdateResourceCommand({
            TypeName: TYPE_NAME,
            Identifier: arn,
            PatchDocument: JSON.stringify([
                { op: 'replace', path: '/IdentityInfo/FirstName', value: first },
            ]),
        })
    );
const remove = (client: CloudControlClient, arn: string) => () =>
    client.send(new DeleteResourceCommand({ TypeName: TYPE_NAME, Identifier: arn }));

describe('the local Cloud Control API killed during operations', () => {
    let emulator: Emulator;
    let directory: string;
    let server: Server | undefined;

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
        directory = mkdtempSync(join(tmpdir(), 'cloudcontrol-crash-'));
    });
    afterAll(async () => {
        if (server) await kill(server);
        await emulator.close();
        rmSync(directory, { recursive: true, force: true });
    });

    it('ends every request it accepted, with no orphan, over four kills', async () => {
        const stateFile = join(directory, 'requests.json');
        const restart = async () => {
            server = await startServer(emulator.url, stateFile);
            return server.client;
        };
        const killNow = async () => {
            await kill(server!);
            server = undefined;
        };
        // Each Connect write takes 150 ms, so that kills land while they run.
        for (const operation of [
            'CreateUser',
            'UpdateUserIdentityInfo',
            'DeleteUser',
        ]) {
            emulator.injectFault({
                operation,
                count: 1000,
                kind: 'latency',
                latencyMs: 150,
            });
        }

        const accepted: string[][] = [];
        // Two kills during creates.
        let names = 0;
        for (let round = 0; round < 2; round += 1) {
            const client = await restart();
            const after = lastSeq(emulator);
            const batch = Array.from({ length: 8 }, () =>
                create(client, `${PREFIX}${names++}`)
            );
            accepted.push(await submit(batch));
            await callsUnderWay(emulator, after, ['CreateUser'], 3 + round);
            await killNow();
        }

        // A kill during updates and deletes of the users made so far.
        let client = await restart();
        await allEnded(client);
        let users = usersInConnect(emulator);
        expect(users.length).toBeGreaterThanOrEqual(4);
        let after = lastSeq(emulator);
        accepted.push(
            await submit([
                ...users.slice(0, 5).map((arn) => rename(client, arn, 'Renamed')),
                ...users.slice(5, 8).map((arn) => remove(client, arn)),
                create(client, `${PREFIX}${names++}`),
            ])
        );
        await callsUnderWay(
            emulator,
            after,
            ['UpdateUserIdentityInfo', 'DeleteUser'],
            3
        );
        await killNow();

        // A kill during deletes.
        client = await restart();
        await allEnded(client);
        users = usersInConnect(emulator);
        after = lastSeq(emulator);
        void submit(users.slice(0, 4).map((arn) => remove(client, arn)));
        await callsUnderWay(emulator, after, ['DeleteUser'], 2);
        await killNow();

        // Every request ends; each user Connect holds is named by a finished request.
        client = await restart();
        const events = await allEnded(client);
        const tokens = accepted.flat();
        expect(tokens.length).toBeGreaterThanOrEqual(16);
        const held = new Set(events.map((event) => event.RequestToken));
        expect(tokens.filter((token) => !held.has(token))).toEqual([]);
        const stopped = events.filter((event) =>
            /stopped/.test(String(event.StatusMessage))
        );
        expect(stopped).toEqual([]);
        const named = new Set(events.map((event) => event.Identifier));
        const orphans = usersInConnect(emulator).filter((arn) => !named.has(arn));
        expect(orphans).toEqual([]);

        // Deleting every user left leaves none behind.
        emulator.clearFaults();
        await submit(usersInConnect(emulator).map((arn) => remove(client, arn)));
        await allEnded(client);
        expect(usersInConnect(emulator)).toEqual([]);
        // No temporary file of an interrupted write is left.
        expect(readdirSync(directory)).toEqual(['requests.json']);
    }, 120_000);
});

/**
 * The fault soak through the local Cloud Control API: many users created,
 * updated (with JSON patches) and deleted concurrently with the SDK client,
 * while the Connect emulator throttles, fails, drops, delays calls and loses
 * the answers to calls it carried out. Cloud Control re-invokes the handler for
 * the failures the handler contract calls retriable, with the same bearer
 * token, so a CREATE whose answer was lost finds its own user. Some users meet
 * a second CreateResource with their Username, which must fail AlreadyExists
 * and leave them as they are. Cloud Control has no rollback: a request that
 * fails is sent again, as a user re-running an apply would. The end check is
 * the Lambda soak's: exactly the users the successful requests imply, nothing
 * orphaned, no password in any response or log line.
 */
import {
    CloudControlClient,
    CreateResourceCommand,
    DeleteResourceCommand,
    GetResourceCommand,
    GetResourceRequestStatusCommand,
    type ProgressEvent,
    UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { RETRIABLE } from '../../cloudcontrol/driver';
import { startCloudControl } from '../../cloudcontrol/server';
import { startEmulator } from '../../emulator/server';
import { patchOfChange } from '../../start/lifecycle-cloudcontrol';
import { driveUsers, type Json, modelFor, random, soakUser } from './drive';
import type { SoakOptions, SoakResult } from './options';
import { bump, countOperation, newTally, soakVerdict } from './verdict';

const TYPE_NAME = 'AWS::Connect::User';
const REPLACEMENT_SHARE = 0.3;
const POLL_MS = 20;

/**
 * Failures a user re-sends a request for: the ones the handler contract calls
 * retriable (Cloud Control already re-invoked the handler for them), and
 * GeneralServiceException, which the handler reports for a connection lost
 * after its SDK's retries. The end check judges what they left.
 */
const TRANSIENT = new Set([...RETRIABLE, 'GeneralServiceException']);

/** The handler error codes behind the exceptions a synchronous READ may raise. */
const CODE_OF_EXCEPTION: Readonly<Record<string, string>> = {
    GeneralServiceException: 'GeneralServiceException',
    NetworkFailureException: 'NetworkFailure',
    ResourceConflictException: 'ResourceConflict',
    ServiceInternalErrorException: 'ServiceInternalError',
    ThrottlingException: 'Throttling',
};

const withoutPassword = ({ Password: _password, ...rest }: Json): Json => rest;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runCloudControlSoak(options: SoakOptions): Promise<SoakResult> {
    const started = Date.now();
    const deadline = started + options.maxSeconds * 1000;
    const rng = random(options.seed);
    const emulator = await startEmulator({ port: 0, quiet: true });
    const serverLines: string[] = [];
    const tally = newTally();
    const server = await startCloudControl({
        connectEndpoint: emulator.url,
        maxConcurrent: options.concurrency,
        maxRetries: options.maxRetries,
        retryBaseMs: 20,
        log: (line) => serverLines.push(line),
        observe: (body) => tally.responses.push(body),
    });
    const client = new CloudControlClient({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIASOAKEXAMPLE', secretAccessKey: 'soak-secret' },
    });
    const passwords: string[] = [];
    const expected = new Map<string, Json | null>();
    /** Users whose last update kept failing: they must exist, their properties are unknown. */
    const indeterminate = new Set<string>();

    type Command = { input: object };
    const sendAny = client.send.bind(client) as (command: Command) => Promise<unknown>;
    const send = <T>(command: Command): Promise<T> => {
        tally.invocations += 1;
        return sendAny(command) as Promise<T>;
    };

    /** One request, awaited until it ends; its final ProgressEvent. */
    const operate = async (
        label: string,
        command: Command,
        expectedCode?: string
    ): Promise<ProgressEvent> => {
        let event: ProgressEvent | undefined;
        try {
            event = (await send<{ ProgressEvent?: ProgressEvent }>(command))
                .ProgressEvent;
            // A request in flight may outlast the soak's time for new work, not much more.
            const limit = Date.now() + Math.max(60, options.maxSeconds) * 1000;
            while (
                event?.RequestToken &&
                !['SUCCESS', 'FAILED', 'CANCEL_COMPLETE'].includes(
                    String(event.OperationStatus)
                ) &&
                Date.now() < limit
            ) {
                await sleep(POLL_MS);
                event = (
                    await send<{ ProgressEvent?: ProgressEvent }>(
                        new GetResourceRequestStatusCommand({
                            RequestToken: event.RequestToken,
                        })
                    )
                ).ProgressEvent;
            }
        } catch (error) {
            // Refused at once: the handler code behind the exception, where there is one.
            event = {
                OperationStatus: 'FAILED',
                ErrorCode: CODE_OF_EXCEPTION[
                    (error as Error).name
                ] as ProgressEvent['ErrorCode'],
                StatusMessage: `${(error as Error).name}: ${(error as Error).message}`,
            };
        }
        if (event?.OperationStatus === 'SUCCESS') {
            countOperation(tally, label, 'ok');
        } else {
            const code = event?.ErrorCode ?? String(event?.OperationStatus);
            const ending = code === expectedCode ? 'refused' : 'failed';
            countOperation(tally, label, ending, code, event?.StatusMessage);
            if (code !== expectedCode && !TRANSIENT.has(code)) {
                tally.problems.push(`${label}: ${code} ${event?.StatusMessage ?? ''}`);
            }
        }
        return event ?? { OperationStatus: 'FAILED' };
    };

    const create = (desired: Json) =>
        new CreateResourceCommand({
            TypeName: TYPE_NAME,
            DesiredState: JSON.stringify(desired),
        });
    const remove = (userArn: string) =>
        new DeleteResourceCommand({ TypeName: TYPE_NAME, Identifier: userArn });
    const update = (userArn: string, from: Json, to: Json) =>
        new UpdateResourceCommand({
            TypeName: TYPE_NAME,
            Identifier: userArn,
            PatchDocument: JSON.stringify(
                patchOfChange(withoutPassword(from), withoutPassword(to))
            ),
        });
    const gone = (event: ProgressEvent) =>
        event.OperationStatus === 'SUCCESS' || event.ErrorCode === 'NotFound';

    /** Deletes until it is gone or the retries run out; whether it is gone. */
    const deleteUser = async (label: string, userArn: string) => {
        for (let attempt = 0; attempt <= options.maxRetries; attempt += 1) {
            if (attempt) bump(tally.retries, label);
            if (gone(await operate(label, remove(userArn), 'NotFound'))) return true;
        }
        return false;
    };

    const lifecycle = async (index: number) => {
        const { rng: userRng, username, password } = soakUser(options.seed, index);
        passwords.push(password, `${password}R`);
        const first = modelFor(userRng, username, password);
        const created = await operate('CREATE', create(first));
        if (created.OperationStatus !== 'SUCCESS') {
            const userArn = created.Identifier;
            // A failed create that got as far as the user is deleted, as awscc does.
            const cleaned = userArn
                ? await deleteUser('DELETE (cleanup)', userArn)
                : true;
            expected.set(username, cleaned ? null : { ...first, UserArn: userArn });
            return;
        }
        const userArn = String(created.Identifier);
        let state: Json = { ...first, UserArn: userArn };
        expected.set(username, state);
        if (userRng.next() < REPLACEMENT_SHARE && Date.now() < deadline) {
            const again = await operate(
                'CREATE (same Username)',
                create(modelFor(userRng, username, `${password}R`)),
                'AlreadyExists'
            );
            if (again.ErrorCode !== 'AlreadyExists') {
                tally.problems.push(
                    `a second CreateResource for ${username} ended ${again.OperationStatus} ${again.ErrorCode ?? ''}`
                );
            }
        }
        for (let round = userRng.int(0, 2); round > 0; round -= 1) {
            if (Date.now() > deadline) return;
            const desired: Json = {
                ...modelFor(userRng, username, password),
                UserArn: userArn,
            };
            let event = await operate('UPDATE', update(userArn, state, desired));
            for (
                let retry = 0;
                event.OperationStatus !== 'SUCCESS' && retry < options.maxRetries;
                retry += 1
            ) {
                bump(tally.retries, 'UPDATE');
                // The patch from what Connect holds now: the failed update left it part-way.
                const current = await send<{
                    ResourceDescription?: { Properties?: string };
                }>(
                    new GetResourceCommand({ TypeName: TYPE_NAME, Identifier: userArn })
                ).catch(() => undefined);
                const now = JSON.parse(
                    current?.ResourceDescription?.Properties ?? 'null'
                ) as Json | null;
                if (!now) {
                    // Cloud Control applies the patch to what Connect holds; one made
                    // from the state before the failed update may name a path that
                    // update took away. So no patch until the read succeeds.
                    continue;
                }
                event = await operate('UPDATE (again)', update(userArn, now, desired));
            }
            if (event.OperationStatus !== 'SUCCESS') {
                indeterminate.add(username);
                return;
            }
            state = desired;
            expected.set(username, state);
        }
        if (userRng.next() < 0.7 && Date.now() < deadline) {
            if (await deleteUser('DELETE', userArn)) expected.set(username, null);
        }
    };

    // The server silences the handler's console; driveUsers records it.
    const driven = await driveUsers(options, emulator, rng, deadline, lifecycle);
    client.destroy();
    await server.close();
    await emulator.close();

    return soakVerdict(options, tally, {
        expected,
        indeterminate,
        passwords,
        texts: [...driven.handlerLines, ...serverLines, ...tally.responses],
        acceptSystemTags: false,
        calls: driven.calls,
        instances: driven.instances,
        started,
        skipped: driven.skipped,
        transport:
            'the Cloud Control API with the SDK client (Cloud Control calls counted as invocations), handler in this process',
    });
}

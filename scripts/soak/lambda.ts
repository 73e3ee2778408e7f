/**
 * The fault soak: many users created, updated and deleted concurrently through
 * the local Lambda endpoint (HTTP), driven as CloudFormation drives a type,
 * while the Connect emulator throttles, fails, drops, delays calls and loses
 * the answers to calls it carried out. Some users also meet a replacement that
 * keeps their Username, which must be refused without touching them. At the
 * end, the emulator must hold exactly what the successful operations imply,
 * and no response or log line may carry a password.
 */
import { randomUUID } from 'node:crypto';
import { startEmulator } from '../../emulator/server';
import { type Action, requestFrom, type Sender } from '../../local/handler-request';
import { startLambdaEndpoint } from '../../local/lambda-endpoint';
import { driveUsers, type Json, modelFor, random, soakUser } from './drive';
import type { SoakOptions, SoakResult } from './options';
import { bump, countOperation, newTally, soakVerdict } from './verdict';

/** The codes CloudFormation retries a handler for. */
const RETRYABLE = new Set([
    'Throttling',
    'ServiceInternalError',
    'NetworkFailure',
    'GeneralServiceException',
    'NotStabilized',
]);

/** Share of users whose stack then tries a replacement that keeps the Username. */
const REPLACEMENT_SHARE = 0.3;
const ACCOUNT = '123456789012';

interface Response {
    status?: string;
    errorCode?: string;
    message?: string;
    resourceModel?: Json;
    callbackContext?: Json;
}

/** The soak's stack, with the system tags of one of its users. */
function soakStack(systemTags: Record<string, string>): Sender {
    return {
        accountId: ACCOUNT,
        region: 'us-east-1',
        stackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/soak/00000000-0000-0000-0000-000000000000`,
        logicalResourceId: 'SoakUser',
        credentials: {
            accessKeyId: 'AKIASOAKEXAMPLE',
            secretAccessKey: 'soak-secret-access-key',
            sessionToken: 'soak-session-token',
        },
        providerLogGroupName: 'soak-logs',
        stackTags: null,
        systemTags,
    };
}

/** Runs the soak and returns its summary; never throws for a failed check. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
    const started = Date.now();
    const deadline = started + options.maxSeconds * 1000;
    const rng = random(options.seed);
    const emulator = await startEmulator({
        port: 0,
        quiet: true,
        acceptSystemTags: options.acceptSystemTags ?? false,
    });
    const endpointLines: string[] = [];
    const endpoint = await startLambdaEndpoint({
        port: 0,
        connectEndpoint: emulator.url,
        functionLogs: false,
        log: (line) => endpointLines.push(line),
    });

    const tally = newTally();
    const passwords: string[] = [];
    /** Per username: the model Connect must hold at the end, or null when it must be gone. */
    const expected = new Map<string, Json | null>();
    /** Users left in UPDATE_ROLLBACK_FAILED: they must exist, their properties are unknown. */
    const indeterminate = new Set<string>();

    const invoke = async (event: Json): Promise<Response> => {
        tally.invocations += 1;
        const reply = await fetch(
            `${endpoint.url}/2015-03-31/functions/TypeFunction/invocations`,
            { method: 'POST', body: JSON.stringify(event) }
        );
        const text = await reply.text();
        tally.responses.push(text);
        if (reply.headers.get('x-amz-function-error')) {
            return { status: 'FAILED', errorCode: 'Unhandled', message: text };
        }
        return JSON.parse(text) as Response;
    };

    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    /**
     * One CloudFormation operation: re-invoked with the callbackContext while
     * IN_PROGRESS, a failed step re-invoked while its code is retryable. The
     * soak's time limit stops new operations only: CloudFormation goes on
     * retrying an operation under way, and a user whose delete failed for a
     * fault after its DeleteUser went through would otherwise be counted as
     * still there.
     */
    const operate = async (
        label: string,
        action: Action,
        model: Json,
        previous: Json | undefined,
        systemTags: Record<string, string>
    ): Promise<{ response: Response; userArn?: string }> => {
        let current = model;
        let context: Json | undefined;
        let userArn = model.UserArn as string | undefined;
        let retries = 0;
        // One operation: the same token on each invocation and retry of it.
        const clientRequestToken = randomUUID();
        for (let step = 0; step < 40; step += 1) {
            const response = await invoke(
                requestFrom(soakStack(systemTags), action, current, {
                    previous,
                    callbackContext: context,
                    clientRequestToken,
                })
            );
            if (response.status === 'IN_PROGRESS') {
                current = response.resourceModel ?? current;
                userArn = (current.UserArn as string | undefined) ?? userArn;
                // CloudFormation keeps the template's write-only values across steps.
                current = { ...current, Password: model.Password };
                context = response.callbackContext;
                continue;
            }
            const code = response.errorCode ?? '';
            if (response.status === 'FAILED' && RETRYABLE.has(code)) {
                if (retries < options.maxRetries) {
                    retries += 1;
                    bump(tally.retries, code);
                    await sleep(20 * retries + rng.int(0, 30));
                    continue;
                }
            }
            if (response.status === 'SUCCESS') {
                countOperation(tally, label, 'ok');
            } else {
                // A DELETE whose DeleteUser answer was lost finds the user gone:
                // NotFound, which CloudFormation takes as deleted.
                const expectedRefusal =
                    (label === 'CREATE (replacement)' && code === 'AlreadyExists') ||
                    (label.startsWith('DELETE') && code === 'NotFound');
                countOperation(
                    tally,
                    label,
                    expectedRefusal ? 'refused' : 'failed',
                    code || String(response.status),
                    response.message
                );
                if (!RETRYABLE.has(code) && !expectedRefusal) {
                    tally.problems.push(
                        `${label} ${String(model.Username)}: ${code} ${response.message ?? ''}`
                    );
                }
            }
            return { response, userArn };
        }
        tally.problems.push(`${label} ${String(model.Username)}: did not finish`);
        return { response: { status: 'FAILED', errorCode: 'Unfinished' } };
    };

    const lifecycle = async (index: number) => {
        const { rng: userRng, username, password } = soakUser(options.seed, index);
        passwords.push(password, `${password}R`);
        const systemTags = {
            'aws:cloudformation:stack-name': 'soak',
            'aws:cloudformation:logical-id': `User${index}`,
        };
        const first = modelFor(userRng, username, password);
        const created = await operate('CREATE', 'CREATE', first, undefined, systemTags);
        if (created.response.status !== 'SUCCESS') {
            if (created.userArn) {
                // CloudFormation rolls a failed create back by deleting what it knows of.
                const rollback = await operate(
                    'DELETE (rollback)',
                    'DELETE',
                    { ...first, UserArn: created.userArn },
                    undefined,
                    systemTags
                );
                const gone =
                    rollback.response.status === 'SUCCESS' ||
                    rollback.response.errorCode === 'NotFound';
                expected.set(
                    username,
                    gone ? null : { ...first, UserArn: created.userArn }
                );
            } else {
                expected.set(username, null);
            }
            return;
        }
        const userArn = String(
            created.userArn ?? created.response.resourceModel?.UserArn
        );
        let state: Json = { ...first, UserArn: userArn };
        expected.set(username, state);
        if (userRng.next() < REPLACEMENT_SHARE && Date.now() < deadline) {
            // A change to a create-only property that keeps the Username: the
            // replacement must be refused and the user left as it is.
            const replacement = await operate(
                'CREATE (replacement)',
                'CREATE',
                { ...modelFor(userRng, username, `${password}R`) },
                undefined,
                systemTags
            );
            // Refused as AlreadyExists, or failed for an injected fault past its
            // retries; never taken over.
            const code = replacement.response.errorCode ?? '';
            const refused =
                replacement.response.status === 'FAILED' &&
                (code === 'AlreadyExists' || RETRYABLE.has(code));
            if (!refused) {
                tally.problems.push(
                    `replacement of ${username} was not refused: ${replacement.response.status} ${replacement.response.errorCode ?? ''}`
                );
            }
        }
        for (let update = userRng.int(0, 2); update > 0; update -= 1) {
            if (Date.now() > deadline) {
                return;
            }
            const desired = {
                ...modelFor(userRng, username, password),
                UserArn: userArn,
            };
            const updated = await operate(
                'UPDATE',
                'UPDATE',
                desired,
                state,
                systemTags
            );
            if (updated.response.status === 'SUCCESS') {
                state = desired;
            } else {
                // CloudFormation rolls a failed update back to the previous template.
                const rollback = await operate(
                    'UPDATE (rollback)',
                    'UPDATE',
                    state,
                    desired,
                    systemTags
                );
                if (rollback.response.status !== 'SUCCESS') {
                    // UPDATE_ROLLBACK_FAILED: the user exists, its properties are
                    // whatever the calls that went through left.
                    indeterminate.add(username);
                    return;
                }
            }
            expected.set(username, state);
        }
        if (userRng.next() < 0.7 && Date.now() < deadline) {
            const deleted = await operate(
                'DELETE',
                'DELETE',
                state,
                undefined,
                systemTags
            );
            if (
                deleted.response.status === 'SUCCESS' ||
                deleted.response.errorCode === 'NotFound'
            ) {
                expected.set(username, null);
            }
        }
    };

    // The endpoint silences the handler's console; driveUsers records it.
    const driven = await driveUsers(options, emulator, rng, deadline, lifecycle);
    await endpoint.close();
    await emulator.close();

    return soakVerdict(options, tally, {
        expected,
        indeterminate,
        passwords,
        texts: [...driven.handlerLines, ...endpointLines, ...tally.responses],
        acceptSystemTags: options.acceptSystemTags ?? false,
        calls: driven.calls,
        instances: driven.instances,
        started,
        skipped: driven.skipped,
        transport:
            'HTTP to the local Lambda endpoint (TypeFunction), handler in this process',
    });
}

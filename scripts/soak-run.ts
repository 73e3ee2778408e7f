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
import { SEED_INSTANCES } from '../emulator/seed';
import { startEmulator, type CallRecord, type UserState } from '../emulator/server';
import type { FaultKind } from '../emulator/types';
import { startLambdaEndpoint } from '../local/lambda-endpoint';

export interface SoakOptions {
    users: number;
    concurrency: number;
    /** Share of Connect calls that get a fault, from 0 to 1. */
    faultRate: number;
    seed: number;
    maxSeconds: number;
    /** Re-invocations of a failed step with a retryable code, per step. */
    maxRetries: number;
    /** Whether the library's 1 s end-of-invocation delay is in force. */
    delay: 'real' | 'stubbed';
    /** Whether the emulator takes `aws:` tag keys on CreateUser (Connect's rule refuses them). */
    acceptSystemTags?: boolean;
}

export const DEFAULT_SOAK: SoakOptions = {
    users: 40,
    concurrency: 8,
    faultRate: 0.1,
    seed: 1,
    maxSeconds: 120,
    maxRetries: 6,
    delay: 'real',
};

/** The codes CloudFormation retries a handler for. */
const RETRYABLE = new Set([
    'Throttling',
    'ServiceInternalError',
    'NetworkFailure',
    'GeneralServiceException',
    'NotStabilized',
]);

const FAULT_KINDS: readonly FaultKind[] = [
    'throttle',
    'error500',
    'drop',
    'latency',
    'lose-answer',
];

/** Share of users whose stack then tries a replacement that keeps the Username. */
const REPLACEMENT_SHARE = 0.3;
const managed = SEED_INSTANCES.managed;
const ACCOUNT = '123456789012';

type Json = Record<string, unknown>;

interface Response {
    status?: string;
    errorCode?: string;
    message?: string;
    resourceModel?: Json;
    callbackContext?: Json;
}

/** mulberry32: a small seeded generator, so that every run of a seed is the same. */
function random(seed: number) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (min: number, max: number) =>
        min + Math.floor(next() * (max - min + 1));
    const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
    const some = <T>(items: readonly T[], min: number, max: number): T[] =>
        [...items]
            .sort(() => next() - 0.5)
            .slice(0, int(min, Math.min(max, items.length)));
    return { next, int, pick, some };
}
type Random = ReturnType<typeof random>;

const PAIRS = Object.entries(managed.predefinedAttributes).flatMap(([name, values]) =>
    values.map((value) => [name, value] as const)
);

function modelFor(rng: Random, username: string, password: string): Json {
    const tags = rng
        .some(['team', 'cost centre', 'owner@org', 'région', 'tier'], 0, 4)
        .map((Key) => ({ Key, Value: `v${rng.int(0, 9)}` }));
    const proficiencies = rng.some(PAIRS, 0, PAIRS.length).map(([name, value]) => ({
        AttributeName: name,
        AttributeValue: value,
        Level: rng.int(1, 5),
    }));
    const model: Json = {
        InstanceArn: managed.arn,
        Username: username,
        Password: password,
        RoutingProfileArn: rng.pick(managed.routingProfileArns),
        SecurityProfileArns: rng.some(managed.securityProfileArns, 1, 3),
        IdentityInfo: {
            FirstName: rng.pick(['Ana', 'Björn', 'Chidi', 'Dương']),
            LastName: rng.pick(['Silva', 'Øster', 'Okafor', 'Nguyễn']),
            Email: `${username}@example.com`,
        },
        PhoneConfig: {
            PhoneType: 'SOFT_PHONE',
            AutoAccept: rng.next() < 0.5,
            AfterContactWorkTimeLimit: rng.int(0, 120),
        },
    };
    if (rng.next() < 0.6) {
        model.HierarchyGroupArn = rng.pick(managed.hierarchyGroupArns);
    }
    if (tags.length) {
        model.Tags = tags;
    }
    if (proficiencies.length) {
        model.UserProficiencies = proficiencies;
    }
    return model;
}

function eventFor(
    action: string,
    model: Json,
    previous: Json | undefined,
    callbackContext: Json | undefined,
    systemTags: Record<string, string>,
    clientRequestToken: string
): Json {
    return {
        action,
        awsAccountId: ACCOUNT,
        bearerToken: clientRequestToken,
        region: 'us-east-1',
        resourceType: 'AWS::Connect::User',
        resourceTypeVersion: '00000001',
        stackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/soak/00000000-0000-0000-0000-000000000000`,
        callbackContext: callbackContext ?? null,
        nextToken: null,
        requestData: {
            callerCredentials: {
                accessKeyId: 'AKIASOAKEXAMPLE',
                secretAccessKey: 'soak-secret-access-key',
                sessionToken: 'soak-session-token',
            },
            providerLogGroupName: 'soak-logs',
            logicalResourceId: 'SoakUser',
            resourceProperties: model,
            previousResourceProperties: previous ?? null,
            stackTags: null,
            previousStackTags: null,
            systemTags,
        },
    };
}

export interface SoakResult {
    pass: boolean;
    lines: string[];
}

interface Tally {
    operations: Record<string, { ok: number; failed: number }>;
    invocations: number;
    retries: Record<string, number>;
    failures: Record<string, number>;
    problems: string[];
    responses: string[];
}

const bump = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
};

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
    // The endpoint silences the handler's console; record what it would print, unredacted.
    const handlerLines: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const saved = methods.map((method) => [method, console[method]] as const);
    for (const method of methods) {
        console[method] = (...args: unknown[]) => {
            handlerLines.push(args.map((arg) => String(arg)).join(' '));
        };
    }

    const tally: Tally = {
        operations: {},
        invocations: 0,
        retries: {},
        failures: {},
        problems: [],
        responses: [],
    };
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
     * IN_PROGRESS, a failed step re-invoked while its code is retryable.
     */
    const operate = async (
        label: string,
        action: string,
        model: Json,
        previous: Json | undefined,
        systemTags: Record<string, string>,
        cleanup = false
    ): Promise<{ response: Response; userArn?: string }> => {
        let current = model;
        let context: Json | undefined;
        let userArn = model.UserArn as string | undefined;
        let retries = 0;
        // One operation: the same token on each invocation and retry of it.
        const clientRequestToken = randomUUID();
        for (let step = 0; step < 40; step += 1) {
            const response = await invoke(
                eventFor(
                    action,
                    current,
                    previous,
                    context,
                    systemTags,
                    clientRequestToken
                )
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
                if (
                    retries < options.maxRetries &&
                    (cleanup || Date.now() < deadline)
                ) {
                    retries += 1;
                    bump(tally.retries, code);
                    await sleep(20 * retries + rng.int(0, 30));
                    continue;
                }
            }
            const outcome = tally.operations[label] ?? { ok: 0, failed: 0 };
            tally.operations[label] = outcome;
            if (response.status === 'SUCCESS') {
                outcome.ok += 1;
            } else {
                outcome.failed += 1;
                bump(tally.failures, code || String(response.status));
                const expectedRefusal =
                    label === 'CREATE (replacement)' && code === 'AlreadyExists';
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
        const userRng = random(options.seed * 1000 + index);
        const username = `soak${options.seed}u${index}`;
        const password = `Soak${options.seed}x${index}Pw!`;
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
                    systemTags,
                    true
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
                systemTags,
                true
            );
            const refused = replacement.response.errorCode === 'AlreadyExists';
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
                    systemTags,
                    true
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

    // Faults in bursts on any operation, at the configured share of calls.
    let seenCalls = 0;
    const faultTimer = setInterval(() => {
        const total = emulator.calls().length;
        const fresh = total - seenCalls;
        seenCalls = total;
        let budget =
            fresh * options.faultRate + (rng.next() < options.faultRate ? 1 : 0);
        while (budget >= 1) {
            const count = Math.min(Math.floor(budget), rng.int(1, 3));
            const kind = rng.pick(FAULT_KINDS);
            emulator.injectFault({
                operation: '*',
                count,
                kind,
                latencyMs: kind === 'latency' ? rng.int(20, 300) : undefined,
            });
            budget -= count;
        }
    }, 50);

    let nextUser = 0;
    let skipped = 0;
    const worker = async () => {
        while (nextUser < options.users) {
            const index = nextUser;
            nextUser += 1;
            if (Date.now() > deadline) {
                skipped += 1;
                continue;
            }
            await lifecycle(index);
        }
    };
    try {
        await Promise.all(
            Array.from({ length: Math.max(1, options.concurrency) }, () => worker())
        );
    } finally {
        clearInterval(faultTimer);
        emulator.clearFaults();
        for (const [method, original] of saved) {
            console[method] = original;
        }
    }

    const calls = emulator.calls();
    const state = emulator.snapshot();
    await endpoint.close();
    await emulator.close();

    const check = checkFinalState(
        expected,
        indeterminate,
        state.instances,
        passwords,
        [...handlerLines, ...endpointLines, ...tally.responses],
        options.acceptSystemTags ?? false
    );
    const elapsed = (Date.now() - started) / 1000;
    const lines = summary(options, tally, calls, check, elapsed, skipped);
    const pass = check.problems.length === 0 && tally.problems.length === 0;
    lines.push(`Result: ${pass ? 'PASS' : 'FAIL'}`);
    return { pass, lines };
}

interface Check {
    indeterminate: number;
    expectedUsers: number;
    foundUsers: number;
    orphans: string[];
    problems: string[];
    leaks: number;
}

const idOf = (arn: unknown) => String(arn).split('/').pop() ?? '';
const sortedJson = (items: unknown[]) => items.map((i) => JSON.stringify(i)).sort();

function checkFinalState(
    expected: Map<string, Json | null>,
    indeterminate: ReadonlySet<string>,
    instances: Array<{ id: string; users: UserState[] }>,
    passwords: string[],
    texts: string[],
    acceptSystemTags: boolean
): Check {
    const problems: string[] = [];
    const users = instances.flatMap((instance) => instance.users);
    const present = [...expected].filter(([, model]) => model !== null);
    const orphans = users
        .filter((user) => !expected.get(user.username))
        .map((user) => user.username);
    for (const name of orphans) {
        problems.push(`orphaned user ${name}`);
    }
    for (const [username, model] of present) {
        const matches = users.filter((user) => user.username === username);
        if (!model || matches.length !== 1) {
            problems.push(`${username}: ${matches.length} users, expected 1`);
            continue;
        }
        const [user] = matches;
        if (indeterminate.has(username)) {
            continue;
        }
        const want = {
            routingProfileId: idOf(model.RoutingProfileArn),
            securityProfileIds: (model.SecurityProfileArns as string[])
                .map(idOf)
                .sort(),
            hierarchyGroupId: model.HierarchyGroupArn
                ? idOf(model.HierarchyGroupArn)
                : undefined,
            identityInfo: model.IdentityInfo,
            phoneConfig: model.PhoneConfig,
            tags: sortedJson(
                Object.entries({
                    ...(acceptSystemTags
                        ? { 'aws:cloudformation:stack-name': 'soak' }
                        : {}),
                    ...Object.fromEntries(
                        (
                            (model.Tags as Array<{ Key: string; Value: string }>) ?? []
                        ).map((tag) => [tag.Key, tag.Value])
                    ),
                })
            ),
            proficiencies: sortedJson(
                (model.UserProficiencies as unknown[] | undefined) ?? []
            ),
        };
        const got = {
            routingProfileId: user.routingProfileId,
            securityProfileIds: [...user.securityProfileIds].sort(),
            hierarchyGroupId: user.hierarchyGroupId,
            identityInfo: user.identityInfo,
            phoneConfig: user.phoneConfig,
            tags: sortedJson(
                Object.entries(user.tags).filter(
                    ([key]) => key !== 'aws:cloudformation:logical-id'
                )
            ),
            proficiencies: sortedJson(user.proficiencies),
        };
        for (const key of Object.keys(want) as Array<keyof typeof want>) {
            if (JSON.stringify(want[key]) !== JSON.stringify(got[key])) {
                problems.push(
                    `${username}.${key}: expected ${JSON.stringify(want[key])}, found ${JSON.stringify(got[key])}`
                );
            }
        }
    }
    let leaks = 0;
    for (const text of texts) {
        if (passwords.some((password) => text.includes(password))) {
            leaks += 1;
        }
    }
    if (leaks) {
        problems.push(`${leaks} log lines or responses contain a password`);
    }
    return {
        indeterminate: indeterminate.size,
        expectedUsers: present.length,
        foundUsers: users.length,
        orphans,
        problems,
        leaks,
    };
}

const list = (counts: Record<string, number>) =>
    Object.keys(counts).length
        ? Object.entries(counts)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, count]) => `${key} ${count}`)
              .join(', ')
        : 'none';

function summary(
    options: SoakOptions,
    tally: Tally,
    calls: CallRecord[],
    check: Check,
    elapsed: number,
    skipped: number
): string[] {
    const faults: Record<string, number> = {};
    for (const call of calls) {
        if (call.fault) {
            bump(faults, call.fault);
        }
    }
    const operations = Object.entries(tally.operations)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
            ([label, { ok, failed }]) =>
                `${label} ${ok + failed} (${ok} ok, ${failed} failed)`
        )
        .join(', ');
    const retries = Object.values(tally.retries).reduce((sum, n) => sum + n, 0);
    return [
        `Soak: users ${options.users}, concurrency ${options.concurrency}, fault rate ${options.faultRate}, seed ${options.seed}, max ${options.maxSeconds} s, max retries per step ${options.maxRetries}, aws: tags on CreateUser ${options.acceptSystemTags ? 'accepted' : 'refused'}`,
        `Transport: HTTP to the local Lambda endpoint (TypeFunction), handler in this process; library end-of-invocation delay: ${options.delay === 'real' ? 'real (1 s per invocation)' : 'stubbed'}`,
        `Operations by action: ${operations || 'none'}${skipped ? ` (${skipped} users not started: time limit)` : ''}`,
        `Invocations: ${tally.invocations}; Connect calls: ${calls.length}; elapsed ${elapsed.toFixed(1)} s`,
        `Injected faults by kind: ${list(faults)}`,
        `Retries: ${retries} (${list(tally.retries)})`,
        `Failures by code: ${list(tally.failures)}`,
        ...tally.problems
            .slice(0, 20)
            .map((problem) => `  operation problem: ${problem}`),
        `Final state: ${check.expectedUsers} users expected (${check.indeterminate} left by a failed update rollback, checked for existence only), ${check.foundUsers} found, ${check.orphans.length} orphaned, ${check.leaks} password leaks: ${check.problems.length ? 'FAIL' : 'PASS'}`,
        ...check.problems.slice(0, 20).map((problem) => `  state problem: ${problem}`),
    ];
}

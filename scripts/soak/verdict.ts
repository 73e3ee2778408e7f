/**
 * How a fault soak is judged: the tally of its operations, the end check that
 * nothing was orphaned or lost and that no response or log line carries a
 * password, the summary it prints and its verdict. Both soaks (lambda.ts,
 * cloudcontrol.ts) keep their tally here and end with soakVerdict.
 */
import { configurationView } from '../../emulator/channels';
import type { CallRecord, UserState } from '../../emulator/server';
import type { Json } from './drive';
import type { SoakOptions, SoakResult } from './options';

/**
 * How an operation ended: it succeeded, it failed, or it was refused as the
 * soak meant it to be (a replacement that keeps its Username is AlreadyExists;
 * a delete that finds the user gone, its earlier answer lost, is NotFound).
 */
export type Ending = 'ok' | 'failed' | 'refused';

export interface Tally {
    operations: Record<string, Record<Ending, number>>;
    invocations: number;
    retries: Record<string, number>;
    failures: Record<string, number>;
    /** The refusals the soak asked for, by code: not failures. */
    refusals: Record<string, number>;
    /** The message of the first failure with each code: what to read when a soak fails. */
    firstMessages: Record<string, string>;
    problems: string[];
    responses: string[];
}

export const bump = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Counts an operation under its label; a failure also under its code, keeping
 * the first message of each code, and an expected refusal under its code.
 */
export function countOperation(
    tally: Tally,
    label: string,
    ending: Ending,
    code = '',
    message?: string
): void {
    const counts = tally.operations[label] ?? { ok: 0, failed: 0, refused: 0 };
    tally.operations[label] = counts;
    counts[ending] += 1;
    if (ending === 'refused') {
        bump(tally.refusals, code);
    } else if (ending === 'failed') {
        bump(tally.failures, code);
        if (message && !(code in tally.firstMessages)) {
            tally.firstMessages[code] = message.slice(0, 400);
        }
    }
}

export function newTally(): Tally {
    return {
        operations: {},
        invocations: 0,
        retries: {},
        failures: {},
        refusals: {},
        firstMessages: {},
        problems: [],
        responses: [],
    };
}

/** The fields of `held` that `asked` names, in `asked`'s order; undefined when `asked` is. */
function fieldsOf(held: object | undefined, asked: object | undefined) {
    if (asked === undefined) {
        return undefined;
    }
    const values = (held ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.keys(asked).map((key) => [key, values[key]]));
}

export interface Check {
    indeterminate: number;
    expectedUsers: number;
    foundUsers: number;
    orphans: string[];
    problems: string[];
    leaks: number;
}

const idOf = (arn: unknown) => String(arn).split('/').pop() ?? '';
const sortedJson = (items: unknown[]) => items.map((i) => JSON.stringify(i)).sort();

export function checkFinalState(
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
            // By value: the VOICE view of what the user holds, in whichever form
            // it was written, for the fields the model gives.
            phoneConfig: fieldsOf(
                configurationView(user.channelSettings, { both: true }).PhoneConfig,
                model.PhoneConfig as object | undefined
            ),
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

/** Why the soak asks for each refusal it expects. */
const REFUSAL_REASONS: Readonly<Record<string, string>> = {
    AlreadyExists: 'a replacement that keeps its Username',
    NotFound: 'a delete that finds the user gone, its earlier answer lost',
};

const refusalList = (counts: Record<string, number>) =>
    Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
            ([code, count]) =>
                `${code} ${count} (${REFUSAL_REASONS[code] ?? 'asked for by the soak'})`
        )
        .join(', ');

export function summary(
    options: SoakOptions,
    tally: Tally,
    calls: CallRecord[],
    check: Check,
    elapsed: number,
    skipped: number,
    transport: string
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
            ([label, { ok, failed, refused }]) =>
                `${label} ${ok + failed + refused} (${ok} ok, ${failed} failed` +
                `${refused ? `, ${refused} refused as expected` : ''})`
        )
        .join(', ');
    const retries = Object.values(tally.retries).reduce((sum, n) => sum + n, 0);
    return [
        `Soak: users ${options.users}, concurrency ${options.concurrency}, fault rate ${options.faultRate}, seed ${options.seed}, max ${options.maxSeconds} s, max retries per step ${options.maxRetries}, aws: tags on CreateUser ${options.acceptSystemTags ? 'accepted' : 'refused'}`,
        `Transport: ${transport}; library delay(): ${options.delay === 'real' ? 'real (this type ends an invocation without it)' : 'stubbed'}`,
        `Operations by action: ${operations || 'none'}${skipped ? ` (${skipped} users not started: time limit)` : ''}`,
        `Invocations: ${tally.invocations}; Connect calls: ${calls.length}; elapsed ${elapsed.toFixed(1)} s`,
        `Injected faults by kind: ${list(faults)}`,
        `Retries: ${retries} (${list(tally.retries)})`,
        `Failures by code: ${list(tally.failures)}`,
        ...(Object.keys(tally.refusals).length
            ? [`Expected refusals, not failures: ${refusalList(tally.refusals)}`]
            : []),
        ...Object.entries(tally.firstMessages).map(
            ([code, message]) => `  first ${code}: ${message}`
        ),
        ...tally.problems
            .slice(0, 20)
            .map((problem) => `  operation problem: ${problem}`),
        `Final state: ${check.expectedUsers} users expected (${check.indeterminate} left by a failed update rollback, checked for existence only), ${check.foundUsers} found, ${check.orphans.length} orphaned, ${check.leaks} password leaks: ${check.problems.length ? 'FAIL' : 'PASS'}`,
        ...check.problems.slice(0, 20).map((problem) => `  state problem: ${problem}`),
    ];
}

/** What a soak holds when its users are done, for its verdict. */
export interface SoakEnd {
    expected: Map<string, Json | null>;
    indeterminate: ReadonlySet<string>;
    passwords: string[];
    /** Every text the soak saw: none may hold a password. */
    texts: string[];
    acceptSystemTags: boolean;
    calls: CallRecord[];
    instances: Array<{ id: string; users: UserState[] }>;
    /** When the soak started, in ms since the epoch. */
    started: number;
    skipped: number;
    /** How the soak reached the handler, for the summary. */
    transport: string;
}

/** The end check, the summary and the verdict of a soak. */
export function soakVerdict(
    options: SoakOptions,
    tally: Tally,
    end: SoakEnd
): SoakResult {
    const check = checkFinalState(
        end.expected,
        end.indeterminate,
        end.instances,
        end.passwords,
        end.texts,
        end.acceptSystemTags
    );
    const elapsed = (Date.now() - end.started) / 1000;
    const lines = summary(
        options,
        tally,
        end.calls,
        check,
        elapsed,
        end.skipped,
        end.transport
    );
    const pass = check.problems.length === 0 && tally.problems.length === 0;
    lines.push(`Result: ${pass ? 'PASS' : 'FAIL'}`);
    return { pass, lines };
}

/**
 * The steps of the `npm start` lifecycle, whichever way they are driven (the
 * function's entrypoint as CloudFormation calls it, or the Cloud Control API):
 * each step's result, the Connect calls it caused, and how the CLI prints it.
 */
import type { CallRecord } from '../emulator/types';
import type { Properties } from '../local/handler-request';

export type StepName =
    'create' | 'read' | 'update' | 'list' | 'delete' | 'read-deleted';

export const TOTAL_STEPS = 6;

export interface StepResult {
    step: StepName;
    ok: boolean;
    /** Status of each invocation, in order. */
    statuses: string[];
    errorCode?: string;
    message?: string;
    ms: number;
    /** Connect operations and how often each was called; undefined without a call record. */
    calls?: Record<string, number>;
    /** What did not behave as CloudFormation expects; empty when ok. */
    problems: string[];
}

/**
 * What the handler must return for a model: all but the write-only Password,
 * with every tag the user holds, the stack's among them (the model's win on a
 * key they share).
 */
export function expected(
    properties: Properties,
    stackTags: Record<string, string> = {}
): Properties {
    const { Password: _password, ...rest } = properties;
    const modelTags = (rest.Tags ?? []) as Array<{ Key: string; Value: string }>;
    const tags = {
        ...stackTags,
        ...Object.fromEntries(modelTags.map((tag) => [tag.Key, tag.Value])),
    };
    const keys = Object.keys(tags).sort();
    return keys.length
        ? { ...rest, Tags: keys.map((Key) => ({ Key, Value: tags[Key] })) }
        : rest;
}

/** Operations that write parts the update does not change; sending them is a needless write. */
export const UNCHANGED_BY_UPDATE = [
    'CreateUser',
    'DeleteUser',
    'UpdateUserIdentityInfo',
    'UpdateUserRoutingProfile',
    'UpdateUserConfig',
    'UntagResource',
];

function countCalls(calls: CallRecord[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of calls) {
        counts[call.operation] = (counts[call.operation] ?? 0) + 1;
    }
    return counts;
}

export function formatCalls(calls: Record<string, number> | undefined): string {
    if (!calls) {
        return 'not recorded (no emulator)';
    }
    const entries = Object.entries(calls);
    return entries.length
        ? entries.map(([operation, count]) => `${operation} x${count}`).join(', ')
        : 'none';
}

/** Prints a step as the CLI shows it. */
export function formatStep(result: StepResult, index: number, total: number): string[] {
    const outcome = [result.statuses.join(' -> ') || 'not run'];
    if (result.errorCode) outcome.push(`(${result.errorCode})`);
    const lines = [
        `[${index}/${total}] ${result.step.padEnd(12)} ${result.ok ? 'ok  ' : 'FAIL'} ` +
            `${outcome.join(' ')}  ${result.ms} ms`,
        `      Connect calls: ${formatCalls(result.calls)}`,
    ];
    if (result.message && !result.ok) lines.push(`      message: ${result.message}`);
    for (const problem of result.problems) lines.push(`      problem: ${problem}`);
    return lines;
}

export interface StepRunnerOptions {
    /** The emulator's call record; without it the Connect calls are not reported. */
    connectCalls?: () => CallRecord[];
    log: (line: string) => void;
}

/**
 * Runs one step: times it, records the Connect calls it caused (a step that
 * caused none, or wrote a part that did not change, has a problem), prints it,
 * and never rejects for what the step's body threw.
 */
export function stepRunner(options: StepRunnerOptions) {
    const steps: StepResult[] = [];
    const run = async (
        name: StepName,
        body: (step: StepResult) => Promise<void>,
        needless: readonly string[] = []
    ): Promise<StepResult> => {
        const step: StepResult = {
            step: name,
            ok: false,
            statuses: [],
            ms: 0,
            problems: [],
        };
        const seen = options.connectCalls?.().length ?? 0;
        const started = Date.now();
        try {
            await body(step);
        } catch (error) {
            step.problems.push(`the invocation threw: ${(error as Error).message}`);
        }
        step.ms = Date.now() - started;
        if (options.connectCalls) {
            const calls = options.connectCalls().slice(seen);
            step.calls = countCalls(calls);
            if (calls.length === 0) {
                step.problems.push('no Connect call reached the emulator');
            }
            const sent = needless.filter((operation) => step.calls?.[operation]);
            if (sent.length) {
                step.problems.push(
                    `calls for parts that did not change: ${sent.join(', ')}`
                );
            }
        }
        step.ok = step.problems.length === 0;
        steps.push(step);
        formatStep(step, steps.length, TOTAL_STEPS).forEach((line) =>
            options.log(line)
        );
        return step;
    };
    return { steps, run };
}

/**
 * The six steps of the `npm start` lifecycle in their order, whichever way a
 * driver takes them: the create first, the others only once the user's ARN is
 * known, and the user deleted directly with Connect at the end when the delete
 * step did not delete it.
 */
import type { CallRecord } from '../emulator/types';
import { type StepResult, stepRunner, TOTAL_STEPS, UNCHANGED_BY_UPDATE } from './steps';
import { forceDelete, type LifecycleTarget } from './target';

export interface LifecycleResult {
    ok: boolean;
    username: string;
    userArn?: string;
    steps: StepResult[];
    /** What the final clean-up did, when the delete step had not removed the user. */
    cleanup?: string;
}

/** What a driver does at each step; every step after the create is given the user's ARN. */
export interface StepBodies {
    /** Calls found with the user's ARN as soon as it is known, so a failed create is still cleaned up. */
    create(step: StepResult, found: (userArn: string) => void): Promise<void>;
    read(step: StepResult, userArn: string): Promise<void>;
    /** A step in which the operations of UNCHANGED_BY_UPDATE are needless writes. */
    update(step: StepResult, userArn: string): Promise<void>;
    list(step: StepResult, userArn: string): Promise<void>;
    /** Resolves with whether the user was deleted. */
    delete(step: StepResult, userArn: string): Promise<boolean>;
    readDeleted(step: StepResult, userArn: string): Promise<void>;
}

export interface SequenceOptions {
    target: LifecycleTarget;
    username: string;
    /** The emulator's call record; without it the Connect calls are not reported. */
    connectCalls?: () => CallRecord[];
    log: (line: string) => void;
}

/** Runs the steps; resolves with every step's result, never rejects for a step. */
export async function runSteps(
    options: SequenceOptions,
    bodies: StepBodies
): Promise<LifecycleResult> {
    const { steps, run } = stepRunner({
        connectCalls: options.connectCalls,
        log: options.log,
    });
    const result: LifecycleResult = { ok: false, username: options.username, steps };
    let userArn: string | undefined;
    let deleted = false;
    try {
        await run('create', (step) =>
            bodies.create(step, (arn) => {
                userArn = arn;
            })
        );
        result.userArn = userArn;
        if (!userArn) {
            return result;
        }
        const arn = userArn;
        await run('read', (step) => bodies.read(step, arn));
        await run('update', (step) => bodies.update(step, arn), UNCHANGED_BY_UPDATE);
        await run('list', (step) => bodies.list(step, arn));
        await run('delete', async (step) => {
            deleted = await bodies.delete(step, arn);
        });
        await run('read-deleted', (step) => bodies.readDeleted(step, arn));
    } finally {
        if (userArn && !deleted) {
            result.cleanup = await forceDelete(options.target, userArn);
            options.log(`clean-up: ${result.cleanup}`);
        }
    }
    result.ok = steps.length === TOTAL_STEPS && steps.every((step) => step.ok);
    return result;
}

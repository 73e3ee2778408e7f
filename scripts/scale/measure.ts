/**
 * The three measurements, each against a running emulator (at Connect's quotas)
 * and the local Cloud Control API in front of it: ListResources over the
 * instance, one create whose CreateUser answer is lost, and N users onboarded a
 * few at a time. Every loop is bounded in count and by the run's deadline.
 */
import {
    CloudControlClient,
    CreateResourceCommand,
    GetResourceCommand,
    GetResourceRequestStatusCommand,
    ListResourcesCommand,
    type ProgressEvent,
} from '@aws-sdk/client-cloudcontrol';
import type { CallRecord, Emulator } from '../../emulator/server';
import type {
    ListFigures,
    LostAnswerFigures,
    OnboardFigures,
    OperationCounts,
} from './figures';

export const TYPE_NAME = 'AWS::Connect::User';

/** The instance, its users' routing and security profile, and where progress goes. */
export interface Target {
    emulator: Emulator;
    client: CloudControlClient;
    instanceArn: string;
    instanceId: string;
    routingProfileArn: string;
    securityProfileArn: string;
    /** Nothing runs past this (epoch milliseconds). */
    deadline: number;
    progress(line: string): void;
}

const POLL_MS = 100;
const THROTTLED_WAIT_MS = 500;
/** Asks again after a ThrottlingException from Cloud Control, at most this often. */
const MAX_THROTTLED_RETRIES = 50;
/** One request's longest wait for its end, whatever the run's deadline. */
const REQUEST_LIMIT_MS = 10 * 60 * 1000;
const FINAL = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => (Date.now() - since) / 1000;

/**
 * A bucket of burst 5 at 2 a second is full again after 2.5 s: each measurement
 * starts with the quotas as a fresh client would meet them.
 */
export const REFILL_MS = 2600;

export function countCalls(records: readonly CallRecord[]): OperationCounts {
    const counts: OperationCounts = {};
    for (const record of records) {
        const count = (counts[record.operation] ??= {
            accepted: 0,
            throttled: 0,
            other: 0,
        });
        if (record.status === 200) count.accepted += 1;
        else if (record.error === 'ThrottlingException' && !record.fault)
            count.throttled += 1;
        else count.other += 1;
    }
    return counts;
}

function checkDeadline(target: Target, what: string): void {
    if (Date.now() > target.deadline) {
        throw new Error(`The run's time ran out during ${what}`);
    }
}

/**
 * A Cloud Control call, asked again (after a pause, a bounded number of times)
 * while Cloud Control answers ThrottlingException: a throttled handler's answer
 * to a synchronous call. `throttled` counts those answers.
 */
async function sendThrottled<T>(
    target: Target,
    what: string,
    call: () => Promise<T>,
    throttled: { count: number }
): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
        checkDeadline(target, what);
        try {
            return await call();
        } catch (error) {
            const name = (error as Error).name;
            if (name !== 'ThrottlingException' || attempt >= MAX_THROTTLED_RETRIES) {
                throw error;
            }
            throttled.count += 1;
            await sleep(THROTTLED_WAIT_MS);
        }
    }
}

/** Waits for a request to end; its final ProgressEvent, or the last one seen. */
async function awaitRequest(
    target: Target,
    first: ProgressEvent | undefined
): Promise<ProgressEvent> {
    const limit = Math.min(target.deadline, Date.now() + REQUEST_LIMIT_MS);
    let event = first ?? {};
    while (!FINAL.has(String(event.OperationStatus)) && Date.now() < limit) {
        await sleep(POLL_MS);
        const answer = await target.client.send(
            new GetResourceRequestStatusCommand({ RequestToken: event.RequestToken })
        );
        event = answer.ProgressEvent ?? event;
    }
    return event;
}

/** (a) Every user of the instance through ListResources, page after page. */
export async function measureList(
    target: Target,
    instanceUsers: number
): Promise<ListFigures> {
    target.emulator.resetCalls();
    const throttled = { count: 0 };
    const started = Date.now();
    let resourcesListed = 0;
    let pages = 0;
    let nextToken: string | undefined;
    // A page holds one user at the least: the instance's size bounds the pages.
    const maxPages = instanceUsers + 10;
    do {
        const answer = await sendThrottled(
            target,
            'ListResources',
            () =>
                target.client.send(
                    new ListResourcesCommand({
                        TypeName: TYPE_NAME,
                        ResourceModel: JSON.stringify({
                            InstanceArn: target.instanceArn,
                        }),
                        NextToken: nextToken,
                    })
                ),
            throttled
        );
        pages += 1;
        resourcesListed += answer.ResourceDescriptions?.length ?? 0;
        nextToken = answer.NextToken;
        target.progress(
            `  ListResources page ${pages}: ${resourcesListed} users, ${seconds(started).toFixed(1)} s`
        );
    } while (nextToken && pages < maxPages);
    return {
        instanceUsers,
        resourcesListed,
        pages,
        cloudControlThrottled: throttled.count,
        seconds: seconds(started),
        calls: countCalls(target.emulator.calls()),
    };
}

function desiredUser(target: Target, username: string): Record<string, unknown> {
    return {
        InstanceArn: target.instanceArn,
        Username: username,
        Password: `Scale-${username}-Pw1`,
        RoutingProfileArn: target.routingProfileArn,
        SecurityProfileArns: [target.securityProfileArn],
        IdentityInfo: {
            FirstName: 'New',
            LastName: username,
            Email: `${username}@example.com`,
        },
        PhoneConfig: {
            PhoneType: 'SOFT_PHONE',
            AutoAccept: false,
            AfterContactWorkTimeLimit: 30,
        },
        Tags: [{ Key: 'cohort', Value: 'scale' }],
    };
}

async function createAndWait(target: Target, username: string): Promise<ProgressEvent> {
    const answer = await target.client.send(
        new CreateResourceCommand({
            TypeName: TYPE_NAME,
            DesiredState: JSON.stringify(desiredUser(target, username)),
        })
    );
    return awaitRequest(target, answer.ProgressEvent);
}

/** (b) One create whose CreateUser is carried out but whose answer never arrives. */
export async function measureLostAnswer(
    target: Target,
    instanceUsers: number
): Promise<LostAnswerFigures> {
    const username = 'lostanswer1';
    target.emulator.resetCalls();
    target.emulator.injectFault({
        operation: 'CreateUser',
        count: 1,
        kind: 'lose-answer',
    });
    const started = Date.now();
    let event: ProgressEvent;
    try {
        event = await createAndWait(target, username);
    } finally {
        target.emulator.clearFaults();
    }
    const elapsed = seconds(started);
    const records = target.emulator.calls();
    const lost = records.findIndex((record) => record.fault === 'lose-answer');
    const instance = target.emulator
        .snapshot()
        .instances.find((candidate) => candidate.id === target.instanceId);
    return {
        instanceUsers,
        status:
            event.OperationStatus === 'SUCCESS'
                ? 'SUCCESS'
                : `${String(event.OperationStatus)} ${event.ErrorCode ?? ''}`.trim(),
        usersWithUsername:
            instance?.users.filter((user) => user.username === username).length ?? 0,
        seconds: elapsed,
        lookCalls: countCalls(lost < 0 ? [] : records.slice(lost + 1)),
    };
}

/** (c) `users` new users, `concurrency` at a time: create, wait, GetResource. */
export async function measureOnboarding(
    target: Target,
    users: number,
    concurrency: number
): Promise<OnboardFigures> {
    target.emulator.resetCalls();
    const throttled = { count: 0 };
    const failureReasons: string[] = [];
    let next = 0;
    let done = 0;
    const started = Date.now();
    const onboardOne = async (index: number): Promise<void> => {
        const username = `onboard${String(index + 1).padStart(5, '0')}`;
        const event = await createAndWait(target, username);
        if (event.OperationStatus !== 'SUCCESS') {
            failureReasons.push(
                `${username}: ${String(event.OperationStatus)} ${event.ErrorCode ?? ''} ${event.StatusMessage ?? ''}`.trim()
            );
            return;
        }
        const read = await sendThrottled(
            target,
            'GetResource',
            () =>
                target.client.send(
                    new GetResourceCommand({
                        TypeName: TYPE_NAME,
                        Identifier: event.Identifier,
                    })
                ),
            throttled
        );
        const properties = JSON.parse(
            read.ResourceDescription?.Properties ?? '{}'
        ) as Record<string, unknown>;
        if (properties.Username !== username) {
            failureReasons.push(`${username}: GetResource answered another user`);
        }
    };
    const worker = async (): Promise<void> => {
        // Each worker takes the next user until none is left: at most `users` turns.
        while (next < users) {
            const index = next;
            next += 1;
            try {
                await onboardOne(index);
            } catch (error) {
                failureReasons.push(
                    `onboard ${index + 1}: ${(error as Error).name}: ${(error as Error).message}`
                );
            }
            done += 1;
            if (done % Math.max(1, Math.floor(users / 10)) === 0 || done === users) {
                target.progress(
                    `  onboarded ${done}/${users}, ${failureReasons.length} failed, ${seconds(started).toFixed(1)} s`
                );
            }
        }
    };
    await Promise.all(
        Array.from({ length: Math.max(1, Math.min(concurrency, users)) }, worker)
    );
    return {
        users,
        concurrency,
        seconds: seconds(started),
        failures: failureReasons.length,
        failureReasons,
        cloudControlThrottled: throttled.count,
        calls: countCalls(target.emulator.calls()),
    };
}

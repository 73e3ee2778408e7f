/**
 * Pure: the scale benchmark's figures, the floors Connect's quotas set, the
 * targets, and the report printed from them. No I/O, so a test can check the
 * arithmetic and the report's shape without starting anything.
 */

/** Connect's documented default quota: 2 requests a second for each API. */
export const QUOTA_PER_SECOND = 2;
/** ListUsers' largest page. */
export const LIST_PAGE = 1000;

export const LIST_RATIO_TARGET = 2;
export const LOOK_LISTING_CALLS_TARGET = 2;
export const ONBOARD_RATIO_TARGET = 1.25;

/** The calls of one Connect operation in a phase, by how they were answered. */
export interface OperationCount {
    accepted: number;
    throttled: number;
    /** Other errors, and answers lost or connections dropped by a fault. */
    other: number;
}

export type OperationCounts = Record<string, OperationCount>;

export interface ListFigures {
    instanceUsers: number;
    resourcesListed: number;
    pages: number;
    /** ListResources answered ThrottlingException and asked again. */
    cloudControlThrottled: number;
    seconds: number;
    calls: OperationCounts;
}

export interface LostAnswerFigures {
    instanceUsers: number;
    /** The request's final status, and its error code when it failed. */
    status: string;
    /** Users with the create's username afterwards: 1 when it found its own. */
    usersWithUsername: number;
    seconds: number;
    /** Calls after the CreateUser whose answer was lost. */
    lookCalls: OperationCounts;
}

export interface OnboardFigures {
    users: number;
    concurrency: number;
    seconds: number;
    failures: number;
    failureReasons: string[];
    /** Cloud Control answers of ThrottlingException the client asked again after. */
    cloudControlThrottled: number;
    calls: OperationCounts;
}

export interface ScaleFigures {
    list: ListFigures;
    lostAnswer: LostAnswerFigures;
    onboard: OnboardFigures;
    /** Peak resident set of the one process running the emulator and Cloud Control. */
    peakRssBytes: number;
}

/** The operations that page or search through an instance's users. */
const LISTING_OPERATIONS = ['ListUsers', 'SearchUsers'];

const total = (count: OperationCount | undefined): number =>
    count ? count.accepted + count.throttled + count.other : 0;

export function allCalls(counts: OperationCounts): number {
    return Object.values(counts).reduce((sum, count) => sum + total(count), 0);
}

export function throttledCalls(counts: OperationCounts): number {
    return Object.values(counts).reduce((sum, count) => sum + count.throttled, 0);
}

/** 10 calls of 1,000 at 2 a second for 10,000 users: 5 s. */
export function listFloorSeconds(instanceUsers: number): number {
    return Math.max(1, Math.ceil(instanceUsers / LIST_PAGE)) / QUOTA_PER_SECOND;
}

export function listingCalls(counts: OperationCounts): number {
    return LISTING_OPERATIONS.reduce((sum, name) => sum + total(counts[name]), 0);
}

/** Accepted calls of each operation per onboarded user. */
export function callsPerUser(figures: OnboardFigures): Record<string, number> {
    return Object.fromEntries(
        Object.entries(figures.calls).map(([name, count]) => [
            name,
            count.accepted / Math.max(1, figures.users),
        ])
    );
}

/** The most accepted calls of one operation a user needed. */
export function busiestPerUser(figures: OnboardFigures): number {
    return Math.max(0, ...Object.values(callsPerUser(figures)));
}

/** N users x calls of the busiest operation per user / 2 a second. */
export function onboardFloorSeconds(users: number, callsOfBusiest: number): number {
    return (users * callsOfBusiest) / QUOTA_PER_SECOND;
}

export interface Verdict {
    name: string;
    met: boolean;
    measured: string;
    target: string;
}

const fixed = (value: number, digits = 2): string => value.toFixed(digits);

export function verdicts(figures: ScaleFigures): Verdict[] {
    const { list, lostAnswer, onboard } = figures;
    const listRatio = list.seconds / listFloorSeconds(list.instanceUsers);
    const looks = listingCalls(lostAnswer.lookCalls);
    const onboardRatio = onboard.seconds / onboardFloorSeconds(onboard.users, 1);
    return [
        {
            name: 'ListResources',
            met:
                listRatio <= LIST_RATIO_TARGET &&
                list.resourcesListed >= list.instanceUsers,
            measured: `${fixed(listRatio)} x floor`,
            target: `<= ${LIST_RATIO_TARGET} x floor, every user listed`,
        },
        {
            name: 'lost-answer look',
            met:
                looks <= LOOK_LISTING_CALLS_TARGET &&
                lostAnswer.status === 'SUCCESS' &&
                lostAnswer.usersWithUsername === 1,
            measured: `${looks} listing calls, ${lostAnswer.status}`,
            target: `<= ${LOOK_LISTING_CALLS_TARGET} listing calls, SUCCESS, one user`,
        },
        {
            name: 'onboarding failures',
            met: onboard.failures === 0,
            measured: String(onboard.failures),
            target: '0',
        },
        {
            name: 'onboarding wall time',
            met: onboardRatio <= ONBOARD_RATIO_TARGET,
            measured: `${fixed(onboardRatio)} x floor of 1 call a user`,
            target: `<= ${ONBOARD_RATIO_TARGET} x floor of 1 call a user`,
        },
    ];
}

function countLines(counts: OperationCounts, perUser?: number): string[] {
    const names = Object.keys(counts).sort();
    if (names.length === 0) return ['    (no Connect calls)'];
    return names.map((name) => {
        const count = counts[name];
        const share =
            perUser === undefined
                ? ''
                : `  ${fixed(count.accepted / Math.max(1, perUser))} a user`;
        return (
            `    ${name.padEnd(30)} ${String(count.accepted).padStart(6)} accepted` +
            `${String(count.throttled).padStart(6)} throttled` +
            `${String(count.other).padStart(4)} other${share}`
        );
    });
}

/** The report, one line each, figures first and the targets beside them. */
export function reportLines(figures: ScaleFigures): string[] {
    const { list, lostAnswer, onboard } = figures;
    const listFloor = listFloorSeconds(list.instanceUsers);
    const busiest = busiestPerUser(onboard);
    const neededFloor = onboardFloorSeconds(onboard.users, busiest);
    const targetFloor = onboardFloorSeconds(onboard.users, 1);
    const perUser = callsPerUser(onboard);
    const busiestNames = Object.keys(perUser)
        .filter((name) => perUser[name] === busiest)
        .sort();
    const lines = [
        `(a) ListResources over ${list.instanceUsers} users`,
        `    resources listed: ${list.resourcesListed} in ${list.pages} pages`,
        `    Connect calls: ${allCalls(list.calls)} (${throttledCalls(list.calls)} throttled)`,
        `    seconds: ${fixed(list.seconds)}`,
        `    floor: ${Math.max(1, Math.ceil(list.instanceUsers / LIST_PAGE))} calls of ${LIST_PAGE} at ${QUOTA_PER_SECOND}/s = ${fixed(listFloor)} s`,
        `    ratio to floor: ${fixed(list.seconds / listFloor)} (target <= ${LIST_RATIO_TARGET})`,
        `    Cloud Control throttled answers: ${list.cloudControlThrottled}`,
        ...countLines(list.calls),
        `(b) create whose CreateUser answer is lost, ${lostAnswer.instanceUsers} users in the instance`,
        `    status: ${lostAnswer.status}; users with its username: ${lostAnswer.usersWithUsername}`,
        `    look-up calls: ${allCalls(lostAnswer.lookCalls)}, of them listing calls: ${listingCalls(lostAnswer.lookCalls)} (target <= ${LOOK_LISTING_CALLS_TARGET})`,
        `    seconds: ${fixed(lostAnswer.seconds)}`,
        ...countLines(lostAnswer.lookCalls),
        `(c) ${onboard.users} users onboarded ${onboard.concurrency} at a time (create, wait, GetResource)`,
        `    wall seconds: ${fixed(onboard.seconds)}`,
        `    failures: ${onboard.failures} (target 0)`,
        ...onboard.failureReasons.slice(0, 5).map((reason) => `      ${reason}`),
        `    throttled Connect answers: ${throttledCalls(onboard.calls)}`,
        `    Cloud Control throttled answers: ${onboard.cloudControlThrottled}`,
        `    calls per Connect operation per user (accepted):`,
        ...countLines(onboard.calls, onboard.users),
        `    busiest: ${busiestNames.join(', ') || 'none'} at ${fixed(busiest)} a user`,
        `    floor of the busiest: ${onboard.users} x ${fixed(busiest)} / ${QUOTA_PER_SECOND} s = ${fixed(neededFloor)} s; ratio ${fixed(onboard.seconds / Math.max(neededFloor, 1e-9))}`,
        `    floor of 1 call a user: ${onboard.users} x 1 / ${QUOTA_PER_SECOND} s = ${fixed(targetFloor)} s; ratio ${fixed(onboard.seconds / targetFloor)} (target <= ${ONBOARD_RATIO_TARGET})`,
        `(d) peak RSS: ${fixed(figures.peakRssBytes / 1e6, 1)} MB (emulator and Cloud Control in this one process)`,
        'Targets:',
        ...verdicts(figures).map(
            (verdict) =>
                `    ${verdict.met ? 'met   ' : 'MISSED'} ${verdict.name}: ${verdict.measured} (target ${verdict.target})`
        ),
    ];
    return lines;
}

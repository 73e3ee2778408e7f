/**
 * What both fault soaks drive their users with: seeded randomness, the users'
 * names and models, the faults the emulator injects, the console capture and the
 * pool of users run a few at a time.
 */
import { SEED_INSTANCES } from '../../emulator/seed';
import type { Emulator } from '../../emulator/server';
import type { CallRecord, FaultKind, InstanceState } from '../../emulator/types';
import type { SoakOptions } from './options';

export const FAULT_KINDS: readonly FaultKind[] = [
    'throttle',
    'error500',
    'drop',
    'latency',
    'lose-answer',
];

export const managed = SEED_INSTANCES.managed;

export type Json = Record<string, unknown>;

/** mulberry32: a small seeded generator, so that every run of a seed is the same. */
export function random(seed: number) {
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
export type Random = ReturnType<typeof random>;

const PAIRS = Object.entries(managed.predefinedAttributes).flatMap(([name, values]) =>
    values.map((value) => [name, value] as const)
);

export function modelFor(rng: Random, username: string, password: string): Json {
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

/**
 * Faults in bursts of one to three calls of any operation, owed at the given
 * share of the calls the emulator has answered (faulted ones included), so
 * that faulted calls stay that share of all calls: a quiet spell, such as the
 * backoff that faults cause, owes none. The kinds come in shuffled rounds,
 * every kind once a round. Returns the stop.
 */
export function injectFaults(emulator: Emulator, rng: Random, faultRate: number) {
    let seenCalls = 0;
    let owed = 0;
    let round: FaultKind[] = [];
    const timer = setInterval(() => {
        const total = emulator.calls().length;
        owed += (total - seenCalls) * faultRate;
        seenCalls = total;
        while (owed >= 1) {
            if (!round.length) {
                round = rng.some(FAULT_KINDS, FAULT_KINDS.length, FAULT_KINDS.length);
            }
            const kind = round.pop() as FaultKind;
            const count = Math.min(Math.floor(owed), rng.int(1, 3));
            emulator.injectFault({
                operation: '*',
                count,
                kind,
                latencyMs: kind === 'latency' ? rng.int(20, 300) : undefined,
            });
            owed -= count;
        }
    }, 50);
    return () => {
        clearInterval(timer);
        emulator.clearFaults();
    };
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Records what the handler prints, unredacted (the endpoint and the server
 * silence its console), until the returned function puts the console back.
 */
export function captureConsole(lines: string[]): () => void {
    const saved = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
    for (const method of CONSOLE_METHODS) {
        console[method] = (...args: unknown[]) => {
            lines.push(args.map((arg) => String(arg)).join(' '));
        };
    }
    return () => {
        for (const [method, original] of saved) {
            console[method] = original;
        }
    };
}

/**
 * Runs the lifecycle of users 0 to `users - 1`, `concurrency` at a time; a
 * user not started by the deadline is skipped. Returns how many were.
 */
export async function runUsers(
    options: Pick<SoakOptions, 'users' | 'concurrency'>,
    deadline: number,
    lifecycle: (index: number) => Promise<void>
): Promise<number> {
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
    await Promise.all(
        Array.from({ length: Math.max(1, options.concurrency) }, () => worker())
    );
    return skipped;
}

/**
 * One user of a soak: a random stream of its own, so that a seed replays it
 * whatever the others do, its name and its password (a replacement gets the
 * password with an `R` after it).
 */
export function soakUser(seed: number, index: number) {
    return {
        rng: random(seed * 1000 + index),
        username: `soak${seed}u${index}`,
        password: `Soak${seed}x${index}Pw!`,
    };
}

export interface Driven {
    /** Users not started by the deadline. */
    skipped: number;
    /** What the handler printed, unredacted. */
    handlerLines: string[];
    /** What the emulator recorded and holds once the users are done. */
    calls: CallRecord[];
    instances: InstanceState[];
}

/**
 * Runs every user's lifecycle (runUsers) while the emulator injects faults and
 * the handler's console is recorded; then what the emulator recorded and holds.
 */
export async function driveUsers(
    options: SoakOptions,
    emulator: Emulator,
    rng: Random,
    deadline: number,
    lifecycle: (index: number) => Promise<void>
): Promise<Driven> {
    const handlerLines: string[] = [];
    const restoreConsole = captureConsole(handlerLines);
    const stopFaults = injectFaults(emulator, rng, options.faultRate);
    let skipped = 0;
    try {
        skipped = await runUsers(options, deadline, lifecycle);
    } finally {
        stopFaults();
        restoreConsole();
    }
    return {
        skipped,
        handlerLines,
        calls: emulator.calls(),
        instances: emulator.snapshot().instances,
    };
}

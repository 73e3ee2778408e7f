/**
 * The latency half of `npm run bench`: the bundled function in this process,
 * against the emulator with a fixed latency injected into every Connect call,
 * as a network between Lambda and Connect adds it.
 *
 *   - warm READ, end to end, the end of invocation included: this type's end
 *     (src/library.ts, no fixed wait) against the library's stock one, which
 *     sleeps a second; taken in turn, and their ratio per turn;
 *   - a full UPDATE (every part of the user changed): the Connect calls it
 *     makes, its wall time, and wall time / (calls x latency), which is about
 *     1.0 when the calls go one after another.
 *
 * No publishers are configured (no provider credentials), so the end of an
 * invocation has no log line to deliver: what is left is its own wait.
 */
import {
    AssociateUserProficienciesCommand,
    ConnectClient,
    CreateUserCommand,
} from '@aws-sdk/client-connect';
import type { Emulator } from '../../emulator/server';
import { SEED_INSTANCES } from '../../emulator/seed';
import type { ResourceProperties } from '../../src/properties';
import { tagMap, toCreateUserInput } from '../../src/translate';
import { handlerEvent } from '../../local/events';
import { type Interval, medianInterval, summarize, type Summary } from './stats';

export const WARM_READ_RATIO_TARGET = 0.15;
export const UPDATE_SERIAL_RATIO_TARGET = 0.4;

type Entrypoint = (event: unknown, context: unknown) => Promise<{ status?: string }>;

interface Bundle {
    entrypoint: Entrypoint;
    /** The resource instance, whose end of invocation is this type's own. */
    resource: { waitRunningProcesses?: unknown };
}

export interface LatencyResult {
    latencyMs: number;
    readOurs: Summary;
    readStock: Summary;
    readRatio: Summary;
    /** The 95 % interval of readRatio's median; none under 6 runs. */
    readRatioInterval?: Interval;
    updateCalls: number;
    updateWall: Summary;
    updateRatio: Summary;
    /** The 95 % interval of updateRatio's median; none under 6 runs. */
    updateRatioInterval?: Interval;
}

const managed = SEED_INSTANCES.managed;
const CONTEXT = { awsRequestId: 'bench-latency', memoryLimitInMB: '256' };

function timedFault(emulator: Emulator, latencyMs: number): void {
    emulator.clearFaults();
    emulator.injectFault({
        operation: '*',
        count: 1_000_000,
        kind: 'latency',
        latencyMs,
    });
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
    const start = performance.now();
    const result = await run();
    return [result, performance.now() - start];
}

/** A user with something in every part, as its template says it (no ARN yet). */
function seededModel(username: string): ResourceProperties {
    return {
        InstanceArn: managed.arn,
        Username: username,
        RoutingProfileArn: managed.routingProfileArns[0],
        SecurityProfileArns: [managed.securityProfileArns[0]],
        HierarchyGroupArn: managed.hierarchyGroupArns[1],
        IdentityInfo: { FirstName: 'Full', LastName: 'Update', Email: 'f@example.com' },
        PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 10 },
        AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: false }],
        UserProficiencies: [
            { AttributeName: 'Language', AttributeValue: 'English', Level: 2 },
            { AttributeName: 'Skill', AttributeValue: 'Billing', Level: 3 },
        ],
        Tags: [{ Key: 'team', Value: 'billing' }],
    };
}

/**
 * Makes the model's user straight through the SDK (the provider's own
 * translation of a model into CreateUser, then its proficiencies), and returns
 * the model with the user's ARN.
 */
async function seedUser(
    connect: ConnectClient,
    model: ResourceProperties
): Promise<ResourceProperties> {
    const { UserArn = '', UserId = '' } = await connect.send(
        new CreateUserCommand(
            toCreateUserInput(
                { ...model, Password: 'Passw0rdExample' },
                managed.id,
                tagMap(model.Tags)
            )
        )
    );
    await connect.send(
        new AssociateUserProficienciesCommand({
            InstanceId: managed.id,
            UserId,
            UserProficiencies: model.UserProficiencies,
        })
    );
    return { ...model, UserArn };
}

/** Every part changed: profiles, group, identity, phone, channels, proficiencies, tags. */
function everythingChanged(model: ResourceProperties): ResourceProperties {
    return {
        ...model,
        RoutingProfileArn: managed.routingProfileArns[1],
        SecurityProfileArns: [managed.securityProfileArns[1]],
        HierarchyGroupArn: managed.hierarchyGroupArns[2],
        IdentityInfo: {
            FirstName: 'Fuller',
            LastName: 'Update',
            Email: 'f@example.com',
        },
        PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 20 },
        AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
        UserProficiencies: [
            { AttributeName: 'Language', AttributeValue: 'English', Level: 4 },
            { AttributeName: 'Language', AttributeValue: 'French', Level: 1 },
        ],
        Tags: [{ Key: 'site', Value: 'austin' }],
    };
}

export async function measureLatency(
    bundlePath: string,
    emulator: Emulator,
    options: { latencyMs: number; runs: number }
): Promise<LatencyResult> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(bundlePath) as Bundle;
    const ours = bundle.resource.waitRunningProcesses;
    const useEnd = (which: 'ours' | 'stock') => {
        if (which === 'ours') {
            bundle.resource.waitRunningProcesses = ours;
        } else {
            // The library's own end of invocation, from its prototype.
            delete bundle.resource.waitRunningProcesses;
        }
    };
    const connect = new ConnectClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    });
    const invoke = (event: unknown) => bundle.entrypoint(event, CONTEXT);
    // The library prints every step to the console; the table is what counts here.
    const print = console.log;
    console.log = () => undefined;
    try {
        const reader = await seedUser(connect, seededModel('latencyreader'));
        const readEvent = handlerEvent('READ', { UserArn: reader.UserArn });
        timedFault(emulator, options.latencyMs);
        const readOurs: number[] = [];
        const readStock: number[] = [];
        const ratios: number[] = [];
        for (let run = -1; run < options.runs; run += 1) {
            useEnd('ours');
            const [first, oursMs] = await timed(() => invoke(readEvent));
            useEnd('stock');
            const [second, stockMs] = await timed(() => invoke(readEvent));
            useEnd('ours');
            if (first.status !== 'SUCCESS' || second.status !== 'SUCCESS') {
                throw new Error(`warm READ answered ${first.status}, ${second.status}`);
            }
            if (run >= 0) {
                readOurs.push(oursMs);
                readStock.push(stockMs);
                ratios.push(oursMs / stockMs);
            }
        }

        const walls: number[] = [];
        const updateRatios: number[] = [];
        let updateCalls = 0;
        for (let run = -1; run < options.runs; run += 1) {
            emulator.clearFaults();
            const username = `fullupdate${run + 1}`;
            const model = await seedUser(connect, seededModel(username));
            const event = handlerEvent('UPDATE', everythingChanged(model), {
                previous: model,
            });
            timedFault(emulator, options.latencyMs);
            emulator.resetCalls();
            const [response, wall] = await timed(() => invoke(event));
            if (response.status !== 'SUCCESS') {
                throw new Error(`full UPDATE answered ${response.status}`);
            }
            const calls = emulator.calls().length;
            if (run >= 0) {
                updateCalls = calls;
                walls.push(wall);
                updateRatios.push(wall / (calls * options.latencyMs));
            }
        }
        return {
            latencyMs: options.latencyMs,
            readOurs: summarize(readOurs),
            readStock: summarize(readStock),
            readRatio: summarize(ratios),
            readRatioInterval: medianInterval(ratios),
            updateCalls,
            updateWall: summarize(walls),
            updateRatio: summarize(updateRatios),
            updateRatioInterval: medianInterval(updateRatios),
        };
    } finally {
        console.log = print;
        emulator.clearFaults();
        connect.destroy();
    }
}

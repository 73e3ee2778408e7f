/**
 * One scale run: the Connect emulator at Connect's documented quotas with a
 * generated instance, the local Cloud Control API in front of it running the
 * handler in this process, and the three measurements in turn, each starting
 * with the quotas' buckets full.
 */
import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { startCloudControl } from '../../cloudcontrol/server';
import { SEED_INSTANCES } from '../../emulator/seed';
import { startEmulator } from '../../emulator/server';
import type { ScaleFigures } from './figures';
import {
    measureList,
    measureLostAnswer,
    measureOnboarding,
    REFILL_MS,
    type Target,
} from './measure';

export interface ScaleOptions {
    /** Generated users in the instance that is listed and created into. */
    instanceUsers: number;
    /** Users onboarded through Cloud Control. */
    onboardUsers: number;
    /** Onboarded at once (Terraform's default -parallelism). */
    concurrency: number;
    /** The whole run's limit. */
    maxSeconds: number;
    progress(line: string): void;
}

export const DEFAULT_SCALE_OPTIONS: Omit<ScaleOptions, 'progress'> = {
    instanceUsers: 10_000,
    onboardUsers: 100,
    concurrency: 10,
    maxSeconds: 900,
};

/** Call records kept: every call of the longest measurement, throttled ones too. */
const MAX_CALL_RECORDS = 1_000_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runScale(options: ScaleOptions): Promise<ScaleFigures> {
    const { progress } = options;
    const deadline = Date.now() + options.maxSeconds * 1000;
    const instance = SEED_INSTANCES.managed;
    const starting = Date.now();
    const emulator = await startEmulator({
        users: options.instanceUsers,
        rateLimits: 'documented',
        maxCalls: MAX_CALL_RECORDS,
        quiet: true,
    });
    progress(
        `emulator up with ${options.instanceUsers} users in ${((Date.now() - starting) / 1000).toFixed(2)} s, 2 requests a second, burst 5, per API`
    );
    const server = await startCloudControl({
        connectEndpoint: emulator.url,
        maxConcurrent: options.concurrency,
        log: () => undefined,
    });
    const client = new CloudControlClient({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIASCALEEXAMPLE', secretAccessKey: 'scale' },
        maxAttempts: 1,
    });
    const target: Target = {
        emulator,
        client,
        instanceArn: instance.arn,
        instanceId: instance.id,
        routingProfileArn: instance.routingProfileArns[0],
        securityProfileArn: instance.securityProfileArns[0],
        deadline,
        progress,
    };
    try {
        progress(`(a) ListResources over ${options.instanceUsers} users`);
        const list = await measureList(target, options.instanceUsers);
        await sleep(REFILL_MS);
        progress('(b) a create whose CreateUser answer is lost');
        const lostAnswer = await measureLostAnswer(target, options.instanceUsers);
        progress(`    ${lostAnswer.status} in ${lostAnswer.seconds.toFixed(2)} s`);
        await sleep(REFILL_MS);
        progress(
            `(c) ${options.onboardUsers} users onboarded ${options.concurrency} at a time`
        );
        const onboard = await measureOnboarding(
            target,
            options.onboardUsers,
            options.concurrency
        );
        return {
            list,
            lostAnswer,
            onboard,
            // Kilobytes; the emulator and Cloud Control share this process.
            peakRssBytes: process.resourceUsage().maxRSS * 1024,
        };
    } finally {
        client.destroy();
        await server.close();
        await emulator.close();
    }
}

/**
 * `npm run soak -- [--users N] [--concurrency C] [--fault-rate R] [--seed S]
 * [--max-seconds T] [--max-retries K] [--stub-delay] [--accept-system-tags]
 * [--via lambda|cloudcontrol]`: the fault soak through the local Lambda endpoint
 * (the default) or the local Cloud Control API. Prints its summary; exits 1
 * when a check fails.
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { parseOrExplain } from '../../local/cli';
import { runCloudControlSoak } from './cloudcontrol';
import { runSoak } from './lambda';
import { DEFAULT_SOAK, type SoakOptions } from './options';

function number(
    value: string | undefined,
    fallback: number,
    name: string,
    min: number,
    max: number
) {
    if (value === undefined) {
        return fallback;
    }
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
        throw new Error(
            `--${name} must be a number from ${min} to ${max}, not '${value}'`
        );
    }
    return parsed;
}

export const SOAK_USAGE = `Usage: npm run soak [-- options]

Creates, updates, replaces and deletes users concurrently while the Connect
emulator throttles, fails, drops and delays calls and loses answers; prints a
summary and exits 1 when a check fails.

  --users N                  users (${DEFAULT_SOAK.users})
  --concurrency C            users at once (${DEFAULT_SOAK.concurrency})
  --fault-rate R             share of Connect calls faulted, 0 to 1 (${DEFAULT_SOAK.faultRate})
  --seed S                   the random seed; a seed runs the same users (${DEFAULT_SOAK.seed})
  --max-seconds T            no new operation after T seconds (${DEFAULT_SOAK.maxSeconds})
  --max-retries K            re-invocations of a retryable failure per step (${DEFAULT_SOAK.maxRetries})
  --stub-delay               stub the library's 1 s end-of-invocation wait
  --accept-system-tags       the emulator takes aws: tag keys on CreateUser
                             (Connect refuses them; not with --via cloudcontrol)
  --via lambda|cloudcontrol  through the local Lambda endpoint (the default) or
                             the local Cloud Control API
  -h, --help                 this text`;

/** Parses the command line; throws an Error with a message for the user. */
export function parseSoakArgs(argv: string[]): SoakOptions | { help: true } {
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            users: { type: 'string' },
            concurrency: { type: 'string' },
            'fault-rate': { type: 'string' },
            seed: { type: 'string' },
            'max-seconds': { type: 'string' },
            'max-retries': { type: 'string' },
            'stub-delay': { type: 'boolean' },
            'accept-system-tags': { type: 'boolean' },
            via: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
        },
    });
    if (values.help) {
        return { help: true };
    }
    const via = values.via ?? 'lambda';
    if (via !== 'lambda' && via !== 'cloudcontrol') {
        throw new Error(`--via must be lambda or cloudcontrol, not '${via}'`);
    }
    if (via === 'cloudcontrol' && values['accept-system-tags']) {
        throw new Error(
            '--accept-system-tags has no effect through Cloud Control, which sends no system tags'
        );
    }
    return {
        users: Math.floor(number(values.users, DEFAULT_SOAK.users, 'users', 1, 10_000)),
        concurrency: Math.floor(
            number(values.concurrency, DEFAULT_SOAK.concurrency, 'concurrency', 1, 256)
        ),
        faultRate: number(
            values['fault-rate'],
            DEFAULT_SOAK.faultRate,
            'fault-rate',
            0,
            1
        ),
        seed: Math.floor(number(values.seed, DEFAULT_SOAK.seed, 'seed', 0, 2 ** 31)),
        maxSeconds: number(
            values['max-seconds'],
            DEFAULT_SOAK.maxSeconds,
            'max-seconds',
            1,
            3600
        ),
        maxRetries: Math.floor(
            number(values['max-retries'], DEFAULT_SOAK.maxRetries, 'max-retries', 0, 50)
        ),
        delay: values['stub-delay'] ? 'stubbed' : 'real',
        acceptSystemTags: values['accept-system-tags'] ?? false,
        via,
    };
}

/** Replaces the library's end-of-invocation wait, which it reads from its utils module. */
function stubLibraryDelay(): void {
    const load = createRequire(__filename);
    const utils = load(
        '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/utils'
    ) as { delay: (seconds: number) => Promise<void> };
    utils.delay = async () => undefined;
}

async function main(argv: string[]): Promise<number> {
    const options = parseOrExplain(argv, parseSoakArgs, SOAK_USAGE);
    if (typeof options === 'number') {
        return options;
    }
    if (options.delay === 'stubbed') {
        stubLibraryDelay();
    }
    const result = await (
        options.via === 'cloudcontrol' ? runCloudControlSoak : runSoak
    )(options);
    process.stdout.write(`${result.lines.join('\n')}\n`);
    return result.pass ? 0 : 1;
}

if (require.main === module) {
    // 1 is a failed check; a soak that could not run exits 2.
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            process.stderr.write(`${(error as Error).message}\n`);
            process.exitCode = 2;
        }
    );
}

/**
 * Measures the bundled function against the unbundled tsc build, in one run on
 * this machine, against the Connect emulator it starts itself:
 *
 *   - bundle size vs the 1.5 MB target;
 *   - cold start: a fresh Node process loads the handler and answers one READ,
 *     median (min-max) of several runs, bundle and unbundled taken in turn;
 *   - the floor: the same READ by a handler built only on the library and the
 *     SDK (scripts/bench/floor.ts), bundled the same way and timed in the same
 *     turns; the bundle's cold start against it, vs the 1.05 target, tells what
 *     the provider's own code costs above what its dependencies cost;
 *   - peak RSS of the cold-start process;
 *   - warm latency of each action (CREATE to SUCCESS, READ, UPDATE, LIST, DELETE)
 *     through the entrypoint in one process;
 *   - with a fixed latency on every Connect call (scripts/bench/latency.ts): the
 *     warm READ end to end against the library's stock end of invocation (target
 *     0.15), and a full UPDATE's wall time / (calls x latency) (target 0.4).
 *
 * The library's stock end of invocation waits 1 s (`utils.delay(1)`); this
 * type's does not (src/library.ts). The cold-start harness still times any
 * timer of exactly 1000 ms as a flush wait (none fires for this type's builds;
 * the floor, on the stock library, has one), so cold start is reported without
 * it; the warm process lets such a timer fire at once.
 *
 *   tsx scripts/bench/cli.ts [--quick] [--runs N] [--latency-runs N] [--work DIR] [--cpu-prof DIR]
 *
 * --runs N sets the cold turns (201 by default: a single cold start on this
 * machine varies by a third, so the median of the per-turn ratio to the floor
 * needs many turns to be known to a percent; the report gives its 95 %
 * confidence interval); the unbundled build runs in one turn of UNBUNDLED_EVERY.
 * --latency-runs N sets the turns of the latency measures (7).
 *
 * --cpu-prof DIR writes a V8 CPU profile of every counted cold run there
 * (`<variant>-<run>.cpuprofile`, for Chrome DevTools); profiling slows the runs,
 * so that table is not comparable with others.
 *
 * Progress goes to stderr as it runs, the table to stdout. Exits 1 when a target
 * is missed beyond the 95 % interval of its median (report.ts), 2 when it cannot run.
 */
import { ConnectClient, CreateUserCommand } from '@aws-sdk/client-connect';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../../emulator/server';
import { parseOrExplain } from '../../local/cli';
import { handlerEvent } from '../../local/events';
import { buildBundle, BUNDLE_PATH, ROOT } from '../build/bundle';
import { type ColdResult, runHarness, type WarmResult } from './harness';
import { measureLatency } from './latency';
import { report, type RunCounts } from './report';
import { summarize } from './stats';
import { type ColdVariant, turnOrder, UNBUNDLED_EVERY } from './turns';
import { runScaleCli } from '../scale/cli';

/** The floor's handler: the library and the SDK, none of the provider's code. */
const FLOOR_ENTRY = path.join(__dirname, 'floor.ts');

/** The fixed latency injected into every Connect call for the latency measures. */
const LATENCY_MS = 40;

const INSTANCE_ID = '11111111-1111-4111-8111-111111111111';
const INSTANCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE_ID}`;
const ROUTING_PROFILE = 'a1000000-0000-4000-8000-000000000001';
const SECURITY_PROFILE = 'b1000000-0000-4000-8000-000000000001';
const PASSWORD = 'Passw0rdExample';

interface Options extends RunCounts {
    runs: number;
    latencyRuns: number;
    warmIterations: number;
    work: string;
    /** Where to write CPU profiles of the cold runs; none when undefined. */
    cpuProf?: string;
}

const DEFAULTS: Options = {
    runs: 201,
    latencyRuns: 7,
    warmIterations: 20,
    work: path.join(ROOT, 'build', 'bench'),
};

/** What --quick runs: enough to see every row, too few for its targets. */
const QUICK = { runs: 2, latencyRuns: 2, warmIterations: 3 };

export const BENCH_USAGE = `Usage: npm run bench [-- options]

Measures the bundled function on this machine against the Connect emulator:
its size, its cold start against the unbundled tsc build and against the floor,
peak memory, the warm latency of each action, and, with ${LATENCY_MS} ms on every
Connect call, the warm READ and a full UPDATE. Prints a table; exits 1 when a
target is missed beyond the measurement's 95 % interval, 2 when it cannot run.

  --quick            ${QUICK.runs} cold turns, ${QUICK.latencyRuns} latency turns, ${QUICK.warmIterations} warm iterations: a
                     look at every row, too few runs for the targets
  --runs N           cold turns of the bundle and the floor (${DEFAULTS.runs})
  --latency-runs N   turns of the latency measures (${DEFAULTS.latencyRuns})
  --work DIR         where the three builds go (build/bench)
  --cpu-prof DIR     a V8 CPU profile of every counted cold run, in DIR
  --scale [...]      instead: the handler at a contact centre's scale, through the
                     local Cloud Control API (npm run bench:scale -- --help)
  -h, --help         this text`;

/** Parses the command line; throws an Error with a message for the user. */
export function parseBenchArgs(args: string[]): Options | { help: true } {
    if (args.includes('--help') || args.includes('-h')) {
        return { help: true };
    }
    const options: Options = { ...DEFAULTS };
    for (let index = 0; index < args.length; index += 1) {
        const value = args[index + 1];
        if (args[index] === '--quick') {
            Object.assign(options, QUICK);
        } else if (args[index] === '--runs' || args[index] === '--latency-runs') {
            if (!(Number(value) >= 1)) {
                throw new Error(`${args[index]} needs a number from 1, not '${value}'`);
            }
            const runs = Math.floor(Number(value));
            if (args[index] === '--runs') {
                options.runs = runs;
            } else {
                options.latencyRuns = runs;
            }
            index += 1;
        } else if (args[index] === '--work' && value) {
            options.work = path.resolve(value);
            index += 1;
        } else if (args[index] === '--cpu-prof' && value) {
            options.cpuProf = path.resolve(value);
            index += 1;
        } else {
            throw new Error(`Unknown argument ${args[index]}`);
        }
    }
    return options;
}

/** Builds the three variants into the work directory (inside the project, for node_modules). */
async function buildVariants(
    work: string
): Promise<{ bundle: string; bytes: number; unbundled: string; floor: string }> {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const { bytes } = await buildBundle(path.join(work, 'function'));
    const floor = await buildBundle(path.join(work, 'floor'), FLOOR_ENTRY);
    const unbundledDir = path.join(work, 'unbundled');
    execFileSync(
        process.execPath,
        [
            require.resolve('typescript/bin/tsc'),
            '-p',
            path.join(ROOT, 'tsconfig.build.json'),
            '--outDir',
            unbundledDir,
        ],
        { cwd: ROOT, stdio: 'inherit' }
    );
    return {
        bundle: path.join(work, 'function', BUNDLE_PATH),
        bytes,
        unbundled: path.join(unbundledDir, 'src', 'handlers.js'),
        floor: floor.bundle,
    };
}

/** A line on stderr saying where the run is, so that stdout holds the table only. */
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** About ten progress lines over the cold turns. */
const reportsTurn = (run: number, runs: number) =>
    run === runs - 1 || (run + 1) % Math.max(1, Math.round(runs / 10)) === 0;

async function main(argv: string[]): Promise<number> {
    if (argv[0] === '--scale') {
        return runScaleCli(argv.slice(1));
    }
    const options = parseOrExplain(argv, parseBenchArgs, BENCH_USAGE);
    if (typeof options === 'number') {
        return options;
    }
    progress(
        `building the bundle, the floor and the unbundled build in ${path.relative(ROOT, options.work) || '.'}`
    );
    const built = await buildVariants(options.work);
    const emulator = await startEmulator({ quiet: true });
    try {
        const connect = new ConnectClient({
            endpoint: emulator.url,
            region: 'us-east-1',
            credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
        });
        const model = {
            InstanceArn: INSTANCE_ARN,
            Password: PASSWORD,
            RoutingProfileArn: `${INSTANCE_ARN}/routing-profile/${ROUTING_PROFILE}`,
            SecurityProfileArns: [
                `${INSTANCE_ARN}/security-profile/${SECURITY_PROFILE}`,
            ],
            PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 30 },
            IdentityInfo: {
                FirstName: 'Bench',
                LastName: 'Reader',
                Email: 'bench.reader@example.com',
            },
        };
        const { UserArn } = await connect.send(
            new CreateUserCommand({
                InstanceId: INSTANCE_ID,
                Username: 'benchreader',
                Password: PASSWORD,
                RoutingProfileId: ROUTING_PROFILE,
                SecurityProfileIds: [SECURITY_PROFILE],
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 30 },
                IdentityInfo: model.IdentityInfo,
            })
        );
        const env: NodeJS.ProcessEnv = {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            AWS_ENDPOINT_URL_CONNECT: emulator.url,
            AWS_REGION: 'us-east-1',
        };
        const readEvent = handlerEvent('READ', { UserArn });
        progress(
            `${options.runs} cold turns of the bundle and the floor (the unbundled build ` +
                `one turn in ${UNBUNDLED_EVERY}), each a fresh process answering one READ`
        );

        const cold: Record<ColdVariant, ColdResult[]> = {
            bundle: [],
            unbundled: [],
            floor: [],
        };
        if (options.cpuProf) {
            mkdirSync(options.cpuProf, { recursive: true });
        }
        // One warm-up of each, then the three in turn so that drift hits all
        // alike (see turnOrder).
        for (let run = -1; run < options.runs; run += 1) {
            for (const variant of turnOrder(run)) {
                const result = await runHarness<ColdResult>(
                    {
                        mode: 'cold',
                        flushWait: 'measure',
                        handler: built[variant],
                        readEvent,
                    },
                    env,
                    options.cpuProf && run >= 0
                        ? [
                              '--cpu-prof',
                              `--cpu-prof-dir=${options.cpuProf}`,
                              `--cpu-prof-name=${variant}-${run + 1}.cpuprofile`,
                          ]
                        : []
                );
                if (result.status !== 'SUCCESS') {
                    throw new Error(`${variant} READ answered ${result.status}`);
                }
                if (run >= 0) {
                    cold[variant].push(result);
                }
            }
            if (run >= 0 && reportsTurn(run, options.runs)) {
                const median = (variant: ColdVariant) =>
                    summarize(cold[variant].map((r) => r.total - r.flushWait)).median;
                progress(
                    `cold turn ${run + 1}/${options.runs}: median so far ` +
                        `${median('bundle').toFixed(1)} ms bundle, ${median('floor').toFixed(1)} ms floor`
                );
            }
        }
        const templates = Object.fromEntries(
            (['CREATE', 'READ', 'UPDATE', 'LIST', 'DELETE'] as const).map((action) => [
                action,
                handlerEvent(action, {}),
            ])
        );
        const warm: Record<string, WarmResult> = {};
        for (const variant of ['bundle', 'unbundled'] as const) {
            progress(
                `warm latency of each action, ${variant}: ${options.warmIterations} iterations`
            );
            warm[variant] = await runHarness<WarmResult>(
                {
                    mode: 'warm',
                    flushWait: 'skip',
                    handler: built[variant],
                    iterations: options.warmIterations,
                    templates,
                    model,
                },
                env
            );
        }
        progress(
            `${options.latencyRuns} turns of a warm READ and a full UPDATE with ${LATENCY_MS} ms on every Connect call`
        );
        process.env.AWS_ENDPOINT_URL_CONNECT = emulator.url;
        const latency = await measureLatency(built.bundle, emulator, {
            latencyMs: LATENCY_MS,
            runs: options.latencyRuns,
        });
        return report(options, built.bytes, cold, warm, latency);
    } finally {
        await emulator.close();
    }
}

if (require.main === module) {
    main(process.argv.slice(2))
        .then((code) => process.exit(code))
        .catch((error: unknown) => {
            console.error(error instanceof Error ? error.stack : error);
            process.exit(2);
        });
}

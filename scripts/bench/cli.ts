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
 * Exits 1 when a target is missed.
 */
import { ConnectClient, CreateUserCommand } from '@aws-sdk/client-connect';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../../emulator/server';
import { handlerEvent } from '../../test/fixtures/events';
import { buildBundle, BUNDLE_PATH, ROOT } from '../build/cli';
import {
    type LatencyResult,
    measureLatency,
    UPDATE_SERIAL_RATIO_TARGET,
    WARM_READ_RATIO_TARGET,
} from './latency';
import { medianInterval, summarize, type Summary } from './stats';

export { summarize, type Summary };

/** The floor's handler: the library and the SDK, none of the provider's code. */
const FLOOR_ENTRY = path.join(__dirname, 'floor.ts');

export const SIZE_TARGET_BYTES = 1.5e6;
/** The bundle's cold start, as a multiple of the floor's. */
export const FLOOR_MULTIPLE_TARGET = 1.05;

/** The fixed latency injected into every Connect call for the latency measures. */
const LATENCY_MS = 40;

const INSTANCE_ID = '11111111-1111-4111-8111-111111111111';
const INSTANCE_ARN = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE_ID}`;
const ROUTING_PROFILE = 'a1000000-0000-4000-8000-000000000001';
const SECURITY_PROFILE = 'b1000000-0000-4000-8000-000000000001';
const PASSWORD = 'Passw0rdExample';
const RESULT_PREFIX = 'BENCH_RESULT ';

interface Options {
    runs: number;
    latencyRuns: number;
    warmIterations: number;
    work: string;
    /** Where to write CPU profiles of the cold runs; none when undefined. */
    cpuProf?: string;
}

/** The builds timed cold. */
type ColdVariant = 'bundle' | 'unbundled' | 'floor';

/**
 * The unbundled build runs in one turn of this many (and in the warm-up): its
 * figures are for reference only, and each of its runs costs as much as three
 * turns of the other two, which the target's precision needs more of.
 */
export const UNBUNDLED_EVERY = 5;

/**
 * The order of the builds in turn `run` (-1 is the warm-up): the bundle and the
 * floor back to back, which of them first alternating from turn to turn, so
 * that the ratio of the two is taken between neighbours and neither always
 * runs first; the heavy unbundled build last, after both, in one turn of
 * UNBUNDLED_EVERY.
 */
export function turnOrder(run: number): ColdVariant[] {
    const pair: ColdVariant[] =
        run % 2 === 0 ? ['bundle', 'floor'] : ['floor', 'bundle'];
    return run < 0 || run % UNBUNDLED_EVERY === 0 ? [...pair, 'unbundled'] : pair;
}

/** What a cold-start process reports, in milliseconds since it started. */
interface ColdResult {
    /** Node's own start-up, until the harness ran. */
    boot: number;
    /** require() of the handler module. */
    load: number;
    /** The entrypoint call, the library's flush wait included. */
    read: number;
    /** Time spent in the library's 1 s flush wait. */
    flushWait: number;
    /** Process start to the READ's answer. */
    total: number;
    /** CPU time (user + system) until the answer; the flush wait costs none. */
    cpu: number;
    /** Peak resident set size, KiB. */
    maxRss: number;
    status: string;
}

interface WarmResult {
    timings: Record<string, number[]>;
    statuses: Record<string, string[]>;
}

/**
 * The code of the measured processes, plain CommonJS so that nothing but Node and
 * the handler is loaded. It wraps setTimeout to find the library's 1000 ms flush
 * wait: `measure` times it, `skip` lets it fire at once.
 */
const HARNESS = `
const harnessStart = performance.now();
const config = JSON.parse(process.env.BENCH_CONFIG);
const realSetTimeout = globalThis.setTimeout;
let flushWait = 0;
globalThis.setTimeout = function (callback, ms, ...args) {
    if (ms !== 1000) return realSetTimeout(callback, ms, ...args);
    if (config.flushWait === 'skip') return realSetTimeout(callback, 0, ...args);
    const waitStart = performance.now();
    return realSetTimeout(() => {
        flushWait += performance.now() - waitStart;
        callback(...args);
    }, ms);
};
const context = { awsRequestId: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '256' };
const report = (result) => process.stdout.write('\\n${RESULT_PREFIX}' + JSON.stringify(result) + '\\n');
const event = (template, properties, extra) => ({
    ...template,
    ...extra,
    requestData: { ...template.requestData, resourceProperties: properties, ...(extra && extra.requestData) },
});

async function cold() {
    const loadStart = performance.now();
    const { entrypoint } = require(config.handler);
    const loadEnd = performance.now();
    const response = await entrypoint(config.readEvent, context);
    const end = performance.now();
    report({
        boot: harnessStart,
        load: loadEnd - loadStart,
        read: end - loadEnd,
        flushWait,
        total: end,
        cpu: ((usage) => (usage.user + usage.system) / 1000)(process.cpuUsage()),
        maxRss: process.resourceUsage().maxRSS,
        status: response.status,
    });
}

async function warm() {
    const { entrypoint } = require(config.handler);
    const timings = { CREATE: [], READ: [], UPDATE: [], LIST: [], DELETE: [] };
    const statuses = { CREATE: [], READ: [], UPDATE: [], LIST: [], DELETE: [] };
    const timed = async (action, run) => {
        const start = performance.now();
        const response = await run();
        timings[action].push(performance.now() - start);
        statuses[action].push(response.status);
        return response;
    };
    const t = config.templates;
    for (let index = 0; index < config.iterations; index += 1) {
        const desired = { ...config.model, Username: 'bench' + process.pid + 'x' + index };
        const created = await timed('CREATE', async () => {
            let properties = desired;
            let callbackContext = null;
            for (let step = 0; step < 10; step += 1) {
                const response = await entrypoint(event(t.CREATE, properties, { callbackContext }), context);
                if (response.status !== 'IN_PROGRESS') return response;
                properties = { ...response.resourceModel, Password: desired.Password };
                callbackContext = response.callbackContext;
            }
            return { status: 'TOO_MANY_STEPS' };
        });
        const model = created.resourceModel || {};
        const arn = { UserArn: model.UserArn };
        await timed('READ', () => entrypoint(event(t.READ, arn), context));
        const changed = { ...model, IdentityInfo: { ...model.IdentityInfo, FirstName: 'Changed' + index } };
        await timed('UPDATE', () => entrypoint(event(t.UPDATE, changed, { requestData: { previousResourceProperties: model } }), context));
        await timed('LIST', () => entrypoint(event(t.LIST, { InstanceArn: model.InstanceArn }), context));
        await timed('DELETE', () => entrypoint(event(t.DELETE, arn), context));
    }
    report({ timings, statuses });
}

(config.mode === 'cold' ? cold() : warm()).catch((error) => {
    console.error(error);
    process.exit(1);
});
`;

function runHarness<T>(
    config: Record<string, unknown>,
    env: NodeJS.ProcessEnv,
    nodeOptions: string[] = []
): Promise<T> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...nodeOptions, '-e', HARNESS], {
            cwd: ROOT,
            env: { ...env, BENCH_CONFIG: JSON.stringify(config) },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => {
            const line = stdout
                .split('\n')
                .reverse()
                .find((candidate) => candidate.startsWith(RESULT_PREFIX));
            if (code !== 0 || !line) {
                reject(new Error(`harness exited ${code}: ${stderr.slice(-2000)}`));
                return;
            }
            resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
        });
    });
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const spread = ({ median, min, max }: Summary, unit = ms) =>
    `${unit(median)} (${unit(min)}-${unit(max)})`;

function parseArguments(args: string[]): Options {
    const options: Options = {
        runs: 201,
        latencyRuns: 7,
        warmIterations: 20,
        work: path.join(ROOT, 'build', 'bench'),
    };
    for (let index = 0; index < args.length; index += 1) {
        const value = args[index + 1];
        if (args[index] === '--quick') {
            options.runs = 2;
            options.latencyRuns = 2;
            options.warmIterations = 3;
        } else if (args[index] === '--runs' && Number(value) >= 1) {
            options.runs = Math.floor(Number(value));
            index += 1;
        } else if (args[index] === '--latency-runs' && Number(value) >= 1) {
            options.latencyRuns = Math.floor(Number(value));
            index += 1;
        } else if (args[index] === '--work' && value) {
            options.work = path.resolve(value);
            index += 1;
        } else if (args[index] === '--cpu-prof' && value) {
            options.cpuProf = path.resolve(value);
            index += 1;
        } else {
            throw new Error(
                `Unknown argument ${args[index]}; use --quick, --runs N, --latency-runs N, --work DIR or --cpu-prof DIR`
            );
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

async function main(): Promise<number> {
    const options = parseArguments(process.argv.slice(2));
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
        }
        const templates = Object.fromEntries(
            (['CREATE', 'READ', 'UPDATE', 'LIST', 'DELETE'] as const).map((action) => [
                action,
                handlerEvent(action, {}),
            ])
        );
        const warm: Record<string, WarmResult> = {};
        for (const variant of ['bundle', 'unbundled'] as const) {
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

function report(
    options: Options,
    bytes: number,
    cold: Record<ColdVariant, ColdResult[]>,
    warm: Record<string, WarmResult>,
    latency: LatencyResult
): number {
    const excluding = (result: ColdResult) => result.total - result.flushWait;
    const coldBundle = summarize(cold.bundle.map(excluding));
    const coldUnbundled = summarize(cold.unbundled.map(excluding));
    // The turns the unbundled build ran in, one per result of it (see turnOrder).
    const unbundledTurns = cold.bundle
        .map((_, run) => run)
        .filter((run) => turnOrder(run).includes('unbundled'));
    // Each unbundled run against the run of the same turn.
    const ratioOf = (results: ColdResult[]) =>
        summarize(
            cold.unbundled.map(
                (unbundled, index) =>
                    excluding(results[unbundledTurns[index]]) / excluding(unbundled)
            )
        );
    const ratios = ratioOf(cold.bundle);
    const floorRatios = ratioOf(cold.floor);
    // Each run of the bundle against the floor's run of the same turn.
    const perTurn = cold.bundle.map(
        (result, index) => excluding(result) / excluding(cold.floor[index])
    );
    const floorMultiple = summarize(perTurn);
    const floorInterval = medianInterval(perTurn);
    const ratioText = ({ median, min, max }: Summary) =>
        `${median.toFixed(3)} (${min.toFixed(3)}-${max.toFixed(3)})`;
    const sizeOk = bytes <= SIZE_TARGET_BYTES;
    const floorOk = floorMultiple.median <= FLOOR_MULTIPLE_TARGET;
    const readOk = latency.readRatio.median <= WARM_READ_RATIO_TARGET;
    const updateOk = latency.updateRatio.median <= UPDATE_SERIAL_RATIO_TARGET;
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const rss = (results: ColdResult[]) =>
        summarize(results.map((r) => r.maxRss / 1024));
    const mb = (value: number) => `${value.toFixed(1)} MB`;
    const rows: Array<[string, string, string]> = [
        [
            'bundle size',
            `${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB)`,
            `<= 1.5 MB: ${sizeOk ? 'met' : 'MISSED'}`,
        ],
        [
            'cold start, bundle',
            spread(coldBundle),
            'boot + load + READ, flush wait excluded',
        ],
        [
            'cold start, unbundled',
            spread(coldUnbundled),
            'same, tsc output + node_modules',
        ],
        ['cold start ratio', ratioText(ratios), 'bundle / unbundled, per turn'],
        [
            'cold start, floor',
            spread(summarize(cold.floor.map(excluding))),
            'library + SDK only, the same READ, bundled the same way',
        ],
        [
            'floor ratio',
            ratioText(floorRatios),
            'floor / unbundled: the least any bundled READ on these dependencies costs',
        ],
        [
            'cold start / floor',
            ratioText(floorMultiple),
            `bundle / floor, per turn; <= ${FLOOR_MULTIPLE_TARGET}: ${verdict(floorOk)}` +
                (floorInterval
                    ? `; median within ${floorInterval.low.toFixed(3)}-${floorInterval.high.toFixed(3)} (95 %)`
                    : ''),
        ],
        [
            '  load, bundle',
            spread(summarize(cold.bundle.map((r) => r.load))),
            'require()',
        ],
        [
            '  load, unbundled',
            spread(summarize(cold.unbundled.map((r) => r.load))),
            'require()',
        ],
        [
            '  load, floor',
            spread(summarize(cold.floor.map((r) => r.load))),
            'require()',
        ],
        [
            '  first READ, bundle',
            spread(summarize(cold.bundle.map((r) => r.read - r.flushWait))),
            'entrypoint, flush wait excluded',
        ],
        [
            '  first READ, unbundled',
            spread(summarize(cold.unbundled.map((r) => r.read - r.flushWait))),
            'entrypoint, flush wait excluded',
        ],
        [
            '  first READ, floor',
            spread(summarize(cold.floor.map((r) => r.read - r.flushWait))),
            'entrypoint, flush wait excluded',
        ],
        [
            'time to response, bundle',
            spread(summarize(cold.bundle.map((r) => r.total))),
            'process start to the answer, end of invocation included',
        ],
        [
            'time to response, unbundled',
            spread(summarize(cold.unbundled.map((r) => r.total))),
            'process start to the answer, end of invocation included',
        ],
        [
            'cold CPU time, bundle',
            spread(summarize(cold.bundle.map((r) => r.cpu))),
            'user + system, less sensitive to a busy machine',
        ],
        [
            'cold CPU time, unbundled',
            spread(summarize(cold.unbundled.map((r) => r.cpu))),
            'user + system',
        ],
        [
            'cold CPU time, floor',
            spread(summarize(cold.floor.map((r) => r.cpu))),
            'user + system',
        ],
        [
            'cold CPU / floor',
            ratioText(
                summarize(
                    cold.bundle.map(
                        (result, index) => result.cpu / cold.floor[index].cpu
                    )
                )
            ),
            'bundle / floor CPU time, per turn: a cross-check of the line above',
        ],
        ['peak RSS, bundle', spread(rss(cold.bundle), mb), 'cold-start process'],
        ['peak RSS, unbundled', spread(rss(cold.unbundled), mb), 'cold-start process'],
    ];
    for (const [variant, result] of Object.entries(warm)) {
        for (const [action, values] of Object.entries(result.timings)) {
            const failed = result.statuses[action].filter(
                (status) => status !== 'SUCCESS'
            );
            if (failed.length) {
                throw new Error(
                    `warm ${variant} ${action} answered ${failed.join(', ')}`
                );
            }
            rows.push([
                `warm ${action}, ${variant}`,
                spread(summarize(values)),
                `median of ${values.length}, flush wait skipped`,
            ]);
        }
    }
    const perCall = `${latency.latencyMs} ms per Connect call`;
    rows.push(
        [
            'warm READ, end to end',
            spread(latency.readOurs),
            `${perCall}, end of invocation included`,
        ],
        [
            'warm READ, stock end',
            spread(latency.readStock),
            "the same, with the library's stock end of invocation (1 s sleep)",
        ],
        [
            'warm READ ratio',
            ratioText(latency.readRatio),
            `per turn; <= ${WARM_READ_RATIO_TARGET}: ${verdict(readOk)}`,
        ],
        [
            'full UPDATE, Connect calls',
            String(latency.updateCalls),
            'every part changed: read, mutations, read back',
        ],
        ['full UPDATE, wall time', spread(latency.updateWall), perCall],
        [
            'full UPDATE / serial',
            ratioText(latency.updateRatio),
            `wall / (calls x latency); <= ${UPDATE_SERIAL_RATIO_TARGET}: ${verdict(updateOk)}`,
        ]
    );
    const width = Math.max(...rows.map(([name]) => name.length));
    const valueWidth = Math.max(...rows.map(([, value]) => value.length));
    console.log(
        `\nbenchmark: ${options.runs} cold turns of the bundle and the floor, ` +
            `${cold.unbundled.length} of the unbundled build (after a warm-up), ` +
            `${options.warmIterations} warm iterations, ${options.latencyRuns} latency runs, node ${process.version}\n`
    );
    console.log(
        `${'measure'.padEnd(width)}  ${'median (min-max)'.padEnd(valueWidth)}  note`
    );
    for (const [name, value, note] of rows) {
        console.log(`${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${note}`);
    }
    const missed = [
        ...(sizeOk ? [] : ['bundle size']),
        ...(floorOk ? [] : ['cold start / floor']),
        ...(readOk ? [] : ['warm READ ratio']),
        ...(updateOk ? [] : ['full UPDATE / serial']),
    ];
    if (missed.length) {
        console.log(`\ntargets missed: ${missed.join(', ')}`);
        return 1;
    }
    console.log('\nall targets met');
    return 0;
}

if (require.main === module) {
    main()
        .then((code) => process.exit(code))
        .catch((error: unknown) => {
            console.error(error instanceof Error ? error.stack : error);
            process.exit(2);
        });
}

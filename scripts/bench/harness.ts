/**
 * The processes the benchmark times: a fresh Node process per cold start, one
 * process for the warm latencies, each reporting its figures on a line of its
 * own. Read by cli.ts.
 */
import { spawn } from 'node:child_process';
import { ROOT } from '../build/bundle';

const RESULT_PREFIX = 'BENCH_RESULT ';

/** What a cold-start process reports, in milliseconds since it started. */
export interface ColdResult {
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

export interface WarmResult {
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

export function runHarness<T>(
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

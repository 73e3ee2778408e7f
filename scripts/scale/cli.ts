/**
 * `npm run bench:scale -- [--users N] [--instance-users N] [--concurrency N]
 * [--max-seconds N]`: what the handler costs at a contact centre's scale, against
 * the Connect emulator at Connect's documented quotas (2 requests a second, burst
 * 5, per API) and the local Cloud Control API. Prints the figures with the
 * targets beside them; exits 1 when a target is missed, 2 on a bad argument.
 */
import { reportLines, verdicts } from './figures';
import { DEFAULT_SCALE_OPTIONS, runScale, type ScaleOptions } from './run';
import { parseOrExplain } from '../../local/cli';

const USAGE =
    'Usage: npm run bench:scale -- [--users N] [--instance-users N] ' +
    '[--concurrency N] [--max-seconds N]';

const FLAGS: Readonly<Record<string, keyof Omit<ScaleOptions, 'progress'>>> = {
    '--users': 'onboardUsers',
    '--instance-users': 'instanceUsers',
    '--concurrency': 'concurrency',
    '--max-seconds': 'maxSeconds',
};

const LIMITS: Readonly<Record<keyof Omit<ScaleOptions, 'progress'>, [number, number]>> =
    {
        onboardUsers: [1, 10_000],
        instanceUsers: [0, 100_000],
        concurrency: [1, 100],
        maxSeconds: [1, 24 * 3600],
    };

export function parseScaleArguments(
    argv: readonly string[]
): Omit<ScaleOptions, 'progress'> | { help: true } {
    if (argv.includes('--help') || argv.includes('-h')) {
        return { help: true };
    }
    const options = { ...DEFAULT_SCALE_OPTIONS };
    for (let index = 0; index < argv.length; index += 2) {
        const flag = argv[index];
        const field = FLAGS[flag];
        if (!field) throw new Error(`Unknown argument ${flag}`);
        const value = Number(argv[index + 1]);
        const [low, high] = LIMITS[field];
        if (!Number.isInteger(value) || value < low || value > high) {
            throw new Error(`${flag} must be an integer from ${low} to ${high}`);
        }
        options[field] = value;
    }
    return options;
}

/**
 * Runs the benchmark with these arguments, printing as it goes; the exit code:
 * 0 when every target is met, 1 when one is missed, 2 on a bad argument. The
 * `bench` CLI hands `--scale` and what follows it here.
 */
export async function runScaleCli(
    argv: readonly string[],
    write: (text: string) => void = (text) => process.stdout.write(text)
): Promise<number> {
    const options = parseOrExplain([...argv], parseScaleArguments, USAGE);
    if (typeof options === 'number') {
        return options;
    }
    const figures = await runScale({
        ...options,
        progress: (line) => write(`${line}\n`),
    });
    write(`\n${reportLines(figures).join('\n')}\n`);
    return verdicts(figures).every((verdict) => verdict.met) ? 0 : 1;
}

if (require.main === module) {
    runScaleCli(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
            process.exit(1);
        }
    );
}

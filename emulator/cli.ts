/**
 * `npm run emulator -- [--port N] [--seed FILE] [--users N] [--state FILE] [--rate-limit Op=rate:burst]
 * [--no-rate-limits] [--accept-system-tags] [--describe-both]
 * [--directory-identity-updates refuse|ignore] [--max-calls N] [--quiet]`
 */
import { MAX_GENERATED_USERS } from './generated-users';
import { DOCUMENTED_RATE_LIMITS } from './rate-limits';
import { startEmulator } from './server';
import type { DirectoryIdentityUpdates, RateLimits } from './types';

const USAGE =
    'Usage: npm run emulator -- [--port N] [--seed FILE] [--users N] [--state FILE] ' +
    '[--rate-limit Operation=ratePerSecond:burst]... [--no-rate-limits] ' +
    '[--accept-system-tags] [--describe-both] ' +
    '[--directory-identity-updates refuse|ignore] [--max-calls N] [--quiet]';

export interface CliOptions {
    port: number;
    seedFile?: string;
    /** Generated users in the seed's CONNECT_MANAGED instance. */
    users?: number;
    stateFile?: string;
    /** Connect's documented defaults unless --no-rate-limits, with --rate-limit over them. */
    rateLimits: RateLimits;
    acceptSystemTags: boolean;
    describeBoth: boolean;
    directoryIdentityUpdates: DirectoryIdentityUpdates;
    quiet: boolean;
    /** Call records kept for GET /_emulator/calls, the oldest dropped first. */
    maxCalls?: number;
}

export function parseArguments(argv: readonly string[]): CliOptions {
    const options: Omit<CliOptions, 'rateLimits'> = {
        port: 0,
        acceptSystemTags: false,
        describeBoth: false,
        directoryIdentityUpdates: 'refuse',
        quiet: false,
    };
    let documented = true;
    const overrides: RateLimits = {};
    for (let index = 0; index < argv.length; index++) {
        const flag = argv[index];
        const value = (): string => {
            const next = argv[++index];
            if (next === undefined) throw new Error(`${flag} needs a value`);
            return next;
        };
        switch (flag) {
            case '--port': {
                const port = Number(value());
                if (!Number.isInteger(port) || port < 0 || port > 65535) {
                    throw new Error('--port must be an integer from 0 to 65535');
                }
                options.port = port;
                break;
            }
            case '--seed':
                options.seedFile = value();
                break;
            case '--users': {
                const count = Number(value());
                if (
                    !Number.isInteger(count) ||
                    count < 0 ||
                    count > MAX_GENERATED_USERS
                ) {
                    throw new Error(
                        `--users must be an integer from 0 to ${MAX_GENERATED_USERS}`
                    );
                }
                options.users = count;
                break;
            }
            case '--state':
                options.stateFile = value();
                break;
            case '--rate-limit': {
                const match = /^(\*|\w+)=(\d+(?:\.\d+)?):(\d+)$/.exec(value());
                if (!match)
                    throw new Error('--rate-limit must look like CreateUser=5:10');
                overrides[match[1]] = {
                    ratePerSecond: Number(match[2]),
                    burst: Number(match[3]),
                };
                break;
            }
            case '--no-rate-limits':
                documented = false;
                break;
            case '--accept-system-tags':
                options.acceptSystemTags = true;
                break;
            case '--describe-both':
                options.describeBoth = true;
                break;
            case '--directory-identity-updates': {
                const mode = value();
                if (mode !== 'refuse' && mode !== 'ignore') {
                    throw new Error(
                        '--directory-identity-updates must be refuse or ignore'
                    );
                }
                options.directoryIdentityUpdates = mode;
                break;
            }
            case '--max-calls': {
                const count = Number(value());
                if (!Number.isInteger(count) || count < 0) {
                    throw new Error('--max-calls must be an integer >= 0');
                }
                options.maxCalls = count;
                break;
            }
            case '--quiet':
                options.quiet = true;
                break;
            case '--help':
            case '-h':
                process.stdout.write(`${USAGE}\n`);
                process.exit(0);
            // falls through
            default:
                throw new Error(`Unknown argument ${flag}\n${USAGE}`);
        }
    }
    const base: RateLimits = documented ? structuredClone(DOCUMENTED_RATE_LIMITS) : {};
    return { ...options, rateLimits: { ...base, ...overrides } };
}

function describeLimits(limits: RateLimits): string {
    const entries = Object.entries(limits);
    if (entries.length === 0) return 'none (--no-rate-limits)';
    return entries
        .map(([operation, { ratePerSecond, burst }]) =>
            operation === '*'
                ? `${ratePerSecond}/s, burst ${burst}, for each other operation`
                : `${operation} ${ratePerSecond}/s, burst ${burst}`
        )
        .join('; ');
}

async function main(): Promise<void> {
    let options: CliOptions;
    try {
        options = parseArguments(process.argv.slice(2));
    } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exit(2);
    }
    const emulator = await startEmulator(options);
    process.stdout.write(
        [
            `Amazon Connect emulator listening on ${emulator.url}`,
            '',
            'Point the AWS SDK or CLI at it:',
            `  export AWS_ENDPOINT_URL_CONNECT=${emulator.url}`,
            '  export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
            '  aws connect list-instances',
            `Rate limits: ${describeLimits(options.rateLimits)}`,
            ...(options.users
                ? [`Generated users: ${options.users} in the CONNECT_MANAGED instance`]
                : []),
            `Admin endpoints: ${emulator.url}/_emulator/{calls,faults,rate-limits,behaviour,state,reset}`,
            '',
        ].join('\n')
    );
    let stopping = false;
    const stop = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`Received ${signal}, shutting down\n`);
        emulator.close().then(
            () => process.exit(0),
            () => process.exit(1)
        );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
    main().catch((error: unknown) => {
        // The messages name the problem (a state file that cannot be read, a port taken).
        process.stderr.write(`${(error as Error).message}\n`);
        process.exit(1);
    });
}

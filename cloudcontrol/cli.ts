/**
 * `npm run cloudcontrol`: the local Cloud Control API on 127.0.0.1, with the
 * handler running in this process against its own Connect emulator (or the one
 * --connect-endpoint names). Prints its URL and how to point each client at it.
 */
import { parseArgs } from 'node:util';
import { parseOrExplain, runMain } from '../local/cli';
import { checkConnectEndpoint } from '../local/loopback';
import { type CloudControlOptions, startCloudControl } from './server';
import { TYPE_NAME } from './schema';

export const CLOUDCONTROL_USAGE = `Usage: npm run cloudcontrol -- [options]

Serves the Cloud Control API (AWS JSON 1.0, X-Amz-Target: CloudApiService.<Operation>)
for ${TYPE_NAME} on 127.0.0.1, running the handler in this process. Amazon
Connect calls go to an emulator started on a free port, unless --connect-endpoint
or --real-aws says otherwise.

Options:
  --port N                 port to listen on (default 0: a free port)
  --connect-endpoint URL   send Connect calls here (on this machine unless --real-aws)
  --real-aws               no emulator: Connect calls go to AWS with this process's
                           default AWS credentials
  --region R               region of requests whose signature names none, and the
                           handler's AWS_REGION (default: AWS_REGION, AWS_DEFAULT_REGION
                           or us-east-1)
  --account ID             the account the handler runs in (default 123456789012,
                           the emulator's)
  --state FILE             keep the resource operation requests in FILE
  --max-requests N         finished requests kept, oldest dropped first (default 1000)
  --handler PATH           module exporting entrypoint (default src/handlers.ts)
  --function-logs          show the handler's own log lines on stderr (secrets redacted)
  --quiet                  no line per call
  -h, --help               this text`;

function integer(value: string | undefined, name: string, min: number, max: number) {
    if (value === undefined) {
        return undefined;
    }
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        throw new Error(
            `--${name} must be an integer from ${min} to ${max}, not '${value}'`
        );
    }
    return parsed;
}

/** Parses the command line; throws an Error with a message for the user. */
export function parseCloudControlArgs(
    argv: string[]
): (CloudControlOptions & { quiet: boolean }) | { help: true } {
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            port: { type: 'string' },
            'connect-endpoint': { type: 'string' },
            'real-aws': { type: 'boolean' },
            region: { type: 'string' },
            account: { type: 'string' },
            state: { type: 'string' },
            'max-requests': { type: 'string' },
            handler: { type: 'string' },
            'function-logs': { type: 'boolean' },
            quiet: { type: 'boolean' },
            help: { type: 'boolean', short: 'h' },
        },
    });
    if (values.help) {
        return { help: true };
    }
    const realAws = values['real-aws'] ?? false;
    if (values.account !== undefined && !/^\d{12}$/.test(values.account)) {
        throw new Error(`--account must be 12 digits, not '${values.account}'`);
    }
    return {
        port: integer(values.port, 'port', 0, 65535) ?? 0,
        connectEndpoint:
            values['connect-endpoint'] === undefined
                ? undefined
                : checkConnectEndpoint(values['connect-endpoint'], realAws),
        realAws,
        region: values.region,
        accountId: values.account,
        stateFile: values.state,
        maxRequests: integer(values['max-requests'], 'max-requests', 1, 1_000_000),
        handler: values.handler,
        functionLogs: values['function-logs'] ?? false,
        quiet: values.quiet ?? false,
    };
}

/** How to point each client at the endpoint. */
export function clientHints(url: string): string[] {
    return [
        `  export AWS_ENDPOINT_URL_CLOUDCONTROL=${url}      # AWS SDKs, aws cloudcontrol`,
        `  export AWS_ENDPOINT_URL_CLOUDCONTROLAPI=${url}   # Alchemy (alchemy/aws/control)`,
        `  Terraform awscc: provider "awscc" { endpoints = { cloudcontrolapi = "${url}", sts = "${url}" } }`,
        `  StackQL: a provider registry copy whose cloud_control servers url is ${url}`,
        '  (details: cloudcontrol/README.md)',
    ];
}

export async function main(argv: string[]): Promise<number> {
    const options = parseOrExplain(argv, parseCloudControlArgs, CLOUDCONTROL_USAGE);
    if (typeof options === 'number') {
        return options;
    }
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const { quiet, ...serverOptions } = options;
    const server = await startCloudControl({
        ...serverOptions,
        log: quiet ? () => undefined : out,
    });
    out(`Cloud Control API listening on ${server.url}`);
    out(
        server.emulator
            ? `  serving ${TYPE_NAME}; Amazon Connect emulator listening on ${server.emulator.url}`
            : server.connectEndpoint
              ? `  serving ${TYPE_NAME}; Amazon Connect calls go to ${server.connectEndpoint}`
              : `  serving ${TYPE_NAME}; Amazon Connect calls go to AWS (--real-aws)`
    );
    clientHints(server.url).forEach(out);
    await new Promise<void>((resolveSignal) => {
        process.once('SIGINT', () => resolveSignal());
        process.once('SIGTERM', () => resolveSignal());
    });
    await server.close();
    return 0;
}

if (require.main === module) {
    runMain(main);
}

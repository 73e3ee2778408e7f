/**
 * `npm run start-lambda`: the Lambda Invoke API on 127.0.0.1 for `cfn test`, the
 * AWS CLI or an SDK, with the handlers running in this process.
 */
import { parseArgs } from 'node:util';
import {
    DEFAULT_PORT,
    type LambdaEndpointOptions,
    startLambdaEndpoint,
} from './lambda-endpoint';
import { checkConnectEndpoint } from './loopback';
import { parseOrExplain, runMain } from './cli';

export const START_LAMBDA_USAGE = `Usage: npm run start-lambda -- [options]

Serves the Lambda Invoke API on 127.0.0.1 as \`sam local start-lambda\` does:
  POST /2015-03-31/functions/TypeFunction/invocations    -> entrypoint
  POST /2015-03-31/functions/TestEntrypoint/invocations  -> testEntrypoint
Amazon Connect calls go to a local emulator started on a free port, unless
--connect-endpoint or --real-aws says otherwise.

Options:
  --port N                 port to listen on (default ${DEFAULT_PORT}; 0 = a free port)
  --handler PATH           module exporting entrypoint and testEntrypoint
                           (default src/handlers.ts; e.g. dist/handlers.js)
  --connect-endpoint URL   send Connect calls here instead (must be on this machine
                           unless --real-aws is given)
  --real-aws               no emulator: Connect calls go to AWS with the credentials
                           in each event
  --region R               AWS_REGION for the handler (default: AWS_REGION,
                           AWS_DEFAULT_REGION or us-east-1)
  --timeout S              seconds per invocation before it is cut off (default 60)
  --function-logs          show the handler's own log lines on stderr (secrets
                           redacted)
  -h, --help               this text`;

/** Parses the command line; throws an Error with a message for the user. */
export function parseStartLambdaArgs(
    argv: string[]
): LambdaEndpointOptions | { help: true } {
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            port: { type: 'string' },
            handler: { type: 'string' },
            'connect-endpoint': { type: 'string' },
            'real-aws': { type: 'boolean' },
            region: { type: 'string' },
            timeout: { type: 'string' },
            'function-logs': { type: 'boolean' },
            help: { type: 'boolean', short: 'h' },
        },
    });
    if (values.help) {
        return { help: true };
    }
    const realAws = values['real-aws'] ?? false;
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(
            `--port must be an integer from 0 to 65535, not '${values.port}'`
        );
    }
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0 && timeout <= 900)) {
        throw new Error(`--timeout must be a number of seconds from 1 to 900`);
    }
    const connectEndpoint =
        values['connect-endpoint'] === undefined
            ? undefined
            : checkConnectEndpoint(values['connect-endpoint'], realAws);
    return {
        port,
        handler: values.handler,
        connectEndpoint,
        realAws,
        region: values.region,
        timeoutSeconds: timeout,
        functionLogs: values['function-logs'] ?? false,
    };
}

export async function main(argv: string[]): Promise<number> {
    const options = parseOrExplain(argv, parseStartLambdaArgs, START_LAMBDA_USAGE);
    if (typeof options === 'number') {
        return options;
    }
    const endpoint = await startLambdaEndpoint(options);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`Lambda endpoint listening on ${endpoint.url}`);
    out(`  functions: TypeFunction (entrypoint), TestEntrypoint (testEntrypoint)`);
    if (endpoint.emulator) {
        out(`Amazon Connect emulator listening on ${endpoint.emulator.url}`);
    } else if (endpoint.connectEndpoint) {
        out(`Amazon Connect calls go to ${endpoint.connectEndpoint}`);
    } else {
        out(
            "Amazon Connect calls go to AWS (--real-aws), with each event's credentials"
        );
    }
    out(`  cfn test --endpoint ${endpoint.url}`);
    out(
        '  export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test'
    );
    out(
        `  aws lambda invoke --endpoint-url ${endpoint.url} --function-name TestEntrypoint ` +
            '--payload file://sam-tests/create.json /tmp/create-response.json' +
            '   # AWS CLI v2: add --cli-binary-format raw-in-base64-out'
    );
    out(`  npx tsx sam-tests/drive.ts --endpoint ${endpoint.url}   # all five events`);
    await new Promise<void>((resolveSignal) => {
        process.once('SIGINT', () => resolveSignal());
        process.once('SIGTERM', () => resolveSignal());
    });
    await endpoint.close();
    return 0;
}

if (require.main === module) {
    runMain(main);
}

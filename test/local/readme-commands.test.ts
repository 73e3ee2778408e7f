import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudControlClient, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import {
    CloudFormationClient,
    DescribeTypeCommand,
} from '@aws-sdk/client-cloudformation';
import {
    ConnectClient,
    ListInstancesCommand,
    ListUsersCommand,
} from '@aws-sdk/client-connect';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { writeFileSync } from 'node:fs';
import { startCloudControl, type CloudControlServer } from '../../cloudcontrol/server';
import { startEmulator, type Emulator } from '../../emulator/server';
import { startLambdaEndpoint, type LambdaEndpoint } from '../../local/lambda-endpoint';

/**
 * Every command the README's local sections print, run as printed against the local
 * servers (only the ports changed to theirs, and `/tmp` to a folder of the test's):
 * with the AWS CLI where it is installed, in a shell holding nothing but the README's
 * export block; otherwise the shell runs the same lines with `aws` standing for a
 * function that hands its arguments to the SDK, which sends the request the CLI
 * would. The fallback holds the CLI v1's rules: the region from
 * AWS_DEFAULT_REGION, credentials from the environment, no v2-only options.
 */
const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CLI_INSTALLED = spawnSync('aws', ['--version']).status === 0;

/** The `sh` blocks from a heading to the next heading of its level or higher. */
export function shellBlocks(markdown: string, heading: string): string[] {
    const start = markdown.indexOf(`\n${heading}\n`);
    if (start < 0) throw new Error(`no section ${heading}`);
    const level = heading.split(' ')[0];
    const rest = markdown.slice(start + heading.length + 2);
    const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
    const section = end < 0 ? rest : rest.slice(0, end);
    return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** A block's logical lines: a line ending in `\` goes on with the next. */
export function logicalLines(block: string): string[] {
    return block
        .replace(/\\\n/g, ' ')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
}

const EXPORT_BLOCK = shellBlocks(README, '## Start here')
    .flatMap(logicalLines)
    .filter((line) => line.startsWith('export '));

const LOCAL_SECTIONS = [
    '### `npm run emulator`: a local Amazon Connect',
    '### `npm run start-lambda`: the function as `cfn test` and SAM see it',
    '### `npm run cloudcontrol`: the type behind a local Cloud Control API',
];

/** The lines each local section prints that a user runs beside its server. */
const PRINTED = LOCAL_SECTIONS.flatMap((heading) =>
    shellBlocks(README, heading)
        .flatMap(logicalLines)
        .filter((line) => /^(export|aws|npx tsx) /.test(line))
        .map((line) => ({ heading, line }))
);

let emulator: Emulator;
let lambda: LambdaEndpoint;
let cloudControl: CloudControlServer;
let scratch: string;

beforeAll(async () => {
    emulator = await startEmulator({ quiet: true });
    lambda = await startLambdaEndpoint({ port: 0, log: () => undefined });
    cloudControl = await startCloudControl({ log: () => undefined });
    scratch = mkdtempSync(join(tmpdir(), 'readme-commands-'));
});

afterAll(async () => {
    await Promise.all([emulator.close(), lambda.close(), cloudControl.close()]);
    rmSync(scratch, { recursive: true, force: true });
});

/** The README's ports and `/tmp` made this test's. */
function local(line: string): string {
    return line
        .replace(/127\.0\.0\.1:8123/g, `127.0.0.1:${emulator.port}`)
        .replace(/127\.0\.0\.1:3001/g, `127.0.0.1:${lambda.port}`)
        .replace(/127\.0\.0\.1:4599/g, `127.0.0.1:${cloudControl.port}`)
        .replace(/\/tmp\//g, `${scratch}/`);
}

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs a script in bash, with a fresh HOME and no AWS settings but the script's. */
function bash(script: string): Promise<Run> {
    return new Promise((resolveRun) => {
        const child = spawn('bash', ['-c', script], {
            cwd: ROOT,
            env: { PATH: process.env.PATH, HOME: scratch, AWS_PAGER: '' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += String(chunk)));
        child.stderr.on('data', (chunk) => (stderr += String(chunk)));
        child.on('close', (status) => resolveRun({ status, stdout, stderr }));
    });
}

type Sdk = (options: Map<string, string>, rest: string[], env: Env) => Promise<unknown>;
type Env = Record<string, string>;

/** What the CLI v1 requires of the environment before it sends anything. */
function clientConfig(env: Env, endpoint: string | undefined) {
    if (!env.AWS_DEFAULT_REGION) throw new Error('You must specify a region.');
    if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
        throw new Error('Unable to locate credentials.');
    }
    if (!endpoint) throw new Error('no endpoint: the request would go to AWS');
    return {
        region: env.AWS_DEFAULT_REGION,
        endpoint,
        credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        },
        maxAttempts: 1,
    };
}

/** The commands the README prints, as the SDK sends them: `service operation` -> call. */
const VIA_SDK: Readonly<Record<string, Sdk>> = {
    'connect list-users': (options, _rest, env) =>
        new ConnectClient(clientConfig(env, env.AWS_ENDPOINT_URL_CONNECT)).send(
            new ListUsersCommand({ InstanceId: options.get('--instance-id') })
        ),
    'connect list-instances': (_options, _rest, env) =>
        new ConnectClient(clientConfig(env, env.AWS_ENDPOINT_URL_CONNECT)).send(
            new ListInstancesCommand({})
        ),
    'lambda invoke': async (options, rest, env) => {
        const answer = await new LambdaClient(
            clientConfig(env, options.get('--endpoint-url'))
        ).send(
            new InvokeCommand({
                FunctionName: options.get('--function-name'),
                Payload: readFileSync(
                    join(ROOT, String(options.get('--payload')).slice(7))
                ),
            })
        );
        writeFileSync(rest[0], Buffer.from(answer.Payload ?? []));
        return { StatusCode: answer.StatusCode };
    },
    'cloudcontrol list-resources': (options, _rest, env) =>
        new CloudControlClient(
            clientConfig(env, env.AWS_ENDPOINT_URL_CLOUDCONTROL)
        ).send(
            new ListResourcesCommand({
                TypeName: options.get('--type-name'),
                ResourceModel: options.get('--resource-model'),
            })
        ),
    'cloudformation describe-type': async (options, _rest, env) => {
        const answer = await new CloudFormationClient(
            clientConfig(env, options.get('--endpoint-url'))
        ).send(
            new DescribeTypeCommand({
                Type: options.get('--type') as 'RESOURCE',
                TypeName: options.get('--type-name'),
            })
        );
        return options.get('--query') === 'Schema' ? answer.Schema : answer;
    },
};

/** The options the CLI v1 does not know, which it refuses as `Unknown options`. */
const V2_ONLY = ['--cli-binary-format'];

const ENV_NAMES = [
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_ENDPOINT_URL_CONNECT',
    'AWS_ENDPOINT_URL_CLOUDCONTROL',
];

/** Runs the lines in bash; `aws` is the CLI, or a function that hands its arguments over. */
async function runAsPrinted(lines: string[]): Promise<Run> {
    if (CLI_INSTALLED) return bash(lines.join('\n'));
    const capture =
        `aws() { for name in ${ENV_NAMES.join(' ')}; do printf '%s=%s\\0' "$name" "\${!name}"; done; ` +
        `printf -- '--\\0'; printf '%s\\0' "$@"; }`;
    const shell = await bash([capture, ...lines].join('\n'));
    if (shell.status !== 0 || !lines[lines.length - 1].startsWith('aws ')) return shell;
    const fields = shell.stdout.split('\0').slice(0, -1);
    const split = fields.indexOf('--');
    const env = Object.fromEntries(
        fields.slice(0, split).map((field) => field.split(/=(.*)/s).slice(0, 2))
    ) as Env;
    const [service, operation, ...args] = fields.slice(split + 1);
    const sdk = VIA_SDK[`${service} ${operation}`];
    if (!sdk) throw new Error(`no SDK call for aws ${service} ${operation}`);
    const unknown = args.filter((arg) => V2_ONLY.includes(arg));
    if (unknown.length) {
        return {
            status: 252,
            stdout: '',
            stderr: `Unknown options: ${unknown.join(', ')}`,
        };
    }
    const options = new Map<string, string>();
    const rest: string[] = [];
    for (let index = 0; index < args.length; index += 1) {
        if (args[index].startsWith('--')) options.set(args[index], args[++index]);
        else rest.push(args[index]);
    }
    try {
        const result = await sdk(options, rest, env);
        return {
            status: 0,
            stdout: typeof result === 'string' ? result : JSON.stringify(result),
            stderr: '',
        };
    } catch (error) {
        return { status: 255, stdout: '', stderr: (error as Error).message };
    }
}

describe('the README as a new user follows it', () => {
    it('has one export block that sets both regions and credentials, and local sections with commands to run', () => {
        expect(EXPORT_BLOCK).toHaveLength(1);
        for (const name of ENV_NAMES.slice(0, 4)) {
            expect(EXPORT_BLOCK[0]).toMatch(new RegExp(`\\b${name}=\\S+`));
        }
        expect(
            PRINTED.filter(({ line }) => line.startsWith('aws ')).length
        ).toBeGreaterThan(3);
    });

    it.each(LOCAL_SECTIONS.map((heading) => [heading]))(
        'runs every command of %s as printed',
        async (heading) => {
            const lines = PRINTED.filter((printed) => printed.heading === heading);
            const exports = lines.filter(({ line }) => line.startsWith('export '));
            for (const { line } of lines.filter(
                ({ line }) => !line.startsWith('export ')
            )) {
                const run = await runAsPrinted([
                    ...EXPORT_BLOCK,
                    ...exports.map((printed) => local(printed.line)),
                    local(line),
                ]);
                expect({ line, ...run }).toMatchObject({ line, status: 0 });
                if (line.startsWith('aws lambda invoke')) {
                    const written = local(line).split(' ').pop() as string;
                    expect(written.startsWith(scratch)).toBe(true);
                    expect(JSON.parse(readFileSync(written, 'utf8'))).toMatchObject({
                        status: 'IN_PROGRESS',
                    });
                }
                if (line.startsWith('npx tsx sam-tests/drive.ts')) {
                    expect(run.stdout).toMatch(
                        /^All 6 steps ended as CloudFormation expects/m
                    );
                }
            }
            expect(existsSync(join(ROOT, 'out.json'))).toBe(false);
        },
        120_000
    );
});

/** What a server's CLI prints on start, until the line `ready` matches. */
async function printedOnStart(args: string[], ready: RegExp): Promise<string> {
    const child = spawn('npx', ['tsx', ...args, '--port', '0'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
    });
    let output = '';
    try {
        return await new Promise<string>((resolveOutput, reject) => {
            const timer = setTimeout(() => reject(new Error(output)), 60_000);
            child.stdout.on('data', (chunk: Buffer) => {
                output += String(chunk);
                if (ready.test(output)) {
                    clearTimeout(timer);
                    resolveOutput(output);
                }
            });
        });
    } finally {
        process.kill(-(child.pid as number), 'SIGTERM');
    }
}

describe('the commands the servers print', () => {
    it.each([
        [['emulator/cli.ts'], /aws connect list-instances\n/],
        [['local/start-lambda.ts'], /sam-tests\/drive\.ts.*\n/],
    ])(
        'runs what `npx tsx %s` prints, as printed, against a server on that port',
        async (args, ready) => {
            const printed = logicalLines(await printedOnStart(args, ready)).filter(
                (line) => /^(export|aws|npx tsx) /.test(line)
            );
            const exports = printed.filter((line) => line.startsWith('export '));
            const commands = printed.filter((line) => !line.startsWith('export '));
            expect(commands.length).toBeGreaterThan(0);
            for (const line of commands) {
                // The printed server is gone; the same command goes to this test's.
                const here = (text: string) =>
                    local(
                        text.replace(
                            /127\.0\.0\.1:\d+/g,
                            args[0] === 'emulator/cli.ts'
                                ? '127.0.0.1:8123'
                                : '127.0.0.1:3001'
                        )
                    );
                const run = await runAsPrinted([...exports.map(here), here(line)]);
                expect({ line, ...run }).toMatchObject({ line, status: 0 });
            }
        },
        120_000
    );
});

describe('the fallback holds the CLI v1 rules', () => {
    it.each([
        [
            'export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
            /region/,
        ],
        ['export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1', /credentials/],
    ])('refuses `aws connect list-instances` after %s', async (exports, message) => {
        if (CLI_INSTALLED) {
            const run = await bash(
                `${exports}\nAWS_ENDPOINT_URL_CONNECT=${emulator.url} aws connect list-instances`
            );
            expect(run.status).not.toBe(0);
            expect(run.stderr).toMatch(message);
            return;
        }
        const run = await runAsPrinted([
            exports,
            `export AWS_ENDPOINT_URL_CONNECT=${emulator.url}`,
            'aws connect list-instances',
        ]);
        expect(run.status).not.toBe(0);
        expect(run.stderr).toMatch(message);
    });
});

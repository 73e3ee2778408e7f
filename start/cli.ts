/**
 * `npm start`: one user through create, read, update, list, delete and a read
 * of the deleted user, through the function's entrypoint as CloudFormation calls
 * it. By default against the Connect emulator on a free port; with
 * --instance-arn against a real Amazon Connect instance with the default AWS
 * credentials, deleting the user at the end whatever happened.
 */
import { parseArgs } from 'node:util';
import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { startCloudControl } from '../cloudcontrol/server';
import { type Emulator, startEmulator } from '../emulator/server';
import { SEED_INSTANCES } from '../emulator/seed';
import { applyHandlerEnvironment } from '../local/environment';
import { captureFunctionLogs } from '../local/function-logs';
import { runLifecycle } from './lifecycle';
import { runCloudControlLifecycle } from './lifecycle-cloudcontrol';
import type { LifecycleResult } from './sequence';
import { type LifecycleTarget, newUsername } from './target';
import { parseOrExplain, runMain } from '../local/cli';

export const START_USAGE = `Usage: npm start [-- options]

Without options: starts the Amazon Connect emulator on a free port and runs one
user through create, read, update, list, delete and a read after the delete.

  --via entrypoint               invoke the function's entrypoint as CloudFormation
                                 does (the default)
  --via cloudcontrol             drive the same steps through a local Cloud Control
                                 API with the SDK client and its waiter

Against a real Amazon Connect instance (default AWS credentials; the instance
must use Connect for identity management; the user is always deleted):
  --instance-arn ARN             the instance
  --routing-profile-arn ARN      routing profile for the user
  --security-profile-arn ARN     security profile given at create
  --security-profile-arn2 ARN    a second one, added by the update (optional)
  --hierarchy-group-arn ARN      repeat twice to create in the first and move to
                                 the second; once to join it in the update (optional)
  --proficiency NAME=VALUE       a predefined attribute value; repeatable (optional)
  --region R                     defaults to the instance ARN's region
  --username NAME                defaults to cfn-lifecycle-<random>

  --function-logs                show the handler's own log lines on stderr
  -h, --help                     this text`;

const ARN = /^arn:aws[a-z-]*:connect:([a-z0-9-]+):(\d{12}):instance\/[^/]+/;

/** The emulator's managed instance and what its seed holds. */
/** The lifecycle `npm start` runs on the emulator's seeded managed instance. */
export function emulatorTarget(): LifecycleTarget {
    const instance = SEED_INSTANCES.managed;
    return {
        region: 'us-east-1',
        instanceArn: instance.arn,
        routingProfileArn: instance.routingProfileArns[0],
        securityProfileArns: instance.securityProfileArns.slice(0, 2),
        hierarchyGroupArns: instance.hierarchyGroupArns.slice(1, 3),
        proficiencies: [
            { AttributeName: 'Technology', AttributeValue: 'Connect' },
            { AttributeName: 'Language', AttributeValue: 'English' },
        ],
        // The emulator checks that requests are signed, not by whom.
        credentials: {
            accessKeyId: 'AKIALOCALEMULATOR000',
            secretAccessKey: 'local-emulator-secret-key',
            sessionToken: 'local-emulator-session-token',
        },
    };
}

export type Via = 'entrypoint' | 'cloudcontrol';

export interface StartOptions {
    real?: Omit<LifecycleTarget, 'credentials'>;
    username?: string;
    functionLogs: boolean;
    via: Via;
}

/** Parses the command line; throws an Error with a message for the user. */
export function parseStartArgs(argv: string[]): StartOptions | { help: true } {
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            'instance-arn': { type: 'string' },
            'routing-profile-arn': { type: 'string' },
            'security-profile-arn': { type: 'string' },
            'security-profile-arn2': { type: 'string' },
            'hierarchy-group-arn': { type: 'string', multiple: true },
            proficiency: { type: 'string', multiple: true },
            region: { type: 'string' },
            username: { type: 'string' },
            'function-logs': { type: 'boolean' },
            via: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
        },
    });
    if (values.help) {
        return { help: true };
    }
    const via = (values.via ?? 'entrypoint') as Via;
    if (via !== 'entrypoint' && via !== 'cloudcontrol') {
        throw new Error(
            `--via must be entrypoint or cloudcontrol, not '${values.via}'`
        );
    }
    const functionLogs = values['function-logs'] ?? false;
    const username = values.username;
    const instanceArn = values['instance-arn'];
    if (!instanceArn) {
        const realOnly = Object.keys(values).filter(
            (key) => !['function-logs', 'username', 'via'].includes(key)
        );
        if (realOnly.length) {
            throw new Error(`--${realOnly[0]} needs --instance-arn (a real instance)`);
        }
        return { functionLogs, username, via };
    }
    const match = ARN.exec(instanceArn);
    if (!match) {
        throw new Error(
            `--instance-arn '${instanceArn}' is not an Amazon Connect instance ARN`
        );
    }
    const region = values.region ?? match[1];
    if (region !== match[1]) {
        throw new Error(
            `--region ${region} differs from the instance's region ${match[1]}`
        );
    }
    const routingProfileArn = values['routing-profile-arn'];
    const securityProfileArn = values['security-profile-arn'];
    if (!routingProfileArn || !securityProfileArn) {
        throw new Error(
            '--routing-profile-arn and --security-profile-arn are required with --instance-arn'
        );
    }
    const groups = values['hierarchy-group-arn'] ?? [];
    if (groups.length > 2) {
        throw new Error('--hierarchy-group-arn can be given at most twice');
    }
    const proficiencies = (values.proficiency ?? []).map((pair) => {
        const [AttributeName, AttributeValue] = pair.split('=', 2);
        if (!AttributeName || !AttributeValue) {
            throw new Error(`--proficiency '${pair}' must be NAME=VALUE`);
        }
        return { AttributeName, AttributeValue };
    });
    const second = values['security-profile-arn2'];
    return {
        functionLogs,
        username,
        via,
        real: {
            region,
            instanceArn,
            routingProfileArn,
            securityProfileArns: second
                ? [securityProfileArn, second]
                : [securityProfileArn],
            hierarchyGroupArns: groups,
            proficiencies,
        },
    };
}

export async function main(argv: string[]): Promise<number> {
    const options = parseOrExplain(argv, parseStartArgs, START_USAGE);
    if (typeof options === 'number') {
        return options;
    }
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const username = options.username ?? newUsername();
    let target: LifecycleTarget;
    const emulator = options.real ? undefined : await startEmulator({ quiet: true });
    if (emulator) {
        target = emulatorTarget();
        out(`Amazon Connect emulator listening on ${emulator.url}`);
    } else {
        // The SDK's default chain: environment, SSO, shared files, container, instance.
        const credentials = await defaultProvider()();
        target = { ...options.real!, credentials };
        out(`Real Amazon Connect: ${target.instanceArn} (${target.region})`);
        out(
            'No emulator, so no record of Connect calls: each step shows its status and time.'
        );
    }
    try {
        out(`User ${username} in ${target.instanceArn}`);
        const drive = options.via === 'cloudcontrol' ? viaCloudControl : viaEntrypoint;
        const result = await drive(options, target, username, emulator, out);
        const failed = result.steps.filter((step) => !step.ok).map((step) => step.step);
        const expectation =
            options.via === 'cloudcontrol'
                ? "Cloud Control's clients expect"
                : 'CloudFormation expects';
        out(
            result.ok
                ? `All ${result.steps.length} steps behaved as ${expectation}.`
                : `FAILED: ${failed.length ? failed.join(', ') : 'the lifecycle stopped early'}` +
                      (result.steps.length < 6
                          ? ` (${result.steps.length} of 6 steps run)`
                          : '')
        );
        return result.ok ? 0 : 1;
    } finally {
        await emulator?.close();
    }
}

/** The steps as CloudFormation takes them: wire-format events into the entrypoint. */
async function viaEntrypoint(
    options: StartOptions,
    target: LifecycleTarget,
    username: string,
    emulator: Emulator | undefined,
    out: (line: string) => void
): Promise<LifecycleResult> {
    const restoreEnvironment = applyHandlerEnvironment({
        region: target.region,
        connectEndpoint: emulator?.url,
    });
    const logs = captureFunctionLogs(options.functionLogs);
    try {
        // Loaded once the environment is set, as Lambda loads it.
        const { entrypoint } = await import('../src/handlers');
        return await runLifecycle({
            target,
            username,
            entrypoint: (event, context) => {
                const untrack = logs.track(event);
                return entrypoint(event, context as never).finally(untrack);
            },
            connectCalls: emulator ? () => emulator.calls() : undefined,
            log: out,
        });
    } finally {
        logs.restore();
        restoreEnvironment();
    }
}

/** The steps as Cloud Control's clients take them, through a local Cloud Control API. */
async function viaCloudControl(
    options: StartOptions,
    target: LifecycleTarget,
    username: string,
    emulator: Emulator | undefined,
    out: (line: string) => void
): Promise<LifecycleResult> {
    const server = await startCloudControl({
        connectEndpoint: emulator?.url,
        realAws: !emulator,
        region: target.region,
        accountId: target.instanceArn.split(':')[4],
        functionLogs: options.functionLogs,
        log: () => undefined,
    });
    out(`Cloud Control API listening on ${server.url}`);
    const client = new CloudControlClient({
        endpoint: server.url,
        region: target.region,
        credentials: target.credentials,
    });
    try {
        return await runCloudControlLifecycle({
            target,
            client,
            username,
            connectCalls: emulator ? () => emulator.calls() : undefined,
            log: out,
        });
    } finally {
        client.destroy();
        await server.close();
    }
}

if (require.main === module) {
    runMain(main);
}

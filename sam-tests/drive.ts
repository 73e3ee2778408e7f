/**
 * Drives the five events of this folder through a running Lambda endpoint
 * (`npm run start-lambda`) to the end, as CloudFormation would: CREATE is invoked
 * again with the callbackContext and model it answered until it stops answering
 * IN_PROGRESS; READ, UPDATE and DELETE get the created user's ARN in place of the
 * placeholder; LIST last. One line per invocation; exits 1 when a step does not end
 * as CloudFormation expects.
 *
 *     npx tsx sam-tests/drive.ts [--endpoint http://127.0.0.1:3001]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

const PLACEHOLDER_ARN =
    'arn:aws:connect:us-east-1:123456789012:instance/11111111-1111-4111-8111-111111111111/agent/00000000-0000-4000-8000-000000000000';
/** Invocations per step; a CREATE takes two. */
const MAX_INVOCATIONS = 10;
/** The longest callback delay waited for, in seconds. */
const MAX_DELAY_SECONDS = 5;

type Json = Record<string, unknown>;

export interface HandlerAnswer {
    status?: string;
    errorCode?: string;
    message?: string;
    callbackContext?: Json;
    callbackDelaySeconds?: number;
    resourceModel?: Json;
    resourceModels?: Json[];
}

/** The events in the order a resource lives: what each must end as. */
const STEPS: ReadonlyArray<[string, string]> = [
    ['create', 'SUCCESS'],
    ['read', 'SUCCESS'],
    ['update', 'SUCCESS'],
    ['delete', 'SUCCESS'],
    ['read', 'FAILED NotFound'],
    ['list', 'SUCCESS'],
];

function event(name: string, userArn: string): Json {
    const text = readFileSync(join(__dirname, `${name}.json`), 'utf8');
    return JSON.parse(text.split(PLACEHOLDER_ARN).join(userArn)) as Json;
}

const outcome = (answer: HandlerAnswer) =>
    answer.status === 'FAILED' ? `FAILED ${answer.errorCode}` : String(answer.status);

/**
 * Runs the steps through `invoke`; true when every one ended as expected. The
 * user's ARN comes from the CREATE's answer.
 */
export async function driveEvents(
    invoke: (event: Json) => Promise<HandlerAnswer>,
    log: (line: string) => void
): Promise<boolean> {
    let userArn = PLACEHOLDER_ARN;
    for (const [name, expected] of STEPS) {
        let request = event(name, userArn);
        let answer: HandlerAnswer = {};
        for (let invocation = 1; invocation <= MAX_INVOCATIONS; invocation += 1) {
            answer = await invoke(request);
            log(`${name.padEnd(6)} #${invocation} ${outcome(answer)}`);
            if (answer.status !== 'IN_PROGRESS') break;
            const delay = Math.min(answer.callbackDelaySeconds ?? 0, MAX_DELAY_SECONDS);
            await new Promise((wait) => setTimeout(wait, delay * 1000));
            request = {
                ...request,
                callbackContext: answer.callbackContext ?? null,
                request: {
                    ...(request.request as Json),
                    desiredResourceState: {
                        ...((request.request as Json).desiredResourceState as Json),
                        ...answer.resourceModel,
                    },
                },
            };
        }
        if (name === 'create' && typeof answer.resourceModel?.UserArn === 'string') {
            userArn = answer.resourceModel.UserArn;
        }
        if (outcome(answer) !== expected) {
            log(
                `${name}: expected ${expected}${answer.message ? `: ${answer.message}` : ''}`
            );
            return false;
        }
    }
    log(`All ${STEPS.length} steps ended as CloudFormation expects (user ${userArn}).`);
    return true;
}

async function main(argv: string[]): Promise<number> {
    const at = argv.indexOf('--endpoint');
    if (argv.includes('--help') || (at >= 0 && !argv[at + 1])) {
        process.stdout.write('Usage: npx tsx sam-tests/drive.ts [--endpoint URL]\n');
        return argv.includes('--help') ? 0 : 2;
    }
    const endpoint = at >= 0 ? argv[at + 1] : 'http://127.0.0.1:3001';
    const client = new LambdaClient({
        endpoint,
        region: 'us-east-1',
        // The endpoint checks that requests are signed, not by whom.
        credentials: { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local' },
        maxAttempts: 1,
    });
    try {
        const done = await driveEvents(
            async (request) => {
                const answer = await client.send(
                    new InvokeCommand({
                        FunctionName: 'TestEntrypoint',
                        Payload: Buffer.from(JSON.stringify(request)),
                    })
                );
                return JSON.parse(
                    Buffer.from(answer.Payload ?? []).toString('utf8')
                ) as HandlerAnswer;
            },
            (line) => process.stdout.write(`${line}\n`)
        );
        return done ? 0 : 1;
    } finally {
        client.destroy();
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            process.stderr.write(`${(error as Error).message}\n`);
            process.exit(1);
        }
    );
}

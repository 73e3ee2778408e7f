import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { type CloudControlServer, startCloudControl } from '../../cloudcontrol/server';
import { type Emulator, startEmulator } from '../../emulator/server';
import type { LifecycleTarget } from '../../start/target';
import {
    patchOfChange,
    runCloudControlLifecycle,
} from '../../start/lifecycle-cloudcontrol';
import { emulatorTarget, parseStartArgs } from '../../start/cli';
import { CREDENTIALS } from '../local/fixtures/endpoint';
import { runStart } from './fixtures/start';

const FULL: LifecycleTarget = { ...emulatorTarget(), credentials: CREDENTIALS };

describe('the lifecycle through the Cloud Control API', () => {
    let emulator: Emulator;
    let server: CloudControlServer;
    let client: CloudControlClient;

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
        server = await startCloudControl({
            connectEndpoint: emulator.url,
            log: () => undefined,
        });
        client = new CloudControlClient({
            endpoint: server.url,
            region: 'us-east-1',
            credentials: CREDENTIALS,
        });
    });
    afterAll(async () => {
        client.destroy();
        await server.close();
        await emulator.close();
    });

    it('takes one user through every step with the SDK client and its waiter, and leaves nothing behind', async () => {
        const lines: string[] = [];
        const result = await runCloudControlLifecycle({
            target: FULL,
            client,
            connectCalls: () => emulator.calls(),
            username: 'cc-lifecycle',
            log: (line) => lines.push(line),
            waiter: { minDelay: 0.02, maxDelay: 0.2, maxWaitTime: 30 },
        });

        expect(result.steps.flatMap((step) => step.problems)).toEqual([]);
        expect(result.ok).toBe(true);
        expect(
            result.steps.map((step) => [step.step, step.statuses, step.errorCode])
        ).toEqual([
            ['create', ['IN_PROGRESS', 'SUCCESS'], undefined],
            ['read', ['SUCCESS'], undefined],
            ['update', ['IN_PROGRESS', 'SUCCESS'], undefined],
            ['list', ['SUCCESS'], undefined],
            ['delete', ['IN_PROGRESS', 'SUCCESS'], undefined],
            ['read-deleted', ['FAILED'], 'ResourceNotFoundException'],
        ]);
        const calls = Object.fromEntries(
            result.steps.map((step) => [step.step, step.calls])
        );
        // No system tags through Cloud Control: CreateUser is accepted the first time.
        expect(calls.create).toMatchObject({ CreateUser: 1, UntagResource: 1 });
        expect(calls.update).toMatchObject({
            UpdateUserSecurityProfiles: 1,
            UpdateUserHierarchy: 1,
            UpdateUserProficiencies: 1,
            TagResource: 1,
        });
        expect(emulator.snapshot().instances[0].users).toEqual([]);
        expect(lines).toContain('      Connect calls: DeleteUser x1');
    });
});

describe('patchOfChange', () => {
    it('replaces lists whose order the schema leaves open whole, and patches the rest in place', () => {
        const before = {
            Username: 'a',
            IdentityInfo: { FirstName: 'A' },
            UserProficiencies: [{ AttributeName: 'L', AttributeValue: 'E', Level: 3 }],
        };
        const after = {
            Username: 'a',
            IdentityInfo: { FirstName: 'B' },
            UserProficiencies: [{ AttributeName: 'L', AttributeValue: 'E', Level: 5 }],
        };
        expect(patchOfChange(before, after)).toEqual([
            { op: 'replace', path: '/IdentityInfo/FirstName', value: 'B' },
            {
                op: 'replace',
                path: '/UserProficiencies',
                value: after.UserProficiencies,
            },
        ]);
    });
});

describe('npm start -- --via cloudcontrol', () => {
    it('parses --via and refuses anything else', () => {
        expect(parseStartArgs(['--via', 'cloudcontrol'])).toMatchObject({
            via: 'cloudcontrol',
        });
        expect(parseStartArgs([])).toMatchObject({ via: 'entrypoint' });
        expect(() => parseStartArgs(['--via', 'stack'])).toThrow(/--via/);
    });

    it('runs every step through a local Cloud Control API, prints each, and exits 0', () => {
        const { status, out, steps } = runStart(['--via', 'cloudcontrol']);
        expect(status).toBe(0);
        expect(out).toMatch(
            /^Cloud Control API listening on http:\/\/127\.0\.0\.1:\d+$/m
        );
        expect(steps).toEqual([
            ['create', 'ok', 'IN_PROGRESS -> SUCCESS'],
            ['read', 'ok', 'SUCCESS'],
            ['update', 'ok', 'IN_PROGRESS -> SUCCESS'],
            ['list', 'ok', 'SUCCESS'],
            ['delete', 'ok', 'IN_PROGRESS -> SUCCESS'],
            ['read-deleted', 'ok', 'FAILED (ResourceNotFoundException)'],
        ]);
        expect(out).toContain("All 6 steps behaved as Cloud Control's clients expect.");
        expect(out).not.toContain('EVENT DATA');
    }, 90000);
});

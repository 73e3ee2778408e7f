import { SEED_INSTANCES } from '../../emulator/seed';
import { resource } from '../../src/handlers';
import { useEmulator } from '../fixtures/emulator';
import { CREDENTIALS, handlerEvent, testEvent } from '../fixtures/events';
import { capturingLogs, invoke, invokeTest } from '../fixtures/invoke';
import { formsIn } from '../fixtures/secret-forms';
import { managedUser } from '../paths/users';
import { drive, last } from '../property/harness';

/**
 * The filters of a warm container's log lines, through the entrypoint against
 * the emulator: an invocation leaves none behind for the next ones to run
 * every line through, and a line holds no secret of any invocation but still
 * its account ID.
 */

useEmulator();

/** The library's publishers, which hold the filters; its typings keep them private. */
interface Publisher {
    logFilters: unknown[];
}

interface Proxies {
    platformLoggerProxy: { logPublishers: Publisher[] };
    loggerProxy?: { logPublishers: Publisher[] };
}

/** The filters of every publisher a line can go to, each publisher counted once. */
function filtersHeld(): number {
    const proxies = resource as unknown as Proxies;
    const publishers = new Set([
        ...proxies.platformLoggerProxy.logPublishers,
        ...(proxies.loggerProxy?.logPublishers ?? []),
    ]);
    return [...publishers].reduce(
        (sum, publisher) => sum + publisher.logFilters.length,
        0
    );
}

const ACCOUNT = SEED_INSTANCES.managed.arn.split(':')[4];
const WARM_INVOCATIONS = 100;

/** The caller's credentials of one invocation, as the SDK's default chain gives them. */
function credentialsOf(invocation: number): Record<string, string> {
    return {
        accessKeyId: `AKIAWARM${String(invocation).padStart(12, '0')}`,
        secretAccessKey: `warm/secret+key/${invocation}/wJalrXUtnFEMI`,
        sessionToken: `warm-session-token-${invocation}-IQoJb3JpZ2luX2Vj`,
        accountId: ACCOUNT,
    };
}

async function createdUser(): Promise<string> {
    const created = last(
        await drive('CREATE', managedUser(), { credentials: CREDENTIALS })
    );
    expect(created.status).toBe('SUCCESS');
    return String(created.resourceModel?.UserArn);
}

it(`holds as many log filters after ${WARM_INVOCATIONS} warm invocations as after the first`, async () => {
    const userArn = await createdUser();
    const held: number[] = [];
    for (let invocation = 0; invocation < WARM_INVOCATIONS; invocation += 1) {
        const answer = await invoke(
            handlerEvent(
                'READ',
                { UserArn: userArn },
                { credentials: credentialsOf(invocation) }
            )
        );
        expect(answer.status).toBe('SUCCESS');
        held.push(filtersHeld());
    }

    expect(new Set(held)).toEqual(new Set([held[0]]));
});

it('logs no secret of warm invocations, and the account ID and ARNs as they are', async () => {
    const userArn = await createdUser();
    const password = `Warm\\Back"slash'Quote9A`;
    const credentials = credentialsOf(WARM_INVOCATIONS);
    for (let invocation = 0; invocation < 10; invocation += 1) {
        await invoke(
            handlerEvent(
                'READ',
                { UserArn: userArn, Password: password },
                { credentials }
            )
        );
    }

    // The test entrypoint logs its event, credentials and model included, with inspect.
    const { result, logs } = await capturingLogs(() =>
        invokeTest(
            testEvent('READ', { UserArn: userArn, Password: password }, { credentials })
        )
    );

    expect(result.status).toBe('SUCCESS');
    expect(logs).toContain('EVENT DATA');
    for (const secret of [
        password,
        credentials.secretAccessKey,
        credentials.sessionToken,
    ]) {
        for (const form of formsIn(secret)) {
            expect(logs).not.toContain(form);
        }
    }
    expect(logs).toContain(`accountId: '${ACCOUNT}'`);
    expect(logs).toContain(`UserArn: '${userArn}'`);
});

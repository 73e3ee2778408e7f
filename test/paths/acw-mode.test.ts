import { SEED_INSTANCES } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { ResourceProperties } from '../../src/properties';
import { drive, last, MUTATING_OPERATIONS } from '../property/harness';

/**
 * AfterContactWorkMode, as aws-cdk-lib's CfnUser emits it, end to end through
 * the entrypoint: created, read back, changed on one channel, and left alone
 * by an update that does not change it.
 */

const { managed } = SEED_INSTANCES;
let emulator: Emulator;

beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    process.env.AWS_ENDPOINT_URL_CONNECT = emulator.url;
});

afterAll(async () => {
    await emulator.close();
});

const model: ResourceProperties = {
    InstanceArn: managed.arn,
    Username: 'acwmode',
    Password: 'Sup3rSecretPassw0rd',
    RoutingProfileArn: managed.routingProfileArns[0],
    SecurityProfileArns: [managed.securityProfileArns[0]],
    IdentityInfo: { FirstName: 'Acw', LastName: 'Mode', Email: 'acw@example.com' },
    AfterContactWorkConfigs: [
        {
            Channel: 'VOICE',
            AfterContactWorkConfig: {
                AfterContactWorkTimeLimit: 30,
                AfterContactWorkMode: 'ON_DEMAND',
            },
            AgentFirstCallbackAfterContactWorkConfig: { AfterContactWorkMode: 'OFF' },
        },
        {
            Channel: 'CHAT',
            AfterContactWorkConfig: {
                AfterContactWorkTimeLimit: 5,
                AfterContactWorkMode: 'ON',
            },
        },
    ],
};

it('creates, reads, updates and leaves alone the mode of each channel', async () => {
    const created = last(await drive('CREATE', model));
    expect(created).toMatchObject({ status: 'SUCCESS' });
    expect(created.resourceModel?.AfterContactWorkConfigs).toEqual(
        model.AfterContactWorkConfigs
    );
    const state = {
        ...model,
        UserArn: created.resourceModel?.UserArn,
    } as ResourceProperties;
    const read = last(await drive('READ', { UserArn: state.UserArn }));
    expect(read.resourceModel?.AfterContactWorkConfigs).toEqual(
        model.AfterContactWorkConfigs
    );

    emulator.resetCalls();
    const same = last(await drive('UPDATE', state, { previous: state }));
    expect(same.status).toBe('SUCCESS');
    expect(
        emulator.calls().filter((call) => MUTATING_OPERATIONS.has(call.operation))
    ).toEqual([]);

    const changed = {
        ...state,
        AfterContactWorkConfigs: [
            model.AfterContactWorkConfigs![0],
            {
                Channel: 'CHAT',
                AfterContactWorkConfig: {
                    AfterContactWorkTimeLimit: 5,
                    AfterContactWorkMode: 'OFF',
                },
            },
        ],
    } as ResourceProperties;
    emulator.resetCalls();
    const updated = last(await drive('UPDATE', changed, { previous: state }));
    expect(updated.status).toBe('SUCCESS');
    const sent = emulator.calls().find((call) => call.operation === 'UpdateUserConfig');
    expect(JSON.stringify(sent?.params)).toContain('"AfterContactWorkMode":"OFF"');
    expect(updated.resourceModel?.AfterContactWorkConfigs).toEqual(
        changed.AfterContactWorkConfigs
    );
});

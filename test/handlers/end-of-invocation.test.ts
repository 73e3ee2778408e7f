import * as utils from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/utils';
import {
    ConnectClient,
    DescribeUserCommand,
    ListUserProficienciesCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { connectUser, handlerEvent } from '../fixtures/events';
import { USER_ARN } from '../fixtures/ids';
import { invoke } from '../fixtures/invoke';

/**
 * The library's own end of invocation sleeps on `utils.delay(1)` before it
 * awaits its log queues; this type's (src/library.ts) waits on no clock. Here
 * there are no publishers (no provider credentials), so an invocation is its
 * own work and nothing else. (test/setup.ts stubs `delay` for every suite.)
 */

const connect = mockClient(ConnectClient);

beforeEach(() => {
    connect.reset();
    connect.on(DescribeUserCommand).resolves({ User: connectUser() });
    connect.on(ListUserProficienciesCommand).resolves({ UserProficiencyList: [] });
});

it('ends an invocation without a fixed wait', async () => {
    const delay = jest.mocked(utils.delay);
    delay.mockClear();
    const event = handlerEvent('READ', { UserArn: USER_ARN });
    delete (event.requestData as Record<string, unknown>).providerLogGroupName;

    const response = await invoke(event);

    expect(response.status).toBe('SUCCESS');
    expect(delay).not.toHaveBeenCalled();
});

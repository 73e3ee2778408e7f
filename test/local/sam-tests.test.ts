import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LambdaEndpoint, startLambdaEndpoint } from '../../local/lambda-endpoint';
import { mismatches } from '../../start/model-match';
import { invokeHttp } from './fixtures/endpoint';

/** The ARN in read, update and delete that stands for the user the create makes. */
const PLACEHOLDER_ARN =
    'arn:aws:connect:us-east-1:123456789012:instance/11111111-1111-4111-8111-111111111111/agent/00000000-0000-4000-8000-000000000000';

type Event = {
    action: string;
    credentials: Record<string, string>;
    request: {
        desiredResourceState: Record<string, unknown>;
        previousResourceState: Record<string, unknown> | null;
    };
    callbackContext: Record<string, unknown> | null;
};

/** A sam-tests event, with the placeholder replaced by the created user's ARN. */
function samEvent(name: string, userArn = PLACEHOLDER_ARN): Event {
    const text = readFileSync(join(__dirname, '..', '..', 'sam-tests', name), 'utf8');
    return JSON.parse(text.split(PLACEHOLDER_ARN).join(userArn)) as Event;
}

function withoutPassword(model: Record<string, unknown>) {
    const { Password: _password, ...rest } = model;
    return rest;
}

describe('sam-tests events through the Lambda endpoint, in order, against the emulator', () => {
    let endpoint: LambdaEndpoint;
    let userArn: string;
    const invoke = async (event: unknown) => {
        const { status, body } = await invokeHttp(
            endpoint.url,
            'TestEntrypoint',
            event
        );
        expect(status).toBe(200);
        return body as {
            status?: string;
            errorCode?: string;
            message?: string;
            callbackContext?: Record<string, unknown>;
            resourceModel?: Record<string, unknown>;
            resourceModels?: Array<Record<string, unknown>>;
        };
    };

    beforeAll(async () => {
        endpoint = await startLambdaEndpoint({ port: 0, log: () => undefined });
    });
    afterAll(() => endpoint.close());

    it('every event is in the cfn test form, each for its own action', () => {
        for (const action of ['create', 'read', 'update', 'delete', 'list']) {
            const event = samEvent(`${action}.json`);
            expect(event.action).toBe(action.toUpperCase());
            expect(Object.keys(event).sort()).toEqual([
                'action',
                'callbackContext',
                'credentials',
                'request',
            ]);
            expect(event.callbackContext).toBeNull();
        }
    });

    it('read.json as shipped names no user: NotFound', async () => {
        const response = await invoke(samEvent('read.json'));
        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
    });

    it('create.json: IN_PROGRESS with the new ARN, then SUCCESS on the callback', async () => {
        const event = samEvent('create.json');
        const first = await invoke(event);
        expect(first.status).toBe('IN_PROGRESS');
        expect(first.resourceModel?.UserArn).toMatch(
            /:instance\/11111111-.*\/agent\/.+/
        );
        expect(first.resourceModel).not.toHaveProperty('Password');

        const second = await invoke({
            ...event,
            request: { ...event.request, desiredResourceState: first.resourceModel },
            callbackContext: first.callbackContext,
        });
        expect(second.status).toBe('SUCCESS');
        userArn = String(second.resourceModel?.UserArn);
        expect(userArn).toBe(first.resourceModel?.UserArn);
        expect(
            mismatches(
                withoutPassword(event.request.desiredResourceState),
                second.resourceModel
            )
        ).toEqual([]);
        expect(second.resourceModel).not.toHaveProperty('Password');
    });

    it('read.json with the created ARN: the user as created', async () => {
        const created = samEvent('create.json').request.desiredResourceState;
        const response = await invoke(samEvent('read.json', userArn));
        expect(response.status).toBe('SUCCESS');
        expect(
            mismatches(
                { ...withoutPassword(created), UserArn: userArn },
                response.resourceModel
            )
        ).toEqual([]);
    });

    it('update.json: SUCCESS with the updated user, as Connect now holds it', async () => {
        const event = samEvent('update.json', userArn);
        const response = await invoke(event);
        expect(response.status).toBe('SUCCESS');
        expect(
            mismatches(event.request.desiredResourceState, response.resourceModel)
        ).toEqual([]);
        const user = endpoint.emulator
            ?.snapshot()
            .instances[0].users.find((candidate) =>
                userArn.endsWith(`/agent/${candidate.id}`)
            );
        expect(user?.securityProfileIds).toHaveLength(2);
    });

    it('list.json: the user is listed', async () => {
        const response = await invoke(samEvent('list.json'));
        expect(response.status).toBe('SUCCESS');
        expect(response.resourceModels?.map((model) => model.UserArn)).toContain(
            userArn
        );
    });

    it('delete.json: SUCCESS, and a read afterwards is NotFound', async () => {
        const deleted = await invoke(samEvent('delete.json', userArn));
        expect(deleted.status).toBe('SUCCESS');

        const read = await invoke(samEvent('read.json', userArn));
        expect(read).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
        expect(endpoint.emulator?.snapshot().instances[0].users).toEqual([]);
    });
});

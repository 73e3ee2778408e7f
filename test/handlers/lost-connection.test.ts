import { createServer, type Server } from 'node:net';
import { handlerEvent, userModel } from '../fixtures/events';
import { USER_ARN } from '../fixtures/ids';
import { invoke } from '../fixtures/invoke';

/**
 * A connection to Connect that is lost on every attempt: the SDK retries, then
 * gives up, and the answer is NetworkFailure (which CloudFormation retries),
 * not GeneralServiceException. The stand-in for Connect accepts each
 * connection on 127.0.0.1 and drops it before answering.
 */

let server: Server;
let accepted = 0;
let endpoint: string | undefined;

beforeAll(async () => {
    server = createServer((socket) => {
        accepted += 1;
        socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    endpoint = process.env.AWS_ENDPOINT_URL_CONNECT;
    process.env.AWS_ENDPOINT_URL_CONNECT = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
    process.env.AWS_ENDPOINT_URL_CONNECT = endpoint;
    await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
    accepted = 0;
});

it.each([
    ['READ', { UserArn: USER_ARN }],
    ['DELETE', { UserArn: USER_ARN }],
    ['CREATE', userModel()],
] as const)(
    '%s answers NetworkFailure once the SDK has retried a lost connection',
    async (action, model) => {
        const response = await invoke(handlerEvent(action, model));

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'NetworkFailure',
        });
        expect(response.message).toContain('Amazon Connect could not be reached');
        // the SDK tried more than once before the answer
        expect(accepted).toBeGreaterThan(1);
    },
    30_000
);

it('answers NetworkFailure when Connect refuses every connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    process.env.AWS_ENDPOINT_URL_CONNECT = `http://127.0.0.1:${port}`;

    const response = await invoke(handlerEvent('READ', { UserArn: USER_ARN }));

    expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NetworkFailure' });
}, 30_000);

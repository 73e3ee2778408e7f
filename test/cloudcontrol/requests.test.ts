import { markerValue } from '../../src/translate';
import {
    CancelResourceRequestCommand,
    CreateResourceCommand,
    DeleteResourceCommand,
    GetResourceRequestStatusCommand,
    ListResourceRequestsCommand,
    type ProgressEvent,
    UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import {
    createUser,
    desiredUser,
    type Harness,
    PASSWORD,
    rejection,
    settled,
    startHarness,
    TYPE_NAME,
} from './harness';

let harness: Harness;

beforeAll(async () => {
    // One request driven at a time, so that a second one waits as PENDING.
    harness = await startHarness({ maxConcurrent: 1 });
});
afterAll(() => harness.close());
beforeEach(() => {
    harness.emulator.clearFaults();
    harness.emulator.reset();
    harness.emulator.resetCalls();
});
afterEach(() => {
    expect(harness.texts.filter((text) => text.includes(PASSWORD))).toEqual([]);
});

const callsOf = (operation: string) =>
    harness.emulator.calls().filter((call) => call.operation === operation);
const users = () => harness.emulator.snapshot().instances[0].users;

const startCreate = async (desired: Record<string, unknown>, clientToken?: string) =>
    (
        await harness.client.send(
            new CreateResourceCommand({
                TypeName: TYPE_NAME,
                DesiredState: JSON.stringify(desired),
                ClientToken: clientToken,
            })
        )
    ).ProgressEvent as ProgressEvent;

const status = async (token: string | undefined) =>
    (
        await harness.client.send(
            new GetResourceRequestStatusCommand({ RequestToken: token })
        )
    ).ProgressEvent as ProgressEvent;

/** Holds the next calls of an operation for a while, so that a request stays IN_PROGRESS. */
const hold = (operation: string, latencyMs = 400) =>
    harness.emulator.injectFault({ operation, count: 1, kind: 'latency', latencyMs });

describe('GetResourceRequestStatus and ListResourceRequests', () => {
    it('answers an unknown request token with RequestTokenNotFoundException', async () => {
        const error = await rejection(status('00000000-0000-4000-8000-000000000000'));
        expect(error.name).toBe('RequestTokenNotFoundException');
    });

    it('lists requests newest first, filtered by operation and status, in pages, without models', async () => {
        const ok = await createUser(harness.client, desiredUser('cc-list'));
        const failed = await createUser(
            harness.client,
            desiredUser('cc-list', { Password: 'Other1Password' })
        );
        const removed = await settled(
            harness.client,
            (
                await harness.client.send(
                    new DeleteResourceCommand({
                        TypeName: TYPE_NAME,
                        Identifier: ok.Identifier,
                    })
                )
            ).ProgressEvent?.RequestToken
        );

        const filtered = await harness.client.send(
            new ListResourceRequestsCommand({
                ResourceRequestStatusFilter: {
                    Operations: ['CREATE'],
                    OperationStatuses: ['FAILED'],
                },
            })
        );
        expect(
            filtered.ResourceRequestStatusSummaries?.map((s) => s.RequestToken)
        ).toContain(failed.RequestToken);
        for (const summary of filtered.ResourceRequestStatusSummaries ?? []) {
            expect(summary).toMatchObject({
                Operation: 'CREATE',
                OperationStatus: 'FAILED',
            });
        }

        const tokens: string[] = [];
        let nextToken: string | undefined;
        for (let page = 0; page < 100; page += 1) {
            const answer = await harness.client.send(
                new ListResourceRequestsCommand({ MaxResults: 1, NextToken: nextToken })
            );
            expect(answer.ResourceRequestStatusSummaries?.length).toBeLessThanOrEqual(
                1
            );
            for (const summary of answer.ResourceRequestStatusSummaries ?? []) {
                expect(summary.ResourceModel).toBeUndefined();
                tokens.push(String(summary.RequestToken));
            }
            nextToken = answer.NextToken;
            if (!nextToken) break;
        }
        expect(tokens.slice(0, 3)).toEqual([
            removed.RequestToken,
            failed.RequestToken,
            ok.RequestToken,
        ]);
        expect(new Set(tokens).size).toBe(tokens.length);
    });
});

describe('ClientToken', () => {
    it('answers a repeat with the same request, running or done, and runs it once', async () => {
        hold('CreateUser');
        const desired = desiredUser('cc-idempotent');
        const first = await startCreate(desired, 'token-1');
        const repeat = await startCreate(desired, 'token-1');
        expect(repeat.RequestToken).toBe(first.RequestToken);
        const final = await settled(harness.client, first.RequestToken);
        expect(final.OperationStatus).toBe('SUCCESS');
        const after = await startCreate(desired, 'token-1');
        expect(after).toMatchObject({
            RequestToken: first.RequestToken,
            OperationStatus: 'SUCCESS',
        });
        expect(callsOf('CreateUser')).toHaveLength(1);
        expect(users()).toHaveLength(1);
    });

    it('refuses the same token for a different request with ClientTokenConflictException', async () => {
        const created = await createUser(
            harness.client,
            desiredUser('cc-token'),
            'token-2'
        );
        const changed = await rejection(
            startCreate(desiredUser('cc-token', { Tags: [] }), 'token-2')
        );
        expect(changed.name).toBe('ClientTokenConflictException');
        const deleting = await rejection(
            harness.client.send(
                new DeleteResourceCommand({
                    TypeName: TYPE_NAME,
                    Identifier: created.Identifier,
                    ClientToken: 'token-2',
                })
            )
        );
        expect(deleting.name).toBe('ClientTokenConflictException');
    });
});

describe('a resource with a request in progress', () => {
    it('refuses another mutating request with ConcurrentOperationException naming the running request', async () => {
        const created = await createUser(harness.client, desiredUser('cc-busy'));
        hold('TagResource');
        const running = (
            await harness.client.send(
                new UpdateResourceCommand({
                    TypeName: TYPE_NAME,
                    Identifier: created.Identifier,
                    PatchDocument: JSON.stringify([
                        {
                            op: 'add',
                            path: '/Tags/-',
                            value: { Key: 'tier', Value: 'gold' },
                        },
                    ]),
                })
            )
        ).ProgressEvent as ProgressEvent;
        for (const command of [
            new UpdateResourceCommand({
                TypeName: TYPE_NAME,
                Identifier: created.Identifier,
                PatchDocument: '[]',
            }),
            new DeleteResourceCommand({
                TypeName: TYPE_NAME,
                Identifier: created.Identifier,
            }),
        ]) {
            const error = await rejection(harness.client.send(command as never));
            expect(error.name).toBe('ConcurrentOperationException');
            expect(error.message).toContain(`RequestToken ${running.RequestToken} `);
            expect(error.message).toContain(String(created.Identifier));
        }
        expect(
            (await settled(harness.client, running.RequestToken)).OperationStatus
        ).toBe('SUCCESS');
        const next = await harness.client.send(
            new DeleteResourceCommand({
                TypeName: TYPE_NAME,
                Identifier: created.Identifier,
            })
        );
        expect(
            (await settled(harness.client, next.ProgressEvent?.RequestToken))
                .OperationStatus
        ).toBe('SUCCESS');
    });
});

describe('CancelResourceRequest', () => {
    it('stops a request IN_PROGRESS after its current invocation, rolls nothing back, and keeps the Identifier', async () => {
        hold('CreateUser');
        const started = await startCreate(desiredUser('cc-cancel'));
        const cancelled = await harness.client.send(
            new CancelResourceRequestCommand({ RequestToken: started.RequestToken })
        );
        expect(cancelled.ProgressEvent?.OperationStatus).toBe('CANCEL_IN_PROGRESS');
        const final = await settled(harness.client, started.RequestToken);
        const [user] = users();
        expect(final).toMatchObject({
            OperationStatus: 'CANCEL_COMPLETE',
            Identifier: expect.stringContaining(user.id),
        });
        // The create's later steps never ran: the marker is still there, no proficiencies.
        expect(callsOf('UntagResource')).toEqual([]);
        expect(callsOf('AssociateUserProficiencies')).toEqual([]);
        expect(Object.keys(user.tags)).toContain(
            'cloudformation-provider:create-request'
        );

        const again = await harness.client.send(
            new CancelResourceRequestCommand({ RequestToken: started.RequestToken })
        );
        expect(again.ProgressEvent?.OperationStatus).toBe('CANCEL_COMPLETE');
    });

    it('cancels a PENDING request at once: its handler never runs', async () => {
        hold('CreateUser');
        const first = await startCreate(desiredUser('cc-first'));
        const second = await startCreate(desiredUser('cc-second'));
        expect(second.OperationStatus).toBe('PENDING');
        const cancelled = await harness.client.send(
            new CancelResourceRequestCommand({ RequestToken: second.RequestToken })
        );
        expect(cancelled.ProgressEvent?.OperationStatus).toBe('CANCEL_COMPLETE');
        expect(
            (await settled(harness.client, first.RequestToken)).OperationStatus
        ).toBe('SUCCESS');
        expect(users().map((user) => user.username)).toEqual(['cc-first']);
    });

    it('cannot cancel a finished request, nor one that does not exist', async () => {
        const done = await createUser(harness.client, desiredUser('cc-done'));
        const finished = await rejection(
            harness.client.send(
                new CancelResourceRequestCommand({ RequestToken: done.RequestToken })
            )
        );
        expect(finished.name).toBe('ConcurrentModificationException');
        expect(finished.message).toMatch(/already finished \(SUCCESS\)/);
        const unknown = await rejection(
            harness.client.send(
                new CancelResourceRequestCommand({
                    RequestToken: '00000000-0000-4000-8000-000000000000',
                })
            )
        );
        expect(unknown.name).toBe('RequestTokenNotFoundException');
    });
});

describe('failures on the way', () => {
    it('invokes the handler again, with the same token, after a retriable failure: Connect failing with 500s', async () => {
        // More 500s than the handler's SDK retries: the invocation fails as ServiceInternalError.
        harness.emulator.injectFault({
            operation: 'CreateUser',
            count: 5,
            kind: 'error500',
        });
        const final = await createUser(harness.client, desiredUser('cc-retried'));
        expect(final.OperationStatus).toBe('SUCCESS');
        expect(callsOf('CreateUser').map((call) => call.status)).toEqual([
            500, 500, 500, 500, 500, 200,
        ]);
        expect(users()).toHaveLength(1);
    });

    it('adopts its own user when the answer to CreateUser was lost: the bearer token is the request token on every attempt', async () => {
        harness.emulator.injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'lose-answer',
        });
        const final = await createUser(harness.client, desiredUser('cc-lost'));
        expect(final.OperationStatus).toBe('SUCCESS');
        const [user] = users();
        expect(final.Identifier).toContain(user.id);
        expect(user.tags).toEqual({ team: 'blue' });
        expect(callsOf('CreateUser')[0].params.Tags).toMatchObject({
            'cloudformation-provider:create-request': markerValue(
                String(final.RequestToken)
            ),
        });
    });
});

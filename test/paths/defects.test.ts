import { randomUUID } from 'node:crypto';
import { SEED_INSTANCES } from '../../emulator/seed';
import type { ResourceProperties } from '../../src/properties';
import { CREATE_REQUEST_TAG, markerValue } from '../../src/translate';
import { useEmulator } from '../fixtures/emulator';
import { directoryUser, managedUser, mutatingCallsOf, storedUsers } from './users';
import { handlerEvent } from '../fixtures/events';
import { capturingLogs, invoke } from '../fixtures/invoke';
import { drive, last } from '../property/harness';

/**
 * The paths stacks and Cloud Control really take, through the wire-format
 * entrypoint against the emulator: replacement, rollback, lost answers,
 * partial templates. Each case failed before the fix it names.
 */

const { managed, directory } = SEED_INSTANCES;
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/contact-centre/1';
const SYSTEM_TAGS = {
    'aws:cloudformation:stack-name': 'contact-centre',
    'aws:cloudformation:stack-id': STACK_ID,
    'aws:cloudformation:logical-id': 'AgentUser',
};

const emulator = useEmulator();

async function created(
    model: ResourceProperties,
    options: Parameters<typeof drive>[2] = {}
): Promise<ResourceProperties> {
    const response = last(await drive('CREATE', model, options));
    expect(response).toMatchObject({ status: 'SUCCESS' });
    return { ...model, ...response.resourceModel } as ResourceProperties;
}

const stored = () => storedUsers(emulator());
const mutations = () => mutatingCallsOf(emulator());
const operations = () =>
    emulator()
        .calls()
        .map((call) => call.operation);

describe('a replacement or a retained user added back is never adopted', () => {
    it('refuses the replacement of a directory user that keeps its Username, and leaves the old user alone', async () => {
        const old = await created(directoryUser(), { systemTags: SYSTEM_TAGS });
        const before = JSON.stringify(stored());
        emulator().resetCalls();
        // CloudFormation creates the replacement first, same stack and logical ID.
        const replacement = last(
            await drive(
                'CREATE',
                directoryUser({
                    DirectoryUserId: directory.directoryUserIds[1],
                    RoutingProfileArn: directory.routingProfileArns[1],
                }),
                { systemTags: SYSTEM_TAGS }
            )
        );

        expect(replacement).toMatchObject({
            status: 'FAILED',
            errorCode: 'AlreadyExists',
        });
        expect(replacement.message).toContain("'mmajor' already exists");
        expect(replacement.resourceModel?.UserArn).toBeUndefined();
        expect(JSON.stringify(stored())).toBe(before);
        // The first CreateUser is refused for its aws: tags, as Connect's key rule says.
        expect(mutations().map((call) => [call.operation, call.error])).toEqual([
            ['CreateUser', 'InvalidParameterException'],
            ['CreateUser', 'DuplicateResourceException'],
        ]);
        expect(old.UserArn).toBeDefined();
    });

    it('refuses a user retained by DeletionPolicy and added back to the same stack', async () => {
        await created(managedUser(), { systemTags: SYSTEM_TAGS });
        const before = JSON.stringify(stored());
        const addedBack = last(
            await drive(
                'CREATE',
                managedUser({ RoutingProfileArn: managed.routingProfileArns[2] }),
                {
                    systemTags: SYSTEM_TAGS,
                }
            )
        );

        expect(addedBack).toMatchObject({
            status: 'FAILED',
            errorCode: 'AlreadyExists',
        });
        expect(JSON.stringify(stored())).toBe(before);
    });
});

/**
 * CreateUser's first attempt creates the user and its answer is lost; the SDK's
 * four retries meet server errors, so CreateUser ends ServiceInternalError.
 */
function createdThenServerErrors(): void {
    emulator().injectFault({ operation: 'CreateUser', count: 1, kind: 'lose-answer' });
    emulator().injectFault({ operation: 'CreateUser', count: 4, kind: 'error500' });
}

describe('a lost CreateUser answer', () => {
    it('is adopted under Cloud Control, which sends no system or stack tags, and the marker goes', async () => {
        emulator().injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'lose-answer',
        });
        const responses = await drive('CREATE', managedUser());

        expect(last(responses)).toMatchObject({ status: 'SUCCESS' });
        const users = stored();
        expect(users).toHaveLength(1);
        expect(last(responses).resourceModel?.UserArn).toContain(users[0].id);
        expect(users[0].tags).toEqual({});
        expect(
            emulator()
                .calls()
                .filter((call) => call.operation === 'CreateUser')
                .map((call) => call.error ?? call.fault ?? 'ok')
        ).toEqual(['lose-answer', 'DuplicateResourceException']);
    });

    it("is adopted at once when the SDK's last retry of CreateUser fails, so the first answer holds the ARN", async () => {
        createdThenServerErrors();
        const token = randomUUID();
        const first = await invoke(
            handlerEvent('CREATE', managedUser(), { clientRequestToken: token })
        );

        expect(first.status).toBe('IN_PROGRESS');
        expect(first.resourceModel?.UserArn).toContain(stored()[0].id);
        const rest = await drive('CREATE', first.resourceModel ?? {}, {
            clientRequestToken: token,
            callbackContext: first.callbackContext,
        });
        expect(last(rest)).toMatchObject({ status: 'SUCCESS' });
        expect(stored()).toHaveLength(1);
        expect(stored()[0].tags).toEqual({});
    });

    it('fails naming the marker when the look for the user fails too, and a retry of the operation takes the user over', async () => {
        createdThenServerErrors();
        emulator().injectFault({
            operation: 'SearchUsers',
            count: 5,
            kind: 'error500',
        });
        const token = randomUUID();
        const failed = await invoke(
            handlerEvent('CREATE', managedUser(), { clientRequestToken: token })
        );

        expect(failed).toMatchObject({
            status: 'FAILED',
            errorCode: 'ServiceInternalError',
        });
        expect(failed.message).toContain(`${CREATE_REQUEST_TAG}=${markerValue(token)}`);
        expect(failed.message).not.toContain(token);
        expect(failed.message).toContain("'jdoe'");
        expect(stored()).toHaveLength(1);

        const retried = await drive('CREATE', managedUser(), {
            clientRequestToken: token,
        });
        expect(last(retried)).toMatchObject({ status: 'SUCCESS' });
        expect(last(retried).resourceModel?.UserArn).toContain(stored()[0].id);
        expect(stored()).toHaveLength(1);
    });

    it("fails with CreateUser's own error when the look finds that nothing was created", async () => {
        const response = await invoke(
            handlerEvent('CREATE', managedUser({ Username: 'jdoe' }), {
                clientRequestToken: randomUUID(),
            })
        );
        expect(response.status).toBe('IN_PROGRESS');
        emulator().resetCalls();
        emulator().injectFault({ operation: 'CreateUser', count: 5, kind: 'error500' });
        const second = await invoke(
            handlerEvent('CREATE', managedUser({ Username: 'asmith' }), {
                clientRequestToken: randomUUID(),
            })
        );

        expect(second).toMatchObject({
            status: 'FAILED',
            errorCode: 'ServiceInternalError',
        });
        expect(second.message).not.toContain(CREATE_REQUEST_TAG);
        expect(stored().map((user) => user.username)).toEqual(['jdoe']);
        expect(operations()).toEqual([
            ...Array<string>(5).fill('CreateUser'),
            'SearchUsers',
        ]);
    });

    describe('with the backoff at no jitter', () => {
        beforeEach(() => {
            // The SDK's backoff is Math.random() times its ceiling: no sleeps.
            jest.spyOn(Math, 'random').mockReturnValue(0);
        });
        afterEach(() => {
            jest.restoreAllMocks();
        });

        it('fails Throttling without a look when Connect throttled every attempt, which created nothing', async () => {
            emulator().injectFault({
                operation: 'CreateUser',
                count: 5,
                kind: 'throttle',
            });
            const response = await invoke(
                handlerEvent('CREATE', managedUser(), {
                    clientRequestToken: randomUUID(),
                })
            );

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'Throttling',
            });
            expect(stored()).toEqual([]);
            expect(operations()).toEqual(Array<string>(5).fill('CreateUser'));
        });

        it('looks, and adopts the user, when an attempt before the throttled ones lost its answer', async () => {
            emulator().injectFault({
                operation: 'CreateUser',
                count: 1,
                kind: 'lose-answer',
            });
            emulator().injectFault({
                operation: 'CreateUser',
                count: 4,
                kind: 'throttle',
            });
            const response = await invoke(
                handlerEvent('CREATE', managedUser(), {
                    clientRequestToken: randomUUID(),
                })
            );

            expect(response.status).toBe('IN_PROGRESS');
            expect(stored()).toHaveLength(1);
            expect(response.resourceModel?.UserArn).toContain(stored()[0].id);
            expect(operations()).toEqual([
                ...Array<string>(5).fill('CreateUser'),
                'SearchUsers',
            ]);
        });
    });

    it('carries the marker until CloudFormation holds the ARN', async () => {
        const token = randomUUID();
        const first = await invoke(
            handlerEvent('CREATE', managedUser(), { clientRequestToken: token })
        );

        expect(first.status).toBe('IN_PROGRESS');
        expect(stored()[0].tags).toEqual({ [CREATE_REQUEST_TAG]: markerValue(token) });
        expect(first.resourceModel).not.toHaveProperty('Tags');
    });
});

describe('system tags on CreateUser', () => {
    it('creates without the aws: keys when Connect refuses them, and says so in the log', async () => {
        const { result, logs } = await capturingLogs(() =>
            drive(
                'CREATE',
                managedUser({ Tags: [{ Key: 'team', Value: 'billing' }] }),
                {
                    systemTags: SYSTEM_TAGS,
                }
            )
        );

        expect(last(result)).toMatchObject({ status: 'SUCCESS' });
        expect(stored()[0].tags).toEqual({ team: 'billing' });
        expect(logs).toContain('refused CreateUser with the aws: system tags');
        const creates = emulator()
            .calls()
            .filter((call) => call.operation === 'CreateUser');
        expect(creates.map((call) => call.error ?? 'ok')).toEqual([
            'InvalidParameterException',
            'ok',
        ]);
    });

    it('sends them inline when Connect accepts them', async () => {
        emulator().setAcceptSystemTags(true);
        await created(managedUser(), { systemTags: SYSTEM_TAGS });

        expect(stored()[0].tags).toEqual(SYSTEM_TAGS);
        expect(
            emulator()
                .calls()
                .filter((call) => call.operation === 'CreateUser')
        ).toHaveLength(1);
    });

    it('still reports a CreateUser refused for another reason', async () => {
        const response = last(
            await drive('CREATE', managedUser({ Password: 'weakpassword' }), {
                systemTags: SYSTEM_TAGS,
            })
        );

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
        });
        expect(stored()).toEqual([]);
    });
});

describe('a template without IdentityInfo', () => {
    it("leaves a directory user's names alone on a tag-only update", async () => {
        const model = await created(directoryUser());
        const names = stored()[0].identityInfo;
        expect(names?.FirstName).toBeTruthy();
        emulator().resetCalls();
        const desired = { ...model, Tags: [{ Key: 'team', Value: 'billing' }] };
        delete desired.IdentityInfo;
        const response = last(
            await drive('UPDATE', desired, {
                previous: { ...model, IdentityInfo: undefined },
            })
        );

        expect(response).toMatchObject({ status: 'SUCCESS' });
        expect(mutations().map((call) => call.operation)).toEqual(['TagResource']);
        expect(stored()[0].identityInfo).toEqual(names);
    });
});

describe('a reference that does not exist is the template error, not a missing user', () => {
    const missing = (kind: string) =>
        `${managed.arn}/${kind}/a9999999-0000-4000-8000-000000000009`;

    it.each<[string, Partial<ResourceProperties>]>([
        ['RoutingProfileArn', { RoutingProfileArn: missing('routing-profile') }],
        ['SecurityProfileArns', { SecurityProfileArns: [missing('security-profile')] }],
        ['HierarchyGroupArn', { HierarchyGroupArn: missing('agent-group') }],
        [
            'UserProficiencies',
            {
                UserProficiencies: [
                    { AttributeName: 'Nonexistent', AttributeValue: 'x', Level: 3 },
                ],
            },
        ],
    ])(
        'UPDATE to a missing %s is InvalidRequest naming it',
        async (property, change) => {
            const model = await created(managedUser());
            const before = JSON.stringify(stored());
            const response = last(
                await drive('UPDATE', { ...model, ...change }, { previous: model })
            );

            expect(response).toMatchObject({
                status: 'FAILED',
                errorCode: 'InvalidRequest',
            });
            expect(response.message).toContain(property);
            expect(JSON.stringify(stored())).toBe(before);
        }
    );

    it('CREATE with a missing routing profile is InvalidRequest naming the references', async () => {
        const response = last(
            await drive(
                'CREATE',
                managedUser({ RoutingProfileArn: missing('routing-profile') })
            )
        );

        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
        });
        expect(response.message).toContain('RoutingProfileArn');
        expect(stored()).toEqual([]);
    });

    it('a user deleted behind the stack is still NotFound', async () => {
        const model = await created(managedUser());
        await drive('DELETE', model);
        const response = last(
            await drive(
                'UPDATE',
                { ...model, RoutingProfileArn: managed.routingProfileArns[1] },
                { previous: model }
            )
        );

        expect(response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
    });
});

describe('a password change', () => {
    it('is not applied and says so, and the rollback CloudFormation sends succeeds too', async () => {
        const model = await created(managedUser(), { systemTags: SYSTEM_TAGS });
        emulator().resetCalls();
        const changed = { ...model, Password: 'N3wPassword99' };
        const forward = last(
            await drive('UPDATE', changed, { previous: model, systemTags: SYSTEM_TAGS })
        );

        expect(forward).toMatchObject({ status: 'SUCCESS' });
        expect(forward.message).toContain('Password was not changed');
        expect(JSON.stringify(forward)).not.toContain('N3wPassword99');
        expect(mutations()).toEqual([]);
        // The rollback: the old model desired, the new one previous.
        const rollback = last(
            await drive('UPDATE', model, { previous: changed, systemTags: SYSTEM_TAGS })
        );
        expect(rollback).toMatchObject({ status: 'SUCCESS' });
        expect(mutations()).toEqual([]);
    });

    it('goes with the rest of an update, which is applied', async () => {
        const model = await created(managedUser());
        emulator().resetCalls();
        const response = last(
            await drive(
                'UPDATE',
                {
                    ...model,
                    Password: 'N3wPassword99',
                    RoutingProfileArn: managed.routingProfileArns[1],
                },
                { previous: model }
            )
        );

        expect(response).toMatchObject({ status: 'SUCCESS' });
        expect(response.message).toContain('Password was not changed');
        expect(mutations().map((call) => call.operation)).toEqual([
            'UpdateUserRoutingProfile',
        ]);
    });

    it('with a new Username is a replacement: a new user, and the clean-up deletes the old one', async () => {
        const old = await created(managedUser(), { systemTags: SYSTEM_TAGS });
        const replacement = await created(
            managedUser({ Username: 'jdoe2', Password: 'N3wPassword99' }),
            { systemTags: SYSTEM_TAGS }
        );
        const cleanup = last(await drive('DELETE', old));

        expect(cleanup).toMatchObject({ status: 'SUCCESS' });
        expect(stored().map((user) => user.username)).toEqual(['jdoe2']);
        expect(replacement.UserArn).not.toBe(old.UserArn);
    });
});

/** An UPDATE to these proficiencies, driven to its end: it succeeds with exactly them. */
async function expectUpdatedProficiencies(
    model: ResourceProperties,
    wanted: ResourceProperties['UserProficiencies']
): Promise<void> {
    const response = last(
        await drive(
            'UPDATE',
            { ...model, UserProficiencies: wanted },
            { previous: model }
        )
    );
    expect(response).toMatchObject({ status: 'SUCCESS' });
    expect(response.resourceModel?.UserProficiencies).toEqual(wanted);
}

describe('a proficiency call whose answer was lost', () => {
    it.each([
        'AssociateUserProficiencies',
        'DisassociateUserProficiencies',
        'UpdateUserProficiencies',
    ])('UPDATE converges when the SDK repeats %s', async (operation) => {
        const model = await created(
            managedUser({
                UserProficiencies: [
                    { AttributeName: 'Language', AttributeValue: 'English', Level: 2 },
                    { AttributeName: 'Skill', AttributeValue: 'Billing', Level: 3 },
                ],
            })
        );
        const wanted = [
            { AttributeName: 'Language', AttributeValue: 'English', Level: 5 },
            { AttributeName: 'Language', AttributeValue: 'French', Level: 1 },
        ];
        emulator().injectFault({ operation, count: 1, kind: 'lose-answer' });
        await expectUpdatedProficiencies(model, wanted);

        expect(
            emulator()
                .calls()
                .filter((call) => call.fault === 'lose-answer')
        ).toHaveLength(1);
    });

    it('UPDATE converges when the answer of the re-planned call is lost as well', async () => {
        const model = await created(
            managedUser({
                UserProficiencies: [
                    { AttributeName: 'Skill', AttributeValue: 'Billing', Level: 3 },
                ],
            })
        );
        const wanted = [
            { AttributeName: 'Language', AttributeValue: 'German', Level: 2 },
        ];
        // The removal's retry is refused (already gone), so the rest is re-planned;
        // then the re-planned addition's answer is lost and its retry is refused.
        emulator().injectFault({
            operation: 'DisassociateUserProficiencies',
            count: 1,
            kind: 'lose-answer',
        });
        emulator().injectFault({
            operation: 'AssociateUserProficiencies',
            count: 1,
            kind: 'lose-answer',
        });
        await expectUpdatedProficiencies(model, wanted);

        expect(
            emulator()
                .calls()
                .filter((call) => call.fault === 'lose-answer')
                .map((call) => call.operation)
        ).toEqual(['DisassociateUserProficiencies', 'AssociateUserProficiencies']);
    });
});

describe('READ reports tags as CREATE and UPDATE do', () => {
    it('shows every tag the user holds, the stack-only ones among them', async () => {
        const stackTags = { env: 'prod', team: 'billing' };
        const model = managedUser({
            Tags: [
                { Key: 'team', Value: 'billing' },
                { Key: 'app', Value: 'crm' },
            ],
        });
        const create = last(await drive('CREATE', model, { stackTags }));
        const read = last(
            await drive('READ', create.resourceModel ?? {}, { stackTags })
        );
        const update = last(
            await drive(
                'UPDATE',
                { ...model, UserArn: create.resourceModel?.UserArn },
                {
                    previous: model,
                    stackTags,
                    previousStackTags: stackTags,
                }
            )
        );

        const expected = [
            { Key: 'app', Value: 'crm' },
            { Key: 'env', Value: 'prod' },
            { Key: 'team', Value: 'billing' },
        ];
        expect(create.resourceModel?.Tags).toEqual(expected);
        expect(read.resourceModel?.Tags).toEqual(expected);
        expect(update.resourceModel?.Tags).toEqual(expected);
    });
});

describe('READ round-trips into a no-op UPDATE', () => {
    it.each([
        ['as set', false],
        ['both PhoneConfig and the per-channel lists', true],
    ])('when Connect describes the user %s', async (_case, both) => {
        emulator().setDescribeBoth(both);
        const model = await created(
            managedUser({
                PhoneConfig: {
                    PhoneType: 'SOFT_PHONE',
                    AutoAccept: true,
                    AfterContactWorkTimeLimit: 20,
                },
                AutoAcceptConfigs: undefined,
            })
        );
        const read = last(await drive('READ', { UserArn: model.UserArn }));
        expect(read.status).toBe('SUCCESS');
        emulator().resetCalls();
        const state = read.resourceModel as ResourceProperties;
        const response = last(await drive('UPDATE', state, { previous: state }));

        expect(response).toMatchObject({ status: 'SUCCESS' });
        expect(mutations()).toEqual([]);
    });

    it('a template that sets only PhoneType sends no UpdateUserPhoneConfig because Connect filled in the rest', async () => {
        emulator().setDescribeBoth(true);
        const model = await created(
            managedUser({ PhoneConfig: { PhoneType: 'SOFT_PHONE' } })
        );
        emulator().resetCalls();
        const response = last(
            await drive(
                'UPDATE',
                { ...model, Tags: [{ Key: 'a', Value: 'b' }] },
                { previous: model }
            )
        );

        expect(response).toMatchObject({ status: 'SUCCESS' });
        expect(mutations().map((call) => call.operation)).toEqual(['TagResource']);
    });
});

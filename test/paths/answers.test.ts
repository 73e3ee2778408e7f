import { randomUUID } from 'node:crypto';
import { SEED_INSTANCES } from '../../emulator/seed';
import type { ResourceProperties } from '../../src/properties';
import { CREATE_REQUEST_TAG, markerValue } from '../../src/translate';
import { useEmulator } from '../fixtures/emulator';
import { directoryUser, managedUser, mutatingCallsOf, storedUsers } from './users';
import { handlerEvent } from '../fixtures/events';
import { invoke } from '../fixtures/invoke';
import { addUsersDirectly } from '../contract/support';
import type { Model } from '../property/harness';
import { comparable, drive, last } from '../property/harness';

/**
 * What the handler answers, through the wire-format entrypoint against the
 * emulator: the identifier's scope, both views of the per-channel settings,
 * every tag the user holds, the marker, and the look for a create's own user.
 * Each case failed before the change that made it pass.
 */

const { managed } = SEED_INSTANCES;

const emulator = useEmulator();

const acw = (Channel: 'VOICE' | 'CHAT' | 'TASK' | 'EMAIL', limit: number) => ({
    Channel,
    AfterContactWorkConfig: { AfterContactWorkTimeLimit: limit },
});

async function created(
    model: ResourceProperties,
    options: Parameters<typeof drive>[2] = {}
): Promise<ResourceProperties> {
    const response = last(await drive('CREATE', model, options));
    expect(response).toMatchObject({ status: 'SUCCESS' });
    return response.resourceModel as ResourceProperties;
}

const read = async (userArn: string | undefined, options = {}) =>
    invoke(handlerEvent('READ', { UserArn: userArn }, options));
const stored = () => storedUsers(emulator());
const mutations = () => mutatingCallsOf(emulator());

/** The same template again, as CloudFormation sends it, changes nothing in Connect. */
async function expectNoOpUpdate(
    template: ResourceProperties,
    answer: ResourceProperties
) {
    emulator().resetCalls();
    const identified = { ...template, UserArn: answer.UserArn };
    const update = last(await drive('UPDATE', identified, { previous: identified }));
    expect(update).toMatchObject({ status: 'SUCCESS' });
    expect(mutations()).toEqual([]);
}

/** Whether every property of the request comes back with the value it was given. */
function expectEchoed(request: ResourceProperties, answer: ResourceProperties) {
    const { Password: _password, Tags: _tags, ...rest } = request;
    const echoed = Object.fromEntries(
        Object.keys(rest).map((key) => [key, answer[key as keyof ResourceProperties]])
    );
    expect(comparable(echoed)).toEqual(comparable(rest));
}

describe('an identifier of another partition, region or account names no user here', () => {
    const elsewhere: Array<[string, (arn: string) => string]> = [
        ['account', (arn) => arn.replace(':123456789012:', ':210987654321:')],
        ['region', (arn) => arn.replace(':us-east-1:', ':us-west-2:')],
        ['partition', (arn) => arn.replace('arn:aws:', 'arn:aws-us-gov:')],
    ];

    it.each(elsewhere)(
        'another %s with the same IDs: NotFound for READ, UPDATE and DELETE, nothing changed',
        async (_part, move) => {
            const user = await created(managedUser());
            const foreign = move(String(user.UserArn));
            expect(foreign).not.toBe(user.UserArn);
            emulator().resetCalls();

            expect(await read(foreign)).toMatchObject({
                status: 'FAILED',
                errorCode: 'NotFound',
            });
            const update = await invoke(
                handlerEvent(
                    'UPDATE',
                    {
                        ...managedUser(),
                        UserArn: foreign,
                        Tags: [{ Key: 'a', Value: 'b' }],
                    },
                    { previous: { ...managedUser(), UserArn: foreign } }
                )
            );
            expect(update).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
            const remove = await invoke(handlerEvent('DELETE', { UserArn: foreign }));
            expect(remove).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });

            expect(emulator().calls()).toEqual([]);
            expect(stored()).toHaveLength(1);
        }
    );

    it('refuses to create a user in an instance of another region, before any call', async () => {
        const response = await invoke(
            handlerEvent(
                'CREATE',
                managedUser({
                    InstanceArn: managed.arn.replace(':us-east-1:', ':eu-west-2:'),
                })
            )
        );
        expect(response).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
        });
        expect(response.message).toContain('InstanceArn');
        expect(emulator().calls()).toEqual([]);
    });

    it('READ answers the identifier it was asked for', async () => {
        const user = await created(managedUser());
        const answer = await read(user.UserArn);
        expect(answer.resourceModel?.UserArn).toBe(user.UserArn);
    });
});

describe.each([false, true])(
    'a setting given in PhoneConfig and in its list (emulator describing both: %s)',
    (describeBoth) => {
        beforeEach(() => emulator().setDescribeBoth(describeBoth));

        const template = managedUser({
            PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 30 },
            AfterContactWorkConfigs: [acw('VOICE', 30), acw('CHAT', 45)],
        });

        it('comes back as written from CREATE and READ, and a no-op UPDATE sends nothing', async () => {
            const answer = await created(template);
            expectEchoed(template, answer);
            const readBack = (await read(answer.UserArn))
                .resourceModel as ResourceProperties;
            expectEchoed(template, readBack);
            expect(comparable(readBack)).toEqual(comparable(answer));

            await expectNoOpUpdate(template, answer);
        });

        it.each([
            [
                '/PhoneConfig/AfterContactWorkTimeLimit',
                (state: ResourceProperties) => ({
                    ...state,
                    PhoneConfig: {
                        ...state.PhoneConfig,
                        AfterContactWorkTimeLimit: 60,
                    },
                }),
            ],
            [
                "the VOICE entry's limit in AfterContactWorkConfigs",
                (state: ResourceProperties) => ({
                    ...state,
                    AfterContactWorkConfigs: (state.AfterContactWorkConfigs ?? []).map(
                        (entry) =>
                            entry.Channel === 'VOICE' ? acw('VOICE', 60) : entry
                    ),
                }),
            ],
        ])(
            'a Cloud Control patch of %s applies exactly that setting',
            async (_patched, patch) => {
                const answer = await created(template);
                // Cloud Control: the previous state is a READ, the desired one it patched.
                const state = (await read(answer.UserArn))
                    .resourceModel as ResourceProperties;
                emulator().resetCalls();
                const update = last(
                    await drive('UPDATE', patch(state), { previous: state })
                );
                expect(update).toMatchObject({ status: 'SUCCESS' });
                const after = update.resourceModel as ResourceProperties;
                expect(after.PhoneConfig?.AfterContactWorkTimeLimit).toBe(60);
                expect(after.AfterContactWorkConfigs).toEqual([
                    acw('VOICE', 60),
                    acw('CHAT', 45),
                ]);
                expect(mutations().map((call) => call.operation)).toEqual([
                    'UpdateUserConfig',
                ]);
            }
        );
    }
);

describe("READ's tags", () => {
    it('are every tag the user holds but the reserved ones, whatever the request says', async () => {
        const answer = await created(
            managedUser({
                Tags: [
                    { Key: 'team', Value: 'billing' },
                    { Key: 'app', Value: 'ivr' },
                ],
            }),
            { stackTags: { env: 'prod', team: 'billing' } }
        );
        const all = [
            { Key: 'app', Value: 'ivr' },
            { Key: 'env', Value: 'prod' },
            { Key: 'team', Value: 'billing' },
        ];
        expect(answer.Tags).toEqual(all);
        expect((await read(answer.UserArn)).resourceModel?.Tags).toEqual(all);
        const withModel = await invoke(
            handlerEvent(
                'READ',
                { UserArn: answer.UserArn, Tags: [{ Key: 'app', Value: 'ivr' }] },
                { stackTags: { other: 'x' } }
            )
        );
        expect(withModel.resourceModel?.Tags).toEqual(all);
    });
});

describe('the create marker', () => {
    it('holds a digest of the request token, never the token, and is gone when the create ends', async () => {
        const token = randomUUID();
        const first = await invoke(
            handlerEvent('CREATE', managedUser(), { clientRequestToken: token })
        );
        expect(first.status).toBe('IN_PROGRESS');
        expect(stored()[0].tags).toEqual({ [CREATE_REQUEST_TAG]: markerValue(token) });
        expect(JSON.stringify(emulator().calls())).not.toContain(token);

        const rest = await drive('CREATE', first.resourceModel as ResourceProperties, {
            clientRequestToken: token,
            callbackContext: first.callbackContext,
        });
        expect(last(rest)).toMatchObject({ status: 'SUCCESS' });
        expect(stored()[0].tags).toEqual({});
    });

    it('left behind by a cancelled create, is removed by the next UPDATE', async () => {
        const first = await invoke(
            handlerEvent('CREATE', managedUser(), { clientRequestToken: randomUUID() })
        );
        const model = first.resourceModel as ResourceProperties;
        expect(Object.keys(stored()[0].tags)).toEqual([CREATE_REQUEST_TAG]);
        // Cloud Control: the create was cancelled; the next request is an UPDATE from a READ.
        const state = (await read(model.UserArn)).resourceModel as ResourceProperties;
        expect(state.Tags).toBeUndefined();
        const update = last(await drive('UPDATE', state, { previous: state }));
        expect(update).toMatchObject({ status: 'SUCCESS' });
        expect(stored()[0].tags).toEqual({});
    });
});

describe("the look for a create's own user", () => {
    it('takes one search whatever the size of the instance', async () => {
        // More than a page of ListUsers' default 100, which a listing would page through.
        await addUsersDirectly(emulator().url, managedUser() as Model, 120);
        emulator().resetCalls();
        emulator().injectFault({
            operation: 'CreateUser',
            count: 1,
            kind: 'lose-answer',
        });
        const token = randomUUID();
        const first = await invoke(
            handlerEvent('CREATE', managedUser({ Username: 'zlast' }), {
                clientRequestToken: token,
            })
        );

        expect(first).toMatchObject({ status: 'IN_PROGRESS' });
        expect(first.resourceModel?.UserArn).toBeDefined();
        const looks = emulator()
            .calls()
            .map((call) => call.operation)
            .filter((operation) => operation !== 'CreateUser');
        expect(looks).toEqual(['SearchUsers']);
    });

    it('says what happened when the name belongs to a user this operation did not create', async () => {
        await created(managedUser());
        const again = last(await drive('CREATE', managedUser()));
        expect(again).toMatchObject({ status: 'FAILED', errorCode: 'AlreadyExists' });
        expect(again.message).toContain("A user named 'jdoe' already exists");
        expect(again.message).not.toContain('DirectoryUserId');
    });
});

describe('a directory user whose template names only its mobile number', () => {
    it('is left alone by a no-op UPDATE, though Connect holds the directory names', async () => {
        const template = directoryUser({ IdentityInfo: { Mobile: '+15555550100' } });
        const answer = await created(template);
        expect(answer.IdentityInfo?.Mobile).toBe('+15555550100');
        await expectNoOpUpdate(template, answer);
    });
});

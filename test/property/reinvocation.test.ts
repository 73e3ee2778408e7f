import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ResourceProperties } from '../../src/properties';
import { handlerEvent } from '../fixtures/events';
import { invoke, type Response } from '../fixtures/invoke';
import {
    ATTRIBUTE_PAIRS,
    identityOfUserArb,
    levelArb,
    modelOf,
    mutablePartArb,
} from './arbitraries';
import {
    allUsers,
    comparable,
    expectHolds,
    drive,
    type Emulator,
    last,
    startPropertyEmulator,
} from './harness';

/**
 * Re-invocation: CloudFormation replays a step with its callbackContext after
 * a timeout or a retry, possibly after the step's Connect call went through
 * and only the response was lost. Every replay must be safe: one user, each
 * proficiency once, nothing lost.
 */

const SEED = 31337;
const RUNS = 25;

let emulator: Emulator;

beforeAll(async () => {
    emulator = await startPropertyEmulator();
});

afterAll(async () => {
    await emulator.close();
});

/** Models with 1-25 proficiencies, so that CREATE takes one to three steps after CreateUser. */
const modelArb = fc
    .tuple(
        identityOfUserArb,
        mutablePartArb(),
        fc
            .uniqueArray(fc.constantFrom(...ATTRIBUTE_PAIRS), {
                minLength: 1,
                maxLength: 25,
                selector: ([name, value]) => `${name}=${value}`,
            })
            .chain((pairs) =>
                fc.tuple(
                    ...pairs.map(([AttributeName, AttributeValue]) =>
                        levelArb.map((Level) => ({
                            AttributeName,
                            AttributeValue,
                            Level,
                        }))
                    )
                )
            )
    )
    .map(([identity, part, UserProficiencies]) =>
        modelOf(identity, { ...part, UserProficiencies })
    );

type Event = Record<string, unknown>;

/** The user in the emulator, as stored: what a replay must not duplicate or lose. */
function storedUser() {
    const users = allUsers(emulator);
    expect(users).toHaveLength(1);
    const [user] = users;
    const keys = user.proficiencies.map(
        (p) => `${p.AttributeName}=${p.AttributeValue}`
    );
    expect(new Set(keys).size).toBe(keys.length);
    return user;
}

function expectStored(desired: ResourceProperties) {
    const user = storedUser();
    expect(comparable({ UserProficiencies: user.proficiencies })).toEqual(
        comparable({ UserProficiencies: desired.UserProficiencies })
    );
    const tags = Object.fromEntries((desired.Tags ?? []).map((t) => [t.Key, t.Value]));
    expect(user.tags).toEqual(tags);
}

describe('CREATE steps replayed with their callbackContext', () => {
    it('never duplicate the user or a proficiency, and lose nothing', async () => {
        await fc.assert(
            fc.asyncProperty(
                modelArb,
                fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
                async (desired, replayAfterSuccess) => {
                    emulator.reset();
                    const callbacks: Event[] = [];
                    const clientRequestToken = randomUUID();
                    let event: Event = handlerEvent('CREATE', desired, {
                        clientRequestToken,
                    });
                    let response: Response | undefined;
                    for (let step = 0; step < 8; step += 1) {
                        response = await invoke(event);
                        const replayed = event.callbackContext !== null;
                        if (replayed && replayAfterSuccess[step % 4]) {
                            // The step's Connect call went through; its response was lost.
                            response = await invoke(event);
                        }
                        if (response.status !== 'IN_PROGRESS') {
                            break;
                        }
                        event = handlerEvent('CREATE', response.resourceModel ?? {}, {
                            callbackContext: response.callbackContext,
                            clientRequestToken,
                        });
                        callbacks.push(event);
                    }
                    expect(response).toMatchObject({ status: 'SUCCESS' });
                    const userArn = String(response?.resourceModel?.UserArn);
                    expectHolds(response?.resourceModel, {
                        ...desired,
                        UserArn: userArn,
                    });
                    expectStored(desired);

                    // Late replays of every step, in any order, after the create finished.
                    for (const late of [...callbacks].reverse()) {
                        const again = await invoke(late);
                        expect(again).toMatchObject({ status: 'SUCCESS' });
                        expectHolds(again.resourceModel, {
                            ...desired,
                            UserArn: userArn,
                        });
                    }
                    expectStored(desired);
                }
            ),
            { seed: SEED, numRuns: RUNS }
        );
    });

    it('adopts its own user on a replay of the first step, and answers another operation with AlreadyExists', async () => {
        await fc.assert(
            fc.asyncProperty(modelArb, async (desired) => {
                emulator.reset();
                const clientRequestToken = randomUUID();
                const first = await invoke(
                    handlerEvent('CREATE', desired, { clientRequestToken })
                );
                expect(first).toMatchObject({ status: 'IN_PROGRESS' });
                // CloudFormation replays the step whose answer it did not get.
                const replay = await invoke(
                    handlerEvent('CREATE', desired, { clientRequestToken })
                );
                expect(replay).toMatchObject({ status: 'IN_PROGRESS' });
                expect(replay.resourceModel?.UserArn).toBe(
                    first.resourceModel?.UserArn
                );
                // Another operation (a replacement, say) with the same name.
                const other = await invoke(handlerEvent('CREATE', desired));
                expect(other).toMatchObject({
                    status: 'FAILED',
                    errorCode: 'AlreadyExists',
                });
                expect(other.message).toContain(String(desired.Username));
                expect(allUsers(emulator)).toHaveLength(1);
            }),
            { seed: SEED + 1, numRuns: 5 }
        );
    });
});

describe('UPDATE replayed', () => {
    it('finishes in one invocation, and a replay after it went through changes nothing', async () => {
        await fc.assert(
            fc.asyncProperty(
                modelArb,
                mutablePartArb(),
                async (previousModel, part) => {
                    emulator.reset();
                    const created = last(await drive('CREATE', previousModel));
                    const userArn = String(created.resourceModel?.UserArn);
                    const previous = { ...previousModel, UserArn: userArn };
                    const desired = {
                        ...modelOf(
                            {
                                Username: String(previousModel.Username),
                                Password: String(previousModel.Password),
                            },
                            {
                                ...part,
                                UserProficiencies: previousModel.UserProficiencies,
                            }
                        ),
                        UserArn: userArn,
                        // Lists are kept, so that the update can converge (see convergence tests).
                        ...pickLists(previousModel),
                    };
                    const event = handlerEvent('UPDATE', desired, { previous });
                    const first = await invoke(event);
                    expect(first.status).not.toBe('IN_PROGRESS');
                    const before = JSON.stringify(storedUser());
                    const replay = await invoke(event);
                    expect(replay.status).toBe(first.status);
                    const after = storedUser();
                    expect(JSON.stringify(after)).toBe(before);
                }
            ),
            { seed: SEED + 2, numRuns: 10 }
        );
    });
});

function pickLists(model: ResourceProperties): ResourceProperties {
    const {
        PhoneConfig,
        AutoAcceptConfigs,
        AfterContactWorkConfigs,
        PhoneNumberConfigs,
        PersistentConnectionConfigs,
        VoiceEnhancementConfigs,
    } = model;
    return {
        PhoneConfig,
        AutoAcceptConfigs,
        AfterContactWorkConfigs,
        PhoneNumberConfigs,
        PersistentConnectionConfigs,
        VoiceEnhancementConfigs,
    };
}

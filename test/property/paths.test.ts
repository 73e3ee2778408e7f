import fc from 'fast-check';
import type { ResourceProperties } from '../../src/properties';
import {
    type Identity,
    identityOfUserArb,
    knownNonConvergence,
    type MutablePart,
    modelOf,
    mutablePartArb,
    transitionArb,
} from './arbitraries';
import {
    allUsers,
    comparable,
    expectHolds,
    drive,
    type Emulator,
    last,
    MUTATING_OPERATIONS,
    startPropertyEmulator,
} from './harness';

/**
 * The paths stacks and Cloud Control take, for generated users: a READ
 * handed back as the desired state of an UPDATE changes nothing (whether
 * Connect describes a user as it was set or with both PhoneConfig and the
 * per-channel lists); a call whose answer is lost and that the SDK repeats
 * still converges; a replacement that keeps the Username never takes over
 * the existing user; an UPDATE's rollback restores the previous model.
 */

const SEED = 20261201;
const RUNS = 12;

let emulator: Emulator;

beforeAll(async () => {
    emulator = await startPropertyEmulator();
});

afterAll(async () => {
    await emulator.close();
});

function fresh(describeBoth = false) {
    emulator.reset();
    emulator.clearFaults();
    emulator.setDescribeBoth(describeBoth);
}

async function createUser(model: ResourceProperties): Promise<ResourceProperties> {
    const response = last(await drive('CREATE', model));
    if (response.status !== 'SUCCESS') {
        throw new Error(`CREATE failed: ${response.errorCode} ${response.message}`);
    }
    return { ...model, UserArn: String(response.resourceModel?.UserArn) };
}

const mutations = () =>
    emulator.calls().filter((call) => MUTATING_OPERATIONS.has(call.operation));

/**
 * The mutating operations an UPDATE from `before` to `after` sends, found by
 * running it once; then a fresh user as `before`, to run it again on.
 */
async function probeUpdate(
    identity: Identity,
    before: MutablePart,
    after: MutablePart
) {
    fresh();
    const probed = await createUser(modelOf(identity, before));
    emulator.resetCalls();
    const probe = last(
        await drive(
            'UPDATE',
            { ...modelOf(identity, after), UserArn: probed.UserArn },
            { previous: probed }
        )
    );
    const operations = mutations().map((call) => call.operation);
    fresh();
    const previous = await createUser(modelOf(identity, before));
    const desired = { ...modelOf(identity, after), UserArn: previous.UserArn };
    return { probe, operations, previous, desired };
}

describe('READ, handed back as the desired state, is a no-op UPDATE', () => {
    it('for generated users, described as set or both ways', async () => {
        await fc.assert(
            fc.asyncProperty(
                identityOfUserArb,
                mutablePartArb(),
                fc.boolean(),
                async (identity, part, describeBoth) => {
                    fresh(describeBoth);
                    const model = await createUser(modelOf(identity, part));
                    const read = last(await drive('READ', { UserArn: model.UserArn }));
                    expect(read.status).toBe('SUCCESS');
                    const state = read.resourceModel as ResourceProperties;
                    emulator.resetCalls();
                    const update = last(
                        await drive('UPDATE', state, { previous: state })
                    );
                    expect(update).toMatchObject({ status: 'SUCCESS' });
                    expect(mutations()).toEqual([]);
                    expect(comparable(update.resourceModel)).toEqual(comparable(state));
                }
            ),
            { seed: SEED, numRuns: RUNS }
        );
    });
});

describe('a lost answer that the SDK repeats', () => {
    it('never fails an UPDATE that converges without it, and loses nothing', async () => {
        await fc.assert(
            fc.asyncProperty(
                identityOfUserArb,
                transitionArb,
                fc.nat(),
                async (identity, [before, after], pick) => {
                    fc.pre(knownNonConvergence(before, after) === undefined);
                    const { probe, operations, previous, desired } = await probeUpdate(
                        identity,
                        before,
                        after
                    );
                    expect(probe.status).toBe('SUCCESS');
                    fc.pre(operations.length > 0);
                    const operation = operations[pick % operations.length];
                    emulator.injectFault({ operation, count: 1, kind: 'lose-answer' });
                    const response = last(await drive('UPDATE', desired, { previous }));
                    expect(response).toMatchObject({ status: 'SUCCESS' });
                    expectHolds(response.resourceModel, desired);
                }
            ),
            { seed: SEED + 1, numRuns: RUNS }
        );
    });

    it('never orphans or duplicates a user on CREATE', async () => {
        await fc.assert(
            fc.asyncProperty(
                identityOfUserArb,
                mutablePartArb(),
                fc.constantFrom(
                    'CreateUser',
                    'UntagResource',
                    'TagResource',
                    'AssociateUserProficiencies'
                ),
                async (identity, part, operation) => {
                    fresh();
                    emulator.injectFault({ operation, count: 1, kind: 'lose-answer' });
                    const model = modelOf(identity, part);
                    const response = last(await drive('CREATE', model));
                    expect(response).toMatchObject({ status: 'SUCCESS' });
                    expectHolds(response.resourceModel, {
                        ...model,
                        UserArn: String(response.resourceModel?.UserArn),
                    });
                    expect(allUsers(emulator)).toHaveLength(1);
                }
            ),
            { seed: SEED + 2, numRuns: RUNS }
        );
    });
});

describe('a replacement that keeps the Username', () => {
    it('is AlreadyExists and leaves the existing user as it was', async () => {
        await fc.assert(
            fc.asyncProperty(
                identityOfUserArb,
                mutablePartArb(),
                mutablePartArb(),
                async (identity, part, other) => {
                    fresh();
                    const systemTags = {
                        'aws:cloudformation:stack-id':
                            'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
                        'aws:cloudformation:logical-id': 'AgentUser',
                    };
                    await createUser(modelOf(identity, part));
                    const before = JSON.stringify(allUsers(emulator));
                    const replacement = last(
                        await drive('CREATE', modelOf(identity, other), { systemTags })
                    );
                    expect(replacement).toMatchObject({
                        status: 'FAILED',
                        errorCode: 'AlreadyExists',
                    });
                    expect(JSON.stringify(allUsers(emulator))).toBe(before);
                }
            ),
            { seed: SEED + 3, numRuns: RUNS }
        );
    });
});

describe("an UPDATE's rollback", () => {
    it('restores the previous model after a forward UPDATE fails part-way', async () => {
        await fc.assert(
            fc.asyncProperty(
                identityOfUserArb,
                transitionArb,
                fc.nat(),
                async (identity, [before, after], pick) => {
                    fc.pre(knownNonConvergence(before, after) === undefined);
                    fc.pre(knownNonConvergence(after, before) === undefined);
                    const { operations, previous, desired } = await probeUpdate(
                        identity,
                        before,
                        after
                    );
                    fc.pre(operations.length > 0);
                    // The forward update fails at one of its calls, for good.
                    const operation = operations[pick % operations.length];
                    emulator.injectFault({ operation, count: 10, kind: 'error500' });
                    const forward = last(await drive('UPDATE', desired, { previous }));
                    expect(forward.status).toBe('FAILED');
                    emulator.clearFaults();
                    // CloudFormation's rollback: the old model desired, the refused one previous.
                    const rollback = last(
                        await drive('UPDATE', previous, { previous: desired })
                    );
                    expect(rollback).toMatchObject({ status: 'SUCCESS' });
                    expectHolds(rollback.resourceModel, previous);
                }
            ),
            { seed: SEED + 4, numRuns: RUNS }
        );
    });
});

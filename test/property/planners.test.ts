import fc from 'fast-check';
import {
    planProficiencyChanges,
    planTagChanges,
    proficiencyCalls,
    PROFICIENCY_BATCH_SIZE,
} from '../../src/reconcile';
import type { UserProficiency } from '../../src/properties';
import { ATTRIBUTE_PAIRS, levelArb, tagKeyArb } from './arbitraries';

/**
 * The pure planners, as properties: applying a plan to a model of Connect's
 * state yields the desired state, and the plan holds nothing that is not needed.
 */

const SEED = 4242;
const RUNS = 300;

const key = (item: { AttributeName?: string; AttributeValue?: string }) =>
    `${item.AttributeName}=${item.AttributeValue}`;

const proficiencyListArb = (maxLength: number) =>
    fc
        .uniqueArray(fc.constantFrom(...ATTRIBUTE_PAIRS), {
            maxLength,
            selector: ([name, value]) => `${name}=${value}`,
        })
        .chain((pairs) =>
            fc.tuple(
                ...pairs.map(([AttributeName, AttributeValue]) =>
                    levelArb.map((Level) => ({ AttributeName, AttributeValue, Level }))
                )
            )
        );

/** What Connect holds after the calls: removals, level changes, then additions. */
function applyProficiencies(
    current: readonly UserProficiency[],
    changes: ReturnType<typeof planProficiencyChanges>
): Map<string, number> {
    const state = new Map(current.map((item) => [key(item), Number(item.Level)]));
    for (const item of changes.disassociate) {
        expect(state.has(key(item))).toBe(true);
        state.delete(key(item));
    }
    for (const item of changes.update) {
        expect(state.has(key(item))).toBe(true);
        state.set(key(item), Number(item.Level));
    }
    for (const item of changes.associate) {
        expect(state.has(key(item))).toBe(false);
        state.set(key(item), Number(item.Level));
    }
    return state;
}

describe('planProficiencyChanges', () => {
    it('turns the current proficiencies into the desired ones, touching nothing equal', () => {
        fc.assert(
            fc.property(
                proficiencyListArb(25),
                proficiencyListArb(25),
                (current, desired) => {
                    const changes = planProficiencyChanges(current, desired);
                    const result = applyProficiencies(current, changes);
                    expect(result).toEqual(
                        new Map(desired.map((item) => [key(item), Number(item.Level)]))
                    );
                    const unchanged = current.filter((item) =>
                        desired.some(
                            (other) =>
                                key(other) === key(item) && other.Level === item.Level
                        )
                    );
                    const touched = [
                        ...changes.associate,
                        ...changes.update,
                        ...changes.disassociate,
                    ].map(key);
                    for (const item of unchanged) {
                        expect(touched).not.toContain(key(item));
                    }
                }
            ),
            { seed: SEED, numRuns: RUNS }
        );
    });

    it('is empty for the same proficiencies in any order', () => {
        fc.assert(
            fc.property(
                proficiencyListArb(25).chain((list) =>
                    fc.tuple(
                        fc.constant(list),
                        fc.shuffledSubarray(list, { minLength: list.length })
                    )
                ),
                ([current, shuffled]) => {
                    expect(planProficiencyChanges(current, shuffled)).toEqual({
                        associate: [],
                        update: [],
                        disassociate: [],
                    });
                }
            ),
            { seed: SEED + 1, numRuns: RUNS }
        );
    });

    it('is sent in batches Connect accepts, removals first', () => {
        fc.assert(
            fc.property(
                proficiencyListArb(30),
                proficiencyListArb(30),
                (current, desired) => {
                    const changes = planProficiencyChanges(current, desired);
                    const calls = proficiencyCalls(changes, {
                        InstanceId: 'i',
                        UserId: 'u',
                    });
                    const sizes = calls.map(
                        (call) =>
                            (call.input as { UserProficiencies: unknown[] })
                                .UserProficiencies.length
                    );
                    expect(
                        sizes.every(
                            (size) => size >= 1 && size <= PROFICIENCY_BATCH_SIZE
                        )
                    ).toBe(true);
                    const order = calls.map((call) => call.operation);
                    const rank = {
                        DisassociateUserProficiencies: 0,
                        UpdateUserProficiencies: 1,
                        AssociateUserProficiencies: 2,
                    } as Record<string, number>;
                    expect(order.map((op) => rank[op])).toEqual(
                        [...order.map((op) => rank[op])].sort()
                    );
                    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(
                        changes.associate.length +
                            changes.update.length +
                            changes.disassociate.length
                    );
                }
            ),
            { seed: SEED + 2, numRuns: RUNS }
        );
    });
});

/** Names every plain object inherits: `key in tags` is true for them. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Tag maps as the handler builds them (plain objects), keys not inherited ones. */
const tagMapArb = (keys: fc.Arbitrary<string>) =>
    fc.dictionary(
        keys.filter((k) => !INHERITED.has(k)),
        fc.string({ maxLength: 8 }),
        { maxKeys: 12, noNullPrototype: true }
    );

const anyKeyArb = fc.oneof(
    tagKeyArb,
    tagKeyArb.map((k) => `aws:${k}`),
    tagKeyArb.map((k) => `AWS:${k}`)
);

describe('planTagChanges', () => {
    it('sets every desired tag, removes only what CloudFormation managed before, never aws: keys', () => {
        fc.assert(
            fc.property(
                tagMapArb(anyKeyArb),
                tagMapArb(tagKeyArb),
                tagMapArb(tagKeyArb),
                (current, desired, previous) => {
                    const { toTag, toUntag } = planTagChanges(
                        current,
                        desired,
                        previous
                    );
                    const result: Record<string, string> = { ...current };
                    for (const tagKey of toUntag) {
                        delete result[tagKey];
                    }
                    Object.assign(result, toTag);
                    for (const [tagKey, value] of Object.entries(desired)) {
                        expect(result[tagKey]).toBe(value);
                    }
                    for (const [tagKey, value] of Object.entries(current)) {
                        const managedBefore = tagKey in previous || tagKey in desired;
                        if (!managedBefore || tagKey.toLowerCase().startsWith('aws:')) {
                            expect(result[tagKey]).toBe(value);
                        }
                    }
                    for (const tagKey of Object.keys(previous)) {
                        if (!(tagKey in desired)) {
                            expect(result).not.toHaveProperty([tagKey]);
                        }
                    }
                    for (const [tagKey, value] of Object.entries(toTag)) {
                        expect(current[tagKey]).not.toBe(value);
                    }
                    expect(toUntag.every((tagKey) => tagKey in current)).toBe(true);
                    expect(toUntag.every((tagKey) => !(tagKey in desired))).toBe(true);
                }
            ),
            { seed: SEED + 3, numRuns: RUNS }
        );
    });
});

describe('planTagChanges with tag keys that plain objects inherit', () => {
    // Regression: membership was once tested with `key in desired`, true for
    // the names every object inherits (toString, constructor, __proto__, ...),
    // so current {toString: 'x'}, desired {}, previous {toString: 'x'} planned
    // no untag.
    it('untags a dropped tag whose key is toString', () => {
        const tags = { toString: 'x' };
        expect(planTagChanges(tags, {}, tags).toUntag).toEqual(['toString']);
    });
});

import fc from 'fast-check';
import { SUPERSEDED_PHONE_FIELDS, entryFor } from '../../src/channels';
import type { ResourceProperties } from '../../src/properties';
import { identityOfUserArb, modelOf, mutablePartArb } from './arbitraries';
import {
    comparable,
    drive,
    type Emulator,
    last,
    MUTATING_OPERATIONS,
    startPropertyEmulator,
} from './harness';

/**
 * The two views of a user's per-channel settings, over generated users, with
 * the emulator describing them as last written and in both forms, and with
 * CloudFormation's request (the template as previous model) and Cloud
 * Control's (a READ as previous model, patched):
 * - READ with only the identifier answers what CREATE answered;
 * - READ handed back as an UPDATE sends no call;
 * - a patch of one PhoneConfig setting, on either view, changes exactly that
 *   setting and nothing else.
 */

const SEED = 20261207;
const RUNS = 20;

let emulator: Emulator;

beforeAll(async () => {
    emulator = await startPropertyEmulator();
});

afterAll(async () => {
    await emulator.close();
});

type Model = ResourceProperties & Record<string, unknown>;

const readUser = async (userArn: unknown) =>
    last(await drive('READ', { UserArn: userArn })).resourceModel as Model;

const mutations = () =>
    emulator.calls().filter((call) => MUTATING_OPERATIONS.has(call.operation));

/** A new value for a PhoneConfig setting, of the schema's type, unlike the old one. */
function another(field: string, value: unknown): unknown {
    switch (field) {
        case 'AfterContactWorkTimeLimit':
            return Number(value) === 77 ? 78 : 77;
        case 'PhoneType':
            return value === 'SOFT_PHONE' ? 'DESK_PHONE' : 'SOFT_PHONE';
        case 'DeskPhoneNumber':
            return value === '+15555550177' ? '+15555550178' : '+15555550177';
        default:
            return !value;
    }
}

/** The READ state with one setting patched, on PhoneConfig or on its list's VOICE entry. */
function patched(state: Model, field: string, onList: boolean): Model {
    const superseded = SUPERSEDED_PHONE_FIELDS.find((item) => item.field === field);
    if (!superseded) throw new Error(`no mapping for ${field}`);
    const phone = (state.PhoneConfig ?? {}) as Record<string, unknown>;
    const value = another(field, phone[field]);
    const extra =
        field === 'PhoneType' && value === 'DESK_PHONE'
            ? { DeskPhoneNumber: '+15555550199' }
            : {};
    if (!onList) {
        return { ...state, PhoneConfig: { ...phone, [field]: value, ...extra } };
    }
    const entries = (state[superseded.list] ?? []) as unknown as Array<
        Record<string, unknown>
    >;
    return {
        ...state,
        [superseded.list]: entries.map((entry) => {
            if (entry.Channel !== 'VOICE') return entry;
            const set = superseded.setIn(entry, value);
            return field === 'PhoneType' && value === 'DESK_PHONE'
                ? { ...set, PhoneNumber: '+15555550199' }
                : set;
        }),
    };
}

describe.each([false, true])(
    'both views of the per-channel settings (emulator describing both: %s)',
    (describeBoth) => {
        beforeEach(() => emulator.setDescribeBoth(describeBoth));

        it('READ answers what CREATE answered; READ handed back is a no-op; a patch of one setting on either view applies exactly it', async () => {
            await fc.assert(
                fc.asyncProperty(
                    identityOfUserArb,
                    mutablePartArb(),
                    fc.boolean(),
                    fc.nat(),
                    async (identity, part, onList, pick) => {
                        emulator.reset();
                        const desired = modelOf(identity, part);
                        const created = last(await drive('CREATE', desired));
                        expect(created).toMatchObject({ status: 'SUCCESS' });
                        const answer = created.resourceModel as Model;
                        const state = await readUser(answer.UserArn);
                        expect(comparable(state)).toEqual(comparable(answer));

                        emulator.resetCalls();
                        const noop = last(
                            await drive('UPDATE', state, { previous: state })
                        );
                        expect(noop).toMatchObject({ status: 'SUCCESS' });
                        expect(mutations()).toEqual([]);
                        expect(comparable(noop.resourceModel)).toEqual(
                            comparable(state)
                        );

                        const fields = Object.keys(state.PhoneConfig ?? {}).filter(
                            (field) => field !== 'DeskPhoneNumber'
                        );
                        fc.pre(fields.length > 0);
                        const field = fields[pick % fields.length];
                        const next = patched(state, field, onList);
                        emulator.resetCalls();
                        const update = last(
                            await drive('UPDATE', next, { previous: state })
                        );
                        expect(update).toMatchObject({ status: 'SUCCESS' });
                        const after = await readUser(answer.UserArn);
                        const superseded = SUPERSEDED_PHONE_FIELDS.find(
                            (item) => item.field === field
                        );
                        const wanted = (next.PhoneConfig as Record<string, unknown>)?.[
                            field
                        ];
                        const list = String(superseded?.list);
                        const voice = entryFor(
                            after[list] as Array<Record<string, unknown>>,
                            'VOICE'
                        );
                        const value = onList
                            ? superseded?.valueIn(
                                  entryFor(
                                      next[list] as Array<Record<string, unknown>>,
                                      'VOICE'
                                  ) ?? {}
                              )
                            : wanted;
                        expect(
                            (after.PhoneConfig as Record<string, unknown>)[field]
                        ).toEqual(value);
                        expect(superseded?.valueIn(voice ?? {})).toEqual(value);
                        // Nothing else moved: the other channels and properties as before.
                        const others = (model: Model) => ({
                            ...model,
                            PhoneConfig: undefined,
                            PhoneNumberConfigs: undefined,
                            [list]: (
                                model[list] as Array<{ Channel?: string }>
                            )?.filter((entry) => entry.Channel !== 'VOICE'),
                        });
                        expect(comparable(others(after))).toEqual(
                            comparable(others(state))
                        );
                        expect(mutations().map((call) => call.operation)).toEqual([
                            'UpdateUserConfig',
                        ]);
                    }
                ),
                { seed: SEED, numRuns: RUNS }
            );
        }, 120_000);
    }
);

import fc from 'fast-check';
import { SEED_INSTANCES } from '../../emulator/seed';
import { entryFor, SUPERSEDED_PHONE_FIELDS } from '../../src/channels';
import type { ResourceProperties, Tag } from '../../src/properties';
import { identityOfUserArb, modelOf, mutablePartArb, tagKeyArb } from './arbitraries';
import { drive, type Emulator, last, startPropertyEmulator } from './harness';

/**
 * CREATE answers the model of the user it created without reading it back
 * (each Connect API takes 2 calls a second, and the caller reads the user
 * anyway): over generated users, with stack tags, system tags and more tags
 * than CreateUser takes, after-contact-work modes (which the SDK does not
 * model), PhoneConfig fields beside the lists that supersede them (which
 * CreateUser takes in the list's VOICE entry), Connect accepting or refusing
 * the system tags, and
 * the emulator describing the per-channel settings as last written and in both
 * forms, CREATE sends no DescribeUser or ListUserProficiencies, and a READ of
 * the user with only its identifier answers exactly what CREATE answered.
 */

const SEED = 20261208;
const RUNS = 40;
/** The model's and the stack's tags together: CloudFormation's limit, and Connect's. */
const MAX_TAGS = 50;
const READS = new Set(['DescribeUser', 'ListUserProficiencies']);

const SYSTEM_TAGS = {
    'aws:cloudformation:stack-name': 'contact-centre',
    'aws:cloudformation:logical-id': 'AgentUser',
    'aws:cloudformation:stack-id':
        'arn:aws:cloudformation:us-east-1:123456789012:stack/contact-centre/6f0f7bd0',
};

let emulator: Emulator;

beforeAll(async () => {
    emulator = await startPropertyEmulator();
});

afterAll(async () => {
    await emulator.close();
});

const stackTagsArb = fc.dictionary(tagKeyArb, fc.string({ maxLength: 12 }), {
    maxKeys: 3,
});

/** The model's tags, filled up to the limit when `fill`: the marker and the system tags then go beyond 50. */
function withTags(
    model: ResourceProperties,
    stackTags: Record<string, string>,
    fill: boolean
): ResourceProperties {
    const tags: Tag[] = [...(model.Tags ?? [])];
    const taken = new Set([...tags.map((tag) => tag.Key), ...Object.keys(stackTags)]);
    for (let index = 0; fill && taken.size < MAX_TAGS; index += 1) {
        const key = `bulk-${index}`;
        if (!taken.has(key)) {
            taken.add(key);
            tags.push({ Key: key, Value: `value ${index}` });
        }
    }
    return { ...model, Tags: tags.length ? tags : undefined };
}

const ACW_MODES = ['ON', 'OFF', 'ON_DEMAND'] as const;

type Entries = Array<Record<string, unknown>>;

/** Every after-contact-work entry of the model with a mode, chosen by `pick`. */
function withModes(model: ResourceProperties, pick: number): ResourceProperties {
    const entries = model.AfterContactWorkConfigs as Entries | undefined;
    if (!entries) return model;
    return {
        ...model,
        AfterContactWorkConfigs: entries.map((entry, index) => ({
            ...entry,
            AfterContactWorkConfig: {
                ...(entry.AfterContactWorkConfig as object),
                AfterContactWorkMode: ACW_MODES[(pick + index) % ACW_MODES.length],
            },
        })) as ResourceProperties['AfterContactWorkConfigs'],
    };
}

/**
 * The model with each PhoneConfig field whose list it has written beside the
 * list too: the list's VOICE value where the list has a VOICE entry (the two
 * views agreeing), `value` where it has none.
 */
function withFieldsBesideLists(
    model: ResourceProperties,
    value: { flag: boolean; limit: number }
): ResourceProperties {
    if (!model.PhoneConfig) return model;
    const phone: Record<string, unknown> = { ...model.PhoneConfig };
    for (const { field, list, valueIn } of SUPERSEDED_PHONE_FIELDS) {
        const entries = model[list] as Entries | undefined;
        if (!entries || field === 'PhoneType' || field === 'DeskPhoneNumber') continue;
        const voice = entryFor(entries, 'VOICE');
        phone[field] = voice
            ? valueIn(voice)
            : field === 'AfterContactWorkTimeLimit'
              ? value.limit
              : value.flag;
    }
    return { ...model, PhoneConfig: phone as ResourceProperties['PhoneConfig'] };
}

const variantArb = fc.record({
    stackTags: stackTagsArb,
    system: fc.boolean(),
    accept: fc.boolean(),
    fill: fc.boolean(),
    modes: fc.option(fc.nat(), { nil: undefined }),
    beside: fc.option(
        fc.record({
            flag: fc.boolean(),
            limit: fc.integer({ min: 0, max: 2_000_000 }),
        }),
        { nil: undefined }
    ),
});

const readsOf = () =>
    emulator
        .calls()
        .filter((call) => READS.has(call.operation))
        .map((call) => call.operation);

describe.each([false, true])(
    "CREATE's answer (emulator describing both views: %s)",
    (describeBoth) => {
        beforeEach(() => emulator.setDescribeBoth(describeBoth));

        it('is what READ answers, with no read of the user', async () => {
            await fc.assert(
                fc.asyncProperty(
                    identityOfUserArb,
                    mutablePartArb(),
                    variantArb,
                    async (identity, part, variant) => {
                        const { stackTags, system, accept, fill, modes, beside } =
                            variant;
                        emulator.reset();
                        emulator.setAcceptSystemTags(accept);
                        emulator.resetCalls();
                        let model = modelOf(identity, part);
                        model = modes === undefined ? model : withModes(model, modes);
                        model = beside ? withFieldsBesideLists(model, beside) : model;
                        const desired = withTags(model, stackTags, fill);
                        const created = last(
                            await drive('CREATE', desired, {
                                stackTags,
                                systemTags: system ? SYSTEM_TAGS : undefined,
                            })
                        );
                        expect(created).toMatchObject({ status: 'SUCCESS' });
                        expect(readsOf()).toEqual([]);
                        const read = last(
                            await drive('READ', {
                                UserArn: created.resourceModel?.UserArn,
                            })
                        );
                        expect(read.resourceModel).toEqual(created.resourceModel);
                    }
                ),
                { seed: SEED, numRuns: RUNS }
            );
        }, 180_000);
    }
);

describe("CREATE's answer for a user of a directory", () => {
    const { directory } = SEED_INSTANCES;

    it('is read back, since Connect takes the names from the directory', async () => {
        emulator.reset();
        emulator.resetCalls();
        const created = last(
            await drive('CREATE', {
                InstanceArn: directory.arn,
                Username: 'mmajor',
                DirectoryUserId: directory.directoryUserIds[0],
                IdentityInfo: { FirstName: 'Not', LastName: 'Theirs' },
                RoutingProfileArn: directory.routingProfileArns[0],
                SecurityProfileArns: [directory.securityProfileArns[0]],
                PhoneConfig: { PhoneType: 'SOFT_PHONE' },
            })
        );
        expect(created).toMatchObject({ status: 'SUCCESS' });
        expect(readsOf()).toEqual(['DescribeUser', 'ListUserProficiencies']);
        const stored = emulator
            .snapshot()
            .instances.find((instance) => instance.id === directory.id)
            ?.users.find((user) => user.username === 'mmajor');
        const answered = (created.resourceModel ?? {}) as ResourceProperties;
        expect(answered.IdentityInfo).toEqual(stored?.identityInfo);
        expect(answered.IdentityInfo?.FirstName).not.toBe('Not');
        const read = last(
            await drive('READ', { UserArn: created.resourceModel?.UserArn })
        );
        expect(read.resourceModel).toEqual(created.resourceModel);
    });
});

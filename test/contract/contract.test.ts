import { randomUUID } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { CREATE_REQUEST_TAG } from '../../src/translate';
import {
    type BudgetRow,
    budgetRow,
    formatBudget,
    minimumCreate,
    minimumDelete,
    minimumList,
    minimumRead,
    minimumUpdate,
    USERS_PAGE,
} from './budget';
import { modelDifferences } from './compare';
import {
    ContractDriver,
    countOperations,
    ledger,
    type Model,
    mutatingCalls,
    type Operation,
    registerSecret,
    SYSTEM_TAGS,
} from './driver';
import { LARGE_PASSWORD, largeCreate, largeSeed, largeUpdate } from './large';
import {
    HANDLER_PERMISSIONS,
    PRIMARY_IDENTIFIER,
    TAG_PROPERTY,
    TAGGING_PERMISSIONS,
    UPDATABLE,
} from './schema-facts';
import {
    addUsersDirectly,
    instanceOf,
    loadInputSets,
    storedUser,
    tagList,
    tagMap,
    uniqueUsername,
    usersOf,
    withFreshUsername,
} from './support';

/**
 * The resource handler contract, run against the local Connect emulator for
 * every input set in inputs/, then the permission audit and the call budget
 * over every invocation the suite made. Input sets run one after another:
 * the endpoint the handlers call is process-wide, and every invocation's calls
 * must be attributed to it exactly.
 */

const INPUT_SETS = loadInputSets();
for (const set of INPUT_SETS) {
    registerSecret(set.create.Password);
    registerSecret(set.invalid.Password);
}
registerSecret(LARGE_PASSWORD);

const budget: BudgetRow[] = [];

afterAll(() => {
    if (budget.length) {
        process.stdout.write(`\n${formatBudget(budget)}\n\n`);
    }
});

/** The final event of an operation, which must be SUCCESS. */
function succeeded(operation: Operation): Model {
    const { final } = operation;
    if (final.status !== 'SUCCESS') {
        throw new Error(
            `${operation.action} did not succeed: ${String(final.errorCode)}: ${String(final.message)}`
        );
    }
    return final.resourceModel ?? {};
}

/** The final event of an operation, which must be FAILED with this code. */
function expectFailure(operation: Operation, code: string): void {
    expect({
        status: operation.final.status,
        errorCode: operation.final.errorCode,
    }).toEqual({ status: 'FAILED', errorCode: code });
    expect(operation.final.message).toEqual(expect.stringMatching(/\S/));
}

function identifierOf(model: Model): Model {
    return Object.fromEntries(PRIMARY_IDENTIFIER.map((name) => [name, model[name]]));
}

/** A well-formed user ARN in the model's instance that no user has. */
function neverCreatedArn(model: Model): string {
    return `${String(model.InstanceArn)}/agent/00000000-0000-4000-8000-00000000dead`;
}

/**
 * The contract runs against a Connect that takes CloudFormation's system tags on
 * CreateUser, so that they can be checked where they land; the path where
 * Connect refuses them is in test/paths.
 */
async function newEmulator(seed?: unknown): Promise<Emulator> {
    return startEmulator({ port: 0, quiet: true, seed, acceptSystemTags: true });
}

describe.each(INPUT_SETS.map((set) => [set.name, set] as const))('%s', (name, set) => {
    let emulator: Emulator;
    let driver: ContractDriver;
    let create: Model;
    let update: Model;
    let created: Model | undefined;
    let updated: Model | undefined;
    const track = name === 'inputs_1';

    beforeAll(async () => {
        emulator = await newEmulator();
        driver = new ContractDriver(emulator, name);
        [create, update] = withFreshUsername(set.create, set.update);
    });

    afterAll(async () => {
        await emulator.close();
    });

    const requireCreated = (): Model => {
        if (!created) {
            throw new Error(`${name}: the create step did not succeed`);
        }
        return created;
    };

    it('creates the user: the model returned and a read both equal the input', async () => {
        const operation = await driver.create(create, { systemTags: SYSTEM_TAGS });
        const model = succeeded(operation);
        expect(modelDifferences(create, model)).toEqual([]);
        created = model;

        const read = await driver.read(model);
        expect(modelDifferences(create, succeeded(read))).toEqual([]);
        expect(storedUser(emulator.snapshot(), create.Username)?.tags).toEqual({
            ...SYSTEM_TAGS,
            ...tagMap(create.Tags),
        });
        if (track) {
            budget.push(budgetRow('create', name, operation, minimumCreate(create)));
            budget.push(budgetRow('read', name, read, minimumRead(create)));
        }
    });

    it('lists the user, in one page of LIST', async () => {
        const model = requireCreated();
        await addUsersDirectly(emulator.url, create, 5);
        const users = 6;

        const listing = await driver.listAll({ InstanceArn: model.InstanceArn });
        expect(listing.final.status).toBe('SUCCESS');
        expect(listing.events.length).toBe(Math.ceil(users / USERS_PAGE));
        expect(listing.models).toHaveLength(users);
        expect(listing.models).toContainEqual(
            expect.objectContaining(identifierOf(model))
        );
        expect(Object.keys(countOperations(listing.calls))).toEqual(['ListUsers']);
        if (track) {
            budget.push(
                budgetRow(
                    'list',
                    `${name} (${users} users)`,
                    listing,
                    minimumList(users)
                )
            );
        }
    });

    it('refuses a second user with the same Username: AlreadyExists, nothing created', async () => {
        requireCreated();
        const before = usersOf(emulator.snapshot());
        // Another operation, as cfn test sends it: no system tags, and the user
        // found under the name carries no marker of this operation.
        const bare = await driver.create(create);
        expectFailure(bare, 'AlreadyExists');
        expect(bare.calls.map((call) => call.operation)).toEqual([
            'CreateUser',
            'SearchUsers',
            'DescribeUser',
        ]);
        // Another resource of a stack asking for the same Username.
        const other = await driver.create(create, {
            systemTags: {
                ...SYSTEM_TAGS,
                'aws:cloudformation:logical-id': 'OtherAgent',
            },
        });
        expectFailure(other, 'AlreadyExists');
        expect(mutatingCalls(other.calls).map((call) => call.operation)).toEqual([
            'CreateUser',
        ]);
        expect(usersOf(emulator.snapshot())).toEqual(before);
    });

    it('adopts its own user when CloudFormation sends the CreateUser step again, its answer lost', async () => {
        requireCreated();
        const [model] = withFreshUsername(create);
        const clientRequestToken = randomUUID();
        const first = await driver.create(model, {
            systemTags: SYSTEM_TAGS,
            clientRequestToken,
            drive: false,
        });
        expect(first.final.status).toBe('IN_PROGRESS');
        const replayed = await driver.create(model, {
            systemTags: SYSTEM_TAGS,
            clientRequestToken,
        });
        const done = succeeded(replayed);
        expect(identifierOf(done)).toEqual(
            identifierOf(first.final.resourceModel as Model)
        );
        expect(storedUser(emulator.snapshot(), model.Username)?.tags).toEqual({
            ...SYSTEM_TAGS,
            ...tagMap(model.Tags),
        });
        succeeded(await driver.delete(done));
    });

    it('updates to the update input: the model returned and a read equal it', async () => {
        const previous = requireCreated();
        const desired = { ...update, ...identifierOf(previous) };
        const operation = await driver.update(desired, previous, {
            systemTags: SYSTEM_TAGS,
        });
        const model = succeeded(operation);
        expect(modelDifferences(update, model)).toEqual([]);
        updated = model;

        const read = await driver.read(model);
        expect(modelDifferences(update, succeeded(read))).toEqual([]);
        expect(storedUser(emulator.snapshot(), create.Username)?.tags).toEqual({
            ...SYSTEM_TAGS,
            ...tagMap(update.Tags),
        });
        if (track) {
            budget.push(
                budgetRow('update', name, operation, minimumUpdate(previous, update))
            );
        }
    });

    it('makes no mutating call for an update that changes nothing', async () => {
        const previous = updated ?? requireCreated();
        const desired = updated ? { ...update, ...identifierOf(previous) } : previous;
        const operation = await driver.update(desired, previous, {
            systemTags: SYSTEM_TAGS,
        });
        succeeded(operation);
        expect(mutatingCalls(operation.calls).map((call) => call.operation)).toEqual(
            []
        );
        if (track) {
            budget.push(
                budgetRow(
                    'update (no change)',
                    name,
                    operation,
                    minimumUpdate(desired, desired)
                )
            );
        }
    });

    it('deletes the user; then read, update and delete answer NotFound', async () => {
        const model = updated ?? requireCreated();
        const operation = await driver.delete(model);
        succeeded(operation);
        expect(storedUser(emulator.snapshot(), create.Username)).toBeUndefined();

        expectFailure(await driver.read(model), 'NotFound');
        expectFailure(
            await driver.update({ ...update, ...identifierOf(model) }, model),
            'NotFound'
        );
        expectFailure(await driver.delete(model), 'NotFound');
        if (track) {
            budget.push(budgetRow('delete', name, operation, minimumDelete()));
        }
    });

    it('creates the same input again after the delete', async () => {
        requireCreated();
        const again = succeeded(
            await driver.create(create, { systemTags: SYSTEM_TAGS })
        );
        expect(modelDifferences(create, again)).toEqual([]);
        succeeded(await driver.delete(again));
    });

    it('answers NotFound to update and delete of an identifier never created', async () => {
        const ghost = { ...update, UserArn: neverCreatedArn(create) };
        expectFailure(
            await driver.update(ghost, { ...create, UserArn: ghost.UserArn }),
            'NotFound'
        );
        expectFailure(await driver.delete({ UserArn: ghost.UserArn }), 'NotFound');
        expectFailure(await driver.read({ UserArn: ghost.UserArn }), 'NotFound');
    });

    it('refuses the invalid input with InvalidRequest before calling Connect', async () => {
        const [invalid] = withFreshUsername(set.invalid);
        const onCreate = await driver.create(invalid, { systemTags: SYSTEM_TAGS });
        expectFailure(onCreate, 'InvalidRequest');
        expect(onCreate.calls).toEqual([]);

        const previous = { ...create, UserArn: neverCreatedArn(create) };
        const onUpdate = await driver.update(
            { ...invalid, UserArn: previous.UserArn },
            previous
        );
        expectFailure(onUpdate, 'InvalidRequest');
        expect(onUpdate.calls).toEqual([]);
    });
});

describe('updating one property at a time', () => {
    const sets = Object.fromEntries(INPUT_SETS.map((set) => [set.name, set]));
    const managed = instanceOf(sets.inputs_1.create);

    /**
     * For each updatable property: the input set to start from, the new value,
     * and the only mutating operations that change it.
     */
    const CASES: Record<
        string,
        { base: string; value: unknown; operations: string[] }
    > = {
        RoutingProfileArn: {
            base: 'inputs_1',
            value: managed.routingProfileArns[1],
            operations: ['UpdateUserRoutingProfile'],
        },
        SecurityProfileArns: {
            base: 'inputs_1',
            value: [managed.securityProfileArns[3], managed.securityProfileArns[1]],
            operations: ['UpdateUserSecurityProfiles'],
        },
        HierarchyGroupArn: {
            base: 'inputs_2',
            value: managed.hierarchyGroupArns[0],
            operations: ['UpdateUserHierarchy'],
        },
        IdentityInfo: {
            base: 'inputs_1',
            value: {
                FirstName: 'Janet',
                LastName: 'Roe',
                Email: 'janet.roe@example.com',
                SecondaryEmail: 'janet@example.org',
                Mobile: '+14255550123',
            },
            operations: ['UpdateUserIdentityInfo'],
        },
        PhoneConfig: {
            base: 'inputs_1',
            value: {
                PhoneType: 'DESK_PHONE',
                DeskPhoneNumber: '+12065550199',
                AutoAccept: true,
                AfterContactWorkTimeLimit: 0,
                PersistentConnection: true,
            },
            operations: ['UpdateUserConfig'],
        },
        Tags: {
            base: 'inputs_1',
            value: [
                { Key: 'team', Value: 'quality' },
                { Key: 'shift', Value: 'night' },
            ],
            operations: ['TagResource', 'UntagResource'],
        },
        UserProficiencies: {
            base: 'inputs_2',
            value: [
                { AttributeName: 'Technology', AttributeValue: 'Connect', Level: 2 },
                { AttributeName: 'Language', AttributeValue: 'Spanish', Level: 5 },
                { AttributeName: 'Skill', AttributeValue: 'Billing', Level: 1 },
                { AttributeName: 'Language', AttributeValue: 'French', Level: 4 },
            ],
            operations: [
                'AssociateUserProficiencies',
                'DisassociateUserProficiencies',
                'UpdateUserProficiencies',
            ],
        },
        AutoAcceptConfigs: {
            base: 'inputs_5',
            value: [
                {
                    Channel: 'VOICE',
                    AutoAccept: false,
                    AgentFirstCallbackAutoAccept: true,
                },
                { Channel: 'CHAT', AutoAccept: true },
            ],
            operations: ['UpdateUserConfig'],
        },
        AfterContactWorkConfigs: {
            base: 'inputs_5',
            value: [
                {
                    Channel: 'VOICE',
                    AfterContactWorkConfig: { AfterContactWorkTimeLimit: 0 },
                    AgentFirstCallbackAfterContactWorkConfig: {
                        AfterContactWorkTimeLimit: 5,
                    },
                },
                {
                    Channel: 'CHAT',
                    AfterContactWorkConfig: { AfterContactWorkTimeLimit: 600 },
                },
            ],
            operations: ['UpdateUserConfig'],
        },
        PhoneNumberConfigs: {
            base: 'inputs_5',
            value: [
                {
                    Channel: 'VOICE',
                    PhoneType: 'DESK_PHONE',
                    PhoneNumber: '+12065550177',
                },
            ],
            operations: ['UpdateUserConfig'],
        },
        PersistentConnectionConfigs: {
            base: 'inputs_5',
            value: [{ Channel: 'VOICE', PersistentConnection: false }],
            operations: ['UpdateUserConfig'],
        },
        VoiceEnhancementConfigs: {
            base: 'inputs_5',
            value: [{ Channel: 'VOICE', VoiceEnhancementMode: 'VOICE_ISOLATION' }],
            operations: ['UpdateUserConfig'],
        },
    };

    let emulator: Emulator;
    let driver: ContractDriver;

    beforeAll(async () => {
        emulator = await newEmulator();
        driver = new ContractDriver(emulator, 'one property at a time');
    });

    afterAll(async () => {
        await emulator.close();
    });

    /** Creates the base, applies `change`, checks the result and the calls, deletes. */
    async function updateAlone(
        base: string,
        change: (model: Model) => Model,
        operations: string[]
    ): Promise<{
        desired: Model;
        model: Model;
        read: Model;
        tags: Record<string, string>;
    }> {
        const [create] = withFreshUsername(sets[base].create);
        const previous = succeeded(
            await driver.create(create, { systemTags: SYSTEM_TAGS })
        );
        const { Password: _password, ...rest } = create;
        const desired = change({ ...rest, ...identifierOf(previous) });
        try {
            const operation = await driver.update(desired, previous, {
                systemTags: SYSTEM_TAGS,
            });
            const model = succeeded(operation);
            const sent = [
                ...new Set(
                    mutatingCalls(operation.calls).map((call) => call.operation)
                ),
            ];
            expect(sent.sort()).toEqual([...operations].sort());
            const read = succeeded(await driver.read(model));
            const tags = storedUser(emulator.snapshot(), create.Username)?.tags ?? {};
            return { desired, model, read, tags };
        } finally {
            await driver.delete(previous);
        }
    }

    it('has a case for every updatable property of the schema', () => {
        expect(UPDATABLE.filter((property) => !(property in CASES))).toEqual([]);
    });

    it.each(UPDATABLE.filter((property) => property in CASES))(
        '%s alone: only its calls are sent, and the read equals the new model',
        async (property) => {
            const { base, value, operations } = CASES[property];
            const { desired, model, read } = await updateAlone(
                base,
                (model) => ({ ...model, [property]: value }),
                operations
            );
            expect(modelDifferences(desired, model)).toEqual([]);
            expect(modelDifferences(desired, read)).toEqual([]);
        }
    );

    it('all together: every property changed in one update', async () => {
        const { desired, read } = await updateAlone(
            'inputs_2',
            (model) => ({
                ...model,
                ...Object.fromEntries(
                    ['RoutingProfileArn', 'SecurityProfileArns', 'HierarchyGroupArn']
                        .concat([
                            'IdentityInfo',
                            'PhoneConfig',
                            'Tags',
                            'UserProficiencies',
                        ])
                        .map((property) => [property, CASES[property].value])
                ),
            }),
            [
                'UpdateUserRoutingProfile',
                'UpdateUserSecurityProfiles',
                'UpdateUserHierarchy',
                'UpdateUserIdentityInfo',
                'UpdateUserConfig',
                'TagResource',
                'UntagResource',
                'AssociateUserProficiencies',
                'DisassociateUserProficiencies',
                'UpdateUserProficiencies',
            ]
        );
        expect(modelDifferences(desired, read)).toEqual([]);
    });

    it('removes the hierarchy group, every proficiency and every model tag when the properties go', async () => {
        const { read, tags } = await updateAlone(
            'inputs_2',
            ({
                HierarchyGroupArn: _group,
                UserProficiencies: _skills,
                Tags: _tags,
                ...model
            }) => model,
            ['UpdateUserHierarchy', 'DisassociateUserProficiencies', 'UntagResource']
        );
        expect(read).not.toHaveProperty('HierarchyGroupArn');
        expect(read).not.toHaveProperty('UserProficiencies');
        expect(read).not.toHaveProperty(TAG_PROPERTY);
        expect(tags).toEqual(SYSTEM_TAGS);
    });

    // Known gap: Amazon Connect has no call that unsets a channel's setting
    // (UpdateUserConfig sets the channels it names and keeps the others), so a
    // channel left out of a list keeps its last setting and the read still
    // shows it. `it.failing` turns red once the handler makes this converge.
    it.failing('drops a channel left out of a per-channel list', async () => {
        const value = [
            { Channel: 'VOICE', AutoAccept: true, AgentFirstCallbackAutoAccept: false },
        ];
        const { desired, read } = await updateAlone(
            'inputs_5',
            (model) => ({ ...model, AutoAcceptConfigs: value }),
            ['UpdateUserConfig']
        );
        expect(modelDifferences(desired, read)).toEqual([]);
    });
});

describe('tags', () => {
    let emulator: Emulator;
    let driver: ContractDriver;
    const STACK_TAGS = { costCentre: '42', project: 'apollo' };
    const NEW_STACK_TAGS = { costCentre: '43', department: 'operations' };

    beforeAll(async () => {
        emulator = await newEmulator();
        driver = new ContractDriver(emulator, 'tags');
    });

    afterAll(async () => {
        await emulator.close();
    });

    it('applies model, stack and system tags; updates add, change and remove them, never aws: keys', async () => {
        const [create] = withFreshUsername(INPUT_SETS[0].create);
        const creating = await driver.create(create, {
            stackTags: STACK_TAGS,
            systemTags: SYSTEM_TAGS,
        });
        const created = succeeded(creating);
        const createCall = creating.calls.find(
            (call) => call.operation === 'CreateUser'
        );
        expect(createCall?.params.Tags).toEqual({
            ...SYSTEM_TAGS,
            ...STACK_TAGS,
            ...tagMap(create.Tags),
            [CREATE_REQUEST_TAG]: expect.any(String),
        });
        expect(countOperations(creating.calls).TagResource).toBeUndefined();
        const stored = () => storedUser(emulator.snapshot(), create.Username)?.tags;
        expect(stored()).toEqual({
            ...SYSTEM_TAGS,
            ...STACK_TAGS,
            ...tagMap(create.Tags),
        });
        // Every tag the user holds but aws: ones, the stack's among them: what
        // drift detection expects of Tags.
        const read = succeeded(await driver.read(created, { stackTags: STACK_TAGS }));
        const heldAtFirst = tagList({ ...STACK_TAGS, ...tagMap(create.Tags) });
        expect(modelDifferences({ Tags: heldAtFirst }, read)).toEqual([]);
        expect(modelDifferences({ Tags: heldAtFirst }, created)).toEqual([]);

        // team changes, env goes, owner arrives; the stack's project goes, department arrives.
        const modelTags = { team: 'sales', owner: 'ops' };
        const desired = { ...created, Tags: tagList(modelTags) };
        const updating = await driver.update(desired, created, {
            previousStackTags: STACK_TAGS,
            stackTags: NEW_STACK_TAGS,
            systemTags: SYSTEM_TAGS,
        });
        const updated = succeeded(updating);
        const held = tagList({ ...NEW_STACK_TAGS, ...modelTags });
        expect(modelDifferences({ Tags: held }, updated)).toEqual([]);
        expect(stored()).toEqual({ ...SYSTEM_TAGS, ...NEW_STACK_TAGS, ...modelTags });
        const touched = updating.calls.flatMap((call) => [
            ...Object.keys((call.params.tags as object | undefined) ?? {}),
            ...((call.params.tagKeys as string[] | undefined) ?? []),
        ]);
        expect(touched.filter((key) => key.toLowerCase().startsWith('aws:'))).toEqual(
            []
        );
        const reread = succeeded(
            await driver.read(updated, { stackTags: NEW_STACK_TAGS })
        );
        expect(modelDifferences({ Tags: held }, reread)).toEqual([]);

        const { Tags: _tags, ...untagged } = updated;
        const clearing = await driver.update(untagged, updated, {
            previousStackTags: NEW_STACK_TAGS,
            stackTags: NEW_STACK_TAGS,
            systemTags: SYSTEM_TAGS,
        });
        expect(succeeded(clearing)[TAG_PROPERTY]).toEqual(tagList(NEW_STACK_TAGS));
        expect(stored()).toEqual({ ...SYSTEM_TAGS, ...NEW_STACK_TAGS });
        succeeded(await driver.delete(updated));
    });
});

describe('fault tolerance', () => {
    let emulator: Emulator;
    let driver: ContractDriver;
    const sets = Object.fromEntries(INPUT_SETS.map((set) => [set.name, set]));

    beforeAll(async () => {
        emulator = await newEmulator();
        driver = new ContractDriver(emulator, 'fault tolerance');
    });

    afterEach(() => {
        emulator.clearFaults();
    });

    afterAll(async () => {
        await emulator.close();
    });

    /** The user as Connect should hold it after a create of `model`. */
    function expectStoredAsCreated(model: Model) {
        const user = storedUser(emulator.snapshot(), model.Username);
        expect(user).toBeDefined();
        expect(user?.tags).toEqual({ ...SYSTEM_TAGS, ...tagMap(model.Tags) });
        const wanted = ((model.UserProficiencies ?? []) as Model[]).map((item) => ({
            ...item,
        }));
        expect(user?.proficiencies).toEqual(
            expect.arrayContaining(wanted.map((item) => expect.objectContaining(item)))
        );
        expect(user?.proficiencies).toHaveLength(wanted.length);
    }

    it.each([
        ['AssociateUserProficiencies', 'throttle'],
        ['UntagResource', 'error500'],
        ['CreateUser', 'drop'],
        ['CreateUser', 'lose-answer'],
    ] as const)(
        'completes a create when %s fails once (%s)',
        async (operation, kind) => {
            const [create] = withFreshUsername(sets.inputs_2.create);
            const before = usersOf(emulator.snapshot());
            emulator.injectFault({ operation, count: 1, kind });
            const created = await driver.create(create, { systemTags: SYSTEM_TAGS });
            const model = succeeded(created);
            expect(
                created.calls
                    .filter((call) => call.fault === kind)
                    .map((call) => call.operation)
            ).toEqual([operation]);
            expect(modelDifferences(create, model)).toEqual([]);
            expectStoredAsCreated(create);
            expect(Object.keys(usersOf(emulator.snapshot()))).toHaveLength(
                Object.keys(before).length + 1
            );
            succeeded(await driver.delete(model));
            expect(usersOf(emulator.snapshot())).toEqual(before);
        }
    );

    /** A create whose proficiency step fails past the SDK's five attempts. */
    async function createFailingAtProficiencies(create: Model) {
        emulator.injectFault({
            operation: 'AssociateUserProficiencies',
            count: 5,
            kind: 'error500',
        });
        const operation = await driver.create(create, { systemTags: SYSTEM_TAGS });
        expect(operation.final.status).toBe('FAILED');
        expect(operation.final.errorCode).toBe('ServiceInternalError');
        const last = operation.events[operation.events.length - 2];
        expect(last?.status).toBe('IN_PROGRESS');
        return last;
    }

    it('fails a create cleanly when a step keeps failing; retrying the step completes it', async () => {
        const [create] = withFreshUsername(sets.inputs_2.create);
        const last = await createFailingAtProficiencies(create);
        const retried = await driver.create(last.resourceModel ?? {}, {
            callbackContext: last.callbackContext,
            systemTags: SYSTEM_TAGS,
        });
        const model = succeeded(retried);
        expect(modelDifferences(create, model)).toEqual([]);
        expectStoredAsCreated(create);
        succeeded(await driver.delete(model));
    });

    it('fails a create cleanly when a step keeps failing; the rollback delete leaves nothing behind', async () => {
        const [create] = withFreshUsername(sets.inputs_2.create);
        const before = usersOf(emulator.snapshot());
        const last = await createFailingAtProficiencies(create);
        succeeded(await driver.delete(last.resourceModel ?? {}));
        expect(usersOf(emulator.snapshot())).toEqual(before);
    });

    it.each([
        ['UpdateUserSecurityProfiles', 'throttle'],
        ['TagResource', 'throttle'],
        ['UpdateUserHierarchy', 'drop'],
    ] as const)(
        'completes an update when %s fails once (%s)',
        async (operation, kind) => {
            const [create, update] = withFreshUsername(
                sets.inputs_1.create,
                sets.inputs_1.update
            );
            const created = succeeded(
                await driver.create(create, { systemTags: SYSTEM_TAGS })
            );
            emulator.injectFault({ operation, count: 1, kind });
            const desired = { ...update, ...identifierOf(created) };
            const model = succeeded(
                await driver.update(desired, created, { systemTags: SYSTEM_TAGS })
            );
            expect(modelDifferences(update, model)).toEqual([]);
            expect(storedUser(emulator.snapshot(), create.Username)?.tags).toEqual({
                ...SYSTEM_TAGS,
                ...tagMap(update.Tags),
            });
            succeeded(await driver.delete(model));
        }
    );

    it.each([
        'UpdateUserSecurityProfiles',
        'TagResource',
        'AssociateUserProficiencies',
    ])(
        'fails an update cleanly when %s keeps failing; both a retry and the rollback converge',
        async (operation) => {
            const [create, update] = withFreshUsername(
                sets.inputs_1.create,
                sets.inputs_1.update
            );
            const created = succeeded(
                await driver.create(create, { systemTags: SYSTEM_TAGS })
            );
            const original = usersOf(emulator.snapshot());
            // As CloudFormation sends them: both templates keep the password.
            const desired = {
                ...update,
                Password: create.Password,
                ...identifierOf(created),
            };
            const previous = { ...create, ...identifierOf(created) };
            const options = { systemTags: SYSTEM_TAGS };

            // CloudFormation's rollback: the previous template's model, with the failed one as previous.
            emulator.injectFault({ operation, count: 5, kind: 'error500' });
            const failing = await driver.update(desired, previous, options);
            expect(failing.final.status).toBe('FAILED');
            expect(failing.final.errorCode).toBe('ServiceInternalError');
            succeeded(await driver.update(previous, desired, options));
            expect(usersOf(emulator.snapshot())).toEqual(original);

            // A retry of the same update after the failure.
            emulator.injectFault({ operation, count: 5, kind: 'error500' });
            expect((await driver.update(desired, previous, options)).final.status).toBe(
                'FAILED'
            );
            const model = succeeded(await driver.update(desired, previous, options));
            expect(modelDifferences(update, model)).toEqual([]);
            const user = storedUser(emulator.snapshot(), create.Username);
            expect(user?.tags).toEqual({ ...SYSTEM_TAGS, ...tagMap(update.Tags) });
            expect(user?.proficiencies).toHaveLength(
                ((update.UserProficiencies as unknown[]) ?? []).length
            );
            succeeded(await driver.delete(model));
        }
    );
});

describe('the largest input: 10 security profiles, 50 tags, 45 proficiencies', () => {
    let emulator: Emulator;
    let driver: ContractDriver;
    const label = 'largest';
    const username = uniqueUsername({
        ...INPUT_SETS[0].create,
        Username: 'cfn-largest',
    });
    const create = largeCreate(username);
    const update = largeUpdate(username);
    let created: Model | undefined;
    let updated: Model | undefined;

    beforeAll(async () => {
        emulator = await newEmulator(largeSeed());
        driver = new ContractDriver(emulator, label);
    });

    afterAll(async () => {
        await emulator.close();
    });

    it('creates it in batches of 20 proficiencies, the tags beside the marker inline; read equals the input', async () => {
        // As cfn test sends it, without CloudFormation's system tags (see the stack case below).
        const operation = await driver.create(create);
        created = succeeded(operation);
        expect(modelDifferences(create, created)).toEqual([]);
        // The marker takes one of CreateUser's 50 tags: the 50th goes by TagResource.
        expect(operation.events.map((event) => event.status)).toEqual([
            'IN_PROGRESS',
            'IN_PROGRESS',
            'IN_PROGRESS',
            'IN_PROGRESS',
            'SUCCESS',
        ]);
        const read = await driver.read(created);
        expect(modelDifferences(create, succeeded(read))).toEqual([]);
        budget.push(budgetRow('create', label, operation, minimumCreate(create)));
        budget.push(budgetRow('read', label, read, minimumRead(create)));
    });

    it('updates profiles, proficiencies and tags with the fewest calls', async () => {
        if (!created) throw new Error('the create step did not succeed');
        const operation = await driver.update(
            { ...update, ...identifierOf(created) },
            created
        );
        updated = succeeded(operation);
        expect(modelDifferences(update, updated)).toEqual([]);
        expect(modelDifferences(update, succeeded(await driver.read(updated)))).toEqual(
            []
        );
        budget.push(
            budgetRow('update', label, operation, minimumUpdate(created, update))
        );

        const unchanged = await driver.update(
            { ...update, ...identifierOf(created) },
            updated
        );
        succeeded(unchanged);
        expect(mutatingCalls(unchanged.calls)).toEqual([]);
        budget.push(
            budgetRow(
                'update (no change)',
                label,
                unchanged,
                minimumUpdate(update, update)
            )
        );
    });

    it('lists it among more than a page of users', async () => {
        if (!created) throw new Error('the create step did not succeed');
        await addUsersDirectly(emulator.url, create, USERS_PAGE);
        const users = USERS_PAGE + 1;
        const listing = await driver.listAll({ InstanceArn: create.InstanceArn });
        expect(listing.events).toHaveLength(2);
        expect(listing.models).toHaveLength(users);
        expect(listing.models).toContainEqual(
            expect.objectContaining(identifierOf(created))
        );
        budget.push(
            budgetRow('list', `${label} (${users} users)`, listing, minimumList(users))
        );
    });

    it('deletes it with one call', async () => {
        const model = updated ?? created;
        if (!model) throw new Error('the create step did not succeed');
        const operation = await driver.delete(model);
        succeeded(operation);
        budget.push(budgetRow('delete', label, operation, minimumDelete()));
    });

    it('replays a proficiency batch that was already applied without duplicating or losing any', async () => {
        const replay = largeCreate(uniqueUsername(create));
        const first = await driver.create(replay, { drive: false });
        const batch0 = first.final;
        expect(batch0.status).toBe('IN_PROGRESS');
        const second = await driver.create(batch0.resourceModel ?? {}, {
            drive: false,
            callbackContext: batch0.callbackContext,
        });
        expect(second.final.status).toBe('IN_PROGRESS');
        // CloudFormation did not hear back and sends the first batch again.
        const replayed = await driver.create(batch0.resourceModel ?? {}, {
            callbackContext: batch0.callbackContext,
        });
        const model = succeeded(replayed);
        expect(modelDifferences(replay, model)).toEqual([]);
        const user = storedUser(emulator.snapshot(), replay.Username);
        expect(user?.proficiencies).toHaveLength(45);
        succeeded(await driver.delete(model));
    });
});

describe('a stack with the largest input', () => {
    let emulator: Emulator;

    beforeAll(async () => {
        emulator = await newEmulator(largeSeed());
    });

    afterAll(async () => {
        await emulator.close();
    });

    it('creates a user with 50 tags inside a stack, whose system tags do not count', async () => {
        const driver = new ContractDriver(emulator, 'largest in a stack');
        const create = largeCreate(
            uniqueUsername({ ...INPUT_SETS[0].create, Username: 'cfn-stack' })
        );
        const model = succeeded(
            await driver.create(create, { systemTags: SYSTEM_TAGS })
        );
        expect(modelDifferences(create, model)).toEqual([]);
        expect(storedUser(emulator.snapshot(), create.Username)?.tags).toEqual({
            ...SYSTEM_TAGS,
            ...tagMap(create.Tags),
        });
        succeeded(await driver.delete(model));
    });
});

describe('permission audit', () => {
    it('calls only what each handler declares in its permissions', () => {
        expect(ledger.length).toBeGreaterThan(0);
        const problems = new Set<string>();
        for (const invocation of ledger) {
            const allowed = HANDLER_PERMISSIONS[invocation.action];
            for (const call of invocation.calls) {
                const needed = [`connect:${call.operation}`];
                if (
                    call.operation === 'CreateUser' &&
                    Object.keys((call.params.Tags as object | undefined) ?? {}).length
                ) {
                    needed.push('connect:TagResource');
                }
                for (const permission of needed.filter((name) => !allowed.has(name))) {
                    problems.add(
                        `${invocation.action} called ${call.operation}, which needs ${permission}`
                    );
                }
            }
        }
        expect([...problems]).toEqual([]);
    });

    it('uses every permission the schema lists, handler by handler and for tagging', () => {
        const used = new Set<string>();
        for (const invocation of ledger) {
            for (const call of invocation.calls) {
                used.add(`${invocation.action} connect:${call.operation}`);
                used.add(`any connect:${call.operation}`);
                if (
                    call.operation === 'CreateUser' &&
                    Object.keys((call.params.Tags as object | undefined) ?? {}).length
                ) {
                    used.add(`${invocation.action} connect:TagResource`);
                    used.add('any connect:TagResource');
                }
            }
        }
        const unused = [
            ...Object.entries(HANDLER_PERMISSIONS).flatMap(([action, permissions]) =>
                [...permissions]
                    .filter((permission) => !used.has(`${action} ${permission}`))
                    .map((permission) => `${action} ${permission}`)
            ),
            ...TAGGING_PERMISSIONS.filter(
                (permission) => !used.has(`any ${permission}`)
            ).map((permission) => `tagging ${permission}`),
        ];
        expect(unused).toEqual([]);
    });
});

describe('API-call budget', () => {
    it('measured every action for inputs_1 and for the largest input', () => {
        const measured = budget.map(
            (row) => `${row.action} ${row.input.split(' ')[0]}`
        );
        const expected = [
            'create',
            'read',
            'update',
            'update (no change)',
            'delete',
            'list',
        ];
        const missing = ['inputs_1', 'largest'].flatMap((input) =>
            expected
                .map((action) => `${action} ${input}`)
                .filter((entry) => !measured.includes(entry))
        );
        expect(missing).toEqual([]);
    });

    it('never makes more Connect calls than the minimum', () => {
        const over = budget
            .filter((row) => row.total > row.minimum)
            .map(
                (row) =>
                    `${row.action} ${row.input}: ${row.total} calls, minimum ${row.minimum}`
            );
        expect(over).toEqual([]);
    });
});

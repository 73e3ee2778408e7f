import {
    GetResourceCommand,
    UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import {
    createUser,
    desiredUser,
    type Harness,
    INSTANCE,
    type Json,
    PASSWORD,
    rejection,
    settled,
    startHarness,
    TYPE_NAME,
} from './harness';

let harness: Harness;
let userArn: string;

beforeAll(async () => {
    harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(async () => {
    harness.emulator.reset();
    const created = await createUser(harness.client, desiredUser('cc-update'));
    userArn = String(created.Identifier);
    harness.emulator.resetCalls();
});
afterEach(() => {
    expect(harness.texts.filter((text) => text.includes(PASSWORD))).toEqual([]);
});

const update = (patch: unknown, identifier = userArn) =>
    harness.client.send(
        new UpdateResourceCommand({
            TypeName: TYPE_NAME,
            Identifier: identifier,
            PatchDocument: typeof patch === 'string' ? patch : JSON.stringify(patch),
        })
    );

const read = async () =>
    JSON.parse(
        String(
            (
                await harness.client.send(
                    new GetResourceCommand({ TypeName: TYPE_NAME, Identifier: userArn })
                )
            ).ResourceDescription?.Properties
        )
    ) as Json;

const user = () => harness.emulator.snapshot().instances[0].users[0];

describe('UpdateResource', () => {
    it('applies every RFC 6902 operation to the state READ returns, and the handler updates only what changed', async () => {
        const answer = await update([
            { op: 'test', path: '/Username', value: 'cc-update' },
            { op: 'add', path: '/Tags/-', value: { Key: 'tier', Value: 'gold' } },
            { op: 'replace', path: '/Tags/0/Value', value: 'green' },
            {
                op: 'copy',
                from: '/SecurityProfileArns/0',
                path: '/SecurityProfileArns/-',
            },
            {
                op: 'replace',
                path: '/SecurityProfileArns/1',
                value: INSTANCE.securityProfileArns[1],
            },
            {
                op: 'add',
                path: '/HierarchyGroupArn',
                value: INSTANCE.hierarchyGroupArns[0],
            },
            { op: 'move', from: '/HierarchyGroupArn', path: '/HierarchyGroupArn' },
            { op: 'remove', path: '/UserProficiencies' },
        ]);
        expect(answer.ProgressEvent).toMatchObject({
            Operation: 'UPDATE',
            Identifier: userArn,
            OperationStatus: 'IN_PROGRESS',
        });
        const final = await settled(harness.client, answer.ProgressEvent?.RequestToken);
        expect(final.OperationStatus).toBe('SUCCESS');

        expect(await read()).toMatchObject({
            Tags: expect.arrayContaining([
                { Key: 'team', Value: 'green' },
                { Key: 'tier', Value: 'gold' },
            ]),
            SecurityProfileArns: expect.arrayContaining(
                INSTANCE.securityProfileArns.slice(0, 2)
            ),
            HierarchyGroupArn: INSTANCE.hierarchyGroupArns[0],
        });
        expect(user().proficiencies).toEqual([]);
        const writes = harness.emulator
            .calls()
            .map((call) => call.operation)
            .filter((operation) => !/^(Describe|List)/.test(operation));
        expect(writes.sort()).toEqual([
            'DisassociateUserProficiencies',
            'TagResource',
            'UpdateUserHierarchy',
            'UpdateUserSecurityProfiles',
        ]);
    });

    it('needs no Password: the previous state is READ, which never holds one, and a patch that leaves it alone succeeds', async () => {
        const answer = await update([
            { op: 'replace', path: '/IdentityInfo/FirstName', value: 'Renamed' },
        ]);
        const final = await settled(harness.client, answer.ProgressEvent?.RequestToken);
        expect(final.OperationStatus).toBe('SUCCESS');
        expect(JSON.parse(String(final.ResourceModel))).not.toHaveProperty('Password');
        expect(user().identityInfo?.FirstName).toBe('Renamed');
    });

    it.each([
        [
            'a create-only property',
            [{ op: 'replace', path: '/Username', value: 'cc-renamed' }],
            'Invalid patch update: createOnlyProperties [/properties/Username] cannot be updated',
        ],
        [
            'create-only properties moved away',
            [{ op: 'move', from: '/InstanceArn', path: '/DirectoryUserId' }],
            'Invalid patch update: createOnlyProperties [/properties/InstanceArn, /properties/DirectoryUserId] cannot be updated',
        ],
        [
            'the read-only identifier',
            [{ op: 'remove', path: '/UserArn' }],
            'Invalid patch update: readOnlyProperties [/properties/UserArn] cannot be updated',
        ],
    ])(
        'refuses a patch that writes %s with NotUpdatableException naming it, and sends nothing',
        async (_case, patch, message) => {
            const error = await rejection(update(patch));
            expect(error.name).toBe('NotUpdatableException');
            expect(error.message).toBe(message);
            expect(harness.emulator.calls()).toEqual([]);
        }
    );

    it('takes a patch that adds the write-only Password, as awscc sends one on every update, and changes nothing for it', async () => {
        const answer = await update([
            { op: 'add', path: '/Password', value: 'New1Password' },
        ]);
        const final = await settled(harness.client, answer.ProgressEvent?.RequestToken);
        expect(final.OperationStatus).toBe('SUCCESS');
        expect(JSON.stringify(final)).not.toContain('New1Password');
        const mutating = harness.emulator
            .calls()
            .filter(
                (call) =>
                    !['DescribeUser', 'ListUserProficiencies'].includes(call.operation)
            );
        expect(mutating).toEqual([]);
    });

    it('refuses a patch whose result the schema refuses with ValidationException naming the property', async () => {
        const error = await rejection(
            update([{ op: 'remove', path: '/RoutingProfileArn' }])
        );
        expect(error.name).toBe('ValidationException');
        expect(error.message).toBe(
            'Model validation failed (RoutingProfileArn is required)'
        );
        expect(harness.emulator.calls().map((call) => call.operation)).not.toContain(
            'UpdateUserRoutingProfile'
        );
    });

    it.each([
        ['not JSON', '[{"op":', 'ValidationException'],
        ['not an array', { op: 'remove', path: '/Tags' }, 'ValidationException'],
        [
            'an unknown operation',
            [{ op: 'merge', path: '/Tags', value: [] }],
            'ValidationException',
        ],
    ])('refuses a patch that is %s', async (_case, patch, name) => {
        const error = await rejection(update(patch));
        expect(error.name).toBe(name);
        expect(
            harness.emulator
                .calls()
                .some((call) => call.operation.startsWith('UpdateUser'))
        ).toBe(false);
    });

    it.each([
        [
            [{ op: 'replace', path: '/Password', value: 'Secret1Value' }],
            '[REPLACE Operation] noSuchPath in source, path provided : /Password',
        ],
        [
            [{ op: 'remove', path: '/HierarchyGroupArn' }],
            '[REMOVE Operation] noSuchPath in source, path provided : /HierarchyGroupArn',
        ],
        [
            [{ op: 'test', path: '/Username', value: 'Secret1Value' }],
            '[TEST Operation] testFailed in source, path provided : /Username',
        ],
        [
            [{ op: 'copy', from: '/Tags/7', path: '/Tags/0' }],
            '[COPY Operation] noSuchPath in source, from provided : /Tags/7',
        ],
        [
            [
                {
                    op: 'add',
                    path: '/Tags/9',
                    value: { Key: 'k', Value: 'Secret1Value' },
                },
            ],
            '[ADD Operation] indexOutOfBounds in source, path provided : /Tags/9',
        ],
    ])(
        'refuses a patch the READ state cannot take, %j, with ValidationException naming the operation and path, never the value',
        async (patch, message) => {
            const error = await rejection(update(patch));
            expect(error.name).toBe('ValidationException');
            expect(error.message).toBe(message);
            expect(harness.texts.join('\n')).not.toContain('Secret1Value');
            expect(
                harness.emulator
                    .calls()
                    .some((call) => !/^(Describe|List)/.test(call.operation))
            ).toBe(false);
        }
    );

    it('answers an unknown identifier with ResourceNotFoundException', async () => {
        const error = await rejection(
            update(
                [{ op: 'replace', path: '/Tags', value: [] }],
                INSTANCE.userArn('00000000-0000-4000-8000-000000000000')
            )
        );
        expect(error.name).toBe('ResourceNotFoundException');
    });
});

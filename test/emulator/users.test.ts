import {
    CreateUserCommand,
    DeleteUserCommand,
    DescribeInstanceCommand,
    DescribeUserCommand,
    DuplicateResourceException,
    InvalidParameterException,
    InvalidRequestException,
    ListInstancesCommand,
    ListPredefinedAttributesCommand,
    ListRoutingProfilesCommand,
    ListSecurityProfilesCommand,
    ListUserHierarchyGroupsCommand,
    ListUsersCommand,
    ResourceNotFoundException,
    UpdateUserHierarchyCommand,
    UpdateUserIdentityInfoCommand,
    UpdateUserRoutingProfileCommand,
    UpdateUserSecurityProfilesCommand,
    type CreateUserCommandInput,
} from '@aws-sdk/client-connect';
import {
    directory,
    managed,
    PASSWORD,
    saml,
    useHarness,
    uniqueUsername,
    validCreateUser,
} from './helpers';

const harness = useHarness();

const create = (input: CreateUserCommandInput) =>
    harness.client.send(new CreateUserCommand(input));
const describe_ = (instanceId: string, userId: string) =>
    harness.client.send(
        new DescribeUserCommand({ InstanceId: instanceId, UserId: userId })
    );

describe('CreateUser, DescribeUser, DeleteUser', () => {
    it('creates a user that DescribeUser returns with IDs, not ARNs, and no password', async () => {
        const created = await create(
            validCreateUser(managed, {
                Username: 'jdoe',
                SecurityProfileIds: managed.securityProfileIds.slice(0, 2),
                RoutingProfileId: managed.routingProfileIds[1],
                HierarchyGroupId: managed.hierarchyGroupIds[1],
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: false },
                Tags: { team: 'blue' },
            })
        );
        expect(created.UserArn).toBe(managed.userArn(created.UserId!));

        const { User } = await describe_(managed.id, created.UserId!);
        expect(User).toEqual({
            Id: created.UserId,
            Arn: created.UserArn,
            Username: 'jdoe',
            IdentityInfo: {
                FirstName: 'Jane',
                LastName: 'Doe',
                Email: 'jane@example.com',
            },
            PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: false },
            SecurityProfileIds: managed.securityProfileIds.slice(0, 2),
            RoutingProfileId: managed.routingProfileIds[1],
            HierarchyGroupId: managed.hierarchyGroupIds[1],
            Tags: { team: 'blue' },
            LastModifiedTime: expect.any(Date),
            LastModifiedRegion: 'us-east-1',
        });
        expect(JSON.stringify(User)).not.toContain(PASSWORD);
    });

    it('omits HierarchyGroupId and PhoneConfig when they were never set', async () => {
        const created = await create(validCreateUser(managed));
        const { User } = await describe_(managed.id, created.UserId!);
        expect(User).not.toHaveProperty('HierarchyGroupId');
        expect(User).not.toHaveProperty('PhoneConfig');
    });

    it('accepts the instance ARN and the user ARN as identifiers', async () => {
        const created = await create(
            validCreateUser(managed, { InstanceId: managed.arn })
        );
        const { User } = await describe_(managed.arn, created.UserArn!);
        expect(User?.Id).toBe(created.UserId);
    });

    it('refuses a duplicate username in the same instance with DuplicateResourceException', async () => {
        await create(validCreateUser(managed, { Username: 'twin' }));
        await expect(
            create(validCreateUser(managed, { Username: 'twin' }))
        ).rejects.toMatchObject({
            name: 'DuplicateResourceException',
            $metadata: { httpStatusCode: 409 },
        });
        // the same name in another instance is fine
        await expect(
            create(validCreateUser(saml, { Username: 'twin' }))
        ).resolves.toBeDefined();
    });

    it('answers ResourceNotFoundException for an unknown instance or user', async () => {
        const unknownInstance = '99999999-9999-4999-8999-999999999999';
        await expect(
            create(validCreateUser(managed, { InstanceId: unknownInstance }))
        ).rejects.toBeInstanceOf(ResourceNotFoundException);
        const error = await describe_(managed.id, 'no-such-user').catch(
            (e: unknown) => e
        );
        expect(error).toBeInstanceOf(ResourceNotFoundException);
        expect(error).toMatchObject({ $metadata: { httpStatusCode: 404 } });
    });

    it('deletes a user, after which it is not found', async () => {
        const created = await create(validCreateUser(managed));
        await harness.client.send(
            new DeleteUserCommand({ InstanceId: managed.id, UserId: created.UserId })
        );
        await expect(describe_(managed.id, created.UserId!)).rejects.toBeInstanceOf(
            ResourceNotFoundException
        );
        await expect(
            harness.client.send(
                new DeleteUserCommand({
                    InstanceId: managed.id,
                    UserId: created.UserId,
                })
            )
        ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
});

describe('ListUsers', () => {
    it('pages with nextToken and maxResults and returns every user once', async () => {
        const names = Array.from({ length: 7 }, () => uniqueUsername('page'));
        for (const Username of names)
            await create(validCreateUser(managed, { Username }));

        const seen: string[] = [];
        let NextToken: string | undefined;
        let pages = 0;
        do {
            const page = await harness.client.send(
                new ListUsersCommand({
                    InstanceId: managed.id,
                    MaxResults: 3,
                    NextToken,
                })
            );
            expect(page.UserSummaryList!.length).toBeLessThanOrEqual(3);
            seen.push(...page.UserSummaryList!.map((u) => u.Username!));
            NextToken = page.NextToken;
            pages++;
        } while (NextToken);
        expect(pages).toBe(3);
        expect(seen.sort()).toEqual([...names].sort());
    });

    it('lists only the users of the instance asked for', async () => {
        await create(validCreateUser(managed));
        const page = await harness.client.send(
            new ListUsersCommand({ InstanceId: saml.id })
        );
        expect(page.UserSummaryList).toEqual([]);
        expect(page.NextToken).toBeUndefined();
    });

    it.each([
        ['a token that was never issued', { NextToken: 'bm90LWEtdG9rZW4' }],
        ['maxResults above 1000', { MaxResults: 1001 }],
        ['maxResults of 0', { MaxResults: 0 }],
    ])('refuses %s with InvalidParameterException', async (_case, input) => {
        await expect(
            harness.client.send(
                new ListUsersCommand({ InstanceId: managed.id, ...input })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
    });

    it('refuses a token issued for another instance', async () => {
        for (let i = 0; i < 2; i++) await create(validCreateUser(managed));
        const first = await harness.client.send(
            new ListUsersCommand({ InstanceId: managed.id, MaxResults: 1 })
        );
        await expect(
            harness.client.send(
                new ListUsersCommand({
                    InstanceId: saml.id,
                    NextToken: first.NextToken,
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
    });
});

describe('identity management rules', () => {
    it.each([
        ['CONNECT_MANAGED without Password', managed, { Password: undefined }],
        ['SAML with a Password', saml, { Password: PASSWORD }],
        ['EXISTING_DIRECTORY with a Password', directory, { Password: PASSWORD }],
        [
            'CONNECT_MANAGED with a DirectoryUserId',
            managed,
            { DirectoryUserId: 'dir-1' },
        ],
        ['SAML with a DirectoryUserId', saml, { DirectoryUserId: 'dir-1' }],
        [
            'CONNECT_MANAGED without FirstName',
            managed,
            { IdentityInfo: { LastName: 'Doe', Email: 'jane@example.com' } },
        ],
        ['SAML without LastName', saml, { IdentityInfo: { FirstName: 'Jane' } }],
        [
            'SAML with an Email',
            saml,
            {
                IdentityInfo: {
                    FirstName: 'Jane',
                    LastName: 'Doe',
                    Email: 'jane@example.com',
                },
            },
        ],
    ] as const)(
        'refuses %s with InvalidRequestException',
        async (_case, instance, overrides) => {
            await expect(
                create(validCreateUser(instance, overrides))
            ).rejects.toBeInstanceOf(InvalidRequestException);
            const { UserSummaryList } = await harness.client.send(
                new ListUsersCommand({ InstanceId: instance.id })
            );
            expect(UserSummaryList).toEqual([]);
        }
    );

    it('accepts CONNECT_MANAGED with FirstName and LastName but no Email', async () => {
        const created = await create(
            validCreateUser(managed, {
                IdentityInfo: { FirstName: 'Jane', LastName: 'Doe' },
            })
        );
        const { User } = await describe_(managed.id, created.UserId!);
        expect(User?.IdentityInfo).toEqual({ FirstName: 'Jane', LastName: 'Doe' });
    });

    it.each([
        'short1A',
        'alllowercase1',
        'ALLUPPERCASE1',
        'NoDigitsHere',
        'A1' + 'a'.repeat(63),
    ])(
        'refuses the password %p as too weak with InvalidParameterException',
        async (Password) => {
            await expect(
                create(validCreateUser(managed, { Password }))
            ).rejects.toBeInstanceOf(InvalidParameterException);
        }
    );

    it('accepts a DirectoryUserId and no identity info on EXISTING_DIRECTORY', async () => {
        const created = await create(
            validCreateUser(directory, {
                DirectoryUserId: 'a1b2c3',
                IdentityInfo: undefined,
            })
        );
        const { User } = await describe_(directory.id, created.UserId!);
        expect(User?.DirectoryUserId).toBe('a1b2c3');
        expect(User).not.toHaveProperty('IdentityInfo');
    });

    it('accepts usernames up to 64 characters on SAML but only 20 elsewhere', async () => {
        const long = 'u'.repeat(40);
        await expect(
            create(validCreateUser(saml, { Username: long }))
        ).resolves.toBeDefined();
        await expect(
            create(validCreateUser(managed, { Username: long }))
        ).rejects.toBeInstanceOf(InvalidParameterException);
        await expect(
            create(validCreateUser(saml, { Username: 'u'.repeat(65) }))
        ).rejects.toBeInstanceOf(InvalidParameterException);
    });

    it.each(['has space', 'bad#char', 'half@address', '@example.com'])(
        'refuses the username %p',
        async (Username) => {
            await expect(
                create(validCreateUser(saml, { Username }))
            ).rejects.toBeInstanceOf(InvalidParameterException);
        }
    );

    it('accepts an email-form username', async () => {
        await expect(
            create(validCreateUser(saml, { Username: 'jane.doe@example.com' }))
        ).resolves.toBeDefined();
    });

    it.each([
        ['a malformed Email', { Email: 'not-an-email' }],
        ['a malformed SecondaryEmail', { SecondaryEmail: 'jane@localhost' }],
        [
            'a SecondaryEmail over 265 characters',
            { SecondaryEmail: `${'j'.repeat(254)}@example.com` },
        ],
        ['a Mobile not in E.164', { Mobile: '555-0100' }],
        ['a FirstName over 255 characters', { FirstName: 'x'.repeat(256) }],
        ['a LastName over 256 characters', { LastName: 'x'.repeat(257) }],
        ['a FirstName not in NFC', { FirstName: 'Rene\u0301' }],
    ])('refuses identity info with %s', async (_case, patch) => {
        const request = validCreateUser(managed);
        request.IdentityInfo = { ...request.IdentityInfo, ...patch };
        await expect(create(request)).rejects.toBeInstanceOf(InvalidParameterException);
    });

    it.each([
        ['CONNECT_MANAGED', managed, 255, 256],
        ['SAML', saml, 255, 300],
    ] as const)(
        'accepts names up to the %s bounds (FirstName %d, LastName %d characters)',
        async (_type, instance, first, last) => {
            const request = validCreateUser(instance);
            request.IdentityInfo = {
                ...request.IdentityInfo,
                FirstName: 'é'.repeat(first),
                LastName: '名'.repeat(last),
                SecondaryEmail: 'j.doe+cc@mail.example.org',
            };
            const created = await create(request);
            const { User } = await describe_(instance.id, created.UserId!);
            expect(User?.IdentityInfo?.LastName).toHaveLength(last);
            const longer = validCreateUser(instance);
            longer.IdentityInfo = {
                ...longer.IdentityInfo,
                LastName: 'x'.repeat(last + 1),
            };
            await expect(create(longer)).rejects.toBeInstanceOf(
                InvalidParameterException
            );
        }
    );

    it('UpdateUserIdentityInfo replaces the whole IdentityInfo and keeps the same rules', async () => {
        const created = await create(
            validCreateUser(managed, {
                IdentityInfo: {
                    FirstName: 'Jane',
                    LastName: 'Doe',
                    Email: 'jane@example.com',
                    Mobile: '+15555550100',
                },
            })
        );
        const update = (IdentityInfo: Record<string, string>) =>
            harness.client.send(
                new UpdateUserIdentityInfoCommand({
                    InstanceId: managed.id,
                    UserId: created.UserId,
                    IdentityInfo,
                })
            );
        await expect(
            update({ LastName: 'Doe', Email: 'janet@example.com' })
        ).rejects.toBeInstanceOf(InvalidRequestException);
        await update({
            FirstName: 'Janet',
            LastName: 'Doe',
            Email: 'janet@example.com',
        });
        const { User } = await describe_(managed.id, created.UserId!);
        expect(User?.IdentityInfo).toEqual({
            FirstName: 'Janet',
            LastName: 'Doe',
            Email: 'janet@example.com',
        });
        await update({ FirstName: 'Janet', LastName: 'Doe' });
        const cleared = await describe_(managed.id, created.UserId!);
        expect(cleared.User?.IdentityInfo).toEqual({
            FirstName: 'Janet',
            LastName: 'Doe',
        });
    });
});

describe('referenced resources', () => {
    it('refuses a routing profile ARN where an ID is expected', async () => {
        const error = await create(
            validCreateUser(managed, {
                RoutingProfileId: managed.routingProfileArns[0],
            })
        ).catch((e: Error) => e);
        expect(error).toBeInstanceOf(InvalidParameterException);
        expect((error as Error).message).toMatch(/RoutingProfileId.*not an ARN/);
    });

    it('refuses profiles and groups of another instance as not found', async () => {
        await expect(
            create(
                validCreateUser(managed, {
                    RoutingProfileId: saml.routingProfileIds[0],
                })
            )
        ).rejects.toBeInstanceOf(ResourceNotFoundException);
        await expect(
            create(
                validCreateUser(managed, {
                    SecurityProfileIds: [saml.securityProfileIds[0]],
                })
            )
        ).rejects.toBeInstanceOf(ResourceNotFoundException);
        await expect(
            create(
                validCreateUser(managed, {
                    HierarchyGroupId: saml.hierarchyGroupIds[0],
                })
            )
        ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it.each([
        ['no security profile', []],
        ['eleven security profiles', Array.from({ length: 11 }, () => 'x')],
    ])('refuses %s', async (_case, SecurityProfileIds) => {
        await expect(
            create(validCreateUser(managed, { SecurityProfileIds }))
        ).rejects.toBeInstanceOf(InvalidParameterException);
    });

    it('updates the routing profile and the security profiles', async () => {
        const created = await create(validCreateUser(managed));
        const ids = { InstanceId: managed.id, UserId: created.UserId };
        await harness.client.send(
            new UpdateUserRoutingProfileCommand({
                ...ids,
                RoutingProfileId: managed.routingProfileIds[2],
            })
        );
        await harness.client.send(
            new UpdateUserSecurityProfilesCommand({
                ...ids,
                SecurityProfileIds: [
                    managed.securityProfileIds[3],
                    managed.securityProfileIds[1],
                ],
            })
        );
        await expect(
            harness.client.send(
                new UpdateUserSecurityProfilesCommand({
                    ...ids,
                    SecurityProfileIds: [],
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
        const { User } = await describe_(managed.id, created.UserId!);
        expect(User?.RoutingProfileId).toBe(managed.routingProfileIds[2]);
        expect(User?.SecurityProfileIds).toEqual([
            managed.securityProfileIds[3],
            managed.securityProfileIds[1],
        ]);
    });

    it('UpdateUserHierarchy sets a group and, without HierarchyGroupId, removes it', async () => {
        const created = await create(validCreateUser(managed));
        const ids = { InstanceId: managed.id, UserId: created.UserId };
        await harness.client.send(
            new UpdateUserHierarchyCommand({
                ...ids,
                HierarchyGroupId: managed.hierarchyGroupIds[2],
            })
        );
        expect(
            (await describe_(managed.id, created.UserId!)).User?.HierarchyGroupId
        ).toBe(managed.hierarchyGroupIds[2]);
        await harness.client.send(new UpdateUserHierarchyCommand(ids));
        expect((await describe_(managed.id, created.UserId!)).User).not.toHaveProperty(
            'HierarchyGroupId'
        );
    });
});

describe('read-only look-ups', () => {
    it('lists the seeded instances and describes one', async () => {
        const { InstanceSummaryList } = await harness.client.send(
            new ListInstancesCommand({})
        );
        expect(
            InstanceSummaryList?.map((i) => [
                i.Id,
                i.InstanceAlias,
                i.IdentityManagementType,
            ])
        ).toEqual([
            [managed.id, 'managed-demo', 'CONNECT_MANAGED'],
            [saml.id, 'saml-demo', 'SAML'],
            [directory.id, 'directory-demo', 'EXISTING_DIRECTORY'],
        ]);
        const { Instance } = await harness.client.send(
            new DescribeInstanceCommand({ InstanceId: saml.arn })
        );
        expect(Instance).toMatchObject({
            Id: saml.id,
            Arn: saml.arn,
            InstanceStatus: 'ACTIVE',
        });
    });

    it('lists routing profiles, security profiles, hierarchy groups and attributes', async () => {
        const InstanceId = managed.id;
        const routing = await harness.client.send(
            new ListRoutingProfilesCommand({ InstanceId })
        );
        expect(
            routing.RoutingProfileSummaryList?.map((r) => [r.Id, r.Arn, r.Name])
        ).toEqual([
            [
                managed.routingProfileIds[0],
                managed.routingProfileArns[0],
                'Basic Routing Profile',
            ],
            [managed.routingProfileIds[1], managed.routingProfileArns[1], 'Sales'],
            [managed.routingProfileIds[2], managed.routingProfileArns[2], 'Support'],
        ]);
        const security = await harness.client.send(
            new ListSecurityProfilesCommand({ InstanceId, MaxResults: 2 })
        );
        expect(security.SecurityProfileSummaryList?.map((s) => s.Name)).toEqual([
            'Agent',
            'Admin',
        ]);
        expect(security.NextToken).toBeDefined();
        const groups = await harness.client.send(
            new ListUserHierarchyGroupsCommand({ InstanceId })
        );
        expect(groups.UserHierarchyGroupSummaryList?.map((g) => g.Arn)).toEqual(
            managed.hierarchyGroupArns
        );
        const attributes = await harness.client.send(
            new ListPredefinedAttributesCommand({ InstanceId })
        );
        expect(attributes.PredefinedAttributeSummaryList?.map((a) => a.Name)).toEqual([
            'Technology',
            'Language',
            'Skill',
        ]);
    });
});

it('raises the SDK exception classes', async () => {
    await create(validCreateUser(managed, { Username: 'classy' }));
    await expect(
        create(validCreateUser(managed, { Username: 'classy' }))
    ).rejects.toBeInstanceOf(DuplicateResourceException);
});

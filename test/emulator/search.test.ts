import {
    AccessDeniedException,
    CreateUserCommand,
    InvalidParameterException,
    ListUsersCommand,
    ResourceNotFoundException,
    SearchUsersCommand,
    paginateSearchUsers,
    type CreateUserCommandInput,
    type SearchUsersCommandInput,
    type TagCondition,
    type UserSearchCriteria,
} from '@aws-sdk/client-connect';
import {
    directory,
    failure,
    managed,
    saml,
    useHarness,
    validCreateUser,
} from './helpers';

const harness = useHarness();

const [NORTH_AMERICA, SEATTLE, AUSTIN] = managed.hierarchyGroupIds;
const [BASIC, SALES, SUPPORT] = managed.routingProfileIds;
const [AGENT, ADMIN, MANAGER, ANALYST] = managed.securityProfileIds;

async function createUser(
    Username: string,
    FirstName: string,
    LastName: string,
    overrides: Partial<CreateUserCommandInput>
): Promise<string> {
    const created = await harness.client.send(
        new CreateUserCommand(
            validCreateUser(managed, {
                Username,
                IdentityInfo: { FirstName, LastName },
                ...overrides,
            })
        )
    );
    return created.UserId!;
}

/** Five users across profiles, groups and tags, created in this order. */
async function createStaff(): Promise<Record<string, string>> {
    return {
        alice: await createUser('alice', 'Alice', 'Smith', {
            RoutingProfileId: BASIC,
            SecurityProfileIds: [AGENT],
            HierarchyGroupId: SEATTLE,
            Tags: { team: 'blue', site: 'sea' },
        }),
        albert: await createUser('albert', 'Albert', 'Jones', {
            RoutingProfileId: SALES,
            SecurityProfileIds: [AGENT, ADMIN],
            HierarchyGroupId: AUSTIN,
            Tags: { team: 'red' },
        }),
        bob: await createUser('bob', 'Bob', 'Smithers', {
            RoutingProfileId: SALES,
            SecurityProfileIds: [MANAGER],
            HierarchyGroupId: NORTH_AMERICA,
            Tags: { team: 'blue' },
        }),
        carol: await createUser('carol', 'Carol', 'Doe', {
            RoutingProfileId: SUPPORT,
            SecurityProfileIds: [ANALYST],
        }),
        Alicia: await createUser('Alicia', 'Alicia', 'Keys', {
            RoutingProfileId: SUPPORT,
            SecurityProfileIds: [AGENT],
            Tags: { team: 'Blue' },
        }),
    };
}

const search = (input: Partial<SearchUsersCommandInput> = {}) =>
    harness.client.send(new SearchUsersCommand({ InstanceId: managed.id, ...input }));

/** The usernames a search finds, in the order it returns them. */
const found = async (input: Partial<SearchUsersCommandInput>): Promise<string[]> =>
    ((await search(input)).Users ?? []).map((user) => user.Username!);

const byString = (
    FieldName: string,
    ComparisonType: 'EXACT' | 'STARTS_WITH' | 'CONTAINS',
    Value: string
): UserSearchCriteria => ({ StringCondition: { FieldName, ComparisonType, Value } });

const tag = (TagKey: string, TagValue: string): TagCondition => ({ TagKey, TagValue });

describe('SearchUsers: what it returns', () => {
    it('returns every user, in creation order, with ApproximateTotalCount, when nothing narrows it', async () => {
        await createStaff();
        const page = await search();
        expect(page.Users?.map((user) => user.Username)).toEqual([
            'alice',
            'albert',
            'bob',
            'carol',
            'Alicia',
        ]);
        expect(page.ApproximateTotalCount).toBe(5);
        expect(page.NextToken).toBeUndefined();
        expect(await found({ SearchCriteria: {}, SearchFilter: {} })).toHaveLength(5);
    });

    it('returns an empty list for an instance with no users', async () => {
        await createStaff();
        const page = await search({ InstanceId: saml.id });
        expect(page.Users).toEqual([]);
        expect(page.ApproximateTotalCount).toBe(0);
    });

    it('summarizes each user: IDs, names only, tags, and AfterContactWorkTimeLimit in milliseconds', async () => {
        const id = await createUser('desk', 'Dee', 'Sk', {
            IdentityInfo: {
                FirstName: 'Dee',
                LastName: 'Sk',
                Email: 'dee@example.com',
                Mobile: '+15555550100',
            },
            RoutingProfileId: SALES,
            SecurityProfileIds: [AGENT, MANAGER],
            HierarchyGroupId: AUSTIN,
            PhoneConfig: {
                PhoneType: 'DESK_PHONE',
                DeskPhoneNumber: '+15555551212',
                AfterContactWorkTimeLimit: 60,
            },
            Tags: { team: 'blue' },
        });
        const { Users } = await search();
        expect(Users).toEqual([
            {
                Arn: managed.userArn(id),
                HierarchyGroupId: AUSTIN,
                Id: id,
                IdentityInfo: { FirstName: 'Dee', LastName: 'Sk' },
                PhoneConfig: {
                    PhoneType: 'DESK_PHONE',
                    AfterContactWorkTimeLimit: 60000,
                    DeskPhoneNumber: '+15555551212',
                },
                RoutingProfileId: SALES,
                SecurityProfileIds: [AGENT, MANAGER],
                Tags: { team: 'blue' },
                Username: 'desk',
            },
        ]);
    });

    it('gives per-channel ACW timeouts in milliseconds too', async () => {
        await createUser('perchannel', 'Per', 'Channel', {
            AfterContactWorkConfigs: [
                {
                    Channel: 'CHAT',
                    AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30 },
                },
            ],
            AutoAcceptConfigs: [{ Channel: 'CHAT', AutoAccept: true }],
        });
        const [user] = (await search()).Users!;
        expect(user.PhoneConfig).toBeUndefined();
        expect(user.AfterContactWorkConfigs).toEqual([
            {
                Channel: 'CHAT',
                AfterContactWorkConfig: { AfterContactWorkTimeLimit: 30000 },
            },
        ]);
        expect(user.AutoAcceptConfigs).toEqual([{ Channel: 'CHAT', AutoAccept: true }]);
    });

    it('shows the DirectoryUserId of a directory user', async () => {
        const [dana] = directory.directoryUsers;
        const created = await harness.client.send(
            new CreateUserCommand(
                validCreateUser(directory, { DirectoryUserId: dana.DirectoryUserId })
            )
        );
        const { Users } = await search({ InstanceId: directory.arn });
        expect(Users).toMatchObject([
            {
                Id: created.UserId,
                DirectoryUserId: dana.DirectoryUserId,
                IdentityInfo: { FirstName: dana.FirstName, LastName: dana.LastName },
            },
        ]);
    });
});

describe('SearchUsers: SearchCriteria', () => {
    beforeEach(createStaff);

    it.each([
        ['Username EXACT', byString('Username', 'EXACT', 'alice'), ['alice']],
        [
            'Username EXACT, case-sensitively',
            byString('Username', 'EXACT', 'Alice'),
            [],
        ],
        [
            'Username STARTS_WITH',
            byString('Username', 'STARTS_WITH', 'al'),
            ['alice', 'albert'],
        ],
        [
            'Username CONTAINS',
            byString('Username', 'CONTAINS', 'li'),
            ['alice', 'Alicia'],
        ],
        [
            'FirstName STARTS_WITH',
            byString('FirstName', 'STARTS_WITH', 'Al'),
            ['alice', 'albert', 'Alicia'],
        ],
        [
            'LastName CONTAINS',
            byString('LastName', 'CONTAINS', 'Smith'),
            ['alice', 'bob'],
        ],
        [
            'RoutingProfileId',
            byString('RoutingProfileId', 'EXACT', SALES),
            ['albert', 'bob'],
        ],
        [
            'SecurityProfileId, any of the user',
            byString('SecurityProfileId', 'EXACT', AGENT),
            ['alice', 'albert', 'Alicia'],
        ],
        [
            'a hierarchy group, EXACT',
            {
                HierarchyGroupCondition: {
                    Value: NORTH_AMERICA,
                    HierarchyGroupMatchType: 'EXACT',
                },
            },
            ['bob'],
        ],
        [
            'a hierarchy group WITH_CHILD_GROUPS',
            {
                HierarchyGroupCondition: {
                    Value: NORTH_AMERICA,
                    HierarchyGroupMatchType: 'WITH_CHILD_GROUPS',
                },
            },
            ['alice', 'albert', 'bob'],
        ],
        [
            'a leaf group WITH_CHILD_GROUPS',
            {
                HierarchyGroupCondition: {
                    Value: SEATTLE,
                    HierarchyGroupMatchType: 'WITH_CHILD_GROUPS',
                },
            },
            ['alice'],
        ],
        [
            'a group of another instance (none)',
            {
                HierarchyGroupCondition: {
                    Value: saml.hierarchyGroupIds[0],
                    HierarchyGroupMatchType: 'WITH_CHILD_GROUPS',
                },
            },
            [],
        ],
        [
            'AndConditions',
            {
                AndConditions: [
                    byString('RoutingProfileId', 'EXACT', SALES),
                    byString('LastName', 'STARTS_WITH', 'Smith'),
                ],
            },
            ['bob'],
        ],
        [
            'OrConditions of AndConditions',
            {
                OrConditions: [
                    byString('Username', 'EXACT', 'carol'),
                    {
                        AndConditions: [
                            byString('SecurityProfileId', 'EXACT', AGENT),
                            {
                                HierarchyGroupCondition: {
                                    Value: NORTH_AMERICA,
                                    HierarchyGroupMatchType: 'WITH_CHILD_GROUPS',
                                },
                            },
                        ],
                    },
                ],
            },
            ['alice', 'albert', 'carol'],
        ],
    ] as Array<[string, UserSearchCriteria, string[]]>)(
        'finds users by %s',
        async (_case, SearchCriteria, usernames) => {
            expect(await found({ SearchCriteria })).toEqual(usernames);
        }
    );

    it('finds a user by resourceId, its user ID', async () => {
        const { Users } = await search({
            SearchCriteria: byString('Username', 'EXACT', 'bob'),
        });
        const bobId = Users![0].Id!;
        expect(
            await found({ SearchCriteria: byString('resourceId', 'EXACT', bobId) })
        ).toEqual(['bob']);
    });
});

describe('SearchUsers: SearchFilter', () => {
    beforeEach(createStaff);

    it.each([
        [
            'a TagCondition (values are case-sensitive)',
            { TagFilter: { TagCondition: tag('team', 'blue') } },
            ['alice', 'bob'],
        ],
        [
            'TagFilter AndConditions',
            { TagFilter: { AndConditions: [tag('team', 'blue'), tag('site', 'sea')] } },
            ['alice'],
        ],
        [
            'TagFilter OrConditions, an OR of ANDs',
            {
                TagFilter: {
                    OrConditions: [
                        [tag('team', 'red')],
                        [tag('team', 'blue'), tag('site', 'sea')],
                    ],
                },
            },
            ['alice', 'albert'],
        ],
        [
            'a UserAttributeFilter TagCondition',
            { UserAttributeFilter: { TagCondition: tag('team', 'Blue') } },
            ['Alicia'],
        ],
        [
            'a UserAttributeFilter HierarchyGroupCondition',
            {
                UserAttributeFilter: {
                    HierarchyGroupCondition: {
                        Value: NORTH_AMERICA,
                        HierarchyGroupMatchType: 'WITH_CHILD_GROUPS',
                    },
                },
            },
            ['alice', 'albert', 'bob'],
        ],
        [
            'a UserAttributeFilter AndCondition of tags and a group',
            {
                UserAttributeFilter: {
                    AndCondition: {
                        TagConditions: [tag('team', 'blue')],
                        HierarchyGroupCondition: {
                            Value: NORTH_AMERICA,
                            HierarchyGroupMatchType: 'WITH_CHILD_GROUPS',
                        },
                    },
                },
            },
            ['alice', 'bob'],
        ],
        [
            'UserAttributeFilter OrConditions',
            {
                UserAttributeFilter: {
                    OrConditions: [
                        { TagConditions: [tag('team', 'red')] },
                        {
                            HierarchyGroupCondition: {
                                Value: NORTH_AMERICA,
                                HierarchyGroupMatchType: 'EXACT',
                            },
                        },
                    ],
                },
            },
            ['albert', 'bob'],
        ],
    ] as Array<[string, SearchUsersCommandInput['SearchFilter'], string[]]>)(
        'filters users by %s',
        async (_case, SearchFilter, usernames) => {
            expect(await found({ SearchFilter })).toEqual(usernames);
        }
    );

    it('applies the filter and the criteria together', async () => {
        expect(
            await found({
                SearchCriteria: byString('Username', 'STARTS_WITH', 'al'),
                SearchFilter: { TagFilter: { TagCondition: tag('team', 'blue') } },
            })
        ).toEqual(['alice']);
    });

    it('refuses a TagFilter together with a UserAttributeFilter with AccessDeniedException, as documented', async () => {
        const error = await failure(
            search({
                SearchFilter: {
                    TagFilter: { TagCondition: tag('team', 'blue') },
                    UserAttributeFilter: { TagCondition: tag('team', 'blue') },
                },
            })
        );
        expect(error).toBeInstanceOf(AccessDeniedException);
        expect(error).toMatchObject({ $metadata: { httpStatusCode: 403 } });
    });
});

describe('SearchUsers: paging', () => {
    beforeEach(createStaff);

    it('pages with MaxResults and NextToken, the total on every page', async () => {
        const pages = [];
        for await (const page of paginateSearchUsers(
            { client: harness.client, pageSize: 2 },
            { InstanceId: managed.id }
        )) {
            pages.push(page);
        }
        expect(pages.map((page) => page.Users?.map((user) => user.Username))).toEqual([
            ['alice', 'albert'],
            ['bob', 'carol'],
            ['Alicia'],
        ]);
        expect(pages.map((page) => page.ApproximateTotalCount)).toEqual([5, 5, 5]);
        expect(pages[2].NextToken).toBeUndefined();
    });

    it('accepts MaxResults up to 500', async () => {
        expect(await found({ MaxResults: 500 })).toHaveLength(5);
    });

    it.each([
        ['MaxResults of 501', { MaxResults: 501 }],
        ['MaxResults of 0', { MaxResults: 0 }],
        ['a token that was never issued', { NextToken: 'bm90LWEtdG9rZW4' }],
    ])('refuses %s with InvalidParameterException', async (_case, input) => {
        await expect(search(input)).rejects.toBeInstanceOf(InvalidParameterException);
    });

    it('refuses a token issued for another query, another instance, or ListUsers', async () => {
        const criteria = byString('Username', 'STARTS_WITH', 'al');
        const first = await search({ SearchCriteria: criteria, MaxResults: 1 });
        expect(first.NextToken).toBeDefined();
        await expect(
            search({ SearchCriteria: criteria, NextToken: first.NextToken })
        ).resolves.toMatchObject({ Users: [{ Username: 'albert' }] });
        await expect(
            search({
                SearchCriteria: byString('Username', 'STARTS_WITH', 'b'),
                NextToken: first.NextToken,
            })
        ).rejects.toBeInstanceOf(InvalidParameterException);
        await expect(
            search({
                InstanceId: saml.id,
                SearchCriteria: criteria,
                NextToken: first.NextToken,
            })
        ).rejects.toBeInstanceOf(InvalidParameterException);
        const listed = await harness.client.send(
            new ListUsersCommand({ InstanceId: managed.id, MaxResults: 1 })
        );
        await expect(search({ NextToken: listed.NextToken })).rejects.toBeInstanceOf(
            InvalidParameterException
        );
    });
});

describe('SearchUsers: malformed requests', () => {
    const manyTags = (count: number) =>
        Array.from({ length: count }, (_, i) => tag(`k${i}`, 'v'));
    const group = { Value: SEATTLE, HierarchyGroupMatchType: 'EXACT' as const };

    it.each([
        [
            'an unknown FieldName',
            { SearchCriteria: byString('Email', 'EXACT', 'a@b.cd') },
        ],
        [
            'a StringCondition without ComparisonType',
            {
                SearchCriteria: {
                    StringCondition: { FieldName: 'Username', Value: 'al' },
                },
            },
        ],
        [
            'a CONTAINS value of 1 character',
            { SearchCriteria: byString('Username', 'CONTAINS', 'a') },
        ],
        [
            'a CONTAINS value of 26 characters',
            { SearchCriteria: byString('Username', 'CONTAINS', 'a'.repeat(26)) },
        ],
        [
            'a criteria node with two conditions',
            {
                SearchCriteria: {
                    StringCondition: {
                        FieldName: 'Username',
                        ComparisonType: 'EXACT',
                        Value: 'bob',
                    },
                    HierarchyGroupCondition: group,
                },
            },
        ],
        ['empty AndConditions', { SearchCriteria: { AndConditions: [] } }],
        [
            'a HierarchyGroupCondition without a match type',
            { SearchCriteria: { HierarchyGroupCondition: { Value: SEATTLE } } },
        ],
        [
            'a ListCondition, which the emulator does not model',
            {
                SearchCriteria: {
                    ListCondition: {
                        TargetListType: 'PROFICIENCIES',
                        Conditions: [
                            {
                                StringCondition: {
                                    FieldName: 'name',
                                    ComparisonType: 'EXACT',
                                    Value: 'Skill',
                                },
                            },
                        ],
                    },
                },
            },
        ],
        [
            'a tag condition without TagValue',
            { SearchFilter: { TagFilter: { TagCondition: { TagKey: 'team' } } } },
        ],
        [
            'a TagFilter with two fields',
            {
                SearchFilter: {
                    TagFilter: {
                        TagCondition: tag('a', 'b'),
                        AndConditions: [tag('c', 'd')],
                    },
                },
            },
        ],
        [
            '26 tag conditions',
            { SearchFilter: { TagFilter: { AndConditions: manyTags(26) } } },
        ],
        [
            '21 hierarchy group conditions',
            {
                SearchFilter: {
                    UserAttributeFilter: {
                        OrConditions: Array.from({ length: 21 }, () => ({
                            HierarchyGroupCondition: group,
                        })),
                    },
                },
            },
        ],
    ] as Array<[string, Partial<SearchUsersCommandInput>]>)(
        'refuses %s with InvalidParameterException',
        async (_case, input) => {
            const error = await failure(search(input));
            expect(error).toBeInstanceOf(InvalidParameterException);
            expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 } });
        }
    );

    it('accepts 25 tag conditions and 20 hierarchy group conditions', async () => {
        await expect(
            search({ SearchFilter: { TagFilter: { AndConditions: manyTags(25) } } })
        ).resolves.toMatchObject({ Users: [] });
        await expect(
            search({
                SearchFilter: {
                    UserAttributeFilter: {
                        OrConditions: Array.from({ length: 20 }, () => ({
                            HierarchyGroupCondition: group,
                        })),
                    },
                },
            })
        ).resolves.toBeDefined();
    });

    it('answers ResourceNotFoundException for an unknown instance, and records the call', async () => {
        const InstanceId = '99999999-9999-4999-8999-999999999999';
        await expect(search({ InstanceId })).rejects.toBeInstanceOf(
            ResourceNotFoundException
        );
        expect(harness.emulator.calls()).toMatchObject([
            {
                operation: 'SearchUsers',
                instanceId: InstanceId,
                params: { InstanceId },
                status: 404,
                error: 'ResourceNotFoundException',
            },
        ]);
    });
});

/**
 * The AWS CLI reference's `aws connect` examples for the operations served here, as
 * the CLI sends them, with the example IDs replaced by the seeded CONNECT_MANAGED
 * instance's (the example user by the one the create-user example makes).
 *
 * Two examples do not run as printed, whatever the service: describe-user lacks the
 * `\` after `--user-id`, and the describe-user-hierarchy-structure example calls
 * `describe-user-hierarchy-group`. They are run as they were meant.
 */
import {
    CreateUserCommand,
    DeleteUserCommand,
    DescribeUserCommand,
    DescribeUserHierarchyGroupCommand,
    DescribeUserHierarchyStructureCommand,
    ListRoutingProfilesCommand,
    ListSecurityProfilesCommand,
    ListUserHierarchyGroupsCommand,
    ListUsersCommand,
    ResourceNotFoundException,
    UpdateUserHierarchyCommand,
    UpdateUserIdentityInfoCommand,
    UpdateUserPhoneConfigCommand,
    UpdateUserRoutingProfileCommand,
    UpdateUserSecurityProfilesCommand,
} from '@aws-sdk/client-connect';
import { managed, useHarness } from './helpers';

const harness = useHarness();
const InstanceId = managed.id;

/**
 * aws connect create-user \
 *   --username Mary --password Pass@Word1 \
 *   --identity-info FirstName=Mary,LastName=Major \
 *   --phone-config PhoneType=DESK_PHONE,AutoAccept=true,AfterContactWorkTimeLimit=60,DeskPhoneNumber=+15555551212 \
 *   --security-profile-id <Agent> --routing-profile-id <Basic Routing Profile> \
 *   --instance-id <managed-demo>
 */
const CREATE_USER_EXAMPLE = {
    Username: 'Mary',
    Password: 'Pass@Word1',
    IdentityInfo: { FirstName: 'Mary', LastName: 'Major' },
    PhoneConfig: {
        PhoneType: 'DESK_PHONE' as const,
        AutoAccept: true,
        AfterContactWorkTimeLimit: 60,
        DeskPhoneNumber: '+15555551212',
    },
    SecurityProfileIds: [managed.securityProfileIds[0]],
    RoutingProfileId: managed.routingProfileIds[0],
    InstanceId,
};

async function createMary(): Promise<string> {
    const output = await harness.client.send(
        new CreateUserCommand(CREATE_USER_EXAMPLE)
    );
    return output.UserId!;
}

const describeUser = async (UserId: string) =>
    (await harness.client.send(new DescribeUserCommand({ InstanceId, UserId }))).User;

describe('the create-user example', () => {
    it('creates Mary, a CONNECT_MANAGED user with no email, and answers with her ID and ARN', async () => {
        const output = await harness.client.send(
            new CreateUserCommand(CREATE_USER_EXAMPLE)
        );
        expect(output).toEqual({
            $metadata: expect.any(Object),
            UserId: expect.stringMatching(/^[0-9a-f-]{36}$/),
            UserArn: managed.userArn(output.UserId!),
        });
        expect(await describeUser(output.UserId!)).toMatchObject({
            Username: 'Mary',
            IdentityInfo: { FirstName: 'Mary', LastName: 'Major' },
            PhoneConfig: CREATE_USER_EXAMPLE.PhoneConfig,
            SecurityProfileIds: CREATE_USER_EXAMPLE.SecurityProfileIds,
            RoutingProfileId: CREATE_USER_EXAMPLE.RoutingProfileId,
        });
        const [record] = harness.emulator.calls();
        expect(record).toMatchObject({
            operation: 'CreateUser',
            status: 200,
            params: { ...CREATE_USER_EXAMPLE, Password: '<redacted>' },
        });
    });
});

describe('the update-user examples, on Mary', () => {
    it('update-user-identity-info sets FirstName=Mary,LastName=Major,Email=marym@example.com', async () => {
        const UserId = await createMary();
        await harness.client.send(
            new UpdateUserIdentityInfoCommand({
                IdentityInfo: {
                    FirstName: 'Mary',
                    LastName: 'Major',
                    Email: 'marym@example.com',
                },
                UserId,
                InstanceId,
            })
        );
        expect((await describeUser(UserId))?.IdentityInfo).toEqual({
            FirstName: 'Mary',
            LastName: 'Major',
            Email: 'marym@example.com',
        });
    });

    it('update-user-phone-config sets a soft phone with the desk number it gives', async () => {
        const UserId = await createMary();
        const PhoneConfig = {
            PhoneType: 'SOFT_PHONE' as const,
            AutoAccept: false,
            AfterContactWorkTimeLimit: 60,
            DeskPhoneNumber: '+18005551212',
        };
        await harness.client.send(
            new UpdateUserPhoneConfigCommand({ PhoneConfig, UserId, InstanceId })
        );
        expect((await describeUser(UserId))?.PhoneConfig).toEqual(PhoneConfig);
    });

    it('update-user-routing-profile, update-user-security-profiles and update-user-hierarchy', async () => {
        const UserId = await createMary();
        await harness.client.send(
            new UpdateUserRoutingProfileCommand({
                RoutingProfileId: managed.routingProfileIds[2],
                UserId,
                InstanceId,
            })
        );
        await harness.client.send(
            new UpdateUserSecurityProfilesCommand({
                SecurityProfileIds: [managed.securityProfileIds[1]],
                UserId,
                InstanceId,
            })
        );
        await harness.client.send(
            new UpdateUserHierarchyCommand({
                HierarchyGroupId: managed.hierarchyGroupIds[1],
                UserId,
                InstanceId,
            })
        );
        expect(await describeUser(UserId)).toMatchObject({
            RoutingProfileId: managed.routingProfileIds[2],
            SecurityProfileIds: [managed.securityProfileIds[1]],
            HierarchyGroupId: managed.hierarchyGroupIds[1],
        });
    });
});

describe('the read examples', () => {
    it('describe-user gives the shape of its example output', async () => {
        const UserId = await createMary();
        expect(await describeUser(UserId)).toEqual({
            Id: UserId,
            Arn: managed.userArn(UserId),
            Username: 'Mary',
            IdentityInfo: { FirstName: 'Mary', LastName: 'Major' },
            PhoneConfig: CREATE_USER_EXAMPLE.PhoneConfig,
            SecurityProfileIds: CREATE_USER_EXAMPLE.SecurityProfileIds,
            RoutingProfileId: CREATE_USER_EXAMPLE.RoutingProfileId,
            Tags: {},
            LastModifiedTime: expect.any(Date),
            LastModifiedRegion: 'us-east-1',
        });
    });

    it('list-users lists Mary by ID, ARN and username', async () => {
        const UserId = await createMary();
        const { UserSummaryList } = await harness.client.send(
            new ListUsersCommand({ InstanceId })
        );
        expect(UserSummaryList).toMatchObject([
            { Id: UserId, Arn: managed.userArn(UserId), Username: 'Mary' },
        ]);
    });

    it('list-routing-profiles, list-security-profiles and list-user-hierarchy-groups', async () => {
        const routing = await harness.client.send(
            new ListRoutingProfilesCommand({ InstanceId })
        );
        expect(routing.RoutingProfileSummaryList?.[0]).toMatchObject({
            Id: managed.routingProfileIds[0],
            Arn: managed.routingProfileArns[0],
            Name: 'Basic Routing Profile',
        });
        const security = await harness.client.send(
            new ListSecurityProfilesCommand({ InstanceId })
        );
        expect(security.SecurityProfileSummaryList?.map((p) => p.Name).sort()).toEqual([
            'Admin',
            'Agent',
            'CallCenterManager',
            'QualityAnalyst',
        ]);
        const groups = await harness.client.send(
            new ListUserHierarchyGroupsCommand({ InstanceId })
        );
        expect(groups.UserHierarchyGroupSummaryList?.[0]).toMatchObject({
            Id: managed.hierarchyGroupIds[0],
            Arn: managed.hierarchyGroupArns[0],
            Name: 'North America',
        });
    });

    it('describe-user-hierarchy-group gives a level-one group with LevelId "1" and its LevelOne path', async () => {
        const { HierarchyGroup } = await harness.client.send(
            new DescribeUserHierarchyGroupCommand({
                HierarchyGroupId: managed.hierarchyGroupIds[0],
                InstanceId,
            })
        );
        expect(HierarchyGroup).toMatchObject({
            Id: managed.hierarchyGroupIds[0],
            Arn: managed.hierarchyGroupArns[0],
            Name: 'North America',
            LevelId: '1',
            HierarchyPath: {
                LevelOne: {
                    Id: managed.hierarchyGroupIds[0],
                    Arn: managed.hierarchyGroupArns[0],
                    Name: 'North America',
                },
            },
        });
    });

    it('describe-user-hierarchy-structure gives each level an ID, a name and an agent-group-level ARN', async () => {
        const { HierarchyStructure } = await harness.client.send(
            new DescribeUserHierarchyStructureCommand({ InstanceId })
        );
        expect(HierarchyStructure).toMatchObject({
            LevelOne: {
                Id: managed.hierarchyLevelIds[0],
                Arn: `${managed.arn}/agent-group-level/1`,
                Name: 'Region',
            },
            LevelTwo: {
                Id: managed.hierarchyLevelIds[1],
                Arn: `${managed.arn}/agent-group-level/2`,
                Name: 'Site',
            },
        });
    });
});

describe('the delete-user example', () => {
    it('deletes Mary, with no output', async () => {
        const UserId = await createMary();
        const output = await harness.client.send(
            new DeleteUserCommand({ InstanceId, UserId })
        );
        expect(Object.keys(output)).toEqual(['$metadata']);
        await expect(describeUser(UserId)).rejects.toBeInstanceOf(
            ResourceNotFoundException
        );
    });
});

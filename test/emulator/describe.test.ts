import {
    CreateUserCommand,
    DescribePredefinedAttributeCommand,
    DescribeRoutingProfileCommand,
    DescribeSecurityProfileCommand,
    DescribeUserHierarchyGroupCommand,
    DescribeUserHierarchyStructureCommand,
    InvalidParameterException,
    ResourceNotFoundException,
} from '@aws-sdk/client-connect';
import { SEED } from '../../emulator/seed';
import {
    failure,
    managed,
    saml,
    startHarness,
    stopHarness,
    useHarness,
    validCreateUser,
} from './helpers';

const harness = useHarness();

/** Seeded resources read as last changed when their instance was created. */
const SEEDED_TIME = new Date('2024-01-01T00:00:00.000Z');
const lastModified = { LastModifiedTime: SEEDED_TIME, LastModifiedRegion: 'us-east-1' };

describe('DescribeRoutingProfile', () => {
    it('returns the routing profile with its queue, media concurrencies and user count', async () => {
        const { RoutingProfile } = await harness.client.send(
            new DescribeRoutingProfileCommand({
                InstanceId: managed.id,
                RoutingProfileId: managed.routingProfileIds[1],
            })
        );
        const seeded = SEED.instances[0].routingProfiles[1];
        expect(RoutingProfile).toEqual({
            InstanceId: managed.id,
            Name: 'Sales',
            RoutingProfileArn: managed.routingProfileArns[1],
            RoutingProfileId: managed.routingProfileIds[1],
            Description: 'Sales agents',
            MediaConcurrencies: seeded.mediaConcurrencies,
            DefaultOutboundQueueId: seeded.defaultOutboundQueueId,
            NumberOfAssociatedUsers: 0,
            ...lastModified,
        });
        expect(RoutingProfile?.MediaConcurrencies?.map((m) => m.Channel)).toEqual([
            'VOICE',
            'CHAT',
            'TASK',
            'EMAIL',
        ]);
    });

    it('counts the users assigned to it', async () => {
        for (let i = 0; i < 2; i++) {
            await harness.client.send(
                new CreateUserCommand(
                    validCreateUser(managed, {
                        RoutingProfileId: managed.routingProfileIds[2],
                    })
                )
            );
        }
        const { RoutingProfile } = await harness.client.send(
            new DescribeRoutingProfileCommand({
                InstanceId: managed.arn,
                RoutingProfileId: managed.routingProfileIds[2],
            })
        );
        expect(RoutingProfile?.NumberOfAssociatedUsers).toBe(2);
    });
});

describe('DescribeSecurityProfile', () => {
    it('returns the security profile, its instance as OrganizationResourceId', async () => {
        const { SecurityProfile } = await harness.client.send(
            new DescribeSecurityProfileCommand({
                InstanceId: saml.id,
                SecurityProfileId: saml.securityProfileIds[2],
            })
        );
        expect(SecurityProfile).toEqual({
            Id: saml.securityProfileIds[2],
            OrganizationResourceId: saml.id,
            Arn: saml.securityProfileArns[2],
            SecurityProfileName: 'CallCenterManager',
            ...lastModified,
        });
    });
});

describe('DescribeUserHierarchyGroup', () => {
    const summary = (index: number, Name: string) => ({
        Id: managed.hierarchyGroupIds[index],
        Arn: managed.hierarchyGroupArns[index],
        Name,
        ...lastModified,
    });

    it('returns a level-two group with LevelId "2" and the path from the root down to it', async () => {
        const { HierarchyGroup } = await harness.client.send(
            new DescribeUserHierarchyGroupCommand({
                InstanceId: managed.id,
                HierarchyGroupId: managed.hierarchyGroupIds[2],
            })
        );
        expect(HierarchyGroup).toEqual({
            ...summary(2, 'Austin'),
            LevelId: '2',
            HierarchyPath: {
                LevelOne: summary(0, 'North America'),
                LevelTwo: summary(2, 'Austin'),
            },
        });
    });

    it('returns a root group with only LevelOne in its path', async () => {
        const { HierarchyGroup } = await harness.client.send(
            new DescribeUserHierarchyGroupCommand({
                InstanceId: managed.id,
                HierarchyGroupId: managed.hierarchyGroupIds[0],
            })
        );
        expect(HierarchyGroup?.LevelId).toBe('1');
        expect(HierarchyGroup?.HierarchyPath).toEqual({
            LevelOne: summary(0, 'North America'),
        });
    });
});

describe('DescribeUserHierarchyStructure', () => {
    it('names each level in use, with its ID and an ARN ending in the level number', async () => {
        const { HierarchyStructure } = await harness.client.send(
            new DescribeUserHierarchyStructureCommand({ InstanceId: managed.id })
        );
        expect(HierarchyStructure).toEqual({
            LevelOne: {
                Id: managed.hierarchyLevelIds[0],
                Arn: `${managed.arn}/agent-group-level/1`,
                Name: 'Region',
                ...lastModified,
            },
            LevelTwo: {
                Id: managed.hierarchyLevelIds[1],
                Arn: `${managed.arn}/agent-group-level/2`,
                Name: 'Site',
                ...lastModified,
            },
        });
        expect(managed.hierarchyLevelArns).toEqual([
            HierarchyStructure?.LevelOne?.Arn,
            HierarchyStructure?.LevelTwo?.Arn,
        ]);
    });

    it('returns an empty structure for an instance whose seed names no level', async () => {
        const seed = structuredClone(SEED);
        seed.instances[0].hierarchyLevels = [];
        const bare = await startHarness({ seed });
        try {
            const { HierarchyStructure } = await bare.client.send(
                new DescribeUserHierarchyStructureCommand({ InstanceId: managed.id })
            );
            expect(HierarchyStructure).toEqual({});
        } finally {
            await stopHarness(bare);
        }
    });
});

describe('DescribePredefinedAttribute', () => {
    it('returns the values that ListPredefinedAttributes does not show', async () => {
        const { PredefinedAttribute } = await harness.client.send(
            new DescribePredefinedAttributeCommand({
                InstanceId: managed.id,
                Name: 'Language',
            })
        );
        expect(PredefinedAttribute).toEqual({
            Name: 'Language',
            Values: { StringList: ['English', 'Spanish', 'French', 'German'] },
            ...lastModified,
        });
    });

    it('finds a name with a space in it, sent percent-encoded in the path', async () => {
        const seed = structuredClone(SEED);
        seed.instances[0].predefinedAttributes.push({
            name: 'Support tier',
            values: ['Gold/Platinum'],
        });
        const custom = await startHarness({ seed });
        try {
            const { PredefinedAttribute } = await custom.client.send(
                new DescribePredefinedAttributeCommand({
                    InstanceId: managed.id,
                    Name: 'Support tier',
                })
            );
            expect(PredefinedAttribute?.Values?.StringList).toEqual(['Gold/Platinum']);
        } finally {
            await stopHarness(custom);
        }
    });
});

describe('errors of the describe look-ups', () => {
    const UNKNOWN = '99999999-9999-4999-8999-999999999999';

    it.each([
        [
            'a routing profile of another instance',
            () =>
                harness.client.send(
                    new DescribeRoutingProfileCommand({
                        InstanceId: managed.id,
                        RoutingProfileId: saml.routingProfileIds[0],
                    })
                ),
        ],
        [
            'an unknown security profile',
            () =>
                harness.client.send(
                    new DescribeSecurityProfileCommand({
                        InstanceId: managed.id,
                        SecurityProfileId: UNKNOWN,
                    })
                ),
        ],
        [
            'an unknown hierarchy group',
            () =>
                harness.client.send(
                    new DescribeUserHierarchyGroupCommand({
                        InstanceId: managed.id,
                        HierarchyGroupId: UNKNOWN,
                    })
                ),
        ],
        [
            'an unknown predefined attribute (names are case-sensitive)',
            () =>
                harness.client.send(
                    new DescribePredefinedAttributeCommand({
                        InstanceId: managed.id,
                        Name: 'language',
                    })
                ),
        ],
        [
            'an unknown instance',
            () =>
                harness.client.send(
                    new DescribeUserHierarchyStructureCommand({ InstanceId: UNKNOWN })
                ),
        ],
    ])('answers ResourceNotFoundException (404) for %s', async (_case, call) => {
        const error = await failure(call());
        expect(error).toBeInstanceOf(ResourceNotFoundException);
        expect(error).toMatchObject({ $metadata: { httpStatusCode: 404 } });
    });

    it.each([
        [
            'a routing profile ARN where the ID goes',
            () =>
                harness.client.send(
                    new DescribeRoutingProfileCommand({
                        InstanceId: managed.id,
                        RoutingProfileId: managed.routingProfileArns[0],
                    })
                ),
        ],
        [
            'a hierarchy group ID over 100 characters',
            () =>
                harness.client.send(
                    new DescribeUserHierarchyGroupCommand({
                        InstanceId: managed.id,
                        HierarchyGroupId: 'g'.repeat(101),
                    })
                ),
        ],
        [
            'an attribute name over 100 characters',
            () =>
                harness.client.send(
                    new DescribePredefinedAttributeCommand({
                        InstanceId: managed.id,
                        Name: 'n'.repeat(101),
                    })
                ),
        ],
    ])('answers InvalidParameterException (400) for %s', async (_case, call) => {
        const error = await failure(call());
        expect(error).toBeInstanceOf(InvalidParameterException);
        expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 } });
    });

    it('records each look-up in the call log, refused ones with their error', async () => {
        await harness.client.send(
            new DescribeSecurityProfileCommand({
                InstanceId: managed.id,
                SecurityProfileId: managed.securityProfileIds[0],
            })
        );
        await failure(
            harness.client.send(
                new DescribePredefinedAttributeCommand({
                    InstanceId: managed.id,
                    Name: 'Nope',
                })
            )
        );
        await harness.client.send(
            new DescribeUserHierarchyStructureCommand({ InstanceId: saml.arn })
        );
        expect(harness.emulator.calls()).toMatchObject([
            {
                operation: 'DescribeSecurityProfile',
                instanceId: managed.id,
                params: {
                    InstanceId: managed.id,
                    SecurityProfileId: managed.securityProfileIds[0],
                },
                status: 200,
            },
            {
                operation: 'DescribePredefinedAttribute',
                instanceId: managed.id,
                params: { InstanceId: managed.id, Name: 'Nope' },
                status: 404,
                error: 'ResourceNotFoundException',
            },
            {
                operation: 'DescribeUserHierarchyStructure',
                instanceId: saml.id,
                status: 200,
            },
        ]);
    });
});

import {
    DescribeInstanceAttributeCommand,
    type InstanceAttributeType,
    InvalidParameterException,
    ListRoutingProfileQueuesCommand,
    ListSecurityProfilePermissionsCommand,
    paginateListRoutingProfileQueues,
    paginateListSecurityProfilePermissions,
    ResourceNotFoundException,
} from '@aws-sdk/client-connect';
import { INSTANCE_ATTRIBUTE_TYPES } from '../../emulator/operations/profile-details';
import { SEED } from '../../emulator/seed';
import {
    failure,
    managed,
    saml,
    startHarness,
    stopHarness,
    useHarness,
} from './helpers';

/**
 * What Terraform's aws_connect_routing_profile, aws_connect_security_profile and
 * aws_connect_instance data sources read, through the unmodified Connect client.
 */
const harness = useHarness();

const seededSales = SEED.instances[0].routingProfiles[1];
const seededAdmin = SEED.instances[0].securityProfiles[1];

describe('ListRoutingProfileQueues', () => {
    it('lists every queue and channel of the routing profile, page by page, with the queue names and ARNs', async () => {
        const summaries = [];
        let pages = 0;
        for await (const page of paginateListRoutingProfileQueues(
            { client: harness.client, pageSize: 4 },
            { InstanceId: managed.arn, RoutingProfileId: managed.routingProfileIds[1] }
        )) {
            pages += 1;
            expect(page.LastModifiedTime).toEqual(new Date('2024-01-01T00:00:00.000Z'));
            summaries.push(...(page.RoutingProfileQueueConfigSummaryList ?? []));
        }
        const configs = seededSales.queueConfigs ?? [];
        expect(configs.length).toBeGreaterThan(4);
        expect(pages).toBe(Math.ceil(configs.length / 4));
        expect(summaries).toEqual(
            configs.map((config) => ({
                ...config,
                QueueArn: `${managed.arn}/queue/${config.QueueId}`,
                QueueName: SEED.instances[0].queues.find(
                    (queue) => queue.id === config.QueueId
                )?.name,
            }))
        );
    });

    it.each([
        [
            { RoutingProfileId: 'a9000000-0000-4000-8000-000000000009' },
            ResourceNotFoundException,
        ],
        [{ RoutingProfileId: saml.routingProfileIds[0] }, ResourceNotFoundException],
        [{ MaxResults: 101 }, InvalidParameterException],
        [{ NextToken: 'forged' }, InvalidParameterException],
    ])('refuses %j', async (input, expected) => {
        const error = await failure(
            harness.client.send(
                new ListRoutingProfileQueuesCommand({
                    InstanceId: managed.id,
                    RoutingProfileId: managed.routingProfileIds[1],
                    ...input,
                })
            )
        );
        expect(error).toBeInstanceOf(expected);
    });
});

describe('ListSecurityProfilePermissions', () => {
    it('lists every permission of the security profile, page by page', async () => {
        const permissions = [];
        for await (const page of paginateListSecurityProfilePermissions(
            { client: harness.client, pageSize: 5 },
            { InstanceId: managed.id, SecurityProfileId: managed.securityProfileIds[1] }
        )) {
            expect(page.Permissions?.length).toBeLessThanOrEqual(5);
            permissions.push(...(page.Permissions ?? []));
        }
        expect(seededAdmin.permissions?.length).toBeGreaterThan(5);
        expect(permissions).toEqual(seededAdmin.permissions);
    });

    it.each([
        [
            { SecurityProfileId: 'b9000000-0000-4000-8000-000000000009' },
            ResourceNotFoundException,
        ],
        [
            { InstanceId: '99999999-9999-4999-8999-999999999999' },
            ResourceNotFoundException,
        ],
        [{ MaxResults: 1001 }, InvalidParameterException],
        [{ NextToken: 'forged' }, InvalidParameterException],
    ])('refuses %j', async (input, expected) => {
        const error = await failure(
            harness.client.send(
                new ListSecurityProfilePermissionsCommand({
                    InstanceId: managed.id,
                    SecurityProfileId: managed.securityProfileIds[1],
                    ...input,
                })
            )
        );
        expect(error).toBeInstanceOf(expected);
    });
});

describe('DescribeInstanceAttribute', () => {
    it.each(INSTANCE_ATTRIBUTE_TYPES.map((type) => [type]))(
        'answers %s, enabled only for inbound and outbound calls unless the seed says otherwise',
        async (type) => {
            const { Attribute } = await harness.client.send(
                new DescribeInstanceAttributeCommand({
                    InstanceId: managed.id,
                    AttributeType: type as InstanceAttributeType,
                })
            );
            expect(Attribute).toEqual({
                AttributeType: type,
                Value: String(['INBOUND_CALLS', 'OUTBOUND_CALLS'].includes(type)),
            });
        }
    );

    it('answers the seed value where it gives one', async () => {
        const seed = structuredClone(SEED);
        seed.instances[0].attributes = { CONTACT_LENS: 'true', INBOUND_CALLS: 'false' };
        const own = await startHarness({ seed });
        try {
            const value = async (type: InstanceAttributeType) =>
                (
                    await own.client.send(
                        new DescribeInstanceAttributeCommand({
                            InstanceId: managed.id,
                            AttributeType: type,
                        })
                    )
                ).Attribute?.Value;
            expect(await value('CONTACT_LENS')).toBe('true');
            expect(await value('INBOUND_CALLS')).toBe('false');
            expect(await value('EARLY_MEDIA')).toBe('false');
        } finally {
            await stopHarness(own);
        }
    });

    it.each([
        [{ AttributeType: 'NOT_AN_ATTRIBUTE' }, InvalidParameterException],
        [
            { InstanceId: '99999999-9999-4999-8999-999999999999' },
            ResourceNotFoundException,
        ],
    ])('refuses %j', async (input, expected) => {
        const error = await failure(
            harness.client.send(
                new DescribeInstanceAttributeCommand({
                    InstanceId: managed.id,
                    AttributeType: 'INBOUND_CALLS',
                    ...(input as object),
                })
            )
        );
        expect(error).toBeInstanceOf(expected);
    });
});

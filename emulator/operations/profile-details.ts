/**
 * What Terraform's `aws_connect_routing_profile`, `aws_connect_security_profile` and
 * `aws_connect_instance` data sources read beside the describes: the queues of a
 * routing profile, the permissions of a security profile and an instance's
 * attributes, as the seed defines them. Read-only, paged as the reference says.
 */
import { invalidParameter } from '../errors';
import { paginate, type PageBounds } from '../pagination';
import { dropUndefined, requiredString } from '../validate';
import { childArn, resolveInstance, type Operation } from './context';
import { lastModified, namedRoutingProfile, namedSecurityProfile } from './seeded';

/** ListRoutingProfileQueues: 1-100 per page, 100 by default. */
const QUEUE_LIST: PageBounds = { defaultSize: 100, max: 100 };
/** ListSecurityProfilePermissions: 1-1000 per page, 100 by default. */
const PERMISSION_LIST: PageBounds = { defaultSize: 100, max: 1000 };

export const listRoutingProfileQueues: Operation = (context) => {
    const { state, params } = context;
    const { instance, resource: profile } = namedRoutingProfile(context);
    const page = paginate(
        profile.queueConfigs ?? [],
        params,
        `ListRoutingProfileQueues|${instance.id}|${profile.id}`,
        QUEUE_LIST
    );
    return {
        mutated: false,
        body: dropUndefined({
            RoutingProfileQueueConfigSummaryList: page.items.map((config) => ({
                QueueId: config.QueueId,
                QueueArn: childArn(state, instance, 'queue', config.QueueId),
                QueueName: instance.queues.find((queue) => queue.id === config.QueueId)
                    ?.name,
                Priority: config.Priority,
                Delay: config.Delay,
                Channel: config.Channel,
            })),
            NextToken: page.nextToken,
            ...lastModified(state, instance),
        }),
    };
};

export const listSecurityProfilePermissions: Operation = (context) => {
    const { state, params } = context;
    const { instance, resource: profile } = namedSecurityProfile(context);
    const page = paginate(
        profile.permissions ?? [],
        params,
        `ListSecurityProfilePermissions|${instance.id}|${profile.id}`,
        PERMISSION_LIST
    );
    return {
        mutated: false,
        body: dropUndefined({
            Permissions: page.items,
            NextToken: page.nextToken,
            ...lastModified(state, instance),
        }),
    };
};

/** InstanceAttributeType, as the service model lists it. */
export const INSTANCE_ATTRIBUTE_TYPES = [
    'INBOUND_CALLS',
    'OUTBOUND_CALLS',
    'CONTACTFLOW_LOGS',
    'CONTACT_LENS',
    'AUTO_RESOLVE_BEST_VOICES',
    'USE_CUSTOM_TTS_VOICES',
    'EARLY_MEDIA',
    'MULTI_PARTY_CONFERENCE',
    'HIGH_VOLUME_OUTBOUND',
    'ENHANCED_CONTACT_MONITORING',
    'ENHANCED_CHAT_MONITORING',
    'MULTI_PARTY_CHAT_CONFERENCE',
    'MESSAGE_STREAMING',
] as const;

/** DescribeInstance says inbound and outbound calls are enabled; the rest is off. */
const ENABLED_BY_DEFAULT = new Set(['INBOUND_CALLS', 'OUTBOUND_CALLS']);

export const describeInstanceAttribute: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const type = requiredString(params.AttributeType, 'AttributeType', 100);
    if (!(INSTANCE_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
        throw invalidParameter(
            `AttributeType must be one of ${INSTANCE_ATTRIBUTE_TYPES.join(', ')}`
        );
    }
    const value = String(instance.attributes?.[type] ?? ENABLED_BY_DEFAULT.has(type));
    return {
        mutated: false,
        body: { Attribute: { AttributeType: type, Value: value } },
    };
};

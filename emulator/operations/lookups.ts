/**
 * Read-only look-ups of what the seed defines: instances, routing profiles, security
 * profiles, hierarchy groups and predefined attributes.
 */
import { paginate, type PageBounds } from '../pagination';
import type { EmulatorState, InstanceState, NamedResource } from '../types';
import { dropUndefined } from '../validate';
import {
    childArn,
    epochSeconds,
    instanceArn,
    resolveInstance,
    type Operation,
} from './context';

const RESOURCE_LIST: PageBounds = { defaultSize: 100, max: 1000 };
const INSTANCE_LIST: PageBounds = { defaultSize: 10, max: 10 };
const ATTRIBUTE_LIST: PageBounds = { defaultSize: 100, max: 100 };

function instanceSummary(state: EmulatorState, instance: InstanceState) {
    return {
        Id: instance.id,
        Arn: instanceArn(state, instance.id),
        IdentityManagementType: instance.identityManagementType,
        InstanceAlias: instance.alias,
        CreatedTime: epochSeconds(Date.parse(instance.createdTime)),
        ServiceRole:
            `arn:${state.partition}:iam::${state.accountId}:role/aws-service-role/` +
            'connect.amazonaws.com/AWSServiceRoleForAmazonConnect',
        InstanceStatus: 'ACTIVE',
        InboundCallsEnabled: true,
        OutboundCallsEnabled: true,
        InstanceAccessUrl: `https://${instance.alias}.my.connect.aws`,
    };
}

export const describeInstance: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    return { mutated: false, body: { Instance: instanceSummary(state, instance) } };
};

export const listInstances: Operation = ({ state, params }) => {
    const page = paginate(state.instances, params, 'ListInstances', INSTANCE_LIST);
    return {
        mutated: false,
        body: dropUndefined({
            InstanceSummaryList: page.items.map((instance) =>
                instanceSummary(state, instance)
            ),
            NextToken: page.nextToken,
        }),
    };
};

export function listNamed(
    operation: string,
    listField: string,
    select: (instance: InstanceState) => readonly NamedResource[],
    arnKind: string
): Operation {
    return ({ state, params }) => {
        const instance = resolveInstance(state, params.InstanceId);
        const page = paginate(
            select(instance),
            params,
            `${operation}|${instance.id}`,
            RESOURCE_LIST
        );
        return {
            mutated: false,
            body: dropUndefined({
                [listField]: page.items.map((resource) => ({
                    Id: resource.id,
                    Arn: childArn(state, instance, arnKind, resource.id),
                    Name: resource.name,
                    LastModifiedTime: epochSeconds(Date.parse(instance.createdTime)),
                    LastModifiedRegion: state.region,
                })),
                NextToken: page.nextToken,
            }),
        };
    };
}

export const listPredefinedAttributes: Operation = ({ state, params }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const page = paginate(
        instance.predefinedAttributes,
        params,
        `ListPredefinedAttributes|${instance.id}`,
        ATTRIBUTE_LIST
    );
    return {
        mutated: false,
        body: dropUndefined({
            PredefinedAttributeSummaryList: page.items.map((attribute) => ({
                Name: attribute.name,
                LastModifiedTime: epochSeconds(Date.parse(instance.createdTime)),
                LastModifiedRegion: state.region,
            })),
            NextToken: page.nextToken,
        }),
    };
};

/**
 * What the describes and the lists of the seed's resources share: the routing
 * profile, security profile or hierarchy group a request names by its ID, and when
 * such a resource last changed.
 */
import type {
    EmulatorState,
    HierarchyGroup,
    InstanceState,
    NamedResource,
    RoutingProfile,
    SecurityProfile,
} from '../types';
import {
    epochSeconds,
    type OperationContext,
    requireReferenced,
    resolveInstance,
} from './context';

/** Seeded resources last changed when their instance was created. */
export const lastModified = (state: EmulatorState, instance: InstanceState) => ({
    LastModifiedTime: epochSeconds(Date.parse(instance.createdTime)),
    LastModifiedRegion: state.region,
});

/** A resource of the seed that a request names, and the instance it is in. */
export interface Named<T extends NamedResource> {
    instance: InstanceState;
    resource: T;
}

function resolveNamed<T extends NamedResource>(
    { state, params }: OperationContext,
    resourcesOf: (instance: InstanceState) => readonly T[],
    field: string,
    kind: string
): Named<T> {
    const instance = resolveInstance(state, params.InstanceId);
    const resources = resourcesOf(instance);
    const id = requireReferenced(resources, params[field], field, kind, instance);
    return { instance, resource: resources.find((candidate) => candidate.id === id)! };
}

/** The routing profile of RoutingProfileId: an ID, not an ARN, as in the user APIs. */
export const namedRoutingProfile = (context: OperationContext): Named<RoutingProfile> =>
    resolveNamed(
        context,
        (instance) => instance.routingProfiles,
        'RoutingProfileId',
        'routing profile'
    );

export const namedSecurityProfile = (
    context: OperationContext
): Named<SecurityProfile> =>
    resolveNamed(
        context,
        (instance) => instance.securityProfiles,
        'SecurityProfileId',
        'security profile'
    );

export const namedHierarchyGroup = (context: OperationContext): Named<HierarchyGroup> =>
    resolveNamed(
        context,
        (instance) => instance.hierarchyGroups,
        'HierarchyGroupId',
        'hierarchy group'
    );

/**
 * The REST-JSON routes of the emulated operations, exactly as the SDK's service model
 * declares them (method, URI template with labels, query parameters).
 */
import { decodeSegment } from './http/request-target';

interface Route {
    operation: string;
    method: string;
    segments: string[];
}

const TEMPLATES: ReadonlyArray<[string, string, string]> = [
    ['CreateUser', 'PUT', '/users/{InstanceId}'],
    ['DescribeUser', 'GET', '/users/{InstanceId}/{UserId}'],
    ['DeleteUser', 'DELETE', '/users/{InstanceId}/{UserId}'],
    ['ListUsers', 'GET', '/users-summary/{InstanceId}'],
    ['UpdateUserIdentityInfo', 'POST', '/users/{InstanceId}/{UserId}/identity-info'],
    ['UpdateUserPhoneConfig', 'POST', '/users/{InstanceId}/{UserId}/phone-config'],
    [
        'UpdateUserRoutingProfile',
        'POST',
        '/users/{InstanceId}/{UserId}/routing-profile',
    ],
    [
        'UpdateUserSecurityProfiles',
        'POST',
        '/users/{InstanceId}/{UserId}/security-profiles',
    ],
    ['UpdateUserHierarchy', 'POST', '/users/{InstanceId}/{UserId}/hierarchy'],
    ['UpdateUserConfig', 'POST', '/users/{InstanceId}/{UserId}/config'],
    ['TagResource', 'POST', '/tags/{resourceArn}'],
    ['UntagResource', 'DELETE', '/tags/{resourceArn}'],
    ['ListTagsForResource', 'GET', '/tags/{resourceArn}'],
    [
        'AssociateUserProficiencies',
        'POST',
        '/users/{InstanceId}/{UserId}/associate-proficiencies',
    ],
    [
        'DisassociateUserProficiencies',
        'POST',
        '/users/{InstanceId}/{UserId}/disassociate-proficiencies',
    ],
    ['UpdateUserProficiencies', 'POST', '/users/{InstanceId}/{UserId}/proficiencies'],
    ['ListUserProficiencies', 'GET', '/users/{InstanceId}/{UserId}/proficiencies'],
    ['DescribeInstance', 'GET', '/instance/{InstanceId}'],
    ['ListInstances', 'GET', '/instance'],
    ['ListRoutingProfiles', 'GET', '/routing-profiles-summary/{InstanceId}'],
    ['ListSecurityProfiles', 'GET', '/security-profiles-summary/{InstanceId}'],
    ['ListUserHierarchyGroups', 'GET', '/user-hierarchy-groups-summary/{InstanceId}'],
    ['ListPredefinedAttributes', 'GET', '/predefined-attributes/{InstanceId}'],
    [
        'DescribePredefinedAttribute',
        'GET',
        '/predefined-attributes/{InstanceId}/{Name}',
    ],
    [
        'DescribeRoutingProfile',
        'GET',
        '/routing-profiles/{InstanceId}/{RoutingProfileId}',
    ],
    [
        'DescribeSecurityProfile',
        'GET',
        '/security-profiles/{InstanceId}/{SecurityProfileId}',
    ],
    [
        'DescribeUserHierarchyGroup',
        'GET',
        '/user-hierarchy-groups/{InstanceId}/{HierarchyGroupId}',
    ],
    ['DescribeUserHierarchyStructure', 'GET', '/user-hierarchy-structure/{InstanceId}'],
    ['SearchUsers', 'POST', '/search-users'],
    [
        'ListRoutingProfileQueues',
        'GET',
        '/routing-profiles/{InstanceId}/{RoutingProfileId}/queues',
    ],
    [
        'ListSecurityProfilePermissions',
        'GET',
        '/security-profiles-permissions/{InstanceId}/{SecurityProfileId}',
    ],
    [
        'DescribeInstanceAttribute',
        'GET',
        '/instance/{InstanceId}/attribute/{AttributeType}',
    ],
];

const ROUTES: readonly Route[] = TEMPLATES.map(([operation, method, template]) => ({
    operation,
    method,
    segments: template.split('/').slice(1),
}));

/** Query parameter name on the wire -> member name in the request shape. */
const QUERY_MEMBERS: Readonly<Record<string, string>> = {
    nextToken: 'NextToken',
    maxResults: 'MaxResults',
    tagKeys: 'tagKeys',
};

export interface MatchedRoute {
    operation: string;
    /** Labels and query parameters, keyed by request member name. */
    params: Record<string, unknown>;
}

/**
 * Labels are not greedy, so a label's `/` arrives percent-encoded within a
 * segment; a label whose %-encoding is broken is `bad-encoding`.
 */
export function matchRoute(
    method: string,
    url: URL
): MatchedRoute | 'bad-encoding' | undefined {
    const parts = url.pathname.split('/').slice(1);
    for (const route of ROUTES) {
        if (route.method !== method || route.segments.length !== parts.length) continue;
        const params: Record<string, unknown> = {};
        let broken = false;
        const matches = route.segments.every((segment, index) => {
            const label = /^\{(\w+)\}$/.exec(segment);
            if (!label) return segment === parts[index];
            if (parts[index] === '') return false;
            const decoded = decodeSegment(parts[index]);
            broken ||= decoded === undefined;
            params[label[1]] = decoded;
            return true;
        });
        if (!matches) continue;
        if (broken) return 'bad-encoding';
        for (const [name, member] of Object.entries(QUERY_MEMBERS)) {
            const values = url.searchParams.getAll(name);
            if (values.length === 0) continue;
            if (member === 'tagKeys') params[member] = values;
            else if (member === 'MaxResults') params[member] = Number(values[0]);
            else params[member] = values[0];
        }
        return { operation: route.operation, params };
    }
    return undefined;
}

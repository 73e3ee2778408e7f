/**
 * SearchUsers: the users of an instance matching a SearchCriteria and a SearchFilter
 * (see search.ts), paged, with the number of matches.
 */
import { configurationView } from '../channels';
import { paginate, type PageBounds } from '../pagination';
import { userSearch } from '../search';
import type { Behaviour, EmulatorState, InstanceState, UserState } from '../types';
import { dropUndefined } from '../validate';
import { childArn, resolveInstance, type Operation } from './context';

/** MaxResult500: 1-500. The default page size is not documented. */
const SEARCH_PAGE: PageBounds = { defaultSize: 100, max: 500 };

type Json = Record<string, unknown>;

/** Seconds to milliseconds for every AfterContactWorkTimeLimit inside `value`. */
function inMilliseconds(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(inMilliseconds);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
        Object.entries(value as Json).map(([key, inner]) => [
            key,
            key === 'AfterContactWorkTimeLimit' && typeof inner === 'number'
                ? inner * 1000
                : inMilliseconds(inner),
        ])
    );
}

/**
 * UserSearchSummary: IDs as DescribeUser gives them, IdentityInfo reduced to the
 * names, and the phone settings in the form DescribeUser shows them, except that
 * "AfterContactWorkTimeLimit is returned in milliseconds".
 */
function searchSummary(
    state: EmulatorState,
    instance: InstanceState,
    user: UserState,
    behaviour: Readonly<Behaviour>
) {
    const { PhoneConfig, ...lists } = configurationView(user.channelSettings, {
        both: behaviour.describeBoth,
    });
    const names = dropUndefined({
        FirstName: user.identityInfo?.FirstName,
        LastName: user.identityInfo?.LastName,
    });
    return dropUndefined({
        Arn: childArn(state, instance, 'agent', user.id),
        DirectoryUserId: user.directoryUserId,
        HierarchyGroupId: user.hierarchyGroupId,
        Id: user.id,
        IdentityInfo: Object.keys(names).length > 0 ? names : undefined,
        PhoneConfig: PhoneConfig ? inMilliseconds(PhoneConfig) : undefined,
        RoutingProfileId: user.routingProfileId,
        SecurityProfileIds: [...user.securityProfileIds],
        Tags: { ...user.tags },
        Username: user.username,
        ...(inMilliseconds(lists) as Json),
    });
}

/**
 * Users in the order they were created. A NextToken is bound to the instance and to
 * the criteria and filter it was issued for.
 */
export const searchUsers: Operation = ({ state, params, behaviour }) => {
    const instance = resolveInstance(state, params.InstanceId);
    const matches = userSearch(instance, params.SearchCriteria, params.SearchFilter);
    const found = instance.users.filter(matches);
    const query = JSON.stringify([
        params.SearchCriteria ?? null,
        params.SearchFilter ?? null,
    ]);
    const page = paginate(
        found,
        params,
        `SearchUsers|${instance.id}|${query}`,
        SEARCH_PAGE
    );
    return {
        mutated: false,
        body: dropUndefined({
            Users: page.items.map((user) =>
                searchSummary(state, instance, user, behaviour)
            ),
            NextToken: page.nextToken,
            ApproximateTotalCount: found.length,
        }),
    };
};

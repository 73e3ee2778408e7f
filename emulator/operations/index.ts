/**
 * The emulated Amazon Connect operations, by the name the SDK gives them. Each area
 * lives in its own file here; every operation validates the whole request before it
 * changes anything, so a refused call leaves the state untouched.
 */
import { updateUserConfig, updateUserPhoneConfig } from './configuration';
import type { Operation } from './context';
import {
    describePredefinedAttribute,
    describeRoutingProfile,
    describeSecurityProfile,
    describeUserHierarchyGroup,
    describeUserHierarchyStructure,
} from './describe';
import { updateUserIdentityInfo } from './identity';
import {
    describeInstance,
    listInstances,
    listNamed,
    listPredefinedAttributes,
} from './lookups';
import {
    describeInstanceAttribute,
    listRoutingProfileQueues,
    listSecurityProfilePermissions,
} from './profile-details';
import { listUserProficiencies, proficiencyOperation } from './proficiencies';
import { searchUsers } from './search';
import { listTagsForResource, tagResource, untagResource } from './tags';
import {
    createUser,
    deleteUser,
    describeUser,
    listUsers,
    updateUserHierarchy,
    updateUserRoutingProfile,
    updateUserSecurityProfiles,
} from './users';

export { instanceArn, instanceIdFrom } from './context';
export type { Operation, OperationContext, OperationResult } from './context';

/** Operation name (as the SDK calls it) -> implementation. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
    CreateUser: createUser,
    DescribeUser: describeUser,
    DeleteUser: deleteUser,
    ListUsers: listUsers,
    UpdateUserIdentityInfo: updateUserIdentityInfo,
    UpdateUserPhoneConfig: updateUserPhoneConfig,
    UpdateUserRoutingProfile: updateUserRoutingProfile,
    UpdateUserSecurityProfiles: updateUserSecurityProfiles,
    UpdateUserHierarchy: updateUserHierarchy,
    UpdateUserConfig: updateUserConfig,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
    AssociateUserProficiencies: proficiencyOperation('associate'),
    DisassociateUserProficiencies: proficiencyOperation('disassociate'),
    UpdateUserProficiencies: proficiencyOperation('update'),
    ListUserProficiencies: listUserProficiencies,
    DescribeInstance: describeInstance,
    ListInstances: listInstances,
    ListRoutingProfiles: listNamed(
        'ListRoutingProfiles',
        'RoutingProfileSummaryList',
        (instance) => instance.routingProfiles,
        'routing-profile'
    ),
    ListSecurityProfiles: listNamed(
        'ListSecurityProfiles',
        'SecurityProfileSummaryList',
        (instance) => instance.securityProfiles,
        'security-profile'
    ),
    ListUserHierarchyGroups: listNamed(
        'ListUserHierarchyGroups',
        'UserHierarchyGroupSummaryList',
        (instance) => instance.hierarchyGroups,
        'agent-group'
    ),
    ListPredefinedAttributes: listPredefinedAttributes,
    DescribePredefinedAttribute: describePredefinedAttribute,
    DescribeRoutingProfile: describeRoutingProfile,
    DescribeSecurityProfile: describeSecurityProfile,
    DescribeUserHierarchyGroup: describeUserHierarchyGroup,
    DescribeUserHierarchyStructure: describeUserHierarchyStructure,
    SearchUsers: searchUsers,
    ListRoutingProfileQueues: listRoutingProfileQueues,
    ListSecurityProfilePermissions: listSecurityProfilePermissions,
    DescribeInstanceAttribute: describeInstanceAttribute,
};

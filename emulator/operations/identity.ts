/**
 * Identity information, and the directory behind an EXISTING_DIRECTORY instance.
 *
 * Connect: "For Amazon Connect instances that are created with the EXISTING_DIRECTORY
 * identity management type, FirstName, LastName, and Email cannot be updated from
 * within Amazon Connect because they are managed by the directory."
 */
import { invalidParameter, invalidRequest } from '../errors';
import type { IdentityInfo, InstanceState, UserState } from '../types';
import { dropUndefined, isObject, validateIdentityInfo } from '../validate';
import { resolveTarget, touch, type Operation } from './context';

const DIRECTORY_MANAGED = ['FirstName', 'LastName', 'Email'] as const;

/** UserIdentityInfo's member order, so an IdentityInfo always reads the same way. */
const ordered = (info: IdentityInfo): IdentityInfo | undefined => {
    const cleaned = dropUndefined({
        FirstName: info.FirstName,
        LastName: info.LastName,
        Email: info.Email,
        SecondaryEmail: info.SecondaryEmail,
        Mobile: info.Mobile,
    });
    return Object.keys(cleaned).length > 0 ? cleaned : undefined;
};

/**
 * The IdentityInfo a new user gets. On EXISTING_DIRECTORY, the directory entry for
 * the DirectoryUserId supplies FirstName, LastName and Email, whatever the request
 * says; an unknown DirectoryUserId is accepted as it is ("If you include the
 * identifier, we assume that Amazon Connect cannot access the directory").
 */
export function identityOnCreate(
    instance: InstanceState,
    raw: unknown,
    directoryUserId: string | undefined
): IdentityInfo | undefined {
    const given = validateIdentityInfo(raw, instance.identityManagementType);
    const entry =
        directoryUserId === undefined
            ? undefined
            : instance.directoryUsers.find(
                  (candidate) => candidate.DirectoryUserId === directoryUserId
              );
    if (!entry) return given;
    return ordered({
        ...given,
        FirstName: entry.FirstName,
        LastName: entry.LastName,
        Email: entry.Email,
    });
}

/**
 * On EXISTING_DIRECTORY the directory-managed fields keep their value: a request
 * changing one is refused (behaviour `directoryIdentityUpdates: 'refuse'`) or the
 * change is ignored ('ignore'). Only SecondaryEmail and Mobile follow the request.
 */
function directoryUpdate(
    user: UserState,
    requested: IdentityInfo,
    mode: 'refuse' | 'ignore'
): IdentityInfo | undefined {
    const current = user.identityInfo ?? {};
    const changed = DIRECTORY_MANAGED.filter(
        (field) => requested[field] !== undefined && requested[field] !== current[field]
    );
    if (mode === 'refuse' && changed.length > 0) {
        throw invalidRequest(
            changed.map((field) => `IdentityInfo.${field}`).join(', ') +
                ' cannot be updated on an instance using EXISTING_DIRECTORY identity ' +
                'management: the directory manages it'
        );
    }
    return ordered({
        FirstName: current.FirstName,
        LastName: current.LastName,
        Email: current.Email,
        SecondaryEmail: requested.SecondaryEmail,
        Mobile: requested.Mobile,
    });
}

/** Replaces the whole IdentityInfo: a field absent from the request is cleared. */
export const updateUserIdentityInfo: Operation = (context) => {
    const { instance, user } = resolveTarget(context);
    const type = instance.identityManagementType;
    if (!isObject(context.params.IdentityInfo)) {
        throw invalidParameter('IdentityInfo is required');
    }
    const requested = validateIdentityInfo(context.params.IdentityInfo, type);
    const identityInfo =
        type === 'EXISTING_DIRECTORY'
            ? directoryUpdate(
                  user,
                  requested ?? {},
                  context.behaviour.directoryIdentityUpdates
              )
            : requested;
    if (identityInfo) user.identityInfo = identityInfo;
    else delete user.identityInfo;
    touch(user, context);
    return { mutated: true };
};

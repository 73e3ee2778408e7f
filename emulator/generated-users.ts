/**
 * A generated instance size: the users of a contact centre of thousands of agents,
 * made without a call each, so that a seed of 10,000 users starts in well under a
 * second and a benchmark can measure what the handler's calls cost at that size.
 */
import { settingsFrom, storeChannelSettings } from './channels';
import type { EmulatorState, InstanceState, UserState } from './types';

/** More users than any instance in this emulator needs; Connect's own quota is 20,000. */
export const MAX_GENERATED_USERS = 100_000;

/** Agent00001 ...: Connect allows 20 characters in a CONNECT_MANAGED username. */
export function generatedUsername(index: number): string {
    return `agent${String(index + 1).padStart(5, '0')}`;
}

/** A valid version 4 UUID of its own for each index, so runs are repeatable. */
function generatedUserId(index: number): string {
    return `9a000000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
}

function generatedUser(
    instance: InstanceState,
    region: string,
    index: number,
    modifiedAt: number
): UserState {
    const username = generatedUsername(index);
    const routing = instance.routingProfiles[index % instance.routingProfiles.length];
    const security = instance.securityProfiles[0];
    const user: UserState = {
        id: generatedUserId(index),
        username,
        identityInfo: {
            FirstName: 'Agent',
            LastName: String(index + 1),
            Email: `${username}@example.com`,
        },
        securityProfileIds: [security.id],
        routingProfileId: routing.id,
        tags: {},
        proficiencies: [],
        channelSettings: {},
        lastModifiedTime: modifiedAt,
        lastModifiedRegion: region,
    };
    storeChannelSettings(
        user,
        settingsFrom(
            {
                PhoneType: 'SOFT_PHONE',
                AutoAccept: false,
                AfterContactWorkTimeLimit: 0,
            },
            {}
        )
    );
    return user;
}

/**
 * The state with `count` generated users added to its first CONNECT_MANAGED
 * instance: usernames agent00001 upwards, names and email from the number, the
 * routing profiles in turn and the first security profile. The state is not changed.
 */
export function withGeneratedUsers(state: EmulatorState, count: number): EmulatorState {
    if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_USERS) {
        throw new Error(
            `users must be an integer from 0 to ${MAX_GENERATED_USERS}, not ${count}`
        );
    }
    const next = structuredClone(state);
    if (count === 0) return next;
    const instance = next.instances.find(
        (candidate) => candidate.identityManagementType === 'CONNECT_MANAGED'
    );
    if (!instance) throw new Error('The seed has no CONNECT_MANAGED instance to fill');
    if (
        instance.routingProfiles.length === 0 ||
        instance.securityProfiles.length === 0
    ) {
        throw new Error(
            `Instance ${instance.id} needs a routing and a security profile for its users`
        );
    }
    const taken = new Set(instance.users.map((user) => user.username));
    const modifiedAt = Date.parse(instance.createdTime) || 0;
    for (let index = 0; index < count; index += 1) {
        const user = generatedUser(instance, next.region, index, modifiedAt);
        if (taken.has(user.username)) {
            throw new Error(`The seed already has a user named ${user.username}`);
        }
        instance.users.push(user);
    }
    return next;
}

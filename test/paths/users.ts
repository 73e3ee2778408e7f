import { SEED_INSTANCES } from '../../emulator/seed';
import type { Emulator } from '../../emulator/server';
import type { ResourceProperties } from '../../src/properties';
import { MUTATING_OPERATIONS } from '../property/harness';

/**
 * The users the path tests create through the entrypoint, and what they look
 * at in the emulator afterwards.
 */

const { managed, directory } = SEED_INSTANCES;

/** A user of the seed's CONNECT_MANAGED instance, with a password and identity. */
export function managedUser(overrides: ResourceProperties = {}): ResourceProperties {
    return {
        InstanceArn: managed.arn,
        Username: 'jdoe',
        Password: 'Sup3rSecretPassw0rd',
        RoutingProfileArn: managed.routingProfileArns[0],
        SecurityProfileArns: [managed.securityProfileArns[0]],
        IdentityInfo: {
            FirstName: 'Jane',
            LastName: 'Doe',
            Email: 'jane.doe@example.com',
        },
        PhoneConfig: { PhoneType: 'SOFT_PHONE' },
        ...overrides,
    };
}

/** A user of the seed's directory instance, named by its directory user ID. */
export function directoryUser(overrides: ResourceProperties = {}): ResourceProperties {
    return {
        InstanceArn: directory.arn,
        Username: 'mmajor',
        DirectoryUserId: directory.directoryUserIds[0],
        RoutingProfileArn: directory.routingProfileArns[0],
        SecurityProfileArns: [directory.securityProfileArns[0]],
        PhoneConfig: { PhoneType: 'SOFT_PHONE' },
        ...overrides,
    };
}

/** Every user the emulator holds, in every instance. */
export const storedUsers = (emulator: Emulator) =>
    emulator.snapshot().instances.flatMap((instance) => instance.users);

/** The calls the emulator received that change something. */
export const mutatingCallsOf = (emulator: Emulator) =>
    emulator.calls().filter((call) => MUTATING_OPERATIONS.has(call.operation));

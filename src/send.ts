/**
 * Sending the calls the planners plan (src/reconcile.ts), for CREATE and
 * UPDATE only: the commands of Connect's mutating operations, and the look-up
 * that tells a missing reference from a missing user.
 */
import {
    AssociateUserProficienciesCommand,
    type ConnectClient,
    DescribeUserCommand,
    DisassociateUserProficienciesCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateUserConfigCommand,
    UpdateUserHierarchyCommand,
    UpdateUserIdentityInfoCommand,
    UpdateUserProficienciesCommand,
    UpdateUserRoutingProfileCommand,
    UpdateUserSecurityProfilesCommand,
} from '@aws-sdk/client-connect';
import { missingReference, REFERENCE_OF_OPERATION } from './errors';
import type { PlannedCall } from './reconcile';

/** The Connect command of each operation a planner may plan. */
const COMMANDS = {
    UpdateUserRoutingProfile: UpdateUserRoutingProfileCommand,
    UpdateUserSecurityProfiles: UpdateUserSecurityProfilesCommand,
    UpdateUserHierarchy: UpdateUserHierarchyCommand,
    UpdateUserIdentityInfo: UpdateUserIdentityInfoCommand,
    UpdateUserConfig: UpdateUserConfigCommand,
    DisassociateUserProficiencies: DisassociateUserProficienciesCommand,
    UpdateUserProficiencies: UpdateUserProficienciesCommand,
    AssociateUserProficiencies: AssociateUserProficienciesCommand,
    UntagResource: UntagResourceCommand,
    TagResource: TagResourceCommand,
} as const;

/** Whether Connect still has the user a call was for. */
async function userExists(
    client: ConnectClient,
    input: { InstanceId?: string; UserId?: string }
): Promise<boolean> {
    try {
        await client.send(
            new DescribeUserCommand({
                InstanceId: input.InstanceId,
                UserId: input.UserId,
            })
        );
        return true;
    } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
            return false;
        }
        throw error;
    }
}

/**
 * Sends one planned call. Connect answers ResourceNotFoundException both for
 * a missing user and for a missing routing profile, security profile,
 * hierarchy group or attribute: for a call that names one, the user is looked
 * up, and when the user is there the failure is the template's reference,
 * named as the property.
 */
export async function sendPlanned(
    client: ConnectClient,
    call: PlannedCall
): Promise<void> {
    const Command = COMMANDS[call.operation] as new (
        input: PlannedCall['input']
    ) => Parameters<ConnectClient['send']>[0];
    try {
        await client.send(new Command(call.input));
    } catch (error) {
        const property = REFERENCE_OF_OPERATION[call.operation];
        if (
            property !== undefined &&
            (error as Error).name === 'ResourceNotFoundException' &&
            (await userExists(
                client,
                call.input as { InstanceId?: string; UserId?: string }
            ))
        ) {
            throw missingReference(property, error);
        }
        throw error;
    }
}

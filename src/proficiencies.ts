import type { ConnectClient, UserProficiency } from '@aws-sdk/client-connect';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { fetchUser } from './actions/read';
import type { ResourceRef } from './arn';
import { sendPlanned } from './send';
import { toHandlerFailure } from './errors';
import {
    type PlannedCall,
    planProficiencyChanges,
    proficiencyCalls,
} from './reconcile';

/**
 * Sends proficiency calls so that the user ends with exactly `wanted`.
 *
 * Connect refuses to associate a proficiency that is already associated, and
 * to update or disassociate one that is not: what the SDK's retry of a call
 * whose answer was lost gets, and what a replayed CREATE step gets. On such a
 * refusal the user's proficiencies are read again and only what is still
 * needed is sent, once, of the kinds of call given (an update sends level
 * changes beside removals and additions); a second refusal is a real one and
 * is the answer. Returns whether it had to re-plan.
 */
export async function applyProficiencyCalls(
    client: ConnectClient,
    ref: ResourceRef,
    calls: readonly PlannedCall[],
    wanted: readonly UserProficiency[]
): Promise<boolean> {
    try {
        for (const call of calls) {
            await sendPlanned(client, call);
        }
        return false;
    } catch (error) {
        if (toHandlerFailure(error).code !== HandlerErrorCode.InvalidRequest) {
            throw error;
        }
        const { proficiencies } = await fetchUser(client, ref);
        const target = { InstanceId: ref.instanceId, UserId: ref.id };
        const changes = planProficiencyChanges(proficiencies, wanted);
        // Only the kinds of call given: another chain may be sending the others.
        const kinds = new Set(calls.map((call) => call.operation));
        for (const call of proficiencyCalls(changes, target)) {
            if (kinds.has(call.operation)) {
                await sendPlanned(client, call);
            }
        }
        return true;
    }
}

const PROFICIENCY_OPERATIONS = new Set([
    'AssociateUserProficiencies',
    'DisassociateUserProficiencies',
    'UpdateUserProficiencies',
]);

export function isProficiencyCall(call: PlannedCall): boolean {
    return PROFICIENCY_OPERATIONS.has(call.operation);
}

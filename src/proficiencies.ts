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

/** Re-plans at most: the first after any refusal, each further one after a call the SDK repeated. */
const MAX_REPLANS = 3;

/**
 * Whether the SDK sent the call more than once: an earlier attempt may have
 * been applied and its answer lost, so a refusal says nothing of the plan.
 */
function repeatedBySdk(error: unknown): boolean {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata
        ?.attempts;
    return (attempts ?? 1) > 1;
}

/**
 * Sends proficiency calls so that the user ends with exactly `wanted`.
 *
 * Connect refuses to associate a proficiency that is already associated, and
 * to update or disassociate one that is not: what the SDK's retry of a call
 * whose answer was lost gets, and what a replayed CREATE step gets. On such a
 * refusal the user's proficiencies are read again and only what is still
 * needed is sent, of the kinds of call given (an update sends level changes
 * beside removals and additions). A refusal of a re-planned call is the
 * answer, unless the SDK had repeated that call too (its answer lost again):
 * then it is re-planned once more, a few times at most. Returns whether it had
 * to re-plan.
 */
export async function applyProficiencyCalls(
    client: ConnectClient,
    ref: ResourceRef,
    calls: readonly PlannedCall[],
    wanted: readonly UserProficiency[]
): Promise<boolean> {
    // Only the kinds of call given: another chain may be sending the others.
    const kinds = new Set(calls.map((call) => call.operation));
    const target = { InstanceId: ref.instanceId, UserId: ref.id };
    let pending = calls;
    for (let replans = 0; ; replans += 1) {
        try {
            for (const call of pending) {
                await sendPlanned(client, call);
            }
            return replans > 0;
        } catch (error) {
            const refused =
                toHandlerFailure(error).code === HandlerErrorCode.InvalidRequest;
            if (
                !refused ||
                (replans > 0 && !repeatedBySdk(error)) ||
                replans >= MAX_REPLANS
            ) {
                throw error;
            }
        }
        const { proficiencies } = await fetchUser(client, ref);
        pending = proficiencyCalls(
            planProficiencyChanges(proficiencies, wanted),
            target
        ).filter((call) => kinds.has(call.operation));
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

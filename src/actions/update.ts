import {
    HandlerErrorCode,
    type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import type { ConnectClient } from '@aws-sdk/client-connect';
import type { ResourceRef } from '../arn';
import { connectClient } from '../client';
import { sendPlanned } from '../send';
import { HandlerFailure } from '../errors';
import {
    type ActionRequest,
    type CallbackContext,
    type Logger,
    propertiesOf,
    reportFailures,
    succeeded,
    waitWhenThrottled,
} from '../progress';
import type { ResourceProperties } from '../properties';
import { applyProficiencyCalls, isProficiencyCall } from '../proficiencies';
import { runBounded } from '../parallel';
import { chainsOf, type PlannedCall, planUpdate } from '../reconcile';
import { fromConnectUser, tagMap } from '../translate';
import { channelSettingsOf, checkTagCount } from '../desired';
import { fetchUser, userRefOf } from './read';

/**
 * Connect has no API to change these after creation; the schema makes them
 * create-only, so CloudFormation replaces the user instead of updating it.
 */
const IMMUTABLE: ReadonlyArray<keyof ResourceProperties> = [
    'InstanceArn',
    'Username',
    'DirectoryUserId',
];

function notUpdatable(field: string, reason: string): HandlerFailure {
    return new HandlerFailure(
        HandlerErrorCode.NotUpdatable,
        `${field} cannot be changed after the user is created${reason}: replace the user instead`
    );
}

/**
 * Connect has no API to change a password. A different password in an
 * UPDATE is not applied, and the answer says so: the rest of the update goes
 * ahead. Refusing it instead would make CloudFormation's rollback (the old
 * model desired, the refused one previous: the mirror image of the forward
 * request) fail the same way. A password the previous model did not carry
 * (Cloud Control's previous state is a read, which never has one, so a patch
 * of /Password lands here) cannot be compared: it is not applied either, and
 * the answer says that too.
 */
function passwordNotApplied(
    desired: ResourceProperties,
    previous: ResourceProperties
): string | undefined {
    if (desired.Password === undefined || desired.Password === previous.Password) {
        return undefined;
    }
    return previous.Password === undefined
        ? 'Password was not applied: Amazon Connect cannot change a password, so the user keeps the one it was created with. To give it a new one, replace the user (a new Username).'
        : 'Password was not changed: Amazon Connect cannot change a password, so the user keeps the one it was created with. To give it a new one, replace the user (a new Username).';
}

function refuseImmutableChanges(
    desired: ResourceProperties,
    current: ResourceProperties
) {
    for (const field of IMMUTABLE) {
        if (desired[field] !== undefined && desired[field] !== current[field]) {
            throw notUpdatable(field, '');
        }
    }
}

/**
 * At most this many of an update's calls are in flight at once: enough for a
 * full update (eight chains, the longest two calls) to take two round trips.
 */
const MAX_IN_FLIGHT = 6;

/**
 * Sends the planned calls: the chains of calls that depend on each other one
 * after another, the chains side by side; after a failure, no chain starts
 * and none goes on to its next call. A proficiency chain goes as one, so that
 * a repeat of a call that already went through converges instead of failing.
 */
async function sendAll(
    client: ConnectClient,
    ref: ResourceRef,
    calls: readonly PlannedCall[],
    wantedProficiencies: ResourceProperties['UserProficiencies']
) {
    const chains = chainsOf(calls).map((chain) => async (stopped: () => boolean) => {
        if (chain.every(isProficiencyCall)) {
            await applyProficiencyCalls(client, ref, chain, wantedProficiencies ?? []);
            return;
        }
        for (const call of chain) {
            if (stopped()) {
                return;
            }
            await sendPlanned(client, call);
        }
    });
    await runBounded(chains, MAX_IN_FLIGHT);
}

/**
 * UPDATE: read the user, plan, send only the calls whose part changed, and
 * return the user as read back. A failure part-way leaves a user that a
 * retry or CloudFormation's rollback converges from, since every plan starts
 * from what Connect holds.
 */
export function update(
    session: SessionProxy | null | undefined,
    request: ActionRequest,
    callbackContext?: CallbackContext,
    logger?: Logger
) {
    return reportFailures(async () => {
        const desired = propertiesOf(request.desiredResourceState);
        const previous = propertiesOf(request.previousResourceState);
        const userArn = desired.UserArn ?? previous.UserArn;
        const ref = userRefOf(userArn, request);
        const stackTags = request.desiredResourceTags ?? {};
        checkTagCount(stackTags, desired.Tags);
        const hasPrevious = Boolean(request.previousResourceState);
        const channels = channelSettingsOf(desired, hasPrevious ? previous : undefined);
        const passwordNote = passwordNotApplied(desired, previous);
        if (passwordNote) {
            logger?.log(passwordNote);
        }
        const client = connectClient(session);
        const before = await fetchUser(client, ref);
        const current = fromConnectUser(before.user, {
            instance: ref,
            proficiencies: before.proficiencies,
        });
        refuseImmutableChanges(desired, current);
        const calls = planUpdate({
            current,
            desired,
            previous: hasPrevious ? previous : undefined,
            channels,
            currentTags: before.user.Tags ?? {},
            desiredTags: { ...stackTags, ...tagMap(desired.Tags) },
            previousTags: {
                ...request.previousResourceTags,
                ...tagMap(previous.Tags),
            },
            instanceId: ref.instanceId,
            userId: ref.id,
            userArn: before.user.Arn ?? String(userArn),
        });
        // From the first change on, throttling waits instead of failing: the
        // next invocation plans again from what Connect holds.
        return waitWhenThrottled(
            { ...desired, UserArn: userArn },
            callbackContext ?? {},
            async () => {
                await sendAll(client, ref, calls, desired.UserProficiencies);
                const after = calls.length ? await fetchUser(client, ref) : before;
                return succeeded(
                    fromConnectUser(after.user, {
                        instance: ref,
                        proficiencies: after.proficiencies,
                    }),
                    passwordNote
                );
            }
        );
    });
}

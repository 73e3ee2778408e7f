import {
    HandlerErrorCode,
    type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { connectClient, sendPlanned } from '../client';
import { HandlerFailure } from '../errors';
import {
    type ActionRequest,
    propertiesOf,
    reportFailures,
    succeeded,
} from '../progress';
import type { ResourceProperties } from '../properties';
import { planUpdate } from '../reconcile';
import { fromConnectUser, tagMap } from '../translate';
import { fetchUser, userRefOf } from './read';

/** Connect has no API to change these after creation; the schema makes them create-only. */
const IMMUTABLE: ReadonlyArray<keyof ResourceProperties> = [
    'Username',
    'DirectoryUserId',
];

/**
 * Connect cannot change a password after creation: a changed one is refused
 * before any call. A password the previous model did not carry (an imported
 * user, say) cannot be compared, and is left unused.
 */
function refusePasswordChange(
    desired: ResourceProperties,
    previous: ResourceProperties
) {
    if (
        desired.Password !== undefined &&
        previous.Password !== undefined &&
        desired.Password !== previous.Password
    ) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidRequest,
            'Password can only be set when the user is created'
        );
    }
}

function refuseImmutableChanges(
    desired: ResourceProperties,
    current: ResourceProperties
) {
    for (const field of IMMUTABLE) {
        if (desired[field] !== undefined && desired[field] !== current[field]) {
            throw new HandlerFailure(
                HandlerErrorCode.NotUpdatable,
                `${field} cannot be changed after the user is created: replace the user instead`
            );
        }
    }
}

/**
 * UPDATE: read the user, plan, send only the calls whose part changed, and
 * return the user as read back. A failure part-way leaves a user that a
 * retry or CloudFormation's rollback converges from, since every plan starts
 * from what Connect holds.
 */
export function update(
    session: SessionProxy | null | undefined,
    request: ActionRequest
) {
    return reportFailures(async () => {
        const desired = propertiesOf(request.desiredResourceState);
        const previous = propertiesOf(request.previousResourceState);
        const userArn = desired.UserArn ?? previous.UserArn;
        const ref = userRefOf(userArn);
        refusePasswordChange(desired, previous);
        const client = connectClient(session);
        const before = await fetchUser(client, ref);
        const stackTags = request.desiredResourceTags ?? {};
        const modelTagKeys = new Set(Object.keys(tagMap(desired.Tags)));
        const current = fromConnectUser(before.user, {
            instance: ref,
            proficiencies: before.proficiencies,
        });
        refuseImmutableChanges(desired, current);
        const calls = planUpdate({
            current,
            desired,
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
        for (const call of calls) {
            await sendPlanned(client, call);
        }
        const after = calls.length ? await fetchUser(client, ref) : before;
        return succeeded(
            fromConnectUser(after.user, {
                instance: ref,
                proficiencies: after.proficiencies,
                stackTags,
                modelTagKeys,
            })
        );
    });
}

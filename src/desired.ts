import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { type DesiredSettings, desiredSettings } from './channels';
import { HandlerFailure } from './errors';
import type { ResourceProperties } from './properties';
import { isReservedTagKey, tagMap, type TagMap } from './translate';

/**
 * Checks of a desired model that need more than the schema: the request's
 * stack tags, or the previous model. Both run before any call that changes
 * the user, so nothing is created or half-updated on a request that cannot
 * succeed.
 */

/** A user holds at most this many tags; `aws:` tags do not count. */
export const MAX_USER_TAGS = 50;

/**
 * Refuses, before any call, tags a user cannot hold: the model's and the
 * stack's together, which are all known before the user exists.
 */
export function checkTagCount(
    stackTags: TagMap | null | undefined,
    modelTags: unknown
): void {
    const keys = Object.keys({ ...stackTags, ...tagMap(modelTags) }).filter(
        (key) => !isReservedTagKey(key)
    );
    if (keys.length > MAX_USER_TAGS) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidRequest,
            `Tags: the user would hold ${keys.length} tags (the model's and the ` +
                `stack's together), and Amazon Connect allows at most ${MAX_USER_TAGS}`
        );
    }
}

/** The model's per-channel settings; InvalidRequest when its two views disagree. */
export function channelSettingsOf(
    desired: ResourceProperties,
    previous?: ResourceProperties
): DesiredSettings {
    const channels = desiredSettings(desired, previous);
    if (channels.conflicts.length) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidRequest,
            channels.conflicts.join('; ')
        );
    }
    return channels;
}

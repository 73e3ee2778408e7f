/**
 * A user's phone settings: UpdateUserPhoneConfig and UpdateUserConfig, both writing
 * the one per-channel truth in channels.ts.
 */
import {
    CHANNEL_CONFIG_FIELDS,
    storeChannelSettings,
    writeChannelLists,
    writePhoneConfig,
} from '../channels';
import { invalidParameter } from '../errors';
import { validateChannelConfigs, validatePhoneConfig } from '../validate-config';
import { resolveTarget, touch, type Operation } from './context';

/**
 * Replaces PhoneConfig. Its ACW timeout is set on every channel, its other fields on
 * VOICE; a field left out clears what an earlier PhoneConfig set for it, and leaves
 * what UpdateUserConfig set per channel.
 */
export const updateUserPhoneConfig: Operation = (context) => {
    const { user } = resolveTarget(context);
    // PhoneType is optional in the current API: PhoneNumberConfigs may carry it.
    const phoneConfig = validatePhoneConfig(context.params.PhoneConfig, {
        required: true,
    });
    storeChannelSettings(
        user,
        writePhoneConfig(user.channelSettings, phoneConfig ?? {}, { replace: true })
    );
    touch(user, context);
    return { mutated: true };
};

/**
 * Merges per channel: each entry given replaces the user's entry for that channel in
 * that list; channels and lists not named keep theirs. An entry for VOICE supersedes
 * the PhoneConfig field it corresponds to; entries for other channels leave
 * PhoneConfig as it reads.
 */
export const updateUserConfig: Operation = (context) => {
    const { user } = resolveTarget(context);
    const lists = validateChannelConfigs(context.params);
    if (CHANNEL_CONFIG_FIELDS.every((field) => lists[field] === undefined)) {
        throw invalidParameter(
            `At least one of ${CHANNEL_CONFIG_FIELDS.join(', ')} is required`
        );
    }
    storeChannelSettings(user, writeChannelLists(user.channelSettings, lists));
    touch(user, context);
    return { mutated: true };
};

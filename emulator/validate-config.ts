/**
 * Pure validation of a user's phone settings: the legacy PhoneConfig and the
 * per-channel configuration lists, with the rules Connect documents for each.
 * Shape and format errors are InvalidParameterException.
 */
import { CHANNELS, CHANNEL_CONFIG_FIELDS, PHONE_CONFIG_MAPPINGS } from './channels';
import { invalidParameter } from './errors';
import type { Channel, ChannelConfigField, ChannelConfigs, PhoneConfig } from './types';
import {
    E164,
    dropUndefined,
    isObject,
    optionalString,
    requiredString,
} from './validate';

/** AfterContactWorkConfig.AfterContactWorkMode, as the current API reference lists it. */
const AFTER_CONTACT_WORK_MODES: readonly string[] = ['ON', 'OFF', 'ON_DEMAND'];
const PHONE_TYPES = ['SOFT_PHONE', 'DESK_PHONE'];
const VOICE_ENHANCEMENT_MODES = ['VOICE_ISOLATION', 'NOISE_SUPPRESSION', 'NONE'];
const MAX_AFTER_CONTACT_WORK_SECONDS = 2_000_000;

/** Lists whose entries may only name the VOICE channel. */
const VOICE_ONLY_LISTS: ReadonlySet<ChannelConfigField> = new Set([
    'PhoneNumberConfigs',
    'PersistentConnectionConfigs',
    'VoiceEnhancementConfigs',
]);

function optionalBoolean(value: unknown, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean')
        throw invalidParameter(`${field} must be a boolean`);
    return value;
}

function afterContactWorkLimit(value: unknown, field: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < 0 ||
        value > MAX_AFTER_CONTACT_WORK_SECONDS
    ) {
        throw invalidParameter(
            `${field} must be an integer from 0 to ${MAX_AFTER_CONTACT_WORK_SECONDS}`
        );
    }
    return value;
}

export function validatePhoneConfig(
    value: unknown,
    options: { required: boolean }
): PhoneConfig | undefined {
    if (value === undefined || value === null) {
        if (options.required) throw invalidParameter('PhoneConfig is required');
        return undefined;
    }
    if (!isObject(value)) throw invalidParameter('PhoneConfig must be an object');
    const config: PhoneConfig = {
        PhoneType: optionalString(value.PhoneType, 'PhoneConfig.PhoneType'),
        AutoAccept: optionalBoolean(value.AutoAccept, 'PhoneConfig.AutoAccept'),
        AfterContactWorkTimeLimit: afterContactWorkLimit(
            value.AfterContactWorkTimeLimit,
            'PhoneConfig.AfterContactWorkTimeLimit'
        ),
        DeskPhoneNumber: optionalString(
            value.DeskPhoneNumber,
            'PhoneConfig.DeskPhoneNumber'
        ),
        PersistentConnection: optionalBoolean(
            value.PersistentConnection,
            'PhoneConfig.PersistentConnection'
        ),
    };
    if (config.PhoneType !== undefined && !PHONE_TYPES.includes(config.PhoneType)) {
        throw invalidParameter(
            `PhoneConfig.PhoneType must be one of ${PHONE_TYPES.join(', ')}`
        );
    }
    if (config.DeskPhoneNumber !== undefined && !E164.test(config.DeskPhoneNumber)) {
        throw invalidParameter('PhoneConfig.DeskPhoneNumber must be in E.164 format');
    }
    if (config.PhoneType === 'DESK_PHONE' && config.DeskPhoneNumber === undefined) {
        throw invalidParameter(
            'PhoneConfig.DeskPhoneNumber is required for a DESK_PHONE'
        );
    }
    return dropUndefined(config);
}

function channelOf(item: Record<string, unknown>, where: string): Channel {
    const channel = item.Channel;
    if (typeof channel !== 'string' || !CHANNELS.includes(channel as Channel)) {
        throw invalidParameter(
            `${where}.Channel must be one of ${CHANNELS.join(', ')}`
        );
    }
    return channel as Channel;
}

function validateChannelItem(
    field: ChannelConfigField,
    item: Record<string, unknown>,
    channel: Channel,
    where: string
): Record<string, unknown> {
    const voiceOnly = (name: string): void => {
        if (item[name] !== undefined && item[name] !== null && channel !== 'VOICE') {
            throw invalidParameter(
                `${where}.${name} is supported only on the VOICE channel`
            );
        }
    };
    switch (field) {
        case 'AutoAcceptConfigs': {
            voiceOnly('AgentFirstCallbackAutoAccept');
            const autoAccept = optionalBoolean(item.AutoAccept, `${where}.AutoAccept`);
            if (autoAccept === undefined) {
                throw invalidParameter(`${where}.AutoAccept is required`);
            }
            return {
                Channel: channel,
                AutoAccept: autoAccept,
                AgentFirstCallbackAutoAccept: optionalBoolean(
                    item.AgentFirstCallbackAutoAccept,
                    `${where}.AgentFirstCallbackAutoAccept`
                ),
            };
        }
        case 'AfterContactWorkConfigs': {
            voiceOnly('AgentFirstCallbackAfterContactWorkConfig');
            const limitOf = (name: string, required: boolean) => {
                const config = item[name];
                if (config === undefined || config === null) {
                    if (required)
                        throw invalidParameter(`${where}.${name} is required`);
                    return undefined;
                }
                if (!isObject(config)) {
                    throw invalidParameter(`${where}.${name} must be an object`);
                }
                const mode = optionalString(
                    config.AfterContactWorkMode,
                    `${where}.${name}.AfterContactWorkMode`
                );
                if (mode !== undefined && !AFTER_CONTACT_WORK_MODES.includes(mode)) {
                    throw invalidParameter(
                        `${where}.${name}.AfterContactWorkMode must be one of ${AFTER_CONTACT_WORK_MODES.join(', ')}`
                    );
                }
                return dropUndefined({
                    AfterContactWorkTimeLimit: afterContactWorkLimit(
                        config.AfterContactWorkTimeLimit,
                        `${where}.${name}.AfterContactWorkTimeLimit`
                    ),
                    AfterContactWorkMode: mode,
                });
            };
            return {
                Channel: channel,
                AfterContactWorkConfig: limitOf('AfterContactWorkConfig', true),
                AgentFirstCallbackAfterContactWorkConfig: limitOf(
                    'AgentFirstCallbackAfterContactWorkConfig',
                    false
                ),
            };
        }
        case 'PhoneNumberConfigs': {
            const phoneType = requiredString(item.PhoneType, `${where}.PhoneType`);
            if (!PHONE_TYPES.includes(phoneType)) {
                throw invalidParameter(
                    `${where}.PhoneType must be one of ${PHONE_TYPES.join(', ')}`
                );
            }
            const number = optionalString(item.PhoneNumber, `${where}.PhoneNumber`);
            if (number !== undefined && !E164.test(number)) {
                throw invalidParameter(`${where}.PhoneNumber must be in E.164 format`);
            }
            if (phoneType === 'DESK_PHONE' && number === undefined) {
                throw invalidParameter(
                    `${where}.PhoneNumber is required for a DESK_PHONE`
                );
            }
            return { Channel: channel, PhoneType: phoneType, PhoneNumber: number };
        }
        case 'PersistentConnectionConfigs': {
            const persistent = optionalBoolean(
                item.PersistentConnection,
                `${where}.PersistentConnection`
            );
            if (persistent === undefined) {
                throw invalidParameter(`${where}.PersistentConnection is required`);
            }
            return { Channel: channel, PersistentConnection: persistent };
        }
        case 'VoiceEnhancementConfigs': {
            const mode = requiredString(
                item.VoiceEnhancementMode,
                `${where}.VoiceEnhancementMode`
            );
            if (!VOICE_ENHANCEMENT_MODES.includes(mode)) {
                throw invalidParameter(
                    `${where}.VoiceEnhancementMode must be one of ` +
                        VOICE_ENHANCEMENT_MODES.join(', ')
                );
            }
            return { Channel: channel, VoiceEnhancementMode: mode };
        }
    }
}

/** Validates the per-channel lists present in a request; absent lists stay absent. */
export function validateChannelConfigs(
    params: Record<string, unknown>
): ChannelConfigs {
    const result: Record<string, unknown[]> = {};
    for (const field of CHANNEL_CONFIG_FIELDS) {
        const list = params[field];
        if (list === undefined || list === null) continue;
        if (!Array.isArray(list)) throw invalidParameter(`${field} must be a list`);
        const seen = new Set<Channel>();
        result[field] = list.map((item, index) => {
            const where = `${field}[${index}]`;
            if (!isObject(item)) throw invalidParameter(`${where} must be an object`);
            const channel = channelOf(item, where);
            if (seen.has(channel)) {
                throw invalidParameter(
                    `${field} names the ${channel} channel more than once`
                );
            }
            seen.add(channel);
            if (VOICE_ONLY_LISTS.has(field) && channel !== 'VOICE') {
                throw invalidParameter(`${field} supports only the VOICE channel`);
            }
            return dropUndefined(validateChannelItem(field, item, channel, where));
        });
    }
    return result as ChannelConfigs;
}

/** Connect refuses a PhoneConfig field together with the per-channel list replacing it. */
export function checkPhoneConfigConflicts(
    phoneConfig: PhoneConfig | undefined,
    lists: ChannelConfigs
): void {
    if (!phoneConfig) return;
    for (const { phoneFields, list } of PHONE_CONFIG_MAPPINGS) {
        if (lists[list] === undefined) continue;
        for (const field of phoneFields) {
            if (phoneConfig[field] !== undefined) {
                throw invalidParameter(
                    `PhoneConfig.${field} and ${list} cannot both be specified; ` +
                        `use ${list} for per-channel settings`
                );
            }
        }
    }
}

/**
 * The emulator's answers where the Connect API reference leaves a choice open and a
 * handler must be right either way; each can be changed at start or at runtime.
 */
import type { Behaviour, DirectoryIdentityUpdates } from './types';

/** The defaults: what the reference says or suggests (see README). */
export const DEFAULT_BEHAVIOUR: Readonly<Behaviour> = Object.freeze({
    acceptSystemTags: false,
    describeBoth: false,
    directoryIdentityUpdates: 'refuse',
});

const DIRECTORY_IDENTITY_UPDATES: readonly DirectoryIdentityUpdates[] = [
    'refuse',
    'ignore',
];

/**
 * Checks a partial Behaviour from an option object or the admin endpoint; a key whose
 * value is undefined is left out, as unchanged.
 */
export function validateBehaviour(raw: unknown): Partial<Behaviour> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new Error('Behaviour must be an object');
    }
    const changes = Object.fromEntries(
        Object.entries(raw).filter(([, value]) => value !== undefined)
    );
    for (const [key, value] of Object.entries(changes)) {
        const valid =
            key === 'acceptSystemTags' || key === 'describeBoth'
                ? typeof value === 'boolean'
                : key === 'directoryIdentityUpdates'
                  ? DIRECTORY_IDENTITY_UPDATES.includes(
                        value as DirectoryIdentityUpdates
                    )
                  : false;
        if (!valid) {
            throw new Error(
                `Behaviour ${key} is not valid: acceptSystemTags and describeBoth take ` +
                    `a boolean, directoryIdentityUpdates ${DIRECTORY_IDENTITY_UPDATES.join(' | ')}`
            );
        }
    }
    return changes as Partial<Behaviour>;
}

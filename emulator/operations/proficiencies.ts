/**
 * User proficiencies: associate, update, disassociate and list.
 */
import { invalidParameter, notFound } from '../errors';
import { paginate, type PageBounds } from '../pagination';
import type { InstanceState, UserProficiency, UserState } from '../types';
import { dropUndefined, isObject, requiredString } from '../validate';
import { epochSeconds, resolveTarget, type Operation } from './context';

const MAX_PROFICIENCY_BATCH = 20;
/** UserProficiency: AttributeName and AttributeValue are 1-100 characters. */
const MAX_ATTRIBUTE_LENGTH = 100;
const PROFICIENCY_LIST: PageBounds = { defaultSize: 100, max: 100 };

const proficiencyKey = (p: { AttributeName: string; AttributeValue: string }): string =>
    JSON.stringify([p.AttributeName, p.AttributeValue]);

/** UserProficiency.Level: "The valid values are 1, 2, 3, 4 and 5." */
function levelFrom(raw: unknown, where: string): number {
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 5) {
        throw invalidParameter(`${where}.Level must be one of 1, 2, 3, 4 and 5`);
    }
    return raw;
}

function proficiencyBatch(
    instance: InstanceState,
    raw: unknown,
    withLevel: boolean
): UserProficiency[] {
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > MAX_PROFICIENCY_BATCH) {
        throw invalidParameter(
            `UserProficiencies must contain 1 to ${MAX_PROFICIENCY_BATCH} items`
        );
    }
    const batch = raw.map((item, index) => {
        const where = `UserProficiencies[${index}]`;
        if (!isObject(item)) throw invalidParameter(`${where} must be an object`);
        const name = requiredString(
            item.AttributeName,
            `${where}.AttributeName`,
            MAX_ATTRIBUTE_LENGTH
        );
        const value = requiredString(
            item.AttributeValue,
            `${where}.AttributeValue`,
            MAX_ATTRIBUTE_LENGTH
        );
        const attribute = instance.predefinedAttributes.find((a) => a.name === name);
        if (!attribute) {
            throw notFound(
                `Predefined attribute ${name} not found in instance ${instance.id}`
            );
        }
        if (!attribute.values.includes(value)) {
            throw invalidParameter(
                `${value} is not a value of the predefined attribute ${name}`
            );
        }
        const level = withLevel ? levelFrom(item.Level, where) : 0;
        return { AttributeName: name, AttributeValue: value, Level: level };
    });
    const keys = new Set(batch.map(proficiencyKey));
    if (keys.size !== batch.length) {
        throw invalidParameter(
            'UserProficiencies names the same attribute value twice'
        );
    }
    return batch;
}

function requireAssociated(
    user: UserState,
    batch: UserProficiency[],
    present: boolean
): void {
    const stored = new Set(user.proficiencies.map(proficiencyKey));
    for (const item of batch) {
        if (stored.has(proficiencyKey(item)) !== present) {
            throw invalidParameter(
                present
                    ? `Proficiency ${item.AttributeName}=${item.AttributeValue} is not ` +
                          'associated with the user'
                    : `Proficiency ${item.AttributeName}=${item.AttributeValue} is already ` +
                          'associated with the user'
            );
        }
    }
}

/**
 * Associating an already associated (name, value), or updating or disassociating one
 * that is not, refuses the whole batch.
 */
export function proficiencyOperation(
    kind: 'associate' | 'update' | 'disassociate'
): Operation {
    return (context) => {
        const { instance, user } = resolveTarget(context);
        const batch = proficiencyBatch(
            instance,
            context.params.UserProficiencies,
            kind !== 'disassociate'
        );
        requireAssociated(user, batch, kind !== 'associate');
        const keys = new Set(batch.map(proficiencyKey));
        if (kind === 'associate') {
            user.proficiencies = [...user.proficiencies, ...batch];
        } else if (kind === 'update') {
            const levels = new Map(
                batch.map((item) => [proficiencyKey(item), item.Level])
            );
            user.proficiencies = user.proficiencies.map((item) => ({
                ...item,
                Level: levels.get(proficiencyKey(item)) ?? item.Level,
            }));
        } else {
            user.proficiencies = user.proficiencies.filter(
                (item) => !keys.has(proficiencyKey(item))
            );
        }
        user.proficienciesLastModifiedTime = context.now;
        return { mutated: true };
    };
}

export const listUserProficiencies: Operation = (context) => {
    const { instance, user } = resolveTarget(context);
    const page = paginate(
        user.proficiencies,
        context.params,
        `ListUserProficiencies|${instance.id}|${user.id}`,
        PROFICIENCY_LIST
    );
    const modified = user.proficienciesLastModifiedTime;
    return {
        mutated: false,
        body: dropUndefined({
            UserProficiencyList: page.items.map((item) => ({ ...item })),
            NextToken: page.nextToken,
            LastModifiedTime:
                modified === undefined ? undefined : epochSeconds(modified),
            LastModifiedRegion:
                modified === undefined ? undefined : context.state.region,
        }),
    };
};

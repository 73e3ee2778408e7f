/**
 * Cloud Control validates a desired state against the resource schema before
 * any handler runs, and refuses it as `Model validation failed (...)`. The
 * schema is the handler's own (src/validate.ts); what only the handler checks
 * (the rules JSON Schema cannot say, such as PhoneConfig against the
 * per-channel lists) is left to the handler, which fails the request as
 * InvalidRequest. Unlike a template, a Cloud Control model is JSON: a string
 * where the schema wants a number or a boolean is a type error, not a value to
 * convert.
 */
import { semanticProblems, validateProperties } from '../src/validate';
import type { ResourceProperties } from '../src/properties';
import type { Model } from './schema';

function typeName(value: unknown): string {
    if (Array.isArray(value)) return 'Array';
    if (value === null) return 'Null';
    const type = typeof value;
    return type[0].toUpperCase() + type.slice(1);
}

/** The places where validation converted a string, named `#/A/0/B`. */
function convertedStrings(raw: unknown, converted: unknown, path = '#'): string[] {
    if (typeof raw === 'string' && typeof converted !== 'string') {
        return [`${path}: expected type: ${typeName(converted)}, found: String`];
    }
    if (Array.isArray(raw) && Array.isArray(converted)) {
        return raw.flatMap((item, index) =>
            convertedStrings(item, converted[index], `${path}/${index}`)
        );
    }
    if (
        typeof raw === 'object' &&
        raw !== null &&
        typeof converted === 'object' &&
        converted !== null
    ) {
        return Object.entries(raw).flatMap(([key, item]) =>
            convertedStrings(item, (converted as Model)[key], `${path}/${key}`)
        );
    }
    return [];
}

function semanticOnly(model: Model, problems: readonly string[]): boolean {
    try {
        const semantic = semanticProblems(model as ResourceProperties);
        return problems.every((problem) => semantic.includes(problem));
    } catch {
        // A model the schema refuses may not even have the shape the rules read.
        return false;
    }
}

/** What the schema refuses in a model; empty when Cloud Control passes it to the handler. */
export function schemaProblems(model: unknown): string[] {
    if (typeof model !== 'object' || model === null || Array.isArray(model)) {
        return [`#: expected type: JSONObject, found: ${typeName(model)}`];
    }
    const validation = validateProperties(model);
    if (validation.valid) {
        return convertedStrings(model, validation.properties);
    }
    return semanticOnly(model as Model, validation.problems) ? [] : validation.problems;
}

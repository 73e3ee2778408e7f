/**
 * What Cloud Control reads from the resource schema: the type name, the primary
 * identifier, the read-only, create-only and write-only properties, and what the
 * list handler requires of the model it is given. Nothing here is written twice:
 * every list comes from aws-connect-user.json.
 */
import schema from '../aws-connect-user.json';

export type Model = Record<string, unknown>;

interface ListHandlerSchema {
    properties?: Record<string, unknown>;
    required?: string[];
}

/** `/properties/UserArn` -> `UserArn`; a nested pointer keeps its tail (`A/B`). */
function propertyPath(pointer: string): string {
    return pointer.replace(/^\/properties\//, '');
}

export const TYPE_NAME: string = schema.typeName;

/** The version the handler's HandlerRequest names, as CloudFormation's registry numbers them. */
export const TYPE_VERSION_ID = '00000001';

export const PRIMARY_IDENTIFIER: readonly string[] =
    schema.primaryIdentifier.map(propertyPath);
export const READ_ONLY: readonly string[] = schema.readOnlyProperties.map(propertyPath);
export const CREATE_ONLY: readonly string[] =
    schema.createOnlyProperties.map(propertyPath);
export const WRITE_ONLY: readonly string[] =
    schema.writeOnlyProperties.map(propertyPath);

const listSchema = (schema.handlers.list as { handlerSchema?: ListHandlerSchema })
    .handlerSchema;

/** The properties a ListResources ResourceModel must carry. */
export const LIST_REQUIRED: readonly string[] = listSchema?.required ?? [];
/** The properties a ListResources ResourceModel may carry. */
export const LIST_PROPERTIES: readonly string[] = Object.keys(
    listSchema?.properties ?? {}
);

/** The handler's time limits in minutes, where the schema gives them. */
export function timeoutMinutes(action: 'create' | 'update' | 'delete'): number {
    const handler = schema.handlers[action] as { timeoutInMinutes?: number };
    return handler.timeoutInMinutes ?? 120;
}

/** The value of a top-level or nested property, or undefined. */
export function valueAt(model: Model, path: string): unknown {
    let value: unknown = model;
    for (const part of path.split('/')) {
        if (typeof value !== 'object' || value === null) {
            return undefined;
        }
        value = (value as Model)[part];
    }
    return value;
}

/** A copy without the write-only properties: what Cloud Control ever returns. */
export function withoutWriteOnly(model: Model): Model {
    const copy = JSON.parse(JSON.stringify(model)) as Model;
    for (const path of WRITE_ONLY) {
        const parts = path.split('/');
        const last = parts.pop() as string;
        const parent = parts.length ? valueAt(copy, parts.join('/')) : copy;
        if (typeof parent === 'object' && parent !== null) {
            delete (parent as Model)[last];
        }
    }
    return copy;
}

/** The write-only properties of a model, to carry into the handler's next invocation. */
export function writeOnlyOf(model: Model): Model {
    return Object.fromEntries(
        WRITE_ONLY.filter(
            (path) => !path.includes('/') && model[path] !== undefined
        ).map((path) => [path, model[path]])
    );
}

/**
 * The identifier Cloud Control reports: the primary identifier's values joined
 * by `|`, once every one of them is known.
 */
export function identifierOf(model: Model | undefined): string | undefined {
    if (!model) {
        return undefined;
    }
    const values = PRIMARY_IDENTIFIER.map((path) => valueAt(model, path));
    return values.every((value) => typeof value === 'string' && value !== '')
        ? values.join('|')
        : undefined;
}

/**
 * The model READ, UPDATE and DELETE are given for an identifier: the primary
 * identifier's properties. Cloud Control also takes the identifier as a JSON
 * object of them (`{"UserArn": "..."}`).
 */
export function modelOfIdentifier(identifier: string): Model {
    try {
        const parsed = JSON.parse(identifier) as unknown;
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
            const model = parsed as Model;
            if (PRIMARY_IDENTIFIER.every((path) => typeof model[path] === 'string')) {
                return Object.fromEntries(PRIMARY_IDENTIFIER.map((p) => [p, model[p]]));
            }
        }
    } catch {
        // Not JSON: the plain identifier.
    }
    const values =
        PRIMARY_IDENTIFIER.length === 1 ? [identifier] : identifier.split('|');
    return Object.fromEntries(
        PRIMARY_IDENTIFIER.map((path, index) => [path, values[index] ?? ''])
    );
}

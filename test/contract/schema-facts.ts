import schema from '../../aws-connect-user.json';

/**
 * What the contract tests need to know about the resource, read from the schema
 * rather than repeated here: identifiers, property kinds, which lists are sets,
 * handler permissions and time limits.
 */

export type ActionName = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';

interface PropertySchema {
    type?: string;
    insertionOrder?: boolean;
}

const properties = schema.properties as Record<string, PropertySchema>;

/** `/properties/UserArn` -> `UserArn` (top-level pointers only). */
function propertyNames(pointers: readonly string[] | undefined): string[] {
    return (pointers ?? []).map((pointer) => pointer.replace(/^\/properties\//, ''));
}

export const TYPE_NAME = schema.typeName;
export const PRIMARY_IDENTIFIER = propertyNames(schema.primaryIdentifier);
export const READ_ONLY = propertyNames(schema.readOnlyProperties);
export const WRITE_ONLY = propertyNames(schema.writeOnlyProperties);
export const CREATE_ONLY = propertyNames(schema.createOnlyProperties);
export const TAG_PROPERTY = propertyNames([schema.tagging.tagProperty])[0];

/**
 * Top-level arrays whose order carries no meaning. JSON Schema for resource types
 * defaults `insertionOrder` to true, so only an explicit false makes a set.
 */
export const UNORDERED_ARRAYS: ReadonlySet<string> = new Set(
    Object.entries(properties)
        .filter(([, value]) => value.type === 'array' && value.insertionOrder === false)
        .map(([name]) => name)
);

/** Properties an update may change: neither create-only, read-only nor write-only. */
export const UPDATABLE = Object.keys(properties).filter(
    (name) =>
        !CREATE_ONLY.includes(name) &&
        !READ_ONLY.includes(name) &&
        !WRITE_ONLY.includes(name)
);

interface HandlerSchema {
    permissions: string[];
    timeoutInMinutes?: number;
}

const handlers = schema.handlers as Record<string, HandlerSchema>;

/** The permissions each handler declares, by action. */
export const HANDLER_PERMISSIONS: Record<ActionName, ReadonlySet<string>> = {
    CREATE: new Set(handlers.create.permissions),
    READ: new Set(handlers.read.permissions),
    UPDATE: new Set(handlers.update.permissions),
    DELETE: new Set(handlers.delete.permissions),
    LIST: new Set(handlers.list.permissions),
};

export const TAGGING_PERMISSIONS: readonly string[] = schema.tagging.permissions;

/**
 * The contract's time limits: a handler's `timeoutInMinutes` (120 when absent)
 * for a whole mutating operation; READ and LIST answer within 30 seconds.
 */
export function timeLimitMs(action: ActionName): number {
    if (action === 'READ' || action === 'LIST') {
        return 30_000;
    }
    const minutes = handlers[action.toLowerCase()]?.timeoutInMinutes ?? 120;
    return minutes * 60_000;
}

/** `cfn test` gives each single invocation of a mutating handler at most 60 seconds. */
export const INVOCATION_LIMIT_MS = 60_000;

/** Upper bound CloudFormation accepts for callbackDelaySeconds. */
export const MAX_CALLBACK_DELAY_SECONDS = 3600;

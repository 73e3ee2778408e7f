/**
 * UpdateResource's PatchDocument: an RFC 6902 JSON Patch, applied to the state
 * READ returns. A document that is not a JSON Patch is a ValidationException, and
 * so is one that cannot be applied to the current state (a path that is not there,
 * a failed `test`), as the service answers it. An operation that writes a
 * create-only or read-only property (at it, inside it, or over the whole model)
 * is refused as the service refuses it, naming the properties, whatever value it
 * writes.
 */
import { applyPatch, validate, type Operation } from 'fast-json-patch';
import { parseJsonText } from '../emulator/http/json-text';
import {
    patchNotApplicable,
    serviceError,
    validationError,
    type ServiceError,
} from './errors';
import { CREATE_ONLY, READ_ONLY, type Model } from './schema';

export function parsePatchDocument(text: string): Operation[] {
    // Where the JSON breaks, never what it holds: a patch may write a password.
    const json = parseJsonText(text);
    if (!json.ok) {
        throw validationError([
            `Value at 'patchDocument' failed to satisfy constraint: Member must be a JSON Patch document: ${json.problem}`,
        ]);
    }
    const parsed = json.value;
    const operations = (Array.isArray(parsed) ? parsed : [parsed]) as Operation[];
    const problem = Array.isArray(parsed)
        ? validate(operations)
        : { message: 'a JSON Patch document is an array of operations' };
    if (problem) {
        throw validationError([
            `Value at 'patchDocument' failed to satisfy constraint: Member must be a JSON Patch document: ${firstLine(problem.message)}`,
        ]);
    }
    return operations;
}

/** fast-json-patch appends the operation and the document to its messages. */
function firstLine(message: string): string {
    return message.split('\n')[0];
}

/** A pointer's reference tokens, unescaped (`~1` is `/`, `~0` is `~`). */
function tokens(pointer: string): string[] {
    return pointer === ''
        ? []
        : pointer
              .split('/')
              .slice(1)
              .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Whether writing at `pointer` writes the property at `path` (`A` or `A/B`). */
function writes(pointer: string, path: string): boolean {
    const written = tokens(pointer);
    const property = path.split('/');
    const shorter = Math.min(written.length, property.length);
    return written.slice(0, shorter).every((token, index) => token === property[index]);
}

/** The pointers an operation writes: `test` writes nothing, `move` also its source. */
function writtenPointers(operation: Operation): string[] {
    switch (operation.op) {
        case 'test':
        case '_get':
            return [];
        case 'move':
            return [operation.path, operation.from];
        default:
            return [operation.path];
    }
}

function propertiesWritten(
    operations: Operation[],
    paths: readonly string[]
): string[] {
    return paths.filter((path) =>
        operations.some((operation) =>
            writtenPointers(operation).some((pointer) => writes(pointer, path))
        )
    );
}

/** The refusal of a patch that writes immutable properties, or undefined. */
export function immutableWrites(operations: Operation[]): ServiceError | undefined {
    const createOnly = propertiesWritten(operations, CREATE_ONLY);
    const readOnly = propertiesWritten(operations, READ_ONLY);
    const named = (paths: string[]) =>
        paths.map((path) => `/properties/${path}`).join(', ');
    if (readOnly.length) {
        return serviceError(
            'NotUpdatableException',
            `Invalid patch update: readOnlyProperties [${named(readOnly)}] cannot be updated`
        );
    }
    if (createOnly.length) {
        return serviceError(
            'NotUpdatableException',
            `Invalid patch update: createOnlyProperties [${named(createOnly)}] cannot be updated`
        );
    }
    return undefined;
}

/** fast-json-patch's error names, as Cloud Control words why an operation failed. */
const REASONS: Readonly<Record<string, string>> = {
    OPERATION_PATH_UNRESOLVABLE: 'noSuchPath',
    OPERATION_FROM_UNRESOLVABLE: 'noSuchPath',
    OPERATION_PATH_CANNOT_ADD: 'noSuchParent',
    OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'illegalArrayIndex',
    OPERATION_VALUE_OUT_OF_BOUNDS: 'indexOutOfBounds',
    TEST_OPERATION_FAILED: 'testFailed',
};

/** A path as an answer may quote it: pointers are names, never values, but may be long. */
function quotedPath(pointer: string): string {
    return pointer.length > 256 ? `${pointer.slice(0, 256)}...` : pointer;
}

/**
 * Why an operation of a patch cannot be applied, in Cloud Control's words:
 * `[REPLACE Operation] noSuchPath in source, path provided : /Password`. The
 * operation and its path only; its value (a password, say) never.
 */
export function patchFailureMessage(error: unknown): string {
    const failure = error as { name?: string; operation?: Partial<Operation> };
    const operation = failure.operation ?? {};
    const from = failure.name === 'OPERATION_FROM_UNRESOLVABLE';
    const pointer = from && 'from' in operation ? operation.from : operation.path;
    const reason = REASONS[failure.name ?? ''] ?? 'invalidOperation';
    return (
        `[${String(operation.op ?? '').toUpperCase()} Operation] ${reason} in source, ` +
        `${from ? 'from' : 'path'} provided : ${quotedPath(String(pointer ?? ''))}`
    );
}

/**
 * The current state with the patch applied; the current state is left as it is. A
 * patch that cannot be applied to it (a `replace` of a property READ does not
 * return, such as the write-only Password; a failed `test`) is a
 * ValidationException naming the operation and the path.
 */
export function applyPatchDocument(current: Model, operations: Operation[]): Model {
    try {
        return applyPatch(current, operations, true, false).newDocument;
    } catch (error) {
        throw patchNotApplicable(patchFailureMessage(error));
    }
}

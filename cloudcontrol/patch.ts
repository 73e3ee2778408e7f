/**
 * UpdateResource's PatchDocument: an RFC 6902 JSON Patch, applied to the state
 * READ returns. A document that is not a JSON Patch is a ValidationException;
 * one that cannot be applied to the current state (a path that is not there, a
 * failed `test`) is an InvalidRequestException. An operation that writes a
 * create-only or read-only property (at it, inside it, or over the whole model)
 * is refused as the service refuses it, naming the properties, whatever value it
 * writes: a write-only property that is also create-only (Password) cannot be
 * compared with the current state, which never holds it.
 */
import { applyPatch, validate, type Operation } from 'fast-json-patch';
import { parseJsonText } from '../emulator/http/json-text';
import { serviceError, validationError, type ServiceError } from './errors';
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

/** The current state with the patch applied; the current state is left as it is. */
export function applyPatchDocument(current: Model, operations: Operation[]): Model {
    try {
        return applyPatch(current, operations, true, false).newDocument;
    } catch (error) {
        throw serviceError(
            'InvalidRequestException',
            `The patch document cannot be applied to the current state of the resource: ${firstLine((error as Error).message)}`
        );
    }
}

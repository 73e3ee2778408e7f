/**
 * CreateResource, UpdateResource and DeleteResource: each is checked and
 * accepted at once, answered with its ProgressEvent, and driven in the
 * background (driver.ts).
 *
 * - CreateResource validates the DesiredState against the schema first.
 * - UpdateResource applies the PatchDocument to the current state from READ
 *   (so without write-only properties), refuses patches that write create-only
 *   or read-only properties, validates the result, and gives the handler the
 *   READ state as the previous state.
 * - DeleteResource does not read first: a resource that is not there fails the
 *   request as NotFound, as clients of the service expect (they treat a FAILED
 *   DELETE with NotFound as done).
 */
import type { Operation } from 'fast-json-patch';
import { type Plan, resumePlanOf } from './driver';
import { parseJsonText } from '../emulator/http/json-text';
import { modelValidationError } from './errors';
import type { Input } from './input';
import { schemaProblems } from './model-validation';
import { applyPatchDocument, immutableWrites, parsePatchDocument } from './patch';
import type { WireProgressEvent } from './progress-event';
import {
    identifierOf,
    modelOfIdentifier,
    WRITE_ONLY,
    withoutWriteOnly,
    type Model,
} from './schema';
import { admit, checkType, fingerprint, readResource, type Service } from './service';
import type { RequestRecord, ResourceOperation } from './store';

type Answer = { ProgressEvent: WireProgressEvent };

/** Accepts a request: written with its plan (so a restart carries it on), then driven. */
function accept(
    service: Service,
    requestToken: string,
    input: Input,
    digest: string,
    plan: Plan,
    identifier?: string
): RequestRecord {
    const now = Date.now();
    const operation: ResourceOperation = plan.action;
    const record = service.store.add({
        requestToken,
        typeName: String(input.TypeName),
        operation,
        status: 'PENDING',
        identifier,
        startedAt: now,
        eventTime: now,
        clientToken: input.ClientToken,
        fingerprint: digest,
        resume: resumePlanOf(plan),
    });
    service.driver.start(record, plan);
    return record;
}

/** The DesiredState; a problem says where the JSON breaks, never what it holds (a password). */
function parseModel(text: string): unknown {
    const json = parseJsonText(text);
    if (!json.ok) {
        throw modelValidationError([`#: ${json.problem}`]);
    }
    return json.value;
}

function checkModel(model: unknown): Model {
    const problems = schemaProblems(model);
    if (problems.length) {
        throw modelValidationError(problems);
    }
    return model as Model;
}

/** The patch as a fingerprint may hold it: the values written to write-only properties left out. */
function withoutWriteOnlyValues(operations: Operation[]): unknown[] {
    return operations.map((operation) =>
        operation.path === '' ||
        WRITE_ONLY.some((path) => operation.path.startsWith(`/${path}`))
            ? { ...operation, value: '<write-only>' }
            : operation
    );
}

/** The canonical identifier: the JSON form (`{"UserArn": ...}`) becomes the plain one. */
function canonicalIdentifier(identifier: string): string {
    return identifierOf(modelOfIdentifier(identifier)) ?? identifier;
}

export async function createResource(
    service: Service,
    input: Input,
    region: string | undefined
): Promise<Answer> {
    checkType(input);
    const desired = checkModel(parseModel(String(input.DesiredState)));
    const digest = fingerprint({
        operation: 'CREATE',
        type: [input.TypeName, input.TypeVersionId, input.RoleArn],
        desired: withoutWriteOnly(desired),
    });
    const caller = await service.caller(region);
    const event = await admit(
        service,
        'CREATE',
        input,
        digest,
        undefined,
        async (token) =>
            accept(service, token, input, digest, { action: 'CREATE', caller, desired })
    );
    return { ProgressEvent: event };
}

export async function updateResource(
    service: Service,
    input: Input,
    region: string | undefined
): Promise<Answer> {
    checkType(input);
    const operations = parsePatchDocument(String(input.PatchDocument));
    const identifier = canonicalIdentifier(String(input.Identifier));
    const digest = fingerprint({
        operation: 'UPDATE',
        type: [input.TypeName, input.TypeVersionId, input.RoleArn],
        identifier,
        patch: withoutWriteOnlyValues(operations),
    });
    const caller = await service.caller(region);
    const event = await admit(
        service,
        'UPDATE',
        input,
        digest,
        identifier,
        async (token) => {
            const refused = immutableWrites(operations);
            if (refused) {
                throw refused;
            }
            const current = await readResource(
                service,
                caller,
                modelOfIdentifier(identifier)
            );
            const desired = checkModel(applyPatchDocument(current, operations));
            return accept(
                service,
                token,
                input,
                digest,
                { action: 'UPDATE', caller, desired, previous: current },
                identifier
            );
        }
    );
    return { ProgressEvent: event };
}

export async function deleteResource(
    service: Service,
    input: Input,
    region: string | undefined
): Promise<Answer> {
    checkType(input);
    const identifier = canonicalIdentifier(String(input.Identifier));
    const digest = fingerprint({
        operation: 'DELETE',
        type: [input.TypeName, input.TypeVersionId, input.RoleArn],
        identifier,
    });
    const caller = await service.caller(region);
    const event = await admit(
        service,
        'DELETE',
        input,
        digest,
        identifier,
        async (token) =>
            accept(
                service,
                token,
                input,
                digest,
                { action: 'DELETE', caller, desired: modelOfIdentifier(identifier) },
                identifier
            )
    );
    return { ProgressEvent: event };
}

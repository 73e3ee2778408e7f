/**
 * The operations that answer at once: GetResource and ListResources (the READ
 * and LIST handlers, invoked synchronously), and the requests' own life:
 * GetResourceRequestStatus, ListResourceRequests and CancelResourceRequest.
 */
import { parseJsonText } from '../emulator/http/json-text';
import { serviceError } from './errors';
import type { Input } from './input';
import { progressEvent, type WireProgressEvent } from './progress-event';
import {
    identifierOf,
    LIST_REQUIRED,
    modelOfIdentifier,
    TYPE_NAME,
    withoutWriteOnly,
    type Model,
} from './schema';
import { checkType, invokeNow, readResource, type Service } from './service';
import { decodeCursor, encodeCursor, type RequestRecord } from './store';

interface ResourceDescription {
    Identifier?: string;
    Properties: string;
}

function describe(model: Model): ResourceDescription {
    const properties = withoutWriteOnly(model);
    return {
        Identifier: identifierOf(properties),
        Properties: JSON.stringify(properties),
    };
}

export async function getResource(
    service: Service,
    input: Input,
    region: string | undefined
): Promise<{ TypeName: string; ResourceDescription: ResourceDescription }> {
    checkType(input);
    const caller = await service.caller(region);
    const model = await readResource(
        service,
        caller,
        modelOfIdentifier(String(input.Identifier))
    );
    return { TypeName: TYPE_NAME, ResourceDescription: describe(model) };
}

/** Where a ListResources page starts: a handler page, and how far into it. */
interface ListCursor {
    h?: string;
    o: number;
}

function decodeListToken(token: string | undefined): ListCursor {
    if (token === undefined) {
        return { o: 0 };
    }
    try {
        const cursor = JSON.parse(
            Buffer.from(token, 'base64').toString('utf8')
        ) as ListCursor;
        if (Number.isInteger(cursor.o) && cursor.o >= 0) {
            return cursor;
        }
    } catch {
        // Falls through to the refusal.
    }
    throw serviceError(
        'InvalidRequestException',
        'The NextToken is not one this service gave'
    );
}

const encodeListToken = (cursor: ListCursor) =>
    Buffer.from(JSON.stringify(cursor)).toString('base64');

function listModel(text: string | undefined): Model {
    const json = text === undefined ? undefined : parseJsonText(text);
    const model = json === undefined ? {} : json.ok ? json.value : undefined;
    const missing = LIST_REQUIRED.filter(
        (name) =>
            typeof model !== 'object' ||
            model === null ||
            (model as Model)[name] === undefined
    );
    if (missing.length) {
        throw serviceError(
            'InvalidRequestException',
            `Missing or invalid ResourceModel property in ${TYPE_NAME} list handler request input. ` +
                `Required property: [${missing.join(', ')}]`
        );
    }
    return model as Model;
}

/**
 * One page: the handler's page, cut to MaxResults when that is smaller (the
 * reference calls MaxResults reserved; here it bounds the page), the NextToken
 * leading to the rest of that page or to the handler's next one.
 */
export async function listResources(
    service: Service,
    input: Input,
    region: string | undefined
): Promise<{
    TypeName: string;
    ResourceDescriptions: ResourceDescription[];
    NextToken?: string;
}> {
    checkType(input);
    const model = listModel(input.ResourceModel);
    const cursor = decodeListToken(input.NextToken);
    const caller = await service.caller(region);
    const response = await invokeNow(service, caller, {
        action: 'LIST',
        model,
        nextToken: cursor.h ?? null,
    });
    const models = (response.resourceModels ?? []).slice(cursor.o);
    const size = input.MaxResults ?? models.length;
    let next: ListCursor | undefined;
    if (models.length > size) {
        next = { h: cursor.h, o: cursor.o + size };
    } else if (response.nextToken) {
        next = { h: response.nextToken, o: 0 };
    }
    return {
        TypeName: TYPE_NAME,
        ResourceDescriptions: models.slice(0, size).map(describe),
        ...(next ? { NextToken: encodeListToken(next) } : {}),
    };
}

function requestOf(service: Service, token: string): RequestRecord {
    const record = service.store.get(token);
    if (!record) {
        throw serviceError(
            'RequestTokenNotFoundException',
            `Request with token ${token} was not found; resource operation requests expire after 7 days`
        );
    }
    return record;
}

export async function getResourceRequestStatus(
    service: Service,
    input: Input
): Promise<{ ProgressEvent: WireProgressEvent }> {
    return {
        ProgressEvent: progressEvent(requestOf(service, String(input.RequestToken))),
    };
}

export async function listResourceRequests(
    service: Service,
    input: Input
): Promise<{
    ResourceRequestStatusSummaries: WireProgressEvent[];
    NextToken?: string;
}> {
    const after =
        input.NextToken === undefined ? undefined : decodeCursor(input.NextToken);
    if (input.NextToken !== undefined && !after) {
        throw serviceError(
            'InvalidRequestException',
            'The NextToken is not one this service gave'
        );
    }
    const page = service.store.list(
        input.ResourceRequestStatusFilter,
        input.MaxResults ?? 20,
        after
    );
    const last = page.records[page.records.length - 1];
    return {
        ResourceRequestStatusSummaries: page.records.map((record) =>
            progressEvent(record, { model: false })
        ),
        ...(page.more && last ? { NextToken: encodeCursor(last) } : {}),
    };
}

/**
 * A PENDING request is cancelled at once; one IN_PROGRESS becomes
 * CANCEL_IN_PROGRESS and is not invoked again once its current invocation
 * ends. Cancelling a cancelled request answers it as it is; a finished one
 * cannot be cancelled.
 */
export async function cancelResourceRequest(
    service: Service,
    input: Input
): Promise<{ ProgressEvent: WireProgressEvent }> {
    const record = requestOf(service, String(input.RequestToken));
    const token = record.requestToken;
    if (record.status === 'PENDING') {
        service.store.update(token, {
            status: 'CANCEL_COMPLETE',
            cancelRequested: true,
        });
    } else if (record.status === 'IN_PROGRESS') {
        service.store.update(token, {
            status: 'CANCEL_IN_PROGRESS',
            cancelRequested: true,
            retryAfter: undefined,
        });
        service.driver.wake(token);
    } else if (record.status === 'SUCCESS' || record.status === 'FAILED') {
        throw serviceError(
            'ConcurrentModificationException',
            `The request ${token} has already finished (${record.status}); ` +
                'only PENDING or IN_PROGRESS requests can be canceled'
        );
    }
    return { ProgressEvent: progressEvent(record) };
}

/**
 * A request as Cloud Control reports it: a ProgressEvent, with the resource
 * model as a JSON string (never with a write-only property) and the times as
 * epoch seconds.
 */
import { withoutWriteOnly } from './schema';
import type { RequestRecord } from './store';
import { epochSeconds } from './wire';

export interface WireProgressEvent {
    TypeName: string;
    Identifier?: string;
    RequestToken: string;
    Operation: string;
    OperationStatus: string;
    EventTime: number;
    ResourceModel?: string;
    StatusMessage?: string;
    ErrorCode?: string;
    RetryAfter?: number;
}

export function progressEvent(
    record: RequestRecord,
    options: { model?: boolean } = {}
): WireProgressEvent {
    const event: WireProgressEvent = {
        TypeName: record.typeName,
        RequestToken: record.requestToken,
        Operation: record.operation,
        OperationStatus: record.status,
        EventTime: epochSeconds(record.eventTime),
    };
    if (record.identifier) event.Identifier = record.identifier;
    if ((options.model ?? true) && record.resourceModel) {
        event.ResourceModel = JSON.stringify(withoutWriteOnly(record.resourceModel));
    }
    if (record.statusMessage) event.StatusMessage = record.statusMessage;
    if (record.errorCode) event.ErrorCode = record.errorCode;
    if (record.retryAfter && record.status === 'IN_PROGRESS') {
        event.RetryAfter = epochSeconds(record.retryAfter);
    }
    return event;
}

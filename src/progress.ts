import {
    type BaseModel,
    HandlerErrorCode,
    OperationStatus,
    ProgressEvent,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { toHandlerFailure } from './errors';
import type { ResourceModel } from './models';
import type { ResourceProperties } from './properties';
import { withoutWriteOnly } from './translate';

/** What every action receives from the library, narrowed to what the actions use. */
export interface ActionRequest {
    desiredResourceState?: BaseModel;
    previousResourceState?: BaseModel;
    desiredResourceTags?: Record<string, string> | null;
    previousResourceTags?: Record<string, string> | null;
    systemTags?: Record<string, string> | null;
    /** The same across the retries and callbacks of one operation, different for any other. */
    clientRequestToken?: string | null;
    nextToken?: string | null;
    region?: string;
    awsPartition?: string;
    awsAccountId?: string;
}

export type CallbackContext = Record<string, unknown>;

/** The log the library hands every action: its lines go to the provider's log group. */
export interface Logger {
    log(...args: unknown[]): void;
}

/** The wire form of a library model. */
export function propertiesOf(model: BaseModel | undefined | null): ResourceProperties {
    return model ? (model.serialize() as ResourceProperties) : {};
}

/**
 * The model an answer carries, in the wire form the action built (the schema's
 * shape, from Connect's answer or the validated template), without write-only
 * properties. The library writes an answer's models with class-transformer's
 * `instanceToPlain`, which copies a plain object as it is; so the answer needs
 * no model instance: it is the wire form itself.
 */
function modelOf(properties: ResourceProperties): ResourceModel {
    return withoutWriteOnly(properties) as unknown as ResourceModel;
}

/** The operation finished: the model as read from Connect, without write-only properties. */
export function succeeded(
    properties?: ResourceProperties,
    message?: string
): ProgressEvent<ResourceModel> {
    const event = ProgressEvent.success<ProgressEvent<ResourceModel>>(
        properties ? modelOf(properties) : undefined
    );
    if (message) {
        event.message = message;
    }
    return event;
}

/** More to do: CloudFormation calls back with this context and the model, which holds the identifier. */
export function inProgress(
    properties: ResourceProperties,
    callbackContext: CallbackContext,
    message: string
): ProgressEvent<ResourceModel> {
    return ProgressEvent.builder<ProgressEvent<ResourceModel>>()
        .status(OperationStatus.InProgress)
        .resourceModel(modelOf(properties))
        .callbackContext(callbackContext)
        .callbackDelaySeconds(0)
        .message(message)
        .build();
}

/** One page of a list. */
export function listed(
    models: ResourceProperties[],
    nextToken: string | undefined
): ProgressEvent<ResourceModel> {
    return ProgressEvent.builder<ProgressEvent<ResourceModel>>()
        .status(OperationStatus.Success)
        .resourceModels(models.map(modelOf))
        .nextToken(nextToken)
        .build();
}

export function failed(
    code: HandlerErrorCode,
    message: string
): ProgressEvent<ResourceModel> {
    return ProgressEvent.failed<ProgressEvent<ResourceModel>>(code, message);
}

/**
 * Runs an action and turns anything it throws into a FAILED event with a
 * contract error code: Connect's errors through the one table, never an
 * unhandled rejection.
 */
export async function reportFailures(
    action: () => Promise<ProgressEvent<ResourceModel>>
): Promise<ProgressEvent<ResourceModel>> {
    try {
        return await action();
    } catch (error) {
        const failure = toHandlerFailure(error);
        return failed(failure.code, failure.message);
    }
}

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
    message: string,
    callbackDelaySeconds = 0
): ProgressEvent<ResourceModel> {
    return ProgressEvent.builder<ProgressEvent<ResourceModel>>()
        .status(OperationStatus.InProgress)
        .resourceModel(modelOf(properties))
        .callbackContext(callbackContext)
        .callbackDelaySeconds(callbackDelaySeconds)
        .message(message)
        .build();
}

/** The longest wait between two invocations of an operation Connect keeps throttling. */
const MOST_THROTTLED_DELAY_SECONDS = 30;

/**
 * Runs a step of an operation that may already have changed the user. When
 * Connect throttles it past the SDK's retries, the operation is not failed
 * (a failed CREATE makes CloudFormation roll the stack back, a failed UPDATE
 * too): it answers IN_PROGRESS with the same context, to carry on after a
 * wait that doubles with each throttled invocation in a row. Every step
 * re-reads or converges, so running it again is safe.
 */
export async function waitWhenThrottled(
    properties: ResourceProperties,
    callbackContext: CallbackContext,
    step: () => Promise<ProgressEvent<ResourceModel>>
): Promise<ProgressEvent<ResourceModel>> {
    try {
        return await step();
    } catch (error) {
        const failure = toHandlerFailure(error);
        if (failure.code !== HandlerErrorCode.Throttling) {
            throw failure;
        }
        const throttled = Math.max(0, Number(callbackContext.throttled) || 0) + 1;
        const delay = Math.min(2 ** throttled, MOST_THROTTLED_DELAY_SECONDS);
        return inProgress(
            properties,
            { ...callbackContext, throttled },
            `Amazon Connect is throttling the calls (${failure.message}); carrying on in ${delay} s`,
            delay
        );
    }
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

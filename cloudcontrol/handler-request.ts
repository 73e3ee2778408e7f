/**
 * The HandlerRequest Cloud Control sends a resource type's handler. Unlike a
 * stack's, it has no stack, no logical ID, no stack tags and no system tags;
 * the previous state of an UPDATE is what READ returned (so no write-only
 * property); and its bearer token is the same on every invocation of one
 * resource operation request, which is what lets a CREATE recognise a user it
 * made itself when an answer was lost.
 */
import { partitionOf, type CallerCredentials } from '../local/handler-request';
import { TYPE_NAME, TYPE_VERSION_ID, type Model } from './schema';

export type HandlerAction = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';

/** Who and where a request runs as. */
export interface Caller {
    accountId: string;
    region: string;
    credentials: CallerCredentials;
}

export interface HandlerCall {
    action: HandlerAction;
    /** The Cloud Control request token, or one made for a synchronous READ or LIST. */
    token: string;
    model: Model;
    previous?: Model | null;
    callbackContext?: Record<string, unknown> | null;
    nextToken?: string | null;
}

export function cloudControlRequest(
    caller: Caller,
    call: HandlerCall
): Record<string, unknown> {
    return {
        action: call.action,
        awsAccountId: caller.accountId,
        bearerToken: call.token,
        region: caller.region,
        awsPartition: partitionOf(caller.region),
        resourceType: TYPE_NAME,
        resourceTypeVersion: TYPE_VERSION_ID,
        callbackContext: call.callbackContext ?? null,
        nextToken: call.nextToken ?? null,
        requestData: {
            callerCredentials: caller.credentials,
            resourceProperties: call.model,
            previousResourceProperties: call.previous ?? null,
            stackTags: null,
            previousStackTags: null,
            systemTags: null,
            previousSystemTags: null,
        },
    };
}

/** What a handler answers, as far as Cloud Control reads it. */
export interface HandlerResponse {
    status?: string;
    errorCode?: string;
    message?: string;
    resourceModel?: Model | null;
    resourceModels?: Model[] | null;
    callbackContext?: Record<string, unknown> | null;
    callbackDelaySeconds?: number;
    nextToken?: string | null;
}

import { MAX_MODEL_DEPTH, tooDeepMessage, tooDeepProperty } from './depth';
import { TYPE_NAME } from './type-name';

/**
 * Checks of the wire events CloudFormation (`entrypoint`) and `cfn test`
 * (`testEntrypoint`) send, before the library parses them, so that a
 * malformed event, a request for another resource type or an invalid model
 * is an InvalidRequest naming the problem, with nothing sent to Connect.
 */

export const ACTIONS = ['CREATE', 'READ', 'UPDATE', 'DELETE', 'LIST'] as const;
export type ActionName = (typeof ACTIONS)[number];

export type EventShape = 'handler' | 'test';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where the desired model sits in each kind of event. */
function modelHolder(event: Json, shape: EventShape): Json | undefined {
    const holder = shape === 'handler' ? event.requestData : event.request;
    return isObject(holder) ? holder : undefined;
}

/** The models sit two levels down in an event (`requestData.resourceProperties`). */
const MAX_EVENT_DEPTH = MAX_MODEL_DEPTH + 2;

const MODEL_KEY: Record<EventShape, string> = {
    handler: 'resourceProperties',
    test: 'desiredResourceState',
};

const PREVIOUS_MODEL_KEY: Record<EventShape, string> = {
    handler: 'previousResourceProperties',
    test: 'previousResourceState',
};

const TAG_KEYS: Record<EventShape, string[]> = {
    handler: ['stackTags', 'previousStackTags', 'systemTags'],
    test: ['desiredResourceTags', 'previousResourceTags', 'systemTags'],
};

/**
 * Which form an event has: CloudFormation's HandlerRequest (what `cfn test`
 * sends to the TestEntrypoint function too), or the older test event with
 * `credentials` and `request`.
 */
export function shapeOf(event: unknown): EventShape {
    return isObject(event) && !isObject(event.requestData) && isObject(event.request)
        ? 'test'
        : 'handler';
}

function isTagMap(value: unknown): boolean {
    return (
        value == null ||
        (isObject(value) &&
            Object.values(value).every((tag) => typeof tag === 'string'))
    );
}

export type Checked =
    | { ok: true; event: Json; action: ActionName }
    | { ok: false; message: string; credentials?: false };

function passwordOf(model: unknown): string | undefined {
    return isObject(model) && typeof model.Password === 'string' && model.Password
        ? model.Password
        : undefined;
}

/**
 * Validates an event's envelope and, for CREATE and UPDATE, its desired model.
 * Returns a copy of the event whose model holds the schema-coerced values
 * (CloudFormation sends booleans and numbers as strings). Never rejects.
 */
export async function checkEvent(event: unknown, shape: EventShape): Promise<Checked> {
    if (!isObject(event)) {
        return { ok: false, message: 'The request is not a JSON object' };
    }
    const resourceType = event.resourceType;
    if (resourceType != null && resourceType !== TYPE_NAME) {
        // CloudFormation and Cloud Control name the registered type in every
        // request: a function serves the one name it was built for.
        const asked =
            typeof resourceType === 'string'
                ? resourceType
                : JSON.stringify(resourceType);
        return {
            ok: false,
            message: `The request is for ${asked}, but this function serves ${TYPE_NAME}`,
        };
    }
    const action = event.action;
    if (
        typeof action !== 'string' ||
        !(ACTIONS as readonly string[]).includes(action)
    ) {
        return {
            ok: false,
            message: `The request's action must be one of ${ACTIONS.join(', ')}, not ${JSON.stringify(action) ?? 'nothing'}`,
        };
    }
    const holder = modelHolder(event, shape);
    if (!holder) {
        const field = shape === 'handler' ? 'requestData' : 'request';
        return { ok: false, message: `The request has no ${field} object` };
    }
    const credentials =
        shape === 'handler' ? holder.callerCredentials : event.credentials;
    if (!isObject(credentials)) {
        // The library would otherwise reuse the session of an earlier invocation.
        return {
            ok: false,
            credentials: false,
            message:
                'The request carries no caller credentials to call Amazon Connect with',
        };
    }
    if (event.callbackContext != null && !isObject(event.callbackContext)) {
        return {
            ok: false,
            message: "The request's callbackContext must be a JSON object",
        };
    }
    const key = MODEL_KEY[shape];
    const model = holder[key];
    const previous = holder[PREVIOUS_MODEL_KEY[shape]];
    if (previous != null && !isObject(previous)) {
        return {
            ok: false,
            message: `The request's ${PREVIOUS_MODEL_KEY[shape]} must be a JSON object`,
        };
    }
    // The library parses every model and context with recursive code: a value
    // nested thousands deep would end the invocation with a RangeError.
    for (const [name, value] of [
        [key, model],
        [PREVIOUS_MODEL_KEY[shape], previous],
        ['callbackContext', event.callbackContext],
    ] as const) {
        const deep = isObject(value) ? tooDeepProperty(value) : undefined;
        if (deep !== undefined) {
            return {
                ok: false,
                message: `The request's ${name} is invalid: ${tooDeepMessage(deep, TYPE_NAME)}`,
            };
        }
    }
    const deepInEvent = tooDeepProperty(event, MAX_EVENT_DEPTH);
    if (deepInEvent !== undefined) {
        return {
            ok: false,
            message: `The request nests values more than ${MAX_EVENT_DEPTH} levels deep under ${deepInEvent}`,
        };
    }
    const badTags = TAG_KEYS[shape].find((tagKey) => !isTagMap(holder[tagKey]));
    if (badTags) {
        return {
            ok: false,
            message: `The request's ${badTags} must be a JSON object of string values`,
        };
    }
    if (action !== 'CREATE' && action !== 'UPDATE') {
        if (model != null && !isObject(model)) {
            return {
                ok: false,
                message: 'The model in the request must be a JSON object',
            };
        }
        return { ok: true, event, action: action as ActionName };
    }
    const { validateProperties } = await import('./mutations');
    const validation = validateProperties(model ?? {});
    if (!validation.valid) {
        return {
            ok: false,
            message: `Invalid ${TYPE_NAME}: ${validation.problems.join('; ')}`,
        };
    }
    const copy = {
        ...event,
        [shape === 'handler' ? 'requestData' : 'request']: {
            ...holder,
            [key]: validation.properties,
        },
    };
    return { ok: true, event: copy, action: action as ActionName };
}

/** The values of a credentials object that are secrets: never its access key ID or account ID. */
const SECRET_CREDENTIALS = ['secretAccessKey', 'sessionToken'] as const;

/**
 * The secrets an event carries: the desired and previous models' password,
 * and the secret access key and session token of the caller's credentials
 * and of the provider's (CloudFormation sends both in a HandlerRequest). An
 * access key ID or an account ID is no secret: it names, and it stands in
 * every ARN.
 */
export function secretsOf(event: unknown): string[] {
    if (!isObject(event)) {
        return [];
    }
    const shape = shapeOf(event);
    const holder = modelHolder(event, shape) ?? {};
    const credentials =
        shape === 'handler'
            ? [holder.callerCredentials, holder.providerCredentials]
            : [event.credentials];
    const values = [
        passwordOf(holder[MODEL_KEY[shape]]),
        passwordOf(holder[PREVIOUS_MODEL_KEY[shape]]),
        ...credentials.flatMap((set) =>
            isObject(set) ? SECRET_CREDENTIALS.map((key) => set[key]) : []
        ),
    ];
    return [
        ...new Set(
            values.filter(
                (value): value is string => typeof value === 'string' && value !== ''
            )
        ),
    ];
}

/**
 * What the log lines of an invocation must not hold: the event's secrets, and
 * CloudFormation's bearer token, which the library kept out of its lines too
 * (the handlers' clientRequestToken, which a new user carries only as a
 * digest).
 */
export function logSecretsOf(event: unknown): string[] {
    const token = isObject(event) ? event.bearerToken : undefined;
    return typeof token === 'string' && token !== ''
        ? [...secretsOf(event), token]
        : secretsOf(event);
}

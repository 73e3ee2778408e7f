import {
    Action,
    BaseResource,
    HandlerErrorCode,
    ProgressEvent,
    type LambdaContext,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { remove } from './actions/delete';
import { list } from './actions/list';
import { read } from './actions/read';
import { withDeadline } from './deadline';
import { checkEvent, type EventShape, logSecretsOf, secretsOf, shapeOf } from './event';
import { endWhenDelivered, filterLogsWith, passListNextToken } from './library';
import { ResourceModel, TypeConfigurationModel } from './models';
import { redactAnswer, SecretsInFlight } from './secrets';
import { TYPE_NAME } from './type-name';

/** What the invocations in flight must not log (logSecretsOf): removed from every log line. */
const secrets = new SecretsInFlight();

class UserResource extends BaseResource<ResourceModel, TypeConfigurationModel> {
    constructor() {
        super(TYPE_NAME, ResourceModel, undefined, undefined, TypeConfigurationModel);
        filterLogsWith(this, { applyFilter: (line) => secrets.redact(line) });
        passListNextToken(this);
        endWhenDelivered(this);
    }
}

type Handler = Parameters<UserResource['addHandler']>[1];

/** CREATE or UPDATE, from src/mutations.ts, which is loaded on first use. */
function mutation(action: 'create' | 'update'): Handler {
    return async (session, request, callbackContext, logger) => {
        const mutations = await import('./mutations');
        return mutations[action](session, request, callbackContext, logger);
    };
}

export const resource = new UserResource();
resource.addHandler(Action.Create, mutation('create'));
resource.addHandler(Action.Read, read);
resource.addHandler(Action.Update, mutation('update'));
resource.addHandler(Action.Delete, remove);
resource.addHandler(Action.List, list);

type Response = Record<string, unknown>;

function redacted(response: unknown, eventSecrets: string[]): Response {
    return redactAnswer((response ?? {}) as Response, eventSecrets);
}

async function invoke(
    shape: EventShape,
    event: unknown,
    run: (event: Record<string, unknown>) => Promise<unknown>
): Promise<Response> {
    const eventSecrets = secretsOf(event);
    const logSecrets = logSecretsOf(event);
    secrets.hold(logSecrets);
    try {
        const checked = await checkEvent(event, shape);
        if (!checked.ok) {
            const code =
                checked.credentials === false
                    ? HandlerErrorCode.InvalidCredentials
                    : HandlerErrorCode.InvalidRequest;
            return redacted(
                ProgressEvent.failed(code, checked.message).serialize(),
                eventSecrets
            );
        }
        return redacted(await run(checked.event), eventSecrets);
    } finally {
        secrets.release(logSecrets);
    }
}

/** The Lambda handler CloudFormation invokes (`dist/handlers.entrypoint`). */
export function entrypoint(event: unknown, context: LambdaContext): Promise<Response> {
    return withDeadline(context, () =>
        invoke('handler', event, (checked) => resource.entrypoint(checked, context))
    );
}

/**
 * The handler `cfn test` and `sam local invoke TestEntrypoint` invoke. Current
 * `cfn test` sends CloudFormation's HandlerRequest here; the older test event
 * (`credentials`, `request`) is accepted too.
 */
export function testEntrypoint(
    event: unknown,
    context?: Partial<LambdaContext>
): Promise<Response> {
    if (shapeOf(event) === 'handler') {
        return entrypoint(event, context as LambdaContext);
    }
    return invoke('test', event, async (checked) => {
        const progress = await resource.testEntrypoint(checked, context);
        return progress.serialize();
    });
}

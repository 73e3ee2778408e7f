import {
    Action,
    BaseResource,
    HandlerErrorCode,
    ProgressEvent,
    type LambdaContext,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { create } from './actions/create';
import { remove } from './actions/delete';
import { list } from './actions/list';
import { read } from './actions/read';
import { update } from './actions/update';
import { checkEvent, type EventShape, redact } from './event';
import { ResourceModel, TypeConfigurationModel } from './models';

/** Passwords of the invocations in flight: scrubbed from every log line and response. */
const secrets = new Map<string, number>();

interface CastableRequest {
    nextToken?: string;
}

class UserResource extends BaseResource<ResourceModel, TypeConfigurationModel> {
    constructor() {
        super(
            ResourceModel.TYPE_NAME,
            ResourceModel,
            undefined,
            undefined,
            TypeConfigurationModel
        );
        this.platformLoggerProxy.addFilter({
            applyFilter: (message: string) => redact(message, secrets.keys()),
        });
        // The library drops the request's top-level nextToken for LIST; pass it through.
        const self = this as unknown as {
            castResourceRequest: (event: CastableRequest) => CastableRequest;
        };
        const cast = self.castResourceRequest;
        self.castResourceRequest = (event) => {
            const request = cast(event);
            request.nextToken = event.nextToken ?? undefined;
            return request;
        };
    }
}

export const resource = new UserResource();
resource.addHandler(Action.Create, create);
resource.addHandler(Action.Read, read);
resource.addHandler(Action.Update, update);
resource.addHandler(Action.Delete, remove);
resource.addHandler(Action.List, list);

type Response = Record<string, unknown>;

function scrub(response: unknown, password: string | undefined): Response {
    const text = JSON.stringify(response ?? {});
    return JSON.parse(password ? redact(text, [password]) : text) as Response;
}

async function invoke(
    shape: EventShape,
    event: unknown,
    run: (event: Record<string, unknown>) => Promise<unknown>
): Promise<Response> {
    const checked = checkEvent(event, shape);
    const password = checked.password;
    if (password) {
        secrets.set(password, (secrets.get(password) ?? 0) + 1);
    }
    try {
        if (!checked.ok) {
            const code =
                checked.credentials === false
                    ? HandlerErrorCode.InvalidCredentials
                    : HandlerErrorCode.InvalidRequest;
            const failed = ProgressEvent.failed(code, checked.message);
            return scrub(failed.serialize(), checked.password);
        }
        return scrub(await run(checked.event), checked.password);
    } finally {
        if (password) {
            const left = (secrets.get(password) ?? 1) - 1;
            if (left > 0) {
                secrets.set(password, left);
            } else {
                secrets.delete(password);
            }
        }
    }
}

/** The Lambda handler CloudFormation invokes (`dist/handlers.entrypoint`). */
export function entrypoint(event: unknown, context: LambdaContext): Promise<Response> {
    return invoke('handler', event, (checked) => resource.entrypoint(checked, context));
}

/** The handler `cfn test` and `sam local invoke TestEntrypoint` invoke. */
export function testEntrypoint(
    event: unknown,
    context?: Partial<LambdaContext>
): Promise<Response> {
    return invoke('test', event, async (checked) => {
        const progress = await resource.testEntrypoint(checked, context);
        return progress.serialize();
    });
}

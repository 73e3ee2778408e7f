/**
 * What every operation shares: its signature, ARNs, and resolving the instance, user
 * and referenced resources a request names.
 */
import { invalidParameter, notFound } from '../errors';
import type {
    Behaviour,
    EmulatorState,
    InstanceState,
    NamedResource,
    UserState,
} from '../types';
import { requiredString } from '../validate';

export interface OperationContext {
    state: EmulatorState;
    /** Path, query and body parameters merged, as the client sent them. */
    params: Record<string, unknown>;
    /** Epoch milliseconds. */
    now: number;
    behaviour: Readonly<Behaviour>;
}

export interface OperationResult {
    body?: unknown;
    /** True when the state changed and must be persisted. */
    mutated: boolean;
}

/**
 * One emulated operation. It validates the whole request before it changes anything,
 * so a refused call leaves the state untouched.
 */
export type Operation = (context: OperationContext) => OperationResult;

const arnPrefix = (state: EmulatorState): string =>
    `arn:${state.partition}:connect:${state.region}:${state.accountId}`;

export const instanceArn = (state: EmulatorState, instanceId: string): string =>
    `${arnPrefix(state)}:instance/${instanceId}`;

export const childArn = (
    state: EmulatorState,
    instance: InstanceState,
    kind: string,
    id: string
): string => `${instanceArn(state, instance.id)}/${kind}/${id}`;

/** Timestamps go on the wire as epoch seconds. */
export const epochSeconds = (millis: number): number => millis / 1000;

/** Connect accepts the instance ID or the instance ARN wherever an InstanceId goes. */
export function instanceIdFrom(raw: unknown): string | undefined {
    if (typeof raw !== 'string' || raw.length === 0) return undefined;
    const match = /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/([^/]+)/.exec(raw);
    return match ? match[1] : raw;
}

export function resolveInstance(state: EmulatorState, raw: unknown): InstanceState {
    const text = requiredString(raw, 'InstanceId', 250);
    if (text.startsWith('arn:') && !text.startsWith(`${arnPrefix(state)}:instance/`)) {
        throw notFound(`Instance not found: ${text}`);
    }
    const id = instanceIdFrom(text);
    const instance = state.instances.find((candidate) => candidate.id === id);
    if (!instance) throw notFound(`Instance not found: ${text}`);
    return instance;
}

export function resolveUser(
    state: EmulatorState,
    instance: InstanceState,
    raw: unknown
): UserState {
    const text = requiredString(raw, 'UserId', 250);
    const prefix = `${instanceArn(state, instance.id)}/agent/`;
    const id = text.startsWith('arn:')
        ? text.startsWith(prefix)
            ? text.slice(prefix.length)
            : undefined
        : text;
    const user = instance.users.find((candidate) => candidate.id === id);
    if (!user) throw notFound(`User not found: ${text} in instance ${instance.id}`);
    return user;
}

/** The instance and the user a user operation names. */
export function resolveTarget(context: OperationContext): {
    instance: InstanceState;
    user: UserState;
} {
    const instance = resolveInstance(context.state, context.params.InstanceId);
    return {
        instance,
        user: resolveUser(context.state, instance, context.params.UserId),
    };
}

/** The user APIs take routing/security profile and hierarchy group IDs, not ARNs. */
export function requireReferenced(
    resources: readonly NamedResource[],
    raw: unknown,
    field: string,
    kind: string,
    instance: InstanceState
): string {
    const id = requiredString(raw, field, 500);
    if (id.startsWith('arn:')) {
        throw invalidParameter(`${field} expects a ${kind} ID, not an ARN: ${id}`);
    }
    if (id.length > 100)
        throw invalidParameter(`${field} must be at most 100 characters`);
    if (!resources.some((resource) => resource.id === id)) {
        throw notFound(`${field}: ${kind} ${id} not found in instance ${instance.id}`);
    }
    return id;
}

export function touch(user: UserState, context: OperationContext): void {
    user.lastModifiedTime = context.now;
    user.lastModifiedRegion = context.state.region;
}

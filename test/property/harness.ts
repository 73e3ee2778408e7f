import { randomUUID } from 'node:crypto';
import { ConnectClient } from '@aws-sdk/client-connect';
import schema from '../../aws-connect-user.json';
import { SEED } from '../../emulator/seed';
import { startEmulator, type CallRecord, type Emulator } from '../../emulator/server';
import { parseResourceArn } from '../../src/arn';
import { fetchUser } from '../../src/actions/read';
import type { ResourceProperties } from '../../src/properties';
import { CHANNEL_LIST_NAMES, desiredSettings, withBothViews } from '../../src/channels';
import { chainOf, planChannelLists, type PlannedCall } from '../../src/reconcile';
import { fromConnectUser } from '../../src/translate';
import { CREDENTIALS, handlerEvent, type EventOptions } from '../fixtures/events';
import { invoke, type Response } from '../fixtures/invoke';
import { EXTRA_ATTRIBUTE_VALUES } from './arbitraries';
import { canonical } from '../../start/model-match';

/**
 * Shared plumbing of the property tests: an emulator seeded like the default
 * one (plus more predefined attribute values, so that a model can hold more
 * than one batch of proficiencies), CloudFormation-style drivers, and
 * comparisons that follow the schema (`insertionOrder: false` lists as sets,
 * write-only properties excluded).
 */

/** The operations that change state in Connect. */
export const MUTATING_OPERATIONS = new Set([
    'CreateUser',
    'DeleteUser',
    'UpdateUserIdentityInfo',
    'UpdateUserPhoneConfig',
    'UpdateUserRoutingProfile',
    'UpdateUserSecurityProfiles',
    'UpdateUserHierarchy',
    'UpdateUserConfig',
    'TagResource',
    'UntagResource',
    'AssociateUserProficiencies',
    'DisassociateUserProficiencies',
    'UpdateUserProficiencies',
]);

/** The default seed with more values for the managed instance's attributes. */
export function propertySeed(): unknown {
    const seed = structuredClone(SEED);
    const managed = seed.instances.find(
        (instance) => instance.identityManagementType === 'CONNECT_MANAGED'
    );
    for (const attribute of managed?.predefinedAttributes ?? []) {
        attribute.values.push(...(EXTRA_ATTRIBUTE_VALUES[attribute.name] ?? []));
    }
    return seed;
}

/** Starts a quiet emulator on 127.0.0.1 and points the handlers' SDK at it. */
export async function startPropertyEmulator(): Promise<Emulator> {
    const emulator = await startEmulator({
        port: 0,
        quiet: true,
        seed: propertySeed(),
    });
    process.env.AWS_ENDPOINT_URL_CONNECT = emulator.url;
    return emulator;
}

export type Model = ResourceProperties & Record<string, unknown>;

/** Drives an operation as CloudFormation does: re-invoking with the context while IN_PROGRESS. */
export async function drive(
    action: 'CREATE' | 'UPDATE' | 'DELETE' | 'READ',
    model: ResourceProperties | Record<string, unknown>,
    options: EventOptions = {},
    maxSteps = 10
): Promise<Response[]> {
    const responses: Response[] = [];
    let current = model as Record<string, unknown>;
    let callbackContext = options.callbackContext;
    const clientRequestToken = options.clientRequestToken ?? randomUUID();
    for (let step = 0; step < maxSteps; step += 1) {
        const response = await invoke(
            handlerEvent(action, current, {
                ...options,
                callbackContext,
                clientRequestToken,
            })
        );
        responses.push(response);
        if (response.status !== 'IN_PROGRESS') {
            return responses;
        }
        current = response.resourceModel ?? current;
        callbackContext = response.callbackContext;
    }
    throw new Error(`${action} did not finish in ${maxSteps} invocations`);
}

/** The last response of a driven operation. */
export const last = (responses: Response[]): Response =>
    responses[responses.length - 1];

const UNORDERED = new Set(
    Object.entries(schema.properties as Record<string, { insertionOrder?: boolean }>)
        .filter(([, definition]) => definition.insertionOrder === false)
        .map(([name]) => name)
);
const WRITE_ONLY = new Set(
    schema.writeOnlyProperties.map((pointer) => pointer.replace('/properties/', ''))
);

/**
 * A model as the schema compares it: no write-only properties, no absent
 * fields, and the `insertionOrder: false` lists sorted.
 */
export function comparable(model: object | undefined): unknown {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(model ?? {})) {
        if (value === undefined || WRITE_ONLY.has(key)) {
            continue;
        }
        result[key] =
            UNORDERED.has(key) && Array.isArray(value)
                ? [...value]
                      .map((item) => JSON.parse(canonical(item)))
                      .sort((a, b) => {
                          const left = canonical(a);
                          const right = canonical(b);
                          return left < right ? -1 : left > right ? 1 : 0;
                      })
                : JSON.parse(canonical(value));
    }
    return result;
}

const CHANNEL_PROPERTIES = new Set<string>(['PhoneConfig', ...CHANNEL_LIST_NAMES]);

function withoutChannels(model: object | undefined): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(model ?? {}).filter(([key]) => !CHANNEL_PROPERTIES.has(key))
    );
}

/**
 * Whether an answer holds the desired model: every other property as the
 * schema compares it, and the per-channel settings the desired model names,
 * in whichever of the two views it names them (an answer shows both: see
 * withBothViews), so that an update of the answer to the desired model plans
 * no per-channel call.
 */
export function expectHolds(answer: object | undefined, desired: ResourceProperties) {
    expect(comparable(withoutChannels(answer))).toEqual(
        comparable(withoutChannels(desired))
    );
    const held = (answer ?? {}) as ResourceProperties;
    expect(withBothViews(held)).toEqual(held);
    expect(planChannelLists(held, desiredSettings(desired))).toEqual({});
}

/**
 * [operation, input] pairs chain by chain: an update sends its chains of
 * dependent calls side by side (see chainsOf), so only the order within a
 * chain is fixed.
 */
function byChain(pairs: Array<[string, unknown]>): Array<[string, unknown]> {
    const chain = ([operation]: [string, unknown]) => chainOf(operation);
    return pairs
        .map((pair, index) => ({ pair, index }))
        .sort((a, b) => chain(a.pair).localeCompare(chain(b.pair)) || a.index - b.index)
        .map(({ pair }) => pair);
}

/** The mutating calls the emulator received, as planner-shaped pairs, chain by chain. */
export function mutatingCalls(calls: CallRecord[]): Array<[string, unknown]> {
    return byChain(
        calls
            .filter((call) => MUTATING_OPERATIONS.has(call.operation))
            .map((call): [string, unknown] => {
                const params = { ...call.params };
                if (
                    call.operation === 'UntagResource' &&
                    !Array.isArray(params.tagKeys)
                ) {
                    params.tagKeys = [params.tagKeys];
                }
                return [call.operation, JSON.parse(canonical(params))];
            })
    );
}

/** Planned calls in the same shape as `mutatingCalls`. */
export function plannedCalls(calls: PlannedCall[]): Array<[string, unknown]> {
    return byChain(
        calls.map((call): [string, unknown] => [
            call.operation,
            JSON.parse(canonical(call.input)),
        ])
    );
}

/** A client for looking at the emulator the way the update handler does. */
export function inspectionClient(url: string): ConnectClient {
    return new ConnectClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: CREDENTIALS,
        maxAttempts: 1,
    });
}

/** The user as the update handler sees it before planning: read, without stack tags. */
export async function currentOf(
    client: ConnectClient,
    userArn: string
): Promise<{ current: ResourceProperties; tags: Record<string, string> }> {
    const ref = parseResourceArn(userArn, 'agent');
    if (!ref) {
        throw new Error(`not a user ARN: ${userArn}`);
    }
    const { user, proficiencies } = await fetchUser(client, ref);
    return {
        current: fromConnectUser(user, { instance: ref, proficiencies }),
        tags: user.Tags ?? {},
    };
}

/** Every user of every instance in the emulator, with what hangs off it. */
export function allUsers(emulator: Emulator) {
    return emulator.snapshot().instances.flatMap((instance) => instance.users);
}

/** Turns booleans and numbers into the strings CloudFormation sends. */
export function asTemplateStrings(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(asTemplateStrings);
    }
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [key, asTemplateStrings(inner)])
        );
    }
    return typeof value === 'boolean' || typeof value === 'number'
        ? String(value)
        : value;
}

export type { Emulator, Response };

export { canonical };

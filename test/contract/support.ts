import { ConnectClient, CreateUserCommand } from '@aws-sdk/client-connect';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_INSTANCES } from '../../emulator/seed';
import type { EmulatorState, UserState } from '../../emulator/server';
import type { Model } from './driver';

/** The `cfn test` input sets in inputs/, and what the suite needs around them. */

export const INPUTS_DIR = join(__dirname, '..', '..', 'inputs');

export interface InputSet {
    name: string;
    create: Model;
    update: Model;
    invalid: Model;
}

function readModel(file: string): Model {
    return JSON.parse(readFileSync(join(INPUTS_DIR, file), 'utf8')) as Model;
}

/** Every `inputs_N_create.json` with its update and invalid siblings, in N order. */
export function loadInputSets(): InputSet[] {
    return readdirSync(INPUTS_DIR)
        .map((file) => /^inputs_(\d+)_create\.json$/.exec(file)?.[1])
        .filter((index): index is string => index !== undefined)
        .sort((a, b) => Number(a) - Number(b))
        .map((index) => ({
            name: `inputs_${index}`,
            create: readModel(`inputs_${index}_create.json`),
            update: readModel(`inputs_${index}_update.json`),
            invalid: readModel(`inputs_${index}_invalid.json`),
        }));
}

const INSTANCES = Object.values(SEED_INSTANCES);

/** The seeded instance a model's InstanceArn names. */
export function instanceOf(model: Model) {
    const instance = INSTANCES.find((candidate) => candidate.arn === model.InstanceArn);
    if (!instance) {
        throw new Error(`No seeded instance has the ARN ${String(model.InstanceArn)}`);
    }
    return instance;
}

let runCounter = 0;
const RUN_TAG = Date.now().toString(36).slice(-3);

/**
 * A username no other scenario of this run uses, within the instance's limit
 * (20 characters unless SAML, 64 with SAML), keeping an email form an email.
 */
export function uniqueUsername(model: Model): string {
    const base = String(model.Username);
    const suffix = `-${RUN_TAG}${(++runCounter).toString(36)}`;
    const max = instanceOf(model).identityManagementType === 'SAML' ? 64 : 20;
    const at = base.indexOf('@');
    if (at >= 0) {
        const local = base
            .slice(0, at)
            .slice(0, max - (base.length - at) - suffix.length);
        return `${local}${suffix}${base.slice(at)}`;
    }
    return `${base.slice(0, max - suffix.length)}${suffix}`;
}

/** The models with the same fresh username, so create and update name one user. */
export function withFreshUsername(...models: Model[]): Model[] {
    const username = uniqueUsername(models[0]);
    return models.map((model) => ({ ...model, Username: username }));
}

/**
 * A stored user without the fields that change on every write, in a stable
 * order, with its per-channel settings by value: not by the form (PhoneConfig
 * or per channel) they were last written in, which only DescribeUser's
 * default view shows and the handler reads either way.
 */
function normalUser(user: UserState) {
    const {
        lastModifiedTime: _time,
        lastModifiedRegion: _region,
        proficienciesLastModifiedTime: _proficiencyTime,
        phoneConfig: _phoneConfig,
        AutoAcceptConfigs: _autoAccept,
        AfterContactWorkConfigs: _afterContactWork,
        PhoneNumberConfigs: _phoneNumbers,
        PersistentConnectionConfigs: _persistentConnection,
        VoiceEnhancementConfigs: _voiceEnhancement,
        channelSettings,
        ...rest
    } = user;
    const byValue = Object.fromEntries(
        Object.entries(channelSettings ?? {}).map(([list, entries]) => [
            list,
            (entries as unknown as Array<Record<string, unknown>>)
                .map(({ writtenAs: _form, ...entry }) => entry)
                .sort((a, b) => String(a.Channel).localeCompare(String(b.Channel))),
        ])
    );
    return {
        ...rest,
        channelSettings: byValue,
        securityProfileIds: [...rest.securityProfileIds].sort(),
        proficiencies: [...rest.proficiencies].sort((a, b) =>
            `${a.AttributeName}/${a.AttributeValue}`.localeCompare(
                `${b.AttributeName}/${b.AttributeValue}`
            )
        ),
    };
}

/** Every user of the emulator, keyed by instance and username, for before/after comparisons. */
export function usersOf(
    state: EmulatorState
): Record<string, ReturnType<typeof normalUser>> {
    return Object.fromEntries(
        state.instances.flatMap((instance) =>
            instance.users.map((user) => [
                `${instance.id}/${user.username}`,
                normalUser(user),
            ])
        )
    );
}

/** The stored user with this username, if any. */
export function storedUser(state: EmulatorState, username: unknown) {
    return usersOf(state)[
        Object.keys(usersOf(state)).find((key) =>
            key.endsWith(`/${String(username)}`)
        ) ?? ''
    ];
}

/** Users created straight through the API, so that LIST has more than one page. */
export async function addUsersDirectly(
    url: string,
    model: Model,
    count: number
): Promise<void> {
    const instance = instanceOf(model);
    const client = new ConnectClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        maxAttempts: 1,
    });
    try {
        for (let index = 0; index < count; index += 1) {
            const type = instance.identityManagementType;
            await client.send(
                new CreateUserCommand({
                    InstanceId: instance.id,
                    Username: `filler-${index}`,
                    Password: type === 'CONNECT_MANAGED' ? 'F1llerPassw0rd' : undefined,
                    IdentityInfo:
                        type === 'CONNECT_MANAGED'
                            ? { FirstName: 'F', LastName: 'L', Email: 'f@example.com' }
                            : type === 'SAML'
                              ? { FirstName: 'F', LastName: 'L' }
                              : undefined,
                    PhoneConfig: { PhoneType: 'SOFT_PHONE' },
                    RoutingProfileId: instance.routingProfileIds[0],
                    SecurityProfileIds: [instance.securityProfileIds[0]],
                })
            );
        }
    } finally {
        client.destroy();
    }
}

/** Tags as a map. */
export function tagMap(tags: unknown): Record<string, string> {
    return Object.fromEntries(
        ((tags ?? []) as Array<{ Key: string; Value: string }>).map((tag) => [
            tag.Key,
            tag.Value,
        ])
    );
}

/** Tags as the model's list. */
export function tagList(
    tags: Record<string, string>
): Array<{ Key: string; Value: string }> {
    return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * Tags on users: TagResource, UntagResource, ListTagsForResource. Only user ARNs are
 * taggable here.
 */
import { invalidParameter, notFound } from '../errors';
import type { EmulatorState, UserState } from '../types';
import { countedTags, requiredString, validateTagKey, validateTags } from '../validate';
import type { Operation } from './context';

const MAX_TAGS = 50;

function resolveTaggable(state: EmulatorState, raw: unknown): UserState {
    const arn = requiredString(raw, 'resourceArn', 1011);
    const match = /^arn:([^:]+):connect:([^:]+):(\d{12}):instance\/([^/]+)\/(.+)$/.exec(
        arn
    );
    if (!match)
        throw invalidParameter(`resourceArn is not a valid Amazon Connect ARN: ${arn}`);
    const [, partition, region, account, instanceId, rest] = match;
    const instance =
        partition === state.partition &&
        region === state.region &&
        account === state.accountId
            ? state.instances.find((candidate) => candidate.id === instanceId)
            : undefined;
    const userId = rest.startsWith('agent/') ? rest.slice('agent/'.length) : undefined;
    const user = instance?.users.find((candidate) => candidate.id === userId);
    if (!user) throw notFound(`Resource not found: ${arn}`);
    return user;
}

/** TagKey's pattern refuses aws: keys here whatever the behaviour. */
export const tagResource: Operation = ({ state, params }) => {
    const user = resolveTaggable(state, params.resourceArn);
    const tags = validateTags(params.tags, 'tags', {
        allowAwsPrefix: false,
        required: true,
    });
    const merged = { ...user.tags, ...tags };
    if (countedTags(merged) > MAX_TAGS) {
        throw invalidParameter(`A resource may have at most ${MAX_TAGS} tags`);
    }
    user.tags = merged;
    return { mutated: true };
};

export const untagResource: Operation = ({ state, params }) => {
    const user = resolveTaggable(state, params.resourceArn);
    const raw = params.tagKeys;
    const keys = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (keys.length < 1 || keys.length > MAX_TAGS) {
        throw invalidParameter(`tagKeys must contain 1 to ${MAX_TAGS} keys`);
    }
    for (const key of keys) validateTagKey(key, 'tagKeys', false);
    const tags = { ...user.tags };
    for (const key of keys as string[]) delete tags[key];
    user.tags = tags;
    return { mutated: true };
};

export const listTagsForResource: Operation = ({ state, params }) => {
    const user = resolveTaggable(state, params.resourceArn);
    return { mutated: false, body: { tags: { ...user.tags } } };
};

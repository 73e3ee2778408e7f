import { SEED, SEED_INSTANCES } from '../../emulator/seed';
import type { Model } from './driver';
import { tagList } from './support';

/**
 * The largest user the schema allows in practice: ten security profiles, 50
 * tags and 45 proficiencies. The default seed has four security profiles and
 * eleven attribute values, so this input runs on a seed with more of both.
 */

const managed = SEED_INSTANCES.managed;
const EXTRA_PROFILES = 12;
const QUEUES = 45;

const profileId = (n: number) =>
    `b1000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const profileArn = (n: number) => `${managed.arn}/security-profile/${profileId(n)}`;
const queue = (n: number) => `Q${String(n).padStart(2, '0')}`;

/** The default seed plus security profiles 5-12 and a `Queue` attribute with 45 values. */
export function largeSeed(): unknown {
    const seed = structuredClone(SEED);
    const instance = seed.instances.find((candidate) => candidate.id === managed.id);
    if (!instance) {
        throw new Error('The default seed has no managed instance');
    }
    for (let n = instance.securityProfiles.length + 1; n <= EXTRA_PROFILES; n += 1) {
        instance.securityProfiles.push({ id: profileId(n), name: `Profile ${n}` });
    }
    instance.predefinedAttributes.push({
        name: 'Queue',
        values: Array.from({ length: QUEUES }, (_, index) => queue(index + 1)),
    });
    return seed;
}

const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, index) => from + index);

const tags = (keys: number[], value: (n: number) => string) =>
    Object.fromEntries(
        keys.map((n) => [`tag-${String(n).padStart(2, '0')}`, value(n)])
    );

export const LARGE_PASSWORD = 'L4rgestAgentPassw0rd';

/** 10 security profiles, 50 tags, 45 proficiencies. */
export function largeCreate(username: string): Model {
    return {
        InstanceArn: managed.arn,
        Username: username,
        Password: LARGE_PASSWORD,
        RoutingProfileArn: managed.routingProfileArns[1],
        SecurityProfileArns: range(1, 10).map(profileArn),
        HierarchyGroupArn: managed.hierarchyGroupArns[1],
        IdentityInfo: {
            FirstName: 'Lara',
            LastName: 'Largest',
            Email: 'lara.largest@example.com',
        },
        PhoneConfig: { PhoneType: 'SOFT_PHONE', AutoAccept: true },
        UserProficiencies: range(1, QUEUES).map((n) => ({
            AttributeName: 'Queue',
            AttributeValue: queue(n),
            Level: (n % 5) + 1,
        })),
        Tags: tagList(tags(range(1, 50), (n) => `value-${n}`)),
    };
}

/**
 * Another ten profiles; five proficiencies dropped and 21 with a new level;
 * three tags removed, two changed and three added (still 50).
 */
export function largeUpdate(username: string): Model {
    const model = largeCreate(username);
    delete model.Password;
    return {
        ...model,
        SecurityProfileArns: range(3, 12).map(profileArn),
        UserProficiencies: range(6, QUEUES).map((n) => ({
            AttributeName: 'Queue',
            AttributeValue: queue(n),
            Level: n <= 26 ? ((n + 1) % 5) + 1 : (n % 5) + 1,
        })),
        Tags: tagList({
            ...tags(range(6, 50), (n) => `value-${n}`),
            ...tags([4, 5], (n) => `changed-${n}`),
            ...tags(range(51, 53), (n) => `added-${n}`),
        }),
    };
}

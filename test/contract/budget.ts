import { canonical } from './compare';
import type { Model, Operation } from './driver';
import { tagMap } from './support';

/**
 * The fewest Connect calls each action can make, worked out from the models
 * alone, independently of the handlers' planners:
 * - Connect takes at most 20 proficiencies per Associate/Update/Disassociate call;
 * - ListUserProficiencies pages hold up to 100 (one page even when empty);
 * - LIST asks ListUsers for its largest page, 1,000 users;
 * - tags ride inline in CreateUser; UpdateUserConfig takes every per-channel list,
 *   PhoneConfig's fields among them.
 */

const PROFICIENCY_BATCH = 20;
const PROFICIENCY_PAGE = 100;
export const USERS_PAGE = 1000;

type Proficiency = { AttributeName: string; AttributeValue: string; Level: number };

function proficiencies(model: Model): Proficiency[] {
    return (model.UserProficiencies ?? []) as Proficiency[];
}

const batches = (count: number, size: number) => Math.ceil(count / size);
const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));

/** DescribeUser and every page of the user's proficiencies. */
export function minimumRead(model: Model): number {
    return 1 + pages(proficiencies(model).length, PROFICIENCY_PAGE);
}

/** CreateUser takes 50 tags, one of them the create's marker; the rest go by TagResource. */
const CREATE_USER_TAGS = 50;

/**
 * CreateUser, the UntagResource of the create's marker, TagResource for the
 * tags beyond CreateUser's, a call per proficiency batch; and the read of a
 * directory's user, whose names Connect takes from the directory. Any other
 * user's answer is what the create sent, unread.
 */
export function minimumCreate(model: Model): number {
    const tags = Object.keys(tagMap(model.Tags)).length + 1;
    return (
        2 +
        batches(Math.max(0, tags - CREATE_USER_TAGS), CREATE_USER_TAGS) +
        batches(proficiencies(model).length, PROFICIENCY_BATCH) +
        (model.DirectoryUserId === undefined ? 0 : minimumRead(model))
    );
}

const CHANNEL_LISTS = [
    'AutoAcceptConfigs',
    'AfterContactWorkConfigs',
    'PhoneNumberConfigs',
    'PersistentConnectionConfigs',
    'VoiceEnhancementConfigs',
];

function sameSet(a: unknown, b: unknown): boolean {
    const sorted = (value: unknown) =>
        ((value ?? []) as unknown[]).map(canonical).sort().join('|');
    return sorted(a) === sorted(b);
}

/** The mutating calls needed to turn `before` into `after`. */
export function minimumMutations(before: Model, after: Model): number {
    let calls = 0;
    const changed = (name: string) =>
        canonical(before[name]) !== canonical(after[name]);
    if (after.RoutingProfileArn && changed('RoutingProfileArn')) calls += 1;
    if (
        after.SecurityProfileArns &&
        !sameSet(before.SecurityProfileArns, after.SecurityProfileArns)
    )
        calls += 1;
    if (changed('HierarchyGroupArn')) calls += 1;
    if (changed('IdentityInfo')) calls += 1;
    // PhoneConfig is the VOICE view of the lists: one UpdateUserConfig for both.
    if (
        (after.PhoneConfig && changed('PhoneConfig')) ||
        CHANNEL_LISTS.some((name) => after[name] && !sameSet(before[name], after[name]))
    )
        calls += 1;
    const key = (item: Proficiency) => `${item.AttributeName}/${item.AttributeValue}`;
    const old = new Map(proficiencies(before).map((item) => [key(item), item.Level]));
    const wanted = new Map(proficiencies(after).map((item) => [key(item), item.Level]));
    const removed = [...old.keys()].filter((name) => !wanted.has(name)).length;
    const added = [...wanted.keys()].filter((name) => !old.has(name)).length;
    const levelled = [...wanted].filter(
        ([name, level]) => old.has(name) && old.get(name) !== level
    ).length;
    calls +=
        batches(removed, PROFICIENCY_BATCH) +
        batches(added, PROFICIENCY_BATCH) +
        batches(levelled, PROFICIENCY_BATCH);
    const oldTags = tagMap(before.Tags);
    const newTags = tagMap(after.Tags);
    if (Object.keys(oldTags).some((name) => !(name in newTags))) calls += 1;
    if (Object.entries(newTags).some(([name, value]) => oldTags[name] !== value))
        calls += 1;
    return calls;
}

/** Read the user, make the changes, and read it back only when something changed. */
export function minimumUpdate(before: Model, after: Model): number {
    const mutations = minimumMutations(before, after);
    return minimumRead(before) + mutations + (mutations ? minimumRead(after) : 0);
}

export const minimumDelete = (): number => 1;

export const minimumList = (users: number): number => pages(users, USERS_PAGE);

export interface BudgetRow {
    action: string;
    input: string;
    calls: Record<string, number>;
    total: number;
    minimum: number;
    invocations: number;
}

/** One measured operation against its minimum. */
export function budgetRow(
    action: string,
    input: string,
    operation: Operation,
    minimum: number
): BudgetRow {
    const calls: Record<string, number> = {};
    for (const call of operation.calls) {
        calls[call.operation] = (calls[call.operation] ?? 0) + 1;
    }
    return {
        action,
        input,
        calls,
        total: operation.calls.length,
        minimum,
        invocations: operation.events.length,
    };
}

/** The table the suite prints: one line per action and input. */
export function formatBudget(rows: readonly BudgetRow[]): string {
    const header = [
        'action',
        'input',
        'invocations',
        'calls',
        'minimum',
        'verdict',
        'Connect calls',
    ];
    const lines = rows.map((row) => [
        row.action,
        row.input,
        String(row.invocations),
        String(row.total),
        String(row.minimum),
        row.total <= row.minimum ? 'ok' : 'OVER',
        Object.entries(row.calls)
            .map(([operation, count]) => `${operation} x${count}`)
            .join(', ') || '(none)',
    ]);
    const widths = header.map((title, column) =>
        Math.max(title.length, ...lines.map((line) => line[column].length))
    );
    const render = (cells: string[]) =>
        cells
            .map((cell, column) => cell.padEnd(widths[column]))
            .join('  ')
            .trimEnd();
    return [
        'Connect API calls per action (minimum: see test/contract/budget.ts)',
        render(header),
        render(widths.map((width) => '-'.repeat(width))),
        ...lines.map(render),
    ].join('\n');
}

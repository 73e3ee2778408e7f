/**
 * Whether a model returned by the handler says what was asked: every asked
 * property has the asked value, and lists whose order the schema leaves open
 * (`insertionOrder: false`) are compared as sets. Properties Connect adds that
 * were not asked for are not compared.
 */

import schema from '../aws-connect-user.json';

/** The properties whose lists the schema marks `insertionOrder: false`. */
export const UNORDERED: ReadonlySet<string> = new Set(
    Object.entries(schema.properties as Record<string, { insertionOrder?: boolean }>)
        .filter(([, definition]) => definition.insertionOrder === false)
        .map(([name]) => name)
);

/** A stable rendering of a value: object keys sorted, so equal values print alike. */
export function canonical(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(canonical).join(',')}]`;
    }
    if (typeof value === 'object' && value !== null) {
        const entries = Object.entries(value)
            .filter(([, inner]) => inner !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}

function asSet(value: unknown): string[] | undefined {
    return Array.isArray(value) ? value.map(canonical).sort() : undefined;
}

function compare(path: string, asked: unknown, got: unknown, problems: string[]): void {
    const key = path.split('.').pop() ?? path;
    if (UNORDERED.has(key) && Array.isArray(asked)) {
        const want = asSet(asked);
        const have = asSet(got);
        if (canonical(want) !== canonical(have)) {
            problems.push(`${path} is ${canonical(got)}, expected ${canonical(asked)}`);
        }
        return;
    }
    if (
        typeof asked === 'object' &&
        asked !== null &&
        !Array.isArray(asked) &&
        typeof got === 'object' &&
        got !== null
    ) {
        for (const [inner, value] of Object.entries(asked)) {
            compare(
                `${path}.${inner}`,
                value,
                (got as Record<string, unknown>)[inner],
                problems
            );
        }
        return;
    }
    if (canonical(asked) !== canonical(got)) {
        problems.push(
            `${path} is ${canonical(got) ?? 'absent'}, expected ${canonical(asked)}`
        );
    }
}

/** What differs between the asked model and the returned one, one line each. */
export function mismatches(
    asked: Record<string, unknown>,
    got: Record<string, unknown> | undefined,
    ignore: readonly string[] = []
): string[] {
    if (!got) {
        return ['no resourceModel in the response'];
    }
    const problems: string[] = [];
    for (const [key, value] of Object.entries(asked)) {
        if (!ignore.includes(key)) {
            compare(key, value, got[key], problems);
        }
    }
    return problems;
}

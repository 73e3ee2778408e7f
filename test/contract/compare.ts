import { UNORDERED_ARRAYS, WRITE_ONLY } from './schema-facts';
import { canonical } from '../../start/model-match';

/**
 * The contract's comparison of a request model with the model a handler
 * returns: every property of the input, except write-only ones, must be in the
 * output with the same value; nested objects compare field by field; arrays
 * compare by position, except those marked `insertionOrder: false`, which
 * compare as sets. Properties the input does not name are not compared.
 */

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareValue(
    path: string,
    expected: Json,
    actual: Json,
    unordered: boolean
): string[] {
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual)) {
            return [
                `${path}: expected a list of ${expected.length}, got ${canonical(actual)}`,
            ];
        }
        if (unordered) {
            const want = expected.map(canonical).sort();
            const got = actual.map(canonical).sort();
            return canonical(want) === canonical(got)
                ? []
                : [`${path}: expected the set ${want.join(' ')}, got ${got.join(' ')}`];
        }
        if (expected.length !== actual.length) {
            return [`${path}: expected ${expected.length} items, got ${actual.length}`];
        }
        return expected.flatMap((item, index) =>
            compareValue(`${path}[${index}]`, item, actual[index], false)
        );
    }
    if (isObject(expected)) {
        if (!isObject(actual)) {
            return [
                `${path}: expected ${canonical(expected)}, got ${canonical(actual)}`,
            ];
        }
        return Object.keys(expected).flatMap((key) =>
            compareValue(`${path}.${key}`, expected[key], actual[key], false)
        );
    }
    return expected === actual
        ? []
        : [`${path}: expected ${canonical(expected)}, got ${canonical(actual)}`];
}

/** Where `output` differs from `input` under the contract's rules; empty when equal. */
export function modelDifferences(
    input: Record<string, Json>,
    output: Record<string, Json> | undefined
): string[] {
    const model = output ?? {};
    return Object.keys(input)
        .filter((name) => !WRITE_ONLY.includes(name))
        .flatMap((name) =>
            compareValue(name, input[name], model[name], UNORDERED_ARRAYS.has(name))
        );
}

/** Every path in a JSON value where a key named `name` appears. */
export function pathsOfKey(value: Json, name: string, path = '$'): string[] {
    if (Array.isArray(value)) {
        return value.flatMap((item, index) =>
            pathsOfKey(item, name, `${path}[${index}]`)
        );
    }
    if (isObject(value)) {
        return Object.entries(value).flatMap(([key, inner]) => [
            ...(key === name ? [`${path}.${key}`] : []),
            ...pathsOfKey(inner, name, `${path}.${key}`),
        ]);
    }
    return [];
}

export { canonical };

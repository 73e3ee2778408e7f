/**
 * Keeps the SDK's schemas of the operations the function never sends out of
 * the bundle.
 */
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

/**
 * Lets esbuild drop the SDK schemas of the operations the bundle never sends. A
 * client's schemas module declares every operation as `[9, ns, name, { [_h]:
 * [...] }, ...]`; esbuild treats a computed key as a possible side effect, so it
 * kept all of Connect's operations and the structures they reach (190 KB). The
 * keys are string constants of the same module: written as the strings they
 * are, the unused declarations go.
 */
export const schemaKeysInlined: Plugin = {
    name: 'schema-keys-inlined',
    setup(build) {
        build.onLoad(
            {
                filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/,
            },
            (args) => ({
                contents: inlineSchemaKeys(readFileSync(args.path, 'utf8')),
                loader: 'js',
            })
        );
    },
};

/** `{ [_h]: x }` -> `{ "http": x }` where the module declares `const _h = "http";`. */
export function inlineSchemaKeys(code: string): string {
    const constants = new Map<string, string>();
    for (const [, name, value] of code.matchAll(
        /^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm
    )) {
        constants.set(name, value);
    }
    return code.replace(
        /([{,]\s*)\[(_\w+)\]:/g,
        (whole, before: string, name: string) => {
            const value = constants.get(name);
            // A literal "__proto__" key would set the prototype, not a property.
            return value === undefined || value === '"__proto__"'
                ? whole
                : `${before}${value}:`;
        }
    );
}

/**
 * Keeps Node's ES module loader out of a cold start.
 */
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

/**
 * Loads Node's built-in modules with `require` where bundled packages `import()`
 * them (the HTTP handler loads node:http so, for an http endpoint): the first
 * dynamic import starts Node's ES module loader, a few milliseconds of a cold
 * start. The stand-in namespace has the module as its prototype and as `default`.
 */
export const builtinImportsRequired: Plugin = {
    name: 'builtin-imports-required',
    setup(build) {
        build.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
            const code = readFileSync(args.path, 'utf8');
            // A fresh search: the global pattern's lastIndex would carry over
            // between files, and the output would depend on their order.
            return code.search(BUILTIN_IMPORT) >= 0
                ? { contents: requireBuiltins(code), loader: 'js' }
                : undefined;
        });
    },
};

const BUILTIN_IMPORT = /\bimport\(\s*(["'])node:([a-z_/]+)\1\s*\)/g;

/** `import("node:http")` -> a promise of a namespace over `require("node:http")`. */
export function requireBuiltins(code: string): string {
    return code.replace(
        BUILTIN_IMPORT,
        (_whole, _quote: string, name: string) =>
            `Promise.resolve().then(() => { const m = require("node:${name}"); ` +
            `return Object.create(m, { default: { value: m } }); })`
    );
}

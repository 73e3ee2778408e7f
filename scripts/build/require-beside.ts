/**
 * How a module is kept out of the bundle and loaded on first use: the plugins
 * that put code in a file of its own beside the bundle
 * (`v3-services-apart.ts`, `mutations-apart.ts`) serve its import with this.
 */
import path from 'node:path';
import type { PluginBuild } from 'esbuild';

/**
 * Serves a module as a require of the file beside the bundle that holds it:
 * `import('./x')` (or `require`) of the module whose source is `source`, from
 * any importer, becomes `require('./file')` at run time, and the module itself
 * is never bundled.
 */
export function requireBeside(
    build: PluginBuild,
    { specifier, source, file }: { specifier: RegExp; source: string; file: string }
): void {
    const namespace = `beside:${file}`;
    const module = source.replace(/\.ts$/, '');
    build.onResolve({ filter: specifier }, (args) =>
        path.join(path.dirname(args.importer), args.path) === module
            ? { path: file, namespace }
            : undefined
    );
    build.onLoad({ filter: /.*/, namespace }, () => ({
        contents: `module.exports = require('./${file}');`,
        loader: 'js',
    }));
    build.onResolve({ filter: /.*/, namespace }, (args) => ({
        path: args.path,
        external: true,
    }));
}

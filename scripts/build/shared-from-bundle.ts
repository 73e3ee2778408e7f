/**
 * Keeps a second copy of anything the bundle holds out of mutations.js: the
 * mutations' build takes this type's other modules, the library, the SDK's
 * core and Connect's error classes from the bundle that loaded it, so that
 * loading mutations.js compiles only what only CREATE and UPDATE run.
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { BUNDLE_PATH, ROOT } from './paths';
import {
    CONNECT_DIST,
    CONNECT_SDK,
    CONNECT_SHARED_SOURCES,
    inConnectDist,
    isMutationCommandSource,
    keyOf,
    LIBRARY,
    MUTATION_COMMANDS,
    MUTATION_MODULES,
    MUTATION_SDK_IMPORTS,
    MUTATIONS_FILE,
    SDK_CORE_NAMES,
    SHARED_EXPORT,
} from './mutations';

/**
 * The mutations' side of the split: the mutation modules and the SDK files of
 * MUTATION_COMMANDS are bundled, while this type's other modules, the library,
 * the SDK's other Connect names, the SDK core names of SDK_CORE_NAMES and
 * Connect's error classes are taken from the bundle that loaded the file
 * (`require('./handlers.js')`, already loaded by then), so that each exists
 * once. Records the keys of the shared modules it was asked for; anything else
 * from node_modules fails the build.
 */
export function sharedFromBundle(shared: Set<string>): Plugin {
    const skip = Symbol('resolving');
    const bundle = `require('./${path.basename(BUNDLE_PATH)}').${SHARED_EXPORT}`;
    return {
        name: 'shared-from-bundle',
        setup(build) {
            build.onResolve({ filter: /.*/ }, async (args) => {
                if (args.namespace !== 'file' || args.pluginData === skip) {
                    return undefined;
                }
                if (
                    args.path === LIBRARY ||
                    args.path === CONNECT_SDK ||
                    SDK_CORE_NAMES[args.path]
                ) {
                    shared.add(args.path);
                    return { path: args.path, namespace: 'shared-from-bundle' };
                }
                const resolved = await build.resolve(args.path, {
                    kind: args.kind,
                    importer: args.importer,
                    resolveDir: args.resolveDir,
                    pluginData: skip,
                });
                if (resolved.errors.length > 0) {
                    return { errors: resolved.errors };
                }
                if (resolved.external || resolved.namespace !== 'file') {
                    return resolved;
                }
                if (
                    MUTATION_MODULES.has(resolved.path) ||
                    isMutationCommandSource(resolved.path)
                ) {
                    return { path: resolved.path };
                }
                if (CONNECT_SHARED_SOURCES.includes(inConnectDist(resolved.path))) {
                    shared.add(keyOf(resolved.path));
                    return {
                        path: keyOf(resolved.path),
                        namespace: 'shared-from-bundle',
                    };
                }
                if (resolved.path.split(path.sep).includes('node_modules')) {
                    return {
                        errors: [
                            {
                                text: `${args.path} (imported by ${keyOf(args.importer)}) would be a second copy in ${MUTATIONS_FILE}: take it from the bundle (scripts/build/shared-from-bundle.ts)`,
                            },
                        ],
                    };
                }
                shared.add(keyOf(resolved.path));
                return { path: keyOf(resolved.path), namespace: 'shared-from-bundle' };
            });
            const named = (key: string, names: readonly string[]) =>
                `const shared = ${bundle}[${JSON.stringify(key)}];\n` +
                names
                    .map((name) => `export const ${name} = shared.${name};`)
                    .join('\n');
            build.onLoad({ filter: /.*/, namespace: 'shared-from-bundle' }, (args) => {
                if (args.path === CONNECT_SDK) {
                    const commands = MUTATION_COMMANDS.map(
                        (name) =>
                            `export { ${name} } from ${JSON.stringify(path.join(CONNECT_DIST, 'commands', `${name}.js`))};`
                    );
                    return {
                        contents: [
                            named(CONNECT_SDK, MUTATION_SDK_IMPORTS),
                            ...commands,
                        ].join('\n'),
                        resolveDir: ROOT,
                        loader: 'js',
                    };
                }
                const core = SDK_CORE_NAMES[args.path];
                return {
                    contents: core
                        ? named(args.path, core)
                        : `module.exports = ${bundle}[${JSON.stringify(args.path)}];`,
                    loader: 'js',
                };
            });
            // The stubs' own imports: the bundle (external), or a command's file,
            // bundled.
            build.onResolve(
                { filter: /.*/, namespace: 'shared-from-bundle' },
                (args) =>
                    isMutationCommandSource(args.path)
                        ? { path: args.path }
                        : { path: args.path, external: true }
            );
        },
    };
}

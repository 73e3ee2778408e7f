/**
 * Keeps the mutations (what only CREATE and UPDATE run, `mutations.ts`) out of
 * the bundle: the bundle requires mutations.js beside it at the first of them,
 * fails to build when it would carry one of their modules or commands, and
 * exports the modules mutations.js takes from it.
 */
import type { Metafile, Plugin } from 'esbuild';
import {
    CONNECT_SDK,
    keyOf,
    LIBRARY,
    MUTATION_COMMANDS,
    MUTATION_MODULES,
    MUTATION_SDK_IMPORTS,
    MUTATIONS_ENTRY,
    MUTATIONS_FILE,
    SDK_CORE_NAMES,
    SHARED_EXPORT,
} from './mutations';
import { requireBeside } from './require-beside';

/**
 * Fails the build when the bundle carries one of MUTATION_COMMANDS (esbuild
 * loads every command the SDK's index names, so only its output tells).
 */
export function commandsApart(metafile: Metafile): void {
    for (const output of Object.values(metafile.outputs)) {
        for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
            const name = /\/commands\/(\w+)\.js$/.exec(input)?.[1];
            if (
                bytesInOutput > 0 &&
                MUTATION_COMMANDS.some((command) => command === name)
            ) {
                throw new Error(
                    `${input} is in ${MUTATIONS_FILE}, which carries the commands only CREATE and UPDATE send; the bundle has it too (scripts/build/mutations.ts, MUTATION_COMMANDS)`
                );
            }
        }
    }
}

/**
 * The bundle's side of the split: `import('./mutations')` becomes a require of
 * mutations.js beside it, and no mutation module may be bundled.
 */
export const mutationsApart: Plugin = {
    name: 'mutations-apart',
    setup(build) {
        requireBeside(build, {
            specifier: /^\.\/mutations$/,
            source: MUTATIONS_ENTRY,
            file: MUTATIONS_FILE,
        });
        build.onLoad({ filter: /.*/ }, (args) =>
            MUTATION_MODULES.has(args.path)
                ? {
                      errors: [
                          {
                              text: `${keyOf(args.path)} is in ${MUTATIONS_FILE}; the bundle reaches it only through import('./mutations')`,
                          },
                      ],
                  }
                : undefined
        );
    },
};

/**
 * The bundle's entry: src/handlers.ts, and the modules mutations.js takes from
 * it, as namespaces under their keys.
 */
export function entryWithSharedModules(shared: ReadonlySet<string>): string {
    const keys = [...shared].sort();
    const lines = [`export * from './src/handlers';`];
    const entries: string[] = [];
    keys.forEach((key, index) => {
        const core = SDK_CORE_NAMES[key];
        if (core) {
            lines.push(
                `import { ${core.map((name) => `${name} as shared${index}_${name}`).join(', ')} } from ${JSON.stringify(key)};`
            );
            entries.push(
                `${JSON.stringify(key)}: { ${core.map((name) => `${name}: shared${index}_${name}`).join(', ')} }`
            );
        } else if (key.startsWith('node_modules/')) {
            lines.push(
                `import * as shared${index} from ${JSON.stringify(`./${key}`)};`
            );
            entries.push(`${JSON.stringify(key)}: shared${index}`);
        } else if (key === CONNECT_SDK) {
            lines.push(
                `import { ${MUTATION_SDK_IMPORTS.join(', ')} } from ${JSON.stringify(CONNECT_SDK)};`
            );
            entries.push(
                `${JSON.stringify(key)}: { ${MUTATION_SDK_IMPORTS.join(', ')} }`
            );
        } else {
            const from = key === LIBRARY ? key : `./${key.replace(/\.ts$/, '')}`;
            lines.push(`import * as shared${index} from ${JSON.stringify(from)};`);
            entries.push(`${JSON.stringify(key)}: shared${index}`);
        }
    });
    lines.push(
        `export const ${SHARED_EXPORT} = {\n    ${entries.join(',\n    ')},\n};`
    );
    return lines.join('\n') + '\n';
}

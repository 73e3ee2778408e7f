/**
 * Bundles the resource provider into one CommonJS file for the Lambda runtime.
 * The entrypoints `dist/handlers.entrypoint` and `dist/handlers.testEntrypoint`
 * name this file. Beside it (each with its .map): dist/mutations.js, what only
 * CREATE and UPDATE run (src/mutations.ts), required at the first of them;
 * dist/aws-sdk-v2.js, the SDK v3 clients behind the aws-sdk v2 shims, required
 * when the library first sends a metrics or log request; dist/schema-validator.js,
 * the schema's validator, required at the first validation. The function needs
 * no node_modules.
 *
 * Cold start is mostly V8 reading, compiling and initialising the bundle, so what
 * a READ does not run is kept out of it, each by a plugin in a file of its own
 * named as the plugin is: the mutations, the metrics and log clients and the
 * schema's validator (precompiled instead of Ajv) go in files of their own,
 * loaded on first use; the SDK's schemas of operations never sent are dropped;
 * the default credential chain, event streams and a replaceAll polyfill get
 * small stand-ins.
 *
 * Built for another type name than the schema's (a private type, such as
 * `Acme::Connect::User`), the function is the same code with the models and the
 * schema as they read under that name: its messages, its metrics namespace and
 * its validator's schema say that name, and it refuses requests for any other.
 *
 * Read by cli.ts (`npm run build`), by the benchmark, which builds its floor
 * with it, and by the bundle's tests.
 */
import { build as esbuild, type BuildOptions, type Metafile } from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkTypeName, DEFAULT_TYPE_NAME, schemaTextUnder } from '../type-name';
import { awsSdkV2Shim } from './aws-sdk-v2-shim';
import { builtinImportsRequired } from './builtin-imports-required';
import { MUTATIONS_ENTRY, MUTATIONS_FILE } from './mutations';
import {
    commandsApart,
    entryWithSharedModules,
    mutationsApart,
} from './mutations-apart';
import { BUNDLE_PATH, ENTRY, ROOT, VALIDATE } from './paths';
import {
    precompiledAjv,
    SCHEMA_VALIDATOR_FILE,
    schemaValidatorSource,
} from './precompiled-ajv';
import { schemaKeysInlined } from './schema-keys-inlined';
import { sharedFromBundle } from './shared-from-bundle';
import { standIns } from './stand-ins';
import { typeNamed } from './type-named';
import { V3_SERVICES, V3_SERVICES_FILE, v3ServicesApart } from './v3-services-apart';

export { BUNDLE_PATH, ENTRY, ROOT };

/** One output file, with its size and what went into it. */
export interface Output {
    path: string;
    bytes: number;
    metafile: Metafile;
}

export interface BuildResult {
    /** The bundle's path. */
    bundle: string;
    bytes: number;
    metafile: Metafile;
    /** What only CREATE and UPDATE run, beside it; none for another entry (the floor). */
    mutations?: Output;
    /** The v3 clients' bundle beside it. */
    v3Services: Output;
    /** The schema's precompiled validator beside it. */
    schemaValidator: Output;
}

/** A written output file, its size read from the disk. */
export const outputOf = (file: string, metafile: Metafile): Output => ({
    path: file,
    bytes: statSync(file).size,
    metafile,
});

/** The esbuild options all the outputs share. */
export const COMMON = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The library names error codes after exception classes.
    keepNames: true,
    minify: true,
    // The SDK v3 packages' ES modules let unused commands and schemas go.
    mainFields: ['module', 'main'],
    sourcemap: 'linked',
    // Stack traces need only the mappings; the sources ship in src/.
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // The compiler options that change the output, given here rather than found
    // per file in tsconfig.json: that search made the output vary between builds.
    tsconfigRaw: {
        compilerOptions: {
            experimentalDecorators: true,
            useDefineForClassFields: false,
            alwaysStrict: true,
        },
    },
} satisfies BuildOptions;

/** Bundles the schema's precompiled validator (and Ajv's runtime helpers) alone. */
export async function buildSchemaValidator(
    outfile: string,
    schemaText?: string
): Promise<Output> {
    const result = await esbuild({
        ...COMMON,
        stdin: {
            contents: schemaValidatorSource(schemaText),
            resolveDir: ROOT,
            loader: 'js',
        },
        outfile,
    });
    return outputOf(outfile, result.metafile);
}

export interface BundleOptions {
    /** The resource type the function serves; the schema's `typeName` by default. */
    typeName?: string;
}

/**
 * Bundles src/handlers.ts (or another entry, such as the benchmark's floor) into
 * `<root>/dist/handlers.js`, and beside it the mutations (`mutations.js`, for
 * src/handlers.ts only), the shims' v3 clients (`aws-sdk-v2.js`) and the
 * schema's validator (`schema-validator.js`), each with its source map.
 */
export async function buildBundle(
    root: string,
    entry = ENTRY,
    options: BundleOptions = {}
): Promise<BuildResult> {
    const typeName = checkTypeName(options.typeName ?? DEFAULT_TYPE_NAME);
    const schemaText = schemaTextUnder(typeName);
    const bundle = path.join(root, BUNDLE_PATH);
    const beside = (name: string) => path.join(path.dirname(bundle), name);
    mkdirSync(path.dirname(bundle), { recursive: true });
    const named = typeName === DEFAULT_TYPE_NAME ? [] : [typeNamed(typeName)];
    const mainPlugins = [
        awsSdkV2Shim,
        v3ServicesApart,
        standIns,
        schemaKeysInlined,
        builtinImportsRequired,
    ];
    // The provider's bundle leaves its mutations to a file of their own, built
    // first so that the bundle knows which of its modules to share with it.
    const provider = entry === ENTRY;
    const mainBuild = async (): Promise<{ main: Metafile; mutations?: Output }> => {
        if (!provider) {
            const result = await esbuild({
                ...COMMON,
                entryPoints: [entry],
                outfile: bundle,
                plugins: [...named, ...mainPlugins],
            });
            return { main: result.metafile };
        }
        const shared = new Set<string>();
        const mutationsFile = beside(MUTATIONS_FILE);
        const mutations = await esbuild({
            ...COMMON,
            entryPoints: [MUTATIONS_ENTRY],
            outfile: mutationsFile,
            plugins: [
                precompiledAjv(VALIDATE, schemaText),
                ...named,
                sharedFromBundle(shared),
                schemaKeysInlined,
            ],
        });
        const result = await esbuild({
            ...COMMON,
            stdin: {
                contents: entryWithSharedModules(shared),
                resolveDir: ROOT,
                sourcefile: 'bundle-entry.ts',
                loader: 'ts',
            },
            outfile: bundle,
            plugins: [mutationsApart, ...named, ...mainPlugins],
        });
        commandsApart(result.metafile);
        return {
            main: result.metafile,
            mutations: outputOf(mutationsFile, mutations.metafile),
        };
    };
    const [main, services, schemaValidator] = await Promise.all([
        mainBuild(),
        esbuild({
            ...COMMON,
            entryPoints: [V3_SERVICES],
            outfile: beside(V3_SERVICES_FILE),
            plugins: [schemaKeysInlined],
        }),
        buildSchemaValidator(beside(SCHEMA_VALIDATOR_FILE), schemaText),
    ]);
    return {
        bundle,
        bytes: statSync(bundle).size,
        metafile: main.main,
        mutations: main.mutations,
        v3Services: outputOf(beside(V3_SERVICES_FILE), services.metafile),
        schemaValidator,
    };
}

/** The bytes each package contributes to the bundle, largest first. */
export function sizeByPackage(metafile: Metafile): Array<[string, number]> {
    const sizes = new Map<string, number>();
    for (const output of Object.values(metafile.outputs)) {
        for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
            const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
            const name = match ? match[1] : input.split('/')[0];
            sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
        }
    }
    return [...sizes.entries()].sort((a, b) => b[1] - a[1]);
}

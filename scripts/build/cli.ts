/**
 * Bundles the resource provider into one CommonJS file for the Lambda runtime.
 *
 *   tsx scripts/build/cli.ts                      -> dist/handlers.js (+ .map, + the
 *                                                two files below)
 *   tsx scripts/build/cli.ts --function NAME      -> build/NAME/dist/handlers.js, the
 *                                                layout `cfn submit` zips
 *   tsx scripts/build/cli.ts --out DIR            -> DIR/dist/handlers.js (sam build)
 *   tsx scripts/build/cli.ts --project DIR ...    -> the function of the cfn project
 *                                                tree DIR (its .rpdk-config names
 *                                                the type); --function NAME then
 *                                                writes DIR/build/NAME
 *
 * The entrypoints `dist/handlers.entrypoint` and `dist/handlers.testEntrypoint`
 * name this file. Beside it (each with its .map): dist/mutations.js, what only
 * CREATE and UPDATE run (src/mutations.ts), required at the first of them;
 * dist/aws-sdk-v2.js, the SDK v3 clients behind the aws-sdk v2 shims, required
 * when the library first sends a metrics or log request; dist/schema-validator.js,
 * the schema's validator, required at the first validation. The function needs
 * no node_modules.
 *
 * Cold start is mostly V8 reading, compiling and initialising the bundle, so what
 * a READ does not run is kept out of it: the mutations, the metrics and log
 * clients and the schema's validator (precompiled instead of Ajv) go in files of
 * their own, loaded on first use; the SDK's schemas of operations never sent are
 * dropped; the default credential chain, event streams and a replaceAll polyfill
 * get small stand-ins.
 *
 * Built for another type name than the schema's (a private type, such as
 * `Acme::Connect::User`), the function is the same code with the models and the
 * schema as they read under that name: its messages, its metrics namespace and
 * its validator's schema say that name, and it refuses requests for any other.
 */
import {
    build as esbuild,
    type BuildOptions,
    type Metafile,
    type Plugin,
    type PluginBuild,
} from 'esbuild';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import {
    checkTypeName,
    DEFAULT_TYPE_NAME,
    renamedModelsSource,
    schemaFileName,
    schemaTextUnder,
} from '../type-name';

export const ROOT = path.resolve(__dirname, '..', '..');
export const ENTRY = path.join(ROOT, 'src', 'handlers.ts');
/** Where the bundle sits inside a function's root, as the entrypoint names it. */
export const BUNDLE_PATH = path.join('dist', 'handlers.js');
/** The shims' v3 clients, beside the bundle, which requires it by this name. */
export const V3_SERVICES_FILE = 'aws-sdk-v2.js';

const SHIMS = path.join(ROOT, 'scripts', 'build', 'shims', 'aws-sdk-v2');
const SCHEMA = path.join(ROOT, 'aws-connect-user.json');
const VALIDATE = path.join(ROOT, 'src', 'validate.ts');
const MODELS = path.join(ROOT, 'src', 'models.ts');

/**
 * The library requires aws-sdk v2 at load time, but only for its metrics
 * (CloudWatch) and log publishing (CloudWatch Logs, S3). These modules serve that
 * surface with the SDK v3; v2 itself is never bundled.
 */
export const AWS_SDK_V2_SHIMS: Record<string, string> = {
    'aws-sdk/clients/all': path.join(SHIMS, 'all.ts'),
    'aws-sdk/clients/cloudwatch': path.join(SHIMS, 'cloudwatch.ts'),
    'aws-sdk/clients/cloudwatchlogs': path.join(SHIMS, 'cloudwatchlogs.ts'),
    'aws-sdk/clients/s3': path.join(SHIMS, 's3.ts'),
};

/** Resolves the library's aws-sdk v2 imports to the shims; refuses any other. */
export const awsSdkV2Shim: Plugin = {
    name: 'aws-sdk-v2-shim',
    setup(build) {
        build.onResolve({ filter: /^aws-sdk(\/|$)/ }, (args) => {
            const shim = AWS_SDK_V2_SHIMS[args.path.replace(/\.js$/, '')];
            if (shim) {
                return { path: shim };
            }
            return {
                errors: [
                    {
                        text: `${args.path} (required by ${args.importer}) has no v3 shim; add one to scripts/build/shims/aws-sdk-v2`,
                    },
                ],
            };
        });
    },
};

const V3_SERVICES = path.join(SHIMS, 'v3-services.ts');

/**
 * Leaves the shims' v3 clients (S3, CloudWatch, CloudWatch Logs: a third of the
 * code) out of the bundle: their `import('./v3-services')` becomes a require of
 * the separate bundle beside it, run at the first metrics or log request.
 */
export const v3ServicesApart: Plugin = {
    name: 'v3-services-apart',
    setup(build) {
        requireBeside(build, {
            specifier: /^\.\/v3-services$/,
            source: V3_SERVICES,
            file: V3_SERVICES_FILE,
        });
    },
};

/**
 * Serves a module as a require of the file beside the bundle that holds it:
 * `import('./x')` (or `require`) of the module whose source is `source`, from
 * any importer, becomes `require('./file')` at run time, and the module itself
 * is never bundled.
 */
function requireBeside(
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

/** The entry of the mutations' file, which src/handlers.ts and src/event.ts import lazily. */
export const MUTATIONS_ENTRY = path.join(ROOT, 'src', 'mutations.ts');
/** The mutations' file, beside the bundle, which requires it by this name. */
export const MUTATIONS_FILE = 'mutations.js';

/**
 * The modules only CREATE and UPDATE reach: they go in mutations.js, and the
 * build fails if the bundle itself reaches one. Every other module of this
 * type's that they import is the bundle's own, shared with them at run time.
 */
export const MUTATION_MODULES: ReadonlySet<string> = new Set(
    [
        'src/mutations.ts',
        'src/validate.ts',
        'src/reconcile.ts',
        'src/actions/create.ts',
        'src/actions/update.ts',
        'src/proficiencies.ts',
        'src/parallel.ts',
        'src/send.ts',
        'aws-connect-user.json',
    ].map((file) => path.join(ROOT, file))
);

const LIBRARY = '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
const CONNECT_SDK = '@aws-sdk/client-connect';

/**
 * The SDK's Connect names the mutation modules take from the bundle, which
 * carries the SDK (the rest of their SDK imports are types). A name neither
 * here nor in MUTATION_COMMANDS fails the mutations' build with "No matching
 * export".
 */
export const MUTATION_SDK_IMPORTS = ['DescribeUserCommand'] as const;

/**
 * The commands only CREATE and UPDATE send: mutations.js carries them, with
 * their schemas, so that a cold READ neither compiles nor builds them. They are
 * made of the SDK's own command builder and schema module, bundled there too,
 * over the SDK core the bundle carries (SDK_CORE_NAMES) and the bundle's error
 * classes. Their schemas register Connect's errors again, which changes
 * nothing: the SDK's type registry keeps the first registration of a name,
 * the bundle's.
 */
export const MUTATION_COMMANDS = [
    'CreateUserCommand',
    'SearchUsersCommand',
    'UpdateUserRoutingProfileCommand',
    'UpdateUserSecurityProfilesCommand',
    'UpdateUserHierarchyCommand',
    'UpdateUserIdentityInfoCommand',
    'UpdateUserConfigCommand',
    'DisassociateUserProficienciesCommand',
    'UpdateUserProficienciesCommand',
    'AssociateUserProficienciesCommand',
    'UntagResourceCommand',
    'TagResourceCommand',
] as const;

const CONNECT_DIST = path.join(
    ROOT,
    'node_modules',
    '@aws-sdk',
    'client-connect',
    'dist-es'
);

/** A file's path in the SDK's Connect ES modules, with forward slashes. */
const inConnectDist = (file: string): string =>
    path.relative(CONNECT_DIST, file).split(path.sep).join('/');

/** The SDK files mutations.js bundles for MUTATION_COMMANDS. */
const isMutationCommandSource = (file: string): boolean => {
    const relative = inConnectDist(file);
    return (
        /^commands\/\w+Command\.js$/.test(relative) ||
        [
            'commandBuilder.js',
            'endpoint/EndpointParameters.js',
            'schemas/schemas_0.js',
        ].includes(relative)
    );
};

/**
 * Fails the build when the bundle carries one of MUTATION_COMMANDS (esbuild
 * loads every command the SDK's index names, so only its output tells).
 */
function commandsApart(metafile: Metafile): void {
    for (const output of Object.values(metafile.outputs)) {
        for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
            const name = /\/commands\/(\w+)\.js$/.exec(input)?.[1];
            if (
                bytesInOutput > 0 &&
                MUTATION_COMMANDS.some((command) => command === name)
            ) {
                throw new Error(
                    `${input} is in ${MUTATIONS_FILE}, which carries the commands only CREATE and UPDATE send; the bundle has it too (scripts/build/cli.ts, MUTATION_COMMANDS)`
                );
            }
        }
    }
}

/** The SDK files whose classes mutations.js takes from the bundle, whole. */
const CONNECT_SHARED_SOURCES = [
    'models/errors.js',
    'models/ConnectServiceException.js',
];

/**
 * The names of the SDK core that the commands' builder and schemas import,
 * by specifier, taken from the bundle. A name missing here fails the
 * mutations' build with "No matching export".
 */
export const SDK_CORE_NAMES: Readonly<Record<string, readonly string[]>> = {
    '@smithy/core/client': ['makeBuilder', 'ServiceException'],
    '@smithy/core/endpoints': ['getEndpointPlugin'],
    '@smithy/core/schema': ['TypeRegistry'],
};

/** What the bundle exports for mutations.js: each shared module by its key. */
const SHARED_EXPORT = 'modulesSharedWithMutations';

/** A module's key in the bundle's shared modules: its path in the project, or its package. */
const keyOf = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

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
                                text: `${args.path} (imported by ${keyOf(args.importer)}) would be a second copy in ${MUTATIONS_FILE}: take it from the bundle (scripts/build/cli.ts, sharedFromBundle)`,
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

const shim = (name: string) => path.join(ROOT, 'scripts', 'build', 'shims', name);

/**
 * Packages the bundle has no use for, and what serves their callers instead: the
 * SDK's default credential chain (the Connect client is always given the
 * request's credentials), event streams (Connect has none) and a replaceAll
 * polyfill (Node has had it since 15).
 */
export const STAND_INS: Record<string, string> = {
    '@aws-sdk/credential-provider-node': shim('explicit-credentials-only.ts'),
    '@smithy/core/event-streams': shim('no-event-streams.ts'),
    'string.prototype.replaceall': shim('string-replaceall.ts'),
};

/** The options src/validate.ts gives Ajv; the precompiled validator is built with them. */
export const AJV_OPTIONS = { allErrors: true, strict: false, unicodeRegExp: true };

/** FNV-1a of a string, to recognise the schema without carrying a second copy. */
export function fingerprint(text: string): number {
    let hash = 0x811c9dc5;
    for (let index = 0; index < text.length; index += 1) {
        hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
    }
    return hash;
}

/** The schema's precompiled validator, beside the bundle, which requires it by this name. */
export const SCHEMA_VALIDATOR_FILE = 'schema-validator.js';

/** Ajv's standalone code for the resource schema: a CommonJS module of the validator. */
export function schemaValidatorSource(
    schemaText = readFileSync(SCHEMA, 'utf8')
): string {
    const schema = JSON.parse(schemaText) as object;
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
    return standaloneCode(ajv, ajv.compile(schema));
}

/**
 * Replaces Ajv, for src/validate.ts only, with the resource schema's validator
 * compiled at build time (Ajv's standalone code, in its own file beside the
 * bundle, required at the first validation): the bundle carries neither Ajv nor
 * its URI parser, a READ parses no validator, and the first CREATE or UPDATE
 * compiles nothing. The stand-in's `compile` answers only for that schema, and
 * its constructor only for the options the validator was built with; anything
 * else throws.
 */
export function precompiledAjv(
    importer = VALIDATE,
    schemaText = readFileSync(SCHEMA, 'utf8')
): Plugin {
    return {
        name: 'precompiled-ajv',
        setup(build) {
            build.onResolve({ filter: /^ajv$/ }, (args) =>
                args.importer === importer
                    ? { path: 'ajv', namespace: 'precompiled-ajv' }
                    : undefined
            );
            build.onResolve({ filter: /.*/, namespace: 'precompiled-ajv' }, (args) => ({
                path: args.path,
                external: true,
            }));
            build.onLoad({ filter: /^ajv$/, namespace: 'precompiled-ajv' }, () => {
                const schema = JSON.parse(schemaText) as unknown;
                const options = JSON.stringify(AJV_OPTIONS);
                return {
                    contents: `
                    const sorted = (value) => JSON.stringify(
                        Object.fromEntries(Object.entries(value ?? {}).sort())
                    );
                    ${fingerprint.toString()}
                    export default class Ajv {
                        constructor(options) {
                            if (sorted(options) !== sorted(${options})) {
                                throw new Error('The bundle validates with Ajv options ' +
                                    ${JSON.stringify(options)} + ', not ' +
                                    JSON.stringify(options) + ': update AJV_OPTIONS in scripts/build/cli.ts');
                            }
                        }
                        compile(schema) {
                            if (fingerprint(JSON.stringify(schema)) !== ${fingerprint(JSON.stringify(schema))}) {
                                throw new Error('The bundle has a precompiled validator for ' +
                                    'aws-connect-user.json only');
                            }
                            return require('./${SCHEMA_VALIDATOR_FILE}');
                        }
                    }
                `,
                    loader: 'js',
                    watchFiles: [SCHEMA],
                };
            });
        },
    };
}

const exactly = (file: string): RegExp =>
    new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Serves the generated models and the schema that src/validate.ts imports as
 * they read under another type name, so that the function answers for that name
 * (src/type-name.ts takes it from the models) and no file of it names the
 * schema's own.
 */
export function typeNamed(typeName: string): Plugin {
    return {
        name: 'type-named',
        setup(build) {
            build.onLoad({ filter: exactly(MODELS) }, () => ({
                contents: renamedModelsSource(
                    readFileSync(MODELS, 'utf8'),
                    DEFAULT_TYPE_NAME,
                    typeName
                ),
                loader: 'ts',
            }));
            build.onLoad({ filter: exactly(SCHEMA) }, () => ({
                contents: schemaTextUnder(typeName),
                loader: 'json',
            }));
        },
    };
}

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

/** Serves the packages in STAND_INS from their stand-ins. */
export const standIns: Plugin = {
    name: 'stand-ins',
    setup(build) {
        build.onResolve({ filter: /^[@a-z]/ }, (args) =>
            STAND_INS[args.path] ? { path: STAND_INS[args.path] } : undefined
        );
    },
};

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
const outputOf = (file: string, metafile: Metafile): Output => ({
    path: file,
    bytes: statSync(file).size,
    metafile,
});

/** The esbuild options all the outputs share. */
const COMMON = {
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

/**
 * The type a cfn project tree is built for: the `typeName` of its .rpdk-config,
 * whose schema file must be this schema under that name, so that a tree left
 * behind by a change to the schema is never built and registered.
 */
export function projectTypeName(project: string): string {
    const settings = JSON.parse(
        readFileSync(path.join(project, '.rpdk-config'), 'utf8')
    ) as { typeName?: unknown };
    if (typeof settings.typeName !== 'string') {
        throw new Error(`${path.join(project, '.rpdk-config')} names no typeName`);
    }
    const typeName = checkTypeName(settings.typeName);
    const file = path.join(project, schemaFileName(typeName));
    if (!existsSync(file) || readFileSync(file, 'utf8') !== schemaTextUnder(typeName)) {
        throw new Error(
            `${file} is not aws-connect-user.json under the name ${typeName}: ` +
                `write the project again (npm run generate -- --type-name ${typeName} [--out DIR])`
        );
    }
    return typeName;
}

interface Options {
    root: string;
    /** A function directory under build/ that is cleared first. */
    clean: boolean;
    verbose: boolean;
    typeName?: string;
}

function parseArguments(args: string[]): Options {
    let project: string | undefined;
    let functionName: string | undefined;
    let out: string | undefined;
    let verbose = false;
    for (let index = 0; index < args.length; index += 1) {
        const argument = args[index];
        const value = args[index + 1];
        if (argument === '--function' && value) {
            if (!/^[A-Za-z0-9]+$/.test(value)) {
                throw new Error(`Not a function's logical ID: ${value}`);
            }
            functionName = value;
            index += 1;
        } else if (argument === '--out' && value) {
            out = path.resolve(value);
            index += 1;
        } else if (argument === '--project' && value) {
            project = path.resolve(value);
            index += 1;
        } else if (argument === '--verbose') {
            verbose = true;
        } else {
            throw new Error(
                `Unknown argument ${argument}; use --function NAME, --out DIR, --project DIR or --verbose`
            );
        }
    }
    const base = project ?? ROOT;
    const typeName = project === undefined ? undefined : projectTypeName(project);
    if (functionName !== undefined) {
        if (out !== undefined) {
            throw new Error('Give --function NAME or --out DIR, not both');
        }
        return {
            root: path.join(base, 'build', functionName),
            clean: true,
            verbose,
            typeName,
        };
    }
    return { root: out ?? base, clean: false, verbose, typeName };
}

async function main(): Promise<void> {
    const options = parseArguments(process.argv.slice(2));
    if (options.clean) {
        rmSync(options.root, { recursive: true, force: true });
    }
    const { bundle, bytes, metafile } = await buildBundle(options.root, ENTRY, {
        typeName: options.typeName,
    });
    const relative = path.relative(process.cwd(), bundle) || bundle;
    const serves = options.typeName ? ` for ${options.typeName}` : '';
    console.log(
        `${relative}${serves}: ${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB)`
    );
    if (options.verbose) {
        for (const [name, size] of sizeByPackage(metafile).slice(0, 20)) {
            console.log(`  ${String(size).padStart(9)}  ${name}`);
        }
    }
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    });
}

/**
 * Bundles the resource provider into one CommonJS file for the Lambda runtime.
 *
 *   tsx scripts/build.ts                      -> dist/handlers.js (+ .map, + the
 *                                                two files below)
 *   tsx scripts/build.ts --function NAME      -> build/NAME/dist/handlers.js, the
 *                                                layout `cfn submit` zips
 *   tsx scripts/build.ts --out DIR            -> DIR/dist/handlers.js (sam build)
 *
 * The entrypoints `dist/handlers.entrypoint` and `dist/handlers.testEntrypoint`
 * name this file. Beside it (each with its .map): dist/aws-sdk-v2.js, the SDK v3
 * clients behind the aws-sdk v2 shims, required when the library first sends a
 * metrics or log request; dist/schema-validator.js, the schema's validator,
 * required at the first validation. The function needs no node_modules.
 *
 * Cold start is mostly V8 compiling and initialising the bundle, so what a READ
 * does not run is kept out of it: the metrics and log clients and the schema's
 * validator (precompiled instead of Ajv) go in files of their own, loaded on first
 * use; the SDK's schemas of operations never sent are dropped; the default
 * credential chain, event streams and a replaceAll polyfill get small stand-ins.
 */
import {
    build as esbuild,
    type BuildOptions,
    type Metafile,
    type Plugin,
} from 'esbuild';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const ENTRY = path.join(ROOT, 'src', 'handlers.ts');
/** Where the bundle sits inside a function's root, as the entrypoint names it. */
export const BUNDLE_PATH = path.join('dist', 'handlers.js');
/** The shims' v3 clients, beside the bundle, which requires it by this name. */
export const V3_SERVICES_FILE = 'aws-sdk-v2.js';

const SHIMS = path.join(ROOT, 'scripts', 'shims', 'aws-sdk-v2');
const SCHEMA = path.join(ROOT, 'aws-connect-user.json');
const VALIDATE = path.join(ROOT, 'src', 'validate.ts');

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
                        text: `${args.path} (required by ${args.importer}) has no v3 shim; add one to scripts/shims/aws-sdk-v2`,
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
        build.onResolve({ filter: /^\.\/v3-services$/ }, (args) =>
            path.dirname(args.importer) === SHIMS
                ? { path: V3_SERVICES, namespace: 'v3-services-apart' }
                : undefined
        );
        build.onLoad({ filter: /.*/, namespace: 'v3-services-apart' }, () => ({
            contents: `module.exports = require('./${V3_SERVICES_FILE}');`,
            loader: 'js',
        }));
        build.onResolve({ filter: /.*/, namespace: 'v3-services-apart' }, (args) => ({
            path: args.path,
            external: true,
        }));
    },
};

const shim = (name: string) => path.join(ROOT, 'scripts', 'shims', name);

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
export function schemaValidatorSource(): string {
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as object;
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
export function precompiledAjv(importer = VALIDATE): Plugin {
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
                const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as unknown;
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
                                    JSON.stringify(options) + ': update AJV_OPTIONS in scripts/build.ts');
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
    /** The v3 clients' bundle beside it. */
    v3Services: Output;
    /** The schema's precompiled validator beside it. */
    schemaValidator: Output;
}

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
export async function buildSchemaValidator(outfile: string): Promise<Output> {
    const result = await esbuild({
        ...COMMON,
        stdin: { contents: schemaValidatorSource(), resolveDir: ROOT, loader: 'js' },
        outfile,
    });
    return { path: outfile, bytes: statSync(outfile).size, metafile: result.metafile };
}

/**
 * Bundles src/handlers.ts (or another entry, such as the benchmark's floor) into
 * `<root>/dist/handlers.js`, and beside it the shims' v3 clients (`aws-sdk-v2.js`)
 * and the schema's validator (`schema-validator.js`), each with its source map.
 */
export async function buildBundle(root: string, entry = ENTRY): Promise<BuildResult> {
    const bundle = path.join(root, BUNDLE_PATH);
    const beside = (name: string) => path.join(path.dirname(bundle), name);
    mkdirSync(path.dirname(bundle), { recursive: true });
    const [main, services, schemaValidator] = await Promise.all([
        esbuild({
            ...COMMON,
            entryPoints: [entry],
            outfile: bundle,
            plugins: [
                awsSdkV2Shim,
                v3ServicesApart,
                precompiledAjv(),
                standIns,
                schemaKeysInlined,
                builtinImportsRequired,
            ],
        }),
        esbuild({
            ...COMMON,
            entryPoints: [V3_SERVICES],
            outfile: beside(V3_SERVICES_FILE),
            plugins: [schemaKeysInlined],
        }),
        buildSchemaValidator(beside(SCHEMA_VALIDATOR_FILE)),
    ]);
    return {
        bundle,
        bytes: statSync(bundle).size,
        metafile: main.metafile,
        v3Services: {
            path: beside(V3_SERVICES_FILE),
            bytes: statSync(beside(V3_SERVICES_FILE)).size,
            metafile: services.metafile,
        },
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

interface Options {
    root: string;
    /** A function directory under build/ that is cleared first. */
    clean: boolean;
    verbose: boolean;
}

function parseArguments(args: string[]): Options {
    let root = ROOT;
    let clean = false;
    let verbose = false;
    for (let index = 0; index < args.length; index += 1) {
        const argument = args[index];
        const value = args[index + 1];
        if (argument === '--function' && value) {
            if (!/^[A-Za-z0-9]+$/.test(value)) {
                throw new Error(`Not a function's logical ID: ${value}`);
            }
            root = path.join(ROOT, 'build', value);
            clean = true;
            index += 1;
        } else if (argument === '--out' && value) {
            root = path.resolve(value);
            index += 1;
        } else if (argument === '--verbose') {
            verbose = true;
        } else {
            throw new Error(
                `Unknown argument ${argument}; use --function NAME, --out DIR or --verbose`
            );
        }
    }
    return { root, clean, verbose };
}

async function main(): Promise<void> {
    const options = parseArguments(process.argv.slice(2));
    if (options.clean) {
        rmSync(options.root, { recursive: true, force: true });
    }
    const { bundle, bytes, metafile } = await buildBundle(options.root);
    const relative = path.relative(process.cwd(), bundle) || bundle;
    console.log(`${relative}: ${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB)`);
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

/**
 * Bundles the resource provider into one CommonJS file for the Lambda runtime.
 *
 *   tsx scripts/build.ts                      -> dist/handlers.js (+ .map)
 *   tsx scripts/build.ts --function NAME      -> build/NAME/dist/handlers.js, the
 *                                                layout `cfn submit` zips
 *   tsx scripts/build.ts --out DIR            -> DIR/dist/handlers.js (sam build)
 *
 * The entrypoints `dist/handlers.entrypoint` and `dist/handlers.testEntrypoint`
 * name this file. Nothing is left external: the function needs no node_modules.
 */
import { build as esbuild, type Metafile, type Plugin } from 'esbuild';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const ENTRY = path.join(ROOT, 'src', 'handlers.ts');
/** Where the bundle sits inside a function's root, as the entrypoint names it. */
export const BUNDLE_PATH = path.join('dist', 'handlers.js');

const SHIMS = path.join(ROOT, 'scripts', 'shims', 'aws-sdk-v2');

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

export interface BuildResult {
    /** The bundle's path. */
    bundle: string;
    bytes: number;
    metafile: Metafile;
}

/** Bundles src/handlers.ts into `<root>/dist/handlers.js` with its source map. */
export async function buildBundle(root: string): Promise<BuildResult> {
    const bundle = path.join(root, BUNDLE_PATH);
    mkdirSync(path.dirname(bundle), { recursive: true });
    const result = await esbuild({
        absWorkingDir: ROOT,
        entryPoints: [ENTRY],
        outfile: bundle,
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
        plugins: [awsSdkV2Shim],
    });
    return { bundle, bytes: statSync(bundle).size, metafile: result.metafile };
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

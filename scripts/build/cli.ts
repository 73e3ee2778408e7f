/**
 * `npm run build`: bundles the resource provider (bundle.ts) where a function's
 * root is wanted.
 *
 *   tsx scripts/build/cli.ts                  -> dist/handlers.js (+ .map, + the
 *                                                three files beside it)
 *   tsx scripts/build/cli.ts --function NAME  -> build/NAME/dist/handlers.js, the
 *                                                layout `cfn submit` zips
 *   tsx scripts/build/cli.ts --out DIR        -> DIR/dist/handlers.js (sam build)
 *   tsx scripts/build/cli.ts --project DIR    -> the function of the cfn project
 *                                                tree DIR (its .rpdk-config names
 *                                                the type); --function NAME then
 *                                                writes DIR/build/NAME
 *
 * Its readers: the Makefile (`sam build`), the .rpdk-config buildCommand (`cfn
 * submit`, `npm run package`) and the buildCommand of a renamed type's project
 * tree (scripts/generate/type-project.ts).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseOrExplain, runMain } from '../../local/cli';
import { checkTypeName, schemaFileName, schemaTextUnder } from '../type-name';
import { buildBundle, ENTRY, ROOT, sizeByPackage } from './bundle';

export const BUILD_USAGE = `Usage: npm run build [-- options]

Bundles the resource provider into dist/handlers.js, with mutations.js,
aws-sdk-v2.js and schema-validator.js beside it, each with its source map.

  --function NAME   write build/NAME/dist/handlers.js, the layout cfn submit zips
                    (npm run build:function -- NAME)
  --out DIR         write DIR/dist/handlers.js (sam build)
  --project DIR     the function of the cfn project tree DIR, for the type its
                    .rpdk-config names; with --function NAME, in DIR/build/NAME
  --verbose         the bytes each package adds to the bundle
  -h, --help        this text`;

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
    /** The cfn project tree whose type the function is built for. */
    project?: string;
}

/** Parses the command line; throws an Error with a message for the user. */
export function parseBuildArgs(args: string[]): Options | { help: true } {
    if (args.includes('--help') || args.includes('-h')) {
        return { help: true };
    }
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
            throw new Error(`Unknown argument ${argument}`);
        }
    }
    const base = project ?? ROOT;
    if (functionName !== undefined) {
        if (out !== undefined) {
            throw new Error('Give --function NAME or --out DIR, not both');
        }
        return {
            root: path.join(base, 'build', functionName),
            clean: true,
            verbose,
            project,
        };
    }
    return { root: out ?? base, clean: false, verbose, project };
}

async function main(argv: string[]): Promise<number> {
    const options = parseOrExplain(argv, parseBuildArgs, BUILD_USAGE);
    if (typeof options === 'number') {
        return options;
    }
    const typeName =
        options.project === undefined ? undefined : projectTypeName(options.project);
    if (options.clean) {
        rmSync(options.root, { recursive: true, force: true });
    }
    const { bundle, bytes, metafile } = await buildBundle(options.root, ENTRY, {
        typeName,
    });
    const relative = path.relative(process.cwd(), bundle) || bundle;
    const serves = typeName ? ` for ${typeName}` : '';
    console.log(
        `${relative}${serves}: ${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB)`
    );
    if (options.verbose) {
        for (const [name, size] of sizeByPackage(metafile).slice(0, 20)) {
            console.log(`  ${String(size).padStart(9)}  ${name}`);
        }
    }
    return 0;
}

if (require.main === module) {
    runMain(main);
}

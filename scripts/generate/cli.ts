/**
 * Generates code and documentation from the resource schema, the way `cfn generate`
 * does for a TypeScript resource type:
 *
 * - `src/models.ts`: the model classes the library casts each request's states
 *   into, which keep the wire form (src/wire-model.ts);
 * - `src/properties.ts`: plain interfaces of the wire (PascalCase) form;
 * - `resource-role.yaml`: the handler execution role with exactly the schema's
 *   permissions;
 * - `docs/README.md` and one `docs/<definition>.md` per nested object.
 *
 * Usage: `npm run generate` writes the files; `npm run generate -- --check` writes
 * nothing and exits 1 listing every file that differs from what would be written.
 * With `--type-name NAME [--out DIR]`, the same for the cfn project tree of the
 * provider under another name (scripts/generate/type-project.ts).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseOrExplain } from '../../local/cli';
import { DEFAULT_TYPE_NAME, SCHEMA_FILE } from '../type-name';
import { findDrift, generateFiles, loadSchema, ROOT } from './files';

export const GENERATE_USAGE = `Usage: npm run generate [-- options]

Writes src/models.ts, src/properties.ts, resource-role.yaml and docs/ from
${SCHEMA_FILE}, as cfn generate does for a TypeScript resource type.

  --check           write nothing; list every file that differs from what would
                    be written, and exit 1 if any does
  --type-name NAME  the cfn project tree of the provider under another name (a
                    private type, such as Acme::Connect::User), in build/ under
                    its file name (build/acme-connect-user/)
  --out DIR         with --type-name: write that tree to DIR instead
  -h, --help        this text`;

interface Arguments {
    check: boolean;
    typeName?: string;
    out?: string;
}

/** Parses the command line; throws an Error with a message for the user. */
export function parseGenerateArgs(argv: string[]): Arguments | { help: true } {
    if (argv.includes('--help') || argv.includes('-h')) {
        return { help: true };
    }
    const parsed: Arguments = { check: false };
    for (let index = 0; index < argv.length; index += 1) {
        const value = argv[index + 1];
        if (argv[index] === '--check') {
            parsed.check = true;
        } else if (argv[index] === '--type-name' && value) {
            parsed.typeName = value;
            index += 1;
        } else if (argv[index] === '--out' && value) {
            parsed.out = path.resolve(value);
            index += 1;
        } else {
            throw new Error(`Unknown argument ${argv[index]}`);
        }
    }
    if (parsed.out !== undefined && parsed.typeName === undefined) {
        throw new Error(
            '--out DIR writes the project of another type: give --type-name NAME'
        );
    }
    return parsed;
}

async function main(argv: string[]): Promise<number> {
    const options = parseOrExplain(argv, parseGenerateArgs, GENERATE_USAGE);
    if (typeof options === 'number') {
        return options;
    }
    const { check, typeName, out } = options;
    if (
        typeName !== undefined &&
        (typeName !== DEFAULT_TYPE_NAME || out !== undefined)
    ) {
        const { projectCommand } = await import('./type-project');
        return projectCommand(typeName, out, check);
    }
    const files = await generateFiles(await loadSchema());
    const { differing, stale } = await findDrift(files);
    if (check) {
        if (differing.length === 0 && stale.length === 0) {
            console.log(`Generated files are up to date with ${SCHEMA_FILE}.`);
            return 0;
        }
        console.error(
            `Generated files differ from ${SCHEMA_FILE}; run npm run generate:`
        );
        for (const file of differing) {
            console.error(`  ${file}`);
        }
        for (const file of stale) {
            console.error(`  ${file} (no longer generated)`);
        }
        return 1;
    }
    for (const file of differing) {
        await fs.mkdir(path.dirname(path.join(ROOT, file)), { recursive: true });
        await fs.writeFile(path.join(ROOT, file), files[file]);
        console.log(`wrote ${file}`);
    }
    for (const file of stale) {
        await fs.unlink(path.join(ROOT, file));
        console.log(`removed ${file}`);
    }
    if (differing.length === 0 && stale.length === 0) {
        console.log('Generated files are already up to date.');
    }
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exitCode = 1;
        }
    );
}

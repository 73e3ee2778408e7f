/**
 * Writes `<type-name>.zip` with the layout `cfn submit --dry-run` produces for a
 * TypeScript resource type, reproducibly (fixed times and modes, sorted entries):
 *
 *   .rpdk-config, schema.json, inputs/*, ResourceProvider.zip (build/TypeFunction),
 *   src/**, .cfn_metadata.json, and configuration-schema.json when the schema has
 *   a typeConfiguration, overrides.json when present.
 *
 *   tsx scripts/package/cli.ts [--type-name NAME] [--no-build] [--out FILE]
 *
 * It first runs the `.rpdk-config` buildCommand with ` TypeFunction` appended, as
 * cfn does. With `--type-name` (a private type, such as `Acme::Connect::User`), it
 * packages the cfn project tree of that name (scripts/generate/type-project.ts, written to
 * build/<type-name>/ first) as `cfn submit` there would, and writes
 * `<type-name>.zip` here.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
    existsSync,
    readdirSync,
    readFileSync,
    statSync,
    writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { parseOrExplain, runMain } from '../../local/cli';
import { DEFAULT_TYPE_NAME, hyphenatedName, schemaFileName } from '../type-name';

const ROOT = path.resolve(__dirname, '..', '..');
export const FUNCTION_NAME = 'TypeFunction';

/** The cloudformation-cli release whose `submit` layout this follows. */
export const CFN_CLI_VERSION = '0.2.39';

/** Every entry gets this time (in local time, so that the DOS fields never vary). */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

interface Settings {
    typeName: string;
    settings?: { buildCommand?: string };
}

interface Schema {
    typeConfiguration?: Record<string, unknown>;
    definitions?: Record<string, unknown>;
}

export interface PackageOptions {
    root?: string;
    /**
     * Package the project tree of this type name rather than the project at
     * `root` (the default name packages `root` itself).
     */
    typeName?: string;
    /** Where that tree is written; build/<type-name>/ of this clone by default. */
    project?: string;
    /** Run the buildCommand first (default true). */
    build?: boolean;
    /** The zip to write; default `<root>/<type-name>.zip`. */
    out?: string;
}

export interface PackageResult {
    path: string;
    /** The project tree packaged, when it is not the project at `root`. */
    project?: string;
    sha256: string;
    entries: string[];
}

/** Python's `json.dumps(value, indent=4)`: non-ASCII characters escaped. */
export function pythonJson(value: unknown, indent?: number): string {
    const text =
        indent === undefined
            ? JSON.stringify(value, null, 1)
                  .replace(/\n\s*/g, ' ')
                  .replace(/([[{]) /g, '$1')
                  .replace(/ ([\]}])/g, '$1')
            : JSON.stringify(value, null, indent);
    return text.replace(
        /[\u007f-\uffff]/g,
        (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
    );
}

/** The files under `dir`, recursively, as paths relative to `base` with `/`. */
function filesUnder(dir: string, base: string): string[] {
    if (!existsSync(dir)) {
        return [];
    }
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .map((name) => path.join(dir, name))
        .filter((file) => statSync(file).isFile())
        .map((file) => path.relative(base, file).split(path.sep).join('/'));
}

/** A zip of `files` (name -> contents), the same bytes for the same input. */
export function reproducibleZip(
    files: Map<string, Buffer>,
    compress: boolean
): Promise<Buffer> {
    const zip = new ZipFile();
    for (const name of [...files.keys()].sort()) {
        zip.addBuffer(files.get(name) as Buffer, name, {
            mtime: FIXED_MTIME,
            mode: FILE_MODE,
            compress,
            forceDosTimestamp: true,
        });
    }
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
        zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
        zip.outputStream.on('error', reject);
        zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
        zip.end();
    });
}

/** The entries of the submission package, read from the project at `root`. */
export async function packageEntries(root: string): Promise<Map<string, Buffer>> {
    const read = (name: string) => readFileSync(path.join(root, name));
    const settings = JSON.parse(read('.rpdk-config').toString('utf8')) as Settings;
    const schemaFile = schemaFileName(settings.typeName);
    const schema = JSON.parse(read(schemaFile).toString('utf8')) as Schema;
    const functionRoot = path.join(root, 'build', FUNCTION_NAME);
    const functionFiles = filesUnder(functionRoot, functionRoot);
    if (!functionFiles.includes('dist/handlers.js')) {
        throw new Error(
            `build/${FUNCTION_NAME}/dist/handlers.js is missing: build first`
        );
    }
    const inner = new Map(
        functionFiles.map((name) => [name, readFileSync(path.join(functionRoot, name))])
    );
    const entries = new Map<string, Buffer>([
        ['.rpdk-config', read('.rpdk-config')],
        ['schema.json', read(schemaFile)],
        ['ResourceProvider.zip', await reproducibleZip(inner, true)],
        // The TypeScript plugin has no plugin information; cfn adds its own version.
        [
            '.cfn_metadata.json',
            Buffer.from(pythonJson({ 'cli-version': CFN_CLI_VERSION })),
        ],
    ]);
    const inputs = path.join(root, 'inputs');
    if (existsSync(inputs)) {
        for (const name of readdirSync(inputs)) {
            if (statSync(path.join(inputs, name)).isFile()) {
                entries.set(`inputs/${name}`, read(path.join('inputs', name)));
            }
        }
    }
    for (const name of filesUnder(path.join(root, 'src'), root)) {
        entries.set(name, read(name));
    }
    if (schema.typeConfiguration) {
        const configuration = {
            ...schema.typeConfiguration,
            definitions: schema.definitions ?? {},
            typeName: settings.typeName,
        };
        entries.set(
            'configuration-schema.json',
            Buffer.from(pythonJson(configuration, 4))
        );
    }
    if (existsSync(path.join(root, 'overrides.json'))) {
        entries.set('overrides.json', read('overrides.json'));
    }
    return entries;
}

/** Runs the buildCommand as `cfn submit` does, then writes the package. */
export async function createPackage(
    options: PackageOptions = {}
): Promise<PackageResult> {
    const here = options.root ?? ROOT;
    let root = here;
    if (options.typeName !== undefined && options.typeName !== DEFAULT_TYPE_NAME) {
        const { writeProject } = await import('../generate/type-project');
        root = (await writeProject(options.typeName, options.project)).dir;
    }
    if (options.build !== false) {
        const settings = JSON.parse(
            readFileSync(path.join(root, '.rpdk-config'), 'utf8')
        ) as Settings;
        const command = settings.settings?.buildCommand;
        if (!command) {
            throw new Error('.rpdk-config has no settings.buildCommand');
        }
        execSync(`${command} ${FUNCTION_NAME}`, { cwd: root, stdio: 'inherit' });
    }
    const entries = await packageEntries(root);
    const zip = await reproducibleZip(entries, false);
    const settings = JSON.parse(
        readFileSync(path.join(root, '.rpdk-config'), 'utf8')
    ) as Settings;
    const out =
        options.out ?? path.join(here, `${hyphenatedName(settings.typeName)}.zip`);
    writeFileSync(out, zip);
    return {
        path: out,
        ...(root === here ? {} : { project: root }),
        sha256: createHash('sha256').update(zip).digest('hex'),
        entries: [...entries.keys()].sort(),
    };
}

export const PACKAGE_USAGE = `Usage: npm run package [-- options]

Builds the function (npm run build:function -- TypeFunction) and writes
aws-connect-user.zip, the zip cfn submit would upload, reproducibly.

  --type-name NAME  package the cfn project tree of another type name (a private
                    type, such as Acme::Connect::User), written to build/ first,
                    as acme-connect-user.zip
  --no-build        zip the function already built in build/TypeFunction
  --out FILE        write the zip to FILE
  -h, --help        this text`;

/** Parses the command line; throws an Error with a message for the user. */
export function parsePackageArgs(args: string[]): PackageOptions | { help: true } {
    if (args.includes('--help') || args.includes('-h')) {
        return { help: true };
    }
    const options: PackageOptions = {};
    for (let index = 0; index < args.length; index += 1) {
        if (args[index] === '--no-build') {
            options.build = false;
        } else if (args[index] === '--out' && args[index + 1]) {
            options.out = path.resolve(args[index + 1]);
            index += 1;
        } else if (args[index] === '--type-name' && args[index + 1]) {
            options.typeName = args[index + 1];
            index += 1;
        } else {
            throw new Error(`Unknown argument ${args[index]}`);
        }
    }
    return options;
}

async function main(argv: string[]): Promise<number> {
    const options = parseOrExplain(argv, parsePackageArgs, PACKAGE_USAGE);
    if (typeof options === 'number') {
        return options;
    }
    const { path: written, project, sha256, entries } = await createPackage(options);
    if (project) {
        console.log(
            `${path.relative(process.cwd(), project)}: the cfn project packaged`
        );
    }
    const bytes = statSync(written).size;
    console.log(`${path.relative(process.cwd(), written)}: ${bytes} bytes`);
    console.log(`sha256 ${sha256}, ${entries.length} entries`);
    return 0;
}

if (require.main === module) {
    runMain(main);
}

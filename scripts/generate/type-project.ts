/**
 * A cfn CLI project tree for this provider under another type name, in which
 * `cfn validate`, `cfn submit` and `cfn test` run unchanged:
 *
 *   <type-name>.json       the schema under that name (`acme-connect-user.json`)
 *   .rpdk-config           this project's settings, naming the type, whose
 *                          buildCommand builds the function for it from this clone
 *   inputs/                the contract test inputs
 *   src/                   the sources, the generated models and properties written
 *                          for that name
 *   resource-role.yaml     the execution role, for that name
 *   docs/                  the property reference, for that name
 *
 *   npm run generate -- --type-name Acme::Connect::User [--out DIR] [--check]
 *
 * The tree goes to build/<type-name>/ unless --out names another directory. Its
 * buildCommand reaches this clone by a relative path: write the tree again after
 * moving either, and after a change to the schema or the sources (the build
 * refuses a tree whose schema is out of date).
 */
import {
    existsSync,
    promises as fs,
    readdirSync,
    readFileSync,
    statSync,
} from 'node:fs';
import path from 'node:path';
import { generateFiles, type ResourceSchema } from './files';
import {
    checkTypeName,
    DEFAULT_TYPE_NAME,
    hyphenatedName,
    schemaFileName,
    schemaTextUnder,
} from '../type-name';

const ROOT = path.resolve(__dirname, '..', '..');

/** The folders of the tree that it holds nothing but generated and copied files in. */
const OWNED_FOLDERS = ['src', 'docs', 'inputs'];

/** What the buildCommand of a tree ends with; cfn appends the function's name. */
const BUILD_TAIL = 'scripts/build/cli.ts --project . --function';

/** Where `npm run generate -- --type-name NAME` writes the tree of NAME by default. */
export function defaultProjectDir(typeName: string): string {
    return path.join(ROOT, 'build', hyphenatedName(checkTypeName(typeName)));
}

/** A path for a POSIX shell (cfn runs the buildCommand with bash). */
export function shellWord(word: string): string {
    return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The tree's buildCommand: this clone's build, for the project in the working
 * directory (cfn runs it in the tree with ` TypeFunction` appended), so that it
 * writes the tree's build/TypeFunction for the type its .rpdk-config names.
 */
export function buildCommandFor(dir: string): string {
    const clone = path.relative(dir, ROOT).split(path.sep).join('/') || '.';
    return [
        shellWord(`${clone}/node_modules/.bin/tsx`),
        `${shellWord(`${clone}/scripts/build/cli.ts`)} --project . --function`,
    ].join(' ');
}

interface Settings {
    typeName: string;
    settings?: Record<string, unknown>;
}

/** This project's .rpdk-config for the tree in `dir`, written as cfn writes it. */
export function projectSettings(typeName: string, dir: string): string {
    const settings = JSON.parse(
        readFileSync(path.join(ROOT, '.rpdk-config'), 'utf8')
    ) as Settings;
    settings.typeName = typeName;
    settings.settings = { ...settings.settings, buildCommand: buildCommandFor(dir) };
    return `${JSON.stringify(settings, null, 4)}\n`;
}

/** The files under `folder` of this clone, relative to the clone with `/`. */
function cloneFiles(folder: string): string[] {
    const dir = path.join(ROOT, folder);
    if (!existsSync(dir)) {
        return [];
    }
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((name) => statSync(path.join(dir, name)).isFile())
        .map((name) => `${folder}/${name.split(path.sep).join('/')}`)
        .sort();
}

/**
 * Every file of the tree for `typeName` in `dir`, keyed by its path in the tree,
 * with the exact content written there.
 */
export async function projectFiles(
    typeName: string,
    dir: string
): Promise<Map<string, Buffer>> {
    checkTypeName(typeName);
    if (typeName === DEFAULT_TYPE_NAME) {
        throw new Error(
            `${typeName} is this project's own name: run npm run generate without --type-name`
        );
    }
    const schemaText = schemaTextUnder(typeName);
    const files = new Map<string, Buffer>();
    for (const name of [...cloneFiles('src'), ...cloneFiles('inputs')]) {
        files.set(name, readFileSync(path.join(ROOT, name)));
    }
    const generated = await generateFiles(JSON.parse(schemaText) as ResourceSchema);
    for (const [name, content] of Object.entries(generated)) {
        files.set(name, Buffer.from(content));
    }
    files.set(schemaFileName(typeName), Buffer.from(schemaText));
    files.set('.rpdk-config', Buffer.from(projectSettings(typeName, dir)));
    return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Files in the tree's own folders that it would not hold now. */
function staleFiles(dir: string, files: Map<string, Buffer>): string[] {
    return OWNED_FOLDERS.flatMap((folder) => {
        const root = path.join(dir, folder);
        if (!existsSync(root)) {
            return [];
        }
        return readdirSync(root, { recursive: true, encoding: 'utf8' })
            .filter((name) => statSync(path.join(root, name)).isFile())
            .map((name) => `${folder}/${name.split(path.sep).join('/')}`);
    })
        .filter((name) => !files.has(name))
        .sort();
}

export interface ProjectDrift {
    /** Files missing from the tree or holding something else. */
    differing: string[];
    /** Files in src/, docs/ or inputs/ of the tree that it no longer holds. */
    stale: string[];
}

function driftOf(dir: string, files: Map<string, Buffer>): ProjectDrift {
    const differing = [...files.entries()]
        .filter(([name, content]) => {
            const file = path.join(dir, name);
            return !existsSync(file) || !readFileSync(file).equals(content);
        })
        .map(([name]) => name);
    return { differing, stale: staleFiles(dir, files) };
}

/** How the tree in `dir` differs from what would be written for `typeName`. */
export async function projectDrift(
    typeName: string,
    dir: string
): Promise<ProjectDrift> {
    return driftOf(dir, await projectFiles(typeName, dir));
}

/**
 * Refuses a directory that is not free for the tree: this clone or one holding
 * it, or one that holds anything but a tree written here before.
 */
export function checkProjectDir(dir: string): void {
    const relative = path.relative(dir, ROOT);
    if (
        relative === '' ||
        !(relative.split(path.sep)[0] === '..' || path.isAbsolute(relative))
    ) {
        throw new Error(`${dir} holds this clone; write the project somewhere else`);
    }
    if (!existsSync(dir) || readdirSync(dir).length === 0) {
        return;
    }
    const settings = path.join(dir, '.rpdk-config');
    const command = existsSync(settings)
        ? (JSON.parse(readFileSync(settings, 'utf8')) as Settings).settings
              ?.buildCommand
        : undefined;
    if (typeof command !== 'string' || !command.endsWith(BUILD_TAIL)) {
        throw new Error(
            `${dir} is not empty and holds no project written by npm run generate -- --type-name; choose another --out`
        );
    }
}

export interface WrittenProject extends ProjectDrift {
    dir: string;
    typeName: string;
}

/**
 * Writes the tree for `typeName` into `dir` (default build/<type-name>/): the
 * files that differ, and removes from its src/, docs/ and inputs/ what it no
 * longer holds. Leaves anything else there (cfn's build/, logs, zips) alone.
 */
export async function writeProject(
    typeName: string,
    dir = defaultProjectDir(typeName)
): Promise<WrittenProject> {
    checkTypeName(typeName);
    checkProjectDir(dir);
    const files = await projectFiles(typeName, dir);
    const { differing, stale } = driftOf(dir, files);
    for (const name of differing) {
        await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await fs.writeFile(path.join(dir, name), files.get(name) as Buffer);
    }
    for (const name of stale) {
        await fs.unlink(path.join(dir, name));
    }
    return { dir, typeName, differing, stale };
}

/**
 * `npm run generate -- --type-name NAME [--out DIR] [--check]`: writes the tree,
 * or with `check` lists how it differs; the exit code.
 */
export async function projectCommand(
    typeName: string,
    out: string | undefined,
    check: boolean
): Promise<number> {
    const dir = out ?? defaultProjectDir(typeName);
    const shown = path.relative(process.cwd(), dir) || '.';
    if (check) {
        const { differing, stale } = await projectDrift(typeName, dir);
        if (differing.length === 0 && stale.length === 0) {
            console.log(`${shown} is the project of ${typeName}, up to date.`);
            return 0;
        }
        console.error(`${shown} differs from the project of ${typeName}:`);
        for (const file of differing) {
            console.error(`  ${file}`);
        }
        for (const file of stale) {
            console.error(`  ${file} (no longer written)`);
        }
        return 1;
    }
    const { differing, stale } = await writeProject(typeName, dir);
    console.log(
        `${shown}: the cfn project of ${typeName} (${differing.length} files written, ${stale.length} removed)`
    );
    return 0;
}

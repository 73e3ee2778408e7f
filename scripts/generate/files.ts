/**
 * Every generated file with the content the generator writes, formatted as
 * Prettier checks it, and which files on disk differ from it. Read by cli.ts
 * and by type-project.ts, which writes the same files for another type name.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as prettier from 'prettier/standalone';
import * as estree from 'prettier/plugins/estree';
import * as markdown from 'prettier/plugins/markdown';
import * as typescript from 'prettier/plugins/typescript';
import * as yaml from 'prettier/plugins/yaml';
import { SCHEMA_FILE } from '../type-name';
import { DOCS_DIR, renderDocs } from './docs';
import { renderModels, renderProperties } from './models';
import { renderResourceRole } from './role';
import { type ResourceSchema, resolveSchema } from './schema';

export const ROOT = path.resolve(__dirname, '..', '..');
export { SCHEMA_FILE, type ResourceSchema };

export async function loadSchema(root = ROOT): Promise<ResourceSchema> {
    return JSON.parse(await fs.readFile(path.join(root, SCHEMA_FILE), 'utf8'));
}

/**
 * Formats like `prettier --check` expects, with the project's `.prettierrc.json`. The
 * standalone build is used because prettier's main entry loads its plugins with a
 * dynamic import, which Jest cannot run without experimental VM modules.
 */
async function format(root: string, file: string, content: string): Promise<string> {
    const config = JSON.parse(
        await fs.readFile(path.join(root, '.prettierrc.json'), 'utf8')
    );
    return prettier.format(content, {
        ...config,
        filepath: path.join(root, file),
        plugins: [estree, typescript, markdown, yaml],
    });
}

/**
 * Every generated file, keyed by its path relative to the repository root, with the
 * exact content the generator writes. Pure apart from reading `.prettierrc.json`.
 */
export async function generateFiles(
    schema: ResourceSchema,
    root = ROOT
): Promise<Record<string, string>> {
    const resolved = resolveSchema(schema);
    const raw: Record<string, string> = {
        'src/models.ts': renderModels(resolved),
        'src/properties.ts': renderProperties(resolved),
        'resource-role.yaml': renderResourceRole(schema),
        ...renderDocs(resolved),
    };
    const files: Record<string, string> = {};
    for (const [file, content] of Object.entries(raw)) {
        files[file] = await format(root, file, content);
    }
    return files;
}

async function readIfExists(file: string): Promise<string | undefined> {
    try {
        return await fs.readFile(file, 'utf8');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return undefined;
        }
        throw error;
    }
}

/** Markdown files in docs/ that the generator no longer writes (cfn clears docs/). */
async function staleDocs(
    root: string,
    files: Record<string, string>
): Promise<string[]> {
    let entries: string[];
    try {
        entries = await fs.readdir(path.join(root, DOCS_DIR));
    } catch {
        return [];
    }
    return entries
        .filter((entry) => entry.endsWith('.md'))
        .map((entry) => `${DOCS_DIR}/${entry}`)
        .filter((file) => !(file in files))
        .sort();
}

/** Paths whose content on disk differs from `files` (missing files included). */
export async function findDrift(
    files: Record<string, string>,
    root = ROOT
): Promise<{ differing: string[]; stale: string[] }> {
    const differing: string[] = [];
    for (const [file, content] of Object.entries(files)) {
        if ((await readIfExists(path.join(root, file))) !== content) {
            differing.push(file);
        }
    }
    return { differing, stale: await staleDocs(root, files) };
}

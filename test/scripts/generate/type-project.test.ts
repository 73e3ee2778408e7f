import Ajv from 'ajv';
import {
    appendFileSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { projectTypeName } from '../../../scripts/build/cli';
import { generateFiles, type ResourceSchema } from '../../../scripts/generate/files';
import {
    buildCommandFor,
    checkProjectDir,
    defaultProjectDir,
    projectDrift,
    projectFiles,
    shellWord,
    writeProject,
} from '../../../scripts/generate/type-project';
import { schemaTextUnder } from '../../../scripts/type-name';
import { providerSchemaProblems } from '../../unit/meta-schema';

/**
 * `npm run generate -- --type-name Acme::Connect::User` writes a cfn CLI project
 * tree in which `cfn validate`, `cfn submit` and `cfn test` run as they do here.
 */

const ROOT = path.resolve(__dirname, '../../..');
const TYPE_NAME = 'Acme::Connect::User';
/** cfn's own rule for the typeName of a .rpdk-config. */
const CFN_TYPE_NAME = /^[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}::[a-zA-Z0-9]{2,64}$/;

const read = (dir: string, name: string): string =>
    readFileSync(path.join(dir, name), 'utf8');

describe('the cfn project tree of a private type', () => {
    let base: string;
    let dir: string;
    let generated: Record<string, string>;

    beforeAll(async () => {
        base = mkdtempSync(path.join(tmpdir(), 'connect-user-project-'));
        dir = path.join(base, 'acme-connect-user');
        await writeProject(TYPE_NAME, dir);
        generated = await generateFiles(
            JSON.parse(schemaTextUnder(TYPE_NAME)) as ResourceSchema
        );
    }, 30_000);

    afterAll(() => {
        rmSync(base, { recursive: true, force: true });
    });

    it('holds the schema file cfn looks for, the settings, inputs, sources, role and docs', () => {
        expect(readdirSync(dir).sort()).toEqual([
            '.rpdk-config',
            'acme-connect-user.json',
            'docs',
            'inputs',
            'resource-role.yaml',
            'src',
        ]);
        const schema = JSON.parse(read(dir, 'acme-connect-user.json')) as {
            typeName: string;
        };
        expect(schema.typeName).toBe(TYPE_NAME);
    });

    it("passes the project's schema checks: the provider meta-schema, and Ajv can compile it", () => {
        const schema = JSON.parse(read(dir, 'acme-connect-user.json')) as object;
        expect(providerSchemaProblems(schema)).toEqual([]);
        expect(() => new Ajv({ strict: false }).compile(schema)).not.toThrow();
        // the check itself is not vacuous
        expect(providerSchemaProblems({ ...schema, typeName: 'Acme' })).not.toEqual([]);
    });

    it('has the settings of this project, naming the type and building from this clone', () => {
        const settings = JSON.parse(read(dir, '.rpdk-config')) as {
            typeName: string;
            settings: { buildCommand: string };
        };
        const own = JSON.parse(read(ROOT, '.rpdk-config')) as typeof settings;
        expect(settings.typeName).toMatch(CFN_TYPE_NAME);
        expect(settings).toEqual({
            ...own,
            typeName: TYPE_NAME,
            settings: { ...own.settings, buildCommand: settings.settings.buildCommand },
        });
        const clone = path.relative(dir, ROOT).split(path.sep).join('/');
        expect(settings.settings.buildCommand).toBe(
            `${clone}/node_modules/.bin/tsx ${clone}/scripts/build/cli.ts --project . --function`
        );
        expect(read(dir, '.rpdk-config')).toBe(
            `${JSON.stringify(settings, null, 4)}\n`
        );
    });

    it('has exactly the files the generator writes for that name', () => {
        expect(Object.keys(generated).sort()).toEqual(
            [
                'resource-role.yaml',
                'src/models.ts',
                'src/properties.ts',
                ...readdirSync(path.join(ROOT, 'docs')).map((name) => `docs/${name}`),
            ].sort()
        );
        for (const [name, content] of Object.entries(generated)) {
            expect([name, read(dir, name)]).toEqual([name, content]);
            expect([name, content.includes('AWS::Connect::User')]).toEqual([
                name,
                false,
            ]);
        }
        expect(read(dir, 'src/models.ts')).toContain(
            "public static override readonly TYPE_NAME: string = 'Acme::Connect::User';"
        );
        expect(read(dir, 'resource-role.yaml')).toContain(
            ':type/resource/Acme-Connect-User/*'
        );
        expect(read(dir, 'docs/README.md')).toContain('\n# Acme::Connect::User\n');
    });

    it("has this clone's inputs and sources, the generated ones written for that name", () => {
        const files = ['inputs', 'src'].flatMap((folder) =>
            readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
                .filter((name) => statSync(path.join(ROOT, folder, name)).isFile())
                .map((name) => `${folder}/${name.split(path.sep).join('/')}`)
        );
        expect(files).toEqual(
            expect.arrayContaining(['src/handlers.ts', 'src/type-name.ts'])
        );
        for (const file of files) {
            expect([file, read(dir, file)]).toEqual([
                file,
                generated[file] ?? read(ROOT, file),
            ]);
        }
    });

    it('says what drifted, and writing it again puts it right', async () => {
        expect(await projectDrift(TYPE_NAME, dir)).toEqual({
            differing: [],
            stale: [],
        });
        appendFileSync(path.join(dir, 'docs', 'README.md'), 'edited\n');
        writeFileSync(path.join(dir, 'src', 'left-over.ts'), 'export {};\n');
        writeFileSync(path.join(dir, 'rpdk.log'), 'cfn log\n');
        expect(await projectDrift(TYPE_NAME, dir)).toEqual({
            differing: ['docs/README.md'],
            stale: ['src/left-over.ts'],
        });
        expect(await writeProject(TYPE_NAME, dir)).toMatchObject({
            differing: ['docs/README.md'],
            stale: ['src/left-over.ts'],
        });
        expect(await projectDrift(TYPE_NAME, dir)).toEqual({
            differing: [],
            stale: [],
        });
        // what cfn leaves in the tree is not the generator's to remove
        expect(read(dir, 'rpdk.log')).toBe('cfn log\n');
    });

    it('is built for its type, and not at all once its schema is out of date', () => {
        expect(projectTypeName(dir)).toBe(TYPE_NAME);
        const schemaFile = path.join(dir, 'acme-connect-user.json');
        const schema = readFileSync(schemaFile, 'utf8');
        try {
            writeFileSync(
                schemaFile,
                schema.replace('"maxLength": 255', '"maxLength": 100')
            );
            expect(() => projectTypeName(dir)).toThrow(
                'is not aws-connect-user.json under the name Acme::Connect::User'
            );
        } finally {
            writeFileSync(schemaFile, schema);
        }
    });

    it('is never written over this clone, a folder holding it, or a folder of something else', () => {
        expect(() => checkProjectDir(ROOT)).toThrow('holds this clone');
        expect(() => checkProjectDir(path.dirname(ROOT))).toThrow('holds this clone');
        const other = path.join(base, 'other');
        mkdirSync(other);
        expect(() => checkProjectDir(other)).not.toThrow();
        writeFileSync(path.join(other, 'notes.txt'), 'mine\n');
        expect(() => checkProjectDir(other)).toThrow(
            'is not empty and holds no project written by npm run generate -- --type-name'
        );
        expect(() => checkProjectDir(dir)).not.toThrow();
    });

    it('is written for another name only, and a valid one', async () => {
        await expect(projectFiles('AWS::Connect::User', dir)).rejects.toThrow(
            "is this project's own name"
        );
        await expect(writeProject('Amazon::Connect::User', dir)).rejects.toThrow(
            'the namespace "Amazon" is reserved'
        );
        expect(() => defaultProjectDir('Acme::Connect')).toThrow(
            "three parts separated by '::'"
        );
    });
});

describe('the build command of a tree', () => {
    it('reaches this clone from the default place, build/<type-name>/', () => {
        const dir = defaultProjectDir(TYPE_NAME);
        expect(path.relative(ROOT, dir)).toBe(path.join('build', 'acme-connect-user'));
        expect(buildCommandFor(dir)).toBe(
            '../../node_modules/.bin/tsx ../../scripts/build/cli.ts --project . --function'
        );
    });

    it.each([
        ['../..', '../..'],
        ['../../work trees/main', "'../../work trees/main'"],
        ["../it's", "'../it'\\''s'"],
        ['../$HOME', "'../$HOME'"],
    ])('writes the path %s for the shell as %s', (word, quoted) => {
        expect(shellWord(word)).toBe(quoted);
    });
});

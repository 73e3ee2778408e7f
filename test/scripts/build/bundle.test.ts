import { build, type Metafile } from 'esbuild';
import { execFile } from 'node:child_process';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    buildBundle,
    buildSchemaValidator,
    type BuildResult,
} from '../../../scripts/build/bundle';
import { inlineSchemaKeys } from '../../../scripts/build/schema-keys-inlined';
import { requireBuiltins } from '../../../scripts/build/builtin-imports-required';
import {
    MUTATION_COMMANDS,
    MUTATION_MODULES,
    MUTATIONS_FILE,
} from '../../../scripts/build/mutations';
import {
    AJV_OPTIONS,
    precompiledAjv,
    SCHEMA_VALIDATOR_FILE,
} from '../../../scripts/build/precompiled-ajv';
import { defaultProvider } from '../../../scripts/build/shims/explicit-credentials-only';
import {
    EventStreamSerde,
    eventStreamSerdeProvider,
} from '../../../scripts/build/shims/no-event-streams';
import replaceAll from '../../../scripts/build/shims/string-replaceall';
import { validateProperties } from '../../../src/validate';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { handlerEvent, userModel } from '../../fixtures/events';

/**
 * What the bundle leaves out of a cold start, and that what stands in for it
 * behaves as the original: the precompiled validator answers as Ajv does.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');

const packagesIn = (metafile: Metafile): Set<string> =>
    new Set(
        Object.keys(metafile.inputs).flatMap((input) => {
            const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
            return match ? [match[1]] : [];
        })
    );

type Validate = typeof validateProperties;

/** src/validate.ts bundled alone with the precompiled validator, loaded here. */
async function bundledValidator(dir: string): Promise<Validate> {
    const file = path.join(dir, 'validate.js');
    await buildSchemaValidator(path.join(dir, SCHEMA_VALIDATOR_FILE));
    await build({
        absWorkingDir: ROOT,
        entryPoints: [path.join(ROOT, 'src', 'validate.ts')],
        outfile: file,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        logLevel: 'silent',
        plugins: [precompiledAjv()],
    });
    return ((await import(file)) as { validateProperties: Validate })
        .validateProperties;
}

describe('the bundle', () => {
    let dir: string;
    let built: BuildResult;

    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'connect-user-bundle-'));
        built = await buildBundle(dir);
    }, 60_000);

    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('is within the 1.5 MB target', () => {
        expect(built.bytes).toBeLessThanOrEqual(1.5e6);
    });

    it.each([
        ['the metrics and log clients', '@aws-sdk/client-s3'],
        ['the metrics and log clients', '@aws-sdk/client-cloudwatch'],
        ['the metrics and log clients', '@aws-sdk/client-cloudwatch-logs'],
        ['Ajv, precompiled instead', 'fast-uri'],
        ['the default credential chain', '@aws-sdk/credential-provider-node'],
        ['the default credential chain', '@aws-sdk/nested-clients'],
        ['the replaceAll polyfill', 'string.prototype.replaceall'],
        ['the replaceAll polyfill', 'es-abstract'],
        ['the replaceAll polyfill', 'object-inspect'],
    ])('leaves out %s (%s)', (_what, name) => {
        expect(packagesIn(built.metafile).has(name)).toBe(false);
    });

    it('carries no Ajv: its validator is precompiled, in the file beside it', () => {
        expect(packagesIn(built.metafile).has('ajv')).toBe(false);
        const ajvFiles = Object.keys(built.schemaValidator.metafile.inputs).filter(
            (input) => input.includes('node_modules/ajv/')
        );
        expect(ajvFiles.length).toBeGreaterThan(0);
        expect(ajvFiles.every((input) => /\/ajv\/dist\/runtime\//.test(input))).toBe(
            true
        );
    });

    it('starts no ES module loader: Node built-ins are required, not imported', () => {
        expect(readFileSync(built.bundle, 'utf8')).not.toMatch(/\bimport\(/);
    });

    it('leaves out event streams, which Connect has none of', () => {
        // A dynamic import of a bundled module makes esbuild wrap it and all it
        // imports; V8 then compiles those modules twice.
        expect(Object.keys(built.metafile.inputs)).not.toContainEqual(
            expect.stringMatching(/@smithy\/core\/dist-es\/submodules\/event-streams\//)
        );
    });

    it('leaves what only CREATE and UPDATE run to mutations.js, which takes the rest from the bundle', () => {
        const code = readFileSync(built.bundle, 'utf8');
        const mutations = built.mutations;
        expect(mutations && path.dirname(mutations.path)).toBe(
            path.dirname(built.bundle)
        );
        expect(code).toContain(`require("./${MUTATIONS_FILE}")`);
        const own = [...MUTATION_MODULES].map((file) => path.relative(ROOT, file));
        expect(
            Object.keys(built.metafile.inputs).filter((input) => own.includes(input))
        ).toEqual([]);
        const inMutations = Object.keys(mutations?.metafile.inputs ?? {});
        expect(own.filter((file) => !inMutations.includes(file))).toEqual([]);
        // Nothing twice: the library, the SDK and this type's other modules are the
        // bundle's, but for the commands only CREATE and UPDATE send, with the SDK's
        // builder and schemas they are made of.
        const sdk = 'node_modules/@aws-sdk/client-connect/dist-es/';
        expect(
            inMutations.filter((input) => input.startsWith('node_modules/')).sort()
        ).toEqual(
            [
                ...MUTATION_COMMANDS.map((name) => `${sdk}commands/${name}.js`),
                `${sdk}commandBuilder.js`,
                `${sdk}endpoint/EndpointParameters.js`,
                `${sdk}schemas/schemas_0.js`,
            ].sort()
        );
        const inBundle = Object.values(built.metafile.outputs).flatMap((output) =>
            Object.entries(output.inputs)
                .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
                .map(([input]) => input)
        );
        for (const name of MUTATION_COMMANDS) {
            expect(inBundle).not.toContain(`${sdk}commands/${name}.js`);
        }
        expect(inBundle).toContain(`${sdk}commands/DescribeUserCommand.js`);
        expect(inMutations).not.toContain('src/translate.ts');
        expect(readFileSync(mutations?.path ?? '', 'utf8')).toContain(
            'require("./handlers.js").modulesSharedWithMutations'
        );
    });

    it('requires the validator from the file beside it, at the first validation', () => {
        const code = readFileSync(built.bundle, 'utf8');
        const mutations = readFileSync(built.mutations?.path ?? '', 'utf8');
        expect(mutations).toContain(`require("./${SCHEMA_VALIDATOR_FILE}")`);
        expect(path.dirname(built.schemaValidator.path)).toBe(
            path.dirname(built.bundle)
        );
        expect(code).not.toContain(SCHEMA_VALIDATOR_FILE);
        expect(code + mutations).not.toContain('validate10');
        expect(readFileSync(built.schemaValidator.path, 'utf8')).toContain(
            'validate10'
        );
    });

    it('carries only the Connect schemas of the operations it sends, the mutations theirs', () => {
        const code = readFileSync(built.bundle, 'utf8');
        const mutations = readFileSync(built.mutations?.path ?? '', 'utf8');
        for (const sent of [
            'DescribeUser',
            'ListUserProficiencies',
            'ListUsers',
            'DeleteUser',
        ]) {
            expect(code).toContain(`"${sent}"`);
        }
        for (const sent of [
            'UpdateUserConfig',
            'TagResource',
            'AssociateUserProficiencies',
            'SearchUsers',
        ]) {
            expect(code).not.toContain(`"${sent}"`);
            expect(mutations).toContain(`"${sent}"`);
        }
        for (const unused of ['StartOutboundVoiceContact', 'CreateContactFlow']) {
            expect(code + mutations).not.toContain(`"${unused}"`);
        }
    });

    it('requires the metrics and log clients from the file beside it, by name', async () => {
        const code = readFileSync(built.bundle, 'utf8');
        expect(code).toContain('require("./aws-sdk-v2.js")');
        expect(path.dirname(built.v3Services.path)).toBe(path.dirname(built.bundle));
        for (const name of [
            '@aws-sdk/client-s3',
            '@aws-sdk/client-cloudwatch',
            '@aws-sdk/client-cloudwatch-logs',
        ]) {
            expect(packagesIn(built.v3Services.metafile).has(name)).toBe(true);
        }
        const services = (await import(built.v3Services.path)) as Record<
            string,
            unknown
        >;
        expect(Object.keys(services).sort()).toEqual([
            'cloudWatch',
            'cloudWatchLogs',
            's3',
        ]);
    });
});

/**
 * Runs a user's life cycle through the bundle's entrypoint in a fresh Node process
 * (the library's 1 s log flush wait made immediate), and answers every response.
 */
const LIFE_CYCLE = `
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = (callback, ms, ...args) =>
        realSetTimeout(callback, ms === 1000 ? 0 : ms, ...args);
    const { entrypoint } = require(process.env.BUNDLE);
    const t = JSON.parse(process.env.TEMPLATES);
    const model = JSON.parse(process.env.MODEL);
    const context = { awsRequestId: 'bundle-test' };
    const event = (template, properties, extra = {}) => ({
        ...template,
        ...extra,
        requestData: { ...template.requestData, resourceProperties: properties, ...extra.requestData },
    });
    const loaded = () => Object.keys(require.cache).map((file) => require('node:path').basename(file)).sort();
    (async () => {
        const out = {};
        out.coldRead = await entrypoint(event(t.READ, { UserArn: model.InstanceArn + '/agent/00000000-0000-4000-8000-000000000000' }), context);
        out.loadedByRead = loaded();
        let properties = model;
        let callbackContext = null;
        for (let step = 0; step < 10; step += 1) {
            out.create = await entrypoint(event(t.CREATE, properties, { callbackContext }), context);
            if (out.create.status !== 'IN_PROGRESS') break;
            properties = { ...out.create.resourceModel, Password: model.Password };
            callbackContext = out.create.callbackContext;
        }
        out.loadedByCreate = loaded();
        const created = out.create.resourceModel;
        const arn = { UserArn: created.UserArn };
        out.read = await entrypoint(event(t.READ, arn), context);
        const changed = { ...created, IdentityInfo: { ...created.IdentityInfo, FirstName: 'Changed' } };
        out.update = await entrypoint(
            event(t.UPDATE, changed, { requestData: { previousResourceProperties: created } }),
            context
        );
        out.list = await entrypoint(event(t.LIST, { InstanceArn: created.InstanceArn }), context);
        out.delete = await entrypoint(event(t.DELETE, arn), context);
        out.readDeleted = await entrypoint(event(t.READ, arn), context);
        out.invalid = await entrypoint(event(t.CREATE, JSON.parse(process.env.INVALID)), context);
        console.log('\\nRESULT ' + JSON.stringify(out));
    })();
`;

describe('the bundle, alone in a fresh Node process, through a user life cycle', () => {
    type Response = {
        status: string;
        errorCode?: string;
        message?: string;
        resourceModel?: Record<string, unknown>;
        resourceModels?: Array<Record<string, unknown>>;
    };
    let dir: string;
    let emulator: Emulator;
    let result: Record<string, Response> & {
        loadedByRead?: string[];
        loadedByCreate?: string[];
    };
    const model = userModel({ Username: 'bundlelife' });
    const invalid = userModel({
        Username: 'bundle invalid',
        PhoneConfig: { PhoneType: 'CELL_PHONE' as 'SOFT_PHONE' },
    });

    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'connect-user-life-'));
        const { bundle } = await buildBundle(dir);
        emulator = await startEmulator({ quiet: true });
        const templates = Object.fromEntries(
            (['CREATE', 'READ', 'UPDATE', 'LIST', 'DELETE'] as const).map((action) => [
                action,
                handlerEvent(action, {}),
            ])
        );
        const stdout = await new Promise<string>((resolve, reject) =>
            execFile(
                process.execPath,
                ['-e', LIFE_CYCLE],
                {
                    env: {
                        PATH: process.env.PATH,
                        BUNDLE: bundle,
                        TEMPLATES: JSON.stringify(templates),
                        MODEL: JSON.stringify(model),
                        INVALID: JSON.stringify(invalid),
                        AWS_ENDPOINT_URL_CONNECT: emulator.url,
                    },
                    timeout: 60_000,
                    maxBuffer: 16 * 1024 * 1024,
                },
                (error, out, stderr) =>
                    error
                        ? reject(new Error(`${error.message}\n${stderr}`))
                        : resolve(out)
            )
        );
        const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
        result = JSON.parse(line?.slice('RESULT '.length) ?? '{}') as Record<
            string,
            Response
        >;
    }, 90_000);

    afterAll(async () => {
        await emulator?.close();
        rmSync(dir, { recursive: true, force: true });
    });

    it('creates, reads, updates, lists and deletes the user', () => {
        const { Password: _password, ...withoutPassword } = model;
        expect(result.create).toMatchObject({
            status: 'SUCCESS',
            resourceModel: { ...withoutPassword, UserArn: expect.any(String) },
        });
        expect(result.create.resourceModel).not.toHaveProperty('Password');
        const arn = result.create.resourceModel?.UserArn;
        expect(result.read).toMatchObject({
            status: 'SUCCESS',
            resourceModel: { UserArn: arn },
        });
        expect(result.update).toMatchObject({
            status: 'SUCCESS',
            resourceModel: { UserArn: arn, IdentityInfo: { FirstName: 'Changed' } },
        });
        expect(result.list.status).toBe('SUCCESS');
        expect(result.list.resourceModels).toContainEqual(
            expect.objectContaining({ UserArn: arn })
        );
        expect(result.delete.status).toBe('SUCCESS');
    });

    it('reads without loading the mutations, which the first CREATE loads', () => {
        expect(result.coldRead).toMatchObject({
            status: 'FAILED',
            errorCode: 'NotFound',
        });
        expect(result.loadedByRead).toEqual(['handlers.js']);
        expect(result.loadedByCreate).toEqual([
            'handlers.js',
            MUTATIONS_FILE,
            SCHEMA_VALIDATOR_FILE,
        ]);
    });

    it("maps Connect's error for a deleted user to NotFound", () => {
        expect(result.readDeleted).toMatchObject({
            status: 'FAILED',
            errorCode: 'NotFound',
        });
    });

    it('refuses an invalid model with the problems the source validator finds', () => {
        const validation = validateProperties(invalid);
        expect(validation.valid).toBe(false);
        expect(result.invalid).toMatchObject({
            status: 'FAILED',
            errorCode: 'InvalidRequest',
        });
        for (const problem of validation.valid ? [] : validation.problems) {
            expect(result.invalid.message).toContain(problem);
        }
    });
});

describe('the precompiled validator', () => {
    let dir: string;
    let bundled: Validate;

    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'connect-user-validator-'));
        bundled = await bundledValidator(dir);
    }, 60_000);

    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    const inputs = readdirSync(path.join(ROOT, 'inputs'))
        .sort()
        .map((name): [string, unknown] => [
            name,
            JSON.parse(readFileSync(path.join(ROOT, 'inputs', name), 'utf8')),
        ]);

    it.each(inputs)('answers as Ajv does for %s', (_name, model) => {
        expect(bundled(model)).toEqual(validateProperties(model));
    });

    /** Every path to a value in the model, as keys. */
    const pathsOf = (value: unknown, at: string[] = []): string[][] =>
        typeof value === 'object' && value !== null
            ? [
                  at,
                  ...Object.entries(value).flatMap(([key, child]) =>
                      pathsOf(child, [...at, key])
                  ),
              ]
            : [at];

    const withValueAt = (model: unknown, at: string[], value: unknown): unknown => {
        if (at.length === 0) {
            return value;
        }
        const [key, ...rest] = at;
        const copy = (
            Array.isArray(model) ? [...model] : { ...(model as object) }
        ) as Record<string, unknown>;
        if (value === undefined && rest.length === 0) {
            delete copy[key];
        } else {
            copy[key] = withValueAt(copy[key], rest, value);
        }
        return copy;
    };

    const models = [userModel(), ...inputs.map(([, model]) => model)];
    const mutated = fc
        .record({
            base: fc.constantFrom(...models),
            edits: fc.array(
                fc.record({
                    pick: fc.nat(),
                    extra: fc.constantFrom('', 'Unknown'),
                    value: fc.oneof(
                        fc.jsonValue({ maxDepth: 2 }),
                        fc.constantFrom(
                            undefined,
                            'true',
                            '60',
                            'DESK_PHONE',
                            'aws:tag',
                            '+15555551212',
                            'x'.repeat(300),
                            '\ud800',
                            -1,
                            1e6,
                            2.5
                        )
                    ),
                }),
                { minLength: 1, maxLength: 4 }
            ),
        })
        .map(({ base, edits }) =>
            edits.reduce((model, { pick, extra, value }) => {
                const paths = pathsOf(model);
                const at = paths[pick % paths.length];
                return withValueAt(model, extra ? [...at, extra] : at, value);
            }, base)
        );

    it('answers as Ajv does for any model, valid or not', () => {
        const seen: string[] = [];
        fc.assert(
            fc.property(mutated, (model) => {
                const expected = validateProperties(model);
                expect(bundled(model)).toEqual(expected);
                seen.push(expected.valid ? 'valid' : expected.problems.join('|'));
            }),
            { numRuns: 500 }
        );
        // The mutations reach many different problems, and valid models too.
        expect(seen).toContain('valid');
        expect(new Set(seen).size).toBeGreaterThan(100);
    });

    it('refuses to stand in for Ajv with other options or another schema', async () => {
        const file = path.join(dir, 'other.ts');
        writeFileSync(
            file,
            `import Ajv from 'ajv';
            export const withOptions = (options: object) => new Ajv(options);
            export const compile = (schema: object) =>
                new Ajv(${JSON.stringify(AJV_OPTIONS)}).compile(schema);`
        );
        const out = path.join(dir, 'other.js');
        // The validator file is already beside it, from beforeAll.
        await build({
            entryPoints: [file],
            outfile: out,
            bundle: true,
            platform: 'node',
            format: 'cjs',
            logLevel: 'silent',
            plugins: [precompiledAjv(file)],
        });
        const other = (await import(out)) as {
            withOptions(options: object): unknown;
            compile(schema: object): unknown;
        };
        expect(() => other.withOptions({ ...AJV_OPTIONS, allErrors: false })).toThrow(
            /validates with Ajv options/
        );
        expect(() =>
            other.withOptions({ unicodeRegExp: true, strict: false, allErrors: true })
        ).not.toThrow();
        expect(() => other.compile({ type: 'object' })).toThrow(
            /precompiled validator for aws-connect-user.json only/
        );
        const schema = JSON.parse(
            readFileSync(path.join(ROOT, 'aws-connect-user.json'), 'utf8')
        ) as object;
        expect(other.compile(schema)).toEqual(expect.any(Function));
    });
});

describe('inlineSchemaKeys', () => {
    it.each([
        [
            'writes a computed key as the string constant it is',
            'const _h = "http";\nexport var Op$ = [9, n0, _O, { [_h]: ["POST", "/x", 200] }];',
            'const _h = "http";\nexport var Op$ = [9, n0, _O, { "http": ["POST", "/x", 200] }];',
        ],
        [
            'handles keys after the first and escaped strings',
            'const _a = "a\\"b";\nconst _b = "b";\nx = { [_b]: 1, [_a]: 2 };',
            'const _a = "a\\"b";\nconst _b = "b";\nx = { "b": 1, "a\\"b": 2 };',
        ],
        [
            'leaves a key that is not a constant of the module',
            'const _h = "http";\nx = { [_other]: 1, [h]: 2 };',
            'const _h = "http";\nx = { [_other]: 1, [h]: 2 };',
        ],
        [
            'leaves __proto__ computed, which a literal key would not be',
            'const _p = "__proto__";\nx = { [_p]: 1 };',
            'const _p = "__proto__";\nx = { [_p]: 1 };',
        ],
    ])('%s', (_case, input, output) => {
        expect(inlineSchemaKeys(input)).toBe(output);
    });
});

describe('requireBuiltins', () => {
    it('serves import("node:…") as a namespace over the required module', async () => {
        const code = requireBuiltins(
            'module.exports = [import("node:path"), import(\'node:util\')];'
        );
        expect(code).not.toContain('import(');
        expect(requireBuiltins('import("x")')).toBe('import("x")');
        const module = { exports: [] as Array<Promise<Record<string, unknown>>> };
        new Function('module', 'require', code)(module, (name: string) =>
            name === 'node:path' ? path : name === 'node:util' ? { inspect: 1 } : null
        );
        const [pathNamespace, utilNamespace] = await Promise.all(
            module.exports.slice(0, 2)
        );
        expect(pathNamespace.join).toBe(path.join);
        expect(pathNamespace.default).toBe(path);
        const { join } = pathNamespace as { join: unknown };
        expect(join).toBe(path.join);
        expect(utilNamespace.inspect).toBe(1);
    });
});

describe('the stand-ins for packages the bundle leaves out', () => {
    /** The package itself, still in node_modules for the library's unbundled use. */
    const POLYFILL = 'string.prototype.replaceall';
    let polyfill: typeof replaceAll;

    beforeAll(async () => {
        polyfill = ((await import(POLYFILL)) as { default: typeof replaceAll }).default;
    });

    it.each([
        ['a-b-a', 'a', 'x', 'x-b-x'],
        ['a.b.a', '.', '$&$&', 'a..b..a'],
        ['aaa', 'a', '$$', '$$$'],
        ['secret in secret', 'secret', '<REDACTED>', '<REDACTED> in <REDACTED>'],
        ['no match', 'zzz', 'x', 'no match'],
    ])('replaceAll(%j, %j, %j) is %j, as the polyfill', (value, search, with_, out) => {
        expect(replaceAll(value, search, with_)).toBe(out);
        expect(polyfill(value, search, with_)).toBe(out);
    });

    it('replaceAll converts a non-string first and refuses a non-global RegExp', () => {
        expect(replaceAll(1001, '1', '2')).toBe(polyfill(1001, '1', '2'));
        expect(() => polyfill('a', /a/, 'b')).toThrow(TypeError);
        expect(() => replaceAll('a', /a/, 'b')).toThrow(TypeError);
    });

    it('event streams fail loudly, should the SDK ever ask for them', () => {
        expect(() => eventStreamSerdeProvider()).toThrow(/no event stream support/);
        expect(() => new EventStreamSerde()).toThrow(/no event stream support/);
    });

    it('the default credential provider refuses to find credentials', async () => {
        await expect(defaultProvider()()).rejects.toThrow(
            expect.objectContaining({
                name: 'CredentialsProviderError',
                message: expect.stringMatching(/no default credential chain/),
            })
        );
    });
});

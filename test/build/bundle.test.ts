import { build, type Metafile } from 'esbuild';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    AJV_OPTIONS,
    buildBundle,
    precompiledAjv,
    type BuildResult,
} from '../../scripts/build';
import { defaultProvider } from '../../scripts/shims/explicit-credentials-only';
import replaceAll from '../../scripts/shims/string-replaceall';
import { validateProperties } from '../../src/validate';
import { userModel } from '../fixtures/events';

/**
 * What the bundle leaves out of a cold start, and that what stands in for it
 * behaves as the original: the precompiled validator answers as Ajv does.
 */

const ROOT = path.resolve(__dirname, '..', '..');

const packagesIn = (metafile: Metafile): Set<string> =>
    new Set(
        Object.keys(metafile.inputs).flatMap((input) => {
            const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
            return match ? [match[1]] : [];
        })
    );

type Validate = typeof validateProperties;

/** src/validate.ts bundled alone with the precompiled validator, loaded here. */
async function bundledValidator(dir: string, importer?: string): Promise<Validate> {
    const file = path.join(dir, `validate-${importer ? 'other' : 'src'}.js`);
    await build({
        absWorkingDir: ROOT,
        entryPoints: [path.join(ROOT, 'src', 'validate.ts')],
        outfile: file,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        logLevel: 'silent',
        plugins: [precompiledAjv(importer)],
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

    it('keeps of Ajv only the runtime helpers of the generated code', () => {
        const ajvFiles = Object.keys(built.metafile.inputs).filter((input) =>
            input.includes('node_modules/ajv/')
        );
        expect(ajvFiles.every((input) => /\/ajv\/dist\/runtime\//.test(input))).toBe(
            true
        );
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

    it('the default credential provider refuses to find credentials', async () => {
        await expect(defaultProvider()()).rejects.toThrow(
            expect.objectContaining({
                name: 'CredentialsProviderError',
                message: expect.stringMatching(/no default credential chain/),
            })
        );
    });
});

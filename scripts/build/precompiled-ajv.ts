/**
 * Keeps Ajv, and compiling the schema, out of a cold start: src/validate.ts
 * gets the resource schema's validator compiled at build time, in
 * schema-validator.js beside the bundle.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { SCHEMA, VALIDATE } from './paths';

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
export function schemaValidatorSource(
    schemaText = readFileSync(SCHEMA, 'utf8')
): string {
    const schema = JSON.parse(schemaText) as object;
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
export function precompiledAjv(
    importer = VALIDATE,
    schemaText = readFileSync(SCHEMA, 'utf8')
): Plugin {
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
                const schema = JSON.parse(schemaText) as unknown;
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
                                    JSON.stringify(options) + ': update AJV_OPTIONS in scripts/build/precompiled-ajv.ts');
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

/**
 * Not a cold-start plugin: builds the function for another type name (a
 * private type), serving the models and the schema as they read under it.
 */
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { DEFAULT_TYPE_NAME, renamedModelsSource, schemaTextUnder } from '../type-name';
import { MODELS, SCHEMA } from './paths';

const exactly = (file: string): RegExp =>
    new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Serves the generated models and the schema that src/validate.ts imports as
 * they read under another type name, so that the function answers for that name
 * (src/type-name.ts takes it from the models) and no file of it names the
 * schema's own.
 */
export function typeNamed(typeName: string): Plugin {
    return {
        name: 'type-named',
        setup(build) {
            build.onLoad({ filter: exactly(MODELS) }, () => ({
                contents: renamedModelsSource(
                    readFileSync(MODELS, 'utf8'),
                    DEFAULT_TYPE_NAME,
                    typeName
                ),
                loader: 'ts',
            }));
            build.onLoad({ filter: exactly(SCHEMA) }, () => ({
                contents: schemaTextUnder(typeName),
                loader: 'json',
            }));
        },
    };
}

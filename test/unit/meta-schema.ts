import Ajv, { type ErrorObject } from 'ajv';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
/**
 * The CloudFormation meta-schemas `cfn validate` checks a schema against, as the
 * CloudFormation CLI ships them (`src/rpdk/core/data/schema/`), reformatted only.
 */
const META_SCHEMA_DIR = path.resolve(ROOT, 'test/fixtures/cfn-meta-schema');
const PROVIDER_META_SCHEMA =
    'https://schema.cloudformation.us-east-1.amazonaws.com/provider.definition.schema.v1.json';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

export const describeErrors = (errors: ErrorObject[] | null | undefined): string[] =>
    (errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} (${e.schemaPath})`
    );

function metaSchemaValidator(): Ajv {
    // the meta-schemas use formats (uri, json-pointer, regex) ajv does not ship
    const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    for (const file of readdirSync(META_SCHEMA_DIR).filter((f) =>
        f.endsWith('.json')
    )) {
        const metaSchema = readJson(path.join(META_SCHEMA_DIR, file)) as {
            $id?: string;
        };
        // meta-schema.json is draft-07 itself, which ajv already knows
        if (
            metaSchema.$id === undefined ||
            ajv.getSchema(metaSchema.$id) === undefined
        ) {
            ajv.addSchema(metaSchema as object);
        }
    }
    return ajv;
}

/**
 * What the CloudFormation provider meta-schema (what `cfn validate` checks a
 * resource schema against) finds wrong with a schema; empty when it is valid.
 */
export function providerSchemaProblems(schema: unknown): string[] {
    const validate = metaSchemaValidator().getSchema(PROVIDER_META_SCHEMA);
    if (validate === undefined) {
        return [`${PROVIDER_META_SCHEMA} is not among the meta-schemas`];
    }
    return validate(schema) ? [] : describeErrors(validate.errors);
}

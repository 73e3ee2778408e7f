import Ajv, { type ErrorObject } from 'ajv';
import publicSchemaJson from '../fixtures/public-schema.json';
import type { ResourceSchema } from './schema-walk';

/** The newest public AWS::Connect::User schema (see its `$comment`). */
export const PUBLIC_SCHEMA = publicSchemaJson as unknown as ResourceSchema;

/**
 * A schema pattern as a RegExp, with the u flag as src/validate.ts compiles
 * patterns. The public Username pattern escapes _ and @ (`\_`, `\@`), which a
 * u-flag RegExp refuses as a syntax error; CloudFormation's Java regular
 * expressions read them as the characters themselves, as a RegExp without the
 * u flag does, so such a pattern falls back to that.
 */
export function patternRegExp(pattern: string, flags = 'u'): RegExp {
    try {
        return new RegExp(pattern, flags);
    } catch {
        return new RegExp(pattern, flags.replace('u', ''));
    }
}

/** Ajv's pattern engine; `code` would name it in standalone code, which is never made here. */
const regExp = Object.assign(
    (pattern: string, flags: string) => patternRegExp(pattern, flags),
    {
        code: 'patternRegExp',
    }
);

const validatePublic = new Ajv({
    allErrors: true,
    strict: false,
    unicodeRegExp: true,
    code: { regExp },
}).compile(PUBLIC_SCHEMA);

const describe = (error: ErrorObject) =>
    `${error.instancePath || '/'} ${error.message ?? error.keyword}`;

/** What the public schema refuses in a model: empty when it accepts it. */
export function publicProblems(model: unknown): string[] {
    return validatePublic(model) ? [] : (validatePublic.errors ?? []).map(describe);
}

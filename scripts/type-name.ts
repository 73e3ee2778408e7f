/**
 * The name the resource type is registered under: its rules, and the schema and
 * generated models as they read under another name.
 *
 * `AWS::Connect::User` (the schema's `typeName`) is the default, which the local
 * tools and tests use. The `AWS` namespace is reserved, so an account registers
 * this provider as a private type under a name of its own, such as
 * `Acme::Connect::User`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const SCHEMA_FILE = 'aws-connect-user.json';

/** The schema file's text, as it is. */
export function schemaText(): string {
    return readFileSync(path.join(ROOT, SCHEMA_FILE), 'utf8');
}

/** The schema's own `typeName`. */
export const DEFAULT_TYPE_NAME = (JSON.parse(schemaText()) as { typeName: string })
    .typeName;

/**
 * RegisterType's `TypeName`: three parts separated by `::`, each 2 to 64 ASCII
 * letters and digits (`[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}`;
 * the `::MODULE` suffix it also allows is for modules, not resource types).
 */
const PART = /^[A-Za-z0-9]{2,64}$/;

/**
 * The organization namespaces RegisterType reserves. The reference spells them
 * so; they are compared without regard to case, since `aws` or `Amazon` would
 * pass for the reserved names just as well.
 */
export const RESERVED_NAMESPACES = ['Alexa', 'AMZN', 'Amazon', 'AWS', 'Custom', 'Dev'];

/**
 * What is wrong with a type name to register this provider under, naming the rule;
 * undefined when nothing is. The default is accepted as it is: it is the schema's
 * own name.
 */
export function typeNameProblem(typeName: string): string | undefined {
    if (typeName === DEFAULT_TYPE_NAME) {
        return undefined;
    }
    const shown = `${JSON.stringify(typeName)} is not a type name RegisterType accepts`;
    const parts = typeName.split('::');
    if (parts.length !== 3) {
        return `${shown}: it must be three parts separated by '::' (Organization::Service::Resource, such as Acme::Connect::User)`;
    }
    const bad = parts.find((part) => !PART.test(part));
    if (bad !== undefined) {
        return `${shown}: each part must be 2 to 64 letters (A-Z, a-z) or digits, and ${JSON.stringify(bad)} is not`;
    }
    const reserved = RESERVED_NAMESPACES.find(
        (namespace) => namespace.toLowerCase() === parts[0].toLowerCase()
    );
    if (reserved !== undefined) {
        return `${shown}: the namespace ${JSON.stringify(parts[0])} is reserved (${RESERVED_NAMESPACES.join(', ')}, in any letter case); use your organization's, such as Acme::Connect::User`;
    }
    return undefined;
}

/** The type name, when it is one this provider can be registered under; throws otherwise. */
export function checkTypeName(typeName: string): string {
    const problem = typeNameProblem(typeName);
    if (problem !== undefined) {
        throw new Error(problem);
    }
    return typeName;
}

/** `AWS::Connect::User` -> `aws-connect-user`, as cfn names the schema file and the zip. */
export function hyphenatedName(typeName: string): string {
    return typeName.toLowerCase().replace(/::/g, '-');
}

/** The file a cfn project keeps its schema in: `<hyphenated type name>.json`. */
export function schemaFileName(typeName: string): string {
    return `${hyphenatedName(typeName)}.json`;
}

interface NamedSchema {
    typeName: string;
    description?: string;
}

/**
 * The schema text under another type name: `typeName`, and the name where the
 * top-level `description` says it (the console shows that description), are
 * replaced; every other byte stays as it is.
 */
export function renamedSchemaText(text: string, typeName: string): string {
    const schema = JSON.parse(text) as NamedSchema;
    const expected: NamedSchema = {
        ...schema,
        typeName,
        ...(schema.description === undefined
            ? {}
            : {
                  description: schema.description.split(schema.typeName).join(typeName),
              }),
    };
    let renamed = replaceOnce(
        text,
        `"typeName": ${JSON.stringify(schema.typeName)}`,
        `"typeName": ${JSON.stringify(typeName)}`
    );
    if (schema.description !== undefined) {
        renamed = replaceOnce(
            renamed,
            `"description": ${JSON.stringify(schema.description)}`,
            `"description": ${JSON.stringify(expected.description)}`
        );
    }
    if (JSON.stringify(JSON.parse(renamed)) !== JSON.stringify(expected)) {
        throw new Error(
            `The schema's typeName and description could not be renamed in place`
        );
    }
    return renamed;
}

/** The schema text a function for `typeName` is built with and a project for it holds. */
export function schemaTextUnder(typeName: string): string {
    const text = schemaText();
    return typeName === DEFAULT_TYPE_NAME ? text : renamedSchemaText(text, typeName);
}

function replaceOnce(text: string, from: string, to: string): string {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
        throw new Error(`The schema must hold ${from} exactly once`);
    }
    return text.slice(0, at) + to + text.slice(at + from.length);
}

/** `public static override readonly TYPE_NAME: string = '...'` in the generated models. */
const TYPE_NAME_LITERAL = /(\bTYPE_NAME: string =\s*)'([^'\\]*)'/g;

/**
 * The generated models (src/models.ts) with another `ResourceModel.TYPE_NAME`.
 * Throws unless they hold exactly one TYPE_NAME literal, naming `from`.
 */
export function renamedModelsSource(code: string, from: string, to: string): string {
    const found = [...code.matchAll(TYPE_NAME_LITERAL)];
    if (found.length !== 1 || found[0][2] !== from) {
        throw new Error(
            `src/models.ts must declare TYPE_NAME = '${from}' once; run npm run generate`
        );
    }
    return code.replace(TYPE_NAME_LITERAL, (_whole, head: string) => `${head}'${to}'`);
}

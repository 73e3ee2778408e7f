/**
 * `docs/`: the property reference `cfn generate` writes, one page for the
 * resource and one per nested object.
 */
import {
    type Field,
    type FieldType,
    notice,
    type ObjectType,
    type Primitive,
    type ResolvedSchema,
} from './schema';

export const DOCS_DIR = 'docs';

const DOC_TYPE: Record<Primitive, string> = {
    string: 'String',
    integer: 'Integer',
    number: 'Double',
    boolean: 'Boolean',
};

const UPDATE_BEHAVIOURS =
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html';
const GETATT_URL =
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html';

const docPageName = (objectName: string): string => `${objectName.toLowerCase()}.md`;

interface DocTypes {
    json: string;
    yaml: string;
    long: string;
}

function docTypes(type: FieldType): DocTypes {
    switch (type.kind) {
        case 'primitive': {
            const name = DOC_TYPE[type.primitive];
            return { json: name, yaml: name, long: name };
        }
        case 'model': {
            const link = `<a href="${docPageName(type.name)}">${type.name}</a>`;
            return { json: link, yaml: link, long: link };
        }
        case 'list': {
            const items = docTypes(type.items);
            return {
                json: `[ ${items.json}, ... ]`,
                yaml: `\n      - ${items.yaml}`,
                long: `List of ${items.long}`,
            };
        }
    }
}

/**
 * A markdown code span. `cfn` writes patterns inside `<code>`, but markdown still
 * parses inside inline HTML, so `[-a-z0-9]*:` turns into emphasis (and prettier then
 * rewrites the pattern); a code span keeps every character literal.
 */
function codeSpan(text: string): string {
    const longestRun = Math.max(
        0,
        ...(text.match(/`+/g) ?? []).map((run) => run.length)
    );
    const fence = '`'.repeat(longestRun + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}

/** As `cfn`'s escape_markdown: escape a heading that starts with a reserved character. */
function escapeMarkdown(text: string): string {
    return /^[\^*+.([{#]/.test(text) ? `\\${text}` : text;
}

function docProperty(
    field: Field,
    required: boolean,
    updateRequires: 'Replacement' | 'Some interruptions' | 'No interruption'
): string {
    const schema = field.schema;
    const parts = [`#### ${escapeMarkdown(field.name)}\n`];
    if (field.description) {
        parts.push(`\n${field.description}\n`);
    }
    parts.push(`\n_Required_: ${required ? 'Yes' : 'No'}\n`);
    parts.push(`\n_Type_: ${docTypes(field.type).long}\n`);
    if (field.type.kind === 'primitive' && schema.enum && schema.enum.length > 0) {
        const values = schema.enum.map((v) => `<code>${v}</code>`).join(' | ');
        parts.push(`\n_Allowed Values_: ${values}\n`);
    }
    if (field.type.kind === 'primitive' && schema.minLength) {
        parts.push(`\n_Minimum Length_: <code>${schema.minLength}</code>\n`);
    }
    if (field.type.kind === 'primitive' && schema.maxLength) {
        parts.push(`\n_Maximum Length_: <code>${schema.maxLength}</code>\n`);
    }
    if (field.type.kind === 'primitive' && schema.pattern) {
        parts.push(`\n_Pattern_: ${codeSpan(schema.pattern)}\n`);
    }
    const anchor = {
        Replacement: 'update-replacement',
        'Some interruptions': 'update-some-interrupt',
        'No interruption': 'update-no-interrupt',
    }[updateRequires];
    parts.push(
        `\n_Update requires_: [${updateRequires}](${UPDATE_BEHAVIOURS}#${anchor})\n`
    );
    return parts.join('') + '\n';
}

function docPage(resolved: ResolvedSchema, object: ObjectType): string {
    const { schema } = resolved;
    const isResource = object.pointer === '';
    const readOnly = new Set(isResource ? (schema.readOnlyProperties ?? []) : []);
    const createOnly = new Set(isResource ? (schema.createOnlyProperties ?? []) : []);
    const conditional = new Set(
        isResource ? (schema.conditionalCreateOnlyProperties ?? []) : []
    );
    const pointer = (field: Field): string => `/properties/${field.name}`;
    const writable = object.fields.filter((f) => !readOnly.has(pointer(f)));
    const indent = isResource ? '        ' : '    ';
    const last = object.fields[object.fields.length - 1];

    const jsonLines = writable.map((f) => {
        const comma = f === last ? '' : ',';
        const link = `<a href="#${f.name.toLowerCase()}" title="${f.name}">${f.name}</a>`;
        return `${indent}"${link}" : <i>${docTypes(f.type).json}</i>${comma}\n`;
    });
    const yamlLines = writable.map((f) => {
        const link = `<a href="#${f.name.toLowerCase()}" title="${f.name}">${f.name}</a>`;
        return `${isResource ? '    ' : ''}${link}: <i>${docTypes(f.type).yaml}</i>\n`;
    });

    const title = isResource ? schema.typeName : `${schema.typeName} ${object.name}`;
    const parts = [`<!-- ${notice(schema)} -->\n`, `# ${title}\n`];
    if (object.description) {
        parts.push(`\n${object.description}\n`);
    }
    parts.push(
        '\n## Syntax\n\n',
        'To declare this entity in your AWS CloudFormation template, use the following syntax:\n\n',
        '### JSON\n\n<pre>\n{\n'
    );
    if (isResource) {
        parts.push(`    "Type" : "${schema.typeName}",\n    "Properties" : {\n`);
    }
    parts.push(...jsonLines);
    parts.push(isResource ? '    }\n}\n' : '}\n', '</pre>\n\n### YAML\n\n<pre>\n');
    if (isResource) {
        parts.push(`Type: ${schema.typeName}\nProperties:\n`);
    }
    parts.push(...yamlLines, '</pre>\n');
    if (object.fields.length > 0) {
        parts.push('\n## Properties\n\n');
        for (const field of writable) {
            const update = createOnly.has(pointer(field))
                ? 'Replacement'
                : conditional.has(pointer(field))
                  ? 'Some interruptions'
                  : 'No interruption';
            parts.push(
                docProperty(field, object.required.includes(field.name), update)
            );
        }
    }
    if (isResource) {
        parts.push(...returnValues(resolved, object));
    }
    return parts.join('').replace(/\n+$/, '\n');
}

function returnValues(resolved: ResolvedSchema, resource: ObjectType): string[] {
    const primary = resolved.schema.primaryIdentifier ?? [];
    const refPath = primary.length === 1 ? primary[0].split('/').slice(2) : [];
    const ref = refPath.length === 1 ? refPath[0] : undefined;
    const getAtts = (resolved.schema.readOnlyProperties ?? []).map((pointer) => {
        const name = pointer.split('/').pop() ?? pointer;
        const field = resource.fields.find((f) => `/properties/${f.name}` === pointer);
        return {
            name,
            description:
                field?.description ?? `Returns the <code>${name}</code> value.`,
        };
    });
    if (ref === undefined && getAtts.length === 0) {
        return [];
    }
    const parts = ['## Return Values\n'];
    if (ref !== undefined) {
        parts.push(
            '\n### Ref\n\n',
            `When you pass the logical ID of this resource to the intrinsic \`Ref\` function, Ref returns the ${ref}.\n`
        );
    }
    if (getAtts.length > 0) {
        parts.push(
            '\n### Fn::GetAtt\n\n',
            'The `Fn::GetAtt` intrinsic function returns a value for a specified attribute of this type. The following are the available attributes and sample return values.\n\n',
            `For more information about using the \`Fn::GetAtt\` intrinsic function, see [Fn::GetAtt](${GETATT_URL}).\n\n`
        );
        for (const att of getAtts) {
            parts.push(`#### ${att.name}\n`, `\n${att.description}\n`, '\n');
        }
    }
    return parts;
}

export function renderDocs(resolved: ResolvedSchema): Record<string, string> {
    const files: Record<string, string> = {};
    for (const object of resolved.objects) {
        const file = object.pointer === '' ? 'README.md' : docPageName(object.name);
        files[`${DOCS_DIR}/${file}`] = docPage(resolved, object);
    }
    return files;
}

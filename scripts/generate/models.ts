/**
 * `src/models.ts` (the classes the library casts requests into) and
 * `src/properties.ts` (the wire form as plain interfaces), from the resolved
 * schema.
 */
import {
    type FieldType,
    notice,
    type ObjectType,
    type Primitive,
    type PropertySchema,
    type ResolvedSchema,
} from './schema';

/**
 * The resource's model and its type configuration's, on src/wire-model.ts: the
 * library casts each request's states into them, and they keep the wire form
 * that src/properties.ts describes. The schema gives them their type name.
 */
export function renderModels(resolved: ResolvedSchema): string {
    const { schema } = resolved;
    return [
        `// ${notice(schema)}`,
        "import { WireModel } from './wire-model';",
        '',
        '/**',
        ` * The ${schema.typeName} model: a state as the library hands it to the actions,`,
        ' * in the wire form of `ResourceProperties` (src/properties.ts) as it came.',
        ' */',
        'export class ResourceModel extends WireModel {',
        `public static override readonly TYPE_NAME: string = '${schema.typeName}';`,
        '}',
        '',
        '/** The type configuration: the schema defines none. */',
        'export class TypeConfigurationModel extends WireModel {}',
        '',
    ].join('\n');
}

function jsDoc(text: string | undefined): string[] {
    if (text === undefined || text.trim() === '') {
        return [];
    }
    return [
        '/**',
        ...wrap(text.replace(/\*\//g, '*\\/'), 80).map((l) => ` * ${l}`),
        ' */',
    ];
}

/** Greedy word wrap, so generated comments stay within the print width. */
function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter((w) => w !== '')) {
        if (line !== '' && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line === '' ? word : `${line} ${word}`;
        }
    }
    if (line !== '') {
        lines.push(line);
    }
    return lines;
}

const PRIMITIVE_TS: Record<Primitive, string> = {
    string: 'string',
    integer: 'number',
    number: 'number',
    boolean: 'boolean',
};

/** The innermost type of a field: the items of its lists, however nested. */
function innerType(type: FieldType): FieldType {
    return type.kind === 'list' ? innerType(type.items) : type;
}

function wireType(type: FieldType, schema: PropertySchema): string {
    switch (type.kind) {
        case 'primitive':
            if (type.enumAlias !== undefined) {
                return type.enumAlias;
            }
            if (schema.enum !== undefined) {
                return schema.enum.map((v) => `'${v}'`).join(' | ');
            }
            return PRIMITIVE_TS[type.primitive];
        case 'model':
            return type.name;
        case 'list': {
            const items = wireType(type.items, schema.items ?? {});
            return /^\w+$/.test(items) ? `${items}[]` : `Array<${items}>`;
        }
    }
}

export function renderProperties(resolved: ResolvedSchema): string {
    const out: string[] = [
        `// ${notice(resolved.schema)}`,
        '/*',
        ` * The ${resolved.schema.typeName} properties in their wire form, as CloudFormation`,
        ' * sends them and as handlers return them. Every resource property is optional here,',
        ' * because read results and partial models use the same shape; in nested objects,',
        ' * the properties the schema requires say so (they are optional here as well).',
        ' */',
        '',
    ];
    const enumsByName = new Map(resolved.enums.map((e) => [e.name, e]));
    const emitted = new Set<string>();
    const emitEnumsOf = (object: ObjectType): void => {
        for (const field of object.fields) {
            const inner = innerType(field.type);
            const alias = inner.kind === 'primitive' ? inner.enumAlias : undefined;
            const enumType = alias === undefined ? undefined : enumsByName.get(alias);
            if (enumType !== undefined && !emitted.has(enumType.name)) {
                emitted.add(enumType.name);
                out.push(
                    ...jsDoc(enumType.description),
                    `export type ${enumType.name} = ${enumType.values
                        .map((v) => `'${v}'`)
                        .join(' | ')};`,
                    ''
                );
            }
        }
    };
    for (const object of resolved.objects) {
        const isResource = object.pointer === '';
        const name = isResource ? 'ResourceProperties' : object.name;
        out.push(...jsDoc(object.description), `export interface ${name} {`);
        object.fields.forEach((field, i) => {
            if (i > 0) {
                out.push('');
            }
            const optional = isResource || !field.required ? '?' : '';
            out.push(
                ...jsDoc(field.description),
                `${field.name}${optional}: ${wireType(field.type, field.schema)};`
            );
        });
        out.push('}', '');
        emitEnumsOf(object);
    }
    return out.join('\n');
}

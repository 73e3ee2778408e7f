/**
 * A structural comparison of two resource schemas: every property path of the
 * public one, with `$ref`s resolved in both, and every place where the other
 * (this type's) is stricter or looser there.
 *
 * Paths are model paths: `PhoneConfig.DeskPhoneNumber`, `Tags[].Key` (`[]` is
 * any item of a list), `` for the model itself.
 */

export interface SchemaNode {
    $ref?: string;
    type?: string;
    enum?: unknown[];
    pattern?: string;
    minLength?: number;
    maxLength?: number;
    minimum?: number;
    maximum?: number;
    minItems?: number;
    maxItems?: number;
    multipleOf?: number;
    uniqueItems?: boolean;
    additionalProperties?: boolean | SchemaNode;
    required?: string[];
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
    [keyword: string]: unknown;
}

export interface ResourceSchema extends SchemaNode {
    definitions?: Record<string, SchemaNode>;
    createOnlyProperties?: string[];
    readOnlyProperties?: string[];
}

/** What makes a schema accept less than another at one path. */
export type StructuralKind =
    | 'property'
    | 'type'
    | 'enum'
    | 'pattern'
    | 'minLength'
    | 'maxLength'
    | 'minimum'
    | 'maximum'
    | 'minItems'
    | 'maxItems'
    | 'multipleOf'
    | 'uniqueItems'
    | 'additionalProperties'
    | 'required'
    | 'createOnly'
    | 'readOnly';

export interface Difference {
    path: string;
    kind: StructuralKind;
    /** What the public schema says there (`undefined`: nothing). */
    public: unknown;
    /** What this type's schema says there. */
    ours: unknown;
}

const show = (value: unknown) => (value === undefined ? 'none' : JSON.stringify(value));

/** `public: 10; ours: 5`. */
export const detailOf = (difference: Difference) =>
    `public: ${show(difference.public)}; ours: ${show(difference.ours)}`;

export interface Comparison {
    /** Where the other schema refuses something the public one accepts. */
    stricter: Difference[];
    /** Where the other schema accepts something the public one refuses. */
    looser: Difference[];
}

/**
 * The keywords the comparison understands. Any other keyword in either schema
 * could constrain a value unseen, so `unhandledKeywords` reports it.
 */
const VALIDATING = new Set([
    '$ref',
    'type',
    'enum',
    'pattern',
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
    'minItems',
    'maxItems',
    'multipleOf',
    'uniqueItems',
    'additionalProperties',
    'required',
    'properties',
    'items',
]);
const ANNOTATIONS = new Set(['description', 'insertionOrder', '$comment', 'title']);

/** A node's content: a `$ref` replaced by its definition, sibling keywords kept. */
export function resolve(node: SchemaNode, schema: ResourceSchema): SchemaNode {
    if (node.$ref === undefined) {
        return node;
    }
    const name = node.$ref.replace(/^#\/definitions\//, '');
    const definition = schema.definitions?.[name];
    if (definition === undefined) {
        throw new Error(`unresolvable $ref ${node.$ref}`);
    }
    const { $ref: _ref, ...siblings } = node;
    return { ...resolve(definition, schema), ...siblings };
}

const child = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** An empty pattern matches every string: it is no constraint. */
const patternOf = (node: SchemaNode) => (node.pattern ? node.pattern : undefined);

type Bound =
    'minLength' | 'minimum' | 'minItems' | 'maxLength' | 'maximum' | 'maxItems';
const LOWER: Bound[] = ['minLength', 'minimum', 'minItems'];
const UPPER: Bound[] = ['maxLength', 'maximum', 'maxItems'];

/** The two schemas being compared, and what the comparison has found so far. */
interface Context {
    pub: ResourceSchema;
    ours: ResourceSchema;
    out: Comparison;
}

function compareNode(path: string, pub: SchemaNode, ours: SchemaNode, ctx: Context) {
    const found = (list: Difference[], kind: StructuralKind, a: unknown, b: unknown) =>
        list.push({ path, kind, public: a, ours: b });
    /** Ours refuses more at this keyword. */
    const stricter = (kind: StructuralKind, a = pub[kind], b = ours[kind]) =>
        found(ctx.out.stricter, kind, a, b);
    /** Ours takes more at this keyword. */
    const looser = (kind: StructuralKind, a = pub[kind], b = ours[kind]) =>
        found(ctx.out.looser, kind, a, b);

    if (pub.type !== ours.type) {
        if (pub.type === 'integer' && ours.type === 'number') {
            looser('type');
        } else {
            stricter('type');
        }
    }

    if (ours.enum !== undefined) {
        if (
            pub.enum === undefined ||
            pub.enum.some((value) => !ours.enum?.includes(value))
        ) {
            stricter('enum');
        }
    }
    if (pub.enum !== undefined) {
        if (
            ours.enum === undefined ||
            ours.enum.some((value) => !pub.enum?.includes(value))
        ) {
            looser('enum');
        }
    }

    const pubPattern = patternOf(pub);
    const ourPattern = patternOf(ours);
    if (ourPattern !== undefined && ourPattern !== pubPattern) {
        stricter('pattern', pubPattern, ourPattern);
    }
    if (pubPattern !== undefined && pubPattern !== ourPattern) {
        looser('pattern', pubPattern, ourPattern);
    }

    for (const keyword of LOWER) {
        // A lower bound of 0 on a length or a count is no bound at all.
        const none = keyword === 'minimum' ? -Infinity : 0;
        const a = Math.max(pub[keyword] ?? none, none);
        const b = Math.max(ours[keyword] ?? none, none);
        if (b > a) stricter(keyword);
        if (b < a) looser(keyword);
    }
    for (const keyword of UPPER) {
        const a = pub[keyword] ?? Infinity;
        const b = ours[keyword] ?? Infinity;
        if (b < a) stricter(keyword);
        if (b > a) looser(keyword);
    }

    // Every multiple of the public step must be one of ours, and the other way round.
    const pubStep = pub.multipleOf;
    const ourStep = ours.multipleOf;
    if (ourStep !== undefined && (pubStep === undefined || pubStep % ourStep !== 0)) {
        stricter('multipleOf');
    }
    if (pubStep !== undefined && (ourStep === undefined || ourStep % pubStep !== 0)) {
        looser('multipleOf');
    }

    if (ours.uniqueItems === true && pub.uniqueItems !== true) stricter('uniqueItems');
    if (pub.uniqueItems === true && ours.uniqueItems !== true) looser('uniqueItems');

    if (pub.properties !== undefined || ours.properties !== undefined) {
        compareObject(path, pub, ours, ctx);
    }
    if (pub.items !== undefined) {
        walk(`${path}[]`, pub.items, ours.items, ctx);
    }
}

function compareObject(path: string, pub: SchemaNode, ours: SchemaNode, ctx: Context) {
    const { out } = ctx;
    const closed = (node: SchemaNode) => node.additionalProperties === false;
    if (closed(ours) && !closed(pub)) {
        out.stricter.push({
            path,
            kind: 'additionalProperties',
            public: pub.additionalProperties,
            ours: false,
        });
    }
    if (closed(pub) && !closed(ours)) {
        out.looser.push({
            path,
            kind: 'additionalProperties',
            public: false,
            ours: ours.additionalProperties,
        });
    }
    const pubRequired = pub.required ?? [];
    const ourRequired = ours.required ?? [];
    for (const name of ourRequired.filter((name) => !pubRequired.includes(name))) {
        out.stricter.push({
            path: child(path, name),
            kind: 'required',
            public: 'optional',
            ours: 'required',
        });
    }
    for (const name of pubRequired.filter((name) => !ourRequired.includes(name))) {
        out.looser.push({
            path: child(path, name),
            kind: 'required',
            public: 'required',
            ours: 'optional',
        });
    }
    for (const [name, node] of Object.entries(pub.properties ?? {})) {
        walk(child(path, name), node, ours.properties?.[name], ctx);
    }
    for (const name of Object.keys(ours.properties ?? {})) {
        if (pub.properties?.[name] === undefined && closed(pub)) {
            out.looser.push({
                path: child(path, name),
                kind: 'property',
                public: undefined,
                ours: 'a property',
            });
        }
    }
}

function walk(
    path: string,
    pubNode: SchemaNode,
    ourNode: SchemaNode | undefined,
    ctx: Context
) {
    const pub = resolve(pubNode, ctx.pub);
    if (ourNode === undefined) {
        ctx.out.stricter.push({
            path,
            kind: 'property',
            public: 'a property',
            ours: undefined,
        });
        return;
    }
    compareNode(path, pub, resolve(ourNode, ctx.ours), ctx);
}

/** `/properties/A/B` -> `A.B`. */
const modelPath = (pointer: string) =>
    pointer
        .replace(/^\/properties\//, '')
        .split('/')
        .join('.');

function compareLists(
    kind: 'createOnly' | 'readOnly',
    pub: string[] = [],
    ours: string[] = [],
    out: Comparison
): void {
    for (const pointer of ours.filter((pointer) => !pub.includes(pointer))) {
        out.stricter.push({
            path: modelPath(pointer),
            kind,
            public: `not ${kind}`,
            ours: kind,
        });
    }
    for (const pointer of pub.filter((pointer) => !ours.includes(pointer))) {
        out.looser.push({
            path: modelPath(pointer),
            kind,
            public: kind,
            ours: `not ${kind}`,
        });
    }
}

/** Every place where `ours` is stricter, and looser, than `pub`. */
export function compareSchemas(pub: ResourceSchema, ours: ResourceSchema): Comparison {
    const out: Comparison = { stricter: [], looser: [] };
    compareObject('', pub, ours, { pub, ours, out });
    compareLists(
        'createOnly',
        pub.createOnlyProperties,
        ours.createOnlyProperties,
        out
    );
    compareLists('readOnly', pub.readOnlyProperties, ours.readOnlyProperties, out);
    return out;
}

/**
 * The keywords of the schema's properties and definitions that the comparison
 * does not understand, as `path: keyword`.
 */
export function unhandledKeywords(schema: ResourceSchema): string[] {
    const found: string[] = [];
    const visit = (where: string, node: SchemaNode) => {
        for (const [keyword, value] of Object.entries(node)) {
            if (!VALIDATING.has(keyword) && !ANNOTATIONS.has(keyword)) {
                found.push(`${where}: ${keyword}`);
            }
            if (keyword === 'properties') {
                for (const [name, property] of Object.entries(
                    value as Record<string, SchemaNode>
                )) {
                    visit(`${where}/properties/${name}`, property);
                }
            }
            if (
                keyword === 'items' ||
                (keyword === 'additionalProperties' && typeof value === 'object')
            ) {
                visit(`${where}/${keyword}`, value as SchemaNode);
            }
        }
    };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
        visit(`/properties/${name}`, property);
    }
    for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
        visit(`/definitions/${name}`, definition);
    }
    return found;
}

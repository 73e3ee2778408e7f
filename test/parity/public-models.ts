import fc from 'fast-check';
import { PUBLIC_SCHEMA, patternRegExp } from './public-schema';
import { resolve, type ResourceSchema, type SchemaNode } from './schema-walk';

/**
 * Arbitrary models built from the public schema's shape: every property, with
 * values its types, enums, patterns, lengths, ranges and list sizes allow, so
 * that the public schema accepts every model. A pattern that fast-check cannot
 * generate from (a lookahead) has a hand-written arbitrary here; a new one
 * makes `publicModelArb` throw until it has one.
 */

/** Code points, as JSON Schema counts a string's length. */
const lengthOf = (text: string) => [...text].length;

const insert = (text: string, at: number, part: string) => {
    const points = [...text];
    const index = at % (points.length + 1);
    return [...points.slice(0, index), part, ...points.slice(index)].join('');
};

/** The public patterns with lookaheads, which `fc.stringMatching` does not generate from. */
const LOOKAHEAD_PATTERNS: Record<string, fc.Arbitrary<string>> = {
    // Tag key: no lower-case aws: prefix.
    '^(?!aws:)[a-zA-Z+-=._:/]+$': fc
        .stringMatching(/^[a-zA-Z+-=._:/]+$/)
        .filter((key) => !key.startsWith('aws:')),
    // Password: 8 to 64, with a lower-case letter, an upper-case letter and a digit.
    '^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)[a-zA-Z\\d\\S]{8,64}$': fc
        .tuple(
            fc.stringMatching(/^[a-zA-Z\d\S]{5,61}$/u),
            fc.stringMatching(/^[a-z][A-Z]\d$/),
            fc.nat()
        )
        .map(([rest, required, at]) => insert(rest, at, required)),
    // Secondary email: at most 265 characters, none a line break.
    '(?=^.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,63}':
        fc.stringMatching(/[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}/),
};

/**
 * Text a pattern takes: fast-check puts any text around a match of a pattern
 * that is not anchored, so the anchored form is asked for too, for the values a
 * template usually holds.
 */
function patterned(pattern: string): fc.Arbitrary<string> {
    const regex = patternRegExp(pattern);
    const arbitrary =
        LOOKAHEAD_PATTERNS[pattern] ??
        fc.oneof(
            fc.stringMatching(regex),
            fc.stringMatching(patternRegExp(`^(?:${pattern.replace(/^\^|\$$/g, '')})$`))
        );
    return arbitrary.filter((text) => regex.test(text));
}

/** Text of every kind: ASCII, Unicode graphemes (composed or not), any code point. */
const anyText = (maxLength: number) =>
    fc.oneof(
        fc.string({ maxLength }),
        fc.string({ unit: 'grapheme', maxLength }),
        fc.string({ unit: 'binary', maxLength })
    );

function stringArb(node: SchemaNode): fc.Arbitrary<string> {
    if (node.enum !== undefined) {
        return fc.constantFrom(...(node.enum as string[]));
    }
    const min = node.minLength ?? 0;
    const max = node.maxLength ?? Infinity;
    const short = anyText(Math.min(max, 24));
    // now and then as long as the field may be
    const longest = Number.isFinite(max)
        ? fc.string({ minLength: Math.max(min, max), maxLength: max })
        : undefined;
    const base = node.pattern
        ? patterned(node.pattern)
        : longest
          ? fc.oneof({ weight: 4, arbitrary: short }, { weight: 1, arbitrary: longest })
          : short;
    return base.filter((text) => lengthOf(text) >= min && lengthOf(text) <= max);
}

function numberArb(node: SchemaNode): fc.Arbitrary<number> {
    const min = node.minimum ?? -(2 ** 31);
    const max = node.maximum ?? 2 ** 31 - 1;
    const whole = fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 100) }) },
        { weight: 1, arbitrary: fc.integer({ min, max }) }
    );
    if (node.type === 'integer') {
        return whole;
    }
    return fc.oneof(
        { weight: 2, arbitrary: whole },
        { weight: 1, arbitrary: fc.double({ min, max, noNaN: true }) }
    );
}

function arbitraryOf(node: SchemaNode, schema: ResourceSchema): fc.Arbitrary<unknown> {
    const at = resolve(node, schema);
    switch (at.type) {
        case 'string':
            return stringArb(at);
        case 'integer':
        case 'number':
            return numberArb(at);
        case 'boolean':
            return fc.boolean();
        case 'array': {
            const item = arbitraryOf(at.items ?? {}, schema);
            const constraints = {
                minLength: at.minItems ?? 0,
                maxLength: Math.min(at.maxItems ?? 5, 5),
            };
            return at.uniqueItems
                ? fc.uniqueArray(item, {
                      ...constraints,
                      selector: (value) => JSON.stringify(value),
                  })
                : fc.array(item, constraints);
        }
        case 'object':
            return recordOf(at, schema, []);
        default:
            throw new Error(`no arbitrary for a schema of type ${String(at.type)}`);
    }
}

/** An optional property left out; most are, so that models stay small. */
const ABSENT = Symbol('absent');

function recordOf(
    node: SchemaNode,
    schema: ResourceSchema,
    leaveOut: readonly string[]
): fc.Arbitrary<Record<string, unknown>> {
    const required = node.required ?? [];
    const names = Object.keys(node.properties ?? {}).filter(
        (name) => !leaveOut.includes(name)
    );
    const entries = names.map((name) => {
        const value = arbitraryOf((node.properties ?? {})[name], schema);
        return [
            name,
            required.includes(name)
                ? value
                : fc.oneof(
                      { weight: 2, arbitrary: fc.constant(ABSENT) },
                      { weight: 1, arbitrary: value }
                  ),
        ] as const;
    });
    return fc
        .record(Object.fromEntries(entries))
        .map((record) =>
            Object.fromEntries(
                Object.entries(record).filter(([, value]) => value !== ABSENT)
            )
        );
}

/**
 * Models as a template gives them: every property of the public schema but the
 * read-only ones, which a template does not set.
 */
export const publicModelArb: fc.Arbitrary<Record<string, unknown>> = recordOf(
    PUBLIC_SCHEMA,
    PUBLIC_SCHEMA,
    (PUBLIC_SCHEMA.readOnlyProperties ?? []).map((pointer) =>
        pointer.replace('/properties/', '')
    )
);

const REFERENCE_KINDS = /\/(routing-profile|security-profile|agent-group)\//;

/** A reference ARN moved under another instance ARN. */
function under(instanceArn: string, arn: unknown): unknown {
    if (typeof arn !== 'string') {
        return arn;
    }
    const match = REFERENCE_KINDS.exec(arn);
    return match ? `${instanceArn}${arn.slice(match.index)}` : arn;
}

/**
 * Models as a template usually has them: most refer to resources of their own
 * instance (a reference to another instance is refused, naming the field).
 */
export const templateModelArb: fc.Arbitrary<Record<string, unknown>> = fc
    .tuple(publicModelArb, fc.boolean())
    .map(([model, sameInstance]) => {
        const instanceArn = model.InstanceArn;
        if (!sameInstance || typeof instanceArn !== 'string') {
            return model;
        }
        const moved: Record<string, unknown> = { ...model };
        for (const field of ['RoutingProfileArn', 'HierarchyGroupArn']) {
            if (field in moved) moved[field] = under(instanceArn, moved[field]);
        }
        if (Array.isArray(moved.SecurityProfileArns)) {
            moved.SecurityProfileArns = [
                ...new Set(
                    moved.SecurityProfileArns.map((arn) => under(instanceArn, arn))
                ),
            ];
        }
        return moved;
    });

/**
 * How deep a model may nest. The schema's deepest value is four levels down
 * (`AfterContactWorkConfigs[0].AfterContactWorkConfig.AfterContactWorkTimeLimit`);
 * anything much deeper is no model of this type, and copying, parsing or
 * checking it with recursive code (JSON.stringify, the library's
 * class-transformer) would run out of stack.
 */
export const MAX_MODEL_DEPTH = 32;

/**
 * The top-level property of `value` holding something nested deeper than
 * `maxDepth` objects and arrays, or undefined. A loop over an explicit stack,
 * not recursion, so that any depth is measured without running out of stack.
 */
export function tooDeepProperty(
    value: object,
    maxDepth = MAX_MODEL_DEPTH
): string | undefined {
    const stack: Array<{ value: unknown; property: string; depth: number }> =
        Object.entries(value).map(([property, inner]) => ({
            value: inner,
            property,
            depth: 1,
        }));
    while (stack.length) {
        const { value: at, property, depth } = stack.pop() as (typeof stack)[number];
        if (typeof at !== 'object' || at === null) {
            continue;
        }
        if (depth >= maxDepth) {
            return property;
        }
        for (const inner of Object.values(at)) {
            stack.push({ value: inner, property, depth: depth + 1 });
        }
    }
    return undefined;
}

/** What is wrong with a value nested too deep under `property`. */
export function tooDeepMessage(property: string, typeName: string): string {
    return `${property} nests values more than ${MAX_MODEL_DEPTH} levels deep: no property of ${typeName} nests that deep`;
}

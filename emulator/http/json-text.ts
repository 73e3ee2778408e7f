/**
 * JSON text from a request, parsed without ever quoting it back: V8's parse
 * errors quote the text around the mistake, which may be an unquoted password.
 * A problem says where the text is broken (line and column) and what kind of
 * mistake it is, never what the text holds. Nesting is bounded before anything
 * walks the value, since the validators and patch code recurse.
 */

/** Deeper than any request of these APIs (a user model is 4 levels deep). */
export const MAX_JSON_DEPTH = 64;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: string };

type Expect =
    | 'value'
    | 'value-or-close'
    | 'key'
    | 'key-or-close'
    | 'colon'
    | 'comma-or-close'
    | 'end';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

interface Mistake {
    offset: number;
    kind: string;
}

/** The end of the string starting at `start` (its opening quote), or a mistake. */
function stringEnd(text: string, start: number): number | Mistake {
    let index = start + 1;
    for (;;) {
        if (index >= text.length) {
            return { offset: index, kind: 'unterminated string' };
        }
        const code = text.charCodeAt(index);
        if (code === 0x22) return index + 1;
        if (code < 0x20) return { offset: index, kind: 'control character in string' };
        if (code === 0x5c) {
            const escaped = text[index + 1];
            if (escaped === 'u' && HEX4.test(text.slice(index + 2, index + 6))) {
                index += 6;
            } else if (escaped !== undefined && ESCAPES.has(escaped)) {
                index += 2;
            } else {
                return { offset: index, kind: 'bad escape in string' };
            }
            continue;
        }
        index += 1;
    }
}

/** The end of the scalar (number or literal) at `start`, or undefined. */
function scalarEnd(text: string, start: number): number | undefined {
    for (const literal of ['true', 'false', 'null']) {
        if (text.startsWith(literal, start)) return start + literal.length;
    }
    NUMBER.lastIndex = start;
    return NUMBER.exec(text) ? NUMBER.lastIndex : undefined;
}

/** The first mistake in a JSON text, scanning without recursion; undefined when valid. */
export function jsonMistake(
    text: string,
    maxDepth = MAX_JSON_DEPTH
): Mistake | undefined {
    const open: string[] = [];
    let expect: Expect = 'value';
    let index = 0;
    const afterValue = (): Expect => (open.length ? 'comma-or-close' : 'end');
    while (index < text.length) {
        const char = text[index];
        if (WHITESPACE.has(char)) {
            index += 1;
            continue;
        }
        const unexpected = { offset: index, kind: 'unexpected character' };
        switch (expect) {
            case 'end':
                return { offset: index, kind: 'unexpected text after the JSON value' };
            case 'colon':
                if (char !== ':') return unexpected;
                expect = 'value';
                index += 1;
                continue;
            case 'comma-or-close':
                if (char === ',') {
                    expect = open[open.length - 1] === '{' ? 'key' : 'value';
                } else if (
                    (char === '}' && open[open.length - 1] === '{') ||
                    (char === ']' && open[open.length - 1] === '[')
                ) {
                    open.pop();
                    expect = afterValue();
                } else {
                    return unexpected;
                }
                index += 1;
                continue;
            case 'key':
            case 'key-or-close': {
                if (char === '}' && expect === 'key-or-close') {
                    open.pop();
                    expect = afterValue();
                    index += 1;
                    continue;
                }
                if (char !== '"') return unexpected;
                const end = stringEnd(text, index);
                if (typeof end !== 'number') return end;
                index = end;
                expect = 'colon';
                continue;
            }
            default: {
                if (char === ']' && expect === 'value-or-close') {
                    open.pop();
                    expect = afterValue();
                    index += 1;
                    continue;
                }
                if (char === '{' || char === '[') {
                    if (open.length >= maxDepth) {
                        return {
                            offset: index,
                            kind: `nested deeper than ${maxDepth} levels`,
                        };
                    }
                    open.push(char);
                    expect = char === '{' ? 'key-or-close' : 'value-or-close';
                    index += 1;
                    continue;
                }
                const end =
                    char === '"' ? stringEnd(text, index) : scalarEnd(text, index);
                if (end === undefined) return unexpected;
                if (typeof end !== 'number') return end;
                index = end;
                expect = afterValue();
            }
        }
    }
    return expect === 'end'
        ? undefined
        : { offset: index, kind: 'unexpected end of text' };
}

/** `line L, column C` (both from 1) of an offset in a text. */
export function lineAndColumn(text: string, offset: number): string {
    let line = 1;
    let lineStart = 0;
    for (let index = text.indexOf('\n'); index !== -1 && index < offset;) {
        line += 1;
        lineStart = index + 1;
        index = text.indexOf('\n', lineStart);
    }
    return `line ${line}, column ${offset - lineStart + 1}`;
}

/**
 * Parses JSON text from a request. A problem reads e.g. `not valid JSON at
 * line 1, column 13 (unexpected character)`, and never holds any of the text.
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): ParsedJson {
    const mistake = jsonMistake(text, maxDepth);
    if (mistake) {
        const where = lineAndColumn(text, mistake.offset);
        return { ok: false, problem: `not valid JSON at ${where} (${mistake.kind})` };
    }
    try {
        return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
        // The scan above accepts only what JSON.parse accepts; this is a guard.
        return { ok: false, problem: 'not valid JSON' };
    }
}

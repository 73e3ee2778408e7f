/**
 * The JSON parse that says where a text is broken and never what it holds.
 */
import fc from 'fast-check';
import { jsonMistake, parseJsonText } from '../../emulator/http/json-text';
import { escapeLogText } from '../../emulator/http/log-text';

describe('parseJsonText', () => {
    it.each([
        ['{"Password":Pass@Word1}', 'line 1, column 13 (unexpected character)'],
        ['{"a":1,}', 'line 1, column 8 (unexpected character)'],
        ['{\n  "a": 1\n  "Password": "x"}', 'line 3, column 3 (unexpected character)'],
        ['{"Password":"Pass@Word1', 'line 1, column 24 (unterminated string)'],
        ['{"a":"\\q"}', 'line 1, column 7 (bad escape in string)'],
        ['{"a":"\\u12G4"}', 'line 1, column 7 (bad escape in string)'],
        ['"tab\there"', 'line 1, column 5 (control character in string)'],
        ['{"a":1} {"b":2}', 'line 1, column 9 (unexpected text after the JSON value)'],
        ['', 'line 1, column 1 (unexpected end of text)'],
        ['[1, 2', 'line 1, column 6 (unexpected end of text)'],
        ['01', 'line 1, column 2 (unexpected text after the JSON value)'],
        ['[tru]', 'line 1, column 2 (unexpected character)'],
        ['{"a" 1}', 'line 1, column 6 (unexpected character)'],
        ['[1}', 'line 1, column 3 (unexpected character)'],
        ['[[[1]]]', 'line 1, column 3 (nested deeper than 2 levels)'],
    ])('%j is refused at %s', (text, where) => {
        const parsed = parseJsonText(text, 2);
        expect(parsed).toEqual({ ok: false, problem: `not valid JSON at ${where}` });
    });

    it('never quotes the text it refuses', () => {
        fc.assert(
            fc.property(fc.string({ minLength: 8 }), (secret) => {
                const parsed = parseJsonText(`{"Password":${secret}`);
                return parsed.ok || !parsed.problem.includes(secret);
            })
        );
    });

    it('accepts exactly what JSON.parse accepts, with the same value', () => {
        const texts = fc.oneof(
            fc.json({ depthSize: 'medium' }),
            fc.string(),
            fc.json().map((text) => text.slice(0, -1)),
            fc.json().map((text) => `${text}x`)
        );
        fc.assert(
            fc.property(texts, (text) => {
                let expected: unknown;
                let valid = true;
                try {
                    expected = JSON.parse(text);
                } catch {
                    valid = false;
                }
                const parsed = parseJsonText(text);
                expect(parsed.ok).toBe(valid);
                if (parsed.ok) expect(parsed.value).toEqual(expected);
            }),
            { numRuns: 500 }
        );
    });

    it('scans 100,000 levels of nesting without recursion', () => {
        const deep = '['.repeat(100_000) + ']'.repeat(100_000);
        expect(jsonMistake(deep, 100_000)).toBeUndefined();
        expect(jsonMistake(deep)?.kind).toBe('nested deeper than 64 levels');
    });
});

describe('escapeLogText', () => {
    it.each([
        ['plain text', 'plain text'],
        ['a\nb', 'a\\x0ab'],
        ['\u001b[31mred', '\\x1b[31mred'],
        ['cr\r', 'cr\\x0d'],
        ['c1\u009b', 'c1\\x9b'],
        ['line\u2028separator', 'line\\u2028separator'],
        ['é ü 中', 'é ü 中'],
    ])('%j is logged as %j', (text, logged) => {
        expect(escapeLogText(text)).toBe(logged);
    });
});

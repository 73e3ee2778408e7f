/**
 * Log lines quote what requests carry (user IDs, operation names, messages
 * built from them). A control character could end the line and forge the next
 * one, or an ANSI escape rewrite the terminal: each is written as `\xNN` or
 * `\uNNNN`, so that one request is one line, as it was sent.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function escapeLogText(text: string): string {
    return text.replace(UNPRINTABLE, (char) => {
        const code = char.charCodeAt(0);
        return code <= 0xff
            ? `\\x${code.toString(16).padStart(2, '0')}`
            : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}

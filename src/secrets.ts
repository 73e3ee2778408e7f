import { inspect } from 'node:util';

/**
 * Keeping an invocation's secrets (the model's password, the caller's secret
 * access key and session token) out of what leaves the handler.
 *
 * Answers are redacted by value: no model in an answer holds a password, and
 * nothing else in an answer is touched, but for a message quoting a secret
 * Connect was sent. Log lines are text, so there every form a secret can take
 * in one is removed: as it is, JSON-escaped (a JSON document in a line), and
 * escaped as `util.inspect` prints a string (the library logs the test
 * entrypoint's event that way, `\` doubled and quotes escaped).
 */

export const REDACTED = '<REDACTED>';

/**
 * The shortest secret a message of an answer is searched for. A secret comes
 * back in a message only through a Connect error quoting what it was sent: a
 * password (8 characters at least, or validation refuses it before any call)
 * or a session token (hundreds). The secret key is never sent, only a
 * signature made with it. A shorter value (a dummy credential such as `test`)
 * cannot have come back, and removing it would only corrupt the message.
 */
export const MIN_SECRET_IN_MESSAGE = 8;

/** A text as it appears inside a JSON string. */
function jsonEscaped(text: string): string {
    return JSON.stringify(text).slice(1, -1);
}

/**
 * A text as it appears inside a string `util.inspect` prints, in its two
 * forms: `'` as it is (the string was quoted with " or `), or escaped as `\'`
 * (it was quoted with ' because it held all three quotes). Every other
 * character is escaped the same whatever the quotes, so each is escaped alone.
 */
function inspectEscaped(text: string): string[] {
    const characters = Array.from(text).map((character) =>
        character === "'" ? undefined : inspect(character).slice(1, -1)
    );
    return ["'", "\\'"].map((quote) =>
        characters.map((escaped) => escaped ?? quote).join('')
    );
}

/**
 * Every form a secret can take in a log line: as it is, JSON-escaped,
 * inspect-escaped, and those escaped once more (a JSON document inside a JSON
 * string, or printed by inspect). Longest first, so that a form is replaced
 * whole before a shorter one inside it is.
 */
export function formsOf(secret: string): string[] {
    const json = jsonEscaped(secret);
    const forms = new Set([
        secret,
        json,
        jsonEscaped(json),
        ...inspectEscaped(secret),
        ...inspectEscaped(json),
    ]);
    return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

function pattern(forms: readonly string[]): RegExp | undefined {
    if (!forms.length) {
        return undefined;
    }
    const escaped = [...forms]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(escaped.join('|'), 'g');
}

/** Replacements at most: a secret could reappear across a placeholder and the text after it. */
const MAX_PASSES = 4;

/** A text without any of the forms given. */
export function redactText(text: string, forms: readonly string[]): string {
    const search = pattern(forms);
    if (!search) {
        return text;
    }
    let result = text;
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
        const next = result.replace(search, REDACTED);
        if (next === result) {
            break;
        }
        result = next;
    }
    return result;
}

/**
 * The secrets of the invocations in flight, counted (two invocations may carry
 * the same), with the pattern of all their forms made once per change.
 */
export class SecretsInFlight {
    private readonly counts = new Map<string, number>();
    private forms: string[] | undefined = [];

    hold(secrets: readonly string[]): void {
        for (const secret of secrets) {
            this.counts.set(secret, (this.counts.get(secret) ?? 0) + 1);
        }
        this.forms = undefined;
    }

    release(secrets: readonly string[]): void {
        for (const secret of secrets) {
            const count = (this.counts.get(secret) ?? 0) - 1;
            if (count > 0) {
                this.counts.set(secret, count);
            } else {
                this.counts.delete(secret);
            }
        }
        this.forms = undefined;
    }

    /** A log line without any form of any secret in flight. */
    redact(line: string): string {
        this.forms ??= [...this.counts.keys()].flatMap(formsOf);
        return redactText(line, this.forms);
    }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutPassword(model: unknown): unknown {
    if (!isObject(model) || !Object.hasOwn(model, 'Password')) {
        return model;
    }
    const { Password: _password, ...rest } = model;
    return rest;
}

/**
 * An answer as it may leave the handler: no `Password` in any of its models,
 * and its message without the secrets that could have come back in it (see
 * MIN_SECRET_IN_MESSAGE). Anything else is returned as it is.
 */
export function redactAnswer(answer: Json, secrets: readonly string[]): Json {
    const redacted: Json = { ...answer };
    if (Object.hasOwn(answer, 'resourceModel')) {
        redacted.resourceModel = withoutPassword(answer.resourceModel);
    }
    if (Array.isArray(answer.resourceModels)) {
        redacted.resourceModels = answer.resourceModels.map(withoutPassword);
    }
    if (typeof answer.message === 'string') {
        const forms = secrets
            .filter((secret) => secret.length >= MIN_SECRET_IN_MESSAGE)
            .flatMap(formsOf);
        redacted.message = redactText(answer.message, forms);
    }
    return redacted;
}

import { format } from 'node:util';
import { formsOf, redactText, SecretsInFlight } from '../src/secrets';

/**
 * The library logs every invocation to the console, the test entrypoint's event
 * included, with the caller's credentials in it. These helpers keep those lines
 * off the terminal, or show them on stderr with every form of the secrets of
 * the invocations in flight replaced, by the handler's own redaction
 * (src/secrets.ts): a line may quote an event as JSON or as util.inspect
 * prints it, escaped.
 */

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const SECRET_KEY = /password|secret|token|accesskeyid/i;
/** Deep enough for any event CloudFormation sends; deeper values are not searched. */
const MAX_DEPTH = 12;

/** Every string in an event that must not be printed: passwords, keys, tokens. */
export function secretsOf(value: unknown, depth = 0, found = new Set<string>()) {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) {
        return found;
    }
    for (const [key, inner] of Object.entries(value)) {
        if (typeof inner === 'string' && SECRET_KEY.test(key) && inner.length >= 4) {
            found.add(inner);
        } else {
            secretsOf(inner, depth + 1, found);
        }
    }
    return found;
}

/** A text without any form of the secrets of the event. */
export function redactSecretsOf(event: unknown, text: string): string {
    return redactText(text, [...secretsOf(event)].flatMap(formsOf));
}

export interface FunctionLogs {
    /** Registers an invocation's secrets until the returned function is called. */
    track(event: unknown): () => void;
    /** Puts the console back as it was. */
    restore(): void;
}

/**
 * Replaces the console methods: dropped, or (show) written to stderr with every
 * tracked secret redacted.
 */
export function captureFunctionLogs(show: boolean): FunctionLogs {
    const inFlight = new SecretsInFlight();
    const saved = METHODS.map((method) => [method, console[method]] as const);
    const write = (...args: unknown[]): void => {
        if (show) {
            process.stderr.write(`${inFlight.redact(format(...args))}\n`);
        }
    };
    for (const method of METHODS) {
        console[method] = write;
    }
    return {
        track(event) {
            const secrets = [...secretsOf(event)];
            inFlight.hold(secrets);
            let held = true;
            return () => {
                if (held) {
                    held = false;
                    inFlight.release(secrets);
                }
            };
        },
        restore() {
            for (const [method, original] of saved) {
                console[method] = original;
            }
        },
    };
}

import { format } from 'node:util';

/**
 * The library logs every invocation to the console, the test entrypoint's event
 * included, with the caller's credentials in it. These helpers keep those lines
 * off the terminal, or show them on stderr with the secrets of the invocations
 * in flight replaced.
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

export function redactSecrets(text: string, secrets: Iterable<string>): string {
    let result = text;
    for (const secret of secrets) {
        result = result.split(secret).join('<REDACTED>');
    }
    return result;
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
    const inFlight = new Map<number, Set<string>>();
    let next = 0;
    const saved = METHODS.map((method) => [method, console[method]] as const);
    const write = (...args: unknown[]): void => {
        if (!show) {
            return;
        }
        const secrets = [...inFlight.values()].flatMap((set) => [...set]);
        process.stderr.write(`${redactSecrets(format(...args), secrets)}\n`);
    };
    for (const method of METHODS) {
        console[method] = write;
    }
    return {
        track(event) {
            const id = next++;
            inFlight.set(id, secretsOf(event));
            return () => inFlight.delete(id);
        },
        restore() {
            for (const [method, original] of saved) {
                console[method] = original;
            }
        },
    };
}

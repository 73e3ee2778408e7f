/**
 * The --state file: the resource operation requests, in a document that says
 * it is this server's (`format`). A file that cannot be read as one is refused
 * with its name and the problem, never overwritten: the server writes only
 * files it wrote. Each write is durable and atomic (see writeFileDurably).
 */
import { existsSync, readFileSync } from 'node:fs';
import {
    removeStaleTemporaries,
    writeFileDurably,
} from '../emulator/http/durable-file';
import { parseJsonText } from '../emulator/http/json-text';
import { OPERATION_STATUSES, RESOURCE_OPERATIONS } from './input';

export const STATE_FORMAT = 'local-cloudcontrol-requests/1';

/** The fields every saved request has, and their JSON types. */
const REQUIRED: ReadonlyArray<[string, string]> = [
    ['requestToken', 'string'],
    ['typeName', 'string'],
    ['operation', 'string'],
    ['status', 'string'],
    ['startedAt', 'number'],
    ['eventTime', 'number'],
    ['fingerprint', 'string'],
];

function recordProblem(value: unknown, index: number): string | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return `requests[${index}] is not an object`;
    }
    const record = value as Record<string, unknown>;
    const wrong = REQUIRED.find(([field, type]) => typeof record[field] !== type);
    if (wrong) return `requests[${index}].${wrong[0]} is not a ${wrong[1]}`;
    if (!(RESOURCE_OPERATIONS as readonly unknown[]).includes(record.operation)) {
        return `requests[${index}].operation is not CREATE, UPDATE or DELETE`;
    }
    if (!(OPERATION_STATUSES as readonly unknown[]).includes(record.status)) {
        return `requests[${index}].status is not an operation status`;
    }
    return undefined;
}

/** What is wrong with a document as a state file, or undefined when it is one. */
export function stateProblem(document: unknown): string | undefined {
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
        return 'not a JSON object';
    }
    const { format, requests } = document as Record<string, unknown>;
    // Files written before `format` existed hold only `requests`.
    const keys = Object.keys(document);
    if (format === undefined ? keys.join() !== 'requests' : format !== STATE_FORMAT) {
        return `not a state file of this server (no "format": "${STATE_FORMAT}")`;
    }
    if (!Array.isArray(requests)) return 'requests is not a list';
    for (const [index, record] of requests.entries()) {
        const problem = recordProblem(record, index);
        if (problem) return problem;
    }
    return undefined;
}

/** The saved requests; none when there is no file; throws naming the file and the problem. */
export function readStateFile<T>(path: string): T[] {
    removeStaleTemporaries(path);
    if (!existsSync(path)) return [];
    const refuse = (problem: string) =>
        new Error(
            `The Cloud Control state file ${path} is ${problem}; it is left as it is ` +
                '(move it away, or name another file with --state)'
        );
    let text: string;
    try {
        text = readFileSync(path, 'utf8');
    } catch (error) {
        throw refuse(`not readable (${(error as NodeJS.ErrnoException).code})`);
    }
    const json = parseJsonText(text);
    if (!json.ok) throw refuse(json.problem);
    const problem = stateProblem(json.value);
    if (problem) throw refuse(problem);
    return (json.value as { requests: T[] }).requests;
}

export function writeStateFile(path: string, requests: unknown[]): void {
    writeFileDurably(
        path,
        `${JSON.stringify({ format: STATE_FORMAT, requests }, null, 2)}\n`
    );
}

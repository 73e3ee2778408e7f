/**
 * A state file written so that a kill at any moment leaves either the old
 * content or the new, whole: the new content goes to a temporary file beside
 * it, is flushed to the disk, renamed over the file, and the folder is flushed
 * so that the rename itself survives a crash. A failed write leaves no
 * temporary file behind and throws, with the old file untouched.
 */
import { randomUUID } from 'node:crypto';
import {
    closeSync,
    fsyncSync,
    openSync,
    readdirSync,
    renameSync,
    rmSync,
    writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileDurably(path: string, content: string): void {
    const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
    try {
        const file = openSync(temporary, 'wx', 0o600);
        try {
            writeSync(file, content);
            fsyncSync(file);
        } finally {
            closeSync(file);
        }
        renameSync(temporary, path);
    } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
    }
    flushFolder(dirname(path));
}

/** Some systems cannot open a folder for fsync; the rename is then as durable as they allow. */
function flushFolder(folder: string): void {
    let handle: number | undefined;
    try {
        handle = openSync(folder, 'r');
        fsyncSync(handle);
    } catch {
        // Nothing more can be done for the folder's entry.
    } finally {
        if (handle !== undefined) closeSync(handle);
    }
}

/**
 * Removes the temporary files of writes to `path` that a killed process left
 * (named `<file>.<pid>.<uuid>.tmp`, of a process no longer running); nothing
 * else is touched.
 */
export function removeStaleTemporaries(path: string): void {
    const name = basename(path);
    let entries: string[];
    try {
        entries = readdirSync(dirname(path));
    } catch {
        return;
    }
    for (const entry of entries) {
        if (!entry.startsWith(`${name}.`)) continue;
        const pid = /^\.(\d+)\.[0-9a-f-]{36}\.tmp$/.exec(entry.slice(name.length))?.[1];
        if (pid !== undefined && !isRunning(Number(pid))) {
            rmSync(join(dirname(path), entry), { force: true });
        }
    }
}

function isRunning(pid: number): boolean {
    if (pid === process.pid) return true;
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

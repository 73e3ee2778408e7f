/**
 * A state file written so that a kill at any moment leaves either the old
 * content or the new, whole: the new content goes to a temporary file beside
 * it, is flushed to the disk, renamed over the file, and the folder is flushed
 * so that the rename itself survives a crash. A failed write leaves no
 * temporary file behind and throws, with the old file untouched.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

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

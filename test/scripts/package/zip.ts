import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

export interface ZipEntry {
    data: Buffer;
    /** Unix mode from the external attributes. */
    mode: number;
    mtime: Date;
    compressed: boolean;
}

/** A zip's entries by name: their contents, mode, time and compression. */
export function unzip(buffer: Buffer): Promise<Map<string, ZipEntry>> {
    return new Promise((resolve, reject) => {
        fromBuffer(buffer, { lazyEntries: true }, (error, zip?: ZipFile) => {
            if (error || !zip) {
                reject(error);
                return;
            }
            const entries = new Map<string, ZipEntry>();
            zip.on('entry', (entry: Entry) => {
                zip.openReadStream(entry, (streamError, stream) => {
                    if (streamError || !stream) {
                        reject(streamError);
                        return;
                    }
                    const chunks: Buffer[] = [];
                    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
                    stream.on('end', () => {
                        entries.set(entry.fileName, {
                            data: Buffer.concat(chunks),
                            mode: entry.externalFileAttributes >>> 16,
                            mtime: entry.getLastModDate(),
                            compressed: entry.compressionMethod !== 0,
                        });
                        zip.readEntry();
                    });
                });
            });
            zip.on('end', () => resolve(entries));
            zip.on('error', reject);
            zip.readEntry();
        });
    });
}

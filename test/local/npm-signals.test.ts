import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';

/**
 * `kill` of a backgrounded `npm run <server>` stops the server: npm passes the
 * signal to the script's shell, and the script `exec`s tsx, which passes it on to
 * the server, which closes its ports. (A shell that is not replaced dies of the
 * signal and leaves tsx and the server running.)
 */
const ROOT = resolve(__dirname, '../..');
const STARTUP_MS = 60_000;
const SHUTDOWN_MS = 10_000;

function portOpen(port: number): Promise<boolean> {
    return new Promise((resolveOpen) => {
        const socket = connect({ host: '127.0.0.1', port });
        socket.once('connect', () => {
            socket.destroy();
            resolveOpen(true);
        });
        socket.once('error', () => resolveOpen(false));
    });
}

async function closedWithin(port: number, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (!(await portOpen(port))) return true;
        await new Promise((wait) => setTimeout(wait, 100));
    }
    return false;
}

it.each([['emulator'], ['start-lambda'], ['cloudcontrol']])(
    '`kill` of `npm run %s` stops the server and frees its ports',
    async (script) => {
        const npm = spawn('npm', ['run', script, '--', '--port', '0'], {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'pipe'],
            // A group of its own, so that whatever the signal leaves running is ended below.
            detached: true,
        });
        let output = '';
        const exited = new Promise<void>((resolveExit) =>
            npm.once('exit', () => resolveExit())
        );
        try {
            const ports = await new Promise<number[]>((resolvePorts, reject) => {
                const timer = setTimeout(
                    () => reject(new Error(`no server started:\n${output}`)),
                    STARTUP_MS
                );
                npm.stdout.on('data', (chunk: Buffer) => {
                    output += String(chunk);
                    // start-lambda prints its emulator's line after its own.
                    const lines =
                        output.match(/listening on http:\/\/127\.0\.0\.1:\d+/g) ?? [];
                    if (lines.length >= (script === 'start-lambda' ? 2 : 1)) {
                        clearTimeout(timer);
                        resolvePorts(
                            lines.map((line) => Number(line.split(':').pop()))
                        );
                    }
                });
                npm.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
            });
            for (const port of ports) expect(await portOpen(port)).toBe(true);
            npm.kill('SIGTERM');
            await exited;
            for (const port of ports) {
                expect(await closedWithin(port, SHUTDOWN_MS)).toBe(true);
            }
        } finally {
            try {
                process.kill(-(npm.pid as number), 'SIGKILL');
            } catch {
                // the whole group has exited
            }
        }
    },
    STARTUP_MS + SHUTDOWN_MS + 10_000
);

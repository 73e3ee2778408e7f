import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts a server on 127.0.0.1 only (port 0 picks a free one) and returns the
 * port it listens on; a failure to listen (the port is taken) rejects.
 */
export async function listenOnLoopback(server: Server, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
        });
    });
    return (server.address() as AddressInfo).port;
}

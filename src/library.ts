/**
 * The two places where this type corrects the CloudFormation TypeScript
 * library (1.0.6), each on the one resource instance, without patching the
 * library's files.
 */

interface CastableRequest {
    nextToken?: string;
}

interface Tracked {
    waitCompletion(): Promise<unknown>;
}

/** The library's members these corrections reach, which its typings keep private. */
interface LibraryInternals {
    castResourceRequest: (event: CastableRequest) => CastableRequest;
    waitRunningProcesses: () => Promise<void>;
    loggerProxy?: Tracked;
    platformLoggerProxy: Tracked;
    workerPool?: { shutdown(): Promise<unknown> };
    log(message: string): void;
}

/** LIST: the library drops the request's top-level nextToken; pass it through. */
export function passListNextToken(resource: object): void {
    const self = resource as unknown as LibraryInternals;
    const cast = self.castResourceRequest;
    self.castResourceRequest = (event) => {
        const request = cast(event);
        request.nextToken = event.nextToken ?? undefined;
        return request;
    };
}

/**
 * The end of every invocation. The library sleeps a fixed second before it
 * awaits its log queues, although each queue's tracker already resolves once
 * every line queued on it is delivered (or has failed), and metrics are
 * awaited where they are published. Here the queues are awaited at once, and
 * once more after the last line, so that every line, that one included, is
 * delivered before the response goes back, and nothing waits on a clock. A
 * failed delivery is counted by the tracker and never fails the invocation.
 */
export function endWhenDelivered(resource: object): void {
    const self = resource as unknown as LibraryInternals;
    const drain = async () => {
        if (self.loggerProxy) {
            await self.loggerProxy.waitCompletion();
        }
        await self.platformLoggerProxy.waitCompletion();
    };
    self.waitRunningProcesses = async () => {
        self.log('Waiting for logger proxy processes to finish...');
        await drain();
        self.log('Log delivery completed.');
        await drain();
        if (self.workerPool) {
            await self.workerPool.shutdown();
        }
    };
}

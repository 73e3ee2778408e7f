/**
 * The three places where this type corrects the CloudFormation TypeScript
 * library (1.0.6), each on the one resource instance, without patching the
 * library's files.
 */

interface CastableRequest {
    nextToken?: string;
}

export interface LogFilter {
    applyFilter(line: string): string;
}

interface LogPublisher {
    addFilter(filter: LogFilter | null): void;
}

interface LoggerProxy {
    waitCompletion(): Promise<unknown>;
    addLogPublisher(publisher: LogPublisher | null): void;
    addFilter(filter: LogFilter | null): void;
}

/** The library's members these corrections reach, which its typings keep private. */
interface LibraryInternals {
    castResourceRequest: (event: CastableRequest) => CastableRequest;
    waitRunningProcesses: () => Promise<void>;
    loggerProxy?: LoggerProxy;
    platformLoggerProxy: LoggerProxy;
    platformLambdaLogger: LogPublisher;
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

/**
 * The filter of every log line. The library makes a logger proxy per
 * invocation and hands it the container's one Lambda publisher (which the
 * platform proxy holds too) and, with provider credentials, that invocation's
 * S3 and CloudWatch publishers. On every invocation it then adds a filter of
 * the bearer token and one of each session's credentials to that proxy, which
 * adds them to every publisher it holds: the Lambda publisher keeps them all,
 * so a warm container runs each line through every filter of every earlier
 * invocation, and the credentials filters remove every value the credentials
 * hold, the access key ID and account ID with the secrets.
 *
 * Here the filter given is the only one: the Lambda publisher takes it once,
 * each invocation's own publishers as the library adds them to its proxy,
 * before any line reaches them, and the library's filters are dropped. The
 * filter given must remove what theirs did, but for the account ID.
 */
export function filterLogsWith(resource: object, filter: LogFilter): void {
    const self = resource as unknown as LibraryInternals;
    self.platformLoggerProxy.addFilter(filter);
    let invocationProxy = self.loggerProxy;
    Object.defineProperty(self, 'loggerProxy', {
        configurable: true,
        enumerable: true,
        get: () => invocationProxy,
        set: (proxy: LoggerProxy | undefined) => {
            if (proxy) {
                const add = proxy.addLogPublisher.bind(proxy);
                proxy.addLogPublisher = (publisher) => {
                    if (publisher && publisher !== self.platformLambdaLogger) {
                        publisher.addFilter(filter);
                    }
                    add(publisher);
                };
                proxy.addFilter = () => undefined;
            }
            invocationProxy = proxy;
        },
    });
}

/**
 * The part of the aws-sdk v2 client surface that
 * `@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib` uses, served
 * by the SDK v3 clients. The library builds its clients with `new Service(options)`,
 * then calls `config.update(options)` and
 * `makeRequest(operation, params).promise()`, and adds headers to
 * `request.httpRequest.headers` in an `on('build', ...)` listener. Nothing else of
 * v2 is used, so nothing else is offered: an unknown operation or event fails loudly.
 */

interface Credentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
}

/** The options the library passes: the provider session's credentials and region. */
export interface V2Options {
    credentials?: Credentials | null;
    region?: string;
    /** v2's endpoint override; AWS_ENDPOINT_URL_<SERVICE> works as well. */
    endpoint?: string;
    /** v2 counts retries, v3 counts attempts. */
    maxRetries?: number;
    s3ForcePathStyle?: boolean;
}

/** The v3 client configuration the adapters build from the v2 options. */
export interface V3Config {
    region?: string;
    credentials?: Credentials;
    endpoint?: string;
    maxAttempts?: number;
    forcePathStyle?: boolean;
    /** The HTTP handler of an earlier client, shared. */
    requestHandler?: Record<string, unknown>;
}

/** What the adapter needs of a v3 client. */
export interface V3Client {
    send(command: never): Promise<unknown>;
    config: { requestHandler?: unknown };
}

type Params = Record<string, unknown>;
type CommandClass = new (input: never) => object;

/** A service's v3 client and commands, loaded at its first request. */
export interface LoadedService {
    createClient(config: V3Config): V3Client;
    /** v2 operation name (`putMetricData`) to the v3 command. */
    commands: Record<string, CommandClass>;
}

/** One service: the v2 operations it serves and how to load its v3 client. */
export interface ServiceDefinition {
    serviceIdentifier: string;
    operations: readonly string[];
    /**
     * Loads the v3 client on first use: the library loads these clients with
     * every invocation, but calls them only when it has provider credentials.
     */
    load(): Promise<LoadedService>;
    /** Request customisations v2 applies by itself and v3 does not. */
    prepare?(operation: string, params: Params, options: V2Options): Params;
}

interface HttpRequestLike {
    headers: Record<string, string>;
}

type BuildHandler = (args: { request: unknown }) => Promise<unknown>;

interface WithMiddleware {
    middlewareStack: {
        add(
            middleware: (next: BuildHandler) => BuildHandler,
            options: { step: 'build'; name: string }
        ): void;
    };
}

/**
 * One HTTP handler (and so one socket pool) for every adapter client, as v2 shares
 * its global agent: the library builds new clients on every invocation.
 */
let sharedRequestHandler: Record<string, unknown> | undefined;

/** v2's `config`: the options, and `update` that merges more in. */
export class V2Config {
    constructor(
        private options: V2Options,
        private readonly onUpdate: () => void
    ) {}

    get region(): string | undefined {
        return this.options.region;
    }

    get values(): V2Options {
        return this.options;
    }

    update(options: V2Options = {}): void {
        this.options = { ...this.options, ...options };
        this.onUpdate();
    }
}

/** A v2-compatible client over a v3 client, built at the first request. */
export class V2CompatibleClient {
    readonly serviceIdentifier: string;
    readonly config: V2Config;
    private client: Promise<{ client: V3Client; service: LoadedService }> | undefined;

    constructor(
        options: V2Options = {},
        private readonly service: ServiceDefinition
    ) {
        this.serviceIdentifier = service.serviceIdentifier;
        this.config = new V2Config({ ...options }, () => {
            this.client = undefined;
        });
    }

    /** Starts building a request; nothing is sent until `promise()`. */
    makeRequest(operation: string, params: Params = {}): V2Request {
        if (!this.service.operations.includes(operation)) {
            throw Object.assign(
                new Error(
                    `${operation} is not an operation of this ${this.serviceIdentifier} adapter`
                ),
                { code: 'UnknownOperation' }
            );
        }
        const options = this.config.values;
        const cleaned = withoutNulls(params) as Params;
        const prepared = this.service.prepare
            ? this.service.prepare(operation, cleaned, options)
            : cleaned;
        return new V2Request(async () => {
            const { client, service } = await this.v3Client();
            return {
                client,
                command: new service.commands[operation](prepared as never),
            };
        });
    }

    private v3Client(): Promise<{ client: V3Client; service: LoadedService }> {
        if (!this.client) {
            const { credentials, region, endpoint, maxRetries, s3ForcePathStyle } =
                this.config.values;
            this.client = this.service.load().then((service) => {
                const client = service.createClient({
                    region,
                    credentials: credentials ?? undefined,
                    endpoint,
                    maxAttempts: maxRetries === undefined ? undefined : maxRetries + 1,
                    forcePathStyle: s3ForcePathStyle,
                    requestHandler: sharedRequestHandler,
                });
                sharedRequestHandler ??= client.config.requestHandler as
                    Record<string, unknown> | undefined;
                return { client, service };
            });
        }
        return this.client;
    }
}

/** v2's `AWS.Request`: `on('build')`, `httpRequest.headers` and `promise()`. */
export class V2Request {
    /** Until the request is built, a stand-in; then the v3 HttpRequest itself. */
    httpRequest: HttpRequestLike = { headers: {} };
    private readonly buildListeners: Array<() => void> = [];
    private sent: Promise<Params> | undefined;

    constructor(
        private readonly prepare: () => Promise<{ client: V3Client; command: object }>
    ) {}

    on(event: string, listener: () => void): this {
        if (event !== 'build') {
            throw new Error(`The v2 request event ${event} is not supported`);
        }
        this.buildListeners.push(listener);
        return this;
    }

    /** Sends the request (once) and answers as v2 does: data without `$metadata`. */
    promise(): Promise<Params> {
        this.sent ??= this.send();
        return this.sent;
    }

    private async send(): Promise<Params> {
        try {
            const { client, command } = await this.prepare();
            // The build step runs before signing, so headers added here are signed.
            (command as WithMiddleware).middlewareStack.add(
                (next) => async (args) => {
                    this.httpRequest = args.request as HttpRequestLike;
                    this.buildListeners.forEach((listener) => listener());
                    return next(args);
                },
                { step: 'build', name: 'v2BuildListeners' }
            );
            const { $metadata: _metadata, ...data } = (await client.send(
                command as never
            )) as Params;
            return data;
        } catch (error) {
            throw toV2Error(error);
        }
    }
}

/** v2 leaves out null and undefined members; v3 would send some of them. */
export function withoutNulls(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(withoutNulls);
    }
    if (value !== null && typeof value === 'object' && isPlainObject(value)) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, member]) => member !== null && member !== undefined)
                .map(([key, member]) => [key, withoutNulls(member)])
        );
    }
    return value;
}

function isPlainObject(value: object): boolean {
    const prototype = Object.getPrototypeOf(value) as unknown;
    return prototype === Object.prototype || prototype === null;
}

const THROTTLING = new Set([
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'RequestThrottledException',
    'TooManyRequestsException',
    'ProvisionedThroughputExceededException',
    'TransactionInProgressException',
    'RequestLimitExceeded',
    'BandwidthLimitExceeded',
    'LimitExceededException',
    'RequestThrottled',
    'SlowDown',
    'PriorRequestNotComplete',
    'EC2ThrottledException',
]);

interface V3Error extends Error {
    code?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string };
    $retryable?: { throttling?: boolean };
}

/**
 * Gives a v3 error the fields v2 errors carry and the library reads: `code`,
 * `statusCode` and `retryable`. As in v2, a failure without an HTTP answer is a
 * retryable `NetworkingError` (or `TimeoutError`), and throttling and 5xx answers
 * are retryable. The library rethrows retryable errors from its metrics publisher
 * and retries a log event once on them.
 */
export function toV2Error(error: unknown): Error {
    if (!(error instanceof Error)) {
        return Object.assign(new Error(String(error)), {
            code: 'UnknownError',
            retryable: false,
        });
    }
    const failure = error as V3Error;
    const statusCode = failure.$metadata?.httpStatusCode;
    if (statusCode === undefined) {
        const timeout =
            failure.name === 'TimeoutError' || failure.code === 'TimeoutError';
        return Object.assign(failure, {
            code: timeout ? 'TimeoutError' : 'NetworkingError',
            retryable: true,
            time: new Date(),
        });
    }
    const retryable =
        statusCode === 429 ||
        statusCode >= 500 ||
        failure.$retryable?.throttling === true ||
        THROTTLING.has(failure.name);
    return Object.assign(failure, {
        code: failure.name,
        statusCode,
        retryable,
        requestId: failure.$metadata?.requestId,
        time: new Date(),
    });
}

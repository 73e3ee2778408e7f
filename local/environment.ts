/**
 * The environment the handler runs in when it is loaded in this process. Lambda
 * always sets AWS_REGION; the SDK takes the Connect endpoint from
 * AWS_ENDPOINT_URL_CONNECT unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set.
 */

const MANAGED = [
    'AWS_REGION',
    'AWS_ENDPOINT_URL_CONNECT',
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
] as const;

export interface HandlerEnvironment {
    region: string;
    /** Where Connect calls go; undefined means the SDK's default: real AWS. */
    connectEndpoint?: string;
}

/** Sets the handler's environment and returns a function that restores the previous one. */
export function applyHandlerEnvironment(environment: HandlerEnvironment): () => void {
    const saved = Object.fromEntries(MANAGED.map((name) => [name, process.env[name]]));
    process.env.AWS_REGION = environment.region;
    if (environment.connectEndpoint) {
        process.env.AWS_ENDPOINT_URL_CONNECT = environment.connectEndpoint;
        // With this set the SDK would ignore the endpoint above and call AWS.
        delete process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
    } else {
        delete process.env.AWS_ENDPOINT_URL_CONNECT;
    }
    return () => {
        for (const name of MANAGED) {
            const value = saved[name];
            if (value === undefined) {
                delete process.env[name];
            } else {
                process.env[name] = value;
            }
        }
    };
}

/** The region to use when none is given: the usual environment variables, else us-east-1. */
export function defaultRegion(): string {
    return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
}

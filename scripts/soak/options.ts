/**
 * What a soak is asked for and what it answers, shared by the command (cli.ts),
 * both soaks (lambda.ts, cloudcontrol.ts) and their verdict (verdict.ts).
 */

export interface SoakOptions {
    users: number;
    concurrency: number;
    /** Share of Connect calls that get a fault, from 0 to 1. */
    faultRate: number;
    seed: number;
    maxSeconds: number;
    /** Re-invocations of a failed step with a retryable code, per step. */
    maxRetries: number;
    /** Whether the library's 1 s end-of-invocation delay is in force. */
    delay: 'real' | 'stubbed';
    /** Whether the emulator takes `aws:` tag keys on CreateUser (Connect's rule refuses them). */
    acceptSystemTags?: boolean;
    /** How the handler is driven: the Lambda endpoint (the default) or the Cloud Control API. */
    via?: 'lambda' | 'cloudcontrol';
}

export const DEFAULT_SOAK: SoakOptions = {
    users: 40,
    concurrency: 8,
    faultRate: 0.1,
    seed: 1,
    maxSeconds: 120,
    maxRetries: 6,
    delay: 'real',
};

export interface SoakResult {
    pass: boolean;
    lines: string[];
}

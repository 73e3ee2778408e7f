/**
 * Keeps aws-sdk v2 out of the bundle (and of a cold start): the library
 * requires it at load time, for its metrics and log publishing only.
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { SHIMS } from './paths';

/**
 * The library requires aws-sdk v2 at load time, but only for its metrics
 * (CloudWatch) and log publishing (CloudWatch Logs, S3). These modules serve that
 * surface with the SDK v3; v2 itself is never bundled.
 */
export const AWS_SDK_V2_SHIMS: Record<string, string> = {
    'aws-sdk/clients/all': path.join(SHIMS, 'aws-sdk-v2', 'all.ts'),
    'aws-sdk/clients/cloudwatch': path.join(SHIMS, 'aws-sdk-v2', 'cloudwatch.ts'),
    'aws-sdk/clients/cloudwatchlogs': path.join(
        SHIMS,
        'aws-sdk-v2',
        'cloudwatchlogs.ts'
    ),
    'aws-sdk/clients/s3': path.join(SHIMS, 'aws-sdk-v2', 's3.ts'),
};

/** Resolves the library's aws-sdk v2 imports to the shims; refuses any other. */
export const awsSdkV2Shim: Plugin = {
    name: 'aws-sdk-v2-shim',
    setup(build) {
        build.onResolve({ filter: /^aws-sdk(\/|$)/ }, (args) => {
            const shim = AWS_SDK_V2_SHIMS[args.path.replace(/\.js$/, '')];
            if (shim) {
                return { path: shim };
            }
            return {
                errors: [
                    {
                        text: `${args.path} (required by ${args.importer}) has no v3 shim; add one to scripts/build/shims/aws-sdk-v2`,
                    },
                ],
            };
        });
    },
};

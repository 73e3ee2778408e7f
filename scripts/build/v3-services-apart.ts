/**
 * Keeps the SDK v3 clients behind the aws-sdk v2 shims (S3, CloudWatch,
 * CloudWatch Logs) out of the bundle: they go in aws-sdk-v2.js beside it,
 * required at the first metrics or log request, which a cold READ never makes.
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { SHIMS } from './paths';
import { requireBeside } from './require-beside';

/** The shims' v3 clients, beside the bundle, which requires it by this name. */
export const V3_SERVICES_FILE = 'aws-sdk-v2.js';
export const V3_SERVICES = path.join(SHIMS, 'aws-sdk-v2', 'v3-services.ts');

/**
 * Leaves the shims' v3 clients (S3, CloudWatch, CloudWatch Logs: a third of the
 * code) out of the bundle: their `import('./v3-services')` becomes a require of
 * the separate bundle beside it, run at the first metrics or log request.
 */
export const v3ServicesApart: Plugin = {
    name: 'v3-services-apart',
    setup(build) {
        requireBeside(build, {
            specifier: /^\.\/v3-services$/,
            source: V3_SERVICES,
            file: V3_SERVICES_FILE,
        });
    },
};

/**
 * Keeps three packages out of the bundle, each served by a small stand-in from
 * shims/: the bundle has no use for what they do.
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { SHIMS } from './paths';

const shim = (name: string) => path.join(SHIMS, name);

/**
 * Packages the bundle has no use for, and what serves their callers instead: the
 * SDK's default credential chain (the Connect client is always given the
 * request's credentials), event streams (Connect has none) and a replaceAll
 * polyfill (Node has had it since 15).
 */
export const STAND_INS: Record<string, string> = {
    '@aws-sdk/credential-provider-node': shim('explicit-credentials-only.ts'),
    '@smithy/core/event-streams': shim('no-event-streams.ts'),
    'string.prototype.replaceall': shim('string-replaceall.ts'),
};

/** Serves the packages in STAND_INS from their stand-ins. */
export const standIns: Plugin = {
    name: 'stand-ins',
    setup(build) {
        build.onResolve({ filter: /^[@a-z]/ }, (args) =>
            STAND_INS[args.path] ? { path: STAND_INS[args.path] } : undefined
        );
    },
};

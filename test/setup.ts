import * as utils from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/utils';

/**
 * The library waits a whole second at the end of every invocation so that
 * Lambda flushes its log publishers; tests skip that wait.
 */
jest.spyOn(utils, 'delay').mockResolvedValue(undefined);

/**
 * The library logs every step of every invocation to the console: a plain
 * function, not a spy, so that a test that captures the logs with a spy of its
 * own and restores it afterwards gets this one back rather than the console's.
 * Warnings and errors still show.
 */
console.log = () => undefined;

/**
 * The SDKs' notices, printed once per test file (and per process a test
 * starts): v3's that its releases after January 2027 need Node 22 (the local
 * tools run on Node 20, the function on nodejs22.x), and v2's end of support
 * (the library still loads it). The README says which versions are supported.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

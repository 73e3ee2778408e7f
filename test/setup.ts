import * as utils from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/utils';

/**
 * The library waits a whole second at the end of every invocation so that
 * Lambda flushes its log publishers; tests skip that wait.
 */
jest.spyOn(utils, 'delay').mockResolvedValue(undefined);

/** The library logs every step to the console; tests that read logs capture them. */
jest.spyOn(console, 'log').mockImplementation(() => undefined);

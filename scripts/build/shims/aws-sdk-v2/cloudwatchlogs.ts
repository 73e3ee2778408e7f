import { V2CompatibleClient, type V2Options } from './client';

/** `aws-sdk/clients/cloudwatchlogs`: the provider log group and stream, and events. */
export default class CloudWatchLogs extends V2CompatibleClient {
    constructor(options?: V2Options) {
        super(options, {
            serviceIdentifier: 'cloudwatchlogs',
            operations: [
                'describeLogGroups',
                'createLogGroup',
                'createLogStream',
                'describeLogStreams',
                'putLogEvents',
            ],
            load: async () => (await import('./v3-services')).cloudWatchLogs,
        });
    }
}

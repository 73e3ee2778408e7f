import { V2CompatibleClient, type V2Options } from './client';

/** `aws-sdk/clients/cloudwatch`: the metrics publisher's `putMetricData`. */
export default class CloudWatch extends V2CompatibleClient {
    constructor(options?: V2Options) {
        super(options, {
            serviceIdentifier: 'cloudwatch',
            operations: ['putMetricData'],
            load: async () => (await import('./v3-services')).cloudWatch,
        });
    }
}

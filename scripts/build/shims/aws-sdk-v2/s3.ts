import { V2CompatibleClient, type V2Options } from './client';

/** `aws-sdk/clients/s3`: the provider log bucket, its folder and log objects. */
export default class S3 extends V2CompatibleClient {
    constructor(options?: V2Options) {
        super(options, {
            serviceIdentifier: 's3',
            operations: ['listObjectsV2', 'createBucket', 'putObject'],
            load: async () => (await import('./v3-services')).s3,
            prepare: (operation, params, options) =>
                operation === 'createBucket'
                    ? withLocationConstraint(params, options.region)
                    : params,
        });
    }
}

/**
 * v2 adds the region as the LocationConstraint of a new bucket outside us-east-1;
 * v3 does not, and S3 refuses such a bucket without one.
 */
export function withLocationConstraint(
    params: Record<string, unknown>,
    region: string | undefined
): Record<string, unknown> {
    if (!region || region === 'us-east-1' || params.CreateBucketConfiguration) {
        return params;
    }
    return { ...params, CreateBucketConfiguration: { LocationConstraint: region } };
}

import CloudWatch from './cloudwatch';
import CloudWatchLogs from './cloudwatchlogs';
import S3 from './s3';

/**
 * `aws-sdk/clients/all`: the library's `session.client('Name')` looks clients up
 * here; only the ones it uses exist.
 */
export default { CloudWatch, CloudWatchLogs, S3 };

/**
 * The v3 clients and commands behind the shims, in one module that the shims
 * import on first use: loading it is what costs, and the library needs it only
 * when an invocation carries provider credentials.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
    CloudWatchLogsClient,
    CreateLogGroupCommand,
    CreateLogStreamCommand,
    DescribeLogGroupsCommand,
    DescribeLogStreamsCommand,
    PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
    CreateBucketCommand,
    ListObjectsV2Command,
    PutObjectCommand,
    S3Client,
} from '@aws-sdk/client-s3';
import type { LoadedService } from './client';

export const cloudWatch: LoadedService = {
    createClient: (config) => new CloudWatchClient(config),
    commands: { putMetricData: PutMetricDataCommand },
};

export const cloudWatchLogs: LoadedService = {
    createClient: (config) => new CloudWatchLogsClient(config),
    commands: {
        describeLogGroups: DescribeLogGroupsCommand,
        createLogGroup: CreateLogGroupCommand,
        createLogStream: CreateLogStreamCommand,
        describeLogStreams: DescribeLogStreamsCommand,
        putLogEvents: PutLogEventsCommand,
    },
};

export const s3: LoadedService = {
    createClient: (config) => new S3Client(config),
    commands: {
        listObjectsV2: ListObjectsV2Command,
        createBucket: CreateBucketCommand,
        putObject: PutObjectCommand,
    },
};

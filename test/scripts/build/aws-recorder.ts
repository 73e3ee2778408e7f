import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the CloudWatch, CloudWatch Logs and S3 endpoints the library
 * publishes metrics and logs to. It records each request and answers as the
 * services do: CloudWatch speaks JSON 1.0 and Logs JSON 1.1 (the operation is in
 * `X-Amz-Target`), S3 REST-XML. It answers CreateLogGroup with
 * ResourceAlreadyExistsException and ListObjectsV2 with NoSuchBucket, the errors
 * the library must recognise by their code to carry on.
 */
export interface RecordedRequest {
    service: 'cloudwatch' | 'logs' | 's3';
    operation: string;
    method: string;
    path: string;
    headers: IncomingMessage['headers'];
    /** The parsed JSON body (CloudWatch, Logs) or the raw text (S3). */
    body: unknown;
    /** When the recorder sent its answer (ms since epoch); absent until then. */
    answeredAt?: number;
}

export interface RecorderOptions {
    /** CloudWatch Logs answers after this many ms (a slow log service). */
    logsDelayMs?: number;
    /** CloudWatch Logs answers every PutLogEvents with a 500 (a failing log service). */
    failLogs?: boolean;
}

export interface AwsRecorder {
    url: string;
    requests: RecordedRequest[];
    close(): Promise<void>;
}

function jsonAnswer(
    response: ServerResponse,
    version: '1.0' | '1.1',
    status: number,
    body: Record<string, unknown>,
    errorType?: string
): void {
    response.writeHead(status, {
        'content-type': `application/x-amz-json-${version}`,
        'x-amzn-requestid': 'recorder-request',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    response.end(JSON.stringify(body));
}

const LOGS_ANSWERS: Record<string, [number, Record<string, unknown>, string?]> = {
    DescribeLogGroups: [200, { logGroups: [] }],
    CreateLogGroup: [
        400,
        {
            __type: 'ResourceAlreadyExistsException',
            message: 'The specified log group already exists',
        },
        'ResourceAlreadyExistsException',
    ],
    CreateLogStream: [200, {}],
    DescribeLogStreams: [200, { logStreams: [] }],
    PutLogEvents: [200, { nextSequenceToken: '49590000000000000000000000' }],
};

const FAILED_LOGS: [number, Record<string, unknown>, string] = [
    500,
    { __type: 'ServiceUnavailableException', message: 'The service is unavailable' },
    'ServiceUnavailableException',
];

function answerS3(request: IncomingMessage, response: ServerResponse): string {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.searchParams.get('list-type') === '2') {
        response.writeHead(404, { 'content-type': 'application/xml' });
        response.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code>' +
                '<Message>The specified bucket does not exist</Message></Error>'
        );
        return 'ListObjectsV2';
    }
    const [bucket, ...key] = url.pathname.split('/').filter(Boolean);
    response.writeHead(200, {
        etag: '"d41d8cd98f00b204e9800998ecf8427e"',
        ...(key.length ? {} : { location: `/${bucket}` }),
    });
    response.end();
    return key.length ? 'PutObject' : 'CreateBucket';
}

/** Starts the recorder on 127.0.0.1 and a free port. */
export async function startAwsRecorder(
    options: RecorderOptions = {}
): Promise<AwsRecorder> {
    const requests: RecordedRequest[] = [];
    const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const target = String(request.headers['x-amz-target'] ?? '');
            const [prefix, operation] = target.split('.');
            const base = {
                method: request.method ?? '',
                path: request.url ?? '',
                headers: request.headers,
            };
            if (prefix === 'GraniteServiceVersion20100801') {
                requests.push({
                    ...base,
                    service: 'cloudwatch',
                    operation,
                    body: JSON.parse(text),
                });
                jsonAnswer(response, '1.0', 200, {});
            } else if (prefix === 'Logs_20140328') {
                const record: RecordedRequest = {
                    ...base,
                    service: 'logs',
                    operation,
                    body: JSON.parse(text),
                };
                requests.push(record);
                const [status, body, errorType] =
                    options.failLogs && operation === 'PutLogEvents'
                        ? FAILED_LOGS
                        : (LOGS_ANSWERS[operation] ?? [
                              400,
                              { __type: 'UnknownOperationException' },
                              'UnknownOperationException',
                          ]);
                setTimeout(() => {
                    record.answeredAt = Date.now();
                    jsonAnswer(response, '1.1', status, body, errorType);
                }, options.logsDelayMs ?? 0);
            } else {
                const record: RecordedRequest = {
                    ...base,
                    service: 's3',
                    operation: '',
                    body: text,
                };
                requests.push(record);
                record.operation = answerS3(request, response);
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.closeAllConnections();
                server.close((error) => (error ? reject(error) : resolve()));
            }),
    };
}

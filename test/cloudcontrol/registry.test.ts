import { spawn, spawnSync } from 'node:child_process';
import {
    CloudFormationClient,
    DescribeTypeCommand,
    ListTypesCommand,
    type CloudFormationServiceException,
} from '@aws-sdk/client-cloudformation';
import schema from '../../aws-connect-user.json';
import { escapeXml, parseForm, queryResponse } from '../../cloudcontrol/query-protocol';
import { startHarness, TYPE_NAME, type Harness } from './harness';

/** The type's ARN, as a public AWS type has it: no account. */
const TYPE_ARN = 'arn:aws:cloudformation:us-east-1::type/resource/AWS-Connect-User';

let harness: Harness;
let client: CloudFormationClient;

beforeAll(async () => {
    harness = await startHarness();
    client = new CloudFormationClient({
        endpoint: harness.server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'test-secret' },
        maxAttempts: 1,
    });
});

afterAll(async () => {
    client.destroy();
    await harness.close();
});

async function refusal(sent: Promise<unknown>) {
    const error = await sent.then(
        () => undefined,
        (caught: CloudFormationServiceException) => caught
    );
    if (!error) throw new Error('the request was not refused');
    return error;
}

describe('CloudFormation DescribeType over the query protocol', () => {
    it('answers the type and its schema, which is the schema file', async () => {
        const answer = await client.send(
            new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: TYPE_NAME })
        );
        expect(JSON.parse(String(answer.Schema))).toEqual(schema);
        expect(answer).toMatchObject({
            Arn: TYPE_ARN,
            Type: 'RESOURCE',
            TypeName: TYPE_NAME,
            ProvisioningType: 'FULLY_MUTABLE',
            DeprecatedStatus: 'LIVE',
            Visibility: 'PUBLIC',
            IsDefaultVersion: true,
        });
        expect(answer.LastUpdated).toBeInstanceOf(Date);
    });

    it('finds the type by its ARN, and by its ARN in the region signed for', async () => {
        const byArn = await client.send(new DescribeTypeCommand({ Arn: TYPE_ARN }));
        expect(byArn.TypeName).toBe(TYPE_NAME);
        const west = new CloudFormationClient({
            endpoint: harness.server.url,
            region: 'eu-west-1',
            credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'test-secret' },
        });
        try {
            const there = await west.send(
                new DescribeTypeCommand({ TypeName: TYPE_NAME })
            );
            expect(there.Arn).toBe(TYPE_ARN.replace('us-east-1', 'eu-west-1'));
        } finally {
            west.destroy();
        }
    });

    it.each([
        [
            { Type: 'RESOURCE' as const, TypeName: 'AWS::Connect::Queue' },
            'AWS::Connect::Queue',
        ],
        [{ Type: 'HOOK' as const, TypeName: TYPE_NAME }, TYPE_NAME],
        [{ TypeName: TYPE_NAME, VersionId: '00000002' }, TYPE_NAME],
        [{ Arn: TYPE_ARN.replace('User', 'Queue') }, 'Queue'],
    ])('answers TypeNotFoundException (404) for %j', async (input, named) => {
        const error = await refusal(client.send(new DescribeTypeCommand(input)));
        expect(error.name).toBe('TypeNotFoundException');
        expect(error.$metadata.httpStatusCode).toBe(404);
        expect(error.message).toContain(named);
    });

    it.each([
        [{}, /either TypeName and Type, or Arn/],
        [{ TypeName: TYPE_NAME, Arn: TYPE_ARN }, /either TypeName and Type, or Arn/],
        [{ TypeName: 'Connect User' }, /'typeName' failed to satisfy constraint/],
        [{ TypeName: TYPE_NAME, Type: 'TABLE' }, /'type' failed to satisfy constraint/],
    ])('refuses %j as ValidationError', async (input, message) => {
        const error = await refusal(
            client.send(new DescribeTypeCommand(input as never))
        );
        expect(error.name).toBe('ValidationError');
        expect(error.$metadata.httpStatusCode).toBe(400);
        expect(error.message).toMatch(message);
    });
});

describe('CloudFormation ListTypes over the query protocol', () => {
    it.each([
        [{}, 1],
        [{ Visibility: 'PUBLIC' as const, Type: 'RESOURCE' as const }, 1],
        [{ Filters: { TypeNamePrefix: 'AWS::Connect' } }, 1],
        [{ Filters: { Category: 'AWS_TYPES' as const } }, 1],
        [{ Filters: { TypeNamePrefix: 'AWS::EC2' } }, 0],
        [{ Filters: { Category: 'THIRD_PARTY' as const } }, 0],
        [{ Type: 'MODULE' as const }, 0],
        [{ DeprecatedStatus: 'DEPRECATED' as const }, 0],
        [{ ProvisioningType: 'IMMUTABLE' as const }, 0],
    ])('lists the type for %j: %i summaries', async (input, count) => {
        const answer = await client.send(new ListTypesCommand(input));
        expect(answer.TypeSummaries).toHaveLength(count);
        if (count) {
            expect(answer.TypeSummaries?.[0]).toMatchObject({
                Type: 'RESOURCE',
                TypeName: TYPE_NAME,
                TypeArn: TYPE_ARN,
            });
        }
        expect(answer.NextToken).toBeUndefined();
    });

    it.each([
        [{ MaxResults: 0 }, /maxResults/],
        [{ MaxResults: 101 }, /maxResults/],
        [{ NextToken: 'made-up' }, /NextToken/],
        [{ Visibility: 'SHARED' }, /'visibility'/],
    ])('refuses %j as ValidationError', async (input, message) => {
        const error = await refusal(client.send(new ListTypesCommand(input as never)));
        expect(error.name).toBe('ValidationError');
        expect(error.message).toMatch(message);
    });
});

describe('the query protocol on the wire', () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
        fetch(harness.server.url, {
            method: 'POST',
            headers: {
                'Content-Type': 'application/x-www-form-urlencoded',
                Authorization:
                    'AWS4-HMAC-SHA256 Credential=AKIATEST/20260101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=0',
                ...headers,
            },
            body,
        });

    it.each([
        ['Action=CreateStack&Version=2010-05-15', 400, 'InvalidAction'],
        ['Action=%3Cx%3E&Version=2010-05-15', 400, 'InvalidAction'],
        [
            'Action=ListTypes&Version=2010-05-15&Type=A&Type=B',
            400,
            'MalformedQueryString',
        ],
        ['Action=DescribeType&Version=2010-05-15&TypeName=%00', 400, 'ValidationError'],
    ])(
        'answers %s with an XML error (%i %s), and keeps serving',
        async (body, status, code) => {
            const response = await post(body);
            const text = await response.text();
            expect(response.status).toBe(status);
            expect(response.headers.get('content-type')).toBe('text/xml');
            expect(text).toMatch(
                new RegExp(
                    `^<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>[^<]*</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$`
                )
            );
            const next = await post('Action=ListTypes&Version=2010-05-15');
            expect(next.status).toBe(200);
        }
    );

    it('refuses an unsigned request as MissingAuthenticationToken (403), in XML', async () => {
        const response = await fetch(harness.server.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'Action=ListTypes&Version=2010-05-15',
        });
        expect(response.status).toBe(403);
        expect(await response.text()).toContain(
            '<Code>MissingAuthenticationToken</Code>'
        );
    });

    it.each([
        ['a&b', 'a&amp;b'],
        ['<Schema>', '&lt;Schema&gt;'],
        [`"'`, '&quot;&apos;'],
        ['\r\n', '&#13;\n'],
    ])('escapes %j as %j', (text, escaped) => {
        expect(escapeXml(text)).toBe(escaped);
    });

    it('writes lists as members and leaves out absent members', () => {
        expect(
            queryResponse(
                'urn:x',
                'ListThings',
                { Things: ['a', { B: 1, C: undefined }] },
                'r'
            )
        ).toBe(
            '<ListThingsResponse xmlns="urn:x"><ListThingsResult><Things><member>a</member>' +
                '<member><B>1</B></member></Things></ListThingsResult>' +
                '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListThingsResponse>'
        );
    });

    it('reads nested members by their dotted names', () => {
        expect([...parseForm('Filters.TypeNamePrefix=AWS%3A%3A&MaxResults=5')]).toEqual(
            [
                ['Filters.TypeNamePrefix', 'AWS::'],
                ['MaxResults', '5'],
            ]
        );
    });
});

const cli = spawnSync('aws', ['--version'], { encoding: 'utf8' });
(cli.status === 0 ? it : it.skip)(
    'serves `aws cloudformation describe-type --endpoint-url` and list-types',
    async () => {
        const env = {
            ...process.env,
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
            AWS_PAGER: '',
        };
        const aws = (...args: string[]) =>
            new Promise<{ status: number | null; stdout: string; stderr: string }>(
                (resolve) => {
                    const child = spawn(
                        'aws',
                        [
                            'cloudformation',
                            ...args,
                            '--endpoint-url',
                            harness.server.url,
                        ],
                        { env }
                    );
                    let stdout = '';
                    let stderr = '';
                    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
                    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
                    child.on('close', (status) => resolve({ status, stdout, stderr }));
                }
            );
        const described = await aws(
            'describe-type',
            '--type',
            'RESOURCE',
            '--type-name',
            TYPE_NAME,
            '--query',
            'Schema',
            '--output',
            'text'
        );
        expect(described.stderr).toBe('');
        expect(JSON.parse(described.stdout)).toEqual(schema);
        const listed = await aws('list-types', '--output', 'json');
        expect(JSON.parse(listed.stdout)).toMatchObject({
            TypeSummaries: [{ TypeName: TYPE_NAME, TypeArn: TYPE_ARN }],
        });
        const missing = await aws(
            'describe-type',
            '--type-name',
            'AWS::Connect::Queue',
            '--type',
            'RESOURCE'
        );
        expect(missing.status).not.toBe(0);
        expect(missing.stderr).toContain('(TypeNotFoundException)');
    },
    30_000
);

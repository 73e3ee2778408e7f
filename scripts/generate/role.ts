/**
 * `resource-role.yaml`: the handler's execution role, with exactly the
 * permissions the schema's handlers and tagging block declare, as `cfn
 * generate` writes it.
 */
import { notice, type ResourceSchema } from './schema';

const DEFAULT_ROLE_TIMEOUT_MINUTES = 120;
const MIN_ROLE_TIMEOUT_SECONDS = 3600;
const MAX_ROLE_TIMEOUT_SECONDS = 43200;

/** Every permission a handler or the tagging block declares, de-duplicated and sorted. */
export function handlerPermissions(schema: ResourceSchema): string[] {
    const actions = new Set<string>();
    for (const handler of Object.values(schema.handlers ?? {})) {
        for (const action of handler.permissions ?? []) {
            actions.add(action);
        }
    }
    for (const action of schema.tagging?.permissions ?? []) {
        actions.add(action);
    }
    actions.delete('');
    return [...actions].sort();
}

/** As `cfn`: 70 seconds per minute of the longest handler timeout, within 1h..12h. */
export function roleSessionTimeout(schema: ResourceSchema): number {
    const timeouts = Object.values(schema.handlers ?? {}).map(
        (h) => h.timeoutInMinutes ?? DEFAULT_ROLE_TIMEOUT_MINUTES
    );
    const longest =
        timeouts.length > 0 ? Math.max(...timeouts) : DEFAULT_ROLE_TIMEOUT_MINUTES;
    return Math.min(
        MAX_ROLE_TIMEOUT_SECONDS,
        Math.max(MIN_ROLE_TIMEOUT_SECONDS, 70 * longest)
    );
}

export function renderResourceRole(schema: ResourceSchema): string {
    const permissions = handlerPermissions(schema);
    const effect = permissions.length > 0 ? 'Allow' : 'Deny';
    const actions = permissions.length > 0 ? permissions : ['*'];
    const hyphenated = schema.typeName.split('::').join('-');
    return [
        `# ${notice(schema)}`,
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Description: >',
        '  This CloudFormation template creates a role assumed by CloudFormation',
        '  during CRUDL operations to mutate resources on behalf of the customer.',
        '',
        'Resources:',
        '  ExecutionRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        `      MaxSessionDuration: ${roleSessionTimeout(schema)}`,
        '      AssumeRolePolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Principal:',
        '              Service: resources.cloudformation.amazonaws.com',
        '            Action: sts:AssumeRole',
        '            Condition:',
        '              StringEquals:',
        '                aws:SourceAccount:',
        '                  Ref: AWS::AccountId',
        '              StringLike:',
        '                aws:SourceArn:',
        `                  Fn::Sub: arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:\${AWS::AccountId}:type/resource/${hyphenated}/*`,
        '      Path: "/"',
        '      Policies:',
        '        - PolicyName: ResourceTypePolicy',
        '          PolicyDocument:',
        "            Version: '2012-10-17'",
        '            Statement:',
        `              - Effect: ${effect}`,
        '                Action:',
        ...actions.map((action) => `                  - "${action}"`),
        '                Resource: "*"',
        'Outputs:',
        '  ExecutionRoleArn:',
        '    Value:',
        '      Fn::GetAtt: ExecutionRole.Arn',
        '',
    ].join('\n');
}

import { idOf, parseInstanceArn, parseResourceArn, resourceArn } from '../../src/arn';

describe('ARNs', () => {
    it.each([
        ['aws', 'us-east-1'],
        ['aws-cn', 'cn-north-1'],
        ['aws-us-gov', 'us-gov-west-1'],
    ])('parses and rebuilds user ARNs in the %s partition', (partition, region) => {
        const arn = `arn:${partition}:connect:${region}:123456789012:instance/inst-1/agent/user-1`;
        const ref = parseResourceArn(arn, 'agent');

        expect(ref).toEqual({
            partition,
            region,
            account: '123456789012',
            instanceId: 'inst-1',
            type: 'agent',
            id: 'user-1',
        });
        expect(resourceArn(ref!, 'agent', 'user-1')).toBe(arn);
        expect(resourceArn(ref!, 'agent-group', 'g-1')).toBe(
            `arn:${partition}:connect:${region}:123456789012:instance/inst-1/agent-group/g-1`
        );
    });

    it.each([
        ['undefined', undefined],
        ['null', null],
        ['a number', 42],
        ['an empty string', ''],
        ['a bare ID', 'user-1'],
        [
            'another resource type',
            'arn:aws:connect:us-east-1:123456789012:instance/i/queue/q',
        ],
        ['another service', 'arn:aws:iam::123456789012:user/someone'],
        ['a short account', 'arn:aws:connect:us-east-1:1234:instance/i/agent/u'],
        [
            'a trailing slash',
            'arn:aws:connect:us-east-1:123456789012:instance/i/agent/u/',
        ],
    ])('is undefined, never a throw, for %s', (_case, value) => {
        expect(parseResourceArn(value, 'agent')).toBeUndefined();
        expect(parseInstanceArn(value)).toBeUndefined();
    });

    it('parses instance ARNs only', () => {
        expect(
            parseInstanceArn('arn:aws:connect:eu-west-2:123456789012:instance/abc')
        ).toEqual({
            partition: 'aws',
            region: 'eu-west-2',
            account: '123456789012',
            instanceId: 'abc',
        });
        expect(
            parseInstanceArn(
                'arn:aws:connect:eu-west-2:123456789012:instance/abc/agent/u'
            )
        ).toBeUndefined();
    });

    it.each([
        [
            'arn:aws:connect:us-east-1:123456789012:instance/i/security-profile/sp-1',
            'sp-1',
        ],
        ['sp-2', 'sp-2'],
    ])('takes the ID at the end of %s', (value, id) => {
        expect(idOf(value)).toBe(id);
    });
});

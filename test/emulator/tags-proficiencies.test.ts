import {
    AssociateUserProficienciesCommand,
    CreateUserCommand,
    DisassociateUserProficienciesCommand,
    InvalidParameterException,
    ListTagsForResourceCommand,
    ListUserProficienciesCommand,
    ResourceNotFoundException,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateUserProficienciesCommand,
    type UserProficiency,
} from '@aws-sdk/client-connect';
import { EmulatorAdmin } from '../../emulator/admin';
import { failure, managed, useHarness, validCreateUser } from './helpers';

const harness = useHarness();

async function newUser(Tags?: Record<string, string>) {
    const created = await harness.client.send(
        new CreateUserCommand(validCreateUser(managed, { Tags }))
    );
    return { id: created.UserId!, arn: created.UserArn! };
}

const listTags = async (resourceArn: string) =>
    (await harness.client.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

describe('tags', () => {
    const SYSTEM_TAGS = {
        'aws:cloudformation:stack-name': 'demo',
        'aws:cloudformation:logical-id': 'Agent',
        'aws:cloudformation:stack-id':
            'arn:aws:cloudformation:us-east-1:123456789012:stack/demo/1',
    };

    it('refuses aws: keys on CreateUser by default, as TagKey reserves them, and creates nothing', async () => {
        const error = await failure(newUser({ ...SYSTEM_TAGS, team: 'blue' }));
        expect(error).toBeInstanceOf(InvalidParameterException);
        expect(error.message).toContain('aws:');
        expect(harness.emulator.snapshot().instances[0].users).toEqual([]);
    });

    it('accepts aws: keys on CreateUser when acceptSystemTags is set, at runtime or through the admin endpoint', async () => {
        harness.emulator.setAcceptSystemTags(true);
        const user = await newUser({ ...SYSTEM_TAGS, team: 'blue' });
        expect(await listTags(user.arn)).toEqual({ ...SYSTEM_TAGS, team: 'blue' });

        await new EmulatorAdmin(harness.emulator.url).setAcceptSystemTags(false);
        await expect(newUser(SYSTEM_TAGS)).rejects.toBeInstanceOf(
            InvalidParameterException
        );
    });

    it('does not count aws: keys against the 50 tags', async () => {
        harness.emulator.setAcceptSystemTags(true);
        const fifty = Object.fromEntries(
            Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])
        );
        await expect(newUser({ ...fifty, ...SYSTEM_TAGS })).resolves.toBeDefined();
    });

    it('refuses a tag key outside the documented characters', async () => {
        await expect(newUser({ 'cost#centre': '1' })).rejects.toBeInstanceOf(
            InvalidParameterException
        );
        await expect(
            newUser({ 'a b_c.d:e/f=g+h-i@j': 'fine', é2: 'letters' })
        ).resolves.toBeDefined();
    });

    it('tags and untags a user (tagKeys go in the query string)', async () => {
        const user = await newUser({ team: 'blue' });
        await harness.client.send(
            new TagResourceCommand({
                resourceArn: user.arn,
                tags: { env: 'dev', team: 'red' },
            })
        );
        expect(await listTags(user.arn)).toEqual({ team: 'red', env: 'dev' });
        await harness.client.send(
            new UntagResourceCommand({
                resourceArn: user.arn,
                tagKeys: ['team', 'absent'],
            })
        );
        expect(await listTags(user.arn)).toEqual({ env: 'dev' });
        const [untag] = harness.emulator
            .calls()
            .filter((c) => c.operation === 'UntagResource');
        expect(untag.params.tagKeys).toEqual(['team', 'absent']);
    });

    it('refuses aws: keys on TagResource and UntagResource, whatever acceptSystemTags says', async () => {
        harness.emulator.setAcceptSystemTags(true);
        const user = await newUser({ 'aws:cloudformation:stack-name': 'demo' });
        await expect(
            harness.client.send(
                new TagResourceCommand({
                    resourceArn: user.arn,
                    tags: { 'aws:x': '1' },
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
        await expect(
            harness.client.send(
                new UntagResourceCommand({
                    resourceArn: user.arn,
                    tagKeys: ['aws:cloudformation:stack-name'],
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
        expect(await listTags(user.arn)).toEqual({
            'aws:cloudformation:stack-name': 'demo',
        });
    });

    it('enforces at most 50 tags, key length 1-128 and value length 256', async () => {
        const fifty = Object.fromEntries(
            Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])
        );
        const user = await newUser(fifty);
        const tag = (tags: Record<string, string>) =>
            harness.client.send(
                new TagResourceCommand({ resourceArn: user.arn, tags })
            );
        await expect(tag({ one: 'too many' })).rejects.toBeInstanceOf(
            InvalidParameterException
        );
        await expect(tag({ k0: 'replacing is fine' })).resolves.toBeDefined();
        await expect(tag({ ['k'.repeat(129)]: 'v' })).rejects.toBeInstanceOf(
            InvalidParameterException
        );
        await expect(tag({ k1: 'v'.repeat(257) })).rejects.toBeInstanceOf(
            InvalidParameterException
        );
        await expect(
            harness.client.send(
                new CreateUserCommand(
                    validCreateUser(managed, { Tags: { ...fifty, x: 'y' } })
                )
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
    });

    it('answers ResourceNotFoundException for the ARN of an unknown user', async () => {
        await expect(
            listTags(managed.userArn('00000000-0000-4000-8000-000000000000'))
        ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
});

describe('proficiencies', () => {
    const technology = (AttributeValue: string, Level = 3): UserProficiency => ({
        AttributeName: 'Technology',
        AttributeValue,
        Level,
    });

    async function proficiencies(UserId: string) {
        return (
            await harness.client.send(
                new ListUserProficienciesCommand({ InstanceId: managed.id, UserId })
            )
        ).UserProficiencyList;
    }

    it('associates, updates and disassociates proficiencies', async () => {
        const user = await newUser();
        const ids = { InstanceId: managed.id, UserId: user.id };
        await harness.client.send(
            new AssociateUserProficienciesCommand({
                ...ids,
                UserProficiencies: [technology('Connect', 2), technology('Lambda', 4)],
            })
        );
        await harness.client.send(
            new UpdateUserProficienciesCommand({
                ...ids,
                UserProficiencies: [technology('Lambda', 5)],
            })
        );
        expect(await proficiencies(user.id)).toEqual([
            technology('Connect', 2),
            technology('Lambda', 5),
        ]);
        await harness.client.send(
            new DisassociateUserProficienciesCommand({
                ...ids,
                UserProficiencies: [
                    { AttributeName: 'Technology', AttributeValue: 'Connect' },
                ],
            })
        );
        expect(await proficiencies(user.id)).toEqual([technology('Lambda', 5)]);
    });

    it.each([
        ['an unknown attribute value', [{ ...technology('x') }]],
        ['level 0.5', [technology('Connect', 0.5)]],
        ['level 5.5', [technology('Connect', 5.5)]],
        ['the fractional level 2.5', [technology('Connect', 2.5)]],
        ['level 0', [technology('Connect', 0)]],
        ['level 6', [technology('Connect', 6)]],
        [
            'an attribute name over 100 characters',
            [{ AttributeName: 'n'.repeat(101), AttributeValue: 'x', Level: 1 }],
        ],
        [
            'an attribute value over 100 characters',
            [
                {
                    AttributeName: 'Technology',
                    AttributeValue: 'v'.repeat(101),
                    Level: 1,
                },
            ],
        ],
        ['an empty batch', []],
        ['a batch of 21', Array.from({ length: 21 }, () => technology('Connect'))],
        ['the same value twice', [technology('S3'), technology('S3', 2)]],
    ])('refuses to associate %s', async (_case, UserProficiencies) => {
        const user = await newUser();
        await expect(
            harness.client.send(
                new AssociateUserProficienciesCommand({
                    InstanceId: managed.id,
                    UserId: user.id,
                    UserProficiencies,
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
        expect(await proficiencies(user.id)).toEqual([]);
    });

    it('accepts every level from 1 to 5 and refuses a fractional one on update', async () => {
        const user = await newUser();
        const ids = { InstanceId: managed.id, UserId: user.id };
        const levels = [1, 2, 3, 4, 5];
        const values = ['Connect', 'Lambda', 'S3', 'Kinesis'];
        await harness.client.send(
            new AssociateUserProficienciesCommand({
                ...ids,
                UserProficiencies: values.map((value, i) =>
                    technology(value, levels[i])
                ),
            })
        );
        await harness.client.send(
            new UpdateUserProficienciesCommand({
                ...ids,
                UserProficiencies: [technology('Connect', 5)],
            })
        );
        await expect(
            harness.client.send(
                new UpdateUserProficienciesCommand({
                    ...ids,
                    UserProficiencies: [technology('Lambda', 3.5)],
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
        expect((await proficiencies(user.id))?.map((p) => p.Level)).toEqual([
            5, 2, 3, 4,
        ]);
    });

    it('takes attribute names up to 100 characters, then looks them up', async () => {
        const user = await newUser();
        await expect(
            harness.client.send(
                new AssociateUserProficienciesCommand({
                    InstanceId: managed.id,
                    UserId: user.id,
                    UserProficiencies: [
                        {
                            AttributeName: 'n'.repeat(100),
                            AttributeValue: 'x',
                            Level: 1,
                        },
                    ],
                })
            )
        ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('refuses an unknown attribute name as not found', async () => {
        const user = await newUser();
        await expect(
            harness.client.send(
                new AssociateUserProficienciesCommand({
                    InstanceId: managed.id,
                    UserId: user.id,
                    UserProficiencies: [
                        { AttributeName: 'Nope', AttributeValue: 'x', Level: 1 },
                    ],
                })
            )
        ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('refuses associating twice and updating or disassociating what is not associated', async () => {
        const user = await newUser();
        const ids = { InstanceId: managed.id, UserId: user.id };
        await harness.client.send(
            new AssociateUserProficienciesCommand({
                ...ids,
                UserProficiencies: [technology('S3')],
            })
        );
        await expect(
            harness.client.send(
                new AssociateUserProficienciesCommand({
                    ...ids,
                    UserProficiencies: [technology('Kinesis'), technology('S3')],
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
        await expect(
            harness.client.send(
                new UpdateUserProficienciesCommand({
                    ...ids,
                    UserProficiencies: [technology('Kinesis')],
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
        await expect(
            harness.client.send(
                new DisassociateUserProficienciesCommand({
                    ...ids,
                    UserProficiencies: [
                        { AttributeName: 'Skill', AttributeValue: 'Sales' },
                    ],
                })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
        // the refused batch applied nothing, not even its valid item
        expect(await proficiencies(user.id)).toEqual([technology('S3')]);
    });

    it('pages ListUserProficiencies and refuses maxResults above 100', async () => {
        const user = await newUser();
        const ids = { InstanceId: managed.id, UserId: user.id };
        await harness.client.send(
            new AssociateUserProficienciesCommand({
                ...ids,
                UserProficiencies: ['English', 'Spanish', 'French', 'German'].map(
                    (v) => ({
                        AttributeName: 'Language',
                        AttributeValue: v,
                        Level: 1,
                    })
                ),
            })
        );
        const first = await harness.client.send(
            new ListUserProficienciesCommand({ ...ids, MaxResults: 3 })
        );
        expect(first.UserProficiencyList).toHaveLength(3);
        expect(first.LastModifiedRegion).toBe('us-east-1');
        const second = await harness.client.send(
            new ListUserProficienciesCommand({
                ...ids,
                MaxResults: 3,
                NextToken: first.NextToken,
            })
        );
        expect(second.UserProficiencyList?.map((p) => p.AttributeValue)).toEqual([
            'German',
        ]);
        expect(second.NextToken).toBeUndefined();
        await expect(
            harness.client.send(
                new ListUserProficienciesCommand({ ...ids, MaxResults: 101 })
            )
        ).rejects.toBeInstanceOf(InvalidParameterException);
    });
});

/**
 * A generated instance size: `users: N` (and `--users N`) fills the seed's
 * CONNECT_MANAGED instance with N users that the user APIs read like created ones.
 */
import {
    DescribeUserCommand,
    ListUsersCommand,
    SearchUsersCommand,
} from '@aws-sdk/client-connect';
import { parseArguments } from '../../emulator/cli';
import { generatedUsername, withGeneratedUsers } from '../../emulator/generated-users';
import { SEED } from '../../emulator/seed';
import { managed, startHarness, stopHarness } from './helpers';

describe('generated users', () => {
    it('fill the CONNECT_MANAGED instance with valid, distinct users and leave the seed alone', () => {
        const state = withGeneratedUsers(SEED, 250);
        const instance = state.instances.find((i) => i.id === managed.id);
        const users = instance?.users ?? [];
        expect(users).toHaveLength(250);
        expect(new Set(users.map((user) => user.id)).size).toBe(250);
        expect(new Set(users.map((user) => user.username)).size).toBe(250);
        for (const user of users) {
            expect(user.username).toMatch(/^agent\d{5}$/);
            expect(user.id).toMatch(
                /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
            );
            expect(managed.routingProfileIds).toContain(user.routingProfileId);
            expect(user.securityProfileIds).toEqual([managed.securityProfileIds[0]]);
        }
        const others = state.instances.filter((i) => i.id !== managed.id);
        expect(others.every((other) => other.users.length === 0)).toBe(true);
        expect(SEED.instances.every((i) => i.users.length === 0)).toBe(true);
    });

    it.each([-1, 1.5, Number.NaN, 1_000_001])('refuse a count of %p', (count) => {
        expect(() => withGeneratedUsers(SEED, count)).toThrow(
            /users must be an integer/
        );
    });

    it('come from --users on the command line', () => {
        expect(parseArguments(['--users', '10000']).users).toBe(10_000);
        expect(() => parseArguments(['--users', 'many'])).toThrow(/--users must be/);
    });

    it('are listed, found and described through the API, and kept by a reset', async () => {
        const harness = await startHarness({ users: 1200 });
        const { emulator, client } = harness;
        try {
            const firstPage = await client.send(
                new ListUsersCommand({ InstanceId: managed.id, MaxResults: 1000 })
            );
            expect(firstPage.UserSummaryList).toHaveLength(1000);
            const second = await client.send(
                new ListUsersCommand({
                    InstanceId: managed.id,
                    MaxResults: 1000,
                    NextToken: firstPage.NextToken,
                })
            );
            expect(second.UserSummaryList).toHaveLength(200);
            expect(second.NextToken).toBeUndefined();

            const found = await client.send(
                new SearchUsersCommand({
                    InstanceId: managed.id,
                    SearchCriteria: {
                        StringCondition: {
                            FieldName: 'Username',
                            Value: generatedUsername(1199),
                            ComparisonType: 'EXACT',
                        },
                    },
                })
            );
            expect(found.Users).toHaveLength(1);
            const described = await client.send(
                new DescribeUserCommand({
                    InstanceId: managed.id,
                    UserId: found.Users?.[0].Id,
                })
            );
            expect(described.User).toMatchObject({
                Username: 'agent01200',
                IdentityInfo: { FirstName: 'Agent', LastName: '1200' },
                PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 0 },
            });

            emulator.reset();
            const users = emulator
                .snapshot()
                .instances.find((i) => i.id === managed.id)?.users;
            expect(users).toHaveLength(1200);
        } finally {
            await stopHarness(harness);
        }
    });
});

import { ConnectClient, CreateUserCommand } from '@aws-sdk/client-connect';
import { type Emulator, startEmulator } from '../../emulator/server';
import { applyHandlerEnvironment } from '../../local/environment';
import { type Entrypoint, runLifecycle } from '../../start/lifecycle';
import type { LifecycleTarget } from '../../start/target';
import { emulatorTarget, parseStartArgs } from '../../start/cli';
import { entrypoint } from '../../src/handlers';
import { CREDENTIALS, INSTANCE } from '../local/fixtures/endpoint';

const handler: Entrypoint = (event, context) => entrypoint(event, context as never);

/** The target `npm start` uses: the seeded managed instance, with everything the lifecycle exercises. */
const FULL: LifecycleTarget = { ...emulatorTarget(), credentials: CREDENTIALS };

let emulator: Emulator;
let restoreEnvironment: () => void;

beforeAll(async () => {
    emulator = await startEmulator({ quiet: true });
    restoreEnvironment = applyHandlerEnvironment({
        region: 'us-east-1',
        connectEndpoint: emulator.url,
    });
});
afterAll(async () => {
    restoreEnvironment();
    await emulator.close();
});
beforeEach(() => {
    emulator.reset();
    emulator.resetCalls();
});

const users = () => emulator.snapshot().instances[0].users;

describe('runLifecycle against the emulator', () => {
    it('takes one user through every step as CloudFormation expects, and leaves nothing behind', async () => {
        const lines: string[] = [];
        const result = await runLifecycle({
            target: FULL,
            entrypoint: handler,
            connectCalls: () => emulator.calls(),
            username: 'lifecycle-test',
            log: (line) => lines.push(line),
        });

        expect(result.steps.flatMap((step) => step.problems)).toEqual([]);
        expect(result.ok).toBe(true);
        expect(result.cleanup).toBeUndefined();
        expect(result.steps.map((step) => [step.step, step.statuses])).toEqual([
            ['create', ['IN_PROGRESS', 'SUCCESS']],
            ['read', ['SUCCESS']],
            ['update', ['SUCCESS']],
            ['list', ['SUCCESS']],
            ['delete', ['SUCCESS']],
            ['read-deleted', ['FAILED']],
        ]);
        const calls = Object.fromEntries(
            result.steps.map((step) => [step.step, step.calls])
        );
        // The first CreateUser is refused for CloudFormation's aws: system tags, as
        // Connect's tag-key rule says; the second goes without them. Then the marker goes.
        expect(calls.create).toMatchObject({
            CreateUser: 2,
            UntagResource: 1,
            AssociateUserProficiencies: 1,
        });
        expect(calls.update).toMatchObject({
            UpdateUserSecurityProfiles: 1,
            UpdateUserHierarchy: 1,
            UpdateUserProficiencies: 1,
            TagResource: 1,
        });
        expect(calls.list).toEqual({ ListUsers: 1 });
        expect(calls.delete).toEqual({ DeleteUser: 1 });
        expect(result.steps[5].errorCode).toBe('NotFound');
        expect(users()).toEqual([]);

        // CreateUser got the model's, the stack's and CloudFormation's system tags.
        const create = emulator.calls().find((call) => call.operation === 'CreateUser');
        expect(create?.params.Tags).toMatchObject({
            team: 'blue',
            costCentre: '4242',
            'aws:cloudformation:logical-id': 'LifecycleUser',
        });
        expect(create?.params.Password).toBe('<redacted>');
        expect(lines[0]).toMatch(
            /^\[1\/6\] create +ok +IN_PROGRESS -> SUCCESS +\d+ ms$/
        );
        expect(lines).toContain('      Connect calls: ListUsers x1');
    });

    it('runs without a call record, one security profile, one hierarchy group and no proficiencies', async () => {
        const result = await runLifecycle({
            target: {
                ...FULL,
                securityProfileArns: FULL.securityProfileArns.slice(0, 1),
                hierarchyGroupArns: FULL.hierarchyGroupArns.slice(0, 1),
                proficiencies: [],
            },
            entrypoint: handler,
        });

        expect(result.steps.flatMap((step) => step.problems)).toEqual([]);
        expect(result.ok).toBe(true);
        expect(result.steps.every((step) => step.calls === undefined)).toBe(true);
        expect(result.username).toMatch(/^cfn-lifecycle-[0-9a-f]{6}$/);
    });

    it('pages through LIST until the user turns up', async () => {
        const pages: Array<string | null> = [];
        const paging: Entrypoint = async (event, context) => {
            const request = event as { action: string; nextToken: string | null };
            if (request.action !== 'LIST') return handler(event, context);
            pages.push(request.nextToken);
            // The whole list in one page; the pages below are this test's own.
            const full = (await handler({ ...request, nextToken: null }, context)) as {
                resourceModels: Array<{ Username: string }>;
            };
            // One user per page, by name: the lifecycle's user comes last.
            const sorted = [...full.resourceModels].sort((a, b) =>
                a.Username.localeCompare(b.Username)
            );
            const index = request.nextToken ? Number(request.nextToken) : 0;
            const next = index + 1 < sorted.length ? String(index + 1) : null;
            return {
                ...full,
                resourceModels: sorted.slice(index, index + 1),
                nextToken: next,
            };
        };
        const connect = new ConnectClient({
            endpoint: emulator.url,
            region: 'us-east-1',
            credentials: CREDENTIALS,
        });
        for (const name of ['aaa-first', 'bbb-second']) {
            await connect.send(
                new CreateUserCommand({
                    InstanceId: INSTANCE.id,
                    Username: name,
                    Password: 'Other-Users-Passw0rd',
                    PhoneConfig: { PhoneType: 'SOFT_PHONE' },
                    IdentityInfo: {
                        FirstName: 'A',
                        LastName: 'B',
                        Email: 'a@example.com',
                    },
                    RoutingProfileId: INSTANCE.routingProfileIds[0],
                    SecurityProfileIds: [INSTANCE.securityProfileIds[0]],
                })
            );
        }
        connect.destroy();

        const result = await runLifecycle({
            target: FULL,
            entrypoint: paging,
            username: 'zzz-last',
        });

        expect(result.steps.find((step) => step.step === 'list')).toMatchObject({
            ok: true,
            statuses: ['SUCCESS', 'SUCCESS', 'SUCCESS'],
        });
        expect(result.steps.find((step) => step.step === 'list')?.problems).toEqual([]);
        expect(pages).toEqual([null, '1', '2']);
    });

    it('fails the step when a read does not say what was asked', async () => {
        const forgetful: Entrypoint = async (event, context) => {
            const response = (await handler(event, context)) as {
                resourceModel?: Record<string, unknown>;
            };
            if (
                (event as { action: string }).action === 'READ' &&
                response.resourceModel
            ) {
                response.resourceModel = { ...response.resourceModel, Tags: [] };
            }
            return response;
        };
        const result = await runLifecycle({
            target: FULL,
            entrypoint: forgetful,
            connectCalls: () => emulator.calls(),
        });

        expect(result.ok).toBe(false);
        const read = result.steps.find((step) => step.step === 'read');
        expect(read?.ok).toBe(false);
        expect(read?.problems).toEqual([
            'Tags is [], expected [{"Key":"costCentre","Value":"4242"},{"Key":"purpose","Value":"cfn-lifecycle"},{"Key":"team","Value":"blue"}]',
        ]);
        expect(users()).toEqual([]);
    });

    it('deletes the user itself when the DELETE step fails', async () => {
        const stubborn: Entrypoint = async (event, context) =>
            (event as { action: string }).action === 'DELETE'
                ? { status: 'FAILED', errorCode: 'InternalFailure', message: 'no' }
                : handler(event, context);
        const lines: string[] = [];
        const result = await runLifecycle({
            target: FULL,
            entrypoint: stubborn,
            log: (line) => lines.push(line),
        });

        expect(result.ok).toBe(false);
        expect(result.steps.find((step) => step.step === 'delete')?.problems).toEqual([
            'expected SUCCESS, got FAILED InternalFailure: no',
        ]);
        expect(result.cleanup).toBe(`deleted ${result.userArn} with DeleteUser`);
        expect(lines.at(-1)).toBe(`clean-up: ${result.cleanup}`);
        expect(users()).toEqual([]);
    });

    it('goes on, and deletes the user, when the create fails after CreateUser', async () => {
        const halfway: Entrypoint = async (event, context) => {
            const request = event as { action: string; callbackContext: unknown };
            return request.action === 'CREATE' && request.callbackContext
                ? {
                      status: 'FAILED',
                      errorCode: 'ServiceInternalError',
                      message: 'lost',
                  }
                : handler(event, context);
        };
        const result = await runLifecycle({ target: FULL, entrypoint: halfway });

        expect(result.ok).toBe(false);
        expect(result.steps.map((step) => step.step)).toContain('create');
        expect(result.steps[0].statuses).toEqual(['IN_PROGRESS', 'FAILED']);
        // The user exists, so the remaining steps run and the DELETE step removes it.
        expect(result.steps.find((step) => step.step === 'delete')?.ok).toBe(true);
        expect(result.cleanup).toBeUndefined();
        expect(users()).toEqual([]);
    });

    it('stops after a create that made no user', async () => {
        const result = await runLifecycle({
            target: {
                ...FULL,
                routingProfileArn: `${INSTANCE.arn}/routing-profile/a1000000-0000-4000-8000-000000000999`,
            },
            entrypoint: handler,
            connectCalls: () => emulator.calls(),
        });

        expect(result.ok).toBe(false);
        expect(result.steps).toHaveLength(1);
        expect(result.steps[0].statuses).toEqual(['FAILED']);
        expect(result.userArn).toBeUndefined();
        expect(result.cleanup).toBeUndefined();
    });
});

describe('npm start arguments', () => {
    it('runs on the emulator without arguments', () => {
        expect(parseStartArgs([])).toEqual({
            functionLogs: false,
            username: undefined,
            via: 'entrypoint',
        });
    });

    it('takes a real instance with its profiles, groups and proficiencies', () => {
        const arn = 'arn:aws:connect:eu-west-2:111122223333:instance/abc';
        expect(
            parseStartArgs([
                '--instance-arn',
                arn,
                '--routing-profile-arn',
                `${arn}/routing-profile/r`,
                '--security-profile-arn',
                `${arn}/security-profile/s1`,
                '--security-profile-arn2',
                `${arn}/security-profile/s2`,
                '--hierarchy-group-arn',
                `${arn}/agent-group/g`,
                '--proficiency',
                'Language=English',
            ])
        ).toEqual({
            functionLogs: false,
            username: undefined,
            via: 'entrypoint',
            real: {
                region: 'eu-west-2',
                instanceArn: arn,
                routingProfileArn: `${arn}/routing-profile/r`,
                securityProfileArns: [
                    `${arn}/security-profile/s1`,
                    `${arn}/security-profile/s2`,
                ],
                hierarchyGroupArns: [`${arn}/agent-group/g`],
                proficiencies: [
                    { AttributeName: 'Language', AttributeValue: 'English' },
                ],
            },
        });
    });

    it.each([
        [['--routing-profile-arn', 'x'], /needs --instance-arn/],
        [['--instance-arn', 'nope'], /not an Amazon Connect instance ARN/],
        [
            ['--instance-arn', 'arn:aws:connect:eu-west-2:111122223333:instance/abc'],
            /--routing-profile-arn and --security-profile-arn are required/,
        ],
        [
            [
                '--instance-arn',
                'arn:aws:connect:eu-west-2:111122223333:instance/abc',
                '--region',
                'us-east-1',
            ],
            /differs from the instance's region eu-west-2/,
        ],
    ])('refuses %j', (argv, message) => {
        expect(() => parseStartArgs(argv)).toThrow(message);
    });
});

import { runBounded } from '../../src/parallel';
import { chainsOf, type PlannedCall } from '../../src/reconcile';

const target = { InstanceId: 'i', UserId: 'u' };
const call = (operation: PlannedCall['operation']): PlannedCall =>
    ({ operation, input: target }) as PlannedCall;

describe('chainsOf', () => {
    it.each<[string, PlannedCall['operation'][], PlannedCall['operation'][][]]>([
        ['nothing', [], []],
        [
            'independent operations, one chain each',
            [
                'UpdateUserRoutingProfile',
                'UpdateUserSecurityProfiles',
                'UpdateUserHierarchy',
            ],
            [
                ['UpdateUserRoutingProfile'],
                ['UpdateUserSecurityProfiles'],
                ['UpdateUserHierarchy'],
            ],
        ],
        [
            'removals before additions, level changes apart, longest first',
            [
                'UpdateUserIdentityInfo',
                'UpdateUserConfig',
                'DisassociateUserProficiencies',
                'UpdateUserProficiencies',
                'AssociateUserProficiencies',
                'UntagResource',
                'TagResource',
            ],
            [
                ['DisassociateUserProficiencies', 'AssociateUserProficiencies'],
                ['UntagResource', 'TagResource'],
                ['UpdateUserIdentityInfo'],
                ['UpdateUserConfig'],
                ['UpdateUserProficiencies'],
            ],
        ],
    ])('%s', (_case, operations, expected) => {
        expect(
            chainsOf(operations.map(call)).map((chain) =>
                chain.map((item) => item.operation)
            )
        ).toEqual(expected);
    });
});

/** A task that records when it starts and ends, and settles when told. */
function controlled(log: string[], name: string) {
    let settle: (error?: Error) => void = () => undefined;
    const task = () =>
        new Promise<void>((resolve, reject) => {
            log.push(`start ${name}`);
            settle = (error) => {
                log.push(`end ${name}`);
                if (error) reject(error);
                else resolve();
            };
        });
    return { task, settle: (error?: Error) => settle(error) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runBounded', () => {
    it('keeps at most the limit in flight and starts the next as one ends', async () => {
        const log: string[] = [];
        const tasks = ['a', 'b', 'c'].map((name) => controlled(log, name));
        const run = runBounded(
            tasks.map((t) => t.task),
            2
        );
        await tick();
        expect(log).toEqual(['start a', 'start b']);
        tasks[1].settle();
        await tick();
        expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
        tasks[0].settle();
        tasks[2].settle();
        await run;
    });

    it('starts nothing after a failure, lets those in flight finish, and throws the first failure', async () => {
        const log: string[] = [];
        const tasks = ['a', 'b', 'c'].map((name) => controlled(log, name));
        const run = runBounded(
            tasks.map((t) => t.task),
            2
        );
        await tick();
        tasks[0].settle(new Error('a failed'));
        await tick();
        tasks[1].settle(new Error('b failed too'));
        await expect(run).rejects.toThrow('a failed');
        expect(log).toEqual(['start a', 'start b', 'end a', 'end b']);
    });

    it('tells the tasks in flight that another has failed', async () => {
        const seen: boolean[] = [];
        const run = runBounded(
            [
                () => Promise.reject(new Error('first failed')),
                async (stopped) => {
                    await tick();
                    seen.push(stopped());
                },
            ],
            2
        );
        await expect(run).rejects.toThrow('first failed');
        expect(seen).toEqual([true]);
    });

    it('runs nothing for no tasks', async () => {
        await expect(runBounded([], 4)).resolves.toBeUndefined();
    });
});

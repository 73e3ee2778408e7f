import { runStart } from './fixtures/start';

/** `npm start` as a user runs it, in its own process. */
describe('npm start on the embedded emulator', () => {
    it('runs every step, prints each with its Connect calls, and exits 0', () => {
        const { status, out, steps } = runStart();

        expect(status).toBe(0);
        expect(out).toMatch(
            /^Amazon Connect emulator listening on http:\/\/127\.0\.0\.1:\d+$/m
        );
        expect(steps).toEqual([
            ['create', 'ok', 'IN_PROGRESS -> SUCCESS'],
            ['read', 'ok', 'SUCCESS'],
            ['update', 'ok', 'SUCCESS'],
            ['list', 'ok', 'SUCCESS'],
            ['delete', 'ok', 'SUCCESS'],
            ['read-deleted', 'ok', 'FAILED (NotFound)'],
        ]);
        expect(out).toMatch(
            /^ {6}Connect calls: CreateUser x2, UntagResource x1, AssociateUserProficiencies x1/m
        );
        expect(out).toMatch(/^ {6}Connect calls: DeleteUser x1$/m);
        expect(out).toContain('All 6 steps behaved as CloudFormation expects.');
        // The library's own log lines stay off the terminal.
        expect(out).not.toContain('EVENT DATA');
        expect(out).not.toContain('START RequestId');
    }, 90000);
});

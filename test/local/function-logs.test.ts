import { inspect } from 'node:util';
import { captureFunctionLogs } from '../../local/function-logs';
import { formsIn } from '../fixtures/secret-forms';

/**
 * The function's console lines as the local servers show them on stderr: no
 * form of a secret of an invocation in flight, whether a line quotes the event
 * raw, as JSON or as util.inspect prints it.
 */

const PASSWORD = `Back\\slash'quote"tick\`9A`;
const SECRET_KEY = 'wJalr\\XUtnFEMI/K7MDENG';

function eventWith(password: string) {
    return {
        requestData: {
            callerCredentials: {
                accessKeyId: 'AKIDEXAMPLE',
                secretAccessKey: SECRET_KEY,
            },
            resourceProperties: { Password: password },
        },
    };
}

function shown(run: (logs: ReturnType<typeof captureFunctionLogs>) => void): string {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        written.push(String(chunk));
        return true;
    });
    const logs = captureFunctionLogs(true);
    try {
        run(logs);
    } finally {
        logs.restore();
        spy.mockRestore();
    }
    return written.join('');
}

describe('function logs shown on stderr', () => {
    it('hold no form of the password or secret key of an invocation in flight', () => {
        const event = eventWith(PASSWORD);
        const text = shown((logs) => {
            const done = logs.track(event);
            console.log('EVENT DATA', inspect(event, { depth: 8 }));
            console.info(JSON.stringify(event));
            console.error(`raw ${PASSWORD} ${SECRET_KEY}`);
            done();
        });
        expect(text).toContain('EVENT DATA');
        expect(text).toContain('<REDACTED>');
        for (const form of [...formsIn(PASSWORD), ...formsIn(SECRET_KEY)]) {
            expect(text).not.toContain(form);
        }
    });

    it('keep a secret out while any invocation carrying it is in flight', () => {
        const first = eventWith(PASSWORD);
        const second = eventWith(PASSWORD);
        const text = shown((logs) => {
            const doneFirst = logs.track(first);
            const doneSecond = logs.track(second);
            doneFirst();
            doneFirst();
            console.log(JSON.stringify(second));
            doneSecond();
        });
        for (const form of formsIn(PASSWORD)) {
            expect(text).not.toContain(form);
        }
    });

    it('print lines as they are once no invocation is in flight', () => {
        const text = shown((logs) => {
            logs.track(eventWith(PASSWORD))();
            console.log('after the invocation: Plain-Text-99');
        });
        expect(text).toBe('after the invocation: Plain-Text-99\n');
    });
});

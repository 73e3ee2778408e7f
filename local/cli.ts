/**
 * What the local commands share: parse the arguments or explain them, and
 * run a `main` that returns the exit code.
 */

/**
 * The parsed options, or the exit code after printing the usage: 0 for
 * `--help`, 2 (with the problem) for arguments that do not parse.
 */
export function parseOrExplain<T extends object>(
    argv: string[],
    parse: (argv: string[]) => T | { help: true },
    usage: string
): T | number {
    try {
        const options = parse(argv);
        if ('help' in options) {
            process.stdout.write(`${usage}\n`);
            return 0;
        }
        return options;
    } catch (error) {
        process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
        return 2;
    }
}

/** Runs a command's `main` with the process arguments and exits with its code. */
export function runMain(main: (argv: string[]) => Promise<number>): void {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            process.stderr.write(`${(error as Error).message}\n`);
            process.exit(1);
        }
    );
}

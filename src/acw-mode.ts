import type { ConnectClient } from '@aws-sdk/client-connect';

/**
 * `AfterContactWorkMode` (ON, OFF, ON_DEMAND) in the per-channel
 * AfterContactWorkConfig, which Connect takes and returns but which the SDK
 * this type is built with does not model: its serializers leave the member
 * out of the request, and its deserializers out of the answer. These two
 * middlewares put it back, on the JSON bodies of CreateUser and
 * UpdateUserConfig and on the DescribeUser answer. Each adds the member only
 * where the SDK left it out, so once the SDK models it they change nothing.
 */

const MODE = 'AfterContactWorkMode';
const CONFIGS = ['AfterContactWorkConfig', 'AgentFirstCallbackAfterContactWorkConfig'];
const SENDING = new Set(['CreateUserCommand', 'UpdateUserConfigCommand']);
const RECEIVING = 'DescribeUserCommand';

type Json = Record<string, unknown>;
type Entry = Json & { Channel?: unknown };

const isRecord = (value: unknown): value is Json =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

/** The per-channel ACW entries of a request, a body or a user. */
function entriesOf(holder: unknown): Entry[] {
    const list = isRecord(holder) ? holder.AfterContactWorkConfigs : undefined;
    return Array.isArray(list) ? list.filter(isRecord) : [];
}

/**
 * Copies each mode of `from` onto the entry of `to` for the same channel,
 * where `to` has none. Returns whether anything was copied.
 */
export function copyModes(from: unknown, to: unknown): boolean {
    let copied = false;
    const targets = entriesOf(to);
    for (const source of entriesOf(from)) {
        const target = targets.find((entry) => entry.Channel === source.Channel);
        for (const config of CONFIGS) {
            const mode = isRecord(source[config]) ? source[config][MODE] : undefined;
            const into = target?.[config];
            if (mode !== undefined && isRecord(into) && into[MODE] === undefined) {
                into[MODE] = mode;
                copied = true;
            }
        }
    }
    return copied;
}

interface SerializeArgs {
    input: unknown;
    request?: { body?: unknown };
}

interface DeserializeResult {
    response?: { body?: unknown };
    output?: { User?: unknown };
}

/**
 * The UTF-8 text of a body. Through a Buffer, as the SDK's own decoding in
 * Node does: the first TextDecoder of a process loads Node's encoding module,
 * a cost on every cold start.
 */
function textOf(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
        'utf8'
    );
}

/** Where the raw DescribeUser body waits for the outer middleware, per request. */
const RAW_USER = Symbol('raw DescribeUser body');

/** Adds the two middlewares to a Connect client. */
export function withAfterContactWorkMode(client: ConnectClient): ConnectClient {
    const stack = client.middlewareStack as unknown as {
        add(middleware: unknown, options: Record<string, unknown>): void;
    };
    // After the serializer: the request body is the JSON the SDK wrote, as text
    // or as bytes.
    stack.add(
        (next: (args: SerializeArgs) => Promise<unknown>, context: Json) =>
            async (args: SerializeArgs) => {
                const request = args.request;
                const body = request?.body;
                const text =
                    body instanceof Uint8Array
                        ? textOf(body)
                        : typeof body === 'string'
                          ? body
                          : undefined;
                if (request && text && SENDING.has(String(context.commandName))) {
                    const parsed = JSON.parse(text) as unknown;
                    if (copyModes(args.input, parsed)) {
                        const json = JSON.stringify(parsed);
                        request.body =
                            body instanceof Uint8Array
                                ? Buffer.from(json, 'utf8')
                                : json;
                    }
                }
                return next(args);
            },
        { step: 'serialize', priority: 'low', name: 'afterContactWorkModeBody' }
    );
    // Before the deserializer: keep the answer's raw body, and hand it on whole.
    stack.add(
        (next: (args: unknown) => Promise<DeserializeResult>, context: Json) =>
            async (args: unknown) => {
                const result = await next(args);
                const response = result.response;
                if (context.commandName === RECEIVING && response?.body) {
                    const bytes = await client.config.streamCollector(
                        response.body as Parameters<
                            typeof client.config.streamCollector
                        >[0]
                    );
                    response.body = bytes;
                    context[RAW_USER as unknown as string] = bytes;
                }
                return result;
            },
        { step: 'deserialize', priority: 'low', name: 'afterContactWorkModeRawAnswer' }
    );
    // After the deserializer: the modes of the raw answer onto the user.
    stack.add(
        (next: (args: unknown) => Promise<DeserializeResult>, context: Json) =>
            async (args: unknown) => {
                const result = await next(args);
                const raw = context[RAW_USER as unknown as string];
                const text = raw instanceof Uint8Array ? textOf(raw) : '';
                // Most answers carry no mode: those are not parsed a second time.
                if (text.includes(`"${MODE}"`) && result.output?.User) {
                    const answer = JSON.parse(text) as Json;
                    copyModes(answer.User, result.output.User);
                }
                return result;
            },
        { step: 'initialize', priority: 'low', name: 'afterContactWorkModeUser' }
    );
    return client;
}

/**
 * `@smithy/core/event-streams` in the bundle. The SDK loads it (with a dynamic
 * import) only for an operation with an event stream member, and Amazon Connect's
 * API has none; bundled, that one dynamic import made esbuild wrap every module of
 * @smithy/core in a lazy initialiser, which V8 then compiled twice at each cold
 * start. Should an event stream ever be asked for, this fails loudly.
 */
function unsupported(): never {
    throw new Error('This function bundles no event stream support: Connect has none');
}

export function eventStreamSerdeProvider(): never {
    return unsupported();
}

export class EventStreamSerde {
    constructor() {
        unsupported();
    }
}

/**
 * The AWS query protocol, as CloudFormation speaks it: a form-encoded POST
 * (`Action=DescribeType&Version=2010-05-15&TypeName=...`, nested members as
 * `Filters.TypeNamePrefix=...`), answered in XML: `<ActionResponse>` holding
 * `<ActionResult>` and the request ID, lists as `<member>` elements, and errors as
 * `<ErrorResponse><Error><Type>Sender</Type><Code>...</Code><Message>...` with the
 * status the service model gives the error. Pure: text in, text out.
 */

/** A query error: its code on the wire, its HTTP status and its message. */
export class QueryError extends Error {
    constructor(
        readonly code: string,
        readonly status: number,
        message: string
    ) {
        super(message);
        this.name = code;
    }
}

/** The request's members by name; a member given twice is refused. */
export function parseForm(body: string): Map<string, string> {
    const members = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(body)) {
        if (members.has(name)) {
            throw new QueryError(
                'MalformedQueryString',
                400,
                `The member ${safeName(name)} is given more than once`
            );
        }
        members.set(name, value);
    }
    return members;
}

/** A member name as an answer may quote it: short, and printable ASCII only. */
export function safeName(name: string): string {
    const printable = name.replace(/[^\x21-\x7e]/g, '?');
    return printable.length > 64 ? `${printable.slice(0, 64)}...` : printable;
}

const ESCAPES: Readonly<Record<string, string>> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;',
    '\r': '&#13;',
};

export function escapeXml(text: string): string {
    return text.replace(/[&<>"'\r]/g, (character) => ESCAPES[character]);
}

/** An XML value: text, a nested structure, or a list (written as `<member>`s). */
export type XmlValue = string | number | boolean | Date | XmlStructure | XmlValue[];
export interface XmlStructure {
    [name: string]: XmlValue | undefined;
}

function serialize(value: XmlValue): string {
    if (Array.isArray(value)) {
        return value.map((item) => `<member>${serialize(item)}</member>`).join('');
    }
    if (value instanceof Date) {
        return value.toISOString();
    }
    if (typeof value === 'object') {
        return Object.entries(value)
            .filter((entry): entry is [string, XmlValue] => entry[1] !== undefined)
            .map(([name, member]) => `<${name}>${serialize(member)}</${name}>`)
            .join('');
    }
    return escapeXml(String(value));
}

/** The answer to `action`: its result members, then the request ID. */
export function queryResponse(
    namespace: string,
    action: string,
    result: XmlStructure,
    requestId: string
): string {
    return (
        `<${action}Response xmlns="${namespace}">` +
        `<${action}Result>${serialize(result)}</${action}Result>` +
        `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
        `</${action}Response>`
    );
}

/** An error answer; a 5xx is the receiver's fault, anything else the sender's. */
export function queryErrorResponse(
    namespace: string,
    error: QueryError,
    requestId: string
): string {
    const type = error.status >= 500 ? 'Receiver' : 'Sender';
    return (
        `<ErrorResponse xmlns="${namespace}">` +
        `<Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code>` +
        `<Message>${escapeXml(error.message)}</Message></Error>` +
        `<RequestId>${escapeXml(requestId)}</RequestId>` +
        '</ErrorResponse>'
    );
}

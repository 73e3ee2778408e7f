/**
 * Connect service exceptions as the REST-JSON protocol carries them: the name goes in
 * the `x-amzn-ErrorType` header, the text in a `Message` body field, and the HTTP
 * status matches the one in the service model so the SDK raises the same class.
 */
export class ConnectError extends Error {
    constructor(
        readonly errorType: string,
        readonly status: number,
        message: string
    ) {
        super(message);
        this.name = errorType;
    }
}

export const notFound = (message: string): ConnectError =>
    new ConnectError('ResourceNotFoundException', 404, message);

export const invalidParameter = (message: string): ConnectError =>
    new ConnectError('InvalidParameterException', 400, message);

export const invalidRequest = (message: string): ConnectError =>
    new ConnectError('InvalidRequestException', 400, message);

export const duplicateResource = (message: string): ConnectError =>
    new ConnectError('DuplicateResourceException', 409, message);

export const limitExceeded = (message: string): ConnectError =>
    new ConnectError('LimitExceededException', 429, message);

export const throttling = (): ConnectError =>
    new ConnectError('ThrottlingException', 429, 'Rate exceeded');

export const internalError = (): ConnectError =>
    new ConnectError('InternalServiceException', 500, 'Internal service error');

export const accessDenied = (message: string): ConnectError =>
    new ConnectError('AccessDeniedException', 403, message);

export const unknownOperation = (method: string, path: string): ConnectError =>
    new ConnectError(
        'UnknownOperationException',
        404,
        `No Amazon Connect operation matches ${method} ${path}`
    );

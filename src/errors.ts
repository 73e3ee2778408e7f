import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';

/**
 * The one table from Amazon Connect exception names to handler error codes.
 * Anything not listed is a GeneralServiceException carrying the service's message.
 */
const CONNECT_ERROR_CODES: Readonly<Record<string, HandlerErrorCode>> = {
    ResourceNotFoundException: HandlerErrorCode.NotFound,
    InvalidParameterException: HandlerErrorCode.InvalidRequest,
    InvalidRequestException: HandlerErrorCode.InvalidRequest,
    DuplicateResourceException: HandlerErrorCode.AlreadyExists,
    LimitExceededException: HandlerErrorCode.ServiceLimitExceeded,
    ServiceQuotaExceededException: HandlerErrorCode.ServiceLimitExceeded,
    ThrottlingException: HandlerErrorCode.Throttling,
    TooManyRequestsException: HandlerErrorCode.Throttling,
    AccessDeniedException: HandlerErrorCode.AccessDenied,
    InternalServiceException: HandlerErrorCode.ServiceInternalError,
    // UpdateUserConfig: a condition the change depends on did not hold (HTTP 409);
    // the user is there and a later attempt may succeed.
    ConditionalOperationFailedException: HandlerErrorCode.ResourceConflict,
};

/**
 * The property whose reference an operation carries, besides the user: a
 * ResourceNotFoundException from it may mean that reference is missing, which
 * is the template's error (InvalidRequest naming the property), not a missing
 * user (NotFound, which CloudFormation reads as "the user is gone").
 */
export const REFERENCE_OF_OPERATION: Readonly<Record<string, string>> = {
    CreateUser:
        'InstanceArn, RoutingProfileArn, SecurityProfileArns or HierarchyGroupArn',
    UpdateUserRoutingProfile: 'RoutingProfileArn',
    UpdateUserSecurityProfiles: 'SecurityProfileArns',
    UpdateUserHierarchy: 'HierarchyGroupArn',
    AssociateUserProficiencies: 'UserProficiencies',
    UpdateUserProficiencies: 'UserProficiencies',
    DisassociateUserProficiencies: 'UserProficiencies',
};

/** The template names something that does not exist in the instance. */
export function missingReference(property: string, error: unknown): HandlerFailure {
    const message = (error as Error | undefined)?.message ?? String(error);
    return new HandlerFailure(
        HandlerErrorCode.InvalidRequest,
        `${property} names something that does not exist in the instance: ${message}`
    );
}

/** Error codes of Node's sockets and of the SDK's HTTP handler: the request never got an answer. */
const NETWORK_ERROR_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'TimeoutError',
    'RequestTimeout',
]);

/** A failure to report to CloudFormation: a contract error code and a message. */
export class HandlerFailure extends Error {
    constructor(
        readonly code: HandlerErrorCode,
        message: string
    ) {
        super(message);
        this.name = 'HandlerFailure';
    }
}

interface ServiceErrorShape {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
}

/**
 * The SDK's retry step rethrows anything that is not an Error of its own realm
 * (a socket error made by Node's core while the SDK runs in a sandbox, as under
 * a test runner) as a plain Error whose message is the original's text: "AWS
 * SDK error wrapper for TimeoutError: socket hang up". The name and message are
 * read back from it, so that it maps as the original would.
 */
const SDK_ERROR_WRAPPER =
    /^AWS SDK error wrapper for ([A-Za-z][\w.]*)(?::\s*([\s\S]*))?$/;

/** Node's socket errors name their code in their text: "connect ECONNREFUSED 127.0.0.1:443". */
const CODE_IN_TEXT = /\b(E[A-Z_]{3,})\b/;

function unwrapped(shape: ServiceErrorShape): ServiceErrorShape {
    const wrapped = SDK_ERROR_WRAPPER.exec(shape.message ?? '');
    if (!wrapped || (shape.name !== undefined && shape.name !== 'Error')) {
        return shape;
    }
    const message = wrapped[2] || wrapped[1];
    return {
        ...shape,
        name: wrapped[1],
        code: shape.code ?? CODE_IN_TEXT.exec(message)?.[1],
        message,
    };
}

/** Maps anything thrown while talking to Connect to a handler failure. */
export function toHandlerFailure(error: unknown): HandlerFailure {
    if (error instanceof HandlerFailure) {
        return error;
    }
    const thrown: ServiceErrorShape =
        typeof error === 'object' && error !== null ? (error as ServiceErrorShape) : {};
    const shape = unwrapped({
        name: thrown.name,
        code: thrown.code,
        message: thrown.message,
        $metadata: thrown.$metadata,
    });
    const name = shape.name ?? 'Error';
    const message = shape.message || String(error);
    const mapped = CONNECT_ERROR_CODES[name];
    if (mapped) {
        return new HandlerFailure(mapped, `${name}: ${message}`);
    }
    const isServiceError = shape.$metadata?.httpStatusCode !== undefined;
    if (
        !isServiceError &&
        (NETWORK_ERROR_CODES.has(shape.code ?? '') || NETWORK_ERROR_CODES.has(name))
    ) {
        return new HandlerFailure(
            HandlerErrorCode.NetworkFailure,
            `Amazon Connect could not be reached: ${message}`
        );
    }
    return new HandlerFailure(
        HandlerErrorCode.GeneralServiceException,
        `${name}: ${message}`
    );
}

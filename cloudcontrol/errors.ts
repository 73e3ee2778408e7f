/**
 * Cloud Control's errors as the wire carries them: `__type` in the service's
 * namespace and the HTTP status of the service model, so that every SDK raises
 * the class it raises against AWS. Input validation and protocol errors come
 * from the service framework's own namespaces, as they do from AWS.
 */
import { TYPE_NAME } from './schema';

const SERVICE = 'com.amazon.cloudapiservice';
const VALIDATE = 'com.amazon.coral.validate';
const FRAMEWORK = 'com.amazon.coral.service';

/** The HTTP status of each modelled exception, as the service model declares it. */
const STATUS: Readonly<Record<string, number>> = {
    AlreadyExistsException: 400,
    ClientTokenConflictException: 409,
    ConcurrentModificationException: 500,
    ConcurrentOperationException: 409,
    GeneralServiceException: 400,
    HandlerFailureException: 502,
    HandlerInternalFailureException: 502,
    InvalidCredentialsException: 401,
    InvalidRequestException: 400,
    NetworkFailureException: 502,
    NotStabilizedException: 400,
    NotUpdatableException: 400,
    PrivateTypeException: 400,
    RequestTokenNotFoundException: 404,
    ResourceConflictException: 409,
    ResourceNotFoundException: 404,
    ServiceInternalErrorException: 502,
    ServiceLimitExceededException: 400,
    ThrottlingException: 429,
    TypeNotFoundException: 404,
    UnsupportedActionException: 405,
};

export class ServiceError extends Error {
    constructor(
        readonly type: string,
        readonly status: number,
        message: string,
        readonly namespace: string = SERVICE
    ) {
        super(message);
        this.name = type;
    }

    /** The error body: the framework's own errors spell the message in lower case. */
    body(): Record<string, string> {
        const key = this.namespace === SERVICE ? 'Message' : 'message';
        return { __type: `${this.namespace}#${this.type}`, [key]: this.message };
    }
}

export function serviceError(type: keyof typeof STATUS, message: string): ServiceError {
    return new ServiceError(type, STATUS[type], message);
}

/** Member constraints that do not hold, in the framework's wording. */
export function validationError(problems: readonly string[]): ServiceError {
    const count = problems.length;
    return new ServiceError(
        'ValidationException',
        400,
        `${count} validation error${count === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
        VALIDATE
    );
}

/** A patch that cannot be applied to the current state, as the message says. */
export function patchNotApplicable(message: string): ServiceError {
    return new ServiceError('ValidationException', 400, message, VALIDATE);
}

/** A model that the resource schema refuses. */
export function modelValidationError(problems: readonly string[]): ServiceError {
    return new ServiceError(
        'ValidationException',
        400,
        `Model validation failed (${problems.join('; ')})`,
        VALIDATE
    );
}

export function serializationError(message: string): ServiceError {
    return new ServiceError('SerializationException', 400, message, FRAMEWORK);
}

export function unknownOperation(target: string): ServiceError {
    return new ServiceError(
        'UnknownOperationException',
        400,
        `No operation '${target}': Cloud Control's operations are CloudApiService.<Operation>`,
        FRAMEWORK
    );
}

export function missingAuthentication(): ServiceError {
    return new ServiceError(
        'MissingAuthenticationTokenException',
        403,
        'Missing Authentication Token: sign the request with Signature Version 4',
        FRAMEWORK
    );
}

export function typeNotFound(typeName: string, version?: string): ServiceError {
    return serviceError(
        'TypeNotFoundException',
        version === undefined
            ? `The type '${typeName}' cannot be found.`
            : `The type '${typeName}' with version '${version}' cannot be found.`
    );
}

/** The exception a synchronous handler failure (GetResource, ListResources) becomes. */
const EXCEPTION_OF_HANDLER_CODE: Readonly<Record<string, keyof typeof STATUS>> = {
    NotUpdatable: 'NotUpdatableException',
    InvalidRequest: 'InvalidRequestException',
    InvalidCredentials: 'InvalidCredentialsException',
    AlreadyExists: 'AlreadyExistsException',
    NotFound: 'ResourceNotFoundException',
    ResourceConflict: 'ResourceConflictException',
    Throttling: 'ThrottlingException',
    ServiceLimitExceeded: 'ServiceLimitExceededException',
    NotStabilized: 'NotStabilizedException',
    GeneralServiceException: 'GeneralServiceException',
    ServiceInternalError: 'ServiceInternalErrorException',
    NetworkFailure: 'NetworkFailureException',
    InternalFailure: 'HandlerInternalFailureException',
};

export function handlerFailure(
    errorCode: string,
    message: string,
    requestToken: string
): ServiceError {
    return serviceError(
        EXCEPTION_OF_HANDLER_CODE[errorCode] ?? 'HandlerFailureException',
        `${TYPE_NAME} Handler returned status FAILED: ${message} ` +
            `(HandlerErrorCode: ${errorCode}, RequestToken: ${requestToken})`
    );
}

/** Clients find the running request's token after `RequestToken` in this message. */
export function concurrentOperation(
    operation: string,
    requestToken: string,
    identifier: string
): ServiceError {
    return serviceError(
        'ConcurrentOperationException',
        `Another resource operation (${operation}) with RequestToken ${requestToken} ` +
            `is in progress for the resource ${identifier} of type ${TYPE_NAME}; ` +
            'wait for it to finish, or cancel it, before sending another.'
    );
}

import { HandlerFailure, toHandlerFailure } from '../../src/errors';

const serviceError = (name: string, status = 400) =>
    Object.assign(new Error(`${name} message`), {
        name,
        $metadata: { httpStatusCode: status },
    });

describe('the Connect error table', () => {
    it.each([
        ['ResourceNotFoundException', 'NotFound'],
        ['InvalidParameterException', 'InvalidRequest'],
        ['InvalidRequestException', 'InvalidRequest'],
        ['DuplicateResourceException', 'AlreadyExists'],
        ['LimitExceededException', 'ServiceLimitExceeded'],
        ['ThrottlingException', 'Throttling'],
        ['TooManyRequestsException', 'Throttling'],
        ['AccessDeniedException', 'AccessDenied'],
        ['InternalServiceException', 'ServiceInternalError'],
        ['ConditionalOperationFailedException', 'ResourceConflict'],
        ['ContactFlowNotPublishedException', 'GeneralServiceException'],
    ])('maps %s to %s, keeping the service message', (name, code) => {
        const failure = toHandlerFailure(serviceError(name));

        expect(failure.code).toBe(code);
        expect(failure.message).toContain(`${name} message`);
    });

    it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'])(
        'maps a socket error %s to NetworkFailure',
        (code) => {
            const failure = toHandlerFailure(
                Object.assign(new Error('socket hang up'), { code })
            );

            expect(failure.code).toBe('NetworkFailure');
        }
    );

    it.each([
        ['AWS SDK error wrapper for TimeoutError: socket hang up', 'NetworkFailure'],
        ['AWS SDK error wrapper for TimeoutError', 'NetworkFailure'],
        [
            'AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:1',
            'NetworkFailure',
        ],
        ['AWS SDK error wrapper for Error: something else', 'GeneralServiceException'],
        ['AWS SDK error wrapper for ThrottlingException: Rate exceeded', 'Throttling'],
        ['AWS SDK error wrapper for [object Object]', 'GeneralServiceException'],
    ])(
        "maps the SDK's wrapper of an error from another realm, %j, as the original: %s",
        (message, code) => {
            const wrapper = Object.assign(new Error(message), {
                $metadata: { attempts: 5, totalRetryDelay: 1500 },
            });

            expect(toHandlerFailure(wrapper).code).toBe(code);
        }
    );

    it('passes a handler failure through unchanged', () => {
        const failure = new HandlerFailure('NotFound' as never, 'gone');

        expect(toHandlerFailure(failure)).toBe(failure);
    });

    it('makes a general service error of anything else, never an internal failure', () => {
        expect(toHandlerFailure('a string').code).toBe('GeneralServiceException');
        expect(toHandlerFailure(undefined).code).toBe('GeneralServiceException');
        expect(toHandlerFailure(new TypeError('boom')).message).toContain('boom');
    });
});

/**
 * STS GetCallerIdentity, which Terraform's awscc provider calls to learn the
 * account before it makes any Cloud Control call. Answered here so that the
 * provider's `endpoints { sts = ... }` can point at this endpoint too; no other
 * STS operation is served.
 */
import type { IncomingMessage } from 'node:http';

export const STS_TARGET_PREFIX = 'AWSSecurityTokenServiceV20110615.';

export interface Identity {
    account: string;
    partition: string;
}

function identityOf({ account, partition }: Identity) {
    return {
        Account: account,
        Arn: `arn:${partition}:iam::${account}:user/cloudcontrol-local`,
        UserId: 'AIDALOCALCLOUDCONTROL',
    };
}

/** Whether a request is STS's: the JSON target, or the query protocol's form. */
export function isStsRequest(request: IncomingMessage, body: string): boolean {
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string') {
        return target.startsWith(STS_TARGET_PREFIX);
    }
    return /(^|&)Action=GetCallerIdentity(&|$)/.test(body);
}

/** The answer, in the protocol the request used: `[status, content type, body]`. */
export function stsAnswer(
    request: IncomingMessage,
    identity: Identity,
    requestId: string
): [number, string, string] {
    const target = request.headers['x-amz-target'];
    const caller = identityOf(identity);
    if (typeof target === 'string') {
        if (target !== `${STS_TARGET_PREFIX}GetCallerIdentity`) {
            const error = {
                __type: 'InvalidAction',
                message: `${target} is not served here`,
            };
            return [400, 'application/x-amz-json-1.0', JSON.stringify(error)];
        }
        return [200, 'application/x-amz-json-1.0', JSON.stringify(caller)];
    }
    const xml =
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
        `<GetCallerIdentityResult><Arn>${caller.Arn}</Arn><UserId>${caller.UserId}</UserId>` +
        `<Account>${caller.Account}</Account></GetCallerIdentityResult>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
        '</GetCallerIdentityResponse>';
    return [200, 'text/xml', xml];
}

/**
 * `@aws-sdk/credential-provider-node` in the bundle. The SDK v3 client falls back
 * to this default chain (environment, ini files, SSO, STS web identity, ECS and
 * EC2 metadata, with their own STS and SSO clients) only when it was given no
 * credentials, and the Connect client is always given the request's. Leaving the
 * chain out keeps a sixth of the code out of every cold start; asking for it fails
 * loudly instead of finding some other identity.
 */
export function defaultProvider(): () => Promise<never> {
    return async () => {
        throw Object.assign(
            new Error(
                'No credentials were passed to the SDK client, and this function ' +
                    'has no default credential chain: it calls AWS only with the ' +
                    "request's credentials"
            ),
            { name: 'CredentialsProviderError', tryNextLink: false }
        );
    };
}

import {
    AssociateUserProficienciesCommand,
    ConnectClient,
    DescribeUserCommand,
    DisassociateUserProficienciesCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateUserConfigCommand,
    UpdateUserHierarchyCommand,
    UpdateUserIdentityInfoCommand,
    UpdateUserPhoneConfigCommand,
    UpdateUserProficienciesCommand,
    UpdateUserRoutingProfileCommand,
    UpdateUserSecurityProfilesCommand,
} from '@aws-sdk/client-connect';
import type { SessionProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { HandlerErrorCode } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { withAfterContactWorkMode } from './acw-mode';
import { HandlerFailure, missingReference, REFERENCE_OF_OPERATION } from './errors';
import type { PlannedCall } from './reconcile';

/** Attempts per call, throttling and transient failures included. */
const MAX_ATTEMPTS = 5;

interface SessionCredentials {
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
}

/**
 * The Connect client for one request, built with the SDK v3 from the caller's
 * credentials and region in the request's session. The SDK honours
 * AWS_ENDPOINT_URL_CONNECT, which points it at a local emulator.
 */
export function connectClient(session: SessionProxy | null | undefined): ConnectClient {
    const configuration = (session?.configuration ?? {}) as {
        credentials?: SessionCredentials;
        region?: string;
    };
    const { credentials, region } = configuration;
    if (!credentials?.accessKeyId || !credentials.secretAccessKey) {
        throw new HandlerFailure(
            HandlerErrorCode.InvalidCredentials,
            'The request carries no caller credentials to call Amazon Connect with'
        );
    }
    return withAfterContactWorkMode(
        new ConnectClient({
            region,
            credentials: {
                accessKeyId: credentials.accessKeyId,
                secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken,
            },
            retryMode: 'adaptive',
            maxAttempts: MAX_ATTEMPTS,
        })
    );
}

const COMMANDS = {
    UpdateUserRoutingProfile: UpdateUserRoutingProfileCommand,
    UpdateUserSecurityProfiles: UpdateUserSecurityProfilesCommand,
    UpdateUserHierarchy: UpdateUserHierarchyCommand,
    UpdateUserIdentityInfo: UpdateUserIdentityInfoCommand,
    UpdateUserPhoneConfig: UpdateUserPhoneConfigCommand,
    UpdateUserConfig: UpdateUserConfigCommand,
    DisassociateUserProficiencies: DisassociateUserProficienciesCommand,
    UpdateUserProficiencies: UpdateUserProficienciesCommand,
    AssociateUserProficiencies: AssociateUserProficienciesCommand,
    UntagResource: UntagResourceCommand,
    TagResource: TagResourceCommand,
} as const;

/** Whether Connect still has the user a call was for. */
async function userExists(
    client: ConnectClient,
    input: { InstanceId?: string; UserId?: string }
): Promise<boolean> {
    try {
        await client.send(
            new DescribeUserCommand({
                InstanceId: input.InstanceId,
                UserId: input.UserId,
            })
        );
        return true;
    } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
            return false;
        }
        throw error;
    }
}

/**
 * Sends one planned call. Connect answers ResourceNotFoundException both for
 * a missing user and for a missing routing profile, security profile,
 * hierarchy group or attribute: for a call that names one, the user is looked
 * up, and when the user is there the failure is the template's reference,
 * named as the property.
 */
export async function sendPlanned(
    client: ConnectClient,
    call: PlannedCall
): Promise<void> {
    const Command = COMMANDS[call.operation] as new (
        input: PlannedCall['input']
    ) => Parameters<ConnectClient['send']>[0];
    try {
        await client.send(new Command(call.input));
    } catch (error) {
        const property = REFERENCE_OF_OPERATION[call.operation];
        if (
            property !== undefined &&
            (error as Error).name === 'ResourceNotFoundException' &&
            (await userExists(
                client,
                call.input as { InstanceId?: string; UserId?: string }
            ))
        ) {
            throw missingReference(property, error);
        }
        throw error;
    }
}

/**
 * The user the `npm start` lifecycle drives, whichever way it is driven: where it
 * lives, what the template gives it before and after the update, and how it is
 * deleted directly with Connect when the steps did not delete it.
 */
import { randomBytes } from 'node:crypto';
import { ConnectClient, DeleteUserCommand } from '@aws-sdk/client-connect';
import type { CallerCredentials, Properties } from '../local/handler-request';

/** Where the user lives and what it is given. */
export interface LifecycleTarget {
    region: string;
    instanceArn: string;
    routingProfileArn: string;
    /** The first is given at create; a second, when present, is added by the update. */
    securityProfileArns: string[];
    /** Two: created in the first, moved to the second. One: put in it by the update. */
    hierarchyGroupArns: string[];
    /** Predefined attribute values: all given at create (level 3), the first raised to 5 by the update. */
    proficiencies: Array<{ AttributeName: string; AttributeValue: string }>;
    credentials: CallerCredentials;
}

/** Connect: 8-64 characters with a lower-case letter, an upper-case letter and a digit. */
function newPassword(): string {
    return `Lc1${randomBytes(12).toString('base64url')}`;
}

/** Connect usernames on instances without SAML: at most 20 characters. */
export function newUsername(): string {
    return `cfn-lifecycle-${randomBytes(4).toString('hex').slice(0, 6)}`;
}

/** The template properties before and after the update. */
export function templates(target: LifecycleTarget, username: string) {
    const [firstGroup, secondGroup] = target.hierarchyGroupArns;
    const proficiencies = target.proficiencies.map((p) => ({ ...p, Level: 3 }));
    const created: Properties = {
        InstanceArn: target.instanceArn,
        Username: username,
        Password: newPassword(),
        RoutingProfileArn: target.routingProfileArn,
        SecurityProfileArns: target.securityProfileArns.slice(0, 1),
        PhoneConfig: {
            PhoneType: 'SOFT_PHONE',
            AutoAccept: false,
            AfterContactWorkTimeLimit: 30,
        },
        IdentityInfo: {
            FirstName: 'Lifecycle',
            LastName: 'Check',
            Email: `${username}@example.com`,
        },
        Tags: [
            { Key: 'purpose', Value: 'cfn-lifecycle' },
            { Key: 'team', Value: 'blue' },
        ],
        ...(secondGroup ? { HierarchyGroupArn: firstGroup } : {}),
        ...(proficiencies.length ? { UserProficiencies: proficiencies } : {}),
    };
    const updated: Properties = {
        ...created,
        SecurityProfileArns: target.securityProfileArns.slice(0, 2),
        Tags: [
            { Key: 'purpose', Value: 'cfn-lifecycle' },
            { Key: 'team', Value: 'green' },
        ],
        ...(firstGroup ? { HierarchyGroupArn: secondGroup ?? firstGroup } : {}),
        ...(proficiencies.length
            ? {
                  UserProficiencies: proficiencies.map((p, i) =>
                      i === 0 ? { ...p, Level: 5 } : p
                  ),
              }
            : {}),
    };
    return { created, updated };
}

/** A model of the user the create made: the properties with its ARN. */
export const identified = (properties: Properties, userArn: string) => ({
    ...properties,
    UserArn: userArn,
});

/** Deletes the user directly with Connect, when the handler's DELETE did not. */
export async function forceDelete(
    target: LifecycleTarget,
    userArn: string
): Promise<string> {
    const match = /:instance\/([^/]+)\/agent\/([^/]+)$/.exec(userArn);
    if (!match) {
        return `cannot delete '${userArn}': not a user ARN`;
    }
    const client = new ConnectClient({
        region: target.region,
        credentials: target.credentials,
    });
    try {
        await client.send(
            new DeleteUserCommand({ InstanceId: match[1], UserId: match[2] })
        );
        return `deleted ${userArn} with DeleteUser`;
    } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
            return `${userArn} was already gone`;
        }
        return `could not delete ${userArn}: ${(error as Error).name}: ${(error as Error).message}`;
    } finally {
        client.destroy();
    }
}

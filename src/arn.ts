/**
 * Null-safe parsing and building of Amazon Connect ARNs, in any partition.
 *
 * Connect resources live under their instance:
 * `arn:<partition>:connect:<region>:<account>:instance/<instanceId>/<type>/<id>`.
 */

export type InstanceResourceType =
    'agent' | 'routing-profile' | 'security-profile' | 'agent-group';

export interface InstanceRef {
    partition: string;
    region: string;
    account: string;
    instanceId: string;
}

export interface ResourceRef extends InstanceRef {
    type: InstanceResourceType;
    id: string;
}

const INSTANCE_ARN =
    /^arn:(aws[-a-z0-9]*):connect:([-a-z0-9]*):([0-9]{12}):instance\/([-a-zA-Z0-9]+)$/;
const RESOURCE_ARN =
    /^arn:(aws[-a-z0-9]*):connect:([-a-z0-9]*):([0-9]{12}):instance\/([-a-zA-Z0-9]+)\/(agent|routing-profile|security-profile|agent-group)\/([-a-zA-Z0-9]+)$/;

/** Parses an instance ARN; undefined when the value is not one. */
export function parseInstanceArn(arn: unknown): InstanceRef | undefined {
    if (typeof arn !== 'string') {
        return undefined;
    }
    const match = INSTANCE_ARN.exec(arn);
    if (!match) {
        return undefined;
    }
    const [, partition, region, account, instanceId] = match;
    return { partition, region, account, instanceId };
}

/** Parses the ARN of a resource of an instance; undefined unless it is of `type`. */
export function parseResourceArn(
    arn: unknown,
    type: InstanceResourceType
): ResourceRef | undefined {
    if (typeof arn !== 'string') {
        return undefined;
    }
    const match = RESOURCE_ARN.exec(arn);
    if (!match || match[5] !== type) {
        return undefined;
    }
    const [, partition, region, account, instanceId, , id] = match;
    return { partition, region, account, instanceId, type, id };
}

/** The ARN of an instance. */
export function instanceArn(instance: InstanceRef): string {
    const { partition, region, account, instanceId } = instance;
    return `arn:${partition}:connect:${region}:${account}:instance/${instanceId}`;
}

/** The ARN of a resource of an instance, from the ID that Connect returns. */
export function resourceArn(
    instance: InstanceRef,
    type: InstanceResourceType,
    id: string
): string {
    return `${instanceArn(instance)}/${type}/${id}`;
}

/** The resource ID at the end of an ARN; the value itself when it is not an ARN. */
export function idOf(arnOrId: string): string {
    const slash = arnOrId.lastIndexOf('/');
    return arnOrId.startsWith('arn:') && slash >= 0
        ? arnOrId.slice(slash + 1)
        : arnOrId;
}

/** Where a request runs: its partition, region and account, as the request names them. */
export interface RequestScope {
    awsPartition?: string | null;
    region?: string | null;
    awsAccountId?: string | null;
}

/**
 * Whether an ARN's instance is in the partition, region and account a request
 * runs in; a part the request does not name is not compared. IDs alone do not
 * say it: an instance replicated with Global Resiliency keeps its ID in the
 * other region, so another region's ARN with the same IDs names another user.
 */
export function isInScope(instance: InstanceRef, scope: RequestScope): boolean {
    const same = (asked: string, here: string | null | undefined) =>
        !here || asked === here;
    return (
        same(instance.partition, scope.awsPartition) &&
        same(instance.region, scope.region) &&
        same(instance.account, scope.awsAccountId)
    );
}

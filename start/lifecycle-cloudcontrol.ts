/**
 * The `npm start` lifecycle driven through the Cloud Control API, as Terraform's
 * awscc provider or `aws cloudcontrol` drive a type: CreateResource,
 * GetResource, UpdateResource with a JSON patch computed from the desired
 * change, ListResources with the instance in the resource model, DeleteResource,
 * and GetResource after the delete; every mutation awaited with the SDK's
 * waiter. Each step checks what those clients rely on and reports the Connect
 * calls it caused.
 */
import {
    type CloudControlClient,
    CreateResourceCommand,
    DeleteResourceCommand,
    GetResourceCommand,
    GetResourceRequestStatusCommand,
    ListResourcesCommand,
    type ProgressEvent,
    UpdateResourceCommand,
    waitUntilResourceRequestSuccess,
} from '@aws-sdk/client-cloudcontrol';
import { compare, type Operation } from 'fast-json-patch';
import type { CallRecord } from '../emulator/types';
import type { Properties } from '../local/handler-request';
import { mismatches, UNORDERED } from './model-match';
import { type LifecycleResult, runSteps } from './sequence';
import { expected, type StepResult } from './steps';
import { identified, type LifecycleTarget, newUsername, templates } from './target';

const TYPE_NAME = 'AWS::Connect::User';

export interface CloudControlLifecycleOptions {
    target: LifecycleTarget;
    /** A client whose endpoint is the Cloud Control API to drive. */
    client: CloudControlClient;
    connectCalls?: () => CallRecord[];
    username?: string;
    log?: (line: string) => void;
    /** The waiter's delays and limit, in seconds. */
    waiter?: { minDelay: number; maxDelay: number; maxWaitTime: number };
}

/**
 * The JSON patch from one desired model to the next. Lists whose order the
 * schema leaves open are replaced whole: READ may return them in another order
 * than the template gave, and the patch is applied to what READ returns.
 */
export function patchOfChange(before: Properties, after: Properties): Operation[] {
    const operations = compare(before, after);
    const unordered = (operation: Operation) => {
        const [, property, index] = operation.path.split('/');
        return UNORDERED.has(property) && index !== undefined ? property : undefined;
    };
    const replaced = [
        ...new Set(operations.map(unordered).filter(Boolean)),
    ] as string[];
    return [
        ...operations.filter((operation) => !unordered(operation)),
        ...replaced.map((property) =>
            after[property] === undefined
                ? ({ op: 'remove', path: `/${property}` } as Operation)
                : ({
                      op: 'replace',
                      path: `/${property}`,
                      value: after[property],
                  } as Operation)
        ),
    ];
}

function parsed(json: string | undefined): Properties | undefined {
    return json === undefined ? undefined : (JSON.parse(json) as Properties);
}

export async function runCloudControlLifecycle(
    options: CloudControlLifecycleOptions
): Promise<LifecycleResult> {
    const { target, client } = options;
    const username = options.username ?? newUsername();
    const log = options.log ?? (() => undefined);
    const waiter = options.waiter ?? { minDelay: 0.2, maxDelay: 2, maxWaitTime: 600 };
    const { created, updated } = templates(target, username);

    /** The request's status once the waiter is done with it, passed or not. */
    const settle = async (step: StepResult, event: ProgressEvent | undefined) => {
        if (!event?.RequestToken) {
            step.problems.push(
                'the answer carries no ProgressEvent with a RequestToken'
            );
            return undefined;
        }
        step.statuses.push(String(event.OperationStatus));
        try {
            await waitUntilResourceRequestSuccess(
                { client, ...waiter },
                { RequestToken: event.RequestToken }
            );
        } catch {
            // The final status below says why.
        }
        const final = (
            await client.send(
                new GetResourceRequestStatusCommand({
                    RequestToken: event.RequestToken,
                })
            )
        ).ProgressEvent;
        step.statuses.push(String(final?.OperationStatus));
        step.errorCode = final?.ErrorCode;
        step.message = final?.StatusMessage;
        if (final?.OperationStatus !== 'SUCCESS') {
            step.problems.push(
                `expected SUCCESS, got ${final?.OperationStatus}` +
                    (final?.ErrorCode
                        ? ` ${final.ErrorCode}: ${final.StatusMessage}`
                        : '')
            );
        }
        if (final?.ResourceModel && 'Password' in JSON.parse(final.ResourceModel)) {
            step.problems.push('the ResourceModel carries the write-only Password');
        }
        return final;
    };

    return runSteps(
        { target, username, connectCalls: options.connectCalls, log },
        {
            create: async (step, found) => {
                const answer = await client.send(
                    new CreateResourceCommand({
                        TypeName: TYPE_NAME,
                        DesiredState: JSON.stringify(created),
                    })
                );
                const final = await settle(step, answer.ProgressEvent);
                if (final?.Identifier) found(final.Identifier);
                if (final?.OperationStatus === 'SUCCESS') {
                    step.problems.push(
                        ...mismatches(expected(created), parsed(final.ResourceModel))
                    );
                }
            },

            read: async (step, userArn) => {
                const answer = await client.send(
                    new GetResourceCommand({ TypeName: TYPE_NAME, Identifier: userArn })
                );
                step.statuses.push('SUCCESS');
                const properties = parsed(answer.ResourceDescription?.Properties);
                if (properties && 'Password' in properties) {
                    step.problems.push('the Properties carry the write-only Password');
                }
                if (answer.ResourceDescription?.Identifier !== userArn) {
                    step.problems.push(
                        `Identifier is ${answer.ResourceDescription?.Identifier}`
                    );
                }
                step.problems.push(
                    ...mismatches(identified(expected(created), userArn), properties)
                );
            },

            update: async (step, userArn) => {
                const patch = patchOfChange(expected(created), expected(updated));
                const answer = await client.send(
                    new UpdateResourceCommand({
                        TypeName: TYPE_NAME,
                        Identifier: userArn,
                        PatchDocument: JSON.stringify(patch),
                    })
                );
                const final = await settle(step, answer.ProgressEvent);
                if (final?.OperationStatus === 'SUCCESS') {
                    step.problems.push(
                        ...mismatches(
                            identified(expected(updated), userArn),
                            parsed(final.ResourceModel)
                        )
                    );
                }
            },

            list: async (step, userArn) => {
                let nextToken: string | undefined;
                for (let page = 0; page < 20; page += 1) {
                    const answer = await client.send(
                        new ListResourcesCommand({
                            TypeName: TYPE_NAME,
                            ResourceModel: JSON.stringify({
                                InstanceArn: target.instanceArn,
                            }),
                            NextToken: nextToken,
                        })
                    );
                    step.statuses.push('SUCCESS');
                    if (
                        answer.ResourceDescriptions?.some(
                            (d) => d.Identifier === userArn
                        )
                    ) {
                        return;
                    }
                    nextToken = answer.NextToken;
                    if (!nextToken) break;
                }
                step.problems.push(`${userArn} was not in the listed resources`);
            },

            delete: async (step, userArn) => {
                const answer = await client.send(
                    new DeleteResourceCommand({
                        TypeName: TYPE_NAME,
                        Identifier: userArn,
                    })
                );
                const final = await settle(step, answer.ProgressEvent);
                if (final?.ResourceModel) {
                    step.problems.push(
                        'a DELETE SUCCESS should carry no ResourceModel'
                    );
                }
                return final?.OperationStatus === 'SUCCESS';
            },

            readDeleted: async (step, userArn) => {
                try {
                    await client.send(
                        new GetResourceCommand({
                            TypeName: TYPE_NAME,
                            Identifier: userArn,
                        })
                    );
                    step.statuses.push('SUCCESS');
                    step.problems.push('the deleted user can still be read');
                } catch (error) {
                    step.statuses.push('FAILED');
                    step.errorCode = (error as Error).name;
                    if (step.errorCode !== 'ResourceNotFoundException') {
                        step.problems.push(
                            `expected ResourceNotFoundException, got ${step.errorCode}: ${(error as Error).message}`
                        );
                    }
                }
            },
        }
    );
}

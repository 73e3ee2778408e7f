/**
 * The floor of the cold-start benchmark: the smallest READ handler built on the
 * same two dependencies every provider of this kind must load, the CloudFormation
 * TypeScript library and the SDK v3 Connect client, and none of this provider's
 * code (no validation, translation, error table or log scrubbing). It sends the
 * same two calls as the provider's READ and answers with the user's ARN.
 *
 * `npm run bench` bundles it exactly as it bundles the provider and times it
 * beside the other two builds: what the provider's bundle costs above this floor
 * is its own code; what the floor costs is the library's and the SDK's.
 */
import {
    Action,
    BaseModel,
    BaseResource,
    type LambdaContext,
    ProgressEvent,
    type SessionProxy,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import {
    ConnectClient,
    DescribeUserCommand,
    ListUserProficienciesCommand,
} from '@aws-sdk/client-connect';
import { Expose } from 'class-transformer';

class FloorModel extends BaseModel {
    public static override readonly TYPE_NAME: string = 'AWS::Connect::User';

    @Expose({ name: 'UserArn' })
    userArn?: string;
}

class FloorResource extends BaseResource<FloorModel> {}

interface Session {
    region?: string;
    credentials?: {
        accessKeyId: string;
        secretAccessKey: string;
        sessionToken?: string;
    };
}

const resource = new FloorResource(FloorModel.TYPE_NAME, FloorModel);

resource.addHandler(
    Action.Read,
    async (
        session: SessionProxy | null | undefined,
        request: { desiredResourceState?: FloorModel }
    ) => {
        // arn:aws:connect:<region>:<account>:instance/<instance>/agent/<user>
        const [, instanceId, , userId] = (request.desiredResourceState?.userArn ?? '')
            .split(':')[5]
            .split('/');
        const { region, credentials } = (session?.configuration ?? {}) as Session;
        const client = new ConnectClient({
            region,
            credentials,
            retryMode: 'standard',
            maxAttempts: 5,
        });
        const target = { InstanceId: instanceId, UserId: userId };
        const [described] = await Promise.all([
            client.send(new DescribeUserCommand(target)),
            client.send(new ListUserProficienciesCommand(target)),
        ]);
        const model = new FloorModel();
        model.userArn = described.User?.Arn;
        return ProgressEvent.success<ProgressEvent<FloorModel>>(model);
    }
);

export function entrypoint(event: unknown, context: LambdaContext): Promise<unknown> {
    return resource.entrypoint(event, context);
}

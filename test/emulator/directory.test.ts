import {
    CreateUserCommand,
    DescribeUserCommand,
    InvalidRequestException,
    UpdateUserIdentityInfoCommand,
    type UserIdentityInfo,
} from '@aws-sdk/client-connect';
import { EmulatorAdmin } from '../../emulator/admin';
import { directory, failure, useHarness, validCreateUser } from './helpers';

/**
 * EXISTING_DIRECTORY: "FirstName, LastName, and Email cannot be updated from within
 * Amazon Connect because they are managed by the directory."
 */
const harness = useHarness();
const [dana, sam] = directory.directoryUsers;

async function createDirectoryUser(
    DirectoryUserId: string,
    IdentityInfo?: UserIdentityInfo
): Promise<string> {
    const created = await harness.client.send(
        new CreateUserCommand(
            validCreateUser(directory, { DirectoryUserId, IdentityInfo })
        )
    );
    return created.UserId!;
}

const identityOf = async (UserId: string) =>
    (
        await harness.client.send(
            new DescribeUserCommand({ InstanceId: directory.id, UserId })
        )
    ).User?.IdentityInfo;

const updateIdentity = (UserId: string, IdentityInfo: UserIdentityInfo) =>
    harness.client.send(
        new UpdateUserIdentityInfoCommand({
            InstanceId: directory.id,
            UserId,
            IdentityInfo,
        })
    );

describe('CreateUser on an EXISTING_DIRECTORY instance', () => {
    it('takes FirstName, LastName and Email from the directory entry of the DirectoryUserId', async () => {
        expect(directory.directoryUserIds).toEqual(
            directory.directoryUsers.map((user) => user.DirectoryUserId)
        );
        const id = await createDirectoryUser(dana.DirectoryUserId);
        expect(await identityOf(id)).toEqual({
            FirstName: dana.FirstName,
            LastName: dana.LastName,
            Email: dana.Email,
        });
    });

    it('keeps the directory names over the ones in the request, and the fields the directory does not manage', async () => {
        const id = await createDirectoryUser(sam.DirectoryUserId, {
            FirstName: 'Someone',
            LastName: 'Else',
            Mobile: '+15555550123',
            SecondaryEmail: 'sam.home@example.org',
        });
        expect(await identityOf(id)).toEqual({
            FirstName: sam.FirstName,
            LastName: sam.LastName,
            Email: sam.Email,
            SecondaryEmail: 'sam.home@example.org',
            Mobile: '+15555550123',
        });
    });

    it('accepts an unknown DirectoryUserId as it is, with no names', async () => {
        const id = await createDirectoryUser('not-in-the-directory');
        expect(await identityOf(id)).toBeUndefined();
    });
});

describe('UpdateUserIdentityInfo on an EXISTING_DIRECTORY instance', () => {
    const stored = () =>
        harness.emulator.snapshot().instances.find((i) => i.id === directory.id)!
            .users[0].identityInfo;

    it('refuses a change to a directory-managed field by default, naming it, and changes nothing', async () => {
        const id = await createDirectoryUser(dana.DirectoryUserId);
        const before = stored();
        const error = await failure(
            updateIdentity(id, { FirstName: 'Renamed', Mobile: '+15555550199' })
        );
        expect(error).toBeInstanceOf(InvalidRequestException);
        expect(error.message).toContain('IdentityInfo.FirstName');
        expect(stored()).toEqual(before);
    });

    it('accepts the directory values unchanged, or left out, and updates Mobile and SecondaryEmail', async () => {
        const id = await createDirectoryUser(dana.DirectoryUserId);
        await updateIdentity(id, {
            FirstName: dana.FirstName,
            Email: dana.Email,
            Mobile: '+15555550111',
        });
        await updateIdentity(id, { SecondaryEmail: 'dana.home@example.org' });
        expect(await identityOf(id)).toEqual({
            FirstName: dana.FirstName,
            LastName: dana.LastName,
            Email: dana.Email,
            SecondaryEmail: 'dana.home@example.org',
        });
    });

    it("with directoryIdentityUpdates 'ignore', accepts the change and keeps the directory's values", async () => {
        const id = await createDirectoryUser(dana.DirectoryUserId);
        harness.emulator.setDirectoryIdentityUpdates('ignore');
        await updateIdentity(id, {
            FirstName: 'Renamed',
            LastName: 'Person',
            Email: 'renamed@example.com',
            Mobile: '+15555550199',
        });
        expect(await identityOf(id)).toEqual({
            FirstName: dana.FirstName,
            LastName: dana.LastName,
            Email: dana.Email,
            Mobile: '+15555550199',
        });
        const admin = new EmulatorAdmin(harness.emulator.url);
        await admin.setDirectoryIdentityUpdates('refuse');
        await expect(updateIdentity(id, { LastName: 'Again' })).rejects.toBeInstanceOf(
            InvalidRequestException
        );
    });

    it('refuses an unknown behaviour through the admin endpoint with 400', async () => {
        const admin = new EmulatorAdmin(harness.emulator.url);
        await expect(
            admin.setBehaviour({ directoryIdentityUpdates: 'maybe' as never })
        ).rejects.toThrow(/400/);
        await expect(
            admin.setBehaviour({ describeBoth: 'yes' as never })
        ).rejects.toThrow(/400/);
        expect(await admin.behaviour()).toEqual({
            acceptSystemTags: false,
            describeBoth: false,
            directoryIdentityUpdates: 'refuse',
        });
    });
});

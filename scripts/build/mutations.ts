/**
 * What only CREATE and UPDATE run, and so what a cold READ leaves unread: the
 * modules, the SDK commands and the names of the SDK's core that mutations.js
 * carries or takes from the bundle. Both sides of the split read these lists:
 * `mutations-apart.ts` (the bundle's side) and `shared-from-bundle.ts`
 * (mutations.js's side).
 */
import path from 'node:path';
import { ROOT } from './paths';

/** The entry of the mutations' file, which src/handlers.ts and src/event.ts import lazily. */
export const MUTATIONS_ENTRY = path.join(ROOT, 'src', 'mutations.ts');
/** The mutations' file, beside the bundle, which requires it by this name. */
export const MUTATIONS_FILE = 'mutations.js';

/**
 * The modules only CREATE and UPDATE reach: they go in mutations.js, and the
 * build fails if the bundle itself reaches one. Every other module of this
 * type's that they import is the bundle's own, shared with them at run time.
 */
export const MUTATION_MODULES: ReadonlySet<string> = new Set(
    [
        'src/mutations.ts',
        'src/validate.ts',
        'src/reconcile.ts',
        'src/actions/create.ts',
        'src/actions/update.ts',
        'src/proficiencies.ts',
        'src/parallel.ts',
        'src/send.ts',
        'aws-connect-user.json',
    ].map((file) => path.join(ROOT, file))
);

export const LIBRARY =
    '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
export const CONNECT_SDK = '@aws-sdk/client-connect';

/**
 * The SDK's Connect names the mutation modules take from the bundle, which
 * carries the SDK (the rest of their SDK imports are types). A name neither
 * here nor in MUTATION_COMMANDS fails the mutations' build with "No matching
 * export".
 */
export const MUTATION_SDK_IMPORTS = ['DescribeUserCommand'] as const;

/**
 * The commands only CREATE and UPDATE send: mutations.js carries them, with
 * their schemas, so that a cold READ neither compiles nor builds them. They are
 * made of the SDK's own command builder and schema module, bundled there too,
 * over the SDK core the bundle carries (SDK_CORE_NAMES) and the bundle's error
 * classes. Their schemas register Connect's errors again, which changes
 * nothing: the SDK's type registry keeps the first registration of a name,
 * the bundle's.
 */
export const MUTATION_COMMANDS = [
    'CreateUserCommand',
    'SearchUsersCommand',
    'UpdateUserRoutingProfileCommand',
    'UpdateUserSecurityProfilesCommand',
    'UpdateUserHierarchyCommand',
    'UpdateUserIdentityInfoCommand',
    'UpdateUserConfigCommand',
    'DisassociateUserProficienciesCommand',
    'UpdateUserProficienciesCommand',
    'AssociateUserProficienciesCommand',
    'UntagResourceCommand',
    'TagResourceCommand',
] as const;

export const CONNECT_DIST = path.join(
    ROOT,
    'node_modules',
    '@aws-sdk',
    'client-connect',
    'dist-es'
);

/** A file's path in the SDK's Connect ES modules, with forward slashes. */
export const inConnectDist = (file: string): string =>
    path.relative(CONNECT_DIST, file).split(path.sep).join('/');

/** The SDK files mutations.js bundles for MUTATION_COMMANDS. */
export const isMutationCommandSource = (file: string): boolean => {
    const relative = inConnectDist(file);
    return (
        /^commands\/\w+Command\.js$/.test(relative) ||
        [
            'commandBuilder.js',
            'endpoint/EndpointParameters.js',
            'schemas/schemas_0.js',
        ].includes(relative)
    );
};
/** The SDK files whose classes mutations.js takes from the bundle, whole. */
export const CONNECT_SHARED_SOURCES = [
    'models/errors.js',
    'models/ConnectServiceException.js',
];

/**
 * The names of the SDK core that the commands' builder and schemas import,
 * by specifier, taken from the bundle. A name missing here fails the
 * mutations' build with "No matching export".
 */
export const SDK_CORE_NAMES: Readonly<Record<string, readonly string[]>> = {
    '@smithy/core/client': ['makeBuilder', 'ServiceException'],
    '@smithy/core/endpoints': ['getEndpointPlugin'],
    '@smithy/core/schema': ['TypeRegistry'],
};

/** What the bundle exports for mutations.js: each shared module by its key. */
export const SHARED_EXPORT = 'modulesSharedWithMutations';

/** A module's key in the bundle's shared modules: its path in the project, or its package. */
export const keyOf = (file: string) =>
    path.relative(ROOT, file).split(path.sep).join('/');

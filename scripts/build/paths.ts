/**
 * The paths every file of the build starts from: the project, the entry, where
 * the bundle goes in a function's root, and the sources some plugins replace.
 */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const ENTRY = path.join(ROOT, 'src', 'handlers.ts');
/** Where the bundle sits inside a function's root, as the entrypoint names it. */
export const BUNDLE_PATH = path.join('dist', 'handlers.js');
/** The stand-ins for packages, served by the plugins in place of them. */
export const SHIMS = path.join(ROOT, 'scripts', 'build', 'shims');
export const SCHEMA = path.join(ROOT, 'aws-connect-user.json');
export const VALIDATE = path.join(ROOT, 'src', 'validate.ts');
export const MODELS = path.join(ROOT, 'src', 'models.ts');

import { ResourceModel } from './models';

/**
 * The resource type this function serves, in its messages and to the library
 * (which names its metrics after it): the schema's `typeName`, generated into
 * the models. A function built for another name (`--type-name` of the build and
 * package scripts) carries models generated under that name instead.
 */
export const TYPE_NAME: string = ResourceModel.TYPE_NAME;

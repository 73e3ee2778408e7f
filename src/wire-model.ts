import {
    type BaseDto,
    BaseModel,
} from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';

type Wire = Record<string, unknown>;

/** Where a model keeps its state: not an own property a state's key could overwrite. */
const STATE = Symbol('wire state');

/**
 * The base of the generated models (src/models.ts): a model that keeps a
 * request's state in the wire form, as the event carried it. The library casts
 * every request's desired and previous state into the type's model class; the
 * actions read them back in the wire form (`propertiesOf`), which is also the form
 * src/event.ts has checked and, for CREATE and UPDATE, validated and coerced
 * (CloudFormation's strings as the schema's numbers and booleans). So the cast
 * keeps the state as it is: no class-transformer mapping of every property to a
 * field and back, and no decorators to run when the function loads.
 */
export class WireModel extends BaseModel {
    private [STATE]: Wire = {};

    /** The library's cast of a request's state (`null` stays `null`, as the library's does). */
    public static override deserialize<T extends BaseDto>(
        this: new () => T,
        jsonData: object | null | undefined
    ): T {
        if (jsonData == null) {
            return null as unknown as T;
        }
        const model = new this();
        (model as unknown as WireModel)[STATE] = jsonData as Wire;
        return model;
    }

    /**
     * The state in the wire form: a copy, without the top-level properties that
     * are null, as the library's models serialize.
     */
    public override serialize(removeNull = true): Wire {
        const copy = JSON.parse(JSON.stringify(this[STATE])) as Wire;
        if (removeNull) {
            for (const [key, value] of Object.entries(copy)) {
                if (value == null) {
                    delete copy[key];
                }
            }
        }
        return copy;
    }
}

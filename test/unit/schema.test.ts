import Ajv from 'ajv';
import { readFileSync } from 'fs';
import * as path from 'path';
import { describeErrors, providerSchemaProblems } from './meta-schema';

const ROOT = path.resolve(__dirname, '../..');

interface PropertySchema {
    $ref?: string;
    type?: string;
    description?: string;
    additionalProperties?: boolean;
    properties?: Record<string, PropertySchema>;
    items?: PropertySchema;
}

interface ResourceSchema {
    typeName: string;
    definitions: Record<string, PropertySchema>;
    properties: Record<string, PropertySchema>;
    additionalProperties?: boolean;
    primaryIdentifier: string[];
    readOnlyProperties: string[];
    writeOnlyProperties: string[];
    createOnlyProperties: string[];
    handlers: Record<string, { permissions: string[] }>;
    tagging: { permissions?: string[] };
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const schema = readJson(path.join(ROOT, 'aws-connect-user.json')) as ResourceSchema;

/** `#/definitions/X` or a property schema, to the schema that carries its content. */
function resolve(prop: PropertySchema): PropertySchema {
    if (prop.$ref === undefined) {
        return prop;
    }
    const name = prop.$ref.replace('#/definitions/', '');
    return resolve(schema.definitions[name]);
}

const objectDefinitions = Object.entries(schema.definitions).filter(
    ([, definition]) => definition.type === 'object'
);

const allPermissions = [
    ...Object.values(schema.handlers).flatMap((handler) => handler.permissions),
    ...(schema.tagging.permissions ?? []),
];

describe('aws-connect-user.json', () => {
    it('is a valid resource provider definition for the CloudFormation meta-schema', () => {
        expect(providerSchemaProblems(schema)).toEqual([]);
    });

    it('compiles as a JSON Schema the handler can validate requests with', () => {
        const ajv = new Ajv({ strict: false, unicodeRegExp: true, allErrors: true });
        const validate = ajv.compile(schema);
        const instance = 'arn:aws:connect:us-east-1:123456789012:instance/abc-123';
        const user = {
            InstanceArn: instance,
            Username: 'jdoe',
            RoutingProfileArn: `${instance}/routing-profile/rp-1`,
            SecurityProfileArns: [`${instance}/security-profile/sp-1`],
            PhoneConfig: { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: 0 },
            Tags: [{ Key: 'team', Value: 'support' }],
            UserProficiencies: [
                { AttributeName: 'Language', AttributeValue: 'English', Level: 2 },
            ],
        };

        expect(validate(user)).toBe(true);
        expect(describeErrors(validate.errors)).toEqual([]);

        expect(validate({ ...user, Tags: [{ Key: 'aws:reserved', Value: 'x' }] })).toBe(
            false
        );
        expect(describeErrors(validate.errors)).toEqual([
            expect.stringMatching(/^\/Tags\/0\/Key must match pattern/),
        ]);
        expect(validate({ ...user, Unknown: true })).toBe(false);
    });

    it('asks only for Amazon Connect permissions', () => {
        expect(allPermissions.filter((p) => !p.startsWith('connect:'))).toEqual([]);
    });

    it('identifies the user by its ARN, which only the handler sets', () => {
        expect(schema.primaryIdentifier).toEqual(['/properties/UserArn']);
        expect(schema.readOnlyProperties).toContain('/properties/UserArn');
    });

    it('never returns the password', () => {
        expect(schema.writeOnlyProperties).toContain('/properties/Password');
        expect(schema.readOnlyProperties).not.toContain('/properties/Password');
    });

    it('replaces the user when the instance, user name or directory user changes', () => {
        expect([...schema.createOnlyProperties].sort()).toEqual([
            '/properties/DirectoryUserId',
            '/properties/InstanceArn',
            '/properties/Username',
        ]);
    });

    it('rejects unknown properties on the resource', () => {
        expect(schema.additionalProperties).toBe(false);
    });

    it.each(objectDefinitions)(
        'rejects unknown properties in %s',
        (_name, definition) => {
            expect(definition.additionalProperties).toBe(false);
        }
    );

    it('describes every property and definition', () => {
        const undescribed: string[] = [];
        const check = (where: string, prop: PropertySchema): void => {
            if (!prop.description && !resolve(prop).description) {
                undescribed.push(where);
            }
        };
        for (const [name, prop] of Object.entries(schema.properties)) {
            check(`/properties/${name}`, prop);
        }
        for (const [name, definition] of Object.entries(schema.definitions)) {
            check(`/definitions/${name}`, definition);
            for (const [propName, prop] of Object.entries(
                definition.properties ?? {}
            )) {
                check(`/definitions/${name}/properties/${propName}`, prop);
            }
        }
        expect(undescribed).toEqual([]);
    });
});

import { readFileSync } from 'fs';
import * as path from 'path';
import {
    checkTypeName,
    DEFAULT_TYPE_NAME,
    hyphenatedName,
    renamedModelsSource,
    renamedSchemaText,
    schemaFileName,
    schemaTextUnder,
    typeNameProblem,
} from '../../scripts/type-name';

const ROOT = path.resolve(__dirname, '../..');
const schemaText = readFileSync(path.join(ROOT, 'aws-connect-user.json'), 'utf8');
const modelsText = readFileSync(path.join(ROOT, 'src', 'models.ts'), 'utf8');

describe('the type name a team registers the provider under', () => {
    it('is AWS::Connect::User, the schema typeName, unless one is given', () => {
        expect(DEFAULT_TYPE_NAME).toBe('AWS::Connect::User');
        expect(typeNameProblem(DEFAULT_TYPE_NAME)).toBeUndefined();
    });

    it.each([
        'Acme::Connect::User',
        'ab::cd::ef',
        'Initech9::Connect2::User3',
        `${'A'.repeat(64)}::${'b'.repeat(64)}::${'9'.repeat(64)}`,
        // only the whole first part is a namespace
        'AWSome::Connect::User',
        'Acme::AWS::User',
    ])('accepts %s', (typeName) => {
        expect(typeNameProblem(typeName)).toBeUndefined();
        expect(checkTypeName(typeName)).toBe(typeName);
    });

    it.each([
        ['Acme::Connect', "three parts separated by '::'"],
        ['Acme::Connect::User::MODULE', "three parts separated by '::'"],
        ['Acme:Connect:User', "three parts separated by '::'"],
        ['', "three parts separated by '::'"],
        ['A::Connect::User', '2 to 64 letters (A-Z, a-z) or digits, and "A" is not'],
        [
            `Acme::${'c'.repeat(65)}::User`,
            `2 to 64 letters (A-Z, a-z) or digits, and "${'c'.repeat(65)}" is not`,
        ],
        ['Acme::Connect-1::User', '"Connect-1" is not'],
        ['Acme::Connect::User_1', '"User_1" is not'],
        ['Acme::Connect:: User', '" User" is not'],
        ['Acme::::User', '"" is not'],
        ['Ácme::Connect::User', '"Ácme" is not'],
    ])('refuses %j: %s', (typeName, rule) => {
        const problem = typeNameProblem(typeName);
        expect(problem).toContain(
            `${JSON.stringify(typeName)} is not a type name RegisterType accepts`
        );
        expect(problem).toContain(rule);
        expect(() => checkTypeName(typeName)).toThrow(problem);
    });

    it.each([
        ['Alexa::Connect::User', 'Alexa'],
        ['AMZN::Connect::User', 'AMZN'],
        ['Amazon::Connect::User', 'Amazon'],
        ['AWS::Connect::Agent', 'AWS'],
        ['Custom::Connect::User', 'Custom'],
        ['Dev::Connect::User', 'Dev'],
        ['aws::Connect::User', 'aws'],
        ['Aws::connect::user', 'Aws'],
        ['amazon::Connect::User', 'amazon'],
        ['DEV::Connect::User', 'DEV'],
        ['cUsToM::Connect::User', 'cUsToM'],
    ])(
        'refuses %s: RegisterType reserves its namespace in any letter case',
        (typeName, namespace) => {
            expect(typeNameProblem(typeName)).toBe(
                `${JSON.stringify(typeName)} is not a type name RegisterType accepts: ` +
                    `the namespace "${namespace}" is reserved (Alexa, AMZN, Amazon, AWS, Custom, Dev, ` +
                    `in any letter case); use your organization's, such as Acme::Connect::User`
            );
        }
    );

    it('names the schema file and the zip as cfn does', () => {
        expect(hyphenatedName('Acme::Connect::User')).toBe('acme-connect-user');
        expect(schemaFileName('Acme::Connect::User')).toBe('acme-connect-user.json');
        expect(schemaFileName(DEFAULT_TYPE_NAME)).toBe('aws-connect-user.json');
    });
});

describe('the schema under another name', () => {
    const renamed = renamedSchemaText(schemaText, 'Acme::Connect::User');

    it('says the name in typeName and the description, and nothing else changes', () => {
        const original = JSON.parse(schemaText) as Record<string, unknown>;
        const parsed = JSON.parse(renamed) as Record<string, unknown>;
        expect(parsed.typeName).toBe('Acme::Connect::User');
        expect(parsed.description).toBe(
            String(original.description).replace(
                'AWS::Connect::User',
                'Acme::Connect::User'
            )
        );
        expect({ ...parsed, typeName: 0, description: 0 }).toEqual({
            ...original,
            typeName: 0,
            description: 0,
        });
        expect(renamed).not.toContain('AWS::Connect::User');
    });

    it('keeps every other byte, so that it reads as the schema file does', () => {
        const before = schemaText.split('\n');
        const after = renamed.split('\n');
        expect(after).toHaveLength(before.length);
        const differing = after.flatMap((line, index) =>
            line === before[index] ? [] : [index]
        );
        expect(differing).toEqual([
            before.findIndex((line) => line.startsWith('    "typeName": ')),
            before.findIndex((line) => line.startsWith('    "description": ')),
        ]);
    });

    it('is the schema itself under its own name', () => {
        expect(schemaTextUnder(DEFAULT_TYPE_NAME)).toBe(schemaText);
        expect(schemaTextUnder('Acme::Connect::User')).toBe(renamed);
    });

    it('cannot be written from a schema that holds its typeName more than once', () => {
        const twice = schemaText.replace(
            '"definitions": {',
            '"x": { "typeName": "AWS::Connect::User" },\n    "definitions": {'
        );
        expect(() => renamedSchemaText(twice, 'Acme::Connect::User')).toThrow(
            'The schema must hold "typeName": "AWS::Connect::User" exactly once'
        );
    });
});

describe('the models under another name', () => {
    it('declare that TYPE_NAME, and only that changes', () => {
        const renamed = renamedModelsSource(
            modelsText,
            'AWS::Connect::User',
            'Acme::Connect::User'
        );
        expect(renamed).toContain(
            "public static override readonly TYPE_NAME: string = 'Acme::Connect::User';"
        );
        expect(renamed.replace('Acme::Connect::User', 'AWS::Connect::User')).toBe(
            modelsText
        );
    });

    it('refuse models that do not declare the name they are renamed from', () => {
        expect(() =>
            renamedModelsSource(
                modelsText,
                'Other::Connect::User',
                'Acme::Connect::User'
            )
        ).toThrow("src/models.ts must declare TYPE_NAME = 'Other::Connect::User' once");
        expect(() =>
            renamedModelsSource(
                `${modelsText}\nTYPE_NAME: string = 'AWS::Connect::User';`,
                'AWS::Connect::User',
                'Acme::Connect::User'
            )
        ).toThrow('once; run npm run generate');
    });
});

import { byCodeUnits, fromConnectUser } from '../../src/translate';

const INSTANCE = {
    partition: 'aws',
    region: 'us-east-1',
    account: '123456789012',
    instanceId: 'inst-1',
};

describe('the order of what a read shows', () => {
    it.each([
        ['a', 'b', -1],
        ['b', 'a', 1],
        ['a', 'a', 0],
        ['B', 'a', -1],
        ['team', 'team-2', -1],
        ['', 'a', -1],
        ['é', 'z', 1],
    ])('byCodeUnits(%j, %j) is %i', (a, b, expected) => {
        expect(Math.sign(byCodeUnits(a, b))).toBe(expected);
    });

    describe('without the locale collator', () => {
        const localeCompare = jest
            .spyOn(String.prototype, 'localeCompare')
            .mockImplementation(() => {
                throw new Error(
                    'localeCompare builds the ICU collator on a cold start'
                );
            });
        afterAll(() => localeCompare.mockRestore());

        it('sorts tags by key and proficiencies by name then value, by code units', () => {
            const model = fromConnectUser(
                {
                    Id: 'user-1',
                    Username: 'jdoe',
                    Tags: { team: 'support', Team: 'x', cost: '7' },
                },
                {
                    instance: INSTANCE,
                    proficiencies: [
                        { AttributeName: 'Skill', AttributeValue: 'b', Level: 2 },
                        { AttributeName: 'Language', AttributeValue: 'es', Level: 1 },
                        { AttributeName: 'Skill', AttributeValue: 'a', Level: 3 },
                    ],
                }
            );

            expect(model.Tags).toEqual([
                { Key: 'Team', Value: 'x' },
                { Key: 'cost', Value: '7' },
                { Key: 'team', Value: 'support' },
            ]);
            expect(model.UserProficiencies).toEqual([
                { AttributeName: 'Language', AttributeValue: 'es', Level: 1 },
                { AttributeName: 'Skill', AttributeValue: 'a', Level: 3 },
                { AttributeName: 'Skill', AttributeValue: 'b', Level: 2 },
            ]);
            expect(localeCompare).not.toHaveBeenCalled();
        });
    });
});

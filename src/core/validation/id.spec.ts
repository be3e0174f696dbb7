import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsId, IsIdInQuery, MAX_ID, parseIdText } from './id';

class Body {
  @IsId()
  user_id: unknown;
}

class Query {
  @IsIdInQuery()
  user_id: unknown;
}

async function problemsOf<T extends object>(type: new () => T, plain: object): Promise<string[]> {
  const errors = await validate(plainToInstance(type, plain));
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('ids', () => {
  it.each([1, 42, MAX_ID])('accepts %p in a body', async (id) => {
    expect(await problemsOf(Body, { user_id: id })).toEqual([]);
  });

  it.each([null, 0, -1, 1.5, MAX_ID + 1, 1e21, 1e308, '7', true])(
    'refuses %p in a body, naming the field',
    async (id) => {
      expect(await problemsOf(Body, { user_id: id })).toEqual([
        'user_id must be an integer id from 1 to 2147483647',
      ]);
    },
  );

  it('reads decimal digits from the query string, and nothing else', async () => {
    expect(plainToInstance(Query, { user_id: '42' }).user_id).toBe(42);
    expect(await problemsOf(Query, { user_id: '2147483647' })).toEqual([]);
    for (const text of ['1e3', '0x10', ' 7', '07', '-1', '2147483648', '', 'abc']) {
      expect(await problemsOf(Query, { user_id: text })).toEqual([
        'user_id must be an integer id from 1 to 2147483647',
      ]);
    }
    expect(await problemsOf(Query, { user_id: ['1', '2'] })).toHaveLength(1);
  });

  it('parses path segments the same way', () => {
    expect(parseIdText('12')).toBe(12);
    expect(parseIdText('99999999999')).toBeNull();
    expect(parseIdText(12)).toBeNull();
  });
});

import { validate } from 'class-validator';
import { Characters, characterCount } from './text-length';

class Body {
  @Characters(1, 200)
  display_name: unknown;
}

async function problemsOf(value: unknown): Promise<string[]> {
  const errors = await validate(Object.assign(new Body(), { display_name: value }));
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('Characters', () => {
  it('counts code points, as a utf8mb4 VARCHAR does', () => {
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('😀')).toBe(1);
    expect(characterCount('❤️')).toBe(2);
    expect(characterCount('e\u0301')).toBe(2);
  });

  it('accepts 200 characters whatever their plane', async () => {
    expect(await problemsOf('😀'.repeat(200))).toEqual([]);
    expect(await problemsOf('x'.repeat(200))).toEqual([]);
  });

  it('refuses text the column would reject, though class-validator counts it as 200', async () => {
    expect(await problemsOf('❤️'.repeat(200))).toEqual([
      'display_name must be shorter than or equal to 200 characters',
    ]);
  });

  it('refuses empty text, and leaves other types to IsString', async () => {
    expect(await problemsOf('')).toEqual([
      'display_name must be longer than or equal to 1 characters',
    ]);
    expect(await problemsOf(42)).toEqual([]);
  });
});

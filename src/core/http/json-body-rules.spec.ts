import { jsonBodyProblem, MAX_BODY_DEPTH } from './json-body-rules';

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = [value];
  return value;
}

describe('jsonBodyProblem', () => {
  it('accepts ordinary bodies, up to the nesting limit', () => {
    expect(jsonBodyProblem({ email: 'ada@example.com', tags: ['a', 'b'] })).toBeNull();
    expect(jsonBodyProblem(undefined)).toBeNull();
    expect(jsonBodyProblem(nested(MAX_BODY_DEPTH))).toBeNull();
    expect(jsonBodyProblem({ payload: nested(MAX_BODY_DEPTH - 1) })).toBeNull();
  });

  it('refuses one level more, naming the limit', () => {
    expect(jsonBodyProblem(nested(MAX_BODY_DEPTH + 1))).toBe(
      'Request body nests deeper than 32 levels',
    );
  });

  it('walks a body nested far past the stack depth without overflowing', () => {
    const deep = JSON.parse(`{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    expect(jsonBodyProblem(deep)).toBe('Request body nests deeper than 32 levels');
  });

  it('names the field holding a lone surrogate, in values and in keys', () => {
    expect(jsonBodyProblem(JSON.parse('{"email":"\\ud800"}'))).toBe(
      'email contains a lone UTF-16 surrogate',
    );
    expect(jsonBodyProblem(JSON.parse('{"payload":{"items":[1,"ok\\udc00"]}}'))).toBe(
      'payload.items[1] contains a lone UTF-16 surrogate',
    );
    expect(jsonBodyProblem(JSON.parse('{"payload":{"\\udbff":1}}'))).toBe(
      'a field name in payload contains a lone UTF-16 surrogate',
    );
    expect(jsonBodyProblem(JSON.parse('"\\ud800"'))).toBe('body contains a lone UTF-16 surrogate');
  });

  it('accepts surrogate pairs (characters outside the BMP)', () => {
    expect(jsonBodyProblem({ name: '😀 \ud83d\ude00' })).toBeNull();
  });
});

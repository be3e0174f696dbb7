import { ValidateBy, ValidationArguments } from 'class-validator';

/**
 * Characters as a utf8mb4 VARCHAR counts them: code points. JavaScript's `length` counts UTF-16
 * units and class-validator's `Length` skips variation selectors, so both let through text the
 * column rejects (200 "❤️" are 400 code points).
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _codePoint of text) count += 1;
  return count;
}

/**
 * Text between `min` and `max` characters as the column counts them. Pair it with `IsString`:
 * other types pass here and get that rule's message.
 */
export function Characters(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'characters',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return true;
        const count = characterCount(value);
        return count >= min && count <= max;
      },
      defaultMessage: (args?: ValidationArguments) => {
        const property = args?.property ?? 'value';
        return typeof args?.value === 'string' && characterCount(args.value) < min
          ? `${property} must be longer than or equal to ${min} characters`
          : `${property} must be shorter than or equal to ${max} characters`;
      },
    },
  });
}

import { ValidationError } from 'class-validator';

/** class-validator's nested errors as flat messages, each naming the property by its path (`a.b must …`). */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): string[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) && path !== error.property
        ? `${path}${text.slice(error.property.length)}`
        : text,
    );
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/**
 * JSON text a JavaScript value cannot hold (`1e400`, `-0`, 5,000 levels of arrays), spliced as is
 * into the body the value serialises to.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

export type FuzzValue = RawJson | null | boolean | number | string | FuzzValue[] | FuzzObject;
export interface FuzzObject {
  [key: string]: FuzzValue;
}

/** JSON text of a generated value; RawJson parts are copied verbatim. */
export function toJsonText(value: FuzzValue): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(
      ([key, member]) => `${JSON.stringify(key)}:${toJsonText(member)}`,
    );
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The value as one text (a query or form value): strings as they are, the rest as JSON. */
export function toPlainText(value: FuzzValue): string {
  return typeof value === 'string' ? value : toJsonText(value);
}

/** One requested field: `reactions.limit(0).summary(total_count)` → name `reactions` + modifiers. */
export interface RequestedField {
  readonly name: string;
  readonly modifiers: Readonly<Record<string, string>>;
}

/** Splits Graph's `fields=` at top-level commas (not those inside parentheses or braces). */
export function parseFields(text: string): RequestedField[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(' || char === '{') depth += 1;
    if (char === ')' || char === '}') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (current !== '') parts.push(current);
  return parts.map((part) => {
    const [name, ...rest] = part.trim().split('.');
    const modifiers: Record<string, string> = {};
    for (const modifier of rest) {
      const match = /^(\w+)\((.*)\)$/.exec(modifier);
      if (match) modifiers[match[1]] = match[2];
    }
    return { name, modifiers };
  });
}

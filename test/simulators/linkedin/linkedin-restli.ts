/**
 * Rest.li 2.0 lists in a query string: `shares=List(urn%3Ali%3Ashare%3A1,urn%3Ali%3Ashare%3A2)`.
 * Each URN is percent-encoded; the parentheses and commas are not. Returns the decoded URNs, or
 * the problem with the encoding.
 */
export function parseRestliList(raw: string): { urns: string[] } | { problem: string } {
  if (/%28|%29|%2C/i.test(raw)) {
    return { problem: 'List( ) parentheses and commas must not be percent-encoded' };
  }
  const match = /^List\((.*)\)$/.exec(raw);
  if (!match) return { problem: `expected List(...), got ${raw}` };
  if (match[1] === '') return { urns: [] };
  const items = match[1].split(',');
  if (items.some((item) => item.includes(':'))) {
    return { problem: 'URNs inside List( ) must be percent-encoded' };
  }
  return { urns: items.map((item) => decodeURIComponent(item)) };
}

/** The raw (still encoded) value of a parameter in a query string, as sent. */
export function rawQueryParam(rawQuery: string, name: string): string | undefined {
  for (const pair of rawQuery.split('&')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator) === name) return pair.slice(separator + 1);
  }
  return undefined;
}

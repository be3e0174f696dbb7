/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit: `tink.sync-connections`. */
const KEY_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function looksLikeUuid(value: string): boolean {
  return UUID_SHAPE.test(value);
}

/**
 * A key the API can address next to ids: safe in a URL path and never mistaken for a task id
 * (a UUID-shaped segment is always read as an id).
 */
export function isAddressableKey(value: string): boolean {
  return KEY_SHAPE.test(value) && !looksLikeUuid(value);
}

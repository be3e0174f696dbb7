/**
 * FNV-1a of a string, cut to 30 bits so that V8 stores it as a small integer: a Set of 200,000
 * of them takes a few megabytes where the strings themselves would take tens.
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 2;
}

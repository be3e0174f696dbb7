const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether the text holds half of a UTF-16 surrogate pair on its own: JSON can carry one
 * (`"\ud800"`), but it is no character, so validators that encode text (`encodeURIComponent`)
 * throw on it and no database column can store it.
 */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

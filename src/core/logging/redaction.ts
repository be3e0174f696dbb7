const SECRET_KEYS = [
  'authorization',
  'cookie',
  'password',
  'passwd',
  'secret',
  'token',
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'client_secret',
  'clientSecret',
  'apiKey',
  'api_key',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
];

/** pino redact paths: secret keys at the top level, one and two levels down, and in HTTP headers. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export const REDACTION_CENSOR = '[REDACTED]';

/**
 * Query keys that carry a one-time credential of a callback: a bank's redirect reference (whoever
 * holds it can complete that user's connection) and an OAuth authorization code.
 */
const CALLBACK_QUERY_KEYS = ['ref', 'code'];

const SECRET_QUERY_KEYS = new Set(
  [...SECRET_KEYS, ...CALLBACK_QUERY_KEYS].map((key) => key.toLowerCase()),
);

/**
 * The URL as logs may show it: values of secret query keys (`?access_token=…`, matched like body
 * keys, in any letter case) replaced by the censor; the rest of the query kept for debugging.
 */
export function redactQueryString(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const pairs = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const rawKey = separator < 0 ? pair : pair.slice(0, separator);
      return SECRET_QUERY_KEYS.has(decodedKey(rawKey).toLowerCase())
        ? `${rawKey}=${REDACTION_CENSOR}`
        : pair;
    });
  return `${url.slice(0, queryStart)}?${pairs.join('&')}`;
}

function decodedKey(rawKey: string): string {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    return rawKey;
  }
}

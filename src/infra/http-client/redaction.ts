export const REDACTED = '[REDACTED]';

/** Query/body/JSON keys whose values never reach a log line or an error message. */
export const DEFAULT_SENSITIVE_KEYS: readonly string[] = [
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'client_assertion',
  'code',
  'password',
  'secret',
  'secret_key',
  'api_key',
];

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiled once per key list; the HTTP client builds one at construction. */
export class Redactor {
  private readonly keys: ReadonlySet<string>;
  private readonly jsonString: RegExp;
  private readonly jsonNumber: RegExp;
  private readonly formPair: RegExp;

  constructor(extraKeys: readonly string[] = []) {
    const keys = [...DEFAULT_SENSITIVE_KEYS, ...extraKeys].map((key) => key.toLowerCase());
    this.keys = new Set(keys);
    const alternatives = keys.map(escapeRegExp).join('|');
    // The closing quote is optional: a body cut off inside a secret must not show its first half.
    this.jsonString = new RegExp(`("(?:${alternatives})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, 'gi');
    this.jsonNumber = new RegExp(`("(?:${alternatives})"\\s*:\\s*)-?\\d[\\d.eE+-]*`, 'gi');
    // key=value inside a query string, a form body or free text; the key must start a token.
    this.formPair = new RegExp(`(^|[?&\\s;,])((?:${alternatives})=)[^&\\s"';,]*`, 'gi');
  }

  isSensitiveKey(key: string): boolean {
    return this.keys.has(key.toLowerCase());
  }

  /** Redacts credentials in a free text: bearer/basic tokens, JSON members, form pairs. */
  text(input: string): string {
    return input
      .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g, `$1 ${REDACTED}`)
      .replace(this.jsonString, `$1"${REDACTED}"`)
      .replace(this.jsonNumber, `$1"${REDACTED}"`)
      .replace(this.formPair, `$1$2${REDACTED}`);
  }

  url(input: string | URL): string {
    let url: URL;
    try {
      url = new URL(input.toString());
    } catch {
      return this.text(input.toString());
    }
    if (url.password) url.password = REDACTED;
    const entries = [...url.searchParams.entries()];
    if (entries.some(([key]) => this.isSensitiveKey(key))) {
      url.search = new URLSearchParams(
        entries.map(([key, value]): [string, string] => [
          key,
          this.isSensitiveKey(key) ? REDACTED : value,
        ]),
      ).toString();
    }
    // URLSearchParams percent-encodes the brackets; keep the marker readable.
    return url.toString().replace(/%5BREDACTED%5D/g, REDACTED);
  }

  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      result[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
    }
    return result;
  }

  /** Redacted first, truncated second, so a cut can never expose half a secret. */
  excerpt(body: string, maxLength = 500): string {
    const redacted = this.text(body);
    return redacted.length > maxLength ? `${redacted.slice(0, maxLength)}…` : redacted;
  }
}

export const defaultRedactor = new Redactor();

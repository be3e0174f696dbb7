/**
 * Opaque page tokens: the sort key of the last row served plus a fingerprint of the filters, so a
 * token is only valid for the query that produced it and stays stable while rows are inserted.
 */
export interface PageCursor {
  readonly key: readonly string[];
  readonly fingerprint: string;
}

export function encodePageToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ k: cursor.key, f: cursor.fingerprint }), 'utf8').toString(
    'base64url',
  );
}

export function decodePageToken(token: string): PageCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { k, f } = parsed as { k?: unknown; f?: unknown };
    if (
      !Array.isArray(k) ||
      !k.every((part) => typeof part === 'string') ||
      typeof f !== 'string'
    ) {
      return undefined;
    }
    return { key: k as string[], fingerprint: f };
  } catch {
    return undefined;
  }
}

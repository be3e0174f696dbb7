/** Opaque to clients; says whose timeline, where the next page starts and at which page size. */
interface PagePosition {
  readonly userId: string;
  readonly offset: number;
  readonly maxResults: number;
}

export function encodePageToken(position: PagePosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodePageToken(token: string): PagePosition | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PagePosition;
    return typeof value.offset === 'number' && typeof value.maxResults === 'number'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

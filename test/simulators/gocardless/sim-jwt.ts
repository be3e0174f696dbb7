import { createHmac, timingSafeEqual } from 'node:crypto';

export interface JwtClaims {
  readonly token_type: 'access' | 'refresh';
  /** Seconds since the epoch, like every JWT `exp`. */
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly secret_id: string;
}

const base64url = (text: string | Buffer): string => Buffer.from(text).toString('base64url');

/** An HS256 JWT, so clients can read `exp` the way real integrations do. */
export function signJwt(claims: JwtClaims, key: Buffer): string {
  const head = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const body = base64url(JSON.stringify(claims));
  return `${head}.${body}.${signature(`${head}.${body}`, key)}`;
}

/** The claims of a token this key signed, or `null` for anything else (expiry is not checked). */
export function verifyJwt(token: string, key: Buffer): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const expected = Buffer.from(signature(`${parts[0]}.${parts[1]}`, key));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return null;
  }
}

function signature(input: string, key: Buffer): string {
  return createHmac('sha256', key).update(input).digest('base64url');
}

import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuthenticatedUser, ROLES, Role } from './roles';

export class InvalidTokenError extends Error {}

/** HS256 bearer tokens: `sub` is the user id, `role` is admin or user. */
@Injectable()
export class TokenService {
  /**
   * Made once: handed the secret as a string, jsonwebtoken tries it as a PEM public key on every
   * call (and fails) before taking it as a secret: the costliest step of an authenticated request.
   */
  private readonly key: KeyObject;

  constructor(config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  sign(user: AuthenticatedUser, ttl: string | number = '1h'): string {
    return jwt.sign({ role: user.role }, this.key, {
      algorithm: 'HS256',
      subject: String(user.id),
      expiresIn: ttl as jwt.SignOptions['expiresIn'],
    });
  }

  verify(token: string): AuthenticatedUser {
    let claims: jwt.JwtPayload | string;
    try {
      claims = jwt.verify(token, this.key, { algorithms: ['HS256'] });
    } catch (error) {
      const reason = error instanceof jwt.TokenExpiredError ? 'Token expired' : 'Invalid token';
      throw new InvalidTokenError(reason);
    }
    if (typeof claims === 'string') throw new InvalidTokenError('Invalid token');
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new InvalidTokenError('Token sub must be a positive user id');
    if (!ROLES.includes(claims.role as Role))
      throw new InvalidTokenError('Token role must be admin or user');
    return { id, role: claims.role as Role };
  }
}

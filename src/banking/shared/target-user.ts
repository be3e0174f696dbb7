import { ForbiddenException } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/auth/roles';

/** Whose data a request is about: the caller's own; an admin may name any user. */
export function targetUserId(caller: AuthenticatedUser, requested: number | undefined): number {
  if (requested === undefined || requested === caller.id) return caller.id;
  if (caller.role !== 'admin') {
    throw new ForbiddenException('user_id may name another user only with role admin');
  }
  return requested;
}

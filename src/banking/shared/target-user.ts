import { BadRequestException, ForbiddenException } from '@nestjs/common';
import type { AuthenticatedUser } from '../../core/auth/roles';

/** Whose data a request is about: the caller's own; an admin may name any user. */
export function targetUserId(caller: AuthenticatedUser, requested: number | undefined): number {
  if (requested === undefined || requested === caller.id) return caller.id;
  if (caller.role !== 'admin') {
    throw new ForbiddenException('user_id may name another user only with role admin');
  }
  return requested;
}

export const ADMIN_READ_NEEDS_USER_ID =
  'user_id is required for role admin: bank data is read one user at a time (pass user_id=<id>)';

/**
 * Whose bank data a list reads. An admin must name the user: without `user_id` the admin's own
 * (usually empty) data came back with no hint, and a list across users is a bulk read of every
 * person's bank data that no admin screen needs.
 */
export function readTargetUserId(caller: AuthenticatedUser, requested: number | undefined): number {
  if (caller.role === 'admin' && requested === undefined)
    throw new BadRequestException(ADMIN_READ_NEEDS_USER_ID);
  return targetUserId(caller, requested);
}

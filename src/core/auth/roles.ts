export const ROLES = ['admin', 'user'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthenticatedUser {
  id: number;
  role: Role;
}

/** A Tink user, by Tink's id or by the id we gave it at creation. */
export type TinkUserRef = { readonly userId: string } | { readonly externalUserId: string };

export function tinkUserKey(user: TinkUserRef): string {
  return 'userId' in user ? `id:${user.userId}` : `external:${user.externalUserId}`;
}

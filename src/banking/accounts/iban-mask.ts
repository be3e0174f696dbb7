/**
 * An IBAN for display: country and check digits plus the last four characters, everything between
 * starred (`GB29NWBK60161331926819` → `GB29**************6819`). Short values are starred whole.
 */
export function maskIban(iban: string | null): string | null {
  if (iban === null) return null;
  const compact = iban.replace(/\s+/g, '');
  if (compact.length <= 8) return '*'.repeat(compact.length);
  return `${compact.slice(0, 4)}${'*'.repeat(compact.length - 8)}${compact.slice(-4)}`;
}

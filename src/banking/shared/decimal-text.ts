/**
 * A DECIMAL(19,4) value as text with four fraction digits. MySQL hands decimals back as exact
 * strings; SQLite (the embedded development database) may hand back a number.
 */
export function decimalText(value: string | number): string {
  if (typeof value === 'number') return value.toFixed(4);
  const [integer, fraction = ''] = value.split('.');
  return `${integer}.${fraction.padEnd(4, '0').slice(0, 4)}`;
}

const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

export type InnProblem = 'length' | 'checksum';

/** Returns null for a valid ИНН, otherwise what is wrong with it. */
export function innProblem(inn: string): InnProblem | null {
  if (!/^(\d{10}|\d{12})$/.test(inn)) {
    return 'length';
  }
  const expected =
    inn.length === 10 ? innCheckDigits(inn.slice(0, 9)) : innCheckDigits(inn.slice(0, 10));
  return inn.endsWith(expected) ? null : 'checksum';
}

export function isValidInn(inn: string): boolean {
  return innProblem(inn) === null;
}

/**
 * Check digits for an ИНН body: 9 digits (organization, one check digit) or
 * 10 digits (individual, two check digits).
 */
export function innCheckDigits(body: string): string {
  if (/^\d{9}$/.test(body)) {
    return String(checkDigit(body, WEIGHTS_10));
  }
  if (/^\d{10}$/.test(body)) {
    const eleventh = checkDigit(body, WEIGHTS_11);
    return `${eleventh}${checkDigit(body + eleventh, WEIGHTS_12)}`;
  }
  throw new Error(`ИНН body must have 9 or 10 digits, got "${body}"`);
}

function checkDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < weights.length; index++) {
    sum += weights[index] * (digits.charCodeAt(index) - 48);
  }
  return (sum % 11) % 10;
}

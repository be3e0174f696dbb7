import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { innCheckDigits } from '../../../src/credit-portfolio/parsing';

/** Valid 10-digit ИНН from a 9-digit body. */
export function companyInn(body: string): string {
  return body + innCheckDigits(body);
}

export interface HandmadeReceipt {
  date: string;
  organization: string;
  inn: string;
  bank: string;
  bic: string;
  account: string;
  contract: string;
  contractDate?: string;
  amount: string;
  currency?: string;
}

export interface HandmadeExpense {
  date: string;
  organization: string;
  inn: string;
  account: string;
  contract: string;
  paymentNo: string;
  amount: string;
  kind: 'Основной долг' | 'Проценты' | 'Комиссия';
}

/** A plain receipts workbook (header in row 1, text cells) for cases the generator cannot make. */
export async function writeReceipts(
  dir: string,
  fileName: string,
  rows: HandmadeReceipt[],
): Promise<string> {
  return writeSheet(
    join(dir, fileName),
    'Поступления',
    [
      'Дата',
      'Организация',
      'ИНН',
      'Банк',
      'БИК',
      'Расчетный счет',
      'Договор',
      'Дата договора',
      'Сумма',
      'Валюта',
    ],
    rows.map((row) => [
      russian(row.date),
      row.organization,
      row.inn,
      row.bank,
      row.bic,
      row.account,
      row.contract,
      row.contractDate ? russian(row.contractDate) : null,
      row.amount,
      row.currency ?? 'RUB',
    ]),
  );
}

export async function writeExpenses(
  dir: string,
  fileName: string,
  rows: HandmadeExpense[],
): Promise<string> {
  return writeSheet(
    join(dir, fileName),
    'Списания',
    [
      'Дата',
      'Организация',
      'ИНН',
      'Расчетный счет',
      'Договор',
      'Номер платежа',
      'Сумма',
      'Вид платежа',
    ],
    rows.map((row) => [
      russian(row.date),
      row.organization,
      row.inn,
      row.account,
      row.contract,
      row.paymentNo,
      row.amount,
      row.kind,
    ]),
  );
}

export interface HandmadeDetail {
  paymentNo: string;
  date: string;
  contract: string;
  principal: string;
  interest: string;
  fee: string;
  total: string;
}

export async function writeExpenseDetails(
  dir: string,
  fileName: string,
  rows: HandmadeDetail[],
): Promise<string> {
  return writeSheet(
    join(dir, fileName),
    'Расшифровка',
    ['Номер платежа', 'Дата', 'Договор', 'Основной долг', 'Проценты', 'Комиссия', 'Итого'],
    rows.map((row) => [
      row.paymentNo,
      russian(row.date),
      row.contract,
      row.principal,
      row.interest,
      row.fee,
      row.total,
    ]),
  );
}

async function writeSheet(
  path: string,
  sheetName: string,
  header: string[],
  rows: (string | null)[][],
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
  return path;
}

function russian(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

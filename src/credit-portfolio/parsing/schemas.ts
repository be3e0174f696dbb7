import {
  DEFAULT_CURRENCY,
  accountValue,
  amountValue,
  bicValue,
  currencyValue,
  dateValue,
  expenseKindValue,
  innValue,
  textValue,
} from './cell-values';
import { addDecimals, toScaledInteger } from './decimal';
import { RowSchema } from './row-schema';
import { ExpenseDetailRow, ExpenseRow, FileKind, ReceiptRow, RowOfKind } from './types';

export const RECEIPT_SCHEMA: RowSchema<ReceiptRow> = {
  rules: {
    date: { title: 'Дата', aliases: ['date'], parse: dateValue },
    organization: { title: 'Организация', aliases: ['organization'], parse: textValue },
    inn: { title: 'ИНН', aliases: ['inn'], parse: innValue },
    bank: { title: 'Банк', aliases: ['bank'], parse: textValue, whenEmpty: null },
    bic: { title: 'БИК', aliases: ['bic'], parse: bicValue },
    account: { title: 'Расчетный счет', aliases: ['account'], parse: accountValue },
    contract: { title: 'Договор', aliases: ['contract'], parse: textValue },
    contractDate: {
      title: 'Дата договора',
      aliases: ['contract_date'],
      parse: dateValue,
      whenEmpty: null,
      headerOptional: true,
    },
    amount: { title: 'Сумма', aliases: ['amount'], parse: amountValue },
    currency: {
      title: 'Валюта',
      aliases: ['currency'],
      parse: currencyValue,
      whenEmpty: DEFAULT_CURRENCY,
      headerOptional: true,
    },
    purpose: {
      title: 'Назначение платежа',
      aliases: ['purpose'],
      parse: textValue,
      whenEmpty: null,
      headerOptional: true,
    },
  },
};

export const EXPENSE_SCHEMA: RowSchema<ExpenseRow> = {
  rules: {
    date: { title: 'Дата', aliases: ['date'], parse: dateValue },
    organization: { title: 'Организация', aliases: ['organization'], parse: textValue },
    inn: { title: 'ИНН', aliases: ['inn'], parse: innValue },
    account: { title: 'Расчетный счет', aliases: ['account'], parse: accountValue },
    contract: { title: 'Договор', aliases: ['contract'], parse: textValue },
    paymentNo: { title: 'Номер платежа', aliases: ['payment_no'], parse: textValue },
    amount: { title: 'Сумма', aliases: ['amount'], parse: amountValue },
    currency: {
      title: 'Валюта',
      aliases: ['currency'],
      parse: currencyValue,
      whenEmpty: DEFAULT_CURRENCY,
      headerOptional: true,
    },
    kind: { title: 'Вид платежа', aliases: ['kind'], parse: expenseKindValue },
    purpose: {
      title: 'Назначение платежа',
      aliases: ['purpose'],
      parse: textValue,
      whenEmpty: null,
      headerOptional: true,
    },
  },
};

/** An empty part (principal, interest, fee) means zero; the total itself must be filled. */
export const EXPENSE_DETAIL_SCHEMA: RowSchema<ExpenseDetailRow> = {
  rules: {
    paymentNo: { title: 'Номер платежа', aliases: ['payment_no'], parse: textValue },
    date: { title: 'Дата', aliases: ['date'], parse: dateValue },
    contract: { title: 'Договор', aliases: ['contract'], parse: textValue },
    principal: {
      title: 'Основной долг',
      aliases: ['principal'],
      parse: amountValue,
      whenEmpty: '0',
    },
    interest: { title: 'Проценты', aliases: ['interest'], parse: amountValue, whenEmpty: '0' },
    fee: { title: 'Комиссия', aliases: ['fee'], parse: amountValue, whenEmpty: '0' },
    total: { title: 'Итого', aliases: ['total'], parse: amountValue },
  },
  check: (row) => {
    const sum = addDecimals(row.principal, row.interest, row.fee);
    if (toScaledInteger(sum) === toScaledInteger(row.total)) {
      return null;
    }
    return {
      field: 'total',
      message: `${row.total} differs from Основной долг + Проценты + Комиссия = ${sum}`,
      code: 'total_mismatch',
    };
  },
};

export const SCHEMA_BY_KIND: { [K in FileKind]: RowSchema<RowOfKind[K]> } = {
  receipts: RECEIPT_SCHEMA,
  expenses: EXPENSE_SCHEMA,
  expense_details: EXPENSE_DETAIL_SCHEMA,
};

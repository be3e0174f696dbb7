import { ColumnOptions } from 'typeorm';

/** UTC instant with millisecond precision: DATETIME(3) on MySQL, text on SQLite. */
export const utcDateTime = (options: Partial<ColumnOptions> = {}): ColumnOptions => ({
  type: 'datetime',
  precision: 3,
  ...options,
});

/** Exact money: DECIMAL(19,4), read back as a string so no float ever touches it. */
export const money = (options: Partial<ColumnOptions> = {}): ColumnOptions => ({
  type: 'decimal',
  precision: 19,
  scale: 4,
  ...options,
});

/** A JSON column's object. Loosely typed on purpose: TypeORM's deep-partial types cannot recurse through a JSON type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;

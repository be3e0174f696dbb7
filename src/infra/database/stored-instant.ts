import type { Driver } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** All the driver reads of a column to convert a Date for it: the column type of `utcDateTime()`. */
const UTC_DATETIME_COLUMN = { type: 'datetime' } as ColumnMetadata;

/**
 * A Date as TypeORM stores it in a `utcDateTime()` (DATETIME(3)) column, for hand-written SQL and
 * conditions. SQLite keeps these instants as `YYYY-MM-DD HH:mm:ss.SSS` text and compares them as
 * text, so a parameter must have exactly that form; MySQL/MariaDB take the Date itself (the
 * connection writes it in UTC). Null stays null.
 */
export function storedInstant(
  connection: { readonly driver: Driver },
  instant: Date | null,
): unknown {
  if (instant === null) return null;
  return connection.driver.preparePersistentValue(instant, UTC_DATETIME_COLUMN);
}

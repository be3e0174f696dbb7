import type { Repository } from 'typeorm';

/**
 * A Date as the driver stores it in `property`'s column, for hand-written conditions: SQLite keeps
 * datetimes as text in one format, and a comparison must use the same one.
 */
export function persistedInstant<T extends object>(
  repository: Repository<T>,
  property: keyof T & string,
  instant: Date,
): unknown {
  const column = repository.metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${repository.metadata.name} has no column ${property}`);
  return repository.manager.connection.driver.preparePersistentValue(instant, column);
}

import { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders for hand-written, engine-neutral migrations. They mirror what the entities
 * declare so that `migration:generate` against a migrated database finds nothing to do.
 */
export class MigrationColumns {
  constructor(private readonly queryRunner: QueryRunner) {}

  private get isMysql(): boolean {
    const { type } = this.queryRunner.connection.options;
    return type === 'mysql' || type === 'mariadb';
  }

  uuidPrimary(name = 'id'): TableColumnOptions {
    return { name, type: 'varchar', length: '36', isPrimary: true };
  }

  uuid(name: string, nullable = false): TableColumnOptions {
    return { name, type: 'varchar', length: '36', isNullable: nullable };
  }

  autoIncrementPrimary(name = 'id'): TableColumnOptions {
    const type = this.isMysql ? 'int' : 'integer';
    return { name, type, isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
  }

  varchar(
    name: string,
    length: number,
    options: Partial<TableColumnOptions> = {},
  ): TableColumnOptions {
    return { name, type: 'varchar', length: String(length), isNullable: false, ...options };
  }

  text(name: string, nullable = true): TableColumnOptions {
    return { name, type: 'text', isNullable: nullable };
  }

  int(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: this.isMysql ? 'int' : 'integer', isNullable: false, ...options };
  }

  boolean(name: string, defaultValue: boolean): TableColumnOptions {
    return {
      name,
      type: 'boolean',
      isNullable: false,
      default: this.isMysql ? Number(defaultValue) : defaultValue ? 1 : 0,
    };
  }

  json(name: string, nullable = true): TableColumnOptions {
    return { name, type: 'json', isNullable: nullable };
  }

  datetime(name: string, nullable = true): TableColumnOptions {
    return { name, type: 'datetime', precision: 3, isNullable: nullable };
  }

  decimal(name: string, nullable = false): TableColumnOptions {
    return { name, type: 'decimal', precision: 19, scale: 4, isNullable: nullable };
  }

  createdAt(name = 'created_at'): TableColumnOptions {
    return { ...this.datetime(name, false), default: this.nowDefault() };
  }

  updatedAt(name = 'updated_at'): TableColumnOptions {
    return {
      ...this.datetime(name, false),
      default: this.nowDefault(),
      onUpdate: this.isMysql ? 'CURRENT_TIMESTAMP(3)' : undefined,
    };
  }

  private nowDefault(): string {
    return this.isMysql ? 'CURRENT_TIMESTAMP(3)' : "datetime('now')";
  }
}

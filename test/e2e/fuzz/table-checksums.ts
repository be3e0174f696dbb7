import { DataSource } from 'typeorm';

export type TableChecksums = Map<string, string>;

/** One CHECKSUM TABLE over every table of the database (MySQL/MariaDB). */
export class TableChecksummer {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly statement: string,
  ) {}

  static async of(dataSource: DataSource): Promise<TableChecksummer> {
    const tables: { name: string }[] = await dataSource.query(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
    );
    const list = tables.map(({ name }) => `\`${name}\``).join(', ');
    return new TableChecksummer(dataSource, `CHECKSUM TABLE ${list}`);
  }

  async take(): Promise<TableChecksums> {
    const rows: { Table: string; Checksum: string | number | null }[] = await this.dataSource.query(
      this.statement,
    );
    return new Map(rows.map((row) => [row.Table.split('.').pop() as string, String(row.Checksum)]));
  }
}

/** The tables whose checksum differs. */
export function changedTables(before: TableChecksums, after: TableChecksums): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}

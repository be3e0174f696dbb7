import { MigrationInterface, QueryRunner } from 'typeorm';

const CHARSET = 'utf8mb4';
const COLLATION = 'utf8mb4_unicode_ci';

/**
 * Every text column stores utf8mb4 (what the API validates lengths in: code points of any plane).
 * A database finsync creates is utf8mb4 already; one created beforehand with another default
 * (latin1, utf8mb3) gave its tables that charset, where emoji fail as "Incorrect string value".
 * Only tables with a non-utf8mb4 column or default are converted; SQLite stores UTF-8 anyway.
 */
export class Utf8mb4Everywhere1765000000000 implements MigrationInterface {
  name = 'Utf8mb4Everywhere1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { type } = queryRunner.connection.options;
    if (type !== 'mysql' && type !== 'mariadb') return;
    await queryRunner.query(`ALTER DATABASE CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`);
    const rows: { name: string }[] = await queryRunner.query(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
          AND TABLE_COLLATION NOT LIKE '${CHARSET}\\_%'
       UNION
       SELECT TABLE_NAME AS name FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME <> '${CHARSET}'`,
    );
    if (rows.length === 0) return;
    // A column a foreign key names cannot change its charset while the checks are on.
    await queryRunner.query('SET FOREIGN_KEY_CHECKS = 0');
    try {
      for (const { name } of rows) {
        await queryRunner.query(
          `ALTER TABLE \`${name}\` CONVERT TO CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`,
        );
      }
    } finally {
      await queryRunner.query('SET FOREIGN_KEY_CHECKS = 1');
    }
  }

  /** Nothing to undo: the charset before is unknown, and utf8mb4 holds whatever it held. */
  async down(): Promise<void> {}
}

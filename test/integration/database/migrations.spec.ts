import { readFileSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { renderSchemaIndex, SCHEMA_INDEX } from '../../../scripts/schema-index';
import { ENTITIES, MIGRATIONS } from '../../../src/database-schema';
import { UserEntity } from '../../../src/users/user.entity';
import { parseDatabaseUrl } from '../../../src/infra/database/database-url';
import {
  createDataSource,
  resolveDataSourceOptions,
} from '../../../src/infra/database/data-source-options';
import { createTestDatabase, TestDatabase } from '../../utils/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource(
      await resolveDataSourceOptions(parseDatabaseUrl(db.url), {
        entities: ENTITIES,
        migrations: MIGRATIONS,
      }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('are listed, with every entity, in the root list `npm run schema:index` writes', () => {
    expect(readFileSync(SCHEMA_INDEX, 'utf8')).toBe(renderSchemaIndex());
  });

  it('build the schema the entities describe: generating a migration afterwards yields nothing', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(dataSource.migrations.length);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('revert cleanly, all the way down and up again', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    const queryRunner = dataSource.createQueryRunner();
    const leftovers: string[] = [];
    for (const { tableName } of dataSource.entityMetadatas) {
      if (await queryRunner.hasTable(tableName)) leftovers.push(tableName);
    }
    await queryRunner.release();
    expect(leftovers).toEqual([]);
    await dataSource.runMigrations();
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('store instants in UTC with milliseconds', async () => {
    const instant = new Date('2026-03-29T01:30:00.123Z');
    await dataSource.getRepository(UserEntity).save({
      email: 'tz@example.com',
      displayName: 'Tz',
      subscriptionPlan: 'premium',
      premiumUntil: instant,
    });
    const [row] = await dataSource.query(
      `SELECT premium_until FROM users WHERE email = 'tz@example.com'`,
    );
    const stored =
      row.premium_until instanceof Date
        ? row.premium_until.toISOString()
        : String(row.premium_until);
    expect(stored).toMatch(/^2026-03-29[ T]01:30:00\.123/);
    const loaded = await dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ email: 'tz@example.com' });
    expect(loaded.premiumUntil?.toISOString()).toBe(instant.toISOString());
  });
});

describe('migrations on a database created with another default charset', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    if (db.engine === 'mysql') {
      const connection = await createConnection({ uri: db.url });
      await connection.query('ALTER DATABASE CHARACTER SET latin1 COLLATE latin1_swedish_ci');
      await connection.end();
    }
    dataSource = createDataSource(
      await resolveDataSourceOptions(parseDatabaseUrl(db.url), {
        entities: ENTITIES,
        migrations: MIGRATIONS,
      }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('leave every text column utf8mb4, so any character fits', async () => {
    if (db.engine === 'mysql') {
      const columns: { name: string }[] = await dataSource.query(
        `SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS name FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME <> 'utf8mb4'`,
      );
      expect(columns.map((column) => column.name)).toEqual([]);
    }
    const displayName = '😀 Ada ❤️ Łódź 漢字';
    await dataSource
      .getRepository(UserEntity)
      .save({ email: 'emoji@example.com', displayName, subscriptionPlan: 'free' });
    const stored = await dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ email: 'emoji@example.com' });
    expect(stored.displayName).toBe(displayName);
  });
});

import { DataSource } from 'typeorm';
import { storedInstant } from './stored-instant';

describe('storedInstant', () => {
  const instant = new Date('2026-03-29T01:02:03.045Z');

  it('is the UTC text SQLite stores and compares, milliseconds included', () => {
    const sqlite = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    expect(storedInstant(sqlite, instant)).toBe('2026-03-29 01:02:03.045');
  });

  it('is the Date itself on MySQL, whose connection writes it in UTC', () => {
    const mysql = new DataSource({ type: 'mysql', url: 'mysql://root@127.0.0.1:1/none' });
    expect(storedInstant(mysql, instant)).toEqual(instant);
  });

  it('keeps null', () => {
    const sqlite = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    expect(storedInstant(sqlite, null)).toBeNull();
  });
});

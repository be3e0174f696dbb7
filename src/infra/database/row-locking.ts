/** The first server versions that take `SELECT … FOR UPDATE SKIP LOCKED`. */
const SKIP_LOCKED_SINCE: Record<string, number[]> = {
  mysql: [8, 0, 1],
  mariadb: [10, 6, 0],
};

export interface ConnectedDriver {
  options: { type: string };
  /** The server's version as the driver read it at connect (`8.0.36`, `10.11.19-MariaDB-…`). */
  version?: string;
}

/**
 * Whether the server can skip rows other transactions hold. SQLite has no row locks at all; an
 * older MySQL or MariaDB would reject the statement, so callers fall back to a plain read.
 */
export function supportsSkipLocked(driver: ConnectedDriver): boolean {
  const since = SKIP_LOCKED_SINCE[driver.options.type];
  if (!since || !driver.version) return false;
  const version = (driver.version.match(/^\d+(\.\d+)*/)?.[0] ?? '').split('.').map(Number);
  for (let part = 0; part < since.length; part++) {
    const have = version[part] ?? 0;
    if (have !== since[part]) return have > since[part];
  }
  return true;
}

import crypto from 'node:crypto';
import pg from 'pg';

/** Runs one statement on the server's maintenance database (never on the template itself). */
async function onMaintenanceDatabase(url: string, statement: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A new database copied from the (migrated, unconnected) database of `templateUrl`.
 * PostgreSQL copies files, which is much faster than migrating again.
 */
export async function copyPostgresDatabase(templateUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  const name = `pocdir_t_${crypto.randomBytes(6).toString('hex')}`;
  await onMaintenanceDatabase(templateUrl, `CREATE DATABASE ${name} TEMPLATE "${template.replace(/"/g, '""')}"`);
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onMaintenanceDatabase(templateUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../server/auth/secret-box.ts';
import { prepareDatabase } from '../server/boot.ts';
import { rowsOf } from '../server/db/client.ts';
import { buildAccount, type TestAccount } from '../server/test-support/factories.ts';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';
import { runCli } from '../server/test-support/run-cli.ts';

// The suite seals with the vitest SECRET_KEY; the rotation moves everything to a new key.
const OLD_KEY = process.env.SECRET_KEY ?? '';

describe('pocdir secret-key: rotating the key that seals TOTP secrets', () => {
  let iso: Isolated;
  let accounts: TestAccount[];
  beforeAll(async () => {
    iso = await isolatedDatabase();
    const database = await prepareDatabase(iso.config, 'test setup');
    try {
      accounts = [
        await buildAccount(database.db, { role: 'directory_manager' }),
        await buildAccount(database.db, { role: 'national_authority' }),
      ];
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(() => iso.dispose());

  const sealedSecrets = async () => {
    const database = await prepareDatabase(iso.config, 'test check');
    try {
      return rowsOf<{ account_id: string; secret_sealed: string }>(
        await database.db.execute(sql`select account_id, secret_sealed from totp_factors`),
      );
    } finally {
      await database.close();
    }
  };

  it('generates a key, re-seals every secret under it with the old one as previous, and the old key alone no longer opens them', async () => {
    const generated = await runCli(['secret-key', 'generate']);
    expect(generated.code).toBe(0);
    const newKey = generated.stdout.trim();
    expect(Buffer.from(newKey, 'base64')).toHaveLength(32);

    // Without the previous key the server cannot open the old secrets: nothing is changed.
    const withoutPrevious = await runCli(['secret-key', 'reseal'], { ...iso.env, SECRET_KEY: newKey });
    expect(withoutPrevious.code).toBe(1);

    const resealed = await runCli(['secret-key', 'reseal'], {
      ...iso.env,
      SECRET_KEY: newKey,
      SECRET_KEY_PREVIOUS: OLD_KEY,
    });
    expect(resealed.code, resealed.stderr).toBe(0);
    expect(resealed.stdout).toContain('2 of 2 authenticator secrets sealed again');

    const oldBox = createSecretBox(Buffer.from(OLD_KEY, 'base64'));
    const newBox = createSecretBox(Buffer.from(newKey, 'base64'));
    for (const row of await sealedSecrets()) {
      const account = accounts.find((a) => a.id === row.account_id)!;
      expect(newBox.open(row.secret_sealed)).toBe(account.totpSecret);
      expect(() => oldBox.open(row.secret_sealed)).toThrow();
    }

    // Running it again finds nothing left to do.
    const again = await runCli(['secret-key', 'reseal'], { ...iso.env, SECRET_KEY: newKey });
    expect(again.stdout).toContain('0 of 2');
    const verified = await runCli(['audit', 'verify'], { ...iso.env, SECRET_KEY: newKey });
    expect(verified.code).toBe(0);
  }, 180_000);
});

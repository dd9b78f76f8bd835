import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';
import { runCli } from '../server/test-support/run-cli.ts';

describe('pocdir help and usage errors', () => {
  it('prints the commands with --help and exits 2 without a command', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['serve', 'migrate', 'seed-demo', 'user', 'audit']) expect(help.stdout).toContain(name);
    expect((await runCli([])).code).toBe(2);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect((await runCli(['toString'])).code).toBe(2); // not a property of the command table
  });

  // Every command of the lazily loaded table (cli/main.ts) loads, under its own name.
  it.each([
    'serve',
    'migrate',
    'seed-demo',
    'user',
    'directory',
    'communications',
    'ping-test',
    'audit',
    'backup',
    'restore',
    'secret-key',
    'openapi',
  ])('pocdir %s --help', async (name) => {
    const result = await runCli([name, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: pocdir ${name}`);
  });

  it('exits 2 with the reason on bad options', async () => {
    const badFlag = await runCli(['user', 'list', '--colour']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/Unknown option '--colour'/);
    const badRole = await runCli(['user', 'create', '--email', 'a@b.example', '--name', 'A', '--role', 'king']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of');
  });

  it('exits 1 with a clear message on bad configuration', async () => {
    const result = await runCli(['migrate'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT="eighty" must be a whole number');
  });
});

describe('pocdir against a database', () => {
  let iso: Isolated;
  beforeAll(async () => {
    iso = await isolatedDatabase();
  });
  afterAll(() => iso.dispose());

  it('migrate, seed-demo once, then user create/list/disable/enable, recorded in the audit trail', async () => {
    expect((await runCli(['migrate'], iso.env)).code).toBe(0);

    const seeded = await runCli(['seed-demo'], iso.env);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/manager@demo\.pocdir\.example\s+demo-\S+\s+directory_manager/);
    const again = await runCli(['seed-demo'], iso.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('DATABASE_NOT_EMPTY');
    const afterSeed = await runCli(['audit', 'verify', '--json'], iso.env);
    const seededEntries = (JSON.parse(afterSeed.stdout) as { checked: number }).checked;
    expect(seededEntries).toBeGreaterThan(9);

    const generated = await runCli(
      [
        'user',
        'create',
        '--email',
        'na.gh@cli.pocdir.example',
        '--name',
        'Efua',
        '--role',
        'national_authority',
        '--state',
        '288',
      ],
      iso.env,
    );
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(
      /One-time password \(shown once; must be changed at first sign-in\): \S{5}-\S{5}-\S{5}-\S{5}/,
    );

    const chosen = await runCli(
      [
        'user',
        'create',
        '--email',
        'ops@cli.pocdir.example',
        '--name',
        'Ops',
        '--role',
        'directory_manager',
        '--password-stdin',
      ],
      iso.env,
      'a strong operator passphrase\n',
    );
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).not.toContain('One-time password');

    const missingState = await runCli(
      ['user', 'create', '--email', 'x@cli.pocdir.example', '--name', 'X', '--role', 'point_of_contact'],
      iso.env,
    );
    expect(missingState.code).toBe(1);
    expect(missingState.stderr).toContain('STATE_REQUIRED');

    const duplicate = await runCli(
      ['user', 'create', '--email', 'OPS@cli.pocdir.example', '--name', 'O', '--role', 'auditor'],
      iso.env,
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('EMAIL_TAKEN');

    const disabled = await runCli(['user', 'disable', 'na.gh@cli.pocdir.example'], iso.env);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain('is now disabled');

    const listed = await runCli(['user', 'list', '--state', '288', '--json'], iso.env);
    const accounts = JSON.parse(listed.stdout) as { email: string; disabled: boolean }[];
    expect(accounts.find((a) => a.email === 'na.gh@cli.pocdir.example')?.disabled).toBe(true);

    const unknown = await runCli(['user', 'enable', 'nobody@cli.pocdir.example'], iso.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOT_FOUND');

    const verified = await runCli(['audit', 'verify', '--json'], iso.env);
    expect(verified.code).toBe(0);
    // The demo seed's entries, then 2 accounts created and 1 disabled.
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, checked: seededEntries + 3 });
    // Eleven real process starts, each opening the database: allow for a loaded machine.
  }, 180_000);
});

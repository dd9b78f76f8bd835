import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { runCli } from '../test-support/run-cli.ts';
import { acquireDataDirLock } from './lock.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-lock-'));

describe('embedded data directory lock', () => {
  it('a second opener in the same machine is refused with DATA_DIR_LOCKED naming the holder', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, 'pocdir serve');
    try {
      fs.writeFileSync(
        path.join(dir, 'pocdir.lock'),
        JSON.stringify({ pid: process.ppid, holder: 'pocdir serve', since: 'now' }),
      );
      expect(() => acquireDataDirLock(dir, 'pocdir migrate')).toThrow(AppError);
      try {
        acquireDataDirLock(dir, 'pocdir migrate');
      } catch (error) {
        expect((error as AppError).code).toBe('DATA_DIR_LOCKED');
        expect((error as AppError).hint).toContain(`process ${process.ppid} (pocdir serve)`);
      }
    } finally {
      lock.release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'pocdir.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, holder: 'crashed', since: 'then' }),
    );
    const lock = acquireDataDirLock(dir, 'pocdir serve');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'pocdir.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'pocdir.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the CLI stops with a clear error while another process holds the embedded database', async () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, 'pocdir serve');
    try {
      const result = await runCli(['user', 'list'], { DATA_DIR: dir, DATABASE_URL: '' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DATA_DIR_LOCKED');
      expect(result.stderr).toContain(`in use by process ${process.pid} (pocdir serve)`);
      // Nothing was opened: no database files were created beside the lock.
      expect(fs.readdirSync(dir)).toEqual(['pocdir.lock']);
    } finally {
      lock.release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

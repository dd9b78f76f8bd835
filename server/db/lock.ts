import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * PGlite does not lock its data directory, and two processes writing it lose data.
 * This lock file makes a second opener (a second server, or the CLI while the server
 * runs) stop with DATA_DIR_LOCKED. A lock left by a dead process is taken over.
 */
export interface DataDirLock {
  release(): void;
}

export function acquireDataDirLock(dataDir: string, holder: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'pocdir.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // Processes that open and close databases many times (tests, the CLI) must not pile up listeners.
        process.removeListener('exit', release);
        try {
          const current = readLock(lockPath);
          if (current?.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readLock(lockPath);
      if (current && isAlive(current.pid) && current.pid !== process.pid) {
        throw new AppError('DATA_DIR_LOCKED', {
          internal: `${lockPath} is held by process ${current.pid} (${current.holder}) since ${current.since}`,
          hint:
            `The embedded database in ${dataDir} is in use by process ${current.pid} (${current.holder}). ` +
            'Only one process may open it: stop that process, or use the running server through its API.',
        });
      }
      // Stale lock from a process that died without releasing it.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { hint: `Could not take ${lockPath}; another process is racing for it.` });
}

function readLock(lockPath: string): { pid: number; holder: string; since: string } | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number; holder: string; since: string };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { openSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childProcessEnvironment } from '../../server/config.ts';
import { freePort } from '../../server/test-support/free-port.ts';

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'pocdir.mjs');

/** A process the benchmark started and will stop; its resident memory read from /proc. */
export interface RunningProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from `readyPath`. */
  readyMs: number;
  /** Resident set size of the process and its descendants, bytes (Linux /proc). */
  residentBytes(): number;
  stop(): Promise<void>;
}

/** Spawns `command args` with PORT set and waits until GET readyPath answers 200. */
export async function startProcess(options: {
  command: string;
  args: string[];
  env: Record<string, string>;
  readyPath: string;
  timeoutMs?: number;
  cwd?: string;
}): Promise<RunningProcess> {
  const port = Number(options.env.PORT) || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd ?? ROOT,
    env: childProcessEnvironment({ PORT: String(port), ...options.env }),
    // BENCH_SERVER_LOG=file keeps the server's request log (docs/performance.md): which requests ended, and when.
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    try {
      if ((await fetch(`${url}${options.readyPath}`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`${options.args.join(' ')} exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.args.join(' ')} did not become ready: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    child,
    readyMs,
    residentBytes: () => treeResidentBytes(child.pid ?? 0),
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function childrenOf(pid: number): number[] {
  try {
    const tasks = fs.readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((task) =>
      fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** VmRSS of a process, bytes; 0 once it is gone. */
export function residentBytesOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and every descendant (npm → sh → node counts as one server). */
export function treeResidentBytes(pid: number): number {
  return residentBytesOf(pid) + childrenOf(pid).reduce((sum, child) => sum + treeResidentBytes(child), 0);
}

/** The deepest descendant, the process that does the work under `npm start`'s wrappers. */
export function leafPid(pid: number): number {
  const children = childrenOf(pid);
  return children.length === 0 ? pid : leafPid(children[children.length - 1] ?? pid);
}

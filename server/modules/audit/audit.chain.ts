import type { AuditVerification } from '../../../common/schemas/audit.ts';
import { GENESIS_HASH, hashEntry, type ChainedFields } from './audit.hash.ts';

/**
 * Checking the hash chain, page by page, apart from the database: the same code runs in the
 * verifying thread or in a worker thread (audit.chain.worker.ts), so both give the same verdicts.
 */

/** An entry as verification reads it: the hashed fields and the stored hash. */
export type ChainRow = ChainedFields & { hash: string };

/**
 * One entry in the page format of `chainPageAfter` (audit.repository.ts): a JSON array in column
 * order, `at` as PostgreSQL's text (what Drizzle would turn into a Date), before/after as stored.
 */
type ChainRowJson = [
  position: number,
  at: string,
  actorAccountId: string | null,
  actorLabel: string,
  action: string,
  targetType: string,
  targetId: string,
  stateM49: string | null,
  before: unknown,
  after: unknown,
  requestId: string | null,
  prevHash: string,
  hash: string,
];

/** Parses a page written by `chainPageAfter` into the rows Drizzle would have returned. */
export function parseChainPage(json: string): ChainRow[] {
  const raw = JSON.parse(json) as ChainRowJson[];
  const rows: ChainRow[] = new Array<ChainRow>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i] as ChainRowJson;
    rows[i] = {
      position: r[0],
      // Drizzle reads timestamptz as this text and maps it with `new Date(text)`: the same Date here.
      at: new Date(r[1]),
      actorAccountId: r[2],
      actorLabel: r[3],
      action: r[4],
      targetType: r[5],
      targetId: r[6],
      stateM49: r[7],
      before: r[8],
      after: r[9],
      requestId: r[10],
      prevHash: r[11],
      hash: r[12],
    };
  }
  return rows;
}

/** Where the walk along the chain stands: the next position expected and the hash it must link to. */
export interface ChainCursor {
  expectedPosition: number;
  previousHash: string;
  checked: number;
}

export type ChainBreak = { firstBadPosition: number; problem: NonNullable<AuditVerification['problem']> };

export function chainStart(): ChainCursor {
  return { expectedPosition: 1, previousHash: GENESIS_HASH, checked: 0 };
}

/**
 * Walks `rows` (oldest first) from `cursor`, advancing it, and returns the first break, if any.
 * Positions must follow one another and each entry must link to the hash before it; then its own
 * hash must match its content.
 */
export function checkChainRows(cursor: ChainCursor, rows: readonly ChainRow[]): ChainBreak | undefined {
  for (const row of rows) {
    if (row.position !== cursor.expectedPosition || row.prevHash !== cursor.previousHash) {
      return { firstBadPosition: cursor.expectedPosition, problem: 'deleted_or_reordered' };
    }
    if (hashEntry(row) !== row.hash) return { firstBadPosition: row.position, problem: 'edited' };
    cursor.previousHash = row.hash;
    cursor.expectedPosition++;
    cursor.checked++;
  }
  return undefined;
}

/** What checking one page tells: where the walk stands after it, and the first break in it, if any. */
export interface PageVerdict {
  cursor: ChainCursor;
  broken: ChainBreak | undefined;
}

/** Checks the chain's pages, given in order, each as the JSON text `chainPageAfter` returns. */
export interface ChainChecker {
  check(json: string): Promise<PageVerdict>;
  close(): Promise<void>;
}

/** Checks pages in the calling thread: for short chains, where starting a thread costs more. */
export function inlineChainChecker(): ChainChecker {
  const cursor = chainStart();
  return {
    check: async (json) => {
      const broken = checkChainRows(cursor, parseChainPage(json));
      return { cursor: { ...cursor }, broken };
    },
    close: async () => undefined,
  };
}

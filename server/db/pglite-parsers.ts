import { types, type ParserOptions, type PGlite, type QueryOptions, type Transaction } from '@electric-sql/pglite';

/**
 * The type parsers drizzle-orm's PGlite driver passes with every query (drizzle-orm 0.45,
 * PglitePreparedQuery): dates, intervals, numeric[] and the date arrays stay text, which drizzle
 * converts itself.
 */
const DRIZZLE_TEXT_TYPES: readonly number[] = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];

const asText = (value: string) => value;

const ownParsers = new WeakMap<PGlite, ParserOptions>();

/**
 * PGlite's own parsers for the types shareDrizzleParsers leaves as text: for the client's other
 * users (pg-boss), which expect dates as PGlite gives them. Empty for a client not shared.
 */
export function pgliteOwnParsers(client: PGlite): ParserOptions {
  return ownParsers.get(client) ?? {};
}

/**
 * Query options without parsers that the client already applies. PGlite merges per-query parsers
 * into a copy of its whole table (~330 types) on every query: that copy was 45 % of a small
 * query's time (400 → 210 µs; docs/performance.md). Other parsers are left for PGlite to merge.
 */
export function withoutSharedParsers(options: QueryOptions | undefined): QueryOptions | undefined {
  const parsers = options?.parsers;
  if (!options || !parsers) return options;
  const probe = '2026-01-01';
  const shared = Object.entries(parsers).every(([type, parser]: [string, (text: string, type: number) => unknown]) => {
    return DRIZZLE_TEXT_TYPES.includes(Number(type)) && parser(probe, Number(type)) === probe;
  });
  if (!shared) return options;
  const rest = { ...options };
  delete rest.parsers;
  return rest;
}

/**
 * Gives the client drizzle's parsers once, and drops them from each query's options (outside and
 * inside transactions). Call after PGlite.create, which has built the array types' parsers.
 */
export function shareDrizzleParsers(client: PGlite): void {
  ownParsers.set(client, Object.fromEntries(DRIZZLE_TEXT_TYPES.map((type) => [type, client.parsers[type] ?? asText])));
  for (const type of DRIZZLE_TEXT_TYPES) client.parsers[type] = asText;
  const query = client.query.bind(client);
  client.query = ((text: string, params?: unknown[], options?: QueryOptions) =>
    query(text, params, withoutSharedParsers(options))) as PGlite['query'];
  const transaction = client.transaction.bind(client);
  client.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      const txQuery = tx.query.bind(tx);
      tx.query = (text: string, params?: unknown[], options?: QueryOptions) =>
        txQuery(text, params, withoutSharedParsers(options));
      return callback(tx);
    });
}

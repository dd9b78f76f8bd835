/** One line of the benchmark table. Ratios compare to a baseline measured in the same run. */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  ratio?: number;
  target?: string;
  met?: boolean;
  /** Supporting numbers (throughput, percentiles, counts), kept in the JSON and shown after the table. */
  /** Supporting figures; a list of strings is printed one per line (e.g. P7's slowest routes). */
  details?: Record<string, number | string[]>;
  /** Filled in by the runner. */
  backend?: 'embedded' | 'postgres';
}

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
  details?: Record<string, number>;
  /** Filled in by the runner. */
  backend?: 'embedded' | 'postgres';
}

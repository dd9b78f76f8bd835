/** One line of the benchmark table. Ratios compare to a baseline measured in the same run. */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  ratio?: number;
  target?: string;
  met?: boolean;
}

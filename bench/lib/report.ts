import type { Figure } from '../figure.ts';

const number = (n: number) => n.toLocaleString('en', { maximumFractionDigits: n < 10 ? 2 : 0 });

/** The table `npm run bench` prints: one line per figure, then details and failures. */
export function printTable(figures: readonly Figure[], failures: readonly string[]): void {
  console.log(
    `\n${'id'.padEnd(12)} ${'db'.padEnd(9)} ${'figure'.padEnd(52)} ${'value'.padEnd(20)} ${'ratio'.padStart(6)}   target`,
  );
  for (const f of figures) {
    const ratio = f.ratio === undefined ? '' : f.ratio.toFixed(2);
    const verdict = f.met === undefined ? '' : f.met ? 'met' : 'MISSED';
    console.log(
      `${f.id.padEnd(12)} ${(f.backend ?? '').padEnd(9)} ${f.label.padEnd(52)} ${`${number(f.value)} ${f.unit}`.padEnd(20)} ${ratio.padStart(6)}   ${f.target ?? ''} ${verdict}`,
    );
  }
  const detailed = figures.filter((f) => f.details);
  if (detailed.length > 0) console.log('');
  for (const f of detailed) {
    const entries = Object.entries(f.details ?? {});
    const parts = entries.flatMap(([key, value]) => (typeof value === 'number' ? [`${key} ${number(value)}`] : []));
    console.log(`${f.id} (${f.backend}): ${parts.join(', ')}`);
    for (const [key, value] of entries) if (typeof value !== 'number') console.log(`  ${key}: ${value.join('; ')}`);
  }
  if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
}

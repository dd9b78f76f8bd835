import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditVerifyFigure } from './audit-verify.bench.ts';
import type { Figure } from './figure.ts';
import { pingCreateFigures } from './ping-create.bench.ts';

// `npm run bench [-- --entries N]`: loopback and in-process only, bounded by N.
const args = process.argv.slice(2);
const entriesArg = args.indexOf('--entries');
const entries = entriesArg >= 0 ? Number(args[entriesArg + 1]) : 100_000;
if (!Number.isInteger(entries) || entries < 1000 || entries > 2_000_000) {
  console.error('--entries must be a whole number from 1,000 to 2,000,000');
  process.exit(2);
}

const figures: Figure[] = [...(await auditVerifyFigure(entries)), ...(await pingCreateFigures(20_000))];

const format = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });
console.log('\nid           figure                                         value              ratio   target');
for (const f of figures) {
  const ratio = f.ratio === undefined ? '' : f.ratio.toFixed(2);
  const verdict = f.met === undefined ? '' : f.met ? 'met' : 'MISSED';
  console.log(
    `${f.id.padEnd(12)} ${f.label.padEnd(46)} ${`${format(f.value)} ${f.unit}`.padEnd(18)} ${ratio.padStart(5)}   ${f.target ?? ''} ${verdict}`,
  );
}

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
};
fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine, entries, figures }, null, 2)}\n`);
console.log(`\nWrote ${path.relative(process.cwd(), file)}`);

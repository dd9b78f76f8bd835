import { CLI_ACTOR } from '../server/auth/actor.ts';
import { prepareDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { verifyAuditChain } from '../server/modules/audit/audit.service.ts';
import { UsageError, type Command } from './command.ts';

const PROBLEMS = {
  edited: 'was edited (its content no longer matches its hash)',
  deleted_or_reordered:
    'breaks the chain: it or the entry before it was deleted, moved, or edited with its hash recomputed',
  tail_truncated: 'and those after it were deleted (the chain head names later entries)',
  head_mismatch: 'does not match the recorded chain head (appended or rewritten outside pocdir)',
} as const;

export const auditCommand: Command = {
  name: 'audit',
  summary:
    'verify: recompute the audit hash chain and report the first edited, deleted or reordered entry.\nExit code 0 when intact, 1 when tampered with.',
  usage: 'pocdir audit verify [--json]',
  options: { json: { type: 'boolean', description: 'Print the result as JSON' } } as Command['options'],
  async run(args, io) {
    if (args.positionals[0] !== 'verify') throw new UsageError('expected: pocdir audit verify');
    const database = await prepareDatabase(loadConfig(), 'pocdir audit verify');
    try {
      let lastShown = 0;
      const result = await verifyAuditChain(database.db, CLI_ACTOR, (checked, total) => {
        if (io.isTty && !args.values.json && (checked - lastShown >= 50_000 || checked === total)) {
          lastShown = checked;
          process.stderr.write(`\rchecked ${checked.toLocaleString('en')} of ${total.toLocaleString('en')} entries`);
        }
      });
      if (io.isTty && !args.values.json) process.stderr.write('\n');
      if (args.values.json) io.out(JSON.stringify(result));
      else if (result.ok) io.out(`Audit trail intact: ${result.checked} entries verified.`);
      else
        io.err(
          `Audit trail TAMPERED: entry ${result.firstBadPosition} ${PROBLEMS[result.problem ?? 'edited']}. ${result.checked} entries before it verify.`,
        );
      return result.ok ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};

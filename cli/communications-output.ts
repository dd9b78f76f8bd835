// Terminal rendering of communications for `pocdir communications` (list and thread).
import { TEMPLATE_FIELDS, TEMPLATES, type TemplateValues } from '../common/communication-templates.ts';
import { tlpRank, type TlpLabel } from '../common/communications.ts';
import type { Communication, Thread } from '../common/schemas/communications.ts';
import type { AccountActor } from '../server/auth/actor.ts';
import { translate } from '../server/i18n.ts';
import type { Io } from './command.ts';
export function ownStatus(message: Communication, actor: AccountActor): string {
  return message.recipients.find((r) => r.stateM49 === actor.stateM49)?.status ?? '-';
}

/** UTC, to the minute: "2026-03-01 14:05 UTC". */
function utc(iso: string | null): string {
  return iso === null ? '-' : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Text from another State reaches a terminal: control characters (escape sequences could
 * rewrite the screen, hide lines or fake a TLP label) are shown as U+FFFD. Newlines and tabs stay.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

export function printList(items: Communication[], actor: AccountActor, io: Io): void {
  if (items.length === 0) {
    io.out('No communications.');
    return;
  }
  const rows = items.map((m) => {
    const own = m.recipients.find((r) => r.stateM49 === actor.stateM49);
    const status = own
      ? `${own.status}${own.overdue ? ' (overdue)' : ''}`
      : `to ${m.recipients.map((r) => `${r.stateM49}: ${r.status}`).join(', ')}`;
    return [m.reference, m.tlp, m.type, m.senderStateM49, status, utc(m.sentAt)];
  });
  const header = ['REFERENCE', 'TLP', 'TYPE', 'FROM', `STATUS (${actor.stateM49 ?? '-'})`, 'SENT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  for (const row of [header, ...rows]) {
    io.out(
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
  }
}

function strictest(labels: readonly TlpLabel[]): TlpLabel {
  return [...labels].sort((a, b) => tlpRank(a) - tlpRank(b))[0] ?? 'TLP:RED';
}

function indent(text: string, prefix: string): string[] {
  return printable(text)
    .split(/\r?\n/)
    .map((line) => `${prefix}${line}`.trimEnd());
}

function contentLines(message: Communication): string[] {
  const lines: string[] = [];
  const template = TEMPLATES[message.type];
  const content = message.content as TemplateValues;
  const names = [
    ...template.fields,
    ...Object.keys(content).filter((n) => !(template.fields as string[]).includes(n)),
  ] as (keyof typeof TEMPLATE_FIELDS)[];
  for (const name of names) {
    const value = content[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const field = TEMPLATE_FIELDS[name] as { kind: string } | undefined;
    const label = translate('en', `template.field.${name}`);
    const shown = (item: string) =>
      field?.kind === 'enum' || field?.kind === 'enumList' ? translate('en', `template.value.${name}.${item}`) : item;
    if (Array.isArray(value)) {
      lines.push(`  ${label}:`);
      for (const item of value) lines.push(...indent(shown(item), '    - '));
    } else if (field?.kind === 'longtext' || value.includes('\n')) {
      lines.push(`  ${label}:`, ...indent(value, '    '));
    } else {
      lines.push(...indent(`${label}: ${shown(value)}`, '  '));
    }
  }
  return lines;
}

function nextSteps(message: Communication): string | undefined {
  const a = message.abilities;
  const steps = [
    a.acknowledge ? 'ack' : undefined,
    a.start ? 'status --action start' : undefined,
    a.decline ? 'status --action decline' : undefined,
    a.notApplicable ? 'status --action not_applicable' : undefined,
    a.answer ? 'answer' : undefined,
  ].filter((s) => s !== undefined);
  return steps.length > 0 ? `  You may: ${steps.join(', ')}` : undefined;
}

export function printThread(thread: Thread, actor: AccountActor, io: Io): void {
  const label = strictest(thread.messages.map((m) => m.tlp));
  const root = thread.messages.find((m) => m.id === thread.threadId) ?? thread.messages[0];
  const lines: string[] = [label];
  const state = thread.closedAt
    ? `closed ${utc(thread.closedAt)}${thread.outcome ? ` (${thread.outcome})` : ''}`
    : 'open';
  lines.push(
    `Thread ${root?.reference ?? thread.threadId}, ${state}; read as ${actor.email} (State ${actor.stateM49 ?? '-'})`,
  );
  for (const m of thread.messages) {
    lines.push('', `${m.reference}  ${m.tlp}  ${m.type}  urgency ${m.urgency}`);
    lines.push(`  Id: ${m.id}${m.parentId ? `  in reply to ${m.parentId}` : ''}`);
    lines.push(...indent(`From: State ${m.senderStateM49} (${m.senderLabel}), sent ${utc(m.sentAt)}`, '  '));
    lines.push(`  Language of the text: ${printable(m.language)}`);
    if (m.ownReference) lines.push(...indent(`Sender's reference: ${m.ownReference}`, '  '));
    if (m.requestedResponseHours !== null) lines.push(`  Response requested within ${m.requestedResponseHours} h`);
    for (const r of m.recipients) {
      const when = [
        r.acknowledgedAt ? `acknowledged ${utc(r.acknowledgedAt)}` : `acknowledge by ${utc(r.acknowledgeDueAt)}`,
        r.answeredAt ? `answered ${utc(r.answeredAt)}` : r.responseDueAt ? `respond by ${utc(r.responseDueAt)}` : '',
      ].filter(Boolean);
      lines.push(`  To State ${r.stateM49}: ${r.status}${r.overdue ? ' (overdue)' : ''}; ${when.join('; ')}`);
      if (r.statusReason) lines.push(...indent(`Reason: ${r.statusReason}`, '    '));
    }
    lines.push(...contentLines(m));
    lines.push(`  Content SHA-256: ${m.contentSha256}`);
    const steps = nextSteps(m);
    if (steps) lines.push(steps);
  }
  lines.push('', label);
  io.out(lines.join('\n'));
}

// Terminal rendering for `pocdir ping-test`: the progress bar, the campaign list and detail, the text report.
import type { Locale } from '../common/locales.ts';
import { PING_RESULTS } from '../common/ping-tests.ts';
import type { PingProgress, PingResults, PingTest } from '../common/schemas/ping-tests.ts';
import { formatUtc, translate } from '../server/i18n.ts';
import { formatDuration } from '../common/ping-tests.ts';
import { printable } from './communications-output.ts';
import type { Io } from './command.ts';

const BAR_WIDTH = 20;

/** 9000 → "9,000": operator text is English. */
export const count = (value: number) => value.toLocaleString('en');

/** "1 mail", "9,000 mails": operator text is English, whose plural is the one extra "s". */
export const plural = (value: number, noun: string) => `${count(value)} ${noun}${value === 1 ? '' : 's'}`;

/** A rate as the PDF report writes it: "40 %", "33.3 %", "—" when nothing to count. */
export const rate = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`);

const utc = (iso: string | null) => (iso === null ? '—' : formatUtc(iso));

/** Rounded down, so 100 % means every mail is settled (sent or bounced), never 99.6 % shown as 100. */
export function progressPercent(progress: PingProgress): number {
  const [settled, total] =
    progress.mailsTotal > 0
      ? [progress.mailsSent + progress.mailsFailed, progress.mailsTotal]
      : [progress.notified, progress.targets];
  return total === 0 ? 100 : Math.floor((settled * 100) / total);
}

/** "9,000/20,000 mails sent, 3 bounced", or the checks written when the campaign sends no mail. */
export function progressSummary(progress: PingProgress): string {
  if (progress.mailsTotal === 0)
    return `${count(progress.notified)}/${count(progress.targets)} checks written (in-app)`;
  return `${count(progress.mailsSent)}/${count(progress.mailsTotal)} mails sent, ${count(progress.mailsFailed)} bounced`;
}

/** `[#########-----------]  45%  9,000/20,000 mails sent, 3 bounced` */
export function progressLine(progress: PingProgress): string {
  const percent = progressPercent(progress);
  const filled = Math.floor((percent * BAR_WIDTH) / 100);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  return `${bar} ${String(percent).padStart(3)}%  ${progressSummary(progress)}`;
}

export interface ProgressMeter {
  update(progress: PingProgress): void;
  /** Ends the redrawn line on a terminal, so what follows starts on a line of its own. */
  end(): void;
}

/**
 * Progress on standard error. On a terminal, one line redrawn in place; otherwise (a log, a pipe,
 * a test) a plain line each time another 10 % is reached, so logs stay short and readable.
 */
export function progressMeter(io: Io, label: string): ProgressMeter {
  let lastLine = '';
  let lastTenth = -1;
  let open = false;
  return {
    update(progress) {
      const line = `${label}  ${progressLine(progress)}`;
      if (io.isTty) {
        if (line === lastLine) return;
        lastLine = line;
        open = true;
        io.errInline(`\r${line}\u001b[K`);
        return;
      }
      const tenth = Math.floor(progressPercent(progress) / 10);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      io.err(line);
    },
    end() {
      if (open) io.errInline('\n');
      open = false;
    },
  };
}

/** Rows as aligned columns; `right` marks the columns aligned to the right (numbers). */
export function columns(rows: string[][], right: readonly number[] = []): string[] {
  const width = (text: string) => [...text].length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(cell));
        if (right.includes(i)) return pad + cell;
        return i === row.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

function listProgress(campaign: PingTest): string {
  const percent = progressPercent(campaign.progress);
  return campaign.progress.done ? 'done' : `${percent}% (${progressSummary(campaign.progress)})`;
}

export function printCampaignList(items: PingTest[], io: Io): void {
  if (items.length === 0) {
    io.out('No ping tests.');
    return;
  }
  const header = ['REFERENCE', 'TITLE', '', 'STARTED', 'STATUS', 'PROGRESS', 'ACK IN TIME', 'STATES REACHED'];
  const rows = items.map((c) => {
    const title = printable(c.title ?? '-');
    return [
      c.reference,
      title.length > 40 ? `${title.slice(0, 39)}…` : title,
      c.exercise ? translate('en', 'ping.exercise') : '',
      utc(c.startsAt),
      c.status,
      listProgress(c),
      rate(c.figures.acknowledgedRate),
      `${c.figures.statesReached}/${c.figures.states}`,
    ];
  });
  for (const line of columns([header, ...rows], [6])) io.out(line);
}

function targetsOf(campaign: PingTest): string {
  const t = campaign.targets;
  const who = t.allParticipating
    ? 'all participating States'
    : t.states.length > 0
      ? `States ${t.states.join(', ')}`
      : 'every participating State';
  const groups = t.groups.length > 0 ? ` in ${t.groups.map((g) => translate('en', `group.${g}`)).join(', ')}` : '';
  const kinds = t.kinds.length > 0 ? t.kinds.join(', ') : 'all kinds';
  return `${who}${groups}; ${kinds}; channels ${campaign.channels.join(', ')}`;
}

/** One campaign's progress and figures (status ID). Labels of figures come from the catalogue, in English. */
export function printCampaign(campaign: PingTest, io: Io): void {
  const en = (key: string) => translate('en', key);
  const f = campaign.figures;
  const deadline =
    campaign.deadlineMode === 'absolute'
      ? utc(campaign.deadlineAt)
      : `${campaign.businessHours ?? 0} business hours in each contact's time zone (last: ${utc(campaign.latestDueAt)})`;
  const reminders =
    campaign.reminderHours.length > 0 ? `${campaign.reminderHours.join(' h, ')} h before the deadline` : 'none';
  const recurs =
    campaign.recurrenceMonths === null
      ? 'once'
      : `every ${campaign.recurrenceMonths} months (run ${campaign.sequence}; next ${utc(campaign.nextRunAt)})`;
  const byResult = PING_RESULTS.map((r) => `${en(`ping.result.${r}`)} ${count(f.byResult[r] ?? 0)}`).join(', ');
  const lines = [
    [campaign.reference, printable(campaign.title ?? ''), campaign.exercise ? en('ping.exercise') : '']
      .filter(Boolean)
      .join('  '),
    `  Id: ${campaign.id}`,
    `  Status: ${campaign.status}; started ${utc(campaign.startsAt)} by ${printable(campaign.createdBy)}`,
    `  Targets: ${targetsOf(campaign)}`,
    `  Deadline: ${deadline}`,
    `  Reminders: ${reminders}; recurs: ${recurs}`,
    `  Progress: ${progressLine(campaign.progress)}`,
    `  Contacts: ${count(f.contacts)} (${byResult})`,
    `  ${en('ping.report.statesReached')}: ${f.statesReached}/${f.states}`,
    `  ${en('ping.report.acknowledgedRate')}: ${rate(f.acknowledgedRate)}; ${en('ping.report.respondedRate')}: ${rate(f.respondedRate)}`,
    `  Time to acknowledge: median ${formatDuration(f.medianSeconds)}, 90th percentile ${formatDuration(f.p90Seconds)}`,
  ];
  io.out(lines.join('\n'));
}

/** The report as text tables, every label in `locale` (the same catalogue keys as the PDF). */
export function printTextReport(
  results: PingResults,
  stateNames: ReadonlyMap<string, string>,
  locale: Locale,
  io: Io,
  now = new Date(),
): void {
  const t = (key: string, values?: Record<string, string | number>) => translate(locale, key, values);
  const { campaign } = results;
  const f = campaign.figures;
  const lines = [`${t('ping.report.title')} ${campaign.reference}`];
  if (campaign.title !== null) lines.push(printable(campaign.title));
  if (campaign.exercise) lines.push(t('ping.exercise'));
  lines.push(
    '',
    ...columns([
      [t('ping.report.contacts'), count(f.contacts)],
      [t('ping.report.statesReached'), `${f.statesReached} / ${f.states}`],
      [t('ping.report.acknowledgedRate'), rate(f.acknowledgedRate)],
      [t('ping.report.respondedRate'), rate(f.respondedRate)],
      [t('ping.report.median'), formatDuration(f.medianSeconds)],
      [t('ping.report.p90'), formatDuration(f.p90Seconds)],
      [t('ping.report.started'), utc(campaign.startsAt)],
      [t('ping.report.deadline'), utc(campaign.latestDueAt)],
    ]),
  );
  lines.push('', t('ping.report.byGroup'));
  const groupHeader = ['group', 'statesReached', 'acknowledgedRate', 'median', 'p90'].map((k) => t(`ping.report.${k}`));
  const groupRows = results.groups.map((g) => [
    t(`group.${g.group}`),
    `${g.statesReached} / ${g.states}`,
    rate(g.acknowledgedRate),
    formatDuration(g.medianSeconds),
    formatDuration(g.p90Seconds),
  ]);
  lines.push(...columns([groupHeader, ...groupRows], [1, 2, 3, 4]));
  lines.push('', t('ping.report.byState'));
  const stateHeader = [
    t('ping.report.state'),
    t('ping.report.stateResult'),
    ...PING_RESULTS.map((r) => t(`ping.result.${r}`)),
  ];
  const collator = new Intl.Collator(locale);
  const byName = [...results.states].sort((a, b) =>
    collator.compare(stateNames.get(a.stateM49) ?? a.stateM49, stateNames.get(b.stateM49) ?? b.stateM49),
  );
  const stateRows = byName.map((s) => [
    stateNames.get(s.stateM49) ?? s.stateM49,
    t(`ping.stateResult.${s.result}`),
    ...PING_RESULTS.map((r) => String(s.byResult[r] ?? 0)),
  ]);
  lines.push(...columns([stateHeader, ...stateRows], [2, 3, 4, 5, 6, 7]));
  lines.push('', t('ping.report.generated', { date: formatUtc(now) }));
  io.out(lines.join('\n'));
}

import { formatDuration } from '../../../common/ping-tests.ts';
import { directionOf, type Locale } from '../../../common/locales.ts';
import type { PingResults } from '../../../common/schemas/ping-tests.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { formatUtc, translate } from '../../i18n.ts';
import { findStates } from '../states/states.repository.ts';
import {
  escapeHtml,
  pageBar,
  pageNumberLabel,
  PDF_FONTS,
  type PdfDocument,
  type PdfRenderer,
} from '../communications/thread-pdf.ts';
import { toCsv } from '../directory/directory-csv.ts';
import { getPingResults, listPingContacts, type PingTestDeps } from './ping-tests.service.ts';

const PAGE_SIZE = 500;

/** Every contact of the campaign visible to the caller, page by page. */
async function allContacts(deps: PingTestDeps, actor: Actor, id: string) {
  const items = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await listPingContacts(deps, actor, id, { limit: PAGE_SIZE, offset });
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

async function stateNames(deps: PingTestDeps, m49s: string[], locale: Locale): Promise<Map<string, string>> {
  const rows = await findStates(deps.db, [...new Set(m49s)]);
  return new Map(rows.map((row) => [row.m49, row.names[locale]]));
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`);

/** One row per contact; column names in the chosen language, values machine-readable (codes, ISO times). */
async function csvReport(deps: PingTestDeps, actor: Actor, results: PingResults, locale: Locale): Promise<string> {
  const contacts = await allContacts(deps, actor, results.campaign.id);
  const names = await stateNames(
    deps,
    contacts.map((c) => c.stateM49),
    locale,
  );
  const t = (key: string) => translate(locale, key);
  const header = [
    'reference',
    'exercise',
    'state_m49',
    'state',
    'kind',
    'slot_role',
    'name',
    'email',
    'time_zone',
    'due_at',
    'notified_at',
    'acknowledged_at',
    'acknowledged_via',
    'seconds_to_acknowledge',
    'result',
    'result_label',
    'bounce',
    'key_problem',
  ];
  const rows = contacts.map((c) => [
    results.campaign.reference,
    results.campaign.exercise ? 'yes' : 'no',
    c.stateM49,
    names.get(c.stateM49) ?? c.stateM49,
    c.kind,
    c.slotRole,
    c.name,
    c.email,
    c.timeZone,
    c.dueAt,
    c.notifiedAt ?? '',
    c.acknowledgedAt ?? '',
    c.acknowledgedVia ?? '',
    c.secondsToAcknowledge === null ? '' : String(Math.round(c.secondsToAcknowledge)),
    c.result,
    t(`ping.result.${c.result}`),
    c.bounce ?? '',
    c.keyProblem ?? '',
  ]);
  return toCsv([header, ...rows]);
}

const STYLE = `
@page { size: A4; }
html { font-family: ${PDF_FONTS}; font-size: 10pt; line-height: 1.4; color: #111; }
body { margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 14pt 0 6pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; vertical-align: top; padding: 2pt 6pt 2pt 0; border-block-end: 0.5pt solid #ccc; }
th { font-weight: 600; }
.num { text-align: end; font-variant-numeric: tabular-nums; }
.exercise { display: inline-block; border: 1.5pt solid #a00; color: #a00; font-weight: 700; padding: 1pt 6pt; }
.barcell { width: 70pt; }
.bar { height: 8pt; background: #1d5fa8; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.muted { color: #444; font-size: 9pt; }
`;

export function reportDocument(
  results: PingResults,
  names: Map<string, string>,
  locale: Locale,
  now: Date,
): PdfDocument {
  const { campaign } = results;
  const t = (key: string, values?: Record<string, string | number>) => escapeHtml(translate(locale, key, values));
  const dir = directionOf(locale);
  const ltr = (text: string) => `<span dir="ltr">${escapeHtml(text)}</span>`;
  const f = campaign.figures;
  const exercise = campaign.exercise ? `<p><span class="exercise">${t('ping.exercise')}</span></p>` : '';
  const summary = [
    [t('ping.report.contacts'), String(f.contacts)],
    [t('ping.report.statesReached'), `${f.statesReached} / ${f.states}`],
    [t('ping.report.acknowledgedRate'), ltr(percent(f.acknowledgedRate))],
    [t('ping.report.respondedRate'), ltr(percent(f.respondedRate))],
    [t('ping.report.median'), ltr(formatDuration(f.medianSeconds))],
    [t('ping.report.p90'), ltr(formatDuration(f.p90Seconds))],
    [t('ping.report.started'), ltr(formatUtc(campaign.startsAt))],
    [t('ping.report.deadline'), campaign.latestDueAt === null ? '—' : ltr(formatUtc(campaign.latestDueAt))],
  ];
  const resultCells = (byResult: Record<string, number>) =>
    ['acknowledged', 'late', 'no_response', 'bounced', 'key_problem', 'pending']
      .map((r) => `<td class="num">${byResult[r] ?? 0}</td>`)
      .join('');
  const resultHeads = ['acknowledged', 'late', 'no_response', 'bounced', 'key_problem', 'pending']
    .map((r) => `<th class="num">${t(`ping.result.${r}`)}</th>`)
    .join('');
  const groups = results.groups
    .map(
      (g) =>
        `<tr><td>${t(`group.${g.group}`)}</td><td class="num">${g.statesReached} / ${g.states}</td>` +
        `<td class="num">${ltr(percent(g.acknowledgedRate))}</td><td class="barcell"><div class="bar" style="width:${Math.round((g.acknowledgedRate ?? 0) * 100)}%"></div></td>` +
        `<td class="num">${ltr(formatDuration(g.medianSeconds))}</td><td class="num">${ltr(formatDuration(g.p90Seconds))}</td></tr>`,
    )
    .join('');
  const nameOf = (m49: string) => names.get(m49) ?? m49;
  const states = [...results.states]
    .sort((a, b) => nameOf(a.stateM49).localeCompare(nameOf(b.stateM49), locale))
    .map(
      (s) =>
        `<tr><td>${escapeHtml(names.get(s.stateM49) ?? s.stateM49)}</td><td>${t(`ping.stateResult.${s.result}`)}</td>` +
        `${resultCells(s.byResult)}</tr>`,
    )
    .join('');
  const title = `${campaign.exercise ? `${translate(locale, 'ping.exercise')} ` : ''}${campaign.reference}`;
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${t('ping.report.title')} ${ltr(campaign.reference)}</h1>
${campaign.title === null ? '' : `<p>${escapeHtml(campaign.title)}</p>`}
${exercise}
<table>${summary.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
<h2>${t('ping.report.byGroup')}</h2>
<table><thead><tr><th>${t('ping.report.group')}</th><th class="num">${t('ping.report.statesReached')}</th><th class="num">${t('ping.report.acknowledgedRate')}</th><th></th><th class="num">${t('ping.report.median')}</th><th class="num">${t('ping.report.p90')}</th></tr></thead><tbody>${groups}</tbody></table>
<h2>${t('ping.report.byState')}</h2>
<table><thead><tr><th>${t('ping.report.state')}</th><th>${t('ping.report.stateResult')}</th>${resultHeads}</tr></thead><tbody>${states}</tbody></table>
<p class="muted">${t('ping.report.generated', { date: '\u0000' }).replace('\u0000', ltr(formatUtc(now)))}</p>
</body>
</html>`;
  const bar = (content: string) => pageBar(locale, content);
  return {
    html,
    headerTemplate: bar(`<span>${escapeHtml(title)}</span>`),
    footerTemplate: bar(`<span>${escapeHtml(title)}</span><span>${pageNumberLabel(locale)}</span>`),
  };
}

async function renderPdf(renderer: PdfRenderer, document: PdfDocument): Promise<Buffer> {
  try {
    return await renderer.render(document);
  } catch (error) {
    throw new AppError('PDF_UNAVAILABLE', { internal: error instanceof Error ? error.message : String(error) });
  }
}

/** The results of one campaign as a file: CSV per contact, or the PDF report in `locale`. */
export async function pingReportFile(
  deps: PingTestDeps,
  actor: Actor,
  id: string,
  format: 'csv' | 'pdf',
  locale: Locale,
  renderer: PdfRenderer,
  now = new Date(),
): Promise<{ fileName: string; contentType: string; body: string | Buffer }> {
  const results = await getPingResults(deps, actor, id, now);
  const base = `${results.campaign.reference}${results.campaign.exercise ? '-EXERCISE' : ''}`;
  if (format === 'csv') {
    return {
      fileName: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: await csvReport(deps, actor, results, locale),
    };
  }
  const names = await stateNames(
    deps,
    results.states.map((s) => s.stateM49),
    locale,
  );
  return {
    fileName: `${base}-${locale}.pdf`,
    contentType: 'application/pdf',
    body: await renderPdf(renderer, reportDocument(results, names, locale, now)),
  };
}

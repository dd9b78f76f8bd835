import type { Browser, BrowserContext } from 'playwright-core';
import { TEMPLATE_FIELDS, TEMPLATES, type TemplateField } from '../../../common/communication-templates.ts';
import type { TlpLabel } from '../../../common/communications.ts';
import { directionOf, type Locale } from '../../../common/locales.ts';
import type { Communication, Thread } from '../../../common/schemas/communications.ts';
import { formatUtc, languageNameIn, translate } from '../../i18n.ts';

/**
 * A communication thread as a PDF: HTML built here with every value escaped (the content comes
 * from another State: never trusted), printed by Debian's Chromium through playwright-core.
 * Chromium is launched once, lazily, and reused; each render gets a fresh context without
 * JavaScript or network and is bounded by a timeout.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const RENDER_TIMEOUT_MS = 20_000;
const LAUNCH_TIMEOUT_MS = 30_000;
const MAX_CONCURRENT_RENDERS = 2;

/** FIRST TLP 2.0 colours, each on black. */
const TLP_COLOURS: Record<TlpLabel, string> = {
  'TLP:RED': '#FF2B2B',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:AMBER': '#FFC000',
  'TLP:GREEN': '#33FF00',
  'TLP:CLEAR': '#FFFFFF',
};

export const PDF_FONTS = `'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', sans-serif`;

/** Between enumerated values: the Arabic comma, the Chinese enumeration comma, else a comma. */
const LIST_SEPARATOR: Record<Locale, string> = { ar: '، ', zh: '、', en: ', ', fr: ', ', ru: ', ', es: ', ' };

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function utc(iso: string | null): string {
  return iso === null ? '—' : formatUtc(iso);
}

/** The TLP label exactly as written, in its colours; never translated. */
function tlpBadge(tlp: TlpLabel, fontSize: string): string {
  const style = [
    `color:${TLP_COLOURS[tlp]}`,
    'background:#000',
    'padding:1pt 5pt',
    'font-weight:700',
    `font-size:${fontSize}`,
    'letter-spacing:0.5pt',
    '-webkit-print-color-adjust:exact',
    'print-color-adjust:exact',
  ].join(';');
  return `<span class="tlp" dir="ltr" lang="en" style="${style}">${escapeHtml(tlp)}</span>`;
}

export interface ThreadPdfInput {
  thread: Thread;
  /** The strictest label of the exported messages: the label of the whole document. */
  tlp: TlpLabel;
  locale: Locale;
  /** State names in `locale`, by M49 code. */
  stateNames: ReadonlyMap<string, string>;
  exportedAt: Date;
}

export interface PdfDocument {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
}

/** Labels and enumerated values in the reader's language; free text exactly as written. */
function fieldValueHtml(field: TemplateField, value: string | string[], message: Communication, locale: Locale) {
  const label = (v: string) => escapeHtml(translate(locale, `template.value.${field.name}.${v}`));
  const freeText = (text: string, tag = 'div') =>
    `<${tag} class="free" lang="${escapeHtml(message.language)}" dir="auto">${escapeHtml(text)}</${tag}>`;
  const items = Array.isArray(value) ? value : [value];
  switch (field.kind) {
    case 'enum':
      return `<div>${label(String(value))}</div>`;
    case 'enumList':
      return `<div>${items.map(label).join(LIST_SEPARATOR[locale])}</div>`;
    case 'stringList':
      return `<ul>${items.map((item) => freeText(item, 'li')).join('')}</ul>`;
    case 'datetime':
      return `<div><span dir="ltr">${escapeHtml(utc(String(value)))}</span></div>`;
    case 'text':
    case 'longtext':
      return freeText(String(value));
  }
}

function messageHtml(message: Communication, input: ThreadPdfInput): string {
  const { locale, stateNames } = input;
  const t = (key: string, values?: Record<string, string | number>) => escapeHtml(translate(locale, key, values));
  const state = (m49: string) => escapeHtml(stateNames.get(m49) ?? m49);
  const template = TEMPLATES[message.type];
  const meta = [
    [t('communication.pdf.reference'), `<span dir="ltr">${escapeHtml(message.reference)}</span>`],
    [t('communication.pdf.sender'), state(message.senderStateM49)],
    [t('communication.pdf.sentAt'), `<span dir="ltr">${escapeHtml(utc(message.sentAt))}</span>`],
    [t('communication.pdf.urgency'), t(`communication.urgency.${message.urgency}`)],
    [t('communication.pdf.templateVersion'), escapeHtml(String(message.templateVersion))],
    [t('communication.pdf.contentSha256'), `<span dir="ltr" class="hash">${escapeHtml(message.contentSha256)}</span>`],
  ];
  const fields = template.fields.flatMap((name) => {
    const value = message.content[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
    const field: TemplateField = TEMPLATE_FIELDS[name];
    return [`<dt>${t(`template.field.${name}`)}</dt><dd>${fieldValueHtml(field, value, message, locale)}</dd>`];
  });
  const date = (iso: string | null) => `<td><span dir="ltr">${escapeHtml(utc(iso))}</span></td>`;
  const recipients = message.recipients.map(
    (r) =>
      `<tr><td>${state(r.stateM49)}</td><td>${t(`communication.recipientStatus.${r.status}`)}</td>` +
      `${date(r.acknowledgeDueAt)}${date(r.acknowledgedAt)}${date(r.answeredAt)}</tr>`,
  );
  return `<section class="message">
<h2>${tlpBadge(message.tlp, '10pt')} ${t(`communication.type.${message.type}`)}</h2>
<table class="meta">${meta.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
<dl>${fields.join('')}</dl>
<p class="authoritative">${t('communication.freeTextLanguage', { language: languageNameIn(message.language, locale) })}</p>
${
  recipients.length > 0
    ? `<h3>${t('communication.pdf.recipients')}</h3><table class="recipients"><thead><tr><th>${t('communication.pdf.state')}</th><th>${t('communication.pdf.status')}</th><th>${t('communication.pdf.acknowledgeDueAt')}</th><th>${t('communication.pdf.acknowledgedAt')}</th><th>${t('communication.pdf.answeredAt')}</th></tr></thead><tbody>${recipients.join('')}</tbody></table>`
    : ''
}
</section>`;
}

const STYLE = `
@page { size: A4; }
html { font-family: ${PDF_FONTS}; font-size: 10.5pt; line-height: 1.45; color: #111; }
body { margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 6pt; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 4pt; break-after: avoid; }
.message { border-block-start: 1pt solid #999; padding-block-start: 6pt; }
table { border-collapse: collapse; }
th, td { text-align: start; vertical-align: top; padding: 2pt 6pt 2pt 0; }
.meta th { font-weight: 600; padding-inline-end: 12pt; }
.recipients th, .recipients td { border-block-end: 0.5pt solid #ccc; padding-inline-end: 8pt; font-size: 9.5pt; }
dl { margin: 8pt 0; }
dt { font-weight: 600; margin-block-start: 6pt; break-after: avoid; }
dd { margin: 0; }
ul { margin: 0; padding-inline-start: 16pt; }
.free { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.authoritative, .notice, .exported { font-size: 9pt; color: #444; }
.hash { font-size: 8.5pt; overflow-wrap: anywhere; }
.tlp { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
`;

/** The HTML of the document and of the header and footer Chromium repeats on every page. */
export function threadPdfDocument(input: ThreadPdfInput): PdfDocument {
  const { thread, tlp, locale } = input;
  const t = (key: string, values?: Record<string, string | number>) => escapeHtml(translate(locale, key, values));
  const dir = directionOf(locale);
  const first = thread.messages.find((m) => m.id === thread.threadId) ?? thread.messages[0];
  const reference = first?.reference ?? thread.threadId;
  const status =
    thread.closedAt === null
      ? t('communication.pdf.open')
      : t('communication.pdf.closed', {
          date: utc(thread.closedAt),
          outcome: thread.outcome ? translate(locale, `communication.outcome.${thread.outcome}`) : '—',
        });
  const title = `${tlp} ${reference}`;
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${t('communication.pdf.title')} <span dir="ltr">${escapeHtml(reference)}</span></h1>
<table class="meta"><tr><th>${t('communication.pdf.status')}</th><td>${status}</td></tr></table>
<p class="exported">${t('communication.pdf.exportedAt', { date: utc(input.exportedAt.toISOString()) })}</p>
<p class="notice">${t('communication.pdf.tlpNotice')}</p>
${thread.messages.map((m) => messageHtml(m, input)).join('\n')}
</body>
</html>`;

  const bar = (content: string) => pageBar(locale, content);
  const pageLabel = pageNumberLabel(locale);
  const badge = tlpBadge(tlp, '9pt');
  return {
    html,
    headerTemplate: bar(`${badge}<span dir="ltr">${escapeHtml(reference)}</span>`),
    footerTemplate: bar(`${badge}<span>${pageLabel}</span>`),
  };
}

/**
 * A header or footer line. Chromium renders these as separate documents: they need their own
 * direction, font and size (the default size is 0), and inline styles (no stylesheet reaches them).
 */
export function pageBar(locale: Locale, content: string): string {
  return (
    `<div dir="${directionOf(locale)}" lang="${locale}" style="font-family:${PDF_FONTS};font-size:9pt;width:100%;box-sizing:border-box;padding:0 18mm;` +
    `display:flex;justify-content:space-between;align-items:center;-webkit-print-color-adjust:exact">${content}</div>`
  );
}

/** "Page 2 of 5" in the reader's language, with Chromium's page number placeholders. */
export function pageNumberLabel(locale: Locale): string {
  const PAGE = '\u0000PAGE\u0000';
  const PAGES = '\u0000PAGES\u0000';
  return escapeHtml(translate(locale, 'communication.pdf.page', { page: PAGE, pages: PAGES }))
    .replace(PAGE, '<span class="pageNumber"></span>')
    .replace(PAGES, '<span class="totalPages"></span>');
}

export interface PdfRenderer {
  render(document: PdfDocument): Promise<Buffer>;
  close(): Promise<void>;
}

/** One Chromium per renderer, launched at the first render; close() on app close. */
export function createPdfRenderer(options: { timeoutMs?: number } = {}): PdfRenderer {
  const timeoutMs = options.timeoutMs ?? RENDER_TIMEOUT_MS;
  let browser: Promise<Browser> | null = null;
  let closed = false;
  let running = 0;
  const waiting: (() => void)[] = [];

  function launch(): Promise<Browser> {
    if (closed) return Promise.reject(new Error('PDF renderer closed'));
    if (!browser) {
      // Imported at the first render, not at boot: playwright-core alone is a tenth of the server's start.
      const launching = import('playwright-core').then(({ chromium }) =>
        chromium.launch({
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
          headless: true,
          // The server handles its own signals and closes the renderer through app.close().
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
          timeout: LAUNCH_TIMEOUT_MS,
        }),
      );
      browser = launching;
      launching.then(
        (b) =>
          b.on('disconnected', () => {
            if (browser === launching) browser = null;
          }),
        () => {
          if (browser === launching) browser = null;
        },
      );
    }
    return browser;
  }

  async function slot(): Promise<() => void> {
    if (running >= MAX_CONCURRENT_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    return () => {
      running -= 1;
      waiting.shift()?.();
    };
  }

  return {
    async render(doc) {
      const release = await slot();
      let context: BrowserContext | undefined;
      let timedOut = false;
      const printing = (async () => {
        const started = await (await launch()).newContext({ javaScriptEnabled: false, offline: true });
        context = started;
        try {
          if (timedOut) throw new Error('PDF rendering timed out');
          // Nothing is fetched: the document is self-contained and its CSP forbids it anyway.
          await started.route('**/*', (route) => route.abort());
          const page = await started.newPage();
          await page.setContent(doc.html, { waitUntil: 'load', timeout: timeoutMs });
          return await page.pdf({
            format: 'A4',
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: doc.headerTemplate,
            footerTemplate: doc.footerTemplate,
            margin: { top: '22mm', bottom: '22mm', left: '18mm', right: '18mm' },
            tagged: true,
          });
        } finally {
          await started.close().catch(() => undefined);
        }
      })();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          // Closing the context makes whatever Chromium is doing for this document fail at once.
          void context?.close().catch(() => undefined);
          reject(new Error(`PDF rendering took more than ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([printing, timeout]);
      } finally {
        clearTimeout(timer);
        // The slot is held until Chromium is really done with this document.
        printing.then(release, release);
      }
    },
    async close() {
      closed = true;
      const current = browser;
      browser = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}

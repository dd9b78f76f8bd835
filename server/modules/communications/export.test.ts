import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountActorOf } from '../../auth/actor.ts';
import { sendRequest } from '../../test-support/communication-factories.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { readPdf, runsSpelling, textOf, type PdfPage } from '../../test-support/pdf-reader.ts';
import { exportThread } from './thread-export.ts';
import { createPdfRenderer, threadPdfDocument } from './thread-pdf.ts';

const GHANA = '288';
const EGYPT = '818';
const FRANCE = '250';
let h: Harness;
let pocA: SignedIn;
let pocB: SignedIn;
let authorityB: SignedIn;
let pocC: SignedIn;
let egyptTechnical: string;

const ARABIC_REPLY = 'العنوان جزء من شبكة روبوتات معروفة؛ تم إبلاغ مزود الخدمة.';
const CHINESE_REPLY = '该地址属于已知的僵尸网络，已通知服务提供商。';

beforeAll(async () => {
  h = await createHarness();
  const db = h.database.db;
  const deps = { db, config: h.config };
  pocA = await signedIn(h.app, db, 'point_of_contact', GHANA);
  pocB = await signedIn(h.app, db, 'point_of_contact', EGYPT);
  authorityB = await signedIn(h.app, db, 'national_authority', EGYPT);
  pocC = await signedIn(h.app, db, 'point_of_contact', FRANCE);
  egyptTechnical = (await buildEntry(deps, EGYPT, { emails: [pocB.account.email] })).entryId;
  await buildEntry(deps, GHANA);
  await buildEntry(deps, FRANCE);
});
afterAll(() => h.close());

function call(session: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) {
  const headers = method === 'GET' ? session.headers : session.writeHeaders;
  return h.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload } : {}) });
}

async function send(session: SignedIn, payload: object): Promise<{ id: string; reference: string }> {
  const response = await call(session, 'POST', '/communications', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function reply(session: SignedIn, id: string, language: string, text: string) {
  const response = await call(session, 'POST', `/communications/${id}/replies`, {
    type: 'response',
    language,
    content: { response: text },
  });
  expect(response.statusCode, response.body).toBe(201);
}

// --- A small PDF reader: enough of PDF 1.4 as Chromium (Skia) writes it to get text back with its
// font, fill colour and position on the page (poppler-utils is not assumed to be installed).

const MARGIN_PT = (22 / 25.4) * 72; // the renderer's top and bottom margins
const header = (page: PdfPage) => page.runs.filter((r) => r.y > page.height - MARGIN_PT);
const footer = (page: PdfPage) => page.runs.filter((r) => r.y < MARGIN_PT);
const body = (page: PdfPage) => page.runs.filter((r) => r.y >= MARGIN_PT && r.y <= page.height - MARGIN_PT);

async function exportOf(session: SignedIn, id: string, query: string) {
  return call(session, 'GET', `/communications/${id}/export?${query}`);
}

describe('JSON export', () => {
  it('is the thread as the caller reads it, as a download, and only for the parties', async () => {
    const sent = await send(pocA, sendRequest(EGYPT));
    await reply(pocB, sent.id, 'ar', ARABIC_REPLY);
    const exported = await exportOf(pocA, sent.id, 'format=json');
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe(
      `attachment; filename="${sent.reference}.json"; filename*=UTF-8''${sent.reference}.json`,
    );
    expect(exported.headers['cache-control']).toBe('no-store');

    const thread = (await call(pocA, 'GET', `/communications/${sent.id}`)).json();
    const file = exported.json();
    expect(file).toMatchObject({
      format: 'pocdir-communication-thread',
      version: 1,
      threadId: thread.threadId,
      closedAt: null,
      outcome: null,
      tlp: 'TLP:AMBER',
    });
    expect(Date.parse(file.exportedAt)).not.toBeNaN();
    expect(file.messages).toHaveLength(2);
    for (const [index, message] of file.messages.entries()) {
      const shown = thread.messages[index];
      for (const key of ['reference', 'type', 'templateVersion', 'tlp', 'urgency', 'senderStateM49', 'sentAt'])
        expect(message[key], key).toEqual(shown[key]);
      expect(message.language).toBe(shown.language);
      expect(message.content).toEqual(shown.content);
      expect(message.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(message.contentSha256).toBe(shown.contentSha256);
      expect(message.recipients).toEqual(
        shown.recipients.map((r: Record<string, unknown>) => ({
          stateM49: r.stateM49,
          status: r.status,
          acknowledgeDueAt: r.acknowledgeDueAt,
          responseDueAt: r.responseDueAt,
          acknowledgedAt: r.acknowledgedAt,
          answeredAt: r.answeredAt,
        })),
      );
      // What the thread view tells the caller they may do is not part of the record.
      expect(message).not.toHaveProperty('abilities');
    }
    expect(file.messages[1].content.response).toBe(ARABIC_REPLY);
    expect(file.messages[1].language).toBe('ar');

    expect((await exportOf(pocB, sent.id, 'format=json')).statusCode).toBe(200);
    const outsider = await exportOf(pocC, sent.id, 'format=json');
    expect(outsider.statusCode).toBe(404);
    expect(outsider.body).not.toContain(sent.reference);
    const manager = await signedIn(h.app, h.database.db, 'directory_manager');
    const auditor = await signedIn(h.app, h.database.db, 'auditor');
    for (const session of [manager, auditor]) {
      for (const format of ['json', 'pdf']) {
        const refused = await exportOf(session, sent.id, `format=${format}`);
        expect(refused.statusCode, `${session.account.role} ${format}`).toBe(403);
        expect(refused.body).not.toContain(sent.reference);
        expect(refused.body).not.toContain('203.0.113.7');
      }
    }
    expect((await exportOf(pocA, sent.id, 'format=docx')).statusCode).toBe(400);
    expect((await exportOf(pocA, sent.id, 'format=pdf&language=de')).statusCode).toBe(400);
  });

  it('TLP:RED: not exportable by a colleague who is not named', async () => {
    const red = await send(
      pocA,
      sendRequest(EGYPT, { tlp: 'TLP:RED', recipients: [{ stateM49: EGYPT, entryIds: [egyptTechnical] }] }),
    );
    const named = await exportOf(pocB, red.id, 'format=json');
    expect(named.statusCode).toBe(200);
    expect(named.json().tlp).toBe('TLP:RED');
    for (const format of ['json', 'pdf']) {
      const colleague = await exportOf(authorityB, red.id, `format=${format}`);
      expect(colleague.statusCode, format).toBe(404);
      expect(colleague.body).not.toContain(red.reference);
    }
  });
});

describe('PDF export', () => {
  it('prints the TLP label in its colours in the header and footer of every page', async () => {
    const long = Array.from(
      { length: 160 },
      (_, i) => `Observation ${i + 1}: outbound connections from 203.0.113.${i % 250} to the command server.`,
    ).join('\n');
    const red = await send(
      pocA,
      sendRequest(EGYPT, {
        tlp: 'TLP:RED',
        recipients: [{ stateM49: EGYPT, entryIds: [egyptTechnical] }],
        content: {
          summary: 'Not markup: <b>bold</b> & <img src=x onerror=alert(1)>',
          informationRequested: 'Please confirm.',
          incidentDescription: long,
          impact: 'severe',
        },
      }),
    );
    const response = await exportOf(pocA, red.id, 'format=pdf'); // the caller's language: English
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`filename="${red.reference}-en.pdf"`);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pages = readPdf(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const [index, page] of pages.entries()) {
      const top = textOf(header(page));
      const bottom = textOf(footer(page));
      expect(top, `header of page ${index + 1}`).toContain('TLP:RED');
      expect(top).toContain(red.reference);
      expect(bottom, `footer of page ${index + 1}`).toContain('TLP:RED');
      expect(bottom).toContain(`Page ${index + 1} of ${pages.length}`);
      // The label itself is drawn in FIRST's red (#FF2B2B).
      for (const zone of [header(page), footer(page)]) {
        const label = runsSpelling(zone, 'TLP:RED');
        expect(label).toHaveLength('TLP:RED'.length);
        for (const run of label) expect(run.fill).toBe('1.000 0.169 0.169');
      }
    }
    const text = pages.map((p) => textOf(body(p))).join('\n');
    // Values are escaped, never interpreted: the markup is printed as written.
    expect(text).toContain('Not markup: <b>bold</b> & <img src=x onerror=alert(1)>');
    expect(text).toContain('Observation 160: outbound connections');
    expect(text).toContain('Severe'); // the enumerated value, in the chosen language
    expect(text).toContain('Written in English; this text is authoritative.');
  });

  it('renders Arabic with Noto Sans Arabic, right to left, labels in Arabic', async () => {
    const sent = await send(pocA, sendRequest(EGYPT));
    await reply(pocB, sent.id, 'ar', ARABIC_REPLY);
    const response = await exportOf(pocB, sent.id, 'format=pdf&language=ar');
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic-/);

    const pages = readPdf(pdf);
    const runs = pages.flatMap((p) => p.runs);
    const arabic = runs.filter((r) => /\p{Script=Arabic}/u.test(r.text));
    expect(arabic.length).toBeGreaterThan(50);
    for (const run of arabic) expect(run.font, run.text).toMatch(/^[A-Z]{6}\+NotoSansArabic-/);
    const drawn = new Set(arabic.flatMap((r) => [...r.text]));
    for (const letter of ARABIC_REPLY.replace(/[\s.؛]/g, '')) expect(drawn, letter).toContain(letter);
    // Right to left: the page's first Arabic heading starts at the right margin.
    const title = arabic.reduce((a, b) => (b.y > a.y ? b : a));
    expect(title.x).toBeGreaterThan(300);
    for (const page of pages) {
      expect(textOf(header(page))).toContain('TLP:AMBER');
      expect(textOf(footer(page))).toContain('TLP:AMBER');
    }
    // The English original of the request stays as written.
    expect(pages.map((p) => textOf(body(p))).join('\n')).toContain('203.0.113.7');
  });

  it('renders Chinese with Noto Sans CJK SC, labels and values in Chinese', async () => {
    const sent = await send(pocA, sendRequest(EGYPT, { tlp: 'TLP:GREEN' }));
    await reply(pocB, sent.id, 'zh', CHINESE_REPLY);
    const response = await exportOf(pocA, sent.id, 'format=pdf&language=zh');
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/(BaseFont|FontName) \/[A-Z]{6}\+NotoSansCJK/);

    const pages = readPdf(pdf);
    const cjk = pages.flatMap((p) => p.runs).filter((r) => /\p{Script=Han}/u.test(r.text));
    expect(cjk.length).toBeGreaterThan(20);
    for (const run of cjk) expect(run.font, run.text).toMatch(/^[A-Z]{6}\+NotoSansCJK/);
    const text = pages.map((p) => textOf(body(p))).join('\n');
    expect(text).toContain(CHINESE_REPLY);
    expect(text).toContain('主题'); // template.field.summary
    expect(text).toContain('能源'); // template.value.affectedSectors.energy
    expect(text).toContain('以中文撰写；以本文本为准。');
    expect(textOf(footer(pages[0]!))).toContain(`第 1 页，共 ${pages.length} 页`);
    expect(textOf(header(pages[0]!))).toContain('TLP:GREEN');
  });
});

describe('the PDF renderer', () => {
  it('bounds each render with a timeout and still closes cleanly', async () => {
    const renderer = createPdfRenderer({ timeoutMs: 50 });
    const document = threadPdfDocument({
      thread: { threadId: crypto.randomUUID(), closedAt: null, outcome: null, messages: [] },
      tlp: 'TLP:CLEAR',
      locale: 'en',
      stateNames: new Map(),
      exportedAt: new Date(),
    });
    await expect(renderer.render(document)).rejects.toThrow(/PDF rendering took more than 50 ms/);
    await renderer.close();
    await expect(renderer.render(document)).rejects.toThrow(/closed/);
  });
});

describe('PDF renderer failure', () => {
  it('is a 503 PDF_UNAVAILABLE from the catalogue, never a 500', async () => {
    const sent = await send(pocA, sendRequest(EGYPT));
    const broken = { render: () => Promise.reject(new Error('chromium: not found')), close: () => Promise.resolve() };
    const session = (await h.app.inject({ url: '/api/v1/session', headers: pocA.headers })).json();
    const error = await exportThread(
      { db: h.database.db, config: h.config, pdf: broken },
      accountActorOf({ ...session.account, mustChangePassword: false }, null),
      sent.id,
      { format: 'pdf', language: 'en' },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PDF_UNAVAILABLE' });
  });
});

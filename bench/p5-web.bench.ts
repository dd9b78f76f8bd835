import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { CHROMIUM_LAUNCH } from '../e2e/fixtures.ts';
import type { Figure } from './figure.ts';
import { ROOT } from './lib/processes.ts';
import type { Stage } from './lib/stage.ts';

const LINK_BITS_PER_SECOND = 256_000;
/** A slow delegation link (satellite or congested mobile): 350 ms from request to first byte. */
const LATENCY_MS = 350;
const KB = 1000;
const PAGE_TIMEOUT_MS = 90_000;

/** What makes a page usable: its visible heading, an enabled field, and (when asked) a filled table. */
interface Usable {
  heading: string;
  field: string;
  table?: boolean;
}

const SIGN_IN: Usable = { heading: 'Sign in', field: '#signin-email' };
const FIRST_PAGE: Usable = { heading: 'States', field: '#states-search', table: true };
const DIRECTORY: Usable = { heading: 'Directory of points of contact', field: '#directory-q', table: true };

interface Script {
  name: string;
  bodyBytes: number;
  gzipBytes: number;
  transferredBytes: number;
  encoding: string;
}

interface Visit {
  signInMs: number;
  firstPageMs: number;
  directoryMs: number;
  signInScripts: Script[];
  firstPageScripts: Script[];
  /** Bytes on the wire (headers + bodies, every response: HTML, CSS, JS, API) of each step. */
  signInTransferredBytes: number;
  firstPageTransferredBytes: number;
  directoryTransferredBytes: number;
}

/**
 * Runs in the page: resolves with performance.now() (ms since navigation start) once the page is
 * usable. Checked on every DOM change and every 5 ms, so a stylesheet arriving late is noticed too.
 * A string, not a function: tsx's transpiled functions call a helper the page does not have.
 */
const WHEN_USABLE = `(usable) => new Promise((resolve) => {
  const visible = (el) => el instanceof HTMLElement && el.checkVisibility({ visibilityProperty: true });
  const holds = () =>
    [...document.querySelectorAll('link[rel=stylesheet]')].every((link) => link.sheet) &&
    [...document.querySelectorAll('h1')].some((h) => visible(h) && h.textContent.trim() === usable.heading) &&
    visible(document.querySelector(usable.field)) &&
    !document.querySelector(usable.field).disabled &&
    (!usable.table || visible(document.querySelector('table tbody tr')));
  const check = () => {
    if (!holds()) return;
    observer.disconnect();
    clearInterval(timer);
    resolve(performance.now());
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  const timer = setInterval(check, 5);
  check();
})`;

/** In the page: the time of the next `type` event (submit, click), captured before the app sees it. */
const NEXT_EVENT = `(type) => new Promise((resolve) =>
  document.addEventListener(type, () => resolve(performance.now()), { capture: true, once: true }))`;

/** page.evaluate has no timeout of its own: a page that never becomes usable must fail the figure. */
function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${PAGE_TIMEOUT_MS / 1000} s`)), PAGE_TIMEOUT_MS);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

const whenUsable = (page: Page, usable: Usable) =>
  withDeadline(page.evaluate<number>(`(${WHEN_USABLE})(${JSON.stringify(usable)})`), `${usable.heading} page usable`);
const nextEvent = (page: Page, type: string) =>
  withDeadline(page.evaluate<number>(`(${NEXT_EVENT})(${JSON.stringify(type)})`), `${type} event`);
/** Installed before the page's own scripts, so the clock starts at navigation. */
const watchFromNavigation = (page: Page, usable: Usable) =>
  page.addInitScript(`window.__p5Usable = (${WHEN_USABLE})(${JSON.stringify(usable)});`);
const navigationUsable = (page: Page, what: string) =>
  withDeadline(page.evaluate<number>('window.__p5Usable'), `${what} usable after navigation`);

/** A fresh context (empty cache) whose every request goes through the throttled link, cache disabled. */
async function openThrottledPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: LINK_BITS_PER_SECOND / 8,
    uploadThroughput: LINK_BITS_PER_SECOND / 8,
  });
  return page;
}

/**
 * Records every finished response (scripts in detail) until `stop()` is called. Finished ones only:
 * a streaming response (server-sent events) never ends, so its sizes would never be known.
 */
function recordResponses(page: Page) {
  const scripts: Promise<Script>[] = [];
  const all: Promise<number>[] = [];
  const onFinished = (request: Request) => {
    const wire = request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize);
    // Marked handled: when a step fails before stop() awaits them, they must not crash the run.
    wire.catch(() => undefined);
    all.push(wire);
    if (request.resourceType() !== 'script') return;
    const script = (async () => {
      const response = await request.response();
      if (!response) throw new Error(`no response for ${request.url()}`);
      const body = await response.body();
      return {
        name: new URL(request.url()).pathname.replace(/^\/assets\//, ''),
        bodyBytes: body.length,
        gzipBytes: zlib.gzipSync(body, { level: 9 }).length,
        transferredBytes: await wire,
        encoding: response.headers()['content-encoding'] ?? 'identity',
      };
    })();
    script.catch(() => undefined);
    scripts.push(script);
  };
  page.on('requestfinished', onFinished);
  return async () => {
    page.off('requestfinished', onFinished);
    return { scripts: await Promise.all(scripts), transferred: sum(await Promise.all(all)) };
  };
}

/** One newcomer over the link: the sign-in page, signing in, the first page, then the directory. */
async function visit(browser: Browser, url: string, account: { email: string; password: string }): Promise<Visit> {
  const page = await openThrottledPage(browser);
  try {
    let stop = recordResponses(page);
    await watchFromNavigation(page, SIGN_IN);
    await page.goto(`${url}/`, { waitUntil: 'commit' });
    const signInMs = await navigationUsable(page, 'sign-in page');
    const signIn = await stop();

    stop = recordResponses(page);
    await page.locator(SIGN_IN.field).fill(account.email);
    await page.locator('#signin-password').fill(account.password);
    const submitted = nextEvent(page, 'submit');
    const firstPage = whenUsable(page, FIRST_PAGE);
    await page.locator('form button[type=submit]').click();
    const firstPageMs = (await firstPage) - (await submitted);
    const signedIn = await stop();

    stop = recordResponses(page);
    const linkClicked = nextEvent(page, 'click');
    const directory = whenUsable(page, DIRECTORY);
    await page.locator('a[href="/directory"]').first().click();
    const directoryMs = (await directory) - (await linkClicked);
    const directoryStep = await stop();
    return {
      signInMs,
      firstPageMs,
      directoryMs,
      signInScripts: signIn.scripts,
      firstPageScripts: signedIn.scripts,
      signInTransferredBytes: signIn.transferred,
      firstPageTransferredBytes: signedIn.transferred,
      directoryTransferredBytes: directoryStep.transferred,
    };
  } finally {
    await page.context().close();
  }
}

/**
 * The floor over the same link: a 0.6 KB page whose 4 KB module script draws a sign-in form, served
 * uncompressed from this process. Two round trips (the page, then its script) and a few KB.
 */
async function startFloorServer(): Promise<{ url: string; close(): Promise<void> }> {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title>' +
    '<script type="module" src="/app.js"></script></head><body><main id="root"></main></body></html>';
  const script =
    `const root = document.getElementById('root');\n` +
    `root.innerHTML = '<h1>Sign in</h1><form><label for="email">E-mail</label><input id="email" type="email"></form>';\n` +
    `/* ${'x'.repeat(4000)} */\n`;
  const server = http.createServer((request, response) => {
    const isScript = request.url === '/app.js';
    response.writeHead(200, {
      'content-type': isScript ? 'text/javascript' : 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
    });
    response.end(isScript ? script : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function floorVisit(browser: Browser, url: string): Promise<number> {
  const page = await openThrottledPage(browser);
  try {
    await watchFromNavigation(page, { heading: 'Sign in', field: '#email' });
    await page.goto(`${url}/`, { waitUntil: 'commit' });
    return await navigationUsable(page, 'static floor page');
  } finally {
    await page.context().close();
  }
}

const sum = (values: readonly number[]) => values.reduce((total, n) => total + n, 0);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
/** `index-D1nh6RE8.js` → `index`: details keep the same keys from one build to the next. */
const chunkName = (file: string) => file.replace(/-[A-Za-z0-9_-]{8}\.js$/, '').replace(/\.js$/, '');

/**
 * P5: the web UI's JavaScript on a newcomer's first visit (sign-in page, then the first signed-in
 * page), gzipped; and how long the sign-in page takes to become usable over a 256 kbit/s link,
 * as a ratio of a tiny static page over the same link (round trips + a few KB).
 */
export async function webFigures(stage: Stage): Promise<Figure[]> {
  if (!fs.existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist/index.html is missing: build the web UI (npm run build) before starting the server');
  }
  const account = stage.dataset.users[0];
  if (!account) throw new Error('P5 needs one point of contact in the dataset');
  if (account.totpSecret)
    throw new Error(`P5 signs in with a password only, but ${account.email} has an authenticator`);
  const runs = stage.quick ? 1 : 3;
  // Debian's Chromium exactly as the e2e suite launches it: never a downloaded browser.
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const floor = await startFloorServer();
  const visits: Visit[] = [];
  const floors: number[] = [];
  try {
    // Interleaved, so a burst of load from other processes does not fall on one side only.
    for (let i = 0; i < runs; i++) {
      floors.push(await floorVisit(browser, floor.url));
      visits.push(await visit(browser, stage.server.url, account));
    }
  } finally {
    await floor.close();
    await browser.close();
  }
  const first = visits[0];
  if (!first) throw new Error('P5 made no measurement');
  const scripts = [...first.signInScripts, ...first.firstPageScripts];
  const jsGzip = sum(scripts.map((s) => s.gzipBytes));
  const chunks: Record<string, number> = {};
  for (const s of scripts) chunks[`gz:${chunkName(s.name)}`] = s.gzipBytes;
  stage.log(
    `  P5 first-load scripts (gzip -9 bytes): ${scripts.map((s) => `${s.name} ${s.gzipBytes} (${s.encoding} ${s.transferredBytes})`).join(', ')}`,
  );

  const usableMs = median(visits.map((v) => v.signInMs));
  const floorMs = median(floors);
  const link = `256 kbit/s + ${LATENCY_MS} ms`;
  return [
    {
      id: 'P5-js',
      label: 'first-visit JS, gzip -9 (KB = 1,000 B)',
      value: Math.round(jsGzip / 100) / 10,
      unit: 'KB',
      target: '≤ 250 KB',
      met: jsGzip <= 250 * KB,
      details: {
        scripts: scripts.length,
        signInPageGzipKB: sum(first.signInScripts.map((s) => s.gzipBytes)) / KB,
        firstPageGzipKB: sum(first.firstPageScripts.map((s) => s.gzipBytes)) / KB,
        uncompressedKB: sum(scripts.map((s) => s.bodyBytes)) / KB,
        transferredKB: sum(scripts.map((s) => s.transferredBytes)) / KB,
        brotliResponses: scripts.filter((s) => s.encoding === 'br').length,
        ...chunks,
      },
    },
    {
      id: 'P5-base',
      label: `tiny static page usable, ${link}`,
      value: floorMs / 1000,
      unit: 's',
      details: { runs },
    },
    {
      id: 'P5',
      label: `sign-in page usable, ${link}, no cache`,
      value: usableMs / 1000,
      unit: 's',
      ratio: usableMs / floorMs,
      target: '≤ 8 s',
      met: usableMs <= 8000,
      details: {
        runs,
        bestMs: Math.min(...visits.map((v) => v.signInMs)),
        worstMs: Math.max(...visits.map((v) => v.signInMs)),
        signInPageTransferredKB: first.signInTransferredBytes / KB,
        signInToFirstPageMs: median(visits.map((v) => v.firstPageMs)),
        firstPageTransferredKB: first.firstPageTransferredBytes / KB,
        firstPageToDirectoryMs: median(visits.map((v) => v.directoryMs)),
        directoryTransferredKB: first.directoryTransferredBytes / KB,
      },
    },
  ];
}

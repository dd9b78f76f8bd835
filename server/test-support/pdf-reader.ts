import zlib from 'node:zlib';

/*
 * A small PDF reader for tests, because no PDF text extractor (poppler's pdftotext) is installed:
 * it inflates FlateDecode streams, decodes text through each font's ToUnicode map and keeps each
 * glyph's position, colour and font, so tests can check what is drawn where on every page.
 */

export interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

export interface TextRun {
  text: string;
  font: string;
  fill: string;
  x: number;
  y: number;
}

export interface PdfPage {
  height: number;
  runs: TextRun[];
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream', start);
    if (streamAt !== -1 && streamAt < end) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const dataStart = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
      const raw = pdf.subarray(dataStart, dataStart + length);
      objects.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw });
      header.lastIndex = dataStart + length;
    } else {
      objects.set(Number(match[1]), { dict: text.slice(start, end), stream: null });
      header.lastIndex = end;
    }
  }
  return objects;
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

/** A ToUnicode CMap: code bytes (hex) → text, and how many bytes a code has. */
function parseCMap(cmap: string): { width: number; map: Map<string, string> } {
  const hexText = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  const range = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  const width = (range?.[1]?.length ?? 4) / 2;
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src = '', dst = ''] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(src.toUpperCase(), hexText(dst));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo = '', hi = '', dst = ''] of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const first = Buffer.from(dst, 'hex').swap16().toString('utf16le');
      for (let code = parseInt(lo, 16); code <= parseInt(hi, 16); code++) {
        const key = code.toString(16).toUpperCase().padStart(lo.length, '0');
        const last = first.codePointAt(first.length - 1) ?? 0;
        map.set(key, first.slice(0, -1) + String.fromCodePoint(last + code - parseInt(lo, 16)));
      }
    }
  return { width, map };
}

export interface Font {
  name: string;
  width: number;
  map: Map<string, string>;
}

function fontOf(objects: Map<number, PdfObject>, num: number): Font {
  const dict = objects.get(num)?.dict ?? '';
  const descriptor = objects.get(ref(dict, 'FontDescriptor'))?.dict ?? '';
  const name =
    /\/BaseFont \/([^\s/>]+)/.exec(dict)?.[1] ?? /\/FontName \/([^\s/>]+)/.exec(descriptor)?.[1] ?? `font ${num}`;
  const cmap = objects.get(ref(dict, 'ToUnicode'))?.stream?.toString('latin1') ?? '';
  return { name, ...parseCMap(cmap) };
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

const TOKEN = /\s*(<<|>>|\[|\]|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\/[^\s/<>[\]()]+|[-+]?[\d.]+|[A-Za-z'"*]+\d?)/gy;

/** Text runs of one page's content stream with their font, fill colour and position in points. */
function pageRuns(content: string, fonts: Map<string, Font>): TextRun[] {
  const runs: TextRun[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let font: Font | undefined;
  let fill = '0 0 0';
  let operands: string[] = [];
  let depth = 0; // inside << >> or [ ]: collected as operands
  const actualText: (string | null)[] = [];
  const decode = (token: string): string => {
    if (!font || !token.startsWith('<')) return token.slice(1, -1);
    const hex = token.slice(1, -1).replace(/\s/g, '').toUpperCase();
    let out = '';
    for (let i = 0; i < hex.length; i += font.width * 2) out += font.map.get(hex.slice(i, i + font.width * 2)) ?? '';
    return out;
  };
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(content))) {
    const token = match[1] ?? '';
    if (token === '<<' || token === '[') depth++;
    if (token === '>>' || token === ']') depth--;
    if (depth > 0 || token === '>>' || token === ']' || !/^[A-Za-z'"*]/.test(token)) {
      operands.push(token);
      continue;
    }
    const n = operands.map(Number);
    switch (token) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? IDENTITY;
        break;
      case 'cm':
        ctm = multiply(n as Matrix, ctm);
        break;
      case 'BT':
        tlm = IDENTITY;
        break;
      case 'Tm':
        tlm = n as Matrix;
        break;
      case 'Td':
        tlm = multiply([1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0], tlm);
        break;
      case 'Tf':
        font = fonts.get(operands[0]?.slice(1) ?? '');
        break;
      case 'rg':
        fill = n.map((v) => v.toFixed(3)).join(' ');
        break;
      case 'BDC': {
        const hex = /\/ActualText\s*<FEFF([0-9A-Fa-f]*)>/.exec(operands.join(' '))?.[1];
        actualText.push(hex === undefined ? null : Buffer.from(hex, 'hex').swap16().toString('utf16le'));
        break;
      }
      case 'BMC':
        actualText.push(null);
        break;
      case 'EMC':
        actualText.pop();
        break;
      case 'Tj':
      case 'TJ': {
        const strings = operands.filter((o) => o.startsWith('<') || o.startsWith('('));
        const glyphs = strings.map(decode).join('');
        const text = actualText.findLast((t) => t !== null) ?? glyphs;
        const m = multiply(tlm, ctm);
        runs.push({ text, font: font?.name ?? '?', fill, x: m[4], y: m[5] });
        break;
      }
    }
    operands = [];
  }
  return runs;
}

export function readPdf(pdf: Buffer): PdfPage[] {
  const objects = parseObjects(pdf);
  const root = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict));
  const pages: PdfPage[] = [];
  const visit = (dict: string) => {
    if (/\/Type \/Pages\b/.test(dict)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(dict)?.[1] ?? '';
      for (const [, num] of kids.matchAll(/(\d+) 0 R/g)) visit(objects.get(Number(num))?.dict ?? '');
      return;
    }
    const resourcesRef = ref(dict, 'Resources');
    const resources = Number.isNaN(resourcesRef) ? dict : (objects.get(resourcesRef)?.dict ?? '');
    const fontBlock = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, Font>();
    for (const [, name = '', num] of fontBlock.matchAll(/\/(\S+) (\d+) 0 R/g))
      fonts.set(name, fontOf(objects, Number(num)));
    const content = objects.get(ref(dict, 'Contents'))?.stream?.toString('latin1') ?? '';
    const height = Number(/\/MediaBox \[\s*[\d.]+ [\d.]+ [\d.]+ ([\d.]+)\]/.exec(dict)?.[1]);
    pages.push({ height, runs: pageRuns(content, fonts) });
  };
  visit(root?.dict ?? '');
  return pages;
}

/** Runs in reading order for left-to-right text: top to bottom, then left to right, lines joined by newlines. */
export function textOf(runs: readonly TextRun[]): string {
  const lines = new Map<number, TextRun[]>();
  for (const run of runs) lines.set(Math.round(run.y), [...(lines.get(Math.round(run.y)) ?? []), run]);
  return [...lines.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, line]) =>
      line
        .sort((a, b) => a.x - b.x)
        .map((r) => r.text)
        .join(''),
    )
    .join('\n');
}

/** The consecutive runs of one line that spell `text`, one glyph each. */
export function runsSpelling(runs: readonly TextRun[], text: string): TextRun[] {
  const ordered = [...runs].sort((a, b) => Math.round(b.y) - Math.round(a.y) || a.x - b.x);
  for (let i = 0; i + text.length <= ordered.length; i++) {
    const slice = ordered.slice(i, i + text.length);
    if (slice.map((r) => r.text).join('') === text) return slice;
  }
  return [];
}

import type { PocKind, SlotRole } from '../../../common/directory.ts';
import type { DirectoryEntry } from '../../../common/schemas/directory.ts';

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** English words for the kind, for ROLE: address books show ROLE to people, not codes. */
const KIND_WORDS: Record<PocKind, string> = {
  diplomatic: 'Diplomatic point of contact',
  technical: 'Technical point of contact',
  cybercrime_24_7: 'Cybercrime 24/7 point of contact',
  central_authority_mla: 'Central authority for mutual legal assistance',
};

/** Short kind names for CATEGORIES, where address books group contacts. */
const KIND_CATEGORIES: Record<PocKind, string> = {
  diplomatic: 'Diplomatic',
  technical: 'Technical',
  cybercrime_24_7: 'Cybercrime 24/7',
  central_authority_mla: 'Central authority (MLA)',
};

const SLOT_WORDS: Record<SlotRole, string> = { primary: 'primary', alternate: 'alternate' };

/**
 * RFC 6350 §3.4: backslash, comma and line breaks are always escaped in text values; a semicolon
 * must be escaped in the fields of compound properties (N, ORG) and "MAY" be elsewhere. We escape
 * it only where it must be, because some readers (ical.js, hence Thunderbird) show a literal "\\;"
 * in a plain text property such as TITLE.
 */
export function escapeVCardText(value: string, compound = false): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
  return compound ? escaped.replace(/;/g, '\\;') : escaped;
}

/**
 * RFC 6350 §3.2: lines longer than 75 octets continue on the next line after CRLF and a space.
 * Splits only between code points (never inside a UTF-8 sequence) and never inside a backslash
 * escape, which some readers decode before unfolding.
 */
export function foldVCardLine(line: string): string {
  const units = line.match(/\\[\s\S]|[\s\S]/gu) ?? [];
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const unit of units) {
    const octets = Buffer.byteLength(unit, 'utf8');
    if (size + octets > MAX_LINE_OCTETS) {
      out.push(current);
      current = ' ';
      size = 1;
    }
    current += unit;
    size += octets;
  }
  out.push(current);
  return out.join(CRLF);
}

type Params = readonly (readonly [string, string])[];

function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** One content line; `value` is already in its final form (escaped text, URI, structured). */
function line(name: string, value: string, params: Params = []): string {
  const head = [name, ...params.map(([key, v]) => `${key}=${paramValue(v)}`)].join(';');
  return foldVCardLine(`${head}:${value}`);
}

function isAllCaps(word: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(word) && word === word.toLocaleUpperCase('und');
}

/**
 * N is structured (family;given;…) but the directory keeps one Latin name. Best effort, in the
 * order UN lists tend to write names: "Family, Given"; a surname in capitals ("WANG Wei",
 * "Ahmed BENALI"); otherwise the last word is taken as the family name.
 */
export function structuredName(latin: string): { family: string; given: string } {
  const trimmed = latin.trim().replace(/\s+/g, ' ');
  const comma = trimmed.indexOf(',');
  if (comma > 0) return { family: trimmed.slice(0, comma).trim(), given: trimmed.slice(comma + 1).trim() };
  const words = trimmed.split(' ');
  const caps = words.filter(isAllCaps);
  if (caps.length > 0 && caps.length < words.length) {
    return { family: caps.join(' '), given: words.filter((w) => !isAllCaps(w)).join(' ') };
  }
  if (words.length < 2) return { family: trimmed, given: '' };
  return { family: words.slice(-1).join(' '), given: words.slice(0, -1).join(' ') };
}

/** The language the native name is written in: the first working language other than English, if any. */
function nativeLanguage(languages: readonly string[]): string {
  return languages.find((tag) => !/^en(-|$)/i.test(tag)) ?? languages[0] ?? 'und';
}

/** RFC 3966 global number: "+" and digits only, which every dialler accepts. */
function telUri(number: string): string {
  return `tel:+${number.replace(/\D/g, '')}`;
}

/** vCard timestamps are basic ISO 8601 in UTC: 20261124T101500Z. */
export function vCardTimestamp(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function groupedFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
}

function noteLines(entry: DirectoryEntry): string[] {
  const lines = [`24/7 availability: ${entry.available247 ? 'yes' : 'no'}`];
  for (const phone of entry.phones.filter((p) => p.available247)) {
    lines.push(`24/7 phone: ${phone.number}${phone.label ? ` (${phone.label})` : ''}`);
  }
  lines.push(`Time zone: ${entry.timeZone}`);
  if (entry.availabilityHours.trim() !== '') lines.push(`Availability: ${entry.availabilityHours}`);
  if (entry.mandate.trim() !== '') lines.push(`Mandate: ${entry.mandate}`);
  for (const channel of entry.secureChannels) lines.push(`${channel.channel}: ${channel.address}`);
  if (entry.key !== null) {
    lines.push(`OpenPGP fingerprint: ${groupedFingerprint(entry.key.fingerprint)}`);
    if (entry.key.expiresAt !== null) lines.push(`OpenPGP key expires: ${entry.key.expiresAt.slice(0, 10)}`);
  }
  if (entry.status === 'retired') lines.push(`Retired${entry.retiredAt ? ` on ${entry.retiredAt.slice(0, 10)}` : ''}`);
  return lines;
}

function entryToVCard(entry: DirectoryEntry, stateName: string): string[] {
  const text = escapeVCardText;
  const name = structuredName(entry.nameLatin);
  const lines = [
    'BEGIN:VCARD',
    line('VERSION', '4.0'),
    line('PRODID', text('-//pocdir//Directory export//EN')),
    line('UID', `urn:uuid:${entry.id}`),
  ];
  if (entry.nameNative.trim() !== '' && entry.nameNative !== entry.nameLatin) {
    // Two representations of one name (RFC 6350 §5.4 ALTID): readers pick by LANGUAGE.
    lines.push(
      line('FN', text(entry.nameLatin), [
        ['ALTID', '1'],
        ['LANGUAGE', 'en'],
      ]),
      line('FN', text(entry.nameNative), [
        ['ALTID', '1'],
        ['LANGUAGE', nativeLanguage(entry.workingLanguages)],
      ]),
    );
  } else {
    lines.push(line('FN', text(entry.nameLatin)));
  }
  lines.push(
    line('N', [name.family, name.given, '', '', ''].map((part) => text(part, true)).join(';')),
    line('ORG', text(entry.organisation, true)),
    line('TITLE', text(entry.function)),
    line('ROLE', text(`${KIND_WORDS[entry.kind]} (${SLOT_WORDS[entry.slotRole]})`)),
  );
  entry.emails.forEach((email, index) => {
    lines.push(
      line(
        'EMAIL',
        text(email),
        index === 0
          ? [
              ['TYPE', 'work'],
              ['PREF', '1'],
            ]
          : [['TYPE', 'work']],
      ),
    );
  });
  entry.phones.forEach((phone, index) => {
    const params: Params = [['VALUE', 'uri'], ['TYPE', 'voice'], ...(index === 0 ? [['PREF', '1'] as const] : [])];
    lines.push(line('TEL', telUri(phone.number), params));
  });
  lines.push(line('TZ', text(entry.timeZone), [['VALUE', 'text']]));
  entry.workingLanguages.forEach((tag, index) => lines.push(line('LANG', tag, [['PREF', String(index + 1)]])));
  if (entry.key !== null) {
    const data = Buffer.from(entry.key.armored, 'utf8').toString('base64');
    lines.push(
      line('KEY', `data:application/pgp-keys;base64,${data}`),
      line('X-PGP-FINGERPRINT', entry.key.fingerprint),
    );
  }
  lines.push(
    line('NOTE', text(noteLines(entry).join('\n'))),
    line('CATEGORIES', [stateName, KIND_CATEGORIES[entry.kind]].map((value) => text(value)).join(',')),
    line('REV', vCardTimestamp(entry.updatedAt)),
    'END:VCARD',
  );
  return lines;
}

/**
 * The directory as vCard 4.0 (RFC 6350), one card per entry, so that colleagues can load their
 * counterparts into any address book or phone. The entries are already presented for the caller:
 * whatever restricted phones or channels they may not see were removed before this point.
 */
export function entriesToVCard(entries: readonly DirectoryEntry[], stateName: (m49: string) => string): string {
  return entries.flatMap((entry) => entryToVCard(entry, stateName(entry.stateM49))).join(CRLF) + CRLF;
}

import ICAL from 'ical.js';

/** Parses vCard text with ical.js, an independent parser the product does not use. */
export function parseCards(text: string): ICAL.Component[] {
  const parsed: unknown = ICAL.parse(text);
  const list = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed];
  return list.map((jcard) => new ICAL.Component(jcard));
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrigramIndex } from './trigram-index.ts';

// Few letters, so that random texts share trigrams and random queries often match.
const text = fc.stringMatching(/^[abc 1é漢]{0,12}$/u);

describe('the trigram index', () => {
  it('never misses a row that contains the text, and narrows only by trigrams the text has', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), text, (texts, query) => {
        const index = new TrigramIndex(texts);
        const candidates = index.candidates(query);
        const containing = texts.flatMap((t, row) => (t.includes(query) ? [row] : []));
        if (query.length < 3) {
          expect(candidates).toBeUndefined();
          return;
        }
        const list = [...(candidates ?? [])];
        expect(list).toEqual([...list].sort((a, b) => a - b));
        expect(new Set(list).size).toBe(list.length);
        for (const row of containing) expect(list).toContain(row);
        // Every candidate has at least one of the query's trigrams.
        for (const row of list) {
          const t = texts[row] ?? '';
          expect([...Array(query.length - 2).keys()].some((at) => t.includes(query.slice(at, at + 3)))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('answers no candidates when a trigram of the text appears nowhere', () => {
    const index = new TrigramIndex(['contact 1 national cert', 'contact 2']);
    expect([...(index.candidates('contact 3') ?? [])]).toEqual([]);
    expect([...(index.candidates('contact') ?? [])]).toEqual([0, 1]);
    expect([...(index.candidates('nat') ?? [])]).toEqual([0]);
  });
});

/**
 * Which rows of the snapshot can match a search, found from a trigram index instead of reading all
 * 20,000: every match of a text of three or more characters contains each of its trigrams, so the
 * rows holding its rarest trigram are the only candidates (each still checked in full by the caller).
 */
export class TrigramIndex {
  private readonly postings = new Map<string, Int32Array>();

  constructor(texts: readonly string[]) {
    const lists = new Map<string, number[]>();
    texts.forEach((text, row) => {
      for (let at = 0; at + 3 <= text.length; at++) {
        const trigram = text.slice(at, at + 3);
        let list = lists.get(trigram);
        if (!list) lists.set(trigram, (list = []));
        // Rows are visited in order, so a row already listed is the list's last element.
        if (list[list.length - 1] !== row) list.push(row);
      }
    });
    for (const [trigram, list] of lists) this.postings.set(trigram, Int32Array.from(list));
  }

  /** Rows that may contain `text`, ascending; undefined when the index cannot narrow it (under 3 characters). */
  candidates(text: string): Int32Array | undefined {
    if (text.length < 3) return undefined;
    let rarest: Int32Array | undefined;
    for (let at = 0; at + 3 <= text.length; at++) {
      const list = this.postings.get(text.slice(at, at + 3));
      if (!list) return new Int32Array(0);
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    return rarest;
  }
}

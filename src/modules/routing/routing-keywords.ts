/**
 * Whole-word keyword matching for `contains_any` (routing-evaluate.ts). Pure. A word is a run of
 * letters, digits, combining marks and `_` in any script; anything else separates words, so
 * "refund" matches "Refund!" but not "refunded", and "not received" matches "not   received"
 * but not "not yet received". A text is scanned once per case for every keyword of the rule set
 * together, rather than once per rule.
 */

/** Per UTF-16 code unit: 0 not looked at yet, 1 part of a word, 2 a separator. */
const WORD_UNITS = new Uint8Array(65_536);
const LETTER_DIGIT_OR_MARK = /^[\p{L}\p{N}\p{M}]$/u;

function isWordUnit(code: number): boolean {
  if (code < 128) {
    return (
      (code >= 97 && code <= 122) ||
      (code >= 48 && code <= 57) ||
      (code >= 65 && code <= 90) ||
      code === 95
    );
  }
  // Surrogates: characters outside the basic plane, mostly emoji, separate words.
  if (code >= 0xd800 && code <= 0xdfff) return false;
  let known = WORD_UNITS[code];
  if (known === 0) {
    known = LETTER_DIGIT_OR_MARK.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_UNITS[code] = known;
  }
  return known === 1;
}

/** Calls `visit` with each word of `text`, in order. */
function forEachWord(text: string, visit: (word: string) => void): void {
  let start = -1;
  for (let index = 0; index < text.length; index++) {
    if (isWordUnit(text.charCodeAt(index))) {
      if (start === -1) start = index;
    } else if (start !== -1) {
      visit(text.slice(start, index));
      start = -1;
    }
  }
  if (start !== -1) visit(text.slice(start));
}

/**
 * The lower-cased words of a text, as keyword matching sees them:
 * `keywordWords("Refund NOT received!")` → `["refund", "not", "received"]`.
 */
export function keywordWords(text: string): string[] {
  const words: string[] = [];
  forEachWord(text.toLowerCase(), (word) => words.push(word));
  return words;
}

interface Phrase {
  id: number;
  /** Its words but the last, in order. */
  leading: string[];
}

/**
 * Every keyword of a rule set, numbered: `add` registers one while compiling, `scan` marks the
 * ones a text holds. One-word keywords are found by looking up each word of the text; a phrase
 * when its last word comes, by comparing the words before it.
 */
export class KeywordIndex {
  private readonly words = new Map<string, number>();
  private readonly phrases = new Map<string, number>();
  private readonly phrasesByLastWord = new Map<string, Phrase[]>();
  private longestPhrase = 0;
  private count = 0;

  /** How many distinct keywords there are: the length of a hits array. */
  get size(): number {
    return this.count;
  }

  /** The keyword's number, or -1 for one without a word (it matches nothing). */
  add(keyword: string): number {
    const parts = keywordWords(keyword);
    const last = parts.at(-1);
    if (last === undefined) return -1;
    if (parts.length === 1) {
      let id = this.words.get(last);
      if (id === undefined) {
        id = this.count++;
        this.words.set(last, id);
      }
      return id;
    }
    const key = parts.join(" ");
    let id = this.phrases.get(key);
    if (id === undefined) {
      id = this.count++;
      this.phrases.set(key, id);
      const phrase = { id, leading: parts.slice(0, -1) };
      const sameLast = this.phrasesByLastWord.get(last);
      if (sameLast === undefined) this.phrasesByLastWord.set(last, [phrase]);
      else sameLast.push(phrase);
      this.longestPhrase = Math.max(this.longestPhrase, parts.length);
    }
    return id;
  }

  /** Sets `hits[id]` to 1 for every keyword the lower-cased `text` holds. */
  scan(text: string, hits: Uint8Array): void {
    const { words, phrasesByLastWord } = this;
    if (phrasesByLastWord.size === 0) {
      forEachWord(text, (word) => {
        const id = words.get(word);
        if (id !== undefined) hits[id] = 1;
      });
      return;
    }
    // The words before the current one, in a ring as long as the longest phrase needs.
    const ringSize = this.longestPhrase - 1;
    const ring: string[] = new Array(ringSize);
    let seen = 0;
    forEachWord(text, (word) => {
      const id = words.get(word);
      if (id !== undefined) hits[id] = 1;
      const phrases = phrasesByLastWord.get(word);
      if (phrases !== undefined) {
        for (const phrase of phrases) {
          const length = phrase.leading.length;
          if (seen < length || hits[phrase.id] === 1) continue;
          let matches = true;
          for (let back = 1; back <= length && matches; back++) {
            matches = ring[(seen - back) % ringSize] === phrase.leading[length - back];
          }
          if (matches) hits[phrase.id] = 1;
        }
      }
      ring[seen % ringSize] = word;
      seen++;
    });
  }
}

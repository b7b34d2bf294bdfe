// Text folding for phrase matching: lower case, no accents, one kind of apostrophe, whitespace collapsed.
// The folded text keeps a map back to the original, so a match is reported exactly as the customer wrote it.

/** A folded text and, for each of its UTF-16 units, the range of the original text it came from. */
export interface FoldedText {
  readonly text: string;
  /** `starts[i]`..`ends[i]` is the original range that produced `text[i]`. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

const APOSTROPHES = new Set(['\u2018', '\u2019', '\u201B', '\u02BC', '\u0060', '\u00B4', '\u2032']);
const HYPHENS = new Set(['\u2010', '\u2011']);
const SPECIAL: Readonly<Record<string, string>> = { ß: 'ss', ẞ: 'ss', œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', ı: 'i', ł: 'l', Ł: 'l' };
const MARKS = /\p{M}+/gu;
const foldCache = new Map<string, string>();

/** Folds one code point: lower case, accents removed, typographic apostrophes and hyphens made plain. */
export function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  if (APOSTROPHES.has(ch)) return "'";
  if (HYPHENS.has(ch)) return '-';
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    folded = ch.normalize('NFD').replace(MARKS, '').toLowerCase();
    if (foldCache.size < 4096) foldCache.set(ch, folded);
  }
  return folded;
}

/** Folds a whole string without keeping the map (for short checks such as quote headers). */
export function fold(input: string): string {
  return foldWithMap(input).text;
}

const WHITESPACE = /\s/u;

/** The characters JavaScript's `\s` matches, by code unit (a lookup, not a regex test, per character). */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

const ASCII_FOLDED: readonly string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c));

/**
 * Folds `input` for matching. Runs of whitespace (line breaks included: e-mail clients wrap long lines) become one
 * space; leading and trailing whitespace is dropped.
 */
export function foldWithMap(input: string): FoldedText {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lastWasSpace = true;
  const length = input.length;
  let i = 0;
  while (i < length) {
    const code = input.charCodeAt(i);
    if (code < 0x80) {
      if (isSpace(code)) {
        if (!lastWasSpace) {
          parts.push(' ');
          starts.push(i);
          ends.push(i + 1);
          lastWasSpace = true;
        }
      } else {
        parts.push(ASCII_FOLDED[code]!);
        starts.push(i);
        ends.push(i + 1);
        lastWasSpace = false;
      }
      i++;
      continue;
    }
    let next = i + 1;
    if (code >= 0xd800 && code <= 0xdbff && next < length) {
      const low = input.charCodeAt(next);
      if (low >= 0xdc00 && low <= 0xdfff) next++;
    }
    if (isSpace(code)) {
      if (!lastWasSpace) {
        parts.push(' ');
        starts.push(i);
        ends.push(next);
        lastWasSpace = true;
      }
      i = next;
      continue;
    }
    const folded = foldChar(input.slice(i, next));
    if (folded.length === 0) {
      // A lone combining mark (decomposed input): it belongs to the previous character.
      if (ends.length > 0) ends[ends.length - 1] = next;
    } else {
      for (let k = 0; k < folded.length; k++) {
        parts.push(folded[k]!);
        starts.push(i);
        ends.push(next);
      }
      lastWasSpace = false;
    }
    i = next;
  }
  if (parts.length > 0 && parts[parts.length - 1] === ' ') {
    parts.pop();
    starts.pop();
    ends.pop();
  }
  return { text: parts.join(''), starts, ends };
}

/** The original text behind folded range [from, to). */
export function originalSlice(original: string, folded: FoldedText, from: number, to: number): string {
  if (to <= from) return '';
  return original.slice(folded.starts[from]!, folded.ends[to - 1]!);
}

const UMLAUT_PATTERN: Readonly<Record<string, string>> = { ä: 'a(?:e)?', ö: 'o(?:e)?', ü: 'u(?:e)?', Ä: 'a(?:e)?', Ö: 'o(?:e)?', Ü: 'u(?:e)?' };

/**
 * Prepares a regular-expression source written with accents ("möchte", "supérieur") for the folded text: accents
 * are dropped, and German umlauts also match their two-letter spelling ("moechte"). ASCII is left alone, so regex
 * syntax (`\p{L}`, `\S`) survives.
 */
export function foldPatternSource(source: string): string {
  let out = '';
  for (const ch of source) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else out += UMLAUT_PATTERN[ch] ?? foldChar(ch);
  }
  return out;
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** Turns an admin's plain-text phrase into a regex source for the folded text (never a regex of their own). */
export function literalPhraseSource(phrase: string): string {
  let out = '';
  let pendingSpace = false;
  for (const ch of phrase.trim()) {
    if (WHITESPACE.test(ch)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    const umlaut = UMLAUT_PATTERN[ch];
    out += umlaut ?? foldChar(ch).replace(REGEX_SYNTAX, '\\$&');
  }
  return out;
}

// Compiles the phrase bank (plus an admin's custom phrases) into a few precompiled regular expressions and finds the
// phrases in a message: one left-to-right pass of each, negation checked around each match, shouting and "!!!"
// counted alongside.
import { LANGUAGES, type CustomPhrases, type Language, type PhraseGroup } from '../policy';
import { foldPatternSource, foldWithMap, literalPhraseSource, originalSlice, type FoldedText } from './normalise';
import {
  BUILT_IN_PHRASES,
  CLAUSE_BREAK,
  GROUP_WEIGHTS,
  NEGATABLE_GROUPS,
  NEGATION_AFTER,
  NEGATION_BEFORE,
  type PhraseSource,
} from './phrases';

export interface CompiledPhrase {
  readonly group: PhraseGroup;
  readonly language: Language | null;
  readonly weight: number;
  readonly custom: boolean;
  readonly source: string;
}

/** One compiled regular expression: an alternation of phrases, one capturing group each. */
export interface PhraseRegex {
  readonly regex: RegExp;
  readonly phrases: readonly CompiledPhrase[];
}

/**
 * The phrase bank as a few regular expressions, each run once over a message. (V8 stops optimising a regular
 * expression whose source passes 20 KB, which made one all-in-one alternation ~40x slower; chunks stay below.
 * V8 compiles a regular expression to native code by itself once it meets a long subject, so there is no warm-up:
 * forcing native code up front made the first call several times slower for the usual short messages.)
 */
export interface Matcher {
  readonly regexes: readonly PhraseRegex[];
  readonly phrases: readonly CompiledPhrase[];
}

/** One phrase found in a message. Offsets are into the visible (quote-stripped) text. */
export interface Hit {
  readonly group: PhraseGroup;
  readonly language: Language | null;
  readonly weight: number;
  /** Exactly as the customer wrote it; empty for signals that are not text (several unanswered messages). */
  readonly text: string;
  /** Folded text of the match, for de-duplication. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly negated: boolean;
}

/** Groups in the order the alternation tries them: at one position the stronger group wins. */
const MATCH_ORDER: readonly PhraseGroup[] = ['explicit', 'threat', 'human', 'repetition', 'sentiment'];
const LEFT = '(?<![\\p{L}\\p{N}])';
/** Phrases that start with a letter or digit (all built-ins) let the regex skip other positions cheaply. */
const STARTS_WORD = '(?=[\\p{L}\\p{N}])';
const CHUNK_SOURCE_LIMIT = 16_000;
const RIGHT = '(?![\\p{L}\\p{N}])';
const MAX_CUSTOM_PER_LANGUAGE = 500;
const MAX_CUSTOM_LENGTH = 200;

function sourceOf(spec: PhraseSource): { source: string; weight: number | undefined } {
  return typeof spec === 'string' ? { source: spec, weight: undefined } : { source: spec[0], weight: spec[1] };
}

function compileRegexes(phrases: readonly CompiledPhrase[]): PhraseRegex[] {
  const regexes: PhraseRegex[] = [];
  // Built-in phrases all start with a word; a custom phrase may start with anything ("#urgent", "!!!").
  const startsWord = (p: CompiledPhrase): boolean => !p.custom || /^[\p{L}\p{N}]/u.test(p.source);
  const wordStart = phrases.filter(startsWord);
  const other = phrases.filter((p) => !startsWord(p));
  for (const [list, guard] of [[wordStart, STARTS_WORD], [other, '']] as const) {
    let chunk: CompiledPhrase[] = [];
    let size = 0;
    const flush = (): void => {
      if (chunk.length === 0) return;
      const body = chunk.map((p) => `(${p.source})`).join('|');
      const regex = new RegExp(`${LEFT}${guard}(?:${body})${RIGHT}`, 'gu');
      regexes.push({ regex, phrases: chunk });
      chunk = [];
      size = 0;
    };
    for (const phrase of list) {
      if (size + phrase.source.length > CHUNK_SOURCE_LIMIT) flush();
      chunk.push(phrase);
      size += phrase.source.length + 3;
    }
    flush();
  }
  return regexes;
}

function builtInPhrases(): CompiledPhrase[] {
  const phrases: CompiledPhrase[] = [];
  for (const group of MATCH_ORDER) {
    const inGroup: CompiledPhrase[] = [];
    for (const language of LANGUAGES) {
      for (const spec of BUILT_IN_PHRASES[language][group]) {
        const { source, weight } = sourceOf(spec);
        inGroup.push({ group, language, weight: weight ?? GROUP_WEIGHTS[group], custom: false, source: foldPatternSource(source) });
      }
    }
    // Where two phrases of a group start at the same word, the stronger one is tried first (stable sort).
    phrases.push(...inGroup.sort((a, b) => b.weight - a.weight));
  }
  return phrases;
}

function customPhrases(custom: CustomPhrases): CompiledPhrase[] {
  const phrases: CompiledPhrase[] = [];
  for (const group of MATCH_ORDER) {
    for (const language of LANGUAGES) {
      const entries = Array.isArray(custom[language]) ? custom[language].slice(0, MAX_CUSTOM_PER_LANGUAGE) : [];
      for (const entry of entries) {
        if (!entry || entry.group !== group || typeof entry.phrase !== 'string') continue;
        const source = literalPhraseSource(entry.phrase.slice(0, MAX_CUSTOM_LENGTH));
        if (source.length === 0) continue;
        phrases.push({ group, language, weight: GROUP_WEIGHTS[group], custom: true, source });
      }
    }
  }
  return phrases;
}

let builtIn: Matcher | null = null;

function builtInMatcher(): Matcher {
  if (!builtIn) {
    const phrases = builtInPhrases();
    builtIn = { regexes: compileRegexes(phrases), phrases };
  }
  return builtIn;
}

/**
 * Compiles the built-in phrases plus an admin's custom ones. The built-in regexes are compiled once and shared;
 * custom phrases (plain text, escaped) get small regexes of their own.
 */
export function compileMatcher(custom?: CustomPhrases | null): Matcher {
  const base = builtInMatcher();
  if (!custom) return base;
  const extra = customPhrases(custom);
  if (extra.length === 0) return base;
  return { regexes: [...compileRegexes(extra), ...base.regexes], phrases: [...extra, ...base.phrases] };
}

const customCache = new Map<string, Matcher>();
const CUSTOM_CACHE_SIZE = 8;

/** The compiled matcher for these custom phrases (built once per distinct set, then reused). */
export function matcherFor(custom?: CustomPhrases | null): Matcher {
  const hasCustom = !!custom && LANGUAGES.some((l) => Array.isArray(custom[l]) && custom[l].length > 0);
  if (!hasCustom) return builtInMatcher();
  const key = JSON.stringify(LANGUAGES.map((l) => custom[l] ?? []));
  let matcher = customCache.get(key);
  if (!matcher) {
    matcher = compileMatcher(custom);
    if (customCache.size >= CUSTOM_CACHE_SIZE) customCache.delete(customCache.keys().next().value!);
    customCache.set(key, matcher);
  }
  return matcher;
}

// ---------------------------------------------------------------------------------------------------------------
// Negation

const NEGATION_WINDOW = 120;
const CLAUSE_BREAK_ONCE = new RegExp(CLAUSE_BREAK.source, 'u');

function lastClauseStart(before: string): number {
  let cut = 0;
  for (const m of before.matchAll(new RegExp(CLAUSE_BREAK.source, 'gu'))) cut = m.index + m[0].length;
  return cut;
}

function firstClauseEnd(after: string): number {
  const m = CLAUSE_BREAK_ONCE.exec(after);
  return m ? m.index : after.length;
}

const isSentenceEnd = (ch: string): boolean => ch === '.' || ch === '!' || ch === '?';

/**
 * A question ("Why don't you escalate this?", "¿No pueden escalar esto?") asks for it, whatever its negation: the
 * phrase's own clause ends with "?" or opens with "¿".
 */
function inQuestion(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 300);
  const close = firstClauseEnd(after);
  if (after[close] === '?') return true;
  let sentenceStart = Math.max(0, start - 300);
  let clauseOpen = true;
  for (let i = start - 1; i >= 0 && i >= start - 300; i--) {
    const ch = text[i]!;
    if (ch === '¿' && clauseOpen) return true;
    if (ch === ',' || ch === ';') clauseOpen = false;
    if (isSentenceEnd(ch)) {
      sentenceStart = i + 1;
      break;
    }
    if (i === 0) sentenceStart = 0;
  }
  // "Why don't you just escalate this, is that so hard?": a why-question asks for what it seems to negate.
  return WHY_QUESTION.test(text.slice(sentenceStart, start));
}

const WHY_QUESTION = /^\s*(?:why|how come|warum|wieso|weshalb|pourquoi|por que|porque)(?![\p{L}])/u;

export function isNegated(text: string, start: number, end: number): boolean {
  if (inQuestion(text, start, end)) return false;
  let from = Math.max(0, start - NEGATION_WINDOW);
  if (from > 0) {
    // Do not start inside a word ("cannot" must not read as "not").
    const space = text.indexOf(' ', from);
    from = space === -1 || space >= start ? start : space + 1;
  }
  const before = text.slice(from, start);
  if (NEGATION_BEFORE.test(before.slice(lastClauseStart(before)))) return true;
  const after = text.slice(end, end + NEGATION_WINDOW);
  return NEGATION_AFTER.test(after.slice(0, firstClauseEnd(after)));
}

// ---------------------------------------------------------------------------------------------------------------
// Scanning

function advance(text: string, index: number): number {
  const cp = text.codePointAt(index);
  return index + (cp !== undefined && cp > 0xffff ? 2 : 1);
}

/** Finds every phrase in `original` (already quote-stripped); `folded` is `foldWithMap(original)` when at hand. */
export function findPhrases(original: string, matcher: Matcher, folded: FoldedText = foldWithMap(original)): Hit[] {
  const text = folded.text;
  const hits: Hit[] = [];
  for (const { regex, phrases } of matcher.regexes) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      let index = -1;
      for (let g = 1; g < m.length; g++) {
        if (m[g] !== undefined) {
          index = g - 1;
          break;
        }
      }
      const phrase = phrases[index];
      const start = m.index;
      const end = m.index + m[0].length;
      // Next attempt one character on, so a phrase inside another ("keep asking for a manager") is still seen.
      regex.lastIndex = advance(text, start);
      if (!phrase || end === start) continue;
      const negated = NEGATABLE_GROUPS.has(phrase.group) && isNegated(text, start, end);
      hits.push({
        group: phrase.group,
        language: phrase.language,
        weight: phrase.weight,
        text: originalSlice(original, folded, start, end).trim(),
        key: m[0],
        start: folded.starts[start]!,
        end: folded.ends[end - 1]!,
        negated,
      });
    }
  }
  // Chunks are in group order; sorting by position (stronger group first on a tie) keeps overlap handling stable.
  const rank = (h: Hit): number => MATCH_ORDER.indexOf(h.group);
  hits.sort((a, b) => a.start - b.start || rank(a) - rank(b) || b.weight - a.weight || b.end - a.end);
  return dropOverlaps(hits);
}

/** Of overlapping hits in one group, keeps the first (the regex prefers stronger and longer phrases). */
function dropOverlaps(hits: Hit[]): Hit[] {
  const kept: Hit[] = [];
  for (const hit of hits) {
    const clash = kept.some((k) => k.group === hit.group && k.negated === hit.negated && hit.start < k.end && k.start < hit.end);
    if (!clash) kept.push(hit);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------------------
// Shouting and "!!!"

const WORD = /\p{L}+/gu;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const SHOUT_WEIGHT = 0.25;
const BANG_WEIGHT = 0.15;

/** ALL CAPS: a run of at least three capitalised words with 12+ letters, or a message written mostly in capitals. */
export function findShouting(original: string): Hit | null {
  const words: { start: number; end: number; caps: boolean; length: number }[] = [];
  for (const m of original.matchAll(WORD)) {
    const w = m[0];
    words.push({ start: m.index, end: m.index + w.length, caps: UPPER.test(w) && !LOWER.test(w), length: w.length });
  }
  let best: { from: number; to: number; letters: number } | null = null;
  let runFrom = -1;
  let letters = 0;
  let longWords = 0;
  const close = (to: number): void => {
    if (runFrom >= 0 && to - runFrom >= 3 && letters >= 12 && longWords >= 2 && (!best || letters > best.letters)) {
      best = { from: runFrom, to, letters };
    }
    runFrom = -1;
    letters = 0;
    longWords = 0;
  };
  words.forEach((w, i) => {
    if (w.caps) {
      if (runFrom < 0) runFrom = i;
      letters += w.length;
      if (w.length >= 3) longWords++;
    } else close(i);
  });
  close(words.length);
  const significant = words.filter((w) => w.length >= 2);
  const capsCount = significant.filter((w) => w.caps).length;
  const mostlyCaps = capsCount >= 5 && capsCount / significant.length >= 0.6;
  const run = best as { from: number; to: number } | null;
  if (!run && !mostlyCaps) return null;
  const from = run ? run.from : words.findIndex((w) => w.caps && w.length >= 2);
  const to = run ? Math.min(run.to, run.from + 8) : Math.min(words.length, from + 8);
  let last = to - 1;
  while (last > from && !words[last]!.caps) last--;
  const text = original.slice(words[from]!.start, words[last]!.end);
  return { group: 'sentiment', language: null, weight: SHOUT_WEIGHT, text, key: text.toLowerCase(), start: words[from]!.start, end: words[last]!.end, negated: false };
}

const BANGS = /[!?]{3,}/u;

export function findExclamations(original: string): Hit | null {
  const m = BANGS.exec(original);
  if (!m) return null;
  const text = m[0].slice(0, 10);
  return { group: 'sentiment', language: null, weight: BANG_WEIGHT, text, key: '!!!', start: m.index, end: m.index + m[0].length, negated: false };
}


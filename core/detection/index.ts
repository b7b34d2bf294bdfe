// Escalation-request detection on a ticket's conversation: does the customer ask for an escalation (a manager,
// a human, "escalate this"), or push towards one (threats, repeated chasing, anger)?
//
// Only the customer's public messages count (never agents' replies or internal notes). Quoted e-mail history is
// stripped first, so an old request quoted under a new "thanks, it works" does not fire. Phrases are matched
// accent- and case-insensitively on word boundaries in English, German, French and Spanish, plus the admin's
// custom phrases; a negated phrase ("no need to escalate", "kein Manager nötig") does not count, and a newer message
// that withdraws the request ("please don't escalate after all") cancels older explicit requests.
//
// Scoring: within a message, each group (explicit, human, threat, repetition, sentiment) adds its phrases'
// weights as a noisy-OR, capped per group, and the groups combine the same way. An explicit request alone reaches
// 0.9; a request for a human or a threat alone reaches the 0.5 threshold; repetition and sentiment only add up.
// Older messages count less (0.1 less per newer customer message, never below x0.6, so an explicit request anywhere
// in the recent thread still fires). The message with the highest weighted score is the one reported.
import type { CustomPhrases, Language, PhraseGroup } from '../policy';
import { LANGUAGES, PHRASE_GROUPS } from '../policy';
import type { TicketMessage } from '../schemas';
import { findExclamations, findPhrases, findShouting, matcherFor, type Hit } from './matcher';
import { fold, foldWithMap } from './normalise';
import { GROUP_CAPS, STOPWORDS } from './phrases';
import { stripQuotedText } from './quotes';

export interface Detection {
  detected: boolean;
  /** 0..1. At or above `DETECTION_THRESHOLD` the request counts as detected. */
  confidence: number;
  /**
   * The customer message that triggered it (newest weighted most). When nothing is detected, this and the fields
   * below describe the strongest signal below the threshold, if any (message null when there was none).
   */
  message: TicketMessage | null;
  /** The phrases/words matched, as they appear in the message; never more text than the matches themselves. */
  matched: string[];
  /** explicit | human | repetition | threat | sentiment, in that canonical order. */
  groups: PhraseGroup[];
  language: Language | null;
}

export const DETECTION_THRESHOLD = 0.5;
/** Only the newest customer messages are read; older ones would weigh too little to matter anyway. */
export const MAX_MESSAGES_READ = 25;
/** Longer bodies are cut (the schema caps them at 20,000 characters already). */
export const MAX_BODY_CHARS = 20_000;
/** Customer messages in a row without a public agent reply before that counts as repetition on its own. */
export const UNANSWERED_STREAK = 3;
const UNANSWERED_WEIGHT = 0.25;
const RECENCY_STEP = 0.1;
const RECENCY_FLOOR = 0.6;
const MAX_MATCHED = 50;
const MAX_MATCHED_CHARS = 200;

/** What one message's text says, before recency weighting. */
export interface TextAnalysis {
  confidence: number;
  detected: boolean;
  matched: string[];
  groups: PhraseGroup[];
  language: Language | null;
  /** Phrases that matched but were negated ("no need to escalate"): reported for transparency, never scored. */
  negated: string[];
}

interface Analysed {
  readonly hits: readonly Hit[];
  readonly negated: readonly Hit[];
  readonly folded: string;
}

function analyse(body: string, custom: CustomPhrases | null | undefined): Analysed {
  const visible = stripQuotedText(body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body);
  const folded = foldWithMap(visible);
  const all = findPhrases(visible, matcherFor(custom), folded);
  const shouting = findShouting(visible);
  const bangs = findExclamations(visible);
  const hits = all.filter((h) => !h.negated);
  if (shouting) hits.push(shouting);
  if (bangs) hits.push(bangs);
  return { hits, negated: all.filter((h) => h.negated), folded: folded.text };
}

function score(hits: readonly Hit[]): number {
  let remaining = 1;
  for (const group of PHRASE_GROUPS) {
    const seen = new Set<string>();
    let groupRemaining = 1;
    for (const hit of hits) {
      if (hit.group !== group || seen.has(hit.key)) continue;
      seen.add(hit.key);
      groupRemaining *= 1 - hit.weight;
    }
    remaining *= 1 - Math.min(GROUP_CAPS[group], 1 - groupRemaining);
  }
  return 1 - remaining;
}

function groupsOf(hits: readonly Hit[]): PhraseGroup[] {
  return PHRASE_GROUPS.filter((g) => hits.some((h) => h.group === g));
}

function matchedOf(hits: readonly Hit[]): string[] {
  const textual = hits.filter((h) => h.text.length > 0);
  // A match inside a longer one ("UNACCEPTABLE" inside the shouted "THIS IS UNACCEPTABLE") is shown once.
  const outer = textual.filter(
    (h) => !textual.some((o) => o !== h && o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start),
  );
  const seen = new Set<string>();
  const out: string[] = [];
  for (const hit of outer.sort((a, b) => a.start - b.start)) {
    const text = hit.text.slice(0, MAX_MATCHED_CHARS).trim();
    const key = fold(text);
    if (!text || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
    if (out.length >= MAX_MATCHED) break;
  }
  return out;
}

const TOKEN = /[\p{L}']+/gu;

function languageOf(hits: readonly Hit[], folded: string): Language | null {
  const counts = new Map<Language, number>(LANGUAGES.map((l) => [l, 0]));
  const tokens = folded.match(TOKEN) ?? [];
  for (const token of tokens.slice(0, 2000)) {
    for (const language of LANGUAGES) if (STOPWORD_SETS[language].has(token)) counts.set(language, counts.get(language)! + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first && second && first[1] >= 2 && first[1] > second[1]) return first[0];
  const byHits = new Map<Language, number>();
  for (const hit of hits) if (hit.language) byHits.set(hit.language, (byHits.get(hit.language) ?? 0) + hit.weight);
  const topHit = [...byHits.entries()].sort((a, b) => b[1] - a[1])[0];
  if (topHit) return topHit[0];
  if (first && second && first[1] >= 1 && first[1] > second[1]) return first[0];
  return null;
}

const STOPWORD_SETS: Readonly<Record<Language, ReadonlySet<string>>> = {
  en: new Set(STOPWORDS.en),
  de: new Set(STOPWORDS.de),
  fr: new Set(STOPWORDS.fr),
  es: new Set(STOPWORDS.es),
};

const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * Analyses one piece of customer text on its own (quote stripping included): for previews, such as an admin
 * trying custom phrases on the options page.
 */
export function analyseText(text: string, custom?: CustomPhrases | null): TextAnalysis {
  const a = analyse(text, custom);
  const confidence = round(score(a.hits));
  return {
    confidence,
    detected: confidence >= DETECTION_THRESHOLD,
    matched: matchedOf(a.hits),
    groups: groupsOf(a.hits),
    language: a.hits.length > 0 ? languageOf(a.hits, a.folded) : null,
    negated: matchedOf(a.negated),
  };
}

function chronological(messages: readonly TicketMessage[]): TicketMessage[] {
  const times = messages.map((m) => (m.createdAt ? Date.parse(m.createdAt) : Number.NaN));
  if (times.some((t) => Number.isNaN(t))) return [...messages];
  return messages
    .map((m, i) => ({ m, i, t: times[i]! }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.m);
}

const isCustomerPublic = (m: TicketMessage): boolean => m.authorRole === 'customer' && m.visibility === 'public';
const isAgentPublic = (m: TicketMessage): boolean => m.authorRole === 'agent' && m.visibility === 'public';

const UNANSWERED_HIT: Hit = { group: 'repetition', language: null, weight: UNANSWERED_WEIGHT, text: '', key: '#unanswered', start: 0, end: 0, negated: false };

/**
 * Does the customer ask for an escalation? Reads the customer's public messages (newest weighted most); agents'
 * replies, internal notes and system messages are never scored. Messages are taken in `createdAt` order when every
 * message has one, else in the order given (oldest first, as helpdesks show them).
 */
export function detectEscalationRequest(messages: readonly TicketMessage[], custom?: CustomPhrases): Detection {
  const ordered = chronological(messages);
  let streak = 0;
  for (let i = ordered.length - 1; i >= 0; i--) {
    const m = ordered[i]!;
    if (isAgentPublic(m)) break;
    if (isCustomerPublic(m)) streak++;
  }
  const customer = ordered.filter(isCustomerPublic).slice(-MAX_MESSAGES_READ).reverse();

  let best: { message: TicketMessage; weighted: number; hits: readonly Hit[]; folded: string } | null = null;
  let withdrawn = false;
  customer.forEach((message, age) => {
    const a = analyse(typeof message.body === 'string' ? message.body : '', custom);
    let hits: Hit[] = [...a.hits];
    if (age === 0 && streak >= UNANSWERED_STREAK) hits.push(UNANSWERED_HIT);
    // A newer message withdrew the request: older requests for a manager or a human no longer count.
    if (withdrawn) hits = hits.filter((h) => h.group !== 'explicit' && h.group !== 'human');
    const retracts = a.negated.some((h) => h.group === 'explicit' || h.group === 'human');
    const asks = a.hits.some((h) => h.group === 'explicit');
    if (retracts && !asks) withdrawn = true;
    const weighted = score(hits) * Math.max(RECENCY_FLOOR, 1 - RECENCY_STEP * age);
    if (hits.length > 0 && (!best || weighted > best.weighted)) best = { message, weighted, hits, folded: a.folded };
  });

  if (!best) return { detected: false, confidence: 0, message: null, matched: [], groups: [], language: null };
  const found = best as { message: TicketMessage; weighted: number; hits: readonly Hit[]; folded: string };
  const confidence = round(found.weighted);
  return {
    detected: confidence >= DETECTION_THRESHOLD,
    confidence,
    message: found.message,
    matched: matchedOf(found.hits),
    groups: groupsOf(found.hits),
    language: languageOf(found.hits, found.folded),
  };
}

export { stripQuotedText } from './quotes';
export { fold } from './normalise';

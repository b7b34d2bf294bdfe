// The popup's first questions to the background, asked before its page has loaded. Opening the popup is a race
// between the page's scripts (Preact, the views) and the background's first answers (which, for a new page, include
// setting up its channel to the worker); asking in a tiny script at the top of the page runs them side by side. The
// page's own sender then takes each prefetched answer once, for the same message, instead of asking again.
import { QUEUE_CAP, QUEUE_PAGE } from '../../core/constants';
import type { Message } from '../../core/messages';
import { parseRoute } from './route';

/** Where the page keeps the prefetched answers (its own window; extension pages only). */
export const PREFETCH_GLOBAL = '__escalationDeskPrefetch';

/** The queue the popup asks for when `shown` of it are on screen. */
export function queueMessage(shown: number): Message {
  return { type: 'queue.get', limit: Math.min(QUEUE_CAP, shown), rows: true };
}

/** What a popup opened at `hash` asks first: who the user is and, on the queue, its first page. */
export function firstMessages(hash: string): Message[] {
  return parseRoute(hash).view === 'queue' ? [{ type: 'whoami' }, queueMessage(QUEUE_PAGE)] : [{ type: 'whoami' }];
}

/** The key a message's answer is kept under: its JSON (messages are plain data). */
const keyOf = (message: unknown) => JSON.stringify(message);

/**
 * A prefetched answer not taken within this long is dropped: it was for the page's first load, and a later load
 * (after the user went elsewhere in the popup and came back) must ask the background for what is true now.
 */
export const PREFETCH_FRESH_MS = 5_000;

type Prefetched = Map<string, { answer: Promise<unknown>; at: number }>;

/** Asks the first messages now and keeps their answers in `target` for `takePrefetched`. */
export function prefetch(target: Record<string, unknown>, hash: string, send: (message: unknown) => Promise<unknown>, now = Date.now): void {
  const answers: Prefetched = new Map();
  for (const message of firstMessages(hash)) {
    const answer = send(message);
    answer.catch(() => undefined); // a failure is the page's to see when it takes the answer, never unhandled here
    answers.set(keyOf(message), { answer, at: now() });
  }
  target[PREFETCH_GLOBAL] = answers;
}

/** The prefetched answer to exactly this message, once and while fresh; null otherwise (ask the background then). */
export function takePrefetched(source: Record<string, unknown>, message: unknown, now = Date.now): Promise<unknown> | null {
  const answers = source[PREFETCH_GLOBAL];
  if (!(answers instanceof Map)) return null;
  const key = keyOf(message);
  const kept = (answers as Prefetched).get(key);
  if (!kept) return null;
  answers.delete(key);
  return now() - kept.at <= PREFETCH_FRESH_MS ? kept.answer : null;
}

// UI strings for the panel, the popup and the options page come from public/_locales/<lang>/messages.json.
// Components call `t(key, ...substitutions)`; the lookup behind it is injected: the entrypoints install the
// browser's own (`browser.i18n.getMessage`, which follows the browser's language, with the browser's own fallback
// to the default English); outside the extension (unit tests) the test setup installs English read from
// messages.json with `installFallbackMessages`. The JSON is not bundled: it would add 16 kB to every content script.
import { duration } from './format';

export interface MessageEntry {
  readonly message: string;
  readonly description?: string;
  readonly placeholders?: Readonly<Record<string, { readonly content: string; readonly example?: string }>>;
}
export type Messages = Readonly<Record<string, MessageEntry>>;

/** Answers a message for a key with its substitutions, or '' when it has none (as `i18n.getMessage` does). */
export type MessageLookup = (key: string, substitutions?: string[]) => string;

/**
 * The `i18n.getMessage` algorithm over a parsed messages.json: named placeholders (`$COUNT$`) are replaced by their
 * `content`, then `$1`..`$9` by the substitutions; `$$` is a literal dollar sign. Keys are case-insensitive.
 */
export function lookupFrom(messages: Messages): MessageLookup {
  const byKey = new Map(Object.entries(messages).map(([key, entry]) => [key.toLowerCase(), entry]));
  return (key, substitutions = []) => {
    const entry = byKey.get(key.toLowerCase());
    if (!entry) return '';
    const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
    const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole);
    return named.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
  };
}

/** Until something better is installed, a missing message shows its key: visible, never an empty label. */
let english: MessageLookup = (key) => key;

/** Outside the extension (unit tests, Node): answer from these messages. */
export function installFallbackMessages(messages: Messages): void {
  english = lookupFrom(messages);
  active = null;
}
let active: MessageLookup | null = null;
let language = 'en';

interface ChromeI18n {
  getMessage(key: string, substitutions?: string[]): string;
  getUILanguage(): string;
}

/**
 * Before any entrypoint installs a lookup (a content script's panel renders from several entry files), the
 * browser's own i18n is used when this code runs inside the extension, else English.
 */
function detect(): MessageLookup {
  const i18n = (globalThis as { chrome?: { i18n?: Partial<ChromeI18n>; runtime?: { id?: string } } }).chrome;
  if (i18n?.runtime?.id && typeof i18n.i18n?.getMessage === 'function' && typeof i18n.i18n.getUILanguage === 'function') {
    const api = i18n.i18n as ChromeI18n;
    try {
      installMessages((key, substitutions) => api.getMessage(key, substitutions), api.getUILanguage());
      return active!;
    } catch {
      // Not a real extension context (a test's stand-in): English.
    }
  }
  active = english;
  return english;
}

/**
 * Installs the browser's lookup (entrypoints: `installMessages(browser.i18n.getMessage, browser.i18n.getUILanguage())`).
 * A key the browser does not answer falls back to English, so a stale locale never shows an empty label.
 */
export function installMessages(lookup: MessageLookup, uiLanguage?: string): void {
  active = (key, substitutions) => {
    let answer = '';
    try {
      answer = lookup(key, substitutions);
    } catch {
      answer = '';
    }
    return answer || english(key, substitutions);
  };
  // Each messages.json names its own language ("locale_code"), so `lang` matches the messages actually chosen;
  // getUILanguage() can differ (headless Chromium with LANGUAGE=de answers "en-US" yet picks the German messages).
  let locale = '';
  try {
    locale = lookup('locale_code');
  } catch {
    locale = '';
  }
  const chosen = locale || uiLanguage;
  if (chosen) language = chosen.replace('_', '-');
}

/** Back to the English messages (tests). */
export function resetMessages(): void {
  active = english;
  language = 'en';
}

/** The UI language the messages come in, for `lang` attributes ("en", "de", "en-US"). */
export function uiLanguage(): string {
  if (!active) detect();
  return language;
}

/** The message for `key` with `$1`-style substitutions; the key itself when no locale has it (visible, never blank). */
export function t(key: string, ...substitutions: Array<string | number>): string {
  return (active ?? detect())(key, substitutions.map(String)) || key;
}

// Wording helpers the panel and the popup share, in the active language.

/** The escalation's state in words ("Escalation approved"). */
export function stateLabel(state: string): string {
  return t(`state_${state}`);
}

/** "every 2 hours" as the words after "Customer updates every …": "2 hours", "day", "30 minutes". */
export function cadenceText(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? t('cadence_day') : t('cadence_days', minutes / 1440);
  if (minutes % 60 === 0) return minutes === 60 ? t('cadence_hour') : t('cadence_hours', minutes / 60);
  return t('cadence_minutes', minutes);
}

/** "due in 12 min" / "overdue by 5 min", relative to now. */
export function dueText(dueIso: string, now: Date): string {
  const minutes = Math.round((Date.parse(dueIso) - now.getTime()) / 60_000);
  return minutes >= 0 ? t('due_in', duration(minutes)) : t('overdue_by', duration(-minutes));
}

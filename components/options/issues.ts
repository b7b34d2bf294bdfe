// Field-level errors for the options page: zod issues (from the page's own check before sending, or the
// background's `error.issues`) turned into short sentences keyed by the field's dotted path.
import type { z } from 'zod';
import { t } from '../i18n';

/** Dotted path -> what is wrong with that field, in words an admin understands. */
export type FieldErrors = Readonly<Record<string, string>>;

export const NO_ERRORS: FieldErrors = Object.freeze({});

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** One zod issue in plain words. `hints` may name what a pattern expects, by path. */
export function describeIssue(issue: z.core.$ZodIssue, hints: Readonly<Record<string, string>> = {}): string {
  const path = issue.path.map(String).join('.');
  const hint = hints[path] ?? hints[String(issue.path[issue.path.length - 1] ?? '')];
  switch (issue.code) {
    case 'invalid_type': {
      const expected = String((issue as { expected?: unknown }).expected ?? '');
      if (expected === 'number' || expected === 'int') return expected === 'int' ? t('options_issue_whole_number') : t('options_issue_number');
      if (expected === 'string') return t('options_issue_value');
      return sentence(issue.message);
    }
    case 'too_small': {
      const minimum = Number((issue as { minimum?: unknown }).minimum);
      if (issue.origin === 'string') return minimum <= 1 ? t('options_issue_empty') : t('options_issue_min_chars', minimum);
      if (issue.origin === 'array') return minimum === 1 ? t('options_issue_min_entries_one') : t('options_issue_min_entries_many', minimum);
      return t('options_issue_min', minimum);
    }
    case 'too_big': {
      const maximum = Number((issue as { maximum?: unknown }).maximum);
      if (issue.origin === 'string') return t('options_issue_max_chars', maximum);
      if (issue.origin === 'array') return t('options_issue_max_entries', maximum);
      return t('options_issue_max', maximum);
    }
    case 'invalid_format':
      return hint ?? sentence(issue.message);
    case 'invalid_value':
      return hint ?? sentence(issue.message);
    default:
      return sentence(issue.message);
  }
}

/** Keeps the first message per path (the most basic problem of a field is the useful one). */
export function fieldErrorsFromZod(error: z.ZodError, hints: Readonly<Record<string, string>> = {}): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in out)) out[path] = describeIssue(issue, hints);
  }
  return out;
}

/**
 * The background's `error.issues` for a message: paths are relative to the message (`settings.policy.tags.approved`).
 * `prefix` strips the part up to the section's own root (`settings.policy.`).
 */
export function fieldErrorsFromIssues(issues: ReadonlyArray<{ readonly path: string; readonly message: string }> | undefined, prefix = ''): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const path = prefix && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
    if (!(path in out)) out[path] = sentence(issue.message);
  }
  return out;
}

export function errorCount(errors: FieldErrors): number {
  return Object.keys(errors).length;
}

/** Errors under one dotted prefix, re-keyed relative to it. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: Record<string, string> = {};
  const head = `${prefix}.`;
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) out[''] = message;
    else if (path.startsWith(head)) out[path.slice(head.length)] = message;
  }
  return out;
}

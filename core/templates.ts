// Customer-message templates: `{{variable}}` placeholders, validated per message kind, rendered to plain text.
// A message to a customer never shows "undefined", "null" or an empty hole: a missing value is an error the agent
// sees before anything is inserted into the reply box.
import type { CustomerMessageKind, Escalation } from './schemas';

const COMMON = ['customerName', 'subject', 'ticketId', 'agentName', 'severity', 'requestedAt'] as const;

/** The variables each kind of message may use. */
export const TEMPLATE_VARIABLES: Record<CustomerMessageKind, readonly string[]> = Object.freeze({
  approved: Object.freeze([...COMMON, 'nextUpdateAt', 'updateInterval', 'newPriority', 'rationale']),
  declined: Object.freeze([...COMMON, 'declineReason']),
  progress: Object.freeze([...COMMON, 'progressText', 'nextUpdateAt', 'updateInterval', 'newPriority']),
  resolution: Object.freeze([...COMMON, 'resolutionSummary']),
});

/** What each variable holds, for the template editor. */
export const TEMPLATE_VARIABLE_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  customerName: "The customer's name as the helpdesk shows it.",
  subject: "The ticket's subject.",
  ticketId: "The ticket's number or id in the helpdesk.",
  agentName: 'The name of the agent sending the message.',
  severity: 'The severity of the escalation (S1 to S4).',
  requestedAt: 'When the escalation was requested, e.g. "Friday 27 November, 15:00 UTC".',
  nextUpdateAt: 'When the customer gets the next update at the latest, e.g. "Friday 27 November, 15:00 UTC".',
  updateInterval: 'How often the customer gets an update after approval, e.g. "4 hours".',
  newPriority: 'The priority the ticket was raised to on approval (low, normal, high, urgent).',
  rationale: "The manager's reason for approving. It becomes visible to the customer if you use it.",
  declineReason: 'Why the escalation was not approved, as the manager wrote it for the customer.',
  progressText: 'The progress update the agent writes.',
  resolutionSummary: 'How the issue was solved.',
});

const ALL_VARIABLES: ReadonlySet<string> = new Set(Object.values(TEMPLATE_VARIABLES).flat());
const TEMPLATE_MAX = 5000;
const TOKEN = /\{\{|\}\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

interface Placeholder {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

interface Scan {
  readonly placeholders: readonly Placeholder[];
  readonly errors: readonly string[];
}

/** Reads the `{{…}}` placeholders and reports unbalanced braces and malformed names (1-based character positions). */
function scan(text: string): Scan {
  const placeholders: Placeholder[] = [];
  const errors: string[] = [];
  let open = -1;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    if (m[0] === '{{') {
      if (open >= 0) errors.push(`"{{" at character ${open + 1} is not closed before the next "{{" at character ${at + 1}.`);
      open = at;
      continue;
    }
    if (open < 0) {
      errors.push(`"}}" at character ${at + 1} has no opening "{{".`);
      continue;
    }
    const inner = text.slice(open + 2, at);
    const name = inner.trim();
    if (name.length === 0) errors.push(`Empty placeholder "{{}}" at character ${open + 1}.`);
    else if (!NAME.test(name)) errors.push(`"{{${inner}}}" at character ${open + 1} is not a variable name: use letters and digits, e.g. {{customerName}}.`);
    else placeholders.push({ name, start: open, end: at + 2 });
    open = -1;
  }
  if (open >= 0) errors.push(`"{{" at character ${open + 1} is never closed with "}}".`);
  return { placeholders, errors };
}

const list = (names: readonly string[]): string => names.map((n) => `{{${n}}}`).join(', ');

function unknownVariableError(kind: CustomerMessageKind, name: string): string {
  const allowed = TEMPLATE_VARIABLES[kind];
  if (ALL_VARIABLES.has(name)) return `{{${name}}} cannot be used in the ${kind} message. Allowed here: ${list(allowed)}.`;
  const sameLetters = allowed.find((v) => v.toLowerCase() === name.toLowerCase());
  const hint = sameLetters ? ` Did you mean {{${sameLetters}}}?` : '';
  return `Unknown variable {{${name}}}.${hint} Allowed here: ${list(allowed)}.`;
}

/** Checks a template for one kind of message: not empty, braces balanced, only that kind's variables. */
export function validateTemplate(kind: CustomerMessageKind, text: string): { ok: true } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (typeof text !== 'string' || text.trim().length === 0) return { ok: false, errors: ['The template is empty.'] };
  if (text.length > TEMPLATE_MAX) errors.push(`The template is ${text.length} characters long; the limit is ${TEMPLATE_MAX}.`);
  const { placeholders, errors: syntax } = scan(text);
  errors.push(...syntax);
  const reported = new Set<string>();
  for (const { name } of placeholders) {
    if (TEMPLATE_VARIABLES[kind].includes(name) || reported.has(name)) continue;
    reported.add(name);
    errors.push(unknownVariableError(kind, name));
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

/**
 * Fills a template. Every placeholder needs a non-blank value: otherwise the result lists what is `missing`
 * (variables without a value, and variables this kind of message does not allow) and no text is produced. Values
 * are inserted as they are, trimmed, in one pass (a value containing "{{x}}" stays literal). Plain text in, plain
 * text out: nothing is escaped or interpreted as HTML. A malformed template also fails, with `errors` saying why.
 */
export function renderTemplate(
  kind: CustomerMessageKind,
  text: string,
  vars: Readonly<Record<string, string | null | undefined>>,
): { ok: true; text: string } | { ok: false; missing: string[]; errors?: string[] } {
  const validation = validateTemplate(kind, text);
  const { placeholders } = typeof text === 'string' ? scan(text) : { placeholders: [] };
  const missing: string[] = [];
  const values = new Map<string, string>();
  for (const { name } of placeholders) {
    if (values.has(name) || missing.includes(name)) continue;
    const raw = TEMPLATE_VARIABLES[kind].includes(name) && Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value.length === 0) missing.push(name);
    else values.set(name, value);
  }
  if (!validation.ok) return { ok: false, missing, errors: validation.errors };
  if (missing.length > 0) return { ok: false, missing };
  let out = '';
  let from = 0;
  for (const p of placeholders) {
    out += text.slice(from, p.start) + values.get(p.name)!;
    from = p.end;
  }
  out += text.slice(from);
  return { ok: true, text: out };
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const DEFAULT_LOCALE = 'en-GB';
const DEFAULT_TIME_ZONE = 'UTC';

function usableTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

function usableLocale(locale: string | undefined): string {
  if (!locale) return DEFAULT_LOCALE;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function yearIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date);
}

/**
 * A date and time for a customer: "Friday 27 November, 15:00 UTC" (en-GB), "Freitag, 27. November, 15:00 UTC" (de).
 * The year is added when it differs from `now`'s. An unknown time zone falls back to UTC, an unknown locale to en-GB.
 * Returns null for a missing or invalid time.
 */
export function formatCustomerDateTime(
  iso: string | null | undefined,
  options: { now: Date; timeZone?: string; locale?: string },
): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const timeZone = usableTimeZone(options.timeZone);
  const locale = usableLocale(options.locale);
  const sameYear = Number.isNaN(options.now.getTime()) || yearIn(date, timeZone) === yearIn(options.now, timeZone);
  const day = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' as const }),
  }).format(date);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(date);
  return `${day}, ${time}`;
}

/** A duration for a customer: "4 hours", "1 day", "90 minutes" (in the locale's words). */
export function formatInterval(minutes: number, locale?: string): string | null {
  if (!Number.isFinite(minutes) || minutes <= 0) return null;
  const loc = usableLocale(locale);
  const [amount, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [Math.round(minutes), 'minute'];
  return new Intl.NumberFormat(loc, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

const textOrNull = (value: string | null | undefined): string | null => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed.length > 0 ? trimmed : null;
};

/**
 * The values for every template variable, from an escalation. A value that does not apply or is unknown is null
 * (`renderTemplate` then reports it as missing rather than printing a hole). `progressText` and
 * `resolutionSummary` default to the escalation's latest progress update and its recorded resolution.
 */
export function templateVariables(input: {
  escalation: Escalation;
  agentName: string;
  progressText?: string;
  resolutionSummary?: string;
  now: Date;
  timeZone?: string;
  locale?: string;
}): Record<string, string | null> {
  const { escalation: e, now } = input;
  const when = { now, ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}), ...(input.locale !== undefined ? { locale: input.locale } : {}) };
  const approved = e.decision?.outcome === 'approved' ? e.decision : null;
  const declined = e.decision?.outcome === 'declined' ? e.decision : null;
  const lastProgress = e.progressUpdates.length > 0 ? e.progressUpdates[e.progressUpdates.length - 1]!.text : null;
  return {
    customerName: textOrNull(e.customer.name),
    subject: textOrNull(e.subject),
    ticketId: textOrNull(e.ticket.ticketId),
    agentName: textOrNull(input.agentName),
    severity: e.request.severity,
    requestedAt: formatCustomerDateTime(e.requestedAt, when),
    nextUpdateAt: formatCustomerDateTime(e.nextCustomerUpdateDueAt, when),
    updateInterval: approved ? formatInterval(approved.updateCadenceMinutes, input.locale) : null,
    newPriority: approved ? approved.newPriority : null,
    rationale: approved ? textOrNull(approved.rationale) : null,
    declineReason: declined ? textOrNull(declined.reason) : null,
    progressText: textOrNull(input.progressText ?? lastProgress),
    resolutionSummary: textOrNull(input.resolutionSummary ?? e.resolution?.summary),
  };
}

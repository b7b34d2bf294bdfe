// The custom adapter editor's form model: what the admin types (lines of text, rows) and the definition it
// becomes, plus where each validation error of adapters/custom/definition.ts belongs in the form.
import type { CustomAdapterDefinition } from '../../adapters/custom/definition';
import type { PriorityLevel } from '../../core/schemas';
import { t } from '../i18n';

export const SELECTOR_FIELDS = [
  { key: 'subject', group: 'ticket', required: true, hint: true },
  { key: 'requesterName', group: 'ticket', required: true, hint: true },
  { key: 'requesterEmail', group: 'ticket', required: false, hint: true },
  { key: 'status', group: 'ticket', required: true, hint: true },
  { key: 'priority', group: 'ticket', required: true, hint: true },
  { key: 'assignee', group: 'ticket', required: false, hint: false },
  { key: 'tags', group: 'ticket', required: false, hint: true },
  { key: 'messageItem', group: 'conversation', required: true, hint: true },
  { key: 'messageBody', group: 'conversation', required: true, hint: true },
  { key: 'messageAuthor', group: 'conversation', required: true, hint: true },
  { key: 'customerMessage', group: 'conversation', required: true, hint: true },
  { key: 'internalMessage', group: 'conversation', required: false, hint: true },
  { key: 'messageTime', group: 'conversation', required: false, hint: true },
  { key: 'mountAnchor', group: 'placement', required: true, hint: true },
  { key: 'replyEditor', group: 'placement', required: false, hint: true },
] as const;
// A field's label is the message `options_selector_<key>`; its hint, when `hint` is true, `options_selector_<key>_hint`.
export type SelectorKey = (typeof SELECTOR_FIELDS)[number]['key'];

export interface AdapterForm {
  readonly id: string;
  /** False while the id follows the name; true once typed by hand or when editing a saved adapter. */
  readonly idFixed: boolean;
  readonly label: string;
  /** One match pattern per line. */
  readonly matches: string;
  readonly ticketUrlPattern: string;
  readonly selectors: Readonly<Record<SelectorKey, string>>;
  readonly priorityMap: ReadonlyArray<{ readonly raw: string; readonly level: PriorityLevel }>;
  readonly exampleTickets: ReadonlyArray<{ readonly url: string; readonly ticketId: string }>;
  /** One URL per line. */
  readonly nonTickets: string;
}

const emptySelectors = Object.fromEntries(SELECTOR_FIELDS.map((f) => [f.key, ''])) as Record<SelectorKey, string>;

export const EMPTY_ADAPTER_FORM: AdapterForm = {
  id: '',
  idFixed: false,
  label: '',
  matches: '',
  ticketUrlPattern: '',
  selectors: emptySelectors,
  priorityMap: [],
  exampleTickets: [],
  nonTickets: '',
};

export function slugId(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug ? `custom-${slug}` : '';
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The definition the form describes; blank optional parts are left out (the schema decides what is missing). */
export function formToDefinition(form: AdapterForm): Record<string, unknown> {
  const selectors: Record<string, string> = {};
  for (const field of SELECTOR_FIELDS) {
    const value = form.selectors[field.key].trim();
    if (value !== '' || field.required) selectors[field.key] = value;
  }
  const definition: Record<string, unknown> = {
    id: form.id.trim(),
    label: form.label,
    matches: lines(form.matches),
    ticketUrlPattern: form.ticketUrlPattern.trim(),
    selectors,
  };
  const priorityRows = form.priorityMap.filter((row) => row.raw.trim() !== '');
  if (priorityRows.length > 0) definition.priorityMap = Object.fromEntries(priorityRows.map((row) => [row.raw.trim(), row.level]));
  const tickets = form.exampleTickets.filter((t) => t.url.trim() !== '' || t.ticketId.trim() !== '').map((t) => ({ url: t.url.trim(), ticketId: t.ticketId.trim() }));
  const nonTickets = lines(form.nonTickets);
  if (tickets.length > 0 || nonTickets.length > 0) definition.examples = { tickets, nonTickets };
  return definition;
}

export function definitionToForm(definition: CustomAdapterDefinition): AdapterForm {
  const selectors = { ...emptySelectors };
  for (const field of SELECTOR_FIELDS) selectors[field.key] = definition.selectors[field.key] ?? '';
  return {
    id: definition.id,
    idFixed: true,
    label: definition.label,
    matches: definition.matches.join('\n'),
    ticketUrlPattern: definition.ticketUrlPattern,
    selectors,
    priorityMap: Object.entries(definition.priorityMap ?? {}).map(([raw, level]) => ({ raw, level })),
    exampleTickets: definition.examples?.tickets.map((t) => ({ ...t })) ?? [],
    nonTickets: definition.examples?.nonTickets.join('\n') ?? '',
  };
}

/**
 * Where an error path of the definition shows in the form. List-like inputs (one pattern per line) keep the line
 * number in the message, since the error sits under the whole text area.
 */
export function formErrorKey(path: string, form: AdapterForm): { key: string; prefix: string } {
  let m = /^matches\.(\d+)$/.exec(path);
  if (m) return { key: 'matches', prefix: lineLabel(lines(form.matches)[Number(m[1])], Number(m[1])) };
  m = /^examples\.nonTickets\.(\d+)$/.exec(path);
  if (m) return { key: 'nonTickets', prefix: lineLabel(lines(form.nonTickets)[Number(m[1])], Number(m[1])) };
  m = /^examples\.tickets\.(\d+)\.(url|ticketId)$/.exec(path);
  if (m) {
    // Indexes refer to the non-blank rows that formToDefinition kept.
    const kept = form.exampleTickets.map((t, i) => ({ t, i })).filter(({ t }) => t.url.trim() !== '' || t.ticketId.trim() !== '');
    const row = kept[Number(m[1])]?.i ?? Number(m[1]);
    return { key: `exampleTickets.${row}.${m[2]}`, prefix: '' };
  }
  m = /^priorityMap\.(.+)$/.exec(path);
  if (m) {
    const row = form.priorityMap.findIndex((r) => r.raw.trim() === m![1]);
    return { key: row >= 0 ? `priorityMap.${row}` : 'priorityMap', prefix: '' };
  }
  if (path === '' || path === '(message)') return { key: 'definition', prefix: '' };
  return { key: path, prefix: '' };
}

function lineLabel(value: string | undefined, index: number): string {
  return value ? t('options_line_value', index + 1, value.length > 40 ? `${value.slice(0, 40)}…` : value) : t('options_line', index + 1);
}

/**
 * Validation errors keyed by form field, each message a sentence. A field keeps its first (most basic) problem;
 * the one-per-line fields list each line's.
 */
export function formErrors(errors: ReadonlyArray<{ readonly path: string; readonly message: string }>, form: AdapterForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const { key, prefix } = formErrorKey(error.path, form);
    if (out[key] && prefix === '') continue;
    const text = `${prefix}${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}${/[.!?]$/.test(error.message) ? '' : '.'}`;
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}

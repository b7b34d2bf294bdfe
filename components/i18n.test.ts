// The locales stay in step (same keys, same placeholders in en and de), every key the components ask for exists,
// and the lookup substitutes as the browser's i18n.getMessage does, with English as the fallback.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { render, screen } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMER_MESSAGE_KINDS, DECLINE_CATEGORIES, IMPACTS, RISK_FLAGS, SEVERITIES } from '../core/constants';
import { DEFAULT_POLICY, LANGUAGES, PHRASE_GROUPS, WARNING_KINDS } from '../core/policy';
import { TEMPLATE_VARIABLES } from '../core/templates';
import { SELECTOR_FIELDS } from './options/customAdapterForm';
import { installMessages, lookupFrom, resetMessages, t, type Messages } from './i18n';
import { RequestForm } from './panel/RequestForm';

const root = resolve(__dirname, '..');
const load = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages;
const en = load('en');
const de = load('de');

function placeholdersOf(entry: Messages[string]): Record<string, string> {
  const named = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  // Every $NAME$ used in the message must be declared, and every declared one used.
  const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase());
  expect(new Set(used)).toEqual(new Set(Object.keys(named)));
  return named;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

afterEach(() => resetMessages());

describe('locales', () => {
  it('English and German have the same keys with the same placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect({ key, placeholders: placeholdersOf(de[key]!) }).toEqual({ key, placeholders: placeholdersOf(en[key]!) });
  });

  it('both files stay within what Chrome and Firefox accept: key names, $1..$9 placeholders, non-empty messages', () => {
    for (const [lang, messages] of [['en', en], ['de', de]] as const) {
      for (const [key, entry] of Object.entries(messages)) {
        expect(key, `${lang} key`).toMatch(/^[A-Za-z0-9_]+$/);
        expect(entry.message.trim(), `${lang} ${key}`).not.toBe('');
        const contents = Object.values(entry.placeholders ?? {}).map((p) => p.content);
        for (const content of contents) expect(content, `${lang} ${key}`).toMatch(/^\$[1-9]$/);
        // Substitutions are numbered from $1 without gaps, as t() passes them in order.
        expect(contents.map((c) => Number(c.slice(1))).sort(), `${lang} ${key}`).toEqual(contents.map((_, i) => i + 1));
        // A "$" that is neither a placeholder nor "$$" would be dropped by the browser.
        expect(entry.message.replace(/\$[A-Za-z0-9_]+\$|\$\$|\$[1-9]/g, ''), `${lang} ${key}`).not.toContain('$');
      }
    }
    // Keys are case-insensitive in the browser: no two may differ only in case.
    const lower = Object.keys(en).map((key) => key.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it('German is a translation, not a copy: most messages differ from English', () => {
    const same = Object.keys(en).filter((key) => en[key]!.message === de[key]!.message);
    expect(same.length / Object.keys(en).length).toBeLessThan(0.15);
  });

  it('every key the components ask for with t(\'…\') is in English', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(root, 'components'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_@]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !(key in en))).toEqual([]);
  });

  it('every key built from a domain value (states, impacts, risks, categories, events) is in English', () => {
    const keys = [
      ...['requested', 'approved', 'declined', 'resolved', 'closed', 'withdrawn'].map((s) => `state_${s}`),
      ...IMPACTS.map((i) => `impact_${i.replace(/-/g, '_')}`),
      ...RISK_FLAGS.map((r) => `risk_${r.replace(/-/g, '_')}`),
      ...DECLINE_CATEGORIES.map((c) => `decline_category_${c.replace(/-/g, '_')}`),
      ...CUSTOMER_MESSAGE_KINDS.map((k) => `timeline_informed_${k}`),
      ...['request', 'acknowledge', 'approve', 'decline', 'recordCustomerInformed', 'progressUpdate', 'resolve', 'close', 'withdraw'].map((e) => `event_${e}`),
      // The popup and the options page.
      ...SEVERITIES.flatMap((s) => [`popup_severity_${s}`, `assessment_severity_${s}`]),
      ...['approve', 'decline', 'needs_information'].map((r) => `popup_recommend_${r}`),
      ...['agent', 'manager', 'admin'].flatMap((r) => [`popup_role_${r}`, `options_role_${r}`]),
      ...['resolved', 'closed'].flatMap((s) => ['approved', 'declined', 'undecided'].map((d) => `popup_history_${s}_${d}`)),
      ...LANGUAGES.map((l) => `options_language_${l}`),
      ...PHRASE_GROUPS.map((g) => `options_phrase_group_${g}`),
      ...WARNING_KINDS.flatMap((w) => [`options_warning_${w.replace(/-/g, '_')}`, `options_warning_${w.replace(/-/g, '_')}_hint`]),
      ...CUSTOMER_MESSAGE_KINDS.flatMap((k) => [`options_template_${k}`, `options_template_${k}_when`]),
      ...Object.values(TEMPLATE_VARIABLES).flat().map((v) => `options_template_var_${v}`),
      ...SELECTOR_FIELDS.flatMap((f) => [`options_selector_${f.key}`, ...(f.hint ? [`options_selector_${f.key}_hint`] : [])]),
      ...['ticket', 'conversation', 'placement'].map((g) => `options_selector_group_${g}`),
      ...['added', 'replaced', 'unchanged', 'removed', 'none'].map((s) => `options_data_settings_${s}`),
      ...['escalations', 'events', 'outbox', 'logs'].flatMap((c) => [`options_data_count_${c}_one`, `options_data_count_${c}_many`]),
      ...['customer', 'agent', 'system'].map((r) => `options_author_${r}`),
      ...['public', 'internal'].map((v) => `options_visibility_${v}`),
      ...['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => `options_day_${d}`),
      ...['requested', 'approved', 'declined'].map((s) => `options_tag_when_${s}`),
      ...['day', 'hour', 'minute'].flatMap((u) => [`span_${u}_one`, `span_${u}_many`]),
      ...IMPACTS.map((i) => `assessment_impact_${i.replace(/-/g, '_')}`),
      ...RISK_FLAGS.map((r) => `assessment_risk_${r.replace(/-/g, '_')}`),
      ...['reason', 'severity', 'impact'].map((f) => `warning_field_${f}`),
    ];
    expect(keys.filter((key) => !(key in en))).toEqual([]);
  });
});

describe('lookup', () => {
  it('fills named placeholders from $1-style substitutions, in the German order too', () => {
    const german = lookupFrom(de);
    expect(german('panel_requested_by', ['S2', 'Ada', '5 min'])).toBe('S2 · angefordert von Ada vor 5 min');
    expect(lookupFrom(en)('panel_requested_by', ['S2', 'Ada', '5 min'])).toBe('S2 · requested by Ada 5 min ago');
    expect(lookupFrom({ k: { message: 'costs $$$AMOUNT$', placeholders: { amount: { content: '$1' } } } })('k', ['5'])).toBe('costs $5');
    expect(german('no_such_key')).toBe('');
  });

  it('t() speaks English by default, German once the German lookup is installed, and falls back to English for a missing key', () => {
    expect(t('panel_status_none')).toBe('No escalation');
    installMessages(lookupFrom(de), 'de');
    expect(t('panel_status_none')).toBe('Keine Eskalation');
    expect(t('panel_decision_clock', '10 min', 'fällig in 2 h')).toBe('Wartet seit 10 min auf eine Entscheidung · Entscheidung fällig in 2 h');
    installMessages(lookupFrom({ panel_status_none: { message: 'Keine Eskalation' } }), 'de');
    expect(t('panel_escalate')).toBe('Escalate');
  });

  it('a component renders German labels with the German lookup', () => {
    installMessages(lookupFrom(de), 'de');
    const view = {
      ticket: { site: 'zendesk', ticketId: '1' },
      escalation: null,
      events: [],
      detection: null,
      actionLog: [],
      internalNotes: [],
      sla: null,
      policy: DEFAULT_POLICY,
    };
    render(h(RequestForm, { view: view as never, onSubmit: async () => true, onCancel: () => undefined }));
    expect(screen.getByText('Grund für die Eskalation')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Eskalation anfordern' })).toBeTruthy();
    expect(screen.getByTestId('request-sla').textContent).toBe('SLA: Aus diesem Ticket ließ sich keine SLA-Uhr lesen.');
  });
});

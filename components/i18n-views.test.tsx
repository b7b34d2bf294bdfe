// The popup and the options page speak German when the German messages are installed: each top-level view is
// rendered with public/_locales/de, and known English labels must be gone, their German ones present. Every text
// node and every accessible label (aria-label, title, placeholder) is also checked against the English messages:
// none may show an English message whose German differs (a label that skipped t(), or a key missing in German).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, Response } from '../core/messages';
import type { Actor } from '../core/schemas';
import { installMessages, lookupFrom, resetMessages, type Messages } from './i18n';
import type { Send } from './messaging';
import { renderOptions, startTestBackground } from './options/testing';
import { PopupApp } from './popup/PopupApp';
import { AGENT, buildEscalation, detailFor, MANAGER, queueItem } from './popup/testing';

const root = resolve(__dirname, '..');
const load = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages;
const en = load('en');
const de = load('de');

const NOW = new Date('2026-11-27T12:00:00.000Z');
const clock = () => NOW;
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const ok = <T,>(data: T): Response<T> => ({ ok: true, data });

/** Whole English messages (no placeholders) that read differently in German: none may be on a German screen. */
const ENGLISH_ONLY = Object.keys(en)
  .filter((key) => !en[key]!.placeholders && en[key]!.message.trim().length >= 4 && en[key]!.message !== de[key]?.message)
  .map((key) => ({ key, text: en[key]!.message.trim() }));

/** Each text node and accessible label on the page that is exactly an English message. */
function englishLeftovers(container: ParentNode = document.body): string[] {
  const seen: string[] = [];
  const walker = document.createTreeWalker(container as Node, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) seen.push(node.textContent?.trim() ?? '');
  for (const el of (container as Element).querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) seen.push(value.trim());
    }
  }
  const english = new Map(ENGLISH_ONLY.map((m) => [m.text, m.key]));
  return seen.filter((text) => english.has(text)).map((text) => `${english.get(text)}: "${text}"`);
}

/** All text a person or a screen reader gets: text content plus aria-label, title and placeholder values. */
function allText(container: Element = document.body): string {
  const attributes = [...container.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
    ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? ''),
  );
  return `${container.textContent ?? ''} ${attributes.join(' ')}`;
}

function fakeBackground(handlers: Partial<Record<Message['type'], (message: Message) => Response<unknown>>>, actor: Actor = MANAGER) {
  const send = (async (message: Message) => {
    const handler = handlers[message.type];
    if (handler) return handler(message);
    if (message.type === 'whoami') return ok({ actor, identity: null, locked: [] });
    if (message.type === 'stats.get') return ok({ thisWeek: 12, approvalRate: 0.75, medianMinutesToDecision: 42, approvedOpen: 3 });
    return { ok: false, error: { code: 'internal', message: `unexpected ${message.type}` } };
  }) as Send;
  return { send, subscribe: () => undefined };
}

beforeEach(() => {
  installMessages(lookupFrom(de), 'de');
});
afterEach(() => {
  cleanup();
  resetMessages();
});

describe('the popup in German', () => {
  it('the queue: heading, tabs, numbers, rows and keyboard help are German', async () => {
    window.history.replaceState(null, '', '#/');
    const late = queueItem({ id: 'esc_late0001', requestedAt: minutesAgo(90), severity: 'S2', breachInMinutes: 400, subject: 'Checkout fails' });
    const bg = fakeBackground({ 'queue.get': () => ok({ actor: MANAGER, items: [late] }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await screen.findByTestId('queue-item');
    await waitFor(() => expect(screen.getByTestId('stats').textContent).toContain('12'));
    const text = allText();
    for (const german of ['Wartet auf Entscheidung', 'Warteschlange', 'In Bearbeitung', 'Historie', 'Diese Woche', 'Median bis Entscheidung', 'Entscheidung seit', 'Wartet seit', 'genehmigen', 'Kennzahlen auf einen Blick']) {
      expect(text).toContain(german);
    }
    for (const english of ['Awaiting decision', 'Queue', 'In progress', 'History', 'This week', 'decision overdue by', 'Waiting', 'approve', 'Numbers at a glance']) {
      expect(text).not.toContain(english);
    }
    expect(screen.getByRole('button', { name: /^Warteschlange/ })).toBeTruthy();
    expect(englishLeftovers()).toEqual([]);
  });

  it('an escalation: approve / decline buttons, criteria, recommendation and its reasons are German', async () => {
    const detail = detailFor({ id: 'esc_detail01', requestedAt: minutesAgo(20), severity: 'S2', breachInMinutes: -30 });
    window.history.replaceState(null, '', `#/escalation/${detail.escalation.id}`);
    const bg = fakeBackground({ 'escalation.get': () => ok(detail) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    const view = await screen.findByTestId('escalation-detail');
    expect(screen.getByTestId('approve-button').textContent).toContain('Genehmigen …');
    expect(screen.getByTestId('decline-button').textContent).toContain('Ablehnen …');
    expect(screen.getByTestId('acknowledge-button').textContent).toBe('Bestätigen');
    expect(screen.getByTestId('open-ticket').textContent).toContain('Ticket öffnen');
    const recommendation = screen.getByTestId('recommendation');
    // The reasons come from the assessment's codes, in German: no English sentence of the core is left.
    expect(recommendation.textContent).toContain('Schweregrad S2 (hoch): +28');
    expect(recommendation.textContent).toContain('Auswirkung auf viele Kunden: +18');
    expect(recommendation.textContent).toContain('Die SLA des Tickets ist verletzt, überfällig um');
    for (const reason of detail.assessment.reasons) expect(recommendation.textContent).not.toContain(reason);
    const text = allText(view);
    for (const german of ['Schweregrad und Auswirkung', 'Geschäftsrisiko', 'Reaktions-SLA', 'Bisherige Maßnahmen', 'Begründung des Agenten', 'Die Worte des Kunden', 'Zurück zu „Warteschlange“']) {
      expect(text).toContain(german);
    }
    for (const english of ['Approve…', 'Decline…', 'Open ticket', 'Severity and impact', 'Business risk', 'Response SLA', 'The agent’s reason', 'Back to']) {
      expect(text).not.toContain(english);
    }
    expect(englishLeftovers()).toEqual([]);

    // The decision forms and the notice after a decision.
    fireEvent.click(screen.getByTestId('approve-button'));
    const form = await screen.findByTestId('approve-form');
    expect(within(form).getByRole('button', { name: 'Eskalation genehmigen' })).toBeTruthy();
    expect(englishLeftovers()).toEqual([]);
  });

  it('the history filter and an agent’s own escalations are German', async () => {
    window.history.replaceState(null, '', '#/history');
    const done = buildEscalation({ id: 'esc_hist0001', requestedAt: minutesAgo(600), steps: ['decline'] }).escalation;
    const bg = fakeBackground({ 'history.get': () => ok({ items: [done] }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await screen.findByTestId('history-item');
    expect(screen.getByRole('search', { name: 'Historie filtern' })).toBeTruthy();
    expect(screen.getByLabelText('Status')).toBeTruthy();
    expect(screen.getByTestId('history-item').textContent).toContain('Nicht genehmigt · Nicht schwerwiegend genug');
    expect(englishLeftovers()).toEqual([]);
    cleanup();

    window.history.replaceState(null, '', '#/mine');
    const mine = buildEscalation({ id: 'esc_mine0001', requestedAt: minutesAgo(10) }).escalation;
    const agent = fakeBackground({ 'mine.get': () => ok({ actor: AGENT, items: [mine] }) }, AGENT);
    render(<PopupApp send={agent.send} subscribe={agent.subscribe} clock={clock} />);
    await screen.findByTestId('mine-item');
    expect(screen.getByRole('heading', { name: /Meine Eskalationen/ })).toBeTruthy();
    expect(screen.getByTestId('actor').textContent).toContain('Agent');
    expect(screen.getByTestId('mine-status').textContent).toBe('In Prüfung, wartet auf Entscheidung der Führungskraft');
    expect(allText()).not.toContain('My escalations');
    expect(englishLeftovers()).toEqual([]);
  });

  it('a refusal the background explains by its reason is shown in German', async () => {
    const detail = detailFor({ id: 'esc_stale002', requestedAt: minutesAgo(5) });
    window.history.replaceState(null, '', `#/escalation/${detail.escalation.id}`);
    const message = 'This escalation changed since you loaded it (you saw version 1, it is now at version 2). Reload it and try again.';
    const bg = fakeBackground({ 'escalation.get': () => ok(detail), 'escalation.decide': () => ({ ok: false, error: { code: 'refused', reason: 'stale-version', message } }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    fireEvent.click(await screen.findByTestId('approve-button'));
    fireEvent.input(screen.getByTestId('decision-reason'), { target: { value: 'Umsatzrelevant' } });
    fireEvent.click(screen.getByTestId('decision-submit'));
    expect((await screen.findByTestId('decision-error')).textContent).toBe('Diese Eskalation wurde inzwischen geändert. Laden Sie sie neu und versuchen Sie es noch einmal.');
  });
});

describe('the options page in German', () => {
  it('navigation, section headings, policy warnings and the data buttons are German, with no English label left', async () => {
    window.history.replaceState(null, '', '#policy');
    const background = await startTestBackground();
    renderOptions(background);
    await screen.findByTestId('policy-form');
    // Every section is rendered (one shown at a time), so the whole page can be checked at once.
    const nav = screen.getByRole('navigation', { name: 'Bereiche der Einstellungen' });
    for (const label of ['Helpdesks', 'Eigene Websites', 'Richtlinie', 'Team', 'Vorlagen', 'Daten']) expect(within(nav).getByRole('link', { name: new RegExp(`^${label}`) })).toBeTruthy();
    const headings = screen.getAllByRole('heading', { level: 2, hidden: true }).map((h) => h.textContent);
    expect(headings).toEqual(expect.arrayContaining(['Helpdesks', 'Eigene Websites', 'Richtlinie', 'Team und Rollen', 'Vorlagen', 'Daten']));
    expect(headings).not.toEqual(expect.arrayContaining(['Policy']));
    expect(screen.getByTestId('export-button').textContent).toBe('Alle Daten exportieren');
    expect(screen.getByLabelText('Sicherungsdatei')).toBe(screen.getByTestId('import-input'));
    expect(screen.getByTestId('clear-button').textContent).toBe('Alle Daten löschen …');
    const policy = screen.getByTestId('policy-form');
    for (const warning of ['Noch nichts versucht', 'Verfrüht', 'Unvollständig', 'Doppelt', 'Für das Ticket gibt es bereits eine offene Eskalation.', 'Hinweise beim Anfordern']) {
      expect(policy.textContent).toContain(warning);
    }
    const text = allText();
    for (const english of ['Settings sections', 'Custom sites', 'Request-time warnings', 'Nothing tried yet', 'Premature', 'Export all data', 'Backup file', 'Clear all data', 'Save policy', 'Team and roles', 'Refresh health']) {
      expect(text).not.toContain(english);
    }
    expect(screen.getByTestId('policy-save').textContent).toBe('Richtlinie speichern');
    expect(englishLeftovers()).toEqual([]);
  });

  it('a field error and a save notice are German', async () => {
    window.history.replaceState(null, '', '#policy');
    const background = await startTestBackground();
    renderOptions(background);
    const policy = await screen.findByTestId('policy-form');
    // Edited at once, while the page may still be settling (a reload after the background's first change notice):
    // the reload must not undo the edit.
    fireEvent.input(within(policy).getByLabelText('„Kurz vor Verletzung“ innerhalb von'), { target: { value: '' } });
    fireEvent.input(within(policy).getByLabelText('Entscheidungs-SLA für S1 (Minuten)'), { target: { value: '0' } });
    await waitFor(() => expect(policy.querySelector('[data-field="slaNearMinutes"]')?.textContent).toBe('Geben Sie eine Zahl ein.'));
    expect(policy.querySelector('[data-field="decisionSlaMinutes.S1"]')?.textContent).toBe('Muss mindestens 1 sein.');
    fireEvent.click(screen.getByTestId('policy-save'));
    expect((await screen.findByTestId('policy-notice')).textContent).toContain('Die Richtlinie wurde nicht gespeichert');
  });
});

// Accessibility in Chromium: axe-core (no serious or critical violations) on the agent's panel inside its shadow
// root in each main state, the manager's popup (queue, detail with the decision form open) and every section of the
// options page; then a keyboard-only run: an agent requests an escalation and a manager approves it, using only
// Tab/Shift+Tab/Space/Enter/arrows/typing. Last, a German browser shows the German UI.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Page } from 'puppeteer-core';
import { createSimulator } from '../simulator/helpdesks';
import type { Response } from '../../core/messages';
import type { EscalationDetail, QueueItem } from '../../core/views';
import { chromiumPath, EXTENSION_DIR, eventually, interceptWithSimulator, launchExtension, type ExtensionSession } from './harness';
import { PanelPage } from './pages/panel';
import { PopupPage } from './pages/popup';
import type { OptionsSection } from './pages/options';

const ZENDESK = 'https://acme.zendesk.com/agent/tickets/';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
});

afterAll(async () => {
  await session?.close();
});

/**
 * Serious and critical axe violations, one line each. `include` limits the run to an element (the panel's shadow
 * host, whose shadow root axe walks); axe is evaluated through the DevTools protocol, which no page CSP restricts.
 */
async function violations(page: Page, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
  return page.evaluate(async (selector) => {
    type Violation = { id: string; impact: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').split('\n').slice(1, 3).join(' ').trim()}`));
  }, include ?? null);
}

const PANEL = 'escalation-desk-panel';

async function escalationFor(ticketId: string): Promise<EscalationDetail> {
  const queue = await session.sendFromExtensionPage<Response<{ items: QueueItem[] }>>({ type: 'queue.get' });
  if (!queue.ok) throw new Error(queue.error.message);
  const item = queue.data.items.find((i) => i.escalation.ticket.site === 'zendesk' && i.escalation.ticket.ticketId === ticketId);
  if (!item) throw new Error(`no pending escalation for ticket ${ticketId}`);
  const answer = await session.sendFromExtensionPage<Response<EscalationDetail>>({ type: 'escalation.get', escalationId: item.escalation.id });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** The element that has focus, through shadow roots: its data-testid, name, tag and text, for keyboard steps. */
async function focused(page: Page): Promise<{ testId: string; name: string; tag: string; text: string; type: string } | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    return {
      testId: el.getAttribute('data-testid') ?? '',
      name: el.getAttribute('name') ?? '',
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim().slice(0, 60),
      type: el.getAttribute('type') ?? '',
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, matches: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, what: string, { back = false, max = 60 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (now && matches(now)) return;
    if (back) await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    if (back) await page.keyboard.up('Shift');
  }
  throw new Error(`Tab never reached ${what}; focus is on ${JSON.stringify(await focused(page))}`);
}

async function waitForFocus(page: Page, matches: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, what: string): Promise<void> {
  await eventually(async () => {
    const f = await focused(page);
    return f && matches(f);
  }, { what: `focus on ${what}`, timeout: 5000 });
}

describe('axe-core finds no serious or critical violations', () => {
  it('in the panel: detection banner, request form, awaiting decision, approved and declined', async () => {
    const { page } = await session.openHelpdesk(ZENDESK + '101');
    const panel = new PanelPage(page);
    await panel.waitForPanel();
    await panel.waitFor('detected-request');
    expect(await violations(page, PANEL), 'no escalation, detection banner').toEqual([]);

    await panel.click('escalate-button');
    await panel.waitFor('request-form');
    await panel.select('severity', 'S2');
    expect(await violations(page, PANEL), 'request form open').toEqual([]);

    await panel.fill('reason', 'Customer cannot close their books; finance deadline tomorrow');
    await panel.select('impact', 'team');
    await panel.fill('actionsTaken', 'Reproduced the problem');
    await panel.click('request-submit');
    await panel.waitFor('decision-clock');
    expect(await violations(page, PANEL), 'awaiting decision').toEqual([]);

    const requested = await escalationFor('101');
    const approved = await session.sendFromExtensionPage<Response<EscalationDetail>>({
      type: 'escalation.decide',
      command: { type: 'approve', escalationId: requested.escalation.id, expectedVersion: requested.escalation.version, rationale: 'Revenue at risk', newPriority: 'urgent', followUps: ['Engineering looks at it today'], updateCadenceMinutes: 120 },
    });
    expect(approved.ok).toBe(true);
    await panel.waitFor('approved-details');
    expect(await violations(page, PANEL), 'approved').toEqual([]);
    await page.close();

    const other = await session.openHelpdesk(ZENDESK + '102');
    const panel2 = new PanelPage(other.page);
    await panel2.requestEscalation({ reason: 'How-to question the customer wants fast', severity: 'S4', impact: 'single-user', actions: 'Sent the guide' });
    await panel2.waitFor('decision-clock');
    const second = await escalationFor('102');
    const declined = await session.sendFromExtensionPage<Response<EscalationDetail>>({
      type: 'escalation.decide',
      command: { type: 'decline', escalationId: second.escalation.id, expectedVersion: second.escalation.version, category: 'not-severe-enough', reason: 'A how-to question within its normal SLA.' },
    });
    expect(declined.ok).toBe(true);
    await panel2.waitFor('declined-details');
    expect(await violations(other.page, PANEL), 'declined').toEqual([]);
    await other.page.close();
  });

  it('in the popup: the queue, and the detail with the approval and the decline forms open', async () => {
    const { page: ticket } = await session.openHelpdesk(ZENDESK + '103');
    await new PanelPage(ticket).requestEscalation({ reason: 'Outage for a whole team', severity: 'S1', impact: 'team', actions: 'Checked the status page' });
    await new PanelPage(ticket).waitFor('decision-clock');
    const id = (await escalationFor('103')).escalation.id;

    const page = await session.openExtensionPage('popup.html');
    await page.setViewport({ width: 440, height: 600 });
    const popup = new PopupPage(page);
    await popup.waitForQueueItem(id);
    expect(await violations(page), 'queue').toEqual([]);
    await popup.openEscalation(id);
    await popup.click('approve-button');
    await popup.waitFor('approve-form');
    expect(await violations(page), 'detail, approval form').toEqual([]);
    // Cancel (the form's second button), then the decline form.
    await page.click('[data-testid="approve-form"] .buttons button[type="button"]');
    await popup.click('decline-button');
    await popup.waitFor('decision-reason');
    expect(await violations(page), 'detail, decline form').toEqual([]);
    await page.close();
    await ticket.close();
  });

  it('on the options page, in every section', async () => {
    const page = await session.openExtensionPage('options.html');
    await page.waitForSelector('[data-testid="adapter-row"]');
    const sections: OptionsSection[] = ['helpdesks', 'custom-sites', 'policy', 'team', 'templates', 'data'];
    for (const section of sections) {
      await page.bringToFront();
      await page.click(`[data-testid="nav-${section}"]`);
      await page.waitForSelector(`section[data-section="${section}"]:not([hidden])`);
      expect(await violations(page), section).toEqual([]);
    }
    await page.close();
  });
});

describe('keyboard only', () => {
  it('an agent requests an escalation and a manager approves it, without a mouse', async () => {
    // Ticket 103 of a fresh simulator state is used above; this run uses Freshdesk's plain ticket.
    const { page } = await session.openHelpdesk('https://acme.freshdesk.com/a/tickets/202');
    const panel = new PanelPage(page);
    await panel.waitForPanel();
    await page.bringToFront();
    const k = page.keyboard;

    await tabTo(page, (f) => f.testId === 'escalate-button', 'the Escalate button');
    await k.press('Enter');
    await panel.waitFor('request-form');
    // Opening the form puts focus in its first field.
    await waitForFocus(page, (f) => f.tag === 'input' || f.tag === 'textarea', 'the first field of the form');

    await tabTo(page, (f) => f.name === 'reason', 'the reason');
    await k.type('Checkout fails for the whole team since this morning');
    await k.press('Tab');
    expect((await focused(page))?.name).toBe('severity');
    await k.press('ArrowDown'); // S1
    await k.press('ArrowDown'); // S2
    await k.press('Tab');
    expect((await focused(page))?.name).toBe('impact');
    await k.press('ArrowDown'); // one user
    await k.press('ArrowDown'); // a team
    await tabTo(page, (f) => f.name === 'risk-revenue', 'the revenue risk box');
    await k.press('Space');
    await tabTo(page, (f) => f.name === 'actionsTaken', 'the actions taken');
    await k.type('Cleared the cache with the customer');
    // Back and forth: Shift+Tab reaches the reason again, Tab returns.
    await tabTo(page, (f) => f.name === 'reason', 'the reason (backwards)', { back: true });
    await tabTo(page, (f) => f.testId === 'request-submit', 'the submit button');
    await k.press('Enter');
    await panel.waitFor('decision-clock');
    // After the submit focus is not lost: it sits on the status, which says what happened.
    await waitForFocus(page, (f) => f.testId === 'escalation-status', 'the status after submit');

    const requested = await escalationFor202();
    expect(requested.escalation.request).toMatchObject({ severity: 'S2', impact: 'team', reason: 'Checkout fails for the whole team since this morning' });
    expect(requested.escalation.request.businessRisk.flags).toEqual(['revenue']);
    expect(requested.escalation.request.actionsTaken).toEqual(['Cleared the cache with the customer']);

    const popupPage = await session.openExtensionPage('popup.html');
    const popup = new PopupPage(popupPage);
    await popup.waitForQueueItem(requested.escalation.id);
    await popupPage.bringToFront();
    const pk = popupPage.keyboard;
    await tabTo(popupPage, (f) => f.testId === 'queue-item' || f.text.includes('Checkout fails'), 'the queue item');
    await pk.press('Enter');
    await popup.waitForDetail(requested.escalation.id);
    await tabTo(popupPage, (f) => f.testId === 'approve-button', 'the approve button');
    await pk.press('Enter');
    await popup.waitFor('approve-form');
    await waitForFocus(popupPage, (f) => f.testId === 'decision-reason', 'the rationale');
    await pk.type('A whole team cannot check out; revenue is at risk.');
    await tabTo(popupPage, (f) => f.testId === 'decision-submit', 'the submit button');
    await pk.press('Enter');
    await popup.waitForDetailState('approved');
    // Focus is not lost with the form: it is on the notice saying what was recorded.
    await waitForFocus(popupPage, (f) => f.testId === 'decision-notice', 'the decision notice');

    await panel.waitForStatus(/approved/i);
    await popupPage.close();
    await page.close();
  });
});

async function escalationFor202(): Promise<EscalationDetail> {
  const queue = await session.sendFromExtensionPage<Response<{ items: QueueItem[] }>>({ type: 'queue.get' });
  if (!queue.ok) throw new Error(queue.error.message);
  const item = queue.data.items.find((i) => i.escalation.ticket.site === 'freshdesk' && i.escalation.ticket.ticketId === '202');
  if (!item) throw new Error('no pending escalation for Freshdesk 202');
  const answer = await session.sendFromExtensionPage<Response<EscalationDetail>>({ type: 'escalation.get', escalationId: item.escalation.id });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

describe('languages', () => {
  it('a German browser (--lang=de, LANGUAGE=de) shows the panel in German', async () => {
    const simulator = createSimulator();
    const browser = await puppeteer.launch({
      headless: true,
      executablePath: chromiumPath(),
      pipe: true,
      enableExtensions: [EXTENSION_DIR],
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--lang=de', '--accept-lang=de'],
      env: { ...process.env, LANGUAGE: 'de', LANG: 'de_DE.UTF-8' },
    });
    try {
      await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 15_000 });
      const page = await browser.newPage();
      await interceptWithSimulator(page, simulator);
      await page.goto(ZENDESK + '101', { waitUntil: 'domcontentloaded' });
      const panel = new PanelPage(page);
      await panel.waitFor('detected-request');
      expect(await panel.status()).toBe('Keine Eskalation');
      expect(await panel.text('escalate-button')).toBe('Eskalationswunsch erfassen');
      expect(await page.$eval(PANEL, (host) => host.shadowRoot!.querySelector('[data-testid="escalation-panel"]')!.getAttribute('lang'))).toMatch(/^de/);
      await panel.click('escalate-button');
      await panel.waitFor('request-form');
      expect(await panel.text('request-form')).toContain('Grund für die Eskalation');
    } finally {
      await browser.close();
    }
  });
});

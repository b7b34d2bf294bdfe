// The whole escalation process, end to end, as the people in it live it: one story per path (approved, not approved)
// on Zendesk, Freshdesk and Jira Service Management, walking the six steps of DESIGN.md "The process it implements":
//   1. the ticket page shows the panel; 2. the agent logs what they tried; 3. the customer asked, the agent records
//   the request; 4. the manager assesses it in the real popup (criteria side by side) and acknowledges it;
//   5. the manager decides in the popup (approve: priority, follow-ups, customer told, progress updates; decline:
//   the reason, the explanation, customer informed); 6. resolution communicated, closure documented in the ticket.
// Asserted on both sides: the helpdesk (priority, policy tags, internal notes, the documentation note, text put in
// the reply editor but never sent, no public comment) and the extension (every step an event with actor and time,
// and the record equal to the fold of its events, folded here in Node with core/machine.ts).
// panel.e2e.test.ts covers the panel's own behaviour (prefill, live update, navigation); this spec is the story.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { fold } from '../../core/machine';
import type { Response } from '../../core/messages';
import type { EscalationDetail, QueueItem } from '../../core/views';
import type { SimTicket } from '../simulator';
import { eventually, launchExtension, type ExtensionSession } from './harness';
import { PanelPage } from './pages/panel';
import { PopupPage } from './pages/popup';

interface Case {
  readonly id: string;
  readonly label: string;
  readonly base: string;
  /** A ticket whose customer asks for a manager (approved path), and a plain one (declined path). */
  readonly asking: string;
  readonly plain: string;
  /** The helpdesk's own word for the priority the manager picks ('urgent'). */
  readonly urgent: string;
  readonly path: (ticketId: string) => string;
}

const CASES: readonly Case[] = [
  { id: 'zendesk', label: 'Zendesk', base: 'https://acme.zendesk.com', asking: '101', plain: '102', urgent: 'urgent', path: (t) => `/agent/tickets/${t}` },
  { id: 'freshdesk', label: 'Freshdesk', base: 'https://acme.freshdesk.com', asking: '201', plain: '202', urgent: '4', path: (t) => `/a/tickets/${t}` },
  { id: 'jira', label: 'Jira Service Management', base: 'https://acme.atlassian.net', asking: 'SUP-301', plain: 'SUP-302', urgent: 'Highest', path: (t) => `/browse/${t}` },
];

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
});

afterAll(async () => {
  await session?.close();
});

function ticket(c: Case, id: string): SimTicket {
  return session.simulator.helpdesk(c.id).tickets.get(id)!;
}

function internalNotes(c: Case, id: string): string[] {
  return ticket(c, id).messages.filter((m) => !m.public && m.role === 'agent').map((m) => m.body);
}

function publicAgentMessages(c: Case, id: string): number {
  return ticket(c, id).messages.filter((m) => m.public && m.role === 'agent').length;
}

async function detail(id: string): Promise<EscalationDetail> {
  const answer = await session.sendFromExtensionPage<Response<EscalationDetail>>({ type: 'escalation.get', escalationId: id });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

async function pendingId(c: Case, ticketId: string): Promise<string> {
  return eventually(async () => {
    const queue = await session.sendFromExtensionPage<Response<{ items: QueueItem[] }>>({ type: 'queue.get' });
    if (!queue.ok) throw new Error(queue.error.message);
    return queue.data.items.find((i) => i.escalation.ticket.site === c.id && i.escalation.ticket.ticketId === ticketId)?.escalation.id;
  }, { what: `pending escalation for ${c.id} ${ticketId}` });
}

/** Text currently in the helpdesk's reply editors (outside the panel). */
function editorText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[contenteditable="true"], textarea')]
      .filter((el) => !el.closest('escalation-desk-panel'))
      .map((el) => (el instanceof HTMLTextAreaElement ? el.value : el.innerText))
      .join('\n'),
  );
}

/** Waits until the escalation's stored record satisfies `check`, and returns it. */
async function until(id: string, check: (d: EscalationDetail) => boolean, what: string): Promise<EscalationDetail> {
  return eventually(async () => {
    const d = await detail(id);
    return check(d) ? d : null;
  }, { what });
}

/** Steps 1-3: panel on the ticket, an action logged, the request recorded from the panel. */
async function requestFromPanel(c: Case, ticketId: string, request: { reason: string; severity: string; impact: string }, expectDetection: boolean): Promise<{ page: Page; panel: PanelPage; errors: string[]; id: string }> {
  const { page, errors } = await session.openHelpdesk(c.base + c.path(ticketId));
  const panel = new PanelPage(page);
  await panel.waitForPanel();
  // 1. The ticket is recognised: the panel shows it has no escalation yet (and, on a ticket where the customer
  // asked for a manager, the detection banner).
  await panel.waitForStatus(/No escalation/);
  if (expectDetection) await panel.waitFor('detected-request');
  // 2. Initial review: the agent logs what they tried.
  await panel.fill('log-action-input', 'Checked the account and reproduced the problem');
  await press(panel, 'log-action-submit');
  await eventually(async () => (await panel.text('action-log')).includes('Checked the account and reproduced the problem'), { what: 'action logged' });
  // 3. The request, in one step.
  // Logging an action keeps the banner: the customer still asked.
  if (expectDetection) expect(await panel.has('detected-request')).toBe(true);
  await press(panel, 'escalate-button');
  await panel.waitFor('request-form');
  await panel.fill('reason', request.reason);
  await panel.select('severity', request.severity);
  await panel.select('impact', request.impact);
  const actions = await page.$eval('escalation-desk-panel', (host) => (host.shadowRoot!.querySelector('textarea[name="actionsTaken"]') as HTMLTextAreaElement).value);
  if (!actions.includes('reproduced')) await panel.fill('actionsTaken', 'Checked the account and reproduced the problem');
  await press(panel, 'request-submit');
  await panel.waitForStatus(/awaiting manager decision/);
  const id = await pendingId(c, ticketId);
  // The helpdesk records the request: the policy tag and an internal note; nothing public.
  await eventually(() => ticket(c, ticketId).tags.includes('escalation_requested'), { what: 'escalation_requested tag in the helpdesk' });
  await eventually(() => internalNotes(c, ticketId).some((n) => n.includes(request.reason)), { what: 'request note in the helpdesk' });
  return { page, panel, errors, id };
}

/** Step 4: the manager opens the escalation in the popup, sees the criteria, and acknowledges it when offered. */
async function assessInPopup(id: string, reason: string): Promise<PopupPage> {
  const popup = new PopupPage(await session.openExtensionPage('popup.html'));
  await popup.waitForQueueItem(id);
  await popup.openEscalation(id);
  await popup.waitForDetailState('requested');
  const criteria = await popup.text('criteria');
  for (const heading of ['Severity and impact', 'Business risk', 'Response SLA']) expect(criteria).toContain(heading);
  expect(await popup.page.$eval('[data-testid="escalation-detail"]', (el) => el.textContent ?? '')).toContain(reason);
  if (await popup.has('acknowledge-button')) {
    await popup.click('acknowledge-button');
    await until(id, (d) => d.escalation.acknowledged !== null, 'acknowledged');
    await popup.page.waitForFunction(() => /Acknowledged by/.test(document.querySelector('[data-testid="escalation-detail"]')?.textContent ?? ''), { polling: 'mutation' });
  }
  return popup;
}

/** Step 5 in the popup's decision form; a form re-rendered under the manager's hands (a late refresh) is filled again. */
async function decideInPopup(popup: PopupPage, id: string, fill: () => Promise<void>, state: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fill();
      await popup.waitForDetailState(state, 5_000);
      return;
    } catch (error) {
      if (attempt >= 3 || (await detail(id)).escalation.state !== 'requested') throw error;
      await popup.page.reload({ waitUntil: 'domcontentloaded' });
      await popup.openEscalation(id);
    }
  }
}

/** The extension side: every step an event with an actor and a time, in order, and the record is their fold. */
function expectFoldedStory(d: EscalationDetail, types: readonly string[]): void {
  expect(d.events.map((e) => e.type)).toEqual(types);
  expect(d.events.map((e) => e.seq)).toEqual(types.map((_, i) => i + 1));
  let previous = 0;
  for (const event of d.events) {
    expect(event.actor.name.trim()).not.toBe('');
    expect(event.actor.roles.length).toBeGreaterThan(0);
    const at = Date.parse(event.at);
    expect(Number.isNaN(at)).toBe(false);
    expect(at).toBeGreaterThanOrEqual(previous);
    expect(at).toBeLessThanOrEqual(Date.now());
    previous = at;
  }
  expect(fold(d.events)).toEqual(d.escalation);
  expect(d.escalation.version).toBe(d.events.length);
}

/**
 * Clicks a panel control once it is enabled: the panel disables its controls while an action is in flight, and a
 * person waits for the button to come back before pressing it.
 */
async function press(panel: PanelPage, testId: string): Promise<void> {
  await panel.waitFor(testId);
  await panel.page.waitForFunction(
    (id) => {
      const el = document.querySelector('escalation-desk-panel')?.shadowRoot?.querySelector(`[data-testid="${id}"]`);
      return !!el && !el.matches(':disabled');
    },
    { polling: 50, timeout: 10_000 },
    testId,
  );
  await panel.click(testId);
}

/** Waits until the panel shows every stored event (its buttons then carry the record's current version). */
async function panelInSync(panel: PanelPage, id: string): Promise<void> {
  const count = (await detail(id)).events.length;
  await panel.page.waitForFunction(
    (n) => (document.querySelector('escalation-desk-panel')?.shadowRoot?.querySelectorAll('[data-testid="timeline"] [data-event-type]').length ?? 0) >= n,
    { polling: 50, timeout: 10_000 },
    count,
  );
}

/** Step 6, shared: resolve, put the resolution in the reply, customer informed, close with the documentation note. */
async function resolveAndClose(c: Case, ticketId: string, page: Page, panel: PanelPage, id: string, summary: string): Promise<string> {
  await panelInSync(panel, id);
  await panel.fill('resolution-summary', summary);
  await press(panel, 'resolve-button');
  await panel.waitForStatus(/resolved/i);
  await press(panel, 'insert-customer-message');
  await eventually(async () => (await editorText(page)).includes(summary), { what: 'resolution message in the reply editor' });
  await press(panel, 'record-informed-resolution');
  await until(id, (d) => d.escalation.customerInformed.some((i) => i.kind === 'resolution'), 'customer informed of the resolution');
  await panelInSync(panel, id);
  await press(panel, 'close-button');
  await panel.waitForStatus(/closed/i);
  return eventually(() => internalNotes(c, ticketId).find((n) => n.includes('Escalation summary')), { what: 'documentation note in the helpdesk' });
}

describe.each(CASES)('$label', (c) => {
  it('approved: request -> assessment and acknowledgement in the popup -> approval -> customer kept informed -> resolution -> closure', async () => {
    const publicBefore = publicAgentMessages(c, c.asking);
    const priorityBefore = ticket(c, c.asking).priority;
    expect(priorityBefore).not.toBe(c.urgent);
    const reason = `${c.label}: customer's books cannot close, finance deadline tomorrow`;
    const { page, panel, errors, id } = await requestFromPanel(c, c.asking, { reason, severity: 'S2', impact: 'team' }, true);
    expect((await detail(id)).escalation.request.source).toBe('customer');

    const popup = await assessInPopup(id, reason);
    // 5. Approved in the popup, with a new priority and a follow-up.
    await decideInPopup(popup, id, () => popup.approve({ rationale: 'Deadline and revenue at risk', newPriority: 'urgent', followUps: ['Engineering on-call looks at it today'] }), 'approved');
    await popup.page.close();

    await panel.waitForStatus(/approved/i);
    expect(await panel.text('new-priority')).toBe('urgent');
    expect(await panel.text('follow-ups')).toContain('Engineering on-call looks at it today');
    await eventually(() => ticket(c, c.asking).priority === c.urgent, { what: 'priority raised in the helpdesk' });
    await eventually(() => ticket(c, c.asking).tags.includes('escalation_approved'), { what: 'escalation_approved tag' });
    await eventually(() => internalNotes(c, c.asking).some((n) => n.includes('Deadline and revenue at risk')), { what: 'decision note' });
    expect(ticket(c, c.asking).tags).not.toContain('escalation_declined');

    // The customer is told it was escalated, then kept informed.
    const editorBefore = await editorText(page);
    await press(panel, 'insert-approved-message');
    await eventually(async () => (await editorText(page)).length > editorBefore.length, { what: 'approval message in the reply editor' });
    await press(panel, 'record-informed-approved');
    await until(id, (d) => d.escalation.customerInformed.some((i) => i.kind === 'approved'), 'customer told of the approval');
    await panelInSync(panel, id);
      await panel.fill('progress-text', 'Engineering found the cause and is testing a fix');
    await press(panel, 'insert-customer-message');
    await eventually(async () => (await editorText(page)).includes('Engineering found the cause and is testing a fix'), { what: 'progress update in the reply editor' });
    await press(panel, 'record-customer-updated');
    await panel.waitForEvent('progressUpdate');
    await panelInSync(panel, id);
    await press(panel, 'record-informed-progress');
    await until(id, (d) => d.escalation.customerInformed.some((i) => i.kind === 'progress'), 'customer informed of progress');

    // 6. Resolution and closure.
    const note = await resolveAndClose(c, c.asking, page, panel, id, 'Fix deployed; the customer confirmed their books close');
    expect(note).toContain('Deadline and revenue at risk');
    expect(note).toContain('Engineering found the cause');
    expect(note).toContain('Fix deployed');

    // The helpdesk side: text was put in the editor, never sent; nothing public was written.
    expect(ticket(c, c.asking).repliesSent).toBe(0);
    expect(publicAgentMessages(c, c.asking)).toBe(publicBefore);
    // The extension side: the story as events, and the record as their fold.
    const final = await detail(id);
    expect(final.escalation.state).toBe('closed');
    expectFoldedStory(final, ['request', 'acknowledge', 'approve', 'recordCustomerInformed', 'progressUpdate', 'recordCustomerInformed', 'resolve', 'recordCustomerInformed', 'close']);
    expect(final.escalation.decision?.outcome).toBe('approved');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('not approved: request -> assessment in the popup -> declined with a reason -> customer told why -> resolution -> closure', async () => {
    const publicBefore = publicAgentMessages(c, c.plain);
    const priorityBefore = ticket(c, c.plain).priority;
    const reason = `${c.label}: customer wants a faster answer to a how-to question`;
    const { page, panel, errors, id } = await requestFromPanel(c, c.plain, { reason, severity: 'S4', impact: 'single-user' }, false);

    const popup = await assessInPopup(id, reason);
    // 5. Declined in the popup: a category and a reason the agent can pass on.
    await decideInPopup(popup, id, () => popup.decline({ category: 'not-severe-enough', reason: 'A how-to question within its normal SLA does not need an escalation.' }), 'declined');
    await popup.page.close();

    await panel.waitForStatus(/not approved/i);
    expect(await panel.text('decline-reason')).toContain('A how-to question within its normal SLA');
    await eventually(() => ticket(c, c.plain).tags.includes('escalation_declined'), { what: 'escalation_declined tag' });
    await eventually(() => internalNotes(c, c.plain).some((n) => n.includes('A how-to question within its normal SLA')), { what: 'decision note' });
    expect(ticket(c, c.plain).tags).not.toContain('escalation_approved');
    // A declined escalation leaves the ticket's priority alone: it continues through the normal process.
    expect(ticket(c, c.plain).priority).toBe(priorityBefore);

      await press(panel, 'insert-customer-message');
    await eventually(async () => (await editorText(page)).includes('A how-to question within its normal SLA'), { what: 'explanation in the reply editor' });
    expect(await editorText(page)).toMatch(/commitment/);
    await press(panel, 'record-customer-informed');
    await until(id, (d) => d.escalation.customerInformed.some((i) => i.kind === 'declined'), 'customer informed of the decline');

    const note = await resolveAndClose(c, c.plain, page, panel, id, 'Sent the CSV export steps; customer confirmed it works');
    expect(note).toContain('A how-to question within its normal SLA');
    expect(note).toContain('Sent the CSV export steps');

    expect(ticket(c, c.plain).repliesSent).toBe(0);
    expect(publicAgentMessages(c, c.plain)).toBe(publicBefore);
    expect(ticket(c, c.plain).priority).toBe(priorityBefore);
    const final = await detail(id);
    expect(final.escalation.state).toBe('closed');
    expectFoldedStory(final, ['request', 'acknowledge', 'decline', 'recordCustomerInformed', 'resolve', 'recordCustomerInformed', 'close']);
    expect(final.escalation.decision?.outcome).toBe('declined');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

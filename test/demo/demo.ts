// The demo: the helpdesk simulator with realistic tickets on Zendesk, Freshdesk and Jira Service Management, and
// Chromium with the built extension on them. Every escalation state it shows was reached through the real extension
// (the panel's request form in the helpdesk tab, manager decisions sent from an extension page), never by writing
// database rows.
//   - Zendesk #101: the customer asks for a manager; the agent records the request -> awaiting a decision.
//   - Freshdesk #201: the customer asked for a supervisor; escalated and approved (priority raised, follow-up).
//   - Jira SUP-302: the agent escalated a routine request; declined with a reason the agent can pass on.
// With a display (DISPLAY set, or --headed) it opens a window on those tickets and the popup, and runs until the
// window closes. Without one it runs headless, walks the process, writes screenshots of the panel in the three
// states, the popup and the options page to demo-screenshots/ (or DEMO_OUT), and exits 0.
// Run it with `npm run demo` (test/demo/run.mjs installs and builds first), or `npx tsx test/demo/demo.ts`.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { Response } from '../../core/messages';
import type { EscalationDetail, QueueItem } from '../../core/views';
import { createSimulator } from '../simulator/helpdesks';
import { eventually, interceptWithSimulator, launchExtension, type ExtensionSession } from '../e2e/harness';
import { PanelPage } from '../e2e/pages/panel';
import { PopupPage } from '../e2e/pages/popup';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = new Set(process.argv.slice(2));
const headed = args.has('--headed') || (!args.has('--headless') && Boolean(process.env.DISPLAY));
const outDir = resolve(root, process.env.DEMO_OUT ?? 'demo-screenshots');

const TICKETS = {
  asking: { site: 'zendesk', ticketId: '101', url: 'https://acme.zendesk.com/agent/tickets/101' },
  approved: { site: 'freshdesk', ticketId: '201', url: 'https://acme.freshdesk.com/a/tickets/201' },
  declined: { site: 'jira', ticketId: 'SUP-302', url: 'https://acme.atlassian.net/browse/SUP-302' },
} as const;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function ok<T>(answer: Promise<Response<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(a.error.message);
  return a.data;
}

async function pendingEscalation(session: ExtensionSession, site: string, ticketId: string): Promise<EscalationDetail> {
  const id = await eventually(async () => {
    const queue = await ok(session.sendFromExtensionPage<Response<{ items: QueueItem[] }>>({ type: 'queue.get' }));
    return queue.items.find((i) => i.escalation.ticket.site === site && i.escalation.ticket.ticketId === ticketId)?.escalation.id;
  }, { what: `the request on ${site} ${ticketId}` });
  return ok(session.sendFromExtensionPage<Response<EscalationDetail>>({ type: 'escalation.get', escalationId: id }));
}

/** The agent records a request in the ticket's panel, as they would by hand. */
async function requestInPanel(panel: PanelPage, request: { reason: string; severity: string; impact: string; actions: string; risk?: string[] }): Promise<void> {
  await panel.waitForPanel(20_000);
  await panel.waitForStatus(/No escalation/);
  await panel.requestEscalation(request);
  await panel.waitForStatus(/awaiting manager decision/);
}

async function shootPanel(page: Page, file: string): Promise<void> {
  await page.bringToFront();
  // As the agent sees it once things settle: the helpdesk in sync (when there is an escalation), the notice read.
  await page.waitForFunction(
    () => {
      const sync = document.querySelector('escalation-desk-panel')?.shadowRoot?.querySelector('[data-testid="sync-status"]');
      return !sync || sync.getAttribute('data-sync') === 'synced';
    },
    { polling: 100, timeout: 15_000 },
  );
  const dismiss = await page.$('escalation-desk-panel >>> [data-testid="panel-notice"] button');
  if (dismiss) await dismiss.click();
  await page.setViewport({ width: 960, height: 900 }); // a narrower page: a smaller, more legible picture
  await new Promise((r) => setTimeout(r, 300)); // let the panel finish painting
  const host = await page.$('escalation-desk-panel');
  if (!host) throw new Error('no panel to photograph');
  await host.screenshot({ path: join(outDir, file) });
  say(`  wrote ${join(outDir, file)}`);
}

async function main(): Promise<void> {
  const simulator = createSimulator();
  say(`Starting Chromium ${headed ? 'with a window' : 'headless'} with the extension and the helpdesk simulator...`);
  const session = await launchExtension({ simulator, headless: !headed });
  // Tabs a person opens in the window (links, typed helpdesk URLs) are answered by the simulator too.
  session.browser.on('targetcreated', (target) => {
    if (target.type() !== 'page') return;
    void target.page().then((page) => (page ? interceptWithSimulator(page, simulator).catch(() => undefined) : undefined));
  });

  // Zendesk #101: the customer asks for a manager; the panel's banner shows it, the agent records the request.
  say('Zendesk #101: the customer asks for a manager...');
  const asking = await session.openHelpdesk(TICKETS.asking.url);
  const askingPanel = new PanelPage(asking.page);
  await askingPanel.waitForPanel(20_000);
  await askingPanel.waitFor('detected-request');
  if (!headed) {
    mkdirSync(outDir, { recursive: true });
    await shootPanel(asking.page, '1-panel-customer-asks.png');
  }
  await askingPanel.requestEscalation({
    reason: 'Duplicate charge on a VIP account, refund blocked on finance approval for a day',
    severity: 'S2',
    impact: 'single-user',
    risk: ['churn'],
    actions: 'Confirmed two captures with billing\nAsked finance to approve the refund',
  });
  await askingPanel.waitForStatus(/awaiting manager decision/);
  if (!headed) await shootPanel(asking.page, '2-panel-awaiting-decision.png');

  // Freshdesk #201: escalated earlier and approved by the manager.
  say('Freshdesk #201: escalated and approved...');
  const approved = await session.openHelpdesk(TICKETS.approved.url);
  const approvedPanel = new PanelPage(approved.page);
  await requestInPanel(approvedPanel, {
    reason: 'Customer asked twice with no answer; the replacement for a damaged order has no ship date',
    severity: 'S3',
    impact: 'single-user',
    actions: 'Opened a courier claim\nAsked the warehouse for a ship date',
    risk: ['churn'],
  });
  const toApprove = await pendingEscalation(session, TICKETS.approved.site, TICKETS.approved.ticketId);
  await ok(session.sendFromExtensionPage<Response<EscalationDetail>>({
    type: 'escalation.decide',
    command: {
      type: 'approve',
      escalationId: toApprove.escalation.id,
      expectedVersion: toApprove.escalation.version,
      rationale: 'Repeat contact and no date for the customer: ship a replacement from the spare stock today',
      newPriority: 'urgent',
      followUps: ['Warehouse ships a replacement from spare stock today', 'Send the customer the tracking number'],
      updateCadenceMinutes: 240,
    },
  }));
  await approvedPanel.waitForStatus(/approved/i);
  await eventually(() => simulator.helpdesk('freshdesk').tickets.get(TICKETS.approved.ticketId)!.priority === '4', { what: 'priority raised in Freshdesk' });
  if (!headed) await shootPanel(approved.page, '3-panel-approved.png');

  // Jira SUP-302: the agent escalated a routine request; the manager declined it with a reason.
  say('Jira SUP-302: escalated and declined...');
  const declined = await session.openHelpdesk(TICKETS.declined.url);
  const declinedPanel = new PanelPage(declined.page);
  await requestInPanel(declinedPanel, {
    reason: 'Requester wants the finance group access today instead of the usual two days',
    severity: 'S4',
    impact: 'single-user',
    actions: 'Checked the access request form',
  });
  const toDecline = await pendingEscalation(session, TICKETS.declined.site, TICKETS.declined.ticketId);
  await ok(session.sendFromExtensionPage<Response<EscalationDetail>>({
    type: 'escalation.decide',
    command: {
      type: 'decline',
      escalationId: toDecline.escalation.id,
      expectedVersion: toDecline.escalation.version,
      category: 'not-severe-enough',
      reason: 'Access changes follow the normal two-day approval; nothing is blocked for the customer meanwhile.',
    },
  }));
  await declinedPanel.waitForStatus(/not approved/i);
  if (!headed) await shootPanel(declined.page, '4-panel-declined.png');

  // The manager's popup on the pending Zendesk request, and the options page.
  const pending = await pendingEscalation(session, TICKETS.asking.site, TICKETS.asking.ticketId);
  const popupPage = await session.openExtensionPage('popup.html');
  const popup = new PopupPage(popupPage);
  if (!headed) await popupPage.setViewport({ width: 460, height: 900 });
  await popup.waitForQueueItem(pending.escalation.id);
  if (!headed) {
    // The popup is as tall as its content; a browser tab is taller, so cut the picture at the content's end.
    const bottom = await popupPage.evaluate(() => Math.max(...[...document.querySelectorAll('body *')].map((el) => el.getBoundingClientRect().bottom)));
    await popupPage.screenshot({ path: join(outDir, '5-popup-queue.png'), clip: { x: 0, y: 0, width: 460, height: Math.min(900, Math.ceil(bottom) + 12) } });
    say(`  wrote ${join(outDir, '5-popup-queue.png')}`);
  }
  await popup.openEscalation(pending.escalation.id);
  if (!headed) {
    await new Promise((r) => setTimeout(r, 300));
    await popupPage.screenshot({ path: join(outDir, '6-popup-decision.png'), fullPage: true });
    say(`  wrote ${join(outDir, '6-popup-decision.png')}`);
  }
  const optionsPage = await session.openExtensionPage('options.html');
  await optionsPage.waitForSelector('[data-testid="adapter-row"]');
  if (!headed) {
    await new Promise((r) => setTimeout(r, 300));
    await optionsPage.screenshot({ path: join(outDir, '7-options.png') });
    say(`  wrote ${join(outDir, '7-options.png')}`);
  }

  const problems = [asking, approved, declined].flatMap((t) => t.errors);
  if (problems.length > 0) say(`Page errors seen:\n  ${problems.join('\n  ')}`);

  if (!headed) {
    // Check what the screenshots claim: the helpdesks got the write-backs and nothing was sent to a customer.
    const replies = ['zendesk', 'freshdesk', 'jira'].flatMap((id) => [...simulator.helpdesk(id).tickets.values()].map((t) => t.repliesSent));
    if (replies.some((n) => n !== 0)) throw new Error('a reply was sent to a customer');
    await session.close();
    say(`Done: screenshots in ${outDir}`);
    return;
  }

  say('');
  say('Chromium is open with the extension on three helpdesks (answered by the simulator):');
  say(`  ${TICKETS.asking.url}   awaiting the manager's decision (the customer asked for a manager)`);
  say(`  ${TICKETS.approved.url}   escalated and approved`);
  say(`  ${TICKETS.declined.url}   escalated and not approved`);
  say('The popup tab is the manager\'s queue; decide on Zendesk #101 there. Close the window to end the demo.');
  await asking.page.bringToFront();
  await new Promise<void>((resolveClosed) => session.browser.once('disconnected', () => resolveClosed()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);

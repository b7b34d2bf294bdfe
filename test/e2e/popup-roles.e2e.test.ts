// Who may decide: a decision sent from a helpdesk tab's content script is refused (even when the person is a
// manager) and changes nothing; once roles are configured, someone who is not a manager sees their own escalations
// in the popup, with no decision controls, and the background refuses their decisions too.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';
import { PanelPage } from './pages/panel';
import { PopupPage } from './pages/popup';

interface Answer {
  readonly ok: boolean;
  readonly data?: unknown;
  readonly error?: { code: string; message: string; reason?: string };
}
interface DetailAnswer {
  readonly ok: true;
  readonly data: { escalation: { state: string; version: number }; writeBacks: Array<{ kind: string }> };
}

let session: ExtensionSession;
let helpdesk: Page;
let escalationId: string;

beforeAll(async () => {
  session = await launchExtension();
  const { page } = await session.openHelpdesk('https://acme.zendesk.com/agent/tickets/103');
  helpdesk = page;
  const panel = new PanelPage(page);
  await panel.waitForPanel();
  await panel.waitForStatus(/No escalation/);
  await panel.requestEscalation({ reason: 'Customer locked out before a board meeting; reset links keep expiring', severity: 'S3', impact: 'single-user', actions: 'Sent two new reset links' });
  await panel.waitForStatus(/awaiting manager decision/);
  const queue = await session.sendFromExtensionPage<{ ok: true; data: { items: Array<{ escalation: { id: string } }> } }>({ type: 'queue.get' });
  escalationId = queue.data.items[0]!.escalation.id;
});

afterAll(async () => {
  await session?.close();
});

/** Sends a message from the extension's content script in `page` (its isolated world), as a compromised page could try. */
async function sendFromContentScript(page: Page, message: unknown): Promise<Answer> {
  const client = await page.createCDPSession();
  const contexts: Array<{ id: number; auxData?: { type?: string } }> = [];
  client.on('Runtime.executionContextCreated', (event: { context: { id: number; auxData?: { type?: string } } }) => contexts.push(event.context));
  await client.send('Runtime.enable');
  // The content script's world is the isolated one where chrome.runtime.id is this extension's id.
  for (const context of contexts.filter((c) => c.auxData?.type === 'isolated')) {
    const probe = await client.send('Runtime.evaluate', { expression: 'globalThis.chrome?.runtime?.id ?? null', contextId: context.id, returnByValue: true });
    if (probe.result.value !== session.extensionId) continue;
    const sent = await client.send('Runtime.evaluate', {
      expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
      contextId: context.id,
      awaitPromise: true,
      returnByValue: true,
    });
    await client.detach();
    if (sent.exceptionDetails) throw new Error(`content script send failed: ${sent.exceptionDetails.text}`);
    return sent.result.value as Answer;
  }
  await client.detach();
  throw new Error('the content script’s isolated world was not found');
}

it('refuses a decision sent from a helpdesk tab’s content script, and changes nothing', async () => {
  const answer = await sendFromContentScript(helpdesk, {
    type: 'escalation.decide',
    command: { type: 'approve', escalationId, expectedVersion: 1, rationale: 'Approved from the page', newPriority: 'urgent', followUps: [], updateCadenceMinutes: 60 },
  });
  expect(answer.ok).toBe(false);
  expect(answer.error?.code).toBe('forbidden-sender');
  expect(answer.error?.message).toMatch(/only from the extension’s own pages/);

  const detail = await session.sendFromExtensionPage<DetailAnswer>({ type: 'escalation.get', escalationId });
  expect(detail.data.escalation).toMatchObject({ state: 'requested', version: 1 });
  // Only the request's write-backs exist: nothing was queued for the helpdesk by the refused decision.
  expect(detail.data.writeBacks.map((w) => w.kind).sort()).toEqual(['note', 'tags']);
  expect(session.simulator.helpdesk('zendesk').tickets.get('103')!.tags).not.toContain('escalation_approved');
});

it('shows someone who is not a manager their own escalations and statuses, with no decision controls', async () => {
  // The helpdesk page told the extension who is signed in (Avery Agent); make Avery an admin but not a manager.
  const current = await session.sendFromExtensionPage<{ ok: true; data: { settings: Record<string, unknown> } }>({ type: 'settings.get' });
  const saved = await session.sendFromExtensionPage<Answer>({
    type: 'settings.save',
    settings: { ...current.data.settings, roles: { managers: ['maria.manager@acme.test'], admins: ['avery.agent@acme.test'] } },
  });
  expect(saved.ok).toBe(true);

  const popup = new PopupPage(await session.openExtensionPage('popup.html'));
  await popup.page.waitForSelector(`[data-testid="mine-item"][data-escalation-id="${escalationId}"]`);
  expect(await popup.text('mine-status')).toBe('Under investigation, awaiting manager decision');
  expect(await popup.text('actor')).toMatch(/Avery Agent · agent/);
  expect(await popup.has('queue')).toBe(false);
  expect(await popup.decisionControls()).toEqual([]);

  // Their escalation's detail is read-only, and the decision shortcuts do nothing.
  await popup.page.click(`[data-testid="mine-item"][data-escalation-id="${escalationId}"] button`);
  await popup.waitForDetail(escalationId);
  await popup.page.keyboard.press('a');
  await popup.page.keyboard.press('d');
  expect(await popup.decisionControls()).toEqual([]);
  expect(await popup.has('approve-form')).toBe(false);
  await popup.page.screenshot({ path: '/tmp/popup-e2e-agent.png' });
});

it('refuses a decision from a non-manager even from an extension page', async () => {
  const answer = await session.sendFromExtensionPage<Answer>({
    type: 'escalation.decide',
    command: { type: 'decline', escalationId, expectedVersion: 1, category: 'other', reason: 'Trying anyway' },
  });
  expect(answer.ok).toBe(false);
  expect(answer.error?.reason).toBe('needs-manager');
  const detail = await session.sendFromExtensionPage<DetailAnswer>({ type: 'escalation.get', escalationId });
  expect(detail.data.escalation).toMatchObject({ state: 'requested', version: 1 });
});

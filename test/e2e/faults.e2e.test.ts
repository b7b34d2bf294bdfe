// Fault suite in the real extension (Chromium): the service worker is terminated (DevTools protocol, through
// puppeteer's worker.close()) again and again while an extension page applies a stream of commands. Afterwards no
// escalation is half-written, every command that was answered "ok" is there with its event, the audit log has no gap,
// and after the worker restarts the badge and the alarms are back. The unit-level half of the fault suite is in
// test/faults/ (router fuzz, privileged senders, quota, races, write-back faults, bad imports).
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationDetail, QueueItem } from '../../core/views';
import type { Response } from '../../core/messages';
import { eventually, launchExtension, stopServiceWorker, type ExtensionSession } from './harness';
import { PanelPage } from './pages/panel';

let session: ExtensionSession;
let workerStarts = 0;

beforeAll(async () => {
  session = await launchExtension();
  session.browser.on('targetcreated', (target: Target) => {
    if (target.type() === 'service_worker' && target.url().startsWith(`chrome-extension://${session.extensionId}/`)) workerStarts += 1;
  });
});

afterAll(async () => {
  await session?.close();
});

async function request(page: Page, reason: string): Promise<void> {
  const panel = new PanelPage(page);
  await panel.waitForPanel();
  await panel.requestEscalation({ reason, severity: 'S2', impact: 'many-customers', actions: 'Reproduced the error' });
  await panel.waitForStatus(/awaiting manager decision/);
}

async function extensionPage(): Promise<Page> {
  const page = await session.openExtensionPage('popup.html');
  return page;
}

type Outcome = { step: number; kind: string; version: number; ok: boolean | null; error?: string };

describe('service worker terminated while commands are applied', () => {
  it('leaves nothing half-written; every accepted command is there with its event; badge and alarms come back', { timeout: 90_000 }, async () => {
    const a = await session.openHelpdesk('https://acme.zendesk.com/agent/tickets/101');
    await request(a.page, 'Checkout fails for every EU shopper since the release');
    const b = await session.openHelpdesk('https://acme.zendesk.com/agent/tickets/102');
    await request(b.page, 'Invoices are sent twice to every customer');

    const queue = await session.sendFromExtensionPage<Response<{ items: QueueItem[] }>>({ type: 'queue.get' });
    if (!queue.ok) throw new Error(queue.error.message);
    const target = queue.data.items.find((i) => i.escalation.ticket.ticketId === '101')!.escalation.id;

    const page = await extensionPage();
    const startsBefore = workerStarts;
    // The extension page applies 20 commands one after the other, re-reading the version after a conflict or a
    // lost answer (the worker died with the message in flight); Node terminates the worker six times meanwhile.
    const run = page.evaluate(async (id: string) => {
      // A message whose worker dies may never be answered: give up on it after 5 s (its outcome is then unknown).
      const send = (message: unknown) =>
        Promise.race([
          (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<any> } } }).chrome.runtime.sendMessage(message),
          new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 5 s')), 5_000)),
        ]) as Promise<any>;
      const versionNow = async (): Promise<number> => {
        for (;;) {
          try {
            const answer = await send({ type: 'escalation.get', escalationId: id });
            if (answer?.ok) return answer.data.escalation.version as number;
          } catch {
            // The worker is starting again: ask once more.
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const outcomes: Array<{ step: number; kind: string; version: number; ok: boolean | null; error?: string }> = [];
      let version = await versionNow();
      for (let step = 0; step < 20; step += 1) {
        const kind = version === 1 ? 'approve' : 'progressUpdate';
        const command =
          kind === 'approve'
            ? { type: 'escalation.decide', command: { type: 'approve', escalationId: id, expectedVersion: version, rationale: 'Revenue at risk', newPriority: 'urgent', followUps: [], updateCadenceMinutes: 60 } }
            : { type: 'escalation.command', command: { type: 'progressUpdate', escalationId: id, expectedVersion: version, text: `Update ${step} at v${version}`, completedFollowUps: [] } };
        try {
          const answer = await send(command);
          if (answer === undefined) {
            // No answer at all: the worker died with the message port open (Chrome resolves instead of rejecting).
            outcomes.push({ step, kind, version, ok: null, error: 'no answer' });
            version = await versionNow();
            continue;
          }
          outcomes.push({ step, kind, version, ok: Boolean(answer.ok), ...(answer.ok ? {} : { error: String(answer.error?.code ?? answer) }) });
          version = answer.ok ? version + 1 : await versionNow();
        } catch (error) {
          outcomes.push({ step, kind, version, ok: null, error: String(error) });
          version = await versionNow();
        }
        await new Promise((r) => setTimeout(r, 15));
      }
      return outcomes;
    }, target) as Promise<Outcome[]>;

    let terminations = 0;
    let done = false;
    void run.finally(() => (done = true));
    // Six terminations at uneven moments (a worker needs time to start again before it can apply anything).
    for (const pause of [150, 260, 90, 330, 200, 120]) {
      await new Promise((r) => setTimeout(r, pause));
      if (done) break;
      if (await stopServiceWorker(session)) terminations += 1;
    }
    const outcomes = await run;
    const accepted = outcomes.filter((o) => o.ok === true);
    const lost = outcomes.filter((o) => o.ok === null);
    console.log(`[faults] service worker: ${terminations} terminations, ${workerStarts - startsBefore} restarts, ${outcomes.length} commands: ${accepted.length} accepted, ${lost.length} answers lost with the worker, ${outcomes.filter((o) => o.ok === false).length} refused`);
    expect(terminations).toBeGreaterThan(0);
    expect(workerStarts - startsBefore).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    // Refusals are only conflicts with a command whose answer was lost (it was applied after all).
    for (const o of outcomes.filter((x) => x.ok === false)) expect(o.error).toBe('refused');

    const answer = await session.sendFromExtensionPage<Response<EscalationDetail>>({ type: 'escalation.get', escalationId: target });
    if (!answer.ok) throw new Error(answer.error.message);
    const { escalation, events } = answer.data;
    // No gap, nothing half-written: the record's version is its last event, and every event is there.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(escalation.version).toBe(events.length);
    expect(escalation.state).toBe('approved');
    expect(escalation.progressUpdates).toHaveLength(events.filter((e) => e.type === 'progressUpdate').length);
    // Every command answered "ok" at version v is event v + 1, of its kind.
    for (const o of accepted) expect(events[o.version]?.type, `step ${o.step}`).toBe(o.kind);
    // The approval's write-backs were queued with it, in the same transaction.
    expect(answer.data.writeBacks.map((w) => w.kind).sort()).toEqual(expect.arrayContaining(['note', 'priority', 'tags']));

    // Once more with the worker stopped, then woken by the toolbar's page: badge (102 still awaits) and alarms.
    await stopServiceWorker(session);
    const check = await extensionPage();
    const restored = await eventually(
      async () => {
        const state = await check.evaluate(async () => {
          const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> }; action: { getBadgeText(d: object): Promise<string> }; alarms: { getAll(): Promise<Array<{ name: string }>> } } }).chrome;
          await c.runtime.sendMessage({ type: 'whoami' }).catch(() => undefined);
          return { badge: await c.action.getBadgeText({}), alarms: (await c.alarms.getAll()).map((a) => a.name) };
        });
        return state.badge === '1' && state.alarms.includes('escalation-desk.reminders') ? state : null;
      },
      { timeout: 10_000, what: 'badge "1" and the reminder alarm after a restart' },
    );
    expect(restored.badge).toBe('1');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.page.close(), b.page.close(), page.close(), check.close()]);
  });
});

// Fault suite, lines 5 and 8 at unit level, through the real background:
// - two senders (the panel's tab and the popup) applying commands to the same escalation at the same moment: one
//   wins, the other gets a conflict it can retry, no lost update, the audit log has no gap;
// - the helpdesk answering 401, 403, 429 with Retry-After, 500 and timeouts on a write-back: queued, retried with
//   backoff, done once when it recovers, the panel's view shows the state, a permanent failure carries its reason and
//   can be retried by hand. (The in-browser half, where the content script meets the simulator's faults, is in
//   test/e2e/faults.e2e.test.ts; backoff arithmetic is in core/store/outbox.test.ts.)
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { EscalationEvent } from '../../core/schemas';
import type { EscalationDetail, TicketView } from '../../core/views';
import { OUTBOX_ALARM } from '../../entrypoints/background/reminders';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { snapshotFor } from '../builders';
import { approveCommand, pageSender, startFaultBackground, tabSender, type Background } from './background';

async function events(b: Background, id: string): Promise<EscalationEvent[]> {
  return ((await b.db.table('events').where('[escalationId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()) as EscalationEvent[]).sort((x, y) => x.seq - y.seq);
}

type Due = { items: Array<{ id: string; action: { kind: string } }> };

/** Asks for due write-backs as a tab does, one per answer, until nothing is due. */
async function claimAll(b: { data<T>(message: unknown, sender: ReturnType<typeof tabSender>): Promise<T> }): Promise<Due> {
  const items: Due['items'][number][] = [];
  for (;;) {
    const answer = await b.data<Due>({ type: 'outbox.due' }, tabSender());
    if (answer.items.length === 0) return { ...answer, items };
    items.push(...answer.items);
  }
}

describe('two senders applying commands to the same escalation at once', () => {
  it('one wins, the other gets a conflict and succeeds on retry; no lost update, no gap in the audit log', async () => {
    const b = await startFaultBackground('race');
    const id = await b.request();
    await b.data({ type: 'escalation.decide', command: approveCommand(id) }, pageSender());
    let conflicts = 0;
    const written: string[] = [];
    for (let round = 0; round < 10; round += 1) {
      const { escalation } = await b.data<EscalationDetail>({ type: 'escalation.get', escalationId: id }, pageSender());
      const update = (who: string) => ({ type: 'escalation.command', command: { type: 'progressUpdate', escalationId: id, expectedVersion: escalation.version, text: `${who} update ${round}`, completedFollowUps: [] } });
      const [panel, popup] = await Promise.all([b.call(update('panel'), tabSender()), b.call(update('popup'), pageSender())]);
      const outcomes = [panel, popup];
      expect(outcomes.filter((a) => a.ok), `round ${round}`).toHaveLength(1);
      const loser = outcomes.find((a) => !a.ok)!;
      expect(loser).toMatchObject({ ok: false, error: { code: 'refused', reason: 'stale-version' } });
      conflicts += 1;
      written.push(`${panel.ok ? 'panel' : 'popup'} update ${round}`);
      // The loser reloads and retries with the new version: its update is kept too.
      const loserWho = panel.ok ? 'popup' : 'panel';
      const retry = { type: 'escalation.command', command: { type: 'progressUpdate', escalationId: id, expectedVersion: escalation.version + 1, text: `${loserWho} update ${round}`, completedFollowUps: [] } };
      expect(await b.call(retry, loserWho === 'panel' ? tabSender() : pageSender())).toMatchObject({ ok: true });
      written.push(`${loserWho} update ${round}`);
    }
    const log = await events(b, id);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1)); // 1, 2, 3 … no gap, no duplicate
    expect(log.filter((e) => e.type === 'progressUpdate')).toHaveLength(written.length);
    const { escalation } = await b.data<EscalationDetail>({ type: 'escalation.get', escalationId: id }, pageSender());
    expect(escalation.progressUpdates.map((u) => u.text)).toEqual(written); // every accepted update is there, in order
    expect(escalation.version).toBe(log.length);
    expect(conflicts).toBe(10);
  });

  it('two managers deciding at once: exactly one decision stands', async () => {
    const b = await startFaultBackground('race-decide');
    const id = await b.request();
    const [approve, decline] = await Promise.all([
      b.call({ type: 'escalation.decide', command: approveCommand(id) }, pageSender('/popup.html')),
      b.call({ type: 'escalation.decide', command: { type: 'decline', escalationId: id, expectedVersion: 1, category: 'premature', reason: 'Within SLA' } }, pageSender('/options.html')),
    ]);
    expect([approve.ok, decline.ok].filter(Boolean)).toHaveLength(1);
    const log = await events(b, id);
    expect(log.map((e) => e.type)).toEqual(['request', approve.ok ? 'approve' : 'decline']);
  });
});

describe('write-back faults reported by the content script', () => {
  const minutes = (n: number) => new Date(Date.parse('2026-11-27T09:10:00Z') + n * 60_000);

  it('429 with Retry-After, 500 and a timeout: pending with backoff, then written once; the panel shows the state', async () => {
    const b = await startFaultBackground('writeback');
    await b.request();
    const due = await claimAll(b);
    const note = due.items.find((i) => i.action.kind === 'note')!;
    const tags = due.items.find((i) => i.action.kind === 'tags')!;
    await b.data({ type: 'outbox.result', id: tags.id, ok: true, error: null }, tabSender());

    const failures = [
      { message: 'Zendesk note: HTTP 429', status: 429, retryable: true, retryAfterSeconds: 120 },
      { message: 'Zendesk note: HTTP 500', status: 500, retryable: true, retryAfterSeconds: null },
      { message: 'Zendesk note: timed out after 15 s', status: null, retryable: true, retryAfterSeconds: null },
    ];
    let clock = 0;
    for (const error of failures) {
      await b.data({ type: 'outbox.result', id: note.id, ok: false, error }, tabSender());
      const view = await b.data<TicketView>({ type: 'ticket.view', ticket: snapshotFor().ref }, tabSender());
      expect(view.sync).toMatchObject({ state: 'pending', pending: 1 });
      // Not handed out again before its time (Retry-After or backoff); the outbox alarm is set for it.
      expect((await b.data<Due>({ type: 'outbox.due' }, tabSender())).items).toEqual([]);
      const item = (await b.bg.service.outbox.get(note.id))!;
      const wait = Date.parse(item.nextAttemptAt) - minutes(clock).getTime();
      if (error.retryAfterSeconds) expect(wait).toBe(error.retryAfterSeconds * 1000);
      else expect(wait).toBeGreaterThanOrEqual(5_000);
      expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeTruthy();
      clock += Math.ceil(wait / 60_000);
      b.setNow(minutes(clock));
      expect((await b.data<Due>({ type: 'outbox.due' }, tabSender())).items.map((i) => i.id)).toEqual([note.id]);
    }
    await b.data({ type: 'outbox.result', id: note.id, ok: true, error: null }, tabSender());
    const view = await b.data<TicketView>({ type: 'ticket.view', ticket: snapshotFor().ref }, tabSender());
    expect(view.sync).toMatchObject({ state: 'synced', pending: 0, failed: [] });
    // Done means never handed out again, however long one waits.
    b.setNow(minutes(clock + 24 * 60));
    expect((await b.data<Due>({ type: 'outbox.due' }, tabSender())).items).toEqual([]);
    expect((await b.bg.service.outbox.get(note.id))!.attempts).toBe(4);
  });

  it.each([
    [401, 'Zendesk note: HTTP 401 (signed out)'],
    [403, 'Zendesk note: HTTP 403 (missing CSRF token)'],
  ])('%i: shown as failed with its reason, retried by hand, then written', async (status, message) => {
    const b = await startFaultBackground(`writeback-${status}`);
    await b.request();
    const due = await claimAll(b);
    const note = due.items.find((i) => i.action.kind === 'note')!;
    await b.data({ type: 'outbox.result', id: note.id, ok: false, error: { message, status, retryable: false, retryAfterSeconds: null } }, tabSender());
    const failed = await b.data<TicketView>({ type: 'ticket.view', ticket: snapshotFor().ref }, tabSender());
    expect(failed.sync.state).toBe('failed');
    expect(failed.sync.failed).toEqual([{ id: note.id, kind: 'note', error: message }]);
    b.setNow(minutes(60));
    expect((await b.data<Due>({ type: 'outbox.due' }, tabSender())).items.map((i) => i.id)).not.toContain(note.id);
    // The agent presses "retry" in the panel (after signing in again / reloading the page).
    await b.data({ type: 'outbox.retry', id: note.id }, tabSender());
    expect((await b.data<Due>({ type: 'outbox.due' }, tabSender())).items.map((i) => i.id)).toContain(note.id);
    await b.data({ type: 'outbox.result', id: note.id, ok: true, error: null }, tabSender());
    expect((await b.bg.service.outbox.get(note.id))!.state).toBe('done');
  });
});

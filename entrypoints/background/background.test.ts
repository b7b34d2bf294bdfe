// Drives the real background (router, service, store, badge, notifications) through WXT's fake browser and
// fake-indexeddb, as a content script and as the extension's own pages would.
import type { Browser, Runtime } from 'webextension-polyfill';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Response } from '../../core/messages';
import { EscalationDb } from '../../core/store/db';
import type { EscalationDetail, QueueItem, QueueRow, TicketView } from '../../core/views';
import { requestFor, snapshotFor } from '../../test/builders';
import { pageSender, stubMissingApis, tabSender, TICKET_URL } from '../../test/faults/background';
import { startBackground } from './start';

const pick = <T extends object, K extends keyof T>(value: T, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;

let counter = 0;
let now: Date;
let bg: ReturnType<typeof startBackground>;

function call<T>(message: unknown, sender: Runtime.MessageSender): Promise<Response<T>> {
  return bg.route(message, sender) as Promise<Response<T>>;
}

async function data<T>(message: unknown, sender: Runtime.MessageSender): Promise<T> {
  const answer = await call<T>(message, sender);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

async function requestEscalation(): Promise<TicketView> {
  return data<TicketView>({ type: 'escalation.request', snapshot: snapshotFor(), request: requestFor() }, tabSender());
}

async function allRows(db: EscalationDb) {
  return { escalations: await db.table('escalations').toArray(), events: await db.table('events').toArray(), outbox: await db.table('outbox').toArray() };
}

beforeEach(() => {
  stubMissingApis();
  now = new Date('2026-11-27T09:10:00Z');
  bg = startBackground(fakeBrowser as unknown as Browser, { db: new EscalationDb(`bg-test-${++counter}`), now: () => now });
});

describe('message validation and senders', () => {
  it('refuses a malformed message with a specific error and changes nothing', async () => {
    const before = await allRows(bg.db);
    const answer = await call({ type: 'escalation.request', snapshot: { ref: 'nope' } }, tabSender());
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('invalid-message');
      expect(answer.error.message).toMatch(/escalation\.request/);
      expect(answer.error.issues?.length).toBeGreaterThan(0);
    }
    expect(await allRows(bg.db)).toEqual(before);
  });

  it('refuses messages of unknown type and non-objects', async () => {
    for (const raw of [null, 42, 'approve', { type: 'escalation.nuke' }, []]) {
      const answer = await call(raw, pageSender());
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('invalid-message');
    }
  });

  it('refuses messages from another extension', async () => {
    const answer = await call({ type: 'queue.get' }, { ...pageSender(), id: 'someone-else' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses manager decisions and settings changes from a helpdesk tab, and nothing changes', async () => {
    const view = await requestEscalation();
    const id = view.escalation!.id;
    const before = await allRows(bg.db);
    for (const message of [
      { type: 'escalation.decide', command: { type: 'approve', escalationId: id, expectedVersion: 1, rationale: 'ok', newPriority: 'urgent', followUps: [], updateCadenceMinutes: 60 } },
      { type: 'escalation.decide', command: { type: 'decline', escalationId: id, expectedVersion: 1, category: 'other', reason: 'no' } },
      { type: 'data.clear', confirm: true },
      { type: 'backup.export' },
      { type: 'adapter.setEnabled', adapterId: 'zendesk', enabled: false },
    ]) {
      expect(await call(message, tabSender())).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(await allRows(bg.db)).toEqual(before);
  });

  it('lets a content script act only on the ticket its own tab shows', async () => {
    const other = snapshotFor({ ticketId: '102' });
    const answer = await call({ type: 'escalation.request', snapshot: other, request: requestFor() }, tabSender());
    expect(answer).toMatchObject({ ok: false, error: { code: 'wrong-ticket' } });
    expect((await allRows(bg.db)).escalations).toHaveLength(0);
  });

  it('ignores sub-frames (the panel lives in the top frame only)', async () => {
    const answer = await call({ type: 'escalation.request', snapshot: snapshotFor(), request: requestFor() }, { ...tabSender(), frameId: 3 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});

describe('the process through the background', () => {
  it('records a request, shows it in the queue, sets the badge and notifies the manager', async () => {
    const view = await requestEscalation();
    expect(view.escalation?.state).toBe('requested');
    expect(view.events.map((e) => e.type)).toEqual(['request']);
    const queue = await data<{ items: QueueItem[] }>({ type: 'queue.get' }, pageSender());
    expect(queue.items.map((i) => i.escalation.id)).toEqual([view.escalation!.id]);
    // The badge follows the stored command without holding its answer back.
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    const notifications = await fakeBrowser.notifications.getAll();
    expect(Object.keys(notifications)).toContain(`request:${view.escalation!.id}`);
  });

  it('answers the queue most urgent first, as many as asked for, with the total', async () => {
    // Same decision SLA; the S1 is the most severe. Requested in the order S3, S1, S4.
    for (const [ticketId, severity] of [['201', 'S3'], ['202', 'S1'], ['203', 'S4']] as const) {
      const url = `https://acme.zendesk.com/agent/tickets/${ticketId}`;
      await data({ type: 'escalation.request', snapshot: snapshotFor({ ticketId, url }), request: requestFor({ severity }) }, tabSender(url));
    }
    const all = await data<{ items: QueueItem[]; total: number }>({ type: 'queue.get' }, pageSender());
    expect(all.total).toBe(3);
    expect(all.items[0]!.escalation.request.severity).toBe('S1'); // S1's decision is due first, and it is the most severe
    const first = await data<{ items: QueueItem[]; total: number }>({ type: 'queue.get', limit: 1 }, pageSender());
    expect(first.items.map((i) => i.escalation.id)).toEqual([all.items[0]!.escalation.id]);
    expect(first.total).toBe(3);
    expect(await call({ type: 'queue.get', limit: 0 }, pageSender())).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    // The popup asks for rows: the same escalations in the same order, with only what a row shows.
    const rows = await data<{ items: QueueRow[]; total: number }>({ type: 'queue.get', rows: true }, pageSender());
    expect(rows.total).toBe(3);
    expect(rows.items.map((r) => r.escalation.id)).toEqual(all.items.map((i) => i.escalation.id));
    expect(rows.items[0]).toEqual({
      escalation: {
        ...pick(all.items[0]!.escalation, ['id', 'version', 'ticket', 'subject', 'customer', 'state', 'requestedAt', 'sla', 'decisionDueAt']),
        request: { severity: 'S1' },
      },
      assessment: { score: all.items[0]!.assessment.score, recommendation: all.items[0]!.assessment.recommendation },
    });
    expect(JSON.stringify(rows).length).toBeLessThan(JSON.stringify(all).length / 2);
    expect(await call({ type: 'queue.get', rows: false }, pageSender())).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
  });

  it('queues the request note and tag for the helpdesk and hands them to that helpdesk’s tab once', async () => {
    await requestEscalation();
    // One write per answer (a tab claims only what it is writing); the tab asks until nothing is due.
    const first: { items: Array<{ id: string; action: { kind: string } }> } = { items: [] };
    for (;;) {
      const answer = await data<{ items: Array<{ id: string; action: { kind: string } }> }>({ type: 'outbox.due' }, tabSender());
      expect(answer.items.length).toBeLessThanOrEqual(1);
      if (answer.items.length === 0) break;
      first.items.push(...answer.items);
    }
    expect(first.items.map((i) => i.action.kind).sort()).toEqual(['note', 'tags']);
    // A second tab of the same helpdesk asking at the same moment gets nothing: each write-back is claimed once.
    const second = await data<{ items: unknown[] }>({ type: 'outbox.due' }, tabSender(TICKET_URL, 8));
    expect(second.items).toEqual([]);
    // A tab of another helpdesk never sees them.
    const other = await data<{ items: unknown[] }>({ type: 'outbox.due' }, tabSender('https://acme.freshdesk.com/a/tickets/201', 9));
    expect(other.items).toEqual([]);
    for (const item of first.items) await data({ type: 'outbox.result', id: item.id, ok: true, error: null }, tabSender());
    const view = await data<TicketView>({ type: 'ticket.view', ticket: snapshotFor().ref }, tabSender());
    expect(view.sync.state).toBe('synced');
  });

  it('a tab closed in the middle of its writes holds up only the write it was doing', async () => {
    await requestEscalation();
    // Tab 7 takes one write and is closed before it reports (its claim stays until it goes stale).
    const taken = await data<{ items: Array<{ id: string }> }>({ type: 'outbox.due' }, tabSender());
    expect(taken.items).toHaveLength(1);
    // Another tab of the helpdesk gets the other write at once, not two minutes later.
    const rest = await data<{ items: Array<{ id: string }> }>({ type: 'outbox.due' }, tabSender(TICKET_URL, 8));
    expect(rest.items).toHaveLength(1);
    expect(rest.items[0]!.id).not.toBe(taken.items[0]!.id);
  });

  it('approves from the popup: priority, tag and note are queued, the badge clears', async () => {
    const id = (await requestEscalation()).escalation!.id;
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    const detail = await data<EscalationDetail>(
      { type: 'escalation.decide', command: { type: 'approve', escalationId: id, expectedVersion: 1, rationale: 'Revenue at risk on Black Friday', newPriority: 'urgent', followUps: ['Page the payments team'], updateCadenceMinutes: 60 } },
      pageSender(),
    );
    expect(detail.escalation.state).toBe('approved');
    expect(detail.escalation.nextCustomerUpdateDueAt).toBe('2026-11-27T10:10:00.000Z');
    const kinds = detail.writeBacks.map((w) => w.kind);
    expect(kinds.filter((k) => k === 'priority')).toHaveLength(1);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
  });

  it('refuses a decision on an escalation that is not there as not-found, and stores nothing', async () => {
    const before = await allRows(bg.db);
    const answer = await call({ type: 'escalation.decide', command: { type: 'acknowledge', escalationId: 'esc_missing0001', expectedVersion: 1 } }, pageSender());
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found', message: 'No escalation esc_missing0001.' } });
    expect(await allRows(bg.db)).toEqual(before);
    // Asking for its detail (read in one transaction) says the same.
    expect(await call({ type: 'escalation.get', escalationId: 'esc_missing0001' }, pageSender())).toMatchObject({ ok: false, error: { code: 'not-found', message: 'No escalation esc_missing0001.' } });
  });

  it('touches the badge only when what it shows changes: acknowledging leaves the count as it was', async () => {
    const first = (await requestEscalation()).escalation!;
    const url = 'https://acme.zendesk.com/agent/tickets/202';
    const second = (await data<TicketView>({ type: 'escalation.request', snapshot: snapshotFor({ ticketId: '202', url }), request: requestFor() }, tabSender(url))).escalation!;
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    await data({ type: 'escalation.decide', command: { type: 'acknowledge', escalationId: first.id, expectedVersion: first.version } }, pageSender());
    await data({ type: 'escalation.decide', command: { type: 'acknowledge', escalationId: second.id, expectedVersion: second.version } }, pageSender());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(setText).not.toHaveBeenCalled();
    // A decision takes one out of the count: the badge says so.
    await data({ type: 'escalation.decide', command: { type: 'decline', escalationId: first.id, expectedVersion: first.version + 1, category: 'premature', reason: 'Still within SLA' } }, pageSender());
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    expect(setText).toHaveBeenCalledTimes(1);
    setText.mockRestore();
  });

  it('answers a decision before it touches the badge or tells open pages of the change', async () => {
    const first = (await requestEscalation()).escalation!;
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    let answered = false;
    const seen: string[] = [];
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async () => (seen.push(`tabs.query answered=${answered}`), []));
    const notice = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => void seen.push(`notice answered=${answered}`));
    const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockImplementation(async () => void seen.push(`badge answered=${answered}`));
    const decided = call({ type: 'escalation.decide', command: { type: 'decline', escalationId: first.id, expectedVersion: first.version, category: 'premature', reason: 'Still within SLA' } }, pageSender());
    void decided.then(() => (answered = true));
    expect((await decided).ok).toBe(true);
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen.sort()).toEqual(['badge answered=true', 'notice answered=true', 'tabs.query answered=true']);
    for (const spy of [query, notice, badge]) spy.mockRestore();
  });

  it('sets the badge again on the next change when the browser refused it once', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20)); // the worker's start-up refresh is done
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValueOnce(new Error('No tab with id'));
    await requestEscalation();
    await vi.waitFor(() => expect(setText).toHaveBeenCalledTimes(1));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    // The acknowledgement leaves the count at 1, but the badge never showed it: it is set now.
    const id = (await data<{ items: QueueItem[] }>({ type: 'queue.get' }, pageSender())).items[0]!.escalation.id;
    await data({ type: 'escalation.decide', command: { type: 'acknowledge', escalationId: id, expectedVersion: 1 } }, pageSender());
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    setText.mockRestore();
  });

  it('refuses a decision carrying a stale version and keeps the first one', async () => {
    const id = (await requestEscalation()).escalation!.id;
    await data({ type: 'escalation.decide', command: { type: 'decline', escalationId: id, expectedVersion: 1, category: 'premature', reason: 'Still within SLA' } }, pageSender());
    const late = await call({ type: 'escalation.decide', command: { type: 'approve', escalationId: id, expectedVersion: 1, rationale: 'x', newPriority: 'urgent', followUps: [], updateCadenceMinutes: 60 } }, pageSender());
    expect(late).toMatchObject({ ok: false, error: { code: 'refused', reason: 'stale-version' } });
    const detail = await data<EscalationDetail>({ type: 'escalation.get', escalationId: id }, pageSender());
    expect(detail.escalation.state).toBe('declined');
  });

  it('refuses a decline without a reason with a clear message', async () => {
    const id = (await requestEscalation()).escalation!.id;
    const answer = await call({ type: 'escalation.decide', command: { type: 'decline', escalationId: id, expectedVersion: 1, category: 'other', reason: '   ' } }, pageSender());
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toMatch(/reason/);
  });

  it('once roles are configured, a non-manager cannot decide', async () => {
    const id = (await requestEscalation()).escalation!.id;
    const { settings } = await data<{ settings: Record<string, unknown> }>({ type: 'settings.get' }, pageSender());
    await data({ type: 'settings.save', settings: { ...settings, roles: { managers: ['mia@acme.test'], admins: ['alex@acme.test'] } } }, pageSender());
    const answer = await call({ type: 'escalation.decide', command: { type: 'approve', escalationId: id, expectedVersion: 1, rationale: 'x', newPriority: 'urgent', followUps: [], updateCadenceMinutes: 60 } }, pageSender());
    expect(answer).toMatchObject({ ok: false, error: { code: 'refused', reason: 'needs-manager' } });
  });

  it('learns who the agent is from the helpdesk page', async () => {
    await data({ type: 'ticket.open', snapshot: snapshotFor(), health: [], mountedAt: 'anchor' }, tabSender());
    const who = await data<{ actor: { id: string; name: string } }>({ type: 'whoami' }, pageSender());
    expect(who.actor).toMatchObject({ id: 'alex@acme.test', name: 'Alex Agent' });
  });

  it('detects the customer’s escalation request when the panel opens', async () => {
    const view = await data<TicketView>({ type: 'ticket.open', snapshot: snapshotFor(), health: [], mountedAt: 'anchor' }, tabSender());
    expect(view.detection?.detected).toBe(true);
    expect(view.detection?.message?.id).toBe('m3');
  });

  it('closing writes a documentation note that summarises the whole escalation', async () => {
    const id = (await requestEscalation()).escalation!.id;
    await data({ type: 'escalation.decide', command: { type: 'approve', escalationId: id, expectedVersion: 1, rationale: 'Revenue at risk', newPriority: 'urgent', followUps: [], updateCadenceMinutes: 60 } }, pageSender());
    await data({ type: 'escalation.command', command: { type: 'resolve', escalationId: id, expectedVersion: 2, summary: 'Rolled back the release' } }, tabSender());
    await data({ type: 'escalation.command', command: { type: 'close', escalationId: id, expectedVersion: 3 } }, tabSender());
    const notes = (await bg.db.table('outbox').toArray()).filter((i: { action: { kind: string } }) => i.action.kind === 'note');
    const closing = notes.map((n: { action: { text: string } }) => n.action.text).find((t: string) => t.includes('Escalation summary'));
    expect(closing).toMatch(/Approved by .*Revenue at risk/);
    expect(closing).toMatch(/Rolled back the release/);
    expect(closing).toMatch(/Timeline[\s\S]*Escalation requested[\s\S]*Approved[\s\S]*Resolved[\s\S]*Closed/);
  });
});

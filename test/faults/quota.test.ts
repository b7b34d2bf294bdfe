// Fault suite, line 10: storage quota exhausted. IndexedDB's object stores throw a QuotaExceededError on write (as
// the browser does when the origin's quota is used up), one store at a time; every write path through the real
// background answers a clear 'storage-error' and leaves nothing half-written (full dump before and after).
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../core/views';
import { requestFor, snapshotFor } from '../builders';
import { approveCommand, pageSender, startFaultBackground, tabSender, type Background } from './background';

type Store = { name: string };
const proto = (globalThis as unknown as { IDBObjectStore: { prototype: Record<string, unknown> } }).IDBObjectStore.prototype;
const originals = { add: proto.add, put: proto.put } as Record<'add' | 'put', (this: Store, ...args: unknown[]) => unknown>;

/** From now on, writes to `stores` throw QuotaExceededError; `undefined` restores normal writes. */
function exhaustQuota(stores: readonly string[] | undefined): void {
  for (const method of ['add', 'put'] as const) {
    proto[method] = function (this: Store, ...args: unknown[]) {
      if (stores?.includes(this.name)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return originals[method].apply(this, args);
    };
  }
}

afterEach(() => exhaustQuota(undefined));

async function expectStorageError(b: Background, message: unknown, sender = pageSender()): Promise<void> {
  const before = await b.dump();
  const answer = await b.call(message, sender);
  expect(answer).toMatchObject({ ok: false, error: { code: 'storage-error' } });
  if (!answer.ok) expect(answer.error.message).toMatch(/storage is full.*nothing was saved|storage is full.*not saved/i);
  expect(await b.dump()).toBe(before);
}

describe('storage quota exhausted', () => {
  // A request writes the event first, then the escalation, then its write-backs: fail each in turn.
  it.each(['events', 'escalations', 'outbox'])('a request with the %s store full: storage-error, nothing half-written', async (store) => {
    const b = await startFaultBackground(`quota-${store}`);
    exhaustQuota([store]);
    await expectStorageError(b, { type: 'escalation.request', snapshot: snapshotFor(), request: requestFor() }, tabSender());
    exhaustQuota(undefined);
    // Once space is free again the same request goes through.
    const view = await b.data<TicketView>({ type: 'escalation.request', snapshot: snapshotFor(), request: requestFor() }, tabSender());
    expect(view.escalation?.state).toBe('requested');
  });

  it('a decision with the outbox full: storage-error, the escalation stays as it was', async () => {
    const b = await startFaultBackground('quota-decide');
    const id = await b.request();
    exhaustQuota(['outbox']);
    await expectStorageError(b, { type: 'escalation.decide', command: approveCommand(id) });
    exhaustQuota(undefined);
    expect(await b.call({ type: 'escalation.decide', command: approveCommand(id) }, pageSender())).toMatchObject({ ok: true });
  });

  it('settings, an import, a write-back result and a ticket log entry: storage-error, nothing changed', async () => {
    const b = await startFaultBackground('quota-misc');
    const id = await b.request();
    const { settings } = await b.data<{ settings: Record<string, unknown> }>({ type: 'settings.get' }, pageSender());
    const backup = await b.exportText();
    const [item] = (await b.db.table('outbox').toArray()) as Array<{ id: string }>;
    await b.data({ type: 'outbox.due' }, tabSender());
    exhaustQuota(['settings', 'escalations', 'events', 'outbox', 'ticketLogs', 'health']);
    await expectStorageError(b, { type: 'settings.save', settings: { ...settings, disabledAdapters: ['jira'] } });
    await expectStorageError(b, { type: 'backup.import', text: backup });
    await expectStorageError(b, { type: 'outbox.result', id: item!.id, ok: true, error: null }, tabSender());
    await expectStorageError(b, { type: 'ticket.logAction', ticket: snapshotFor().ref, text: 'Called the customer' }, tabSender());
    await expectStorageError(b, { type: 'escalation.command', command: { type: 'withdraw', escalationId: id, expectedVersion: 1, reason: 'Workaround found' } }, tabSender());
  });
});

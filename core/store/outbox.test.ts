import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_ATTEMPTS,
  MAX_BACKOFF_MS,
  NotHttpsOriginError,
  Outbox,
  OutboxItemNotFoundError,
  STALE_IN_FLIGHT_MS,
  backoffMs,
  type OutboxItemInput,
  type WriteFailure,
} from './outbox';
import { CorruptRowError } from './rows';
import { T0, closeTestDbs, testDb } from './testing';

afterEach(closeTestDbs);

const ZENDESK = 'https://acme.zendesk.com';
const FRESHDESK = 'https://acme.freshdesk.com';
const secondsAfter = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

function input(seq: number, kind: 'note' | 'tags' | 'priority' = 'note', origin = ZENDESK, escalationId = 'esc_outbox1'): OutboxItemInput {
  const action =
    kind === 'note' ? { kind, text: `note ${seq}` } : kind === 'tags' ? { kind, tags: ['escalation_requested'] } : { kind, level: 'urgent' as const };
  return { escalationId, seq, site: origin === ZENDESK ? 'zendesk' : 'freshdesk', ticketId: '123', origin, action };
}

const retryable = (retryAfterSeconds: number | null = null): WriteFailure => ({ message: 'HTTP 503', status: 503, retryable: true, retryAfterSeconds });
const permanent: WriteFailure = { message: 'HTTP 403 forbidden', status: 403, retryable: false, retryAfterSeconds: null };

describe('queueing and due items', () => {
  it('names each item by its idempotency key and keeps the ticket origin', async () => {
    const outbox = new Outbox(testDb());
    const [item] = await outbox.enqueue([input(3, 'priority')], T0);
    expect(item).toMatchObject({
      id: 'esc_outbox1#3:priority',
      origin: ZENDESK,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: T0.toISOString(),
      lastError: null,
      doneAt: null,
    });
    expect(await outbox.get('esc_outbox1#3:priority')).toEqual(item);
  });

  it('refuses to queue the same write twice, and writes to a non-https origin at all', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], T0);
    await expect(outbox.enqueue([input(1)], T0)).rejects.toThrow();
    await expect(outbox.enqueue([input(2, 'note', 'http://acme.zendesk.com')], T0)).rejects.toThrow(NotHttpsOriginError);
    await expect(outbox.enqueue([input(2, 'note', 'https://acme.zendesk.com/agent/tickets/1')], T0)).rejects.toThrow(NotHttpsOriginError);
  });

  it('hands a tab only its own origin’s due items, oldest first, up to the limit', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(2)], secondsAfter(T0, 2));
    await outbox.enqueue([input(1)], secondsAfter(T0, 1));
    await outbox.enqueue([input(1, 'note', FRESHDESK, 'esc_outbox2')], T0);
    await outbox.enqueue([input(3)], secondsAfter(T0, 60)); // not due yet at T0+10s
    const due = await outbox.due(ZENDESK, secondsAfter(T0, 10));
    expect(due.map((item) => item.id)).toEqual(['esc_outbox1#1:note', 'esc_outbox1#2:note']);
    expect((await outbox.due(ZENDESK, secondsAfter(T0, 10), 1)).map((item) => item.id)).toEqual(['esc_outbox1#1:note']);
    expect((await outbox.due(FRESHDESK, secondsAfter(T0, 10))).map((item) => item.id)).toEqual(['esc_outbox2#1:note']);
  });
});

describe('claims', () => {
  it('lets exactly one of two concurrent claims have the item', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], T0);
    const claims = await Promise.all([outbox.claim('esc_outbox1#1:note', T0), outbox.claim('esc_outbox1#1:note', T0)]);
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    expect(claims.find((c) => c !== null)).toMatchObject({ state: 'in-flight', attempts: 1 });
    // In flight: no longer due for anyone, and cannot be claimed again.
    expect(await outbox.due(ZENDESK, secondsAfter(T0, 30))).toEqual([]);
    expect(await outbox.claim('esc_outbox1#1:note', secondsAfter(T0, 30))).toBeNull();
  });

  it('writes one tag item per ticket at a time: a second tab waits while the ticket’s first tag write is in flight', async () => {
    const outbox = new Outbox(testDb());
    // Two tag write-backs of one Freshdesk ticket (read the list, write it back whole), its note, and another ticket's tags.
    const [requested, approved, note] = await outbox.enqueue([input(1, 'tags', FRESHDESK), input(2, 'tags', FRESHDESK), input(2, 'note', FRESHDESK)], T0);
    const [other] = await outbox.enqueue([{ ...input(1, 'tags', FRESHDESK, 'esc_outbox2'), ticketId: '456' }], T0);
    expect(await outbox.claim(requested!.id, T0)).not.toBeNull();
    expect(await outbox.claim(approved!.id, T0)).toBeNull(); // the same ticket's tags: waits
    expect(await outbox.claim(note!.id, T0)).not.toBeNull(); // a note does not touch the tags: goes ahead
    expect(await outbox.claim(other!.id, T0)).not.toBeNull(); // another ticket: goes ahead
    await outbox.succeed(requested!.id, secondsAfter(T0, 1));
    expect(await outbox.claim(approved!.id, secondsAfter(T0, 1))).toMatchObject({ state: 'in-flight' });
  });

  it('does not let a claim left in flight by a crashed tab hold up the rest of its ticket', async () => {
    const outbox = new Outbox(testDb());
    const [first, second] = await outbox.enqueue([input(1, 'tags', FRESHDESK), input(2, 'tags', FRESHDESK)], T0);
    await outbox.claim(first!.id, T0);
    const later = new Date(T0.getTime() + STALE_IN_FLIGHT_MS + 1_000);
    expect(await outbox.claim(second!.id, later)).toMatchObject({ state: 'in-flight' });
  });

  it('does not claim an item before it is due, or one that is done or unknown', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], secondsAfter(T0, 60));
    expect(await outbox.claim('esc_outbox1#1:note', T0)).toBeNull();
    expect(await outbox.claim('esc_nothing#1:note', T0)).toBeNull();
    await outbox.claim('esc_outbox1#1:note', secondsAfter(T0, 60));
    await outbox.succeed('esc_outbox1#1:note', secondsAfter(T0, 61));
    expect(await outbox.claim('esc_outbox1#1:note', secondsAfter(T0, 600))).toBeNull();
  });

  it('lets another tab take over a claim left in flight for more than 2 minutes (a crashed tab)', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], T0);
    await outbox.claim('esc_outbox1#1:note', T0);
    const justBefore = new Date(T0.getTime() + STALE_IN_FLIGHT_MS - 1);
    expect(await outbox.claim('esc_outbox1#1:note', justBefore)).toBeNull();
    const later = new Date(T0.getTime() + STALE_IN_FLIGHT_MS);
    expect((await outbox.due(ZENDESK, later)).map((item) => item.id)).toEqual(['esc_outbox1#1:note']);
    expect(await outbox.nextDueAt()).toBe(later.toISOString());
    const taken = await outbox.claim('esc_outbox1#1:note', later);
    expect(taken).toMatchObject({ state: 'in-flight', attempts: 2, updatedAt: later.toISOString() });
    // The crashed tab's late failure report does not undo a success.
    await outbox.succeed('esc_outbox1#1:note', later);
    expect((await outbox.fail('esc_outbox1#1:note', later, retryable())).state).toBe('done');
  });

  it('fails an item whose claims keep going stale once its attempts are used up', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], T0);
    let now = T0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await outbox.claim('esc_outbox1#1:note', now)).not.toBeNull();
      now = new Date(now.getTime() + STALE_IN_FLIGHT_MS);
    }
    expect(await outbox.claim('esc_outbox1#1:note', now)).toBeNull();
    expect(await outbox.get('esc_outbox1#1:note')).toMatchObject({ state: 'failed', lastError: { message: expect.stringMatching(/interrupted/) } });
  });
});

describe('failures, backoff and retries', () => {
  it('backs off 5 s, 10 s, 20 s … capped at 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20].map((n) => backoffMs(n) / 1000)).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900]);
    expect(backoffMs(100)).toBe(MAX_BACKOFF_MS);
  });

  it('retries a retryable failure with exponential backoff, then fails after 8 attempts', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], T0);
    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const claimed = await outbox.claim('esc_outbox1#1:note', now);
      expect(claimed?.attempts).toBe(attempt);
      const failed = await outbox.fail('esc_outbox1#1:note', now, retryable());
      if (attempt < MAX_ATTEMPTS) {
        expect(failed.state).toBe('pending');
        const next = new Date(failed.nextAttemptAt);
        delays.push((next.getTime() - now.getTime()) / 1000);
        // Not due a moment early.
        expect(await outbox.claim('esc_outbox1#1:note', new Date(next.getTime() - 1))).toBeNull();
        now = next;
      } else {
        expect(failed).toMatchObject({ state: 'failed', attempts: 8, lastError: { message: 'HTTP 503', status: 503 } });
      }
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320]);
    expect(await outbox.syncState('esc_outbox1')).toBe('failed');
  });

  it('honours Retry-After when it is longer than the backoff, and not when shorter', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1), input(2)], T0);
    await outbox.claim('esc_outbox1#1:note', T0);
    await outbox.claim('esc_outbox1#2:note', T0);
    expect((await outbox.fail('esc_outbox1#1:note', T0, retryable(120))).nextAttemptAt).toBe(secondsAfter(T0, 120).toISOString());
    expect((await outbox.fail('esc_outbox1#2:note', T0, retryable(1))).nextAttemptAt).toBe(secondsAfter(T0, 5).toISOString());
  });

  it('caps an absurd Retry-After at a day', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], T0);
    await outbox.claim('esc_outbox1#1:note', T0);
    const failed = await outbox.fail('esc_outbox1#1:note', T0, retryable(10 ** 12));
    expect(failed.nextAttemptAt).toBe(secondsAfter(T0, 24 * 60 * 60).toISOString());
  });

  it('fails a non-retryable error at once', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], T0);
    await outbox.claim('esc_outbox1#1:note', T0);
    const failed = await outbox.fail('esc_outbox1#1:note', T0, permanent);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastError: { message: 'HTTP 403 forbidden', status: 403 } });
    expect(await outbox.due(ZENDESK, secondsAfter(T0, 3600))).toEqual([]);
  });

  it('retries a failed item by hand: pending now, with fresh attempts', async () => {
    const outbox = new Outbox(testDb());
    await outbox.enqueue([input(1)], T0);
    await outbox.claim('esc_outbox1#1:note', T0);
    await outbox.fail('esc_outbox1#1:note', T0, permanent);
    const later = secondsAfter(T0, 600);
    const retried = await outbox.retry('esc_outbox1#1:note', later);
    expect(retried).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: later.toISOString(), lastError: { status: 403 } });
    expect((await outbox.due(ZENDESK, later)).map((i) => i.id)).toEqual(['esc_outbox1#1:note']);
    // Only a failed item can be retried.
    expect(await outbox.retry('esc_outbox1#1:note', later)).toBeNull();
    await expect(outbox.retry('esc_nothing#1:note', later)).rejects.toThrow(OutboxItemNotFoundError);
  });

  it('marks success as done and reports the escalation synced', async () => {
    const outbox = new Outbox(testDb());
    expect(await outbox.syncState('esc_outbox1')).toBe('synced');
    await outbox.enqueue([input(1), input(1, 'tags')], T0);
    expect(await outbox.syncState('esc_outbox1')).toBe('pending');
    for (const id of ['esc_outbox1#1:note', 'esc_outbox1#1:tags']) {
      await outbox.claim(id, T0);
      expect(await outbox.syncState('esc_outbox1')).toBe('pending');
      const done = await outbox.succeed(id, secondsAfter(T0, 1));
      expect(done).toMatchObject({ state: 'done', doneAt: secondsAfter(T0, 1).toISOString(), lastError: null });
    }
    expect(await outbox.syncState('esc_outbox1')).toBe('synced');
    expect((await outbox.forEscalation('esc_outbox1')).map((i) => i.state)).toEqual(['done', 'done']);
  });
});

describe('alarm and reads', () => {
  it('gives the next time the outbox needs waking, or null', async () => {
    const outbox = new Outbox(testDb());
    expect(await outbox.nextDueAt()).toBeNull();
    await outbox.enqueue([input(1)], secondsAfter(T0, 30));
    await outbox.enqueue([input(2)], secondsAfter(T0, 10));
    expect(await outbox.nextDueAt()).toBe(secondsAfter(T0, 10).toISOString());
    await outbox.claim('esc_outbox1#2:note', secondsAfter(T0, 10));
    expect(await outbox.nextDueAt()).toBe(secondsAfter(T0, 30).toISOString());
    await outbox.claim('esc_outbox1#1:note', secondsAfter(T0, 30));
    // Both in flight: wake when the first claim would go stale.
    expect(await outbox.nextDueAt()).toBe(new Date(T0.getTime() + 10_000 + STALE_IN_FLIGHT_MS).toISOString());
  });

  it('reports a corrupt outbox row clearly', async () => {
    const db = testDb();
    const outbox = new Outbox(db);
    await outbox.enqueue([input(1)], T0);
    await db.outbox.update('esc_outbox1#1:note', { state: 'sent' as 'done' });
    await expect(outbox.get('esc_outbox1#1:note')).rejects.toThrow(CorruptRowError);
    await expect(outbox.forEscalation('esc_outbox1')).rejects.toThrow(/outbox row "esc_outbox1#1:note" is corrupt.*state/);
  });
});

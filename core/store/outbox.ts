// The outbox of helpdesk write-backs (internal note, tags, priority). Each item is written to the helpdesk by a tab
// of the ticket's origin, with the user's session; the outbox makes sure nothing is lost (retries with backoff) and
// nothing is written twice concurrently (claims). The id is the idempotency key.
import { Dexie } from 'dexie';
import { z } from 'zod';
import { Escalation, IsoTime, PriorityLevel, SiteId, TicketRef, type Escalation as EscalationRecord } from '../schemas';
import { assertIndexableTime, TABLES, type EscalationDb } from './db';
import { parseRow } from './rows';

export const OutboxAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), text: z.string().trim().min(1).max(20_000) }),
  z.object({ kind: z.literal('tags'), tags: z.array(z.string().trim().min(1).max(200)).min(1).max(50) }),
  z.object({ kind: z.literal('priority'), level: PriorityLevel }),
]);
export type OutboxAction = z.infer<typeof OutboxAction>;
export type OutboxActionKind = OutboxAction['kind'];

export const OUTBOX_STATES = ['pending', 'in-flight', 'done', 'failed'] as const;
export const OutboxState = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxState>;

/** `https://host[:port]`, no path: the tab that may perform the write must be of this origin. */
export const HttpsOrigin = z
  .string()
  .max(300)
  .regex(/^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/, 'an origin is https://host[:port]');

/** `${escalationId}#${seq}:${kind}`: one write of each kind per accepted command, never two. */
export function outboxId(escalationId: string, seq: number, kind: OutboxActionKind): string {
  return `${escalationId}#${seq}:${kind}`;
}

export const OutboxItem = z
  .object({
    id: z.string().max(200),
    escalationId: Escalation.shape.id,
    /** The event (escalation version) whose acceptance asked for this write. */
    seq: z.number().int().min(1),
    site: SiteId,
    ticketId: TicketRef.shape.ticketId,
    origin: HttpsOrigin,
    action: OutboxAction,
    state: OutboxState,
    /** Attempts started (claims), including the one in flight. */
    attempts: z.number().int().min(0),
    nextAttemptAt: IsoTime,
    lastError: z.object({ message: z.string().max(2000), status: z.number().int().nullable() }).nullable(),
    createdAt: IsoTime,
    /** Also the claim time while in flight (a claim older than STALE_IN_FLIGHT_MS may be taken over). */
    updatedAt: IsoTime,
    doneAt: IsoTime.nullable(),
  })
  .refine((item) => item.id === outboxId(item.escalationId, item.seq, item.action.kind), {
    message: 'the id must be `${escalationId}#${seq}:${kind}`',
    path: ['id'],
  });
export type OutboxItem = z.infer<typeof OutboxItem>;

/** What a caller asks to write back; the outbox adds the id and the bookkeeping. */
export const OutboxItemInput = z.object({
  escalationId: Escalation.shape.id,
  /** The event whose acceptance asks for the write (with the kind, it makes the idempotency key). */
  seq: z.number().int().min(1),
  site: SiteId,
  ticketId: TicketRef.shape.ticketId,
  /** The ticket URL's origin; must be https. */
  origin: z.string().max(300),
  action: OutboxAction,
});
export type OutboxItemInput = z.infer<typeof OutboxItemInput>;

/** A write-back for the escalation's current version (the usual case inside `EscalationRepository.apply`). */
export function writeBack(escalation: EscalationRecord, action: OutboxAction): OutboxItemInput {
  return {
    escalationId: escalation.id,
    seq: escalation.version,
    site: escalation.ticket.site,
    ticketId: escalation.ticket.ticketId,
    origin: new URL(escalation.ticket.url).origin,
    action,
  };
}

export const MAX_ATTEMPTS = 8;
export const FIRST_BACKOFF_MS = 5_000;
export const MAX_BACKOFF_MS = 15 * 60_000;
/** Retry-After is honoured when larger than our backoff, but not beyond a day (a bogus header must not park an item forever). */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;
/** An in-flight claim older than this belongs to a tab that closed or crashed mid-write, and may be taken over. */
export const STALE_IN_FLIGHT_MS = 2 * 60_000;

/** 5 s, 10 s, 20 s, ... capped at 15 min, after the `attempts`-th failed attempt. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export interface WriteFailure {
  readonly message: string;
  readonly status: number | null;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | null;
}

export class OutboxItemNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No outbox item ${id}`);
    this.name = 'OutboxItemNotFoundError';
  }
}

export class NotHttpsOriginError extends Error {
  constructor(readonly origin: string) {
    super(`Cannot queue a helpdesk write for "${origin}": write-backs go only to an https origin (https://host[:port])`);
    this.name = 'NotHttpsOriginError';
  }
}

/** Builds a new pending item, due now. Throws on invalid input or a non-https origin. */
export function newOutboxItem(input: OutboxItemInput, now: Date): OutboxItem {
  const parsed = OutboxItemInput.parse(input);
  if (!HttpsOrigin.safeParse(parsed.origin).success) throw new NotHttpsOriginError(parsed.origin);
  const at = now.toISOString();
  return toOutboxRow({
    id: outboxId(parsed.escalationId, parsed.seq, parsed.action.kind),
    escalationId: parsed.escalationId,
    seq: parsed.seq,
    site: parsed.site,
    ticketId: parsed.ticketId,
    origin: parsed.origin,
    action: parsed.action,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    doneAt: null,
  });
}

/** Every item is parsed on its way into the store, and its indexed time checked. */
export function toOutboxRow(item: OutboxItem): OutboxItem {
  const parsed = OutboxItem.parse(item);
  assertIndexableTime(parsed.nextAttemptAt, `outbox ${parsed.id} nextAttemptAt`);
  return parsed;
}

const parseItem = (row: unknown, key: string) => parseRow(OutboxItem, TABLES.outbox, key, row);

export class Outbox {
  constructor(private readonly db: EscalationDb) {}

  async get(id: string): Promise<OutboxItem | null> {
    const row = await this.db.outbox.get(id);
    return row === undefined ? null : parseItem(row, id);
  }

  /** Queues writes outside a command (the repository queues a command's writes inside its own transaction). */
  async enqueue(inputs: readonly OutboxItemInput[], now: Date): Promise<OutboxItem[]> {
    const items = inputs.map((input) => newOutboxItem(input, now));
    await this.db.outbox.bulkAdd(items);
    return items;
  }

  /**
   * Items a tab of `origin` should write now: pending ones whose time has come, and in-flight ones whose claim went
   * stale (the tab that claimed them is gone), oldest first. Each must still be `claim`ed before writing.
   */
  async due(origin: string, now: Date, limit = 10): Promise<OutboxItem[]> {
    const nowIso = now.toISOString();
    const staleBefore = now.getTime() - STALE_IN_FLIGHT_MS;
    const [pending, inFlight] = await Promise.all([
      this.db.outbox
        .where('[state+nextAttemptAt]')
        .between(['pending', Dexie.minKey], ['pending', nowIso], true, true)
        .filter((row) => row.origin === origin)
        .toArray(),
      this.db.outbox
        .where('[state+nextAttemptAt]')
        .between(['in-flight', Dexie.minKey], ['in-flight', Dexie.maxKey])
        .filter((row) => row.origin === origin && Date.parse(row.updatedAt) <= staleBefore)
        .toArray(),
    ]);
    return [...pending, ...inFlight]
      .map((row) => parseItem(row, row.id))
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);
  }

  /**
   * pending (and due) -> in-flight, atomically. Returns null when the item is not claimable: someone else holds
   * it, it is done or failed, or it is not due yet. A claim older than STALE_IN_FLIGHT_MS is taken over, unless
   * the item has used up its attempts, in which case it fails.
   *
   * One tag write per ticket at a time: while another tag write-back of the same ticket is in flight (a fresh
   * claim), this one waits. Some helpdesks change tags by reading the list and writing it back whole (Freshdesk,
   * HubSpot), so two tabs writing two tag items of one ticket at once would each drop the other's tag. Other kinds
   * do not wait (a tab closed mid-write holds up only that write). The tab holding the claim asks again when it is
   * done and takes the waiting one itself; a claim gone stale holds up nothing.
   */
  async claim(id: string, now: Date): Promise<OutboxItem | null> {
    return this.db.transaction('rw', this.db.outbox, async () => {
      const item = await this.get(id);
      if (item === null) return null;
      const t = now.getTime();
      const due = item.state === 'pending' && Date.parse(item.nextAttemptAt) <= t;
      const stale = item.state === 'in-flight' && Date.parse(item.updatedAt) <= t - STALE_IN_FLIGHT_MS;
      if (!due && !stale) return null;
      if (item.action.kind === 'tags') {
        const busy = await this.db.outbox
          .where('[state+nextAttemptAt]')
          .between(['in-flight', Dexie.minKey], ['in-flight', Dexie.maxKey])
          .filter((row) => row.id !== item.id && row.action.kind === 'tags' && row.site === item.site && row.ticketId === item.ticketId && Date.parse(row.updatedAt) > t - STALE_IN_FLIGHT_MS)
          .count();
        if (busy > 0) return null;
      }
      const at = now.toISOString();
      if (stale && item.attempts >= MAX_ATTEMPTS) {
        await this.db.outbox.put(
          toOutboxRow({
            ...item,
            state: 'failed',
            updatedAt: at,
            lastError: { message: `interrupted mid-write ${item.attempts} times (the tab closed or crashed)`, status: null },
          }),
        );
        return null;
      }
      const claimed: OutboxItem = { ...item, state: 'in-flight', attempts: item.attempts + 1, updatedAt: at };
      await this.db.outbox.put(toOutboxRow(claimed));
      return claimed;
    });
  }

  /** The helpdesk accepted the write. */
  async succeed(id: string, now: Date): Promise<OutboxItem> {
    return this.db.transaction('rw', this.db.outbox, async () => {
      const item = await this.mustGet(id);
      if (item.state === 'done') return item;
      // Whatever state we thought it was in, the write happened: done is the truth.
      const at = now.toISOString();
      const done: OutboxItem = { ...item, state: 'done', updatedAt: at, doneAt: at, lastError: null };
      await this.db.outbox.put(toOutboxRow(done));
      return done;
    });
  }

  /**
   * The write failed. Retryable: back to pending after 5 s, 10 s, 20 s, ... (capped at 15 min, or the server's
   * Retry-After when that is longer), until MAX_ATTEMPTS attempts, then failed. Not retryable: failed at once.
   */
  async fail(id: string, now: Date, error: WriteFailure): Promise<OutboxItem> {
    return this.db.transaction('rw', this.db.outbox, async () => {
      const item = await this.mustGet(id);
      // A late failure report from a tab whose claim was taken over by one that succeeded.
      if (item.state === 'done') return item;
      const status = error.status !== null && Number.isFinite(error.status) ? Math.trunc(error.status) : null;
      const lastError = { message: String(error.message).slice(0, 2000), status };
      const attempts = Math.max(item.attempts, 1);
      const at = now.toISOString();
      let next: OutboxItem;
      if (!error.retryable || attempts >= MAX_ATTEMPTS) {
        next = { ...item, attempts, state: 'failed', lastError, updatedAt: at };
      } else {
        const retryAfterMs =
          error.retryAfterSeconds !== null && Number.isFinite(error.retryAfterSeconds)
            ? Math.min(Math.max(0, error.retryAfterSeconds) * 1000, MAX_RETRY_AFTER_MS)
            : 0;
        const delay = Math.max(backoffMs(attempts), retryAfterMs);
        next = { ...item, attempts, state: 'pending', lastError, updatedAt: at, nextAttemptAt: new Date(now.getTime() + delay).toISOString() };
      }
      await this.db.outbox.put(toOutboxRow(next));
      return next;
    });
  }

  /** failed -> pending, due now, with a fresh set of attempts (an admin pressed "retry"). Null when not failed. */
  async retry(id: string, now: Date): Promise<OutboxItem | null> {
    return this.db.transaction('rw', this.db.outbox, async () => {
      const item = await this.mustGet(id);
      if (item.state !== 'failed') return null;
      const at = now.toISOString();
      const next: OutboxItem = { ...item, state: 'pending', attempts: 0, nextAttemptAt: at, updatedAt: at };
      await this.db.outbox.put(toOutboxRow(next));
      return next;
    });
  }

  /** The escalation's write-backs, oldest first. */
  async forEscalation(escalationId: string): Promise<OutboxItem[]> {
    const rows = await this.db.outbox.where('escalationId').equals(escalationId).toArray();
    return rows
      .map((row) => parseItem(row, row.id))
      .sort((a, b) => a.seq - b.seq || Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1));
  }

  /** For the panel: is the helpdesk in step with the escalation? Any failure wins, then anything still to write. */
  async syncState(escalationId: string): Promise<'synced' | 'pending' | 'failed'> {
    const items = await this.forEscalation(escalationId);
    if (items.some((item) => item.state === 'failed')) return 'failed';
    if (items.some((item) => item.state === 'pending' || item.state === 'in-flight')) return 'pending';
    return 'synced';
  }

  /**
   * When the background's alarm should next wake the outbox: the earliest pending attempt or stale claim. Asked after
   * every command, so both reads share one read-only transaction (outside one, each would open its own).
   */
  async nextDueAt(): Promise<string | null> {
    const [firstPending, inFlight] = await this.db.transaction('r', this.db.outbox, () =>
      Promise.all([
        this.db.outbox.where('[state+nextAttemptAt]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).first(),
        this.db.outbox.where('[state+nextAttemptAt]').between(['in-flight', Dexie.minKey], ['in-flight', Dexie.maxKey]).toArray(),
      ]),
    );
    const candidates: number[] = [];
    if (firstPending !== undefined) candidates.push(Date.parse(parseItem(firstPending, firstPending.id).nextAttemptAt));
    for (const row of inFlight) candidates.push(Date.parse(parseItem(row, row.id).updatedAt) + STALE_IN_FLIGHT_MS);
    return candidates.length === 0 ? null : new Date(Math.min(...candidates)).toISOString();
  }

  private async mustGet(id: string): Promise<OutboxItem> {
    const item = await this.get(id);
    if (item === null) throw new OutboxItemNotFoundError(id);
    return item;
  }
}

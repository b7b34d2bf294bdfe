// Escalations in the store: commands go through the pure state machine and land, with their events and helpdesk
// write-backs, in one transaction; queries for the panel, the popup queue, history and stats read through indexes.
import { Dexie } from 'dexie';
import { Actor, Command, Escalation, EscalationEvent, type Refusal } from '../schemas';
import { Policy } from '../policy';
import { fold, transition, type TransitionResult } from '../machine';
import { TABLES, toEscalationRow, type EscalationDb, type EscalationRow } from './db';
import { newOutboxItem, type OutboxItem, type OutboxItemInput } from './outbox';
import { deepEqualJson, describeIssues, RowParseCache } from './rows';

export type ApplyResult = TransitionResult | { ok: false; refusal: Refusal };

/** Builds the helpdesk write-backs of an accepted command; runs inside the transaction, so it must be synchronous. */
export type WriteBacks = (escalation: Escalation, events: EscalationEvent[]) => OutboxItemInput[];

export const HISTORY_STATES = ['resolved', 'closed', 'declined', 'withdrawn'] as const;
export type HistoryState = (typeof HISTORY_STATES)[number];

export interface HistoryFilter {
  states?: HistoryState[];
  site?: string;
  /** Case-insensitive substring of subject, ticket id, customer, requester or reason. */
  text?: string;
}
export interface HistoryPage {
  limit: number;
  /** Cursor: the updatedAt of the previous page's last item; this page holds only strictly older ones. */
  before?: string;
}

export interface Stats {
  /** Escalations requested in the last 7 days (rolling, so no time zone is involved). */
  thisWeek: number;
  /** Of those decided, the share approved (0-1); null when none was decided. */
  approvalRate: number | null;
  /** Of those decided, the median minutes from request to decision; null when none was decided. */
  medianMinutesToDecision: number | null;
  /** Approved escalations not yet resolved. */
  approvedOpen: number;
}

export interface RebuildReport {
  stored: Escalation | null;
  rebuilt: Escalation | null;
  eventCount: number;
  /** The stored record equals the fold of its events. */
  consistent: boolean;
}

export interface NextReminder {
  escalationId: string;
  dueAt: string;
  kind: 'decision' | 'customer-update';
}

/** The state machine returned something that does not fit the record or the event log: a bug, never stored. */
export class InvalidTransitionOutputError extends Error {
  constructor(message: string) {
    super(`The state machine produced an invalid result, nothing was stored: ${message}`);
    this.name = 'InvalidTransitionOutputError';
  }
}

/** Raised inside the transaction when an event's seq is already taken, to abort it; apply turns it into a refusal. */
class SeqTakenError extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} already exists`);
  }
}

const WEEK_MS = 7 * 24 * 60 * 60_000;

interface WeekEntry {
  readonly requestedAt: string;
  readonly decidedAt: string | null;
  readonly approved: boolean;
}
const weekEntry = (e: Escalation): WeekEntry => ({ requestedAt: e.requestedAt, decidedAt: e.decision?.at ?? null, approved: e.decision?.outcome === 'approved' });

// Escalation rows change with every command (and are compared by content), events never change once written.
const escalationRows = new RowParseCache(Escalation, TABLES.escalations);
const eventRows = new RowParseCache(EscalationEvent, TABLES.events);
const parseEscalation = (row: unknown, key: string) => escalationRows.parse(key, row);
const parseEvent = (row: unknown, key: string) => eventRows.parse(key, row);

/** The open escalations the badge, the queue's total and the popup's numbers count (see `openSummary`). */
interface OpenSummary {
  /** Awaiting a decision: id -> decision due time. */
  readonly pending: Map<string, string>;
  /** Approved and not yet resolved (null until first needed). */
  readonly approved: Set<string> | null;
  /** How many of `pending` were overdue at `cutoff` (see `countAwaitingDecision`); null until first counted. */
  tally: OverdueTally | null;
}

/**
 * The badge's overdue count, kept so that a refresh after every command is not a pass over every pending escalation
 * (4,000 at 100,000 stored). `count`: pending with a decision due before `cutoff`. `floor`: no other pending one is
 * due before it (a lower bound of the earliest not yet overdue; null when none is), so up to `floor` the count holds.
 */
interface OverdueTally {
  cutoff: string;
  count: number;
  floor: string | null;
}

/** Counts one more pending escalation, due at `due`, into the tally. */
function tallyOne(tally: OverdueTally, due: string): void {
  if (due < tally.cutoff) tally.count += 1;
  else if (tally.floor === null || due < tally.floor) tally.floor = due;
}

/** Policies already checked, by identity; a frozen one cannot have changed since. */
const CHECKED_POLICIES = new WeakSet<Policy>();
function checkedPolicy(policy: Policy): Policy {
  if (CHECKED_POLICIES.has(policy)) return policy;
  const parsed = Policy.parse(policy);
  if (Object.isFrozen(policy)) CHECKED_POLICIES.add(policy);
  return parsed;
}

/**
 * Summaries kept in memory: IndexedDB counts by walking the index (in Chromium about 25 µs per key, and one
 * database's requests take turns), so counting 4,000 pending escalations took 100 ms and counting every row 300 ms
 * at 100,000 escalations, on every queue load, badge refresh and popup reload, and each command waited behind them.
 * The summaries are read once and then updated by every command this repository applies. Every write to the
 * escalations goes through `apply`, except import and clear, which call `forgetSummaries()`.
 */
export class EscalationRepository {
  /** What `stats` remembers of the escalations requested since `from` (see there). */
  private week: { from: string; entries: Map<string, WeekEntry> } | null = null;
  private open: OpenSummary | null = null;
  /**
   * The queue's head: exactly the first `rows.length` escalations awaiting a decision, in decision-due order (then
   * id, as the index orders ties); `complete` when no other one awaits. Kept by every command like the summaries.
   */
  private head: { rows: Escalation[]; complete: boolean } | null = null;
  /** Counts this repository's writes, so a summary read while a command was applied is not kept. */
  private generation = 0;

  constructor(private readonly db: EscalationDb) {}

  async get(id: string): Promise<Escalation | null> {
    const row = await this.db.escalations.get(id);
    return row === undefined ? null : parseEscalation(row, id);
  }

  /** Every escalation of the ticket, newest request first. */
  async findByTicket(site: string, ticketId: string): Promise<Escalation[]> {
    const rows = await this.db.escalations.where('[ticket.site+ticket.ticketId]').equals([site, ticketId]).toArray();
    return rows.map((row) => parseEscalation(row, row.id)).sort(newestRequestFirst);
  }

  /** The escalation's audit log, by seq. */
  async events(escalationId: string): Promise<EscalationEvent[]> {
    const rows = await this.db.events
      .where('[escalationId+seq]')
      .between([escalationId, Dexie.minKey], [escalationId, Dexie.maxKey])
      .toArray();
    return rows.map((row) => parseEvent(row, row.id));
  }

  /**
   * Runs the command through the state machine and stores the result in one transaction: the new events (added,
   * never overwritten), the record, and the write-backs. A concurrent writer that got there first makes this a
   * 'stale-version' refusal with nothing written; any other failure throws with nothing written.
   *
   * `readBack`, when given, runs in the same transaction after the writes (reads only, on the escalations, events
   * and outbox tables), so that what a caller shows next is read without another transaction; its answer is `read`.
   */
  async apply<R = undefined>(
    command: Command,
    actor: Actor,
    now: Date,
    policy: Policy,
    writeBacks?: WriteBacks,
    readBack?: (escalation: Escalation) => Promise<R>,
  ): Promise<ApplyResult & { read?: R }> {
    const parsedCommand = Command.safeParse(command);
    if (!parsedCommand.success) {
      return refuse('invalid-command', `The command is not valid: ${describeIssues(parsedCommand.error)}`);
    }
    const parsedActor = Actor.safeParse(actor);
    if (!parsedActor.success) return refuse('invalid-command', `The actor is not valid: ${describeIssues(parsedActor.error)}`);
    if (Number.isNaN(now.getTime())) throw new RangeError('apply: `now` is an invalid date');
    // Settings are parsed when loaded, so an invalid policy here is a bug; a policy seen valid once is not parsed
    // again (the background's settings are kept parsed and frozen between writes).
    const parsedPolicy = checkedPolicy(policy);
    const cmd = parsedCommand.data;

    try {
      const result = await this.db.transaction('rw', [this.db.escalations, this.db.events, this.db.outbox], async () => {
        const current = await this.get(cmd.escalationId);
        const result = transition(current, cmd, parsedActor.data, now, parsedPolicy);
        if (!result.ok) return result;

        const { escalation, events } = checkTransitionOutput(current, result.escalation, result.events);
        const outboxItems: OutboxItem[] = (writeBacks?.(escalation, events) ?? []).map((input) => newOutboxItem(input, now));

        // Every write and the read-back are asked for at once, not each after the last one's answer: a
        // transaction runs its requests in the order they were made, so the read-back sees the writes, and an
        // event whose seq is taken still aborts the whole transaction (nothing written).
        const added = events.map((event) =>
          this.db.events.add(event).catch((error: unknown) => {
            throw error instanceof Dexie.ConstraintError ? new SeqTakenError(event.id) : error;
          }),
        );
        const [, , , read] = await Promise.all([
          Promise.all(added),
          this.db.escalations.put(toEscalationRow(escalation)),
          outboxItems.length > 0 ? this.db.outbox.bulkAdd(outboxItems) : undefined,
          readBack ? readBack(escalation) : undefined,
        ]);
        return { ok: true as const, escalation, events, ...(readBack ? { read } : {}) };
      });
      if (result.ok) this.noteApplied(result.escalation); // committed: the summaries follow
      return result;
    } catch (error) {
      if (error instanceof SeqTakenError) {
        return refuse(
          'stale-version',
          `Someone else changed escalation ${cmd.escalationId} at the same moment (${error.eventId} exists); reload it and try again.`,
        );
      }
      throw error;
    }
  }

  /**
   * The manager's queue: awaiting a decision, the earliest decision due first. Served from the queue's head in
   * memory when it holds enough; otherwise twice `limit` rows are read, so that the decisions taken next (each
   * takes one out of the head) do not send every following load back to the database.
   */
  async pendingQueue(limit = 200): Promise<Escalation[]> {
    const head = this.head;
    if (head && (head.complete || head.rows.length >= limit)) return head.rows.slice(0, limit);
    const generation = this.generation;
    const want = limit * 2;
    const rows = await this.db.escalations
      .where('[state+decisionDueAt]')
      .between(['requested', Dexie.minKey], ['requested', Dexie.maxKey])
      .limit(want)
      .toArray();
    const parsed = rows.map((row) => parseEscalation(row, row.id));
    if (generation === this.generation) this.head = { rows: parsed, complete: parsed.length < want };
    return parsed.slice(0, limit);
  }

  /** Approved and being worked on, the next customer update due first (any without a due time last). */
  async inProgress(limit = 200): Promise<Escalation[]> {
    const rows = await this.db.escalations
      .where('[state+nextCustomerUpdateDueAt]')
      .between(['approved', Dexie.minKey], ['approved', Dexie.maxKey])
      .limit(limit)
      .toArray();
    if (rows.length < limit) {
      // A null due time is not a valid index key, so such rows are missing from the compound index.
      const undated = await this.db.escalations
        .where('state')
        .equals('approved')
        .filter((row) => row.nextCustomerUpdateDueAt === null)
        .limit(limit - rows.length)
        .toArray();
      rows.push(...undated);
    }
    return rows.map((row) => parseEscalation(row, row.id));
  }

  /**
   * Finished escalations, most recently updated first, a page at a time: a reverse scan of the updatedAt index,
   * filtered. For the next page pass the last item's updatedAt as `before` (strictly older). A page never splits
   * escalations updated in the same millisecond, so it may run a few items over `limit`.
   * Cost: rows skipped by the filter are still read (few open ones; other sites' and non-matching text rows).
   */
  async history(filter: HistoryFilter, page: HistoryPage): Promise<Escalation[]> {
    const limit = Math.max(1, Math.floor(page.limit));
    const states = new Set<string>(filter.states && filter.states.length > 0 ? filter.states : HISTORY_STATES);
    const text = filter.text?.trim().toLowerCase() ?? '';
    const site = filter.site;
    const wanted = (row: EscalationRow) =>
      states.has(row.state) && (site === undefined || row.ticket?.site === site) && (text === '' || matchesText(row, text));

    const rows = await this.db.transaction('r', this.db.escalations, async () => {
      const index = this.db.escalations.where('updatedAt');
      const range = page.before === undefined ? index.above('') : index.below(page.before);
      const pageRows = await range.reverse().filter(wanted).limit(limit).toArray();
      const last = pageRows.at(-1);
      if (pageRows.length < limit || last === undefined) return pageRows;
      // Complete the last millisecond, so that `before: last.updatedAt` loses nothing.
      const seen = new Set(pageRows.map((row) => row.id));
      const ties = await this.db.escalations.where('updatedAt').equals(last.updatedAt).filter(wanted).toArray();
      return [...pageRows, ...ties.filter((row) => !seen.has(row.id))];
    });
    return rows.map((row) => parseEscalation(row, row.id));
  }

  /** Escalations the actor requested, newest first. */
  async mine(actorId: string, limit = 50): Promise<Escalation[]> {
    const rows = await this.db.escalations
      .where('[requestedBy.id+requestedAt]')
      .between([actorId, Dexie.minKey], [actorId, Dexie.maxKey])
      .reverse()
      .limit(limit)
      .toArray();
    return rows.map((row) => parseEscalation(row, row.id));
  }

  /** For the badge and the queue: how many await a decision, and how many of those are past their decision due time. */
  async countAwaitingDecision(now: Date): Promise<{ count: number; overdue: number }> {
    const { pending } = await this.openSummary({ approved: false });
    const cutoff = now.toISOString();
    const kept = this.open?.pending === pending ? this.open : null;
    const tally = kept?.tally;
    // Time moved forward but no pending escalation became overdue meanwhile: the count stands.
    if (tally && cutoff >= tally.cutoff && (tally.floor === null || cutoff <= tally.floor)) {
      tally.cutoff = cutoff;
      return { count: pending.size, overdue: tally.count };
    }
    const counted: OverdueTally = { cutoff, count: 0, floor: null };
    for (const due of pending.values()) tallyOne(counted, due);
    if (kept) kept.tally = counted;
    return { count: pending.size, overdue: counted.count };
  }

  /**
   * The popup's numbers, asked again after every change. The week's requests are kept as a compact summary (read
   * once, then updated by every command applied here; read again when the window moves back or after
   * `forgetSummaries()`), the open ones likewise: per call, an in-memory pass.
   */
  async stats(now: Date): Promise<Stats> {
    const since = new Date(now.getTime() - WEEK_MS).toISOString();
    const until = now.toISOString();
    const [open, week] = await Promise.all([this.openSummary({ approved: true }), this.weekSummary(since)]);
    let thisWeek = 0;
    let approved = 0;
    const minutes: number[] = [];
    for (const entry of week.entries.values()) {
      if (entry.requestedAt <= since || entry.requestedAt > until) continue;
      thisWeek += 1;
      if (entry.decidedAt === null) continue;
      if (entry.approved) approved += 1;
      minutes.push((Date.parse(entry.decidedAt) - Date.parse(entry.requestedAt)) / 60_000);
    }
    return {
      thisWeek,
      approvalRate: minutes.length === 0 ? null : approved / minutes.length,
      medianMinutesToDecision: median(minutes),
      approvedOpen: open.approved.size,
    };
  }

  /** Drops what the summaries remember; call after writing escalations other than through `apply` (import, clear). */
  forgetSummaries(): void {
    this.week = null;
    this.open = null;
    this.head = null;
    this.generation += 1;
  }

  /**
   * Reads index keys only (no rows): every escalation requested since `since` (the requestedAt index), then, for the
   * decided ones, when and how they were decided (the v3 index [requestedAt+decision.at+decision.outcome]).
   */
  private async weekSummary(since: string): Promise<{ from: string; entries: Map<string, WeekEntry> }> {
    if (this.week && since >= this.week.from) return this.week;
    const generation = this.generation;
    const entries = new Map<string, WeekEntry>();
    await this.db.transaction('r', this.db.escalations, async () => {
      await this.db.escalations
        .where('requestedAt')
        .aboveOrEqual(since)
        .eachKey((requestedAt, cursor) => entries.set(String(cursor.primaryKey), { requestedAt: String(requestedAt), decidedAt: null, approved: false }));
      await this.db.escalations
        .where('[requestedAt+decision.at+decision.outcome]')
        .aboveOrEqual([since]) // [since] sorts before every [since, ..., ...]
        .eachKey((key, cursor) => {
          const [requestedAt, decidedAt, outcome] = key as [string, string, string];
          entries.set(String(cursor.primaryKey), { requestedAt, decidedAt, approved: outcome === 'approved' });
        });
    });
    const week = { from: since, entries };
    // A command applied while the rows were being read may be missing from them: use, but do not keep, this read.
    if (generation === this.generation) this.week = week;
    return week;
  }

  /**
   * The open escalations, from index keys only (no rows), each part read when first needed: the queue's total and
   * the badge need the pending ones (with their due times), only the numbers need the approved ones.
   */
  private async openSummary(parts: { approved: boolean }): Promise<{ pending: Map<string, string>; approved: Set<string> }> {
    const generation = this.generation;
    let pending = this.open?.pending ?? null;
    if (!pending) {
      const read = new Map<string, string>();
      await this.db.escalations
        .where('[state+decisionDueAt]')
        .between(['requested', Dexie.minKey], ['requested', Dexie.maxKey])
        .eachKey((key, cursor) => read.set(String(cursor.primaryKey), String((key as [string, string])[1])));
      pending = read;
    }
    let approved = this.open?.approved ?? null;
    if (!approved && parts.approved) {
      // Primary keys of one index range: a single request (getAllKeys), not a cursor step per key.
      approved = new Set((await this.db.escalations.where('state').equals('approved').primaryKeys()).map(String));
    }
    // A command applied while these were being read may be missing from them: use, but do not keep, this read.
    if (generation === this.generation) this.open = { pending, approved, tally: this.open?.pending === pending ? this.open.tally : null };
    return { pending, approved: approved ?? new Set() };
  }

  private noteApplied(after: Escalation): void {
    this.generation += 1;
    const open = this.open;
    if (open) {
      const dueBefore = open.pending.get(after.id);
      open.pending.delete(after.id);
      open.approved?.delete(after.id);
      if (after.state === 'requested') open.pending.set(after.id, after.decisionDueAt);
      else if (after.state === 'approved') open.approved?.add(after.id);
      const tally = open.tally;
      if (tally) {
        if (dueBefore !== undefined && dueBefore < tally.cutoff) tally.count -= 1;
        if (after.state === 'requested') tallyOne(tally, after.decisionDueAt);
      }
    }
    const week = this.week;
    if (week && after.requestedAt >= week.from) week.entries.set(after.id, weekEntry(after));
    const head = this.head;
    if (head) {
      // Taking one out of the exact first n leaves the exact first n - 1; one comes in only where it belongs.
      const at = head.rows.findIndex((e) => e.id === after.id);
      if (at >= 0) head.rows.splice(at, 1);
      const last = head.rows.at(-1);
      if (after.state === 'requested' && (head.complete || (last !== undefined && dueOrder(after, last) < 0))) {
        const before = head.rows.findIndex((e) => dueOrder(after, e) < 0);
        head.rows.splice(before < 0 ? head.rows.length : before, 0, after);
      }
    }
  }

  /** The earliest decision or customer update owed on any open escalation, for the background's reminder alarm. */
  async nextReminder(): Promise<NextReminder | null> {
    const row = await this.db.escalations.orderBy('dueAt').first();
    if (row === undefined || row.dueAt === undefined) return null;
    const escalation = parseEscalation(row, row.id);
    return { escalationId: escalation.id, dueAt: row.dueAt, kind: escalation.state === 'requested' ? 'decision' : 'customer-update' };
  }

  /** Folds the escalation's events and compares the result with the stored record (the audit guarantee). */
  async rebuild(id: string): Promise<RebuildReport> {
    return this.db.transaction('r', [this.db.escalations, this.db.events], async () => {
      const [stored, events] = await Promise.all([this.get(id), this.events(id)]);
      const folded = fold(events);
      const rebuilt = folded === null ? null : Escalation.parse(folded);
      return { stored, rebuilt, eventCount: events.length, consistent: deepEqualJson(stored, rebuilt) };
    });
  }
}

/** The order of the [state+decisionDueAt] index among pending escalations: due time, then id. */
function dueOrder(a: Escalation, b: Escalation): number {
  if (a.decisionDueAt !== b.decisionDueAt) return a.decisionDueAt < b.decisionDueAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function refuse(refused: Refusal['refused'], message: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { refused, message } };
}

/** The machine's output must parse, and its events must continue the log exactly where the stored record ended. */
function checkTransitionOutput(
  current: Escalation | null,
  escalationOut: Escalation,
  eventsOut: readonly EscalationEvent[],
): { escalation: Escalation; events: EscalationEvent[] } {
  const escalation = Escalation.safeParse(escalationOut);
  if (!escalation.success) throw new InvalidTransitionOutputError(`escalation: ${describeIssues(escalation.error)}`);
  const events = eventsOut.map((event, i) => {
    const parsed = EscalationEvent.safeParse(event);
    if (!parsed.success) throw new InvalidTransitionOutputError(`event ${i}: ${describeIssues(parsed.error)}`);
    return parsed.data;
  });
  if (events.length === 0) throw new InvalidTransitionOutputError('an accepted command produced no event');
  const from = current?.version ?? 0;
  events.forEach((event, i) => {
    if (event.escalationId !== escalation.data.id) throw new InvalidTransitionOutputError(`event ${event.id} belongs to ${event.escalationId}`);
    if (event.seq !== from + i + 1) throw new InvalidTransitionOutputError(`event ${event.id} has seq ${event.seq}, expected ${from + i + 1}`);
    if (event.id !== `${event.escalationId}#${event.seq}`) throw new InvalidTransitionOutputError(`event id ${event.id} is not escalationId#seq`);
  });
  if (escalation.data.version !== from + events.length) {
    throw new InvalidTransitionOutputError(`version ${escalation.data.version} after ${events.length} event(s) from version ${from}`);
  }
  return { escalation: escalation.data, events };
}

/** Runs on raw rows inside the index scan, so it tolerates missing fields (parsing happens after). */
function matchesText(row: EscalationRow, needle: string): boolean {
  const haystack = [row.subject, row.ticket?.ticketId, row.customer?.name, row.customer?.email, row.requestedBy?.name, row.request?.reason];
  return haystack.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

function newestRequestFirst(a: Escalation, b: Escalation): number {
  return Date.parse(b.requestedAt) - Date.parse(a.requestedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

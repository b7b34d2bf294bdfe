// The extension's IndexedDB database (background service worker and extension pages only; a content script runs in
// the helpdesk's origin and talks to the background instead). The schema below is a dated, append-only changelog.
import { Dexie, type Table } from 'dexie';
import type { Escalation, EscalationEvent } from '../schemas';
import type { OutboxItem } from './outbox';
import type { AdapterHealthRecord, SettingsRow, TicketLogEntry } from './settings-store';

export const TABLES = {
  escalations: 'escalations',
  events: 'events',
  outbox: 'outbox',
  settings: 'settings',
  ticketLogs: 'ticketLogs',
  health: 'health',
} as const;
export type TableName = (typeof TABLES)[keyof typeof TABLES];

/** The primary key of the one settings row. */
export const SETTINGS_KEY = 'settings';

/**
 * An escalation as stored: the record itself plus columns derived from it for indexing. Derived columns are
 * recomputed by `toEscalationRow` on every write and stripped by the zod parse on every read, so they can never
 * be the source of truth.
 */
export type EscalationRow = Escalation & {
  /**
   * v2: when the next obligation on this open escalation falls due: the decision while `requested`, the next
   * customer update while `approved`. Absent otherwise (so the row is not in the index), always UTC `...Z`.
   */
  dueAt?: string;
};

/** The current schema version; the migration harness checks that every older version has a migration case. */
export const SCHEMA_VERSION = 3;

export class EscalationDb extends Dexie {
  escalations!: Table<EscalationRow, string>;
  events!: Table<EscalationEvent, string>;
  outbox!: Table<OutboxItem, string>;
  settings!: Table<SettingsRow, string>;
  ticketLogs!: Table<TicketLogEntry, number>;
  health!: Table<AdapterHealthRecord, string>;
  /**
   * Counts every write to the settings table made through this instance (put, delete, clear, in any transaction,
   * committed or not), so that `loadSettings` can keep the parsed settings and know when to read them again.
   */
  settingsWrites = 0;

  constructor(name = 'escalation-desk') {
    super(name);
    this.use({
      stack: 'dbcore',
      name: 'settings-writes',
      create: (down) => ({
        ...down,
        table: (tableName) => {
          const table = down.table(tableName);
          if (tableName !== TABLES.settings) return table;
          return {
            ...table,
            mutate: (request) => {
              this.settingsWrites += 1;
              return table.mutate(request).finally(() => {
                this.settingsWrites += 1; // a read that overlapped the write does not stay cached either
              });
            },
          };
        },
      }),
    });

    // ---- v1, 2026-11-27: initial schema.
    // Time columns are indexed as ISO strings; the store only writes UTC `...Z` times to indexed columns (see
    // `assertIndexableTime`), so string order is time order. Events are unique per [escalationId+seq]: a second
    // writer of the same seq collides, which is how concurrent writers are serialised.
    this.version(1).stores({
      [TABLES.escalations]: 'id, [ticket.site+ticket.ticketId], state, decisionDueAt, updatedAt, nextCustomerUpdateDueAt',
      [TABLES.events]: 'id, escalationId, &[escalationId+seq], at',
      // The primary key is the idempotency key `${escalationId}#${seq}:${kind}`.
      [TABLES.outbox]: 'id, [state+nextAttemptAt], escalationId, origin',
      [TABLES.settings]: 'key',
      [TABLES.ticketLogs]: '++id, [site+ticketId]',
      [TABLES.health]: 'adapterId',
    });

    // ---- v2, 2026-11-27: indexes the popup, the reminders and the history need.
    // - [state+decisionDueAt]: the manager's queue and the badge count read only `requested` rows, in due order,
    //   without scanning every escalation ever made; [state+nextCustomerUpdateDueAt] likewise for approved ones.
    // - [requestedBy.id+requestedAt] for "my escalations"; requestedAt for the weekly stats.
    // - dueAt (derived, see EscalationRow): one index read gives the background the next reminder to schedule.
    //   The upgrade fills it for rows written at v1.
    this.version(2)
      .stores({
        [TABLES.escalations]:
          'id, [ticket.site+ticket.ticketId], state, decisionDueAt, updatedAt, nextCustomerUpdateDueAt, ' +
          '[state+decisionDueAt], [state+nextCustomerUpdateDueAt], [requestedBy.id+requestedAt], requestedAt, dueAt',
      })
      .upgrade(async (tx) => {
        await tx
          .table<EscalationRow, string>(TABLES.escalations)
          .toCollection()
          .modify((row) => {
            const dueAt = deriveDueAt(row);
            if (dueAt === undefined) delete row.dueAt;
            else row.dueAt = dueAt;
          });
      });

    // ---- v3, 2026-11-27: the popup's weekly numbers from index keys alone; unused indexes dropped.
    // - [requestedAt+decision.at+decision.outcome]: for a decided escalation, when it was requested, decided and how.
    //   With the requestedAt index (every escalation, decided or not), a key-only walk gives the week's numbers
    //   without reading and parsing the rows (about 9,000 a week in a large team's store). An undecided row has no
    //   decision.at, so it is not in this index; no row changes, the browser builds the index on upgrade.
    // - Dropped, as nothing reads by them (the compound indexes serve every query): escalations' decisionDueAt and
    //   nextCustomerUpdateDueAt, events' escalationId and at. Every command wrote them; an event now costs one index
    //   entry, not three.
    this.version(3).stores({
      [TABLES.escalations]:
        'id, [ticket.site+ticket.ticketId], state, updatedAt, ' +
        '[state+decisionDueAt], [state+nextCustomerUpdateDueAt], [requestedBy.id+requestedAt], requestedAt, dueAt, ' +
        '[requestedAt+decision.at+decision.outcome]',
      [TABLES.events]: 'id, &[escalationId+seq]',
    });

    // ---- Next version: append a new block here (never edit the ones above), add its case to migrations.test.ts
    // and bump SCHEMA_VERSION.
  }
}

/** v2's derived `dueAt` column. Tolerates odd rows (the upgrade runs on whatever v1 stored). */
export function deriveDueAt(row: Pick<Escalation, 'state' | 'decisionDueAt' | 'nextCustomerUpdateDueAt'>): string | undefined {
  const due = row.state === 'requested' ? row.decisionDueAt : row.state === 'approved' ? row.nextCustomerUpdateDueAt : null;
  if (typeof due !== 'string') return undefined;
  const ms = Date.parse(due);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The one way an escalation becomes a row: checks the indexed times and (re)computes the derived columns. */
export function toEscalationRow(escalation: Escalation): EscalationRow {
  assertIndexableTime(escalation.decisionDueAt, `escalation ${escalation.id} decisionDueAt`);
  assertIndexableTime(escalation.updatedAt, `escalation ${escalation.id} updatedAt`);
  assertIndexableTime(escalation.requestedAt, `escalation ${escalation.id} requestedAt`);
  if (escalation.nextCustomerUpdateDueAt !== null) {
    assertIndexableTime(escalation.nextCustomerUpdateDueAt, `escalation ${escalation.id} nextCustomerUpdateDueAt`);
  }
  const row: EscalationRow = { ...escalation };
  const dueAt = deriveDueAt(escalation);
  if (dueAt !== undefined) row.dueAt = dueAt;
  return row;
}

/** The `Date#toISOString` form: fixed width, UTC, so that string order in an index is time order. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export class NonIndexableTimeError extends Error {
  constructor(readonly field: string, readonly value: string) {
    super(`${field} is "${value}", but indexed times must be UTC in the form 2026-11-27T10:00:00.000Z (string order must be time order)`);
    this.name = 'NonIndexableTimeError';
  }
}

export function isIndexableTime(value: string): boolean {
  return CANONICAL_UTC.test(value) && !Number.isNaN(Date.parse(value));
}

export function assertIndexableTime(value: string, field: string): void {
  if (!isIndexableTime(value)) throw new NonIndexableTimeError(field, value);
}

// Migration harness: for every older schema version, seed a database exactly as that version stored it (with the
// old schema copied here as data, never imported from db.ts), open the current EscalationDb, and check that every
// row survived and was migrated.
//
// Adding schema version N+1 to db.ts:
//   1. copy version N+1's full table definitions into SCHEMAS below (the current one must always be there);
//   2. add a case to MIGRATION_CASES `from: N` with rows as version N stored them, and what N+1 must make of them;
//   3. keep every older case: each one now runs through all the upgrades after it.
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { transition } from '../machine';
import type { Escalation, EscalationEvent } from '../schemas';
import { DEFAULT_SETTINGS } from '../settings';
import { deriveDueAt, EscalationDb, SCHEMA_VERSION, TABLES, type TableName } from './db';
import { newOutboxItem, writeBack } from './outbox';
import { EscalationRepository } from './repository';
import { AGENT, MANAGER, OTHER_AGENT, POLICY, approve, at, close, decline, requestCommand, resolve } from './testing';

// ---------------------------------------------------------------------------------------------------------------
// Every schema version's full definition, as data.

const SCHEMAS: Record<number, Record<TableName, string>> = {
  1: {
    escalations: 'id, [ticket.site+ticket.ticketId], state, decisionDueAt, updatedAt, nextCustomerUpdateDueAt',
    events: 'id, escalationId, &[escalationId+seq], at',
    outbox: 'id, [state+nextAttemptAt], escalationId, origin',
    settings: 'key',
    ticketLogs: '++id, [site+ticketId]',
    health: 'adapterId',
  },
  2: {
    escalations:
      'id, [ticket.site+ticket.ticketId], state, decisionDueAt, updatedAt, nextCustomerUpdateDueAt, ' +
      '[state+decisionDueAt], [state+nextCustomerUpdateDueAt], [requestedBy.id+requestedAt], requestedAt, dueAt',
    events: 'id, escalationId, &[escalationId+seq], at',
    outbox: 'id, [state+nextAttemptAt], escalationId, origin',
    settings: 'key',
    ticketLogs: '++id, [site+ticketId]',
    health: 'adapterId',
  },
  3: {
    escalations:
      'id, [ticket.site+ticket.ticketId], state, updatedAt, ' +
      '[state+decisionDueAt], [state+nextCustomerUpdateDueAt], [requestedBy.id+requestedAt], requestedAt, dueAt, ' +
      '[requestedAt+decision.at+decision.outcome]',
    events: 'id, &[escalationId+seq]',
    outbox: 'id, [state+nextAttemptAt], escalationId, origin',
    settings: 'key',
    ticketLogs: '++id, [site+ticketId]',
    health: 'adapterId',
  },
};

type Rows = Partial<Record<TableName, Record<string, unknown>[]>>;

interface MigrationCase {
  /** The version the rows were written by. */
  from: number;
  name: string;
  /** Rows exactly as version `from` stored them. */
  rows: () => Rows;
  /** What the current version must make of them, beyond "every row and field survived". */
  verify: (db: EscalationDb, rows: Rows) => Promise<void>;
  /** Fields the upgrades add to a table's rows (excluded from the "nothing else changed" comparison). */
  addedFields?: Partial<Record<TableName, string[]>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows as v1 stored them: made by the machine, as the v1 store would have (no derived columns).

function walk(id: string, steps: ('approve' | 'decline' | 'resolve' | 'close')[], start: number, actor = AGENT, severity: 'S1' | 'S2' | 'S4' = 'S2') {
  const events: EscalationEvent[] = [];
  let minutes = start;
  let result = transition(null, requestCommand(id, { ticketId: id.slice(4), severity }), actor, at(minutes), POLICY);
  for (const step of ['request', ...steps] as const) {
    if (step !== 'request') {
      minutes += 10;
      const current: Escalation = result.ok ? result.escalation : (undefined as never);
      const command = { approve, decline, resolve, close }[step](current);
      result = transition(current, command, step === 'approve' || step === 'decline' ? MANAGER : actor, at(minutes), POLICY);
    }
    if (!result.ok) throw new Error(`fixture: ${step} refused: ${result.refusal.message}`);
    events.push(...result.events);
  }
  if (!result.ok) throw new Error('fixture');
  return { escalation: result.escalation, events };
}

function v1Rows(): Rows {
  const requestedLate = walk('esc_v1_requested_s4', [], 0, AGENT, 'S4'); // decision due +1 day
  const requestedSoon = walk('esc_v1_requested_s1', [], 30, OTHER_AGENT, 'S1'); // decision due +45 min
  const approved = walk('esc_v1_approved', ['approve'], 0); // customer update due +70 min
  const declined = walk('esc_v1_declined', ['decline'], 0);
  const closed = walk('esc_v1_closed', ['approve', 'resolve', 'close'], 0);
  const all = [requestedLate, requestedSoon, approved, declined, closed];
  const note = newOutboxItem(writeBack(approved.escalation, { kind: 'note', text: 'Approved.' }), at(10));
  return {
    escalations: all.map((w) => ({ ...w.escalation })),
    events: all.flatMap((w) => w.events.map((e) => ({ ...e }))),
    outbox: [{ ...note }],
    settings: [{ key: 'settings', settings: { ...DEFAULT_SETTINGS, roles: { managers: ['maria@acme.test'], admins: [] } } }],
    ticketLogs: [{ id: 7, site: 'zendesk', ticketId: '123', text: 'Cleared the cache', actor: AGENT, at: at(0).toISOString() }],
    health: [{ adapterId: 'zendesk', path: '/agent/tickets/123', checkedAt: at(0).toISOString(), fields: [], mountedAt: 'anchor', problem: null }],
  };
}

/** Rows as v2 stored them: v1's, with the derived dueAt column v2 added. */
function v2Rows(): Rows {
  const rows = v1Rows();
  return {
    ...rows,
    escalations: (rows.escalations as Escalation[]).map((e) => {
      const dueAt = deriveDueAt(e);
      return dueAt === undefined ? { ...e } : { ...e, dueAt };
    }),
  };
}

const MIGRATION_CASES: MigrationCase[] = [
  {
    from: 1,
    name: 'v1 -> current: fills dueAt, and the v2 indexes answer for old rows',
    rows: v1Rows,
    addedFields: { escalations: ['dueAt'] },
    async verify(db, rows) {
      const stored = await db.escalations.toArray();
      const dueAt = Object.fromEntries(stored.map((row) => [row.id, row.dueAt ?? null]));
      const byId = Object.fromEntries((rows.escalations as Escalation[]).map((e) => [e.id, e]));
      expect(dueAt).toEqual({
        esc_v1_requested_s4: byId.esc_v1_requested_s4!.decisionDueAt,
        esc_v1_requested_s1: byId.esc_v1_requested_s1!.decisionDueAt,
        esc_v1_approved: byId.esc_v1_approved!.nextCustomerUpdateDueAt,
        esc_v1_declined: null,
        esc_v1_closed: null,
      });

      const repo = new EscalationRepository(db);
      expect((await repo.pendingQueue()).map((e) => e.id)).toEqual(['esc_v1_requested_s1', 'esc_v1_requested_s4']);
      expect(await repo.countAwaitingDecision(at(46))).toEqual({ count: 2, overdue: 1 });
      expect((await repo.inProgress(10)).map((e) => e.id)).toEqual(['esc_v1_approved']);
      expect((await repo.mine(OTHER_AGENT.id, 10)).map((e) => e.id)).toEqual(['esc_v1_requested_s1']);
      expect(await repo.nextReminder()).toMatchObject({ escalationId: 'esc_v1_requested_s1', kind: 'decision' });
      expect((await repo.stats(at(120))).thisWeek).toBe(5);

      // Old records go on living: a command lands, and each record is still the fold of its events.
      const s4 = (await repo.get('esc_v1_requested_s4'))!;
      expect((await repo.apply(approve(s4), MANAGER, at(200), POLICY)).ok).toBe(true);
      for (const escalation of rows.escalations as Escalation[]) expect((await repo.rebuild(escalation.id)).consistent).toBe(true);
    },
  },
  {
    from: 2,
    name: 'v2 -> current: the week’s numbers come from the v3 index for rows stored before it existed',
    rows: v2Rows,
    async verify(db) {
      // The index holds the decided escalations only: requested, decision time, outcome.
      const keys = await db.escalations.where('[requestedAt+decision.at+decision.outcome]').aboveOrEqual([at(0).toISOString()]).keys();
      expect(keys.map((key) => (key as unknown as string[])[2]).sort()).toEqual(['approved', 'approved', 'declined']);
      const repo = new EscalationRepository(db);
      // Five requested this week; three decided, each ten minutes after its request, two of them approved.
      expect(await repo.stats(at(120))).toEqual({ thisWeek: 5, approvalRate: 2 / 3, medianMinutesToDecision: 10, approvedOpen: 1 });
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// The harness

let counter = 0;
const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function seedAtVersion(version: number, rows: Rows): Promise<string> {
  const schema = SCHEMAS[version];
  if (schema === undefined) throw new Error(`no schema copy for version ${version}`);
  const name = `escalation-desk-migration-${version}-${++counter}`;
  names.push(name);
  const raw = new Dexie(name);
  raw.version(version).stores(schema);
  await raw.open();
  await raw.transaction('rw', raw.tables, async () => {
    for (const [table, tableRows] of Object.entries(rows)) await raw.table(table).bulkAdd(tableRows);
  });
  expect(raw.verno).toBe(version);
  raw.close();
  return name;
}

function primaryKeyOf(table: TableName, row: Record<string, unknown>): unknown {
  return table === TABLES.settings ? row.key : table === TABLES.health ? row.adapterId : row.id;
}

function withoutFields(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const copy = { ...row };
  for (const field of fields) delete copy[field];
  return copy;
}

describe('schema migrations', () => {
  it.each(MIGRATION_CASES.map((c) => [c.name, c] as const))('%s', async (_name, migration) => {
    const rows = migration.rows();
    const name = await seedAtVersion(migration.from, rows);
    const db = new EscalationDb(name);
    await db.open();
    try {
      expect(db.verno).toBe(SCHEMA_VERSION);
      // Every row survived, with every field it had (the upgrade may only add the declared derived fields).
      for (const [table, seeded] of Object.entries(rows) as [TableName, Record<string, unknown>[]][]) {
        const after = (await db.table(table).toArray()) as Record<string, unknown>[];
        expect(after).toHaveLength(seeded.length);
        for (const row of seeded) {
          const migrated = after.find((candidate) => primaryKeyOf(table, candidate) === primaryKeyOf(table, row));
          expect(migrated, `${table} ${String(primaryKeyOf(table, row))}`).toBeDefined();
          expect(withoutFields(migrated!, migration.addedFields?.[table] ?? [])).toEqual(row);
        }
      }
      await migration.verify(db, rows);
    } finally {
      db.close();
    }
  });

  it('opens an empty database of every older version', async () => {
    for (let version = 1; version < SCHEMA_VERSION; version++) {
      const db = new EscalationDb(await seedAtVersion(version, {}));
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSION);
      expect(await new EscalationRepository(db).pendingQueue()).toEqual([]);
      db.close();
    }
  });

  it('has a migration case and a schema copy for every older version (convention)', () => {
    for (let version = 1; version < SCHEMA_VERSION; version++) {
      expect(SCHEMAS[version], `schema copy of v${version}`).toBeDefined();
      expect(MIGRATION_CASES.some((c) => c.from === version), `migration case from v${version}`).toBe(true);
    }
  });

  it('holds a copy of the current schema that matches db.ts (so the next version has its "before")', async () => {
    const db = new EscalationDb(`escalation-desk-migration-current-${++counter}`);
    names.push(db.name);
    await db.open();
    const normalise = (spec: string) => {
      const [primaryKey, ...indexes] = spec.split(',').map((part) => part.trim());
      return { primaryKey, indexes: indexes.sort() };
    };
    const actual = Object.fromEntries(
      db.tables.map((table) => [
        table.name,
        {
          // Dexie's `src` keeps the declaration's prefixes (++, &, *).
          primaryKey: table.schema.primKey.src,
          indexes: table.schema.indexes.map((index) => index.src).sort(),
        },
      ]),
    );
    const declared = Object.fromEntries(Object.entries(SCHEMAS[SCHEMA_VERSION] ?? {}).map(([table, spec]) => [table, normalise(spec)]));
    db.close();
    expect(actual).toEqual(declared);
  });
});

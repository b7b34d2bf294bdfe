// Settings, the per-ticket action log and adapter health: the small tables beside the escalations.
import { z } from 'zod';
import { Actor, AdapterProblem, FieldHealth, IsoTime, SiteId, TicketRef } from '../schemas';
import { DEFAULT_SETTINGS, Settings } from '../settings';
import { SETTINGS_KEY, TABLES, type EscalationDb } from './db';
import { describeIssues, parseRow } from './rows';

// ---------------------------------------------------------------------------------------------------------------
// Settings: one row, key 'settings'.

export const SettingsRow = z.object({ key: z.literal(SETTINGS_KEY), settings: Settings });
export type SettingsRow = z.infer<typeof SettingsRow>;

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string) {
    super(`These settings are not valid and were not saved: ${problems}`);
    this.name = 'InvalidSettingsError';
  }
}

/** The parsed settings per database, with the count of settings writes they were read after. */
const loaded = new WeakMap<EscalationDb, { writes: number; settings: Settings }>();

/** Freezes the cached settings all the way down: a caller that tried to change them in place would throw. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The stored settings, or the defaults when none were ever saved. A stored row that no longer parses throws a
 * CorruptRowError: it is never silently replaced by the defaults (that would quietly drop an admin's policy).
 *
 * Every message the background answers needs them, so they are parsed once and kept (frozen) until the settings
 * table is written again through this database (`EscalationDb.settingsWrites`: saves, imports and clears alike).
 */
export async function loadSettings(db: EscalationDb): Promise<Settings> {
  const writes = db.settingsWrites;
  const kept = loaded.get(db);
  if (kept && kept.writes === writes) return kept.settings;
  const row = await db.settings.get(SETTINGS_KEY);
  // The defaults are parsed into a fresh copy, never the shared constant.
  const settings = deepFreeze(row === undefined ? Settings.parse(DEFAULT_SETTINGS) : parseRow(SettingsRow, TABLES.settings, SETTINGS_KEY, row).settings);
  if (db.settingsWrites === writes) loaded.set(db, { writes, settings });
  return settings;
}

/** Parses first; invalid settings throw InvalidSettingsError and the stored ones stay as they were. */
export async function saveSettings(db: EscalationDb, settings: Settings): Promise<Settings> {
  const result = Settings.safeParse(settings);
  if (!result.success) throw new InvalidSettingsError(describeIssues(result.error));
  await db.settings.put({ key: SETTINGS_KEY, settings: result.data });
  return result.data;
}

// ---------------------------------------------------------------------------------------------------------------
// Ticket action log: what the agent did on a ticket (step 2 of the process), before or without an escalation.

export const TicketLogEntry = z.object({
  /** Auto-incremented by the store; insertion order. */
  id: z.number().int().min(1),
  site: SiteId,
  ticketId: TicketRef.shape.ticketId,
  text: z.string().trim().min(1).max(2000),
  actor: Actor,
  at: IsoTime,
});
export type TicketLogEntry = z.infer<typeof TicketLogEntry>;
export const TicketLogInput = TicketLogEntry.omit({ id: true });
export type TicketLogInput = z.infer<typeof TicketLogInput>;

export async function addTicketLog(db: EscalationDb, input: TicketLogInput): Promise<TicketLogEntry> {
  const entry = TicketLogInput.parse(input);
  // `++id` assigns the key; the row type says id is required because every stored row has one.
  const id = await db.ticketLogs.add(entry as TicketLogEntry);
  return { id, ...entry };
}

/** The ticket's log, oldest first. */
export async function ticketLog(db: EscalationDb, site: string, ticketId: string): Promise<TicketLogEntry[]> {
  const rows = await db.ticketLogs.where('[site+ticketId]').equals([site, ticketId]).toArray();
  return rows
    .map((row) => parseRow(TicketLogEntry, TABLES.ticketLogs, row.id, row))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Adapter health: the latest report per adapter (which selectors matched), for the options page. The shape is
// adapters/types.ts `AdapterHealth`, which stays zod-free for the content-script bundle; it is checked here.

/** The shapes live in core/schemas.ts, shared with the message protocol. */
export const FieldHealthRecord = FieldHealth;
export const AdapterProblemRecord = AdapterProblem;

export const AdapterHealthRecord = z.object({
  adapterId: SiteId,
  /** Path only: never a query string or fragment (they could carry ticket data). */
  path: z.string().max(2048).regex(/^[^?#]*$/, 'a health report carries a path only, no query or fragment'),
  checkedAt: IsoTime,
  fields: z.array(FieldHealthRecord).max(200),
  mountedAt: z.enum(['anchor', 'floating']).nullable(),
  /** Why the page could not be read, when it could not. */
  problem: AdapterProblemRecord.nullable().default(null),
});
export type AdapterHealthRecord = z.infer<typeof AdapterHealthRecord>;

/** adapters/types.ts hands out readonly objects; accept them as they are. */
type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export async function saveHealth(db: EscalationDb, health: DeepReadonly<z.input<typeof AdapterHealthRecord>>): Promise<AdapterHealthRecord> {
  const parsed = AdapterHealthRecord.parse(health);
  await db.health.put(parsed);
  return parsed;
}

/** The latest report of every adapter, by adapter id. */
export async function allHealth(db: EscalationDb): Promise<AdapterHealthRecord[]> {
  const rows = await db.health.orderBy('adapterId').toArray();
  return rows.map((row) => parseRow(AdapterHealthRecord, TABLES.health, row.adapterId, row));
}

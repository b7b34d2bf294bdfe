// Export and import of everything as one versioned JSON document. An import is validated as a whole (shape, ids,
// and every escalation against the fold of its events) before anything is touched, then replaces the data in one
// transaction.
import { z } from 'zod';
import { BACKUP_PART_CHARS, MAX_BACKUP_CHARS } from '../constants';
import { Escalation, EscalationEvent, IsoTime } from '../schemas';
import { Settings } from '../settings';
import { fold } from '../machine';
import { isIndexableTime, SETTINGS_KEY, TABLES, toEscalationRow, type EscalationDb, type EscalationRow } from './db';
import { OutboxItem } from './outbox';
import { deepEqualJson, describeIssues, formatPath, parseRow, stableStringify } from './rows';
import { SettingsRow, TicketLogEntry } from './settings-store';

export const BACKUP_FORMAT = 'escalation-desk-backup';
export const BACKUP_FORMAT_VERSION = 1;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const Backup = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  exportedAt: IsoTime,
  escalations: z.array(Escalation),
  events: z.array(EscalationEvent),
  outbox: z.array(OutboxItem),
  /** Null when no settings were ever saved (the defaults apply). */
  settings: Settings.nullable(),
  ticketLogs: z.array(TicketLogEntry),
});
export type Backup = z.infer<typeof Backup>;

export interface BackupSummary {
  exportedAt: string;
  escalations: number;
  events: number;
  outbox: number;
  ticketLogs: number;
  settings: boolean;
}

export type BackupProblem =
  | 'too-large'
  | 'not-json'
  | 'truncated'
  | 'forbidden-key'
  | 'foreign-format'
  | 'unsupported-version'
  | 'invalid'
  | 'inconsistent';

export type ParseBackupResult =
  | { ok: true; backup: Backup; summary: BackupSummary }
  | { ok: false; problem: BackupProblem; error: string };

export class InvalidBackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidBackupError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Export

// Every row is validated on its way out; a corrupt one throws (CorruptRowError) and nothing is exported.
const escalationOut = (row: EscalationRow) => parseRow(Escalation, TABLES.escalations, row.id, row);
const eventOut = (row: EscalationEvent) => parseRow(EscalationEvent, TABLES.events, row.id, row);

/** The small tables, each read whole (inside the caller's transaction). */
async function readSmallTables(db: EscalationDb): Promise<Pick<Backup, 'outbox' | 'settings' | 'ticketLogs'>> {
  const [outbox, settingsRow, ticketLogs] = await Promise.all([db.outbox.toArray(), db.settings.get(SETTINGS_KEY), db.ticketLogs.toArray()]);
  return {
    outbox: outbox.map((row) => parseRow(OutboxItem, TABLES.outbox, row.id, row)),
    settings: settingsRow === undefined ? null : parseRow(SettingsRow, TABLES.settings, SETTINGS_KEY, settingsRow).settings,
    ticketLogs: ticketLogs.map((row) => parseRow(TicketLogEntry, TABLES.ticketLogs, row.id, row)),
  };
}

/** Everything, read in one transaction so the document is a consistent snapshot. Corrupt rows throw. */
export async function exportBackup(db: EscalationDb, now: Date): Promise<Backup> {
  return db.transaction('r', [db.escalations, db.events, db.outbox, db.settings, db.ticketLogs], async () => {
    const [escalations, events, small] = await Promise.all([db.escalations.toArray(), db.events.orderBy('[escalationId+seq]').toArray(), readSmallTables(db)]);
    return {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      exportedAt: now.toISOString(),
      escalations: escalations.map(escalationOut),
      events: events.map(eventOut),
      ...small,
    };
  });
}

/**
 * The file's text: compact JSON. Indented, a store of 10,000 escalations with their full logs made a 130 MB file,
 * a third of it spaces; a backup is read by the import (and by tools), and any JSON viewer indents it for a reader.
 * The background builds the same text in parts (`exportBackupParts`); this one-piece form is its reference.
 */
export function backupToJson(backup: Backup): string {
  return JSON.stringify(backup);
}

/** Rows read per request while exporting: a page of rows at a time is in memory, never the whole store. */
const EXPORT_PAGE = 2_000;

/**
 * Collects text into parts of exactly `size` characters (the last may be shorter), as a file cut into parts would
 * be; never one huge string.
 */
class PartWriter {
  readonly parts: string[] = [];
  chars = 0;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(private readonly size: number) {}

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    this.chars += text.length;
    if (this.pendingChars < this.size) return;
    const joined = this.pending.join('');
    let at = 0;
    for (; joined.length - at >= this.size; at += this.size) this.parts.push(joined.slice(at, at + this.size));
    this.pending = at < joined.length ? [joined.slice(at)] : [];
    this.pendingChars = joined.length - at;
  }

  /** The rest as the last part; an empty file is one empty part. */
  finish(): void {
    if (this.pending.length > 0 || this.parts.length === 0) this.parts.push(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}

/**
 * The backup file's text in parts, built while the store is read: every table in one read transaction (a
 * consistent snapshot, as `exportBackup`), the large tables a page of rows at a time, each row validated as
 * `exportBackup` does. The parts joined are exactly `backupToJson(await exportBackup(db, now))`, but neither the
 * whole store as objects nor the file as one string is ever in memory (at 100,000 escalations with their logs the
 * file is far longer than the longest string a browser can hold).
 */
export async function exportBackupParts(
  db: EscalationDb,
  now: Date,
  partChars = BACKUP_PART_CHARS,
  /** Rows per read; smaller in tests, to page through a small store. */
  pageRows = EXPORT_PAGE,
): Promise<{ parts: string[]; chars: number; summary: BackupSummary }> {
  if (!Number.isInteger(partChars) || partChars < 1) throw new RangeError(`part size ${partChars}`);
  if (!Number.isInteger(pageRows) || pageRows < 1) throw new RangeError(`page size ${pageRows}`);
  const out = new PartWriter(partChars);
  const exportedAt = now.toISOString();
  const counts = { escalations: 0, events: 0, outbox: 0, ticketLogs: 0, settings: false };
  /** Writes `,"name":[...]` from pages of rows, each parsed; `page(after)` reads the rows after the last one. */
  const writeArray = async <Row, Item>(name: string, page: (after: Row | null) => Promise<Row[]>, parse: (row: Row) => Item): Promise<number> => {
    out.write(`,${JSON.stringify(name)}:[`);
    let count = 0;
    let last: Row | null = null;
    for (;;) {
      const rows = await page(last);
      for (const row of rows) out.write(`${count++ === 0 ? '' : ','}${JSON.stringify(parse(row))}`);
      if (rows.length < pageRows) break;
      last = rows[rows.length - 1]!;
    }
    out.write(']');
    return count;
  };
  await db.transaction('r', [db.escalations, db.events, db.outbox, db.settings, db.ticketLogs], async () => {
    out.write(`{"format":${JSON.stringify(BACKUP_FORMAT)},"formatVersion":${BACKUP_FORMAT_VERSION},"exportedAt":${JSON.stringify(exportedAt)}`);
    counts.escalations = await writeArray<EscalationRow, Escalation>(
      'escalations',
      (after) => (after ? db.escalations.where(':id').above(after.id) : db.escalations.orderBy(':id')).limit(pageRows).toArray(),
      escalationOut,
    );
    counts.events = await writeArray<EscalationEvent, EscalationEvent>(
      'events',
      (after) =>
        (after ? db.events.where('[escalationId+seq]').above([after.escalationId, after.seq]) : db.events.orderBy('[escalationId+seq]')).limit(pageRows).toArray(),
      eventOut,
    );
    const { outbox, settings, ticketLogs } = await readSmallTables(db);
    out.write(`,"outbox":${JSON.stringify(outbox)},"settings":${JSON.stringify(settings)},"ticketLogs":${JSON.stringify(ticketLogs)}}`);
    counts.outbox = outbox.length;
    counts.ticketLogs = ticketLogs.length;
    counts.settings = settings !== null;
  });
  out.finish();
  return { parts: out.parts, chars: out.chars, summary: { exportedAt, ...counts } };
}

// ---------------------------------------------------------------------------------------------------------------
// Import

/** Validates the whole file. Nothing is touched; on success, `importBackup` can apply the result. */
export function parseBackup(text: string): ParseBackupResult {
  try {
    const backup = validateBackupDocument(readJson(text));
    return { ok: true, backup, summary: summarize(backup) };
  } catch (error) {
    if (error instanceof InvalidBackupError) return { ok: false, problem: error.problem, error: error.message };
    throw error;
  }
}

function readJson(text: string): unknown {
  if (typeof text !== 'string') throw new InvalidBackupError('not-json', 'The file is not text.');
  if (text.length > MAX_BACKUP_CHARS) {
    throw new InvalidBackupError('too-large', `The file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a backup may be at most ${MAX_BACKUP_CHARS / 1024 / 1024} MB.`);
  }
  if (text.trim() === '') throw new InvalidBackupError('not-json', 'The file is empty.');
  const forbidden = new Set<string>();
  let value: unknown;
  try {
    // JSON.parse makes `__proto__` an own key (no pollution yet), but the document must never reach code that
    // merges or spreads it; such keys have no place in a backup, so the file is refused.
    value = JSON.parse(text, (key, item: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden.add(key);
      return item;
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (looksTruncated(text, detail)) throw new InvalidBackupError('truncated', `The file ends too early; it is probably truncated (${detail}).`);
    throw new InvalidBackupError('not-json', `The file is not JSON (${detail}).`);
  }
  if (forbidden.size > 0) {
    const keys = [...forbidden].map((key) => `"${key}"`).join(', ');
    throw new InvalidBackupError('forbidden-key', `The file contains the key(s) ${keys}, which a backup never has; it was refused.`);
  }
  return value;
}

function looksTruncated(text: string, message: string): boolean {
  if (/unexpected end|unterminated|end of (json )?input/i.test(message)) return true;
  // Engines word it differently; a document that opens but never closes is truncated.
  const trimmed = text.trim();
  return (trimmed.startsWith('{') && !trimmed.endsWith('}')) || (trimmed.startsWith('[') && !trimmed.endsWith(']'));
}

/** Checks a parsed document (or an object built in code) completely. Throws InvalidBackupError. */
export function validateBackupDocument(value: unknown): Backup {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidBackupError('foreign-format', 'This is not an Escalation Desk backup (the file is not a JSON object).');
  }
  const head = value as Record<string, unknown>;
  if (head.format !== BACKUP_FORMAT) {
    throw new InvalidBackupError('foreign-format', `This is not an Escalation Desk backup (format is ${JSON.stringify(head.format) ?? 'missing'}).`);
  }
  if (head.formatVersion !== BACKUP_FORMAT_VERSION) {
    const newer = typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION;
    throw new InvalidBackupError(
      'unsupported-version',
      newer
        ? `This backup has format version ${head.formatVersion}, made by a newer Escalation Desk; update the extension to import it.`
        : `This backup has format version ${JSON.stringify(head.formatVersion)}; only version ${BACKUP_FORMAT_VERSION} can be imported.`,
    );
  }
  const parsed = Backup.safeParse(value);
  if (!parsed.success) throw new InvalidBackupError('invalid', `The backup is damaged: ${describeIssues(parsed.error)}.`);
  checkConsistency(parsed.data);
  return parsed.data;
}

function inconsistent(message: string): never {
  throw new InvalidBackupError('inconsistent', `The backup is inconsistent: ${message}.`);
}

/** Ids unique, events complete and in order, every record equal to the fold of its events, no orphans. */
function checkConsistency(backup: Backup): void {
  const duplicate = <T>(items: readonly T[], key: (item: T) => string | number, what: string) => {
    const seen = new Set<string | number>();
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) inconsistent(`${what} ${k} appears twice`);
      seen.add(k);
    }
  };
  duplicate(backup.escalations, (e) => e.id, 'escalation');
  duplicate(backup.events, (e) => e.id, 'event');
  duplicate(backup.outbox, (o) => o.id, 'outbox item');
  duplicate(backup.ticketLogs, (t) => t.id, 'ticket log entry');

  const eventsByEscalation = new Map<string, EscalationEvent[]>();
  for (const event of backup.events) {
    if (event.id !== `${event.escalationId}#${event.seq}`) inconsistent(`event ${event.id} should be named ${event.escalationId}#${event.seq}`);
    if (!isIndexableTime(event.at)) inconsistent(`event ${event.id} has a time that is not UTC (${event.at})`);
    const list = eventsByEscalation.get(event.escalationId) ?? [];
    list.push(event);
    eventsByEscalation.set(event.escalationId, list);
  }

  const escalationIds = new Set(backup.escalations.map((e) => e.id));
  for (const escalationId of eventsByEscalation.keys()) {
    if (!escalationIds.has(escalationId)) inconsistent(`there are events for ${escalationId} but no such escalation`);
  }

  for (const escalation of backup.escalations) {
    const events = (eventsByEscalation.get(escalation.id) ?? []).sort((a, b) => a.seq - b.seq);
    events.forEach((event, i) => {
      if (event.seq !== i + 1) inconsistent(`escalation ${escalation.id} is missing event #${i + 1}`);
    });
    if (events.length !== escalation.version) {
      inconsistent(`escalation ${escalation.id} is at version ${escalation.version} but has ${events.length} event(s)`);
    }
    const folded = foldOrExplain(escalation.id, events);
    if (!deepEqualJson(escalation, folded)) {
      inconsistent(`escalation ${escalation.id} does not match the fold of its events${firstDifference(escalation, folded)}`);
    }
    try {
      toEscalationRow(escalation);
    } catch (error) {
      inconsistent(error instanceof Error ? error.message : String(error));
    }
  }

  for (const item of backup.outbox) {
    if (!escalationIds.has(item.escalationId)) inconsistent(`outbox item ${item.id} belongs to no escalation in the backup`);
    if (!isIndexableTime(item.nextAttemptAt)) inconsistent(`outbox item ${item.id} has a nextAttemptAt that is not UTC`);
  }
}

function foldOrExplain(id: string, events: readonly EscalationEvent[]): Escalation {
  let folded: Escalation | null;
  try {
    folded = fold(events);
  } catch (error) {
    inconsistent(`the events of ${id} cannot be replayed (${error instanceof Error ? error.message : String(error)})`);
  }
  if (folded === null) inconsistent(`the events of ${id} rebuild no escalation`);
  const parsed = Escalation.safeParse(folded);
  if (!parsed.success) inconsistent(`the events of ${id} rebuild an invalid escalation (${describeIssues(parsed.error)})`);
  return parsed.data;
}

/** " (first difference at decision.reason)", to help whoever is looking at a hand-edited file. */
function firstDifference(a: unknown, b: unknown, path: PropertyKey[] = []): string {
  if (stableStringify(a) === stableStringify(b)) return '';
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const index = Array.isArray(a) ? Number(key) : key;
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, index]);
      if (found !== '') return found;
    }
  }
  return ` (first difference at ${formatPath(path)})`;
}

export function summarize(backup: Backup): BackupSummary {
  return {
    exportedAt: backup.exportedAt,
    escalations: backup.escalations.length,
    events: backup.events.length,
    outbox: backup.outbox.length,
    ticketLogs: backup.ticketLogs.length,
    settings: backup.settings !== null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Preview, import, clear

export interface TableDiff {
  added: number;
  replaced: number;
  unchanged: number;
  removed: number;
}
export interface BackupDiff {
  escalations: TableDiff;
  events: TableDiff;
  outbox: TableDiff;
  ticketLogs: TableDiff;
  settings: 'added' | 'replaced' | 'unchanged' | 'removed' | 'none';
}

/** What `importBackup` would change, per table. Cost: reads every stored row once (an import preview, rarely run). */
export async function diffBackup(db: EscalationDb, backup: Backup): Promise<BackupDiff> {
  return db.transaction('r', [db.escalations, db.events, db.outbox, db.settings, db.ticketLogs], async () => {
    const [escalations, events, outbox, settingsRow, ticketLogs] = await Promise.all([
      db.escalations.toArray(),
      db.events.toArray(),
      db.outbox.toArray(),
      db.settings.get(SETTINGS_KEY),
      db.ticketLogs.toArray(),
    ]);
    // Stored rows are compared as stored (escalations with their derived columns), against what the import would store.
    const storedSettings = settingsRow?.settings ?? null;
    return {
      escalations: diffTable(escalations, backup.escalations.map(toEscalationRow), (row) => row.id),
      events: diffTable(events, backup.events, (row) => row.id),
      outbox: diffTable(outbox, backup.outbox, (row) => row.id),
      ticketLogs: diffTable(ticketLogs, backup.ticketLogs, (row) => row.id),
      settings:
        storedSettings === null
          ? backup.settings === null
            ? 'none'
            : 'added'
          : backup.settings === null
            ? 'removed'
            : deepEqualJson(storedSettings, backup.settings)
              ? 'unchanged'
              : 'replaced',
    };
  });
}

function diffTable<T>(stored: readonly T[], incoming: readonly T[], key: (row: T) => string | number): TableDiff {
  const storedByKey = new Map(stored.map((row) => [key(row), stableStringify(row)] as const));
  const diff: TableDiff = { added: 0, replaced: 0, unchanged: 0, removed: 0 };
  const incomingKeys = new Set<string | number>();
  for (const row of incoming) {
    const k = key(row);
    incomingKeys.add(k);
    const before = storedByKey.get(k);
    if (before === undefined) diff.added++;
    else if (before === stableStringify(row)) diff.unchanged++;
    else diff.replaced++;
  }
  for (const k of storedByKey.keys()) if (!incomingKeys.has(k)) diff.removed++;
  return diff;
}

/**
 * Replaces escalations, events, outbox, settings and ticket logs with the backup's, in one transaction (all or
 * nothing). The backup is validated again first, so an object built in code gets the same checks as a file.
 * Adapter health is diagnostic and left as it is.
 */
export async function importBackup(db: EscalationDb, backup: Backup): Promise<BackupSummary> {
  const checked = validateBackupDocument(backup);
  await db.transaction('rw', [db.escalations, db.events, db.outbox, db.settings, db.ticketLogs], async () => {
    await Promise.all([db.escalations.clear(), db.events.clear(), db.outbox.clear(), db.settings.clear(), db.ticketLogs.clear()]);
    await db.escalations.bulkAdd(checked.escalations.map(toEscalationRow));
    await db.events.bulkAdd(checked.events);
    await db.outbox.bulkAdd(checked.outbox);
    await db.ticketLogs.bulkAdd(checked.ticketLogs);
    if (checked.settings !== null) await db.settings.add({ key: SETTINGS_KEY, settings: checked.settings });
  });
  return summarize(checked);
}

/** Deletes everything the extension stored, adapter health included. */
export async function clearAll(db: EscalationDb): Promise<void> {
  await db.transaction('rw', [db.escalations, db.events, db.outbox, db.settings, db.ticketLogs, db.health], async () => {
    await Promise.all([db.escalations.clear(), db.events.clear(), db.outbox.clear(), db.settings.clear(), db.ticketLogs.clear(), db.health.clear()]);
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BACKUP_CHARS } from '../constants';
import { DEFAULT_SETTINGS } from '../settings';
import {
  BACKUP_FORMAT,
  InvalidBackupError,
  backupToJson,
  clearAll,
  diffBackup,
  exportBackup,
  exportBackupParts,
  importBackup,
  parseBackup,
  type Backup,
  type BackupProblem,
} from './backup';
import type { EscalationDb } from './db';
import { Outbox } from './outbox';
import { EscalationRepository } from './repository';
import { addTicketLog, allHealth, saveHealth, saveSettings } from './settings-store';
import { AGENT, T0, at, closeTestDbs, noteAndTags, scenario, testDb } from './testing';

afterEach(closeTestDbs);

/** A database with a bit of everything: escalations in several states, outbox items in every state, logs, settings. */
async function seeded(): Promise<EscalationDb> {
  const db = testDb();
  const repo = new EscalationRepository(db);
  const outbox = new Outbox(db);
  await scenario(repo, 'esc_backup_open', [], { ticketId: '1', writeBacks: noteAndTags });
  await scenario(repo, 'esc_backup_live', ['approve', 'progress'], { ticketId: '2', severity: 'S1', writeBacks: noteAndTags });
  await scenario(repo, 'esc_backup_done', ['approve', 'resolve', 'close'], { ticketId: '3', site: 'freshdesk' });
  await scenario(repo, 'esc_backup_no', ['decline'], { ticketId: '4' });
  await outbox.claim('esc_backup_live#1:note', at(60));
  await outbox.succeed('esc_backup_live#1:note', at(60));
  await outbox.claim('esc_backup_live#1:tags', at(60));
  await outbox.fail('esc_backup_live#1:tags', at(60), { message: 'HTTP 403', status: 403, retryable: false, retryAfterSeconds: null });
  await outbox.claim('esc_backup_open#1:tags', at(60));
  await addTicketLog(db, { site: 'zendesk', ticketId: '1', text: 'Cleared the cache', actor: AGENT, at: T0.toISOString() });
  await addTicketLog(db, { site: 'zendesk', ticketId: '2', text: 'Restarted the sync', actor: AGENT, at: at(1).toISOString() });
  await saveSettings(db, { ...DEFAULT_SETTINGS, roles: { managers: ['maria@acme.test'], admins: ['ada@acme.test'] } });
  await saveHealth(db, { adapterId: 'zendesk', path: '/agent/tickets/1', checkedAt: T0.toISOString(), fields: [], mountedAt: 'anchor' });
  return db;
}

const withoutExportTime = ({ exportedAt: _ignored, ...rest }: Backup) => rest;

describe('export and import', () => {
  it('round-trips everything: export, JSON, parse, import elsewhere, export again', async () => {
    const source = await seeded();
    const exported = await exportBackup(source, at(100));
    expect(exported).toMatchObject({ format: BACKUP_FORMAT, formatVersion: 1, exportedAt: at(100).toISOString() });
    expect(exported.escalations).toHaveLength(4);
    expect(exported.outbox.map((i) => i.state).sort()).toEqual(['done', 'failed', 'in-flight', 'pending', 'pending', 'pending', 'pending', 'pending']);

    const parsed = parseBackup(backupToJson(exported));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.summary).toEqual({ exportedAt: at(100).toISOString(), escalations: 4, events: 10, outbox: 8, ticketLogs: 2, settings: true });

    const target = testDb();
    await importBackup(target, parsed.backup);
    const again = await exportBackup(target, at(200));
    expect(withoutExportTime(again)).toEqual(withoutExportTime(exported));

    // Derived index columns were rebuilt: the queries agree with the source's.
    const [a, b] = [new EscalationRepository(source), new EscalationRepository(target)];
    expect(await b.pendingQueue()).toEqual(await a.pendingQueue());
    expect(await b.nextReminder()).toEqual(await a.nextReminder());
    expect(await b.countAwaitingDecision(at(300))).toEqual(await a.countAwaitingDecision(at(300)));
    expect(await new Outbox(target).nextDueAt()).toEqual(await new Outbox(source).nextDueAt());
  });

  it('builds the file in parts while it reads, page by page: joined, exactly the one-piece export', async () => {
    const db = await seeded();
    const whole = backupToJson(await exportBackup(db, at(100)));
    // Pages of 1 and 3 rows walk both large tables across page boundaries; parts of 1, 500 and 10^9 characters.
    for (const [partChars, pageRows] of [[1, 1], [500, 3], [1e9, 2_000]] as const) {
      const { parts, chars, summary } = await exportBackupParts(db, at(100), partChars, pageRows);
      expect(parts.join('')).toBe(whole);
      expect(chars).toBe(whole.length);
      expect(summary).toEqual({ exportedAt: at(100).toISOString(), escalations: 4, events: 10, outbox: 8, ticketLogs: 2, settings: true });
      // Cut as the file would be: every part but the last holds exactly the part size, none is empty.
      expect(parts.map((part) => part.length)).toEqual(Array.from({ length: Math.ceil(whole.length / partChars) }, (_, i) => Math.min(partChars, whole.length - i * partChars)));
    }
    // An empty store is a valid file too.
    const empty = await exportBackupParts(testDb(), at(100));
    expect(empty.parts.join('')).toBe(backupToJson(await exportBackup(testDb(), at(100))));
  });

  it('refuses to export a corrupt row, like the one-piece export', async () => {
    const db = await seeded();
    await db.events.update('esc_backup_live#2', { seq: -1 } as never);
    await expect(exportBackupParts(db, at(100), 1_000, 2)).rejects.toThrow(/corrupt/);
  });

  it('exports null settings when none were saved, and imports them as "use the defaults"', async () => {
    const db = testDb();
    const exported = await exportBackup(db, T0);
    expect(exported.settings).toBeNull();
    const target = await seeded();
    await importBackup(target, exported);
    expect(await target.settings.count()).toBe(0);
  });

  it('previews what an import would change, per table', async () => {
    const db = await seeded();
    const backup = await exportBackup(db, T0);
    expect(await diffBackup(db, backup)).toEqual({
      escalations: { added: 0, replaced: 0, unchanged: 4, removed: 0 },
      events: { added: 0, replaced: 0, unchanged: 10, removed: 0 },
      outbox: { added: 0, replaced: 0, unchanged: 8, removed: 0 },
      ticketLogs: { added: 0, replaced: 0, unchanged: 2, removed: 0 },
      settings: 'unchanged',
    });
    const repo = new EscalationRepository(db);
    await scenario(repo, 'esc_backup_new', [], { ticketId: '9' }); // added to the db: the import would remove it
    await new Outbox(db).succeed('esc_backup_open#1:tags', at(70)); // changed in the db: replaced
    await db.settings.clear();
    expect(await diffBackup(db, backup)).toEqual({
      escalations: { added: 0, replaced: 0, unchanged: 4, removed: 1 },
      events: { added: 0, replaced: 0, unchanged: 10, removed: 1 },
      outbox: { added: 0, replaced: 1, unchanged: 7, removed: 0 },
      ticketLogs: { added: 0, replaced: 0, unchanged: 2, removed: 0 },
      settings: 'added',
    });
    expect(await diffBackup(testDb(), backup)).toMatchObject({ escalations: { added: 4, removed: 0 }, settings: 'added' });
  });

  it('replaces everything (not merges), and leaves adapter health alone', async () => {
    const db = await seeded();
    const backup = await exportBackup(db, T0);
    await scenario(new EscalationRepository(db), 'esc_backup_extra', [], { ticketId: '9' });
    await importBackup(db, backup);
    expect(withoutExportTime(await exportBackup(db, T0))).toEqual(withoutExportTime(backup));
    expect(await allHealth(db)).toHaveLength(1);
  });

  it('imports all or nothing: a failure midway leaves the previous data', async () => {
    const db = await seeded();
    const before = await exportBackup(db, T0);
    const other = await exportBackup(await seeded(), T0);
    const backup = { ...other, escalations: other.escalations.slice(0, 1), events: other.events.filter((e) => e.escalationId === other.escalations[0]!.id), outbox: [] };
    const failing = () => {
      throw new Error('quota exceeded');
    };
    db.ticketLogs.hook('creating', failing);
    try {
      await expect(importBackup(db, backup)).rejects.toThrow(/quota exceeded/);
    } finally {
      db.ticketLogs.hook('creating').unsubscribe(failing);
    }
    expect(await exportBackup(db, T0)).toEqual(before);
  });

  it('clears everything', async () => {
    const db = await seeded();
    await clearAll(db);
    for (const table of db.tables) expect(await table.count()).toBe(0);
  });
});

describe('refusing a bad file before touching anything', () => {
  /** Each case: a way to spoil a good export, and the problem it must be refused for. */
  type Spoil = (json: string, backup: Backup) => string;
  const edit =
    (change: (doc: Backup) => void): Spoil =>
    (_json, backup) => {
      const doc = structuredClone(backup);
      change(doc);
      return JSON.stringify(doc);
    };
  const cases: Array<[string, Spoil, BackupProblem, RegExp]> = [
    ['plain text', () => 'Dear admin, here is the file', 'not-json', /not JSON/],
    ['an empty file', () => '', 'not-json', /empty/],
    ['a truncated file', (json) => json.slice(0, Math.floor(json.length / 2)), 'truncated', /truncated/],
    ['a JSON array', () => '[1, 2, 3]', 'foreign-format', /not an Escalation Desk backup/],
    ['another product’s export', () => JSON.stringify({ format: 'other-backup', data: [] }), 'foreign-format', /"other-backup"/],
    ['a newer format version', edit((doc) => ((doc as { formatVersion: number }).formatVersion = 2)), 'unsupported-version', /newer/],
    ['an unknown older format version', edit((doc) => ((doc as { formatVersion: number }).formatVersion = 0)), 'unsupported-version', /only version 1/],
    ['a file over 200 MB', () => ' '.repeat(MAX_BACKUP_CHARS + 1), 'too-large', /200 MB/],
    ['a __proto__ key', (json) => json.replace('"format":', '"__proto__": {"isAdmin": true}, "format":'), 'forbidden-key', /__proto__/],
    ['a nested constructor key', (json) => json.replace('"reason":', '"constructor": {"prototype": {"polluted": 1}}, "reason":'), 'forbidden-key', /"constructor"/],
    ['a prototype key', (json) => json.replace('"roles":', '"prototype": 1, "roles":'), 'forbidden-key', /prototype/],
    ['an invalid row', edit((doc) => ((doc.escalations[0] as { state: string }).state = 'limbo')), 'invalid', /escalations\[0\]\.state/],
    ['invalid settings', edit((doc) => ((doc.settings as { schemaVersion: number }).schemaVersion = 9)), 'invalid', /settings\.schemaVersion/],
    ['a record edited behind its events', edit((doc) => (doc.escalations[1]!.subject = 'Nothing to see')), 'inconsistent', /does not match the fold of its events \(first difference at subject\)/],
    [
      'a missing event',
      edit((doc) => (doc.events = doc.events.filter((e) => e.id !== 'esc_backup_live#2'))),
      'inconsistent',
      /esc_backup_live is missing event #2/,
    ],
    ['events without their escalation', edit((doc) => (doc.escalations = doc.escalations.filter((e) => e.id !== 'esc_backup_no'))), 'inconsistent', /events for esc_backup_no but no such escalation/],
    ['a duplicated escalation', edit((doc) => doc.escalations.push(doc.escalations[0]!)), 'inconsistent', /appears twice/],
    [
      'an outbox item of no escalation',
      edit((doc) => {
        const item = doc.outbox[0]!;
        item.escalationId = 'esc_someone_else';
        item.id = `esc_someone_else#${item.seq}:${item.action.kind}`;
      }),
      'inconsistent',
      /belongs to no escalation/,
    ],
    ['an event time that is not UTC', edit((doc) => (doc.events[0]!.at = '2026-11-27T10:00:00.000+01:00')), 'inconsistent', /not UTC/],
  ];

  it.each(cases)('refuses %s, with its reason, and changes nothing', async (_name, spoil, problem, message) => {
    const db = await seeded();
    const before = await exportBackup(db, T0);
    const text = spoil(backupToJson(before), before);
    const result = parseBackup(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toBe(problem);
    expect(result.error).toMatch(message);
    expect(await exportBackup(db, T0)).toEqual(before);
    // And an object that skipped parseBackup gets the same checks from importBackup.
    if (problem !== 'not-json' && problem !== 'truncated' && problem !== 'too-large' && problem !== 'forbidden-key') {
      await expect(importBackup(db, JSON.parse(text) as Backup)).rejects.toThrow(InvalidBackupError);
      expect(await exportBackup(db, T0)).toEqual(before);
    }
  });

  it('does not pollute Object.prototype while reading a hostile file', () => {
    parseBackup('{"__proto__": {"polluted": true}, "format": "escalation-desk-backup"}');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

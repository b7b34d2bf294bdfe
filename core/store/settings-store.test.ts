import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { SETTINGS_KEY } from './db';
import { CorruptRowError } from './rows';
import { InvalidSettingsError, addTicketLog, allHealth, loadSettings, saveHealth, saveSettings, ticketLog } from './settings-store';
import { AGENT, MANAGER, T0, at, closeTestDbs, testDb } from './testing';

afterEach(closeTestDbs);

describe('settings', () => {
  it('gives the defaults when nothing was saved, as a copy nobody can mutate into the constant', async () => {
    const db = testDb();
    const settings = await loadSettings(db);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    // The loaded settings are kept for every caller, so they are frozen: changing them in place throws.
    expect(() => settings.roles.managers.push('mallory@evil.test')).toThrow(TypeError);
    expect(DEFAULT_SETTINGS.roles.managers).toEqual([]);
    expect((await loadSettings(db)).roles.managers).toEqual([]);
    expect(await db.settings.count()).toBe(0);
  });

  it('saves and loads settings', async () => {
    const db = testDb();
    const changed: Settings = { ...DEFAULT_SETTINGS, roles: { managers: ['maria@acme.test'], admins: [] } };
    await saveSettings(db, changed);
    expect(await loadSettings(db)).toEqual(changed);
  });

  it('refuses to save invalid settings and keeps the stored ones', async () => {
    const db = testDb();
    const good: Settings = { ...DEFAULT_SETTINGS, disabledAdapters: ['jira'] };
    await saveSettings(db, good);
    const bad = { ...DEFAULT_SETTINGS, policy: { ...DEFAULT_SETTINGS.policy, decisionSlaMinutes: { S1: -5, S2: 60, S3: 240, S4: 1440 } } };
    await expect(saveSettings(db, bad)).rejects.toThrow(InvalidSettingsError);
    await expect(saveSettings(db, bad)).rejects.toThrow(/policy\.decisionSlaMinutes\.S1/);
    expect(await loadSettings(db)).toEqual(good);
  });

  it('are read again after every write to the settings table: a save, a clear, a write inside a transaction', async () => {
    const db = testDb();
    expect((await loadSettings(db)).disabledAdapters).toEqual([]);
    await saveSettings(db, { ...DEFAULT_SETTINGS, disabledAdapters: ['jira'] });
    expect((await loadSettings(db)).disabledAdapters).toEqual(['jira']);
    await db.settings.clear(); // what an import or "clear all data" does
    expect((await loadSettings(db)).disabledAdapters).toEqual([]);
    await db.transaction('rw', [db.settings], async () => {
      await db.settings.put({ key: SETTINGS_KEY, settings: { ...DEFAULT_SETTINGS, disabledAdapters: ['zoho'] } });
    });
    expect((await loadSettings(db)).disabledAdapters).toEqual(['zoho']);
    // A write that rolls back leaves the stored settings, and a load says so.
    await expect(
      db.transaction('rw', [db.settings], async () => {
        await db.settings.put({ key: SETTINGS_KEY, settings: { ...DEFAULT_SETTINGS, disabledAdapters: ['hubspot'] } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await loadSettings(db)).disabledAdapters).toEqual(['zoho']);
  });

  it('reports a stored row that no longer parses instead of silently falling back to the defaults', async () => {
    const db = testDb();
    await db.settings.put({ key: SETTINGS_KEY, settings: { ...DEFAULT_SETTINGS, schemaVersion: 7 } as unknown as Settings });
    await expect(loadSettings(db)).rejects.toThrow(CorruptRowError);
    await expect(loadSettings(db)).rejects.toThrow(/settings row "settings" is corrupt.*schemaVersion/);
  });
});

describe('ticket action log', () => {
  it('keeps each ticket’s actions, oldest first', async () => {
    const db = testDb();
    await addTicketLog(db, { site: 'zendesk', ticketId: '123', text: 'Asked for a HAR file', actor: AGENT, at: at(5).toISOString() });
    const first = await addTicketLog(db, { site: 'zendesk', ticketId: '123', text: 'Cleared the cache', actor: AGENT, at: T0.toISOString() });
    await addTicketLog(db, { site: 'zendesk', ticketId: '999', text: 'Other ticket', actor: MANAGER, at: T0.toISOString() });
    await addTicketLog(db, { site: 'freshdesk', ticketId: '123', text: 'Other helpdesk', actor: MANAGER, at: T0.toISOString() });
    expect(first.id).toBeGreaterThan(0);
    const log = await ticketLog(db, 'zendesk', '123');
    expect(log.map((entry) => entry.text)).toEqual(['Cleared the cache', 'Asked for a HAR file']);
    expect(log[0]).toEqual(first);
  });

  it('refuses an empty entry', async () => {
    const db = testDb();
    await expect(addTicketLog(db, { site: 'zendesk', ticketId: '123', text: '   ', actor: AGENT, at: T0.toISOString() })).rejects.toThrow();
    expect(await db.ticketLogs.count()).toBe(0);
  });
});

describe('adapter health', () => {
  const report = {
    adapterId: 'zendesk',
    path: '/agent/tickets/123',
    checkedAt: T0.toISOString(),
    fields: [{ field: 'subject', ok: true, via: '[data-test-id="omni-header-subject"]', source: 'dom' as const }],
    mountedAt: 'anchor' as const,
  };

  it('keeps the latest report per adapter', async () => {
    const db = testDb();
    await saveHealth(db, report);
    await saveHealth(db, { ...report, checkedAt: at(1).toISOString(), mountedAt: 'floating' });
    await saveHealth(db, {
      ...report,
      adapterId: 'freshdesk',
      fields: [],
      mountedAt: null,
      problem: { code: 'field-missing', field: 'subject', selector: '.subject', message: 'no subject' },
    });
    const all = await allHealth(db);
    expect(all.map((h) => [h.adapterId, h.mountedAt, h.problem?.code ?? null])).toEqual([
      ['freshdesk', null, 'field-missing'],
      ['zendesk', 'floating', null],
    ]);
  });

  it('refuses a report that carries a query string (it could hold ticket data)', async () => {
    const db = testDb();
    await expect(saveHealth(db, { ...report, path: '/agent/tickets/123?email=carla@customer.test' })).rejects.toThrow(/path only/);
    expect(await allHealth(db)).toEqual([]);
  });
});

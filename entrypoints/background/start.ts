// Builds the background from its parts. Kept apart from index.ts so tests can start it against the fake browser.
import type { Browser, Runtime } from 'webextension-polyfill';
import { resolveTicket, type AdapterCandidates } from '../../adapters/resolve';
import { BUILT_IN_ADAPTERS } from '../../adapters/index';
import { createCustomAdapter } from '../../adapters/custom/runtime';
import { isCustomAdapterDefinition } from './custom-sites';
import { applyManaged, type ManagedKey } from '../../core/managed';
import type { ChangedNotice } from '../../core/messages';
import type { Settings } from '../../core/settings';
import type { Escalation, TicketRef } from '../../core/schemas';
import { EscalationDb } from '../../core/store/db';
import { EscalationRepository } from '../../core/store/repository';
import { loadSettings } from '../../core/store/settings-store';
import { createCustomSites } from './custom-sites';
import { createReminders } from './reminders';
import { createRouter } from './router';
import { createService } from './service';

/** Runs a browser call whose failure only means "nobody there" (no receiver, API missing): never throws. */
async function quietly<T>(call: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await call();
  } catch {
    return fallback;
  }
}

/** The background checks tabs of every helpdesk, so it resolves against all adapters. */
const ALL_ADAPTERS: AdapterCandidates = { builtIn: BUILT_IN_ADAPTERS, custom: createCustomAdapter };

export interface BackgroundOptions {
  readonly db?: EscalationDb;
  readonly now?: () => Date;
  /** Tests only: smaller backup parts, so that a small store exports in several. */
  readonly backupPartChars?: number;
}

export function startBackground(browser: Browser, options: BackgroundOptions = {}) {
  const db = options.db ?? new EscalationDb();
  const now = options.now ?? (() => new Date());
  let managed: unknown = undefined;
  let managedLoaded: Promise<void> | null = null;

  async function loadManaged(): Promise<void> {
    try {
      managed = await browser.storage.managed.get(null);
    } catch {
      managed = undefined; // No managed storage (no enterprise policy, or Firefox without a policy file).
    }
  }

  // The stored settings are kept parsed (loadSettings); the managed ones merged into them are kept likewise, until
  // either changes.
  let effective: { stored: Settings; managed: unknown; result: { settings: Settings; locked: readonly ManagedKey[] } } | null = null;
  async function effectiveSettings(): Promise<{ settings: Settings; locked: readonly ManagedKey[] }> {
    managedLoaded ??= loadManaged();
    await managedLoaded;
    const stored = await loadSettings(db);
    if (effective?.stored === stored && effective.managed === managed) return effective.result;
    const { settings, locked } = applyManaged(stored, managed);
    effective = { stored, managed, result: { settings, locked } };
    return effective.result;
  }

  async function siteConfig() {
    const { settings } = await effectiveSettings();
    return { disabledAdapters: settings.disabledAdapters, customDomains: settings.customDomains, customAdapters: settings.customAdapters.filter(isCustomAdapterDefinition) };
  }

  async function broadcast(notice: { tickets: Array<{ site: string; ticketId: string }>; settings?: boolean; outbox?: boolean }): Promise<void> {
    const message: ChangedNotice = { type: 'escalation-desk.changed', tickets: notice.tickets, settings: notice.settings ?? false, outbox: notice.outbox ?? false };
    const tabs = await quietly(() => browser.tabs.query({}), []);
    // Only a web page can hold our content script, and the browser shows us a tab's address only where we may run
    // (no "tabs" permission): tabs without one are skipped, which spares a call per unrelated tab on every change.
    // Tabs without our content script (and closed pages) reject: nobody to tell there.
    const reachable = tabs.filter((tab) => tab.id !== undefined && /^https?:/.test(tab.url ?? ''));
    await Promise.all(reachable.map((tab) => quietly(() => browser.tabs.sendMessage(tab.id!, message), undefined)));
    await quietly(() => browser.runtime.sendMessage(message), undefined); // Open popup / options pages.
  }

  // One repository for the worker: it keeps summaries that every command must update.
  const repo = new EscalationRepository(db);
  const reminders = createReminders({ browser, db, repo, now, settings: effectiveSettings, broadcastOutbox: () => broadcast({ tickets: [], outbox: true }) });
  const customSites = createCustomSites({ browser, db, now, settings: effectiveSettings });

  async function focusTicket(ticket: TicketRef): Promise<void> {
    const tabs = await quietly(() => browser.tabs.query({}), []);
    const open = tabs.find((tab) => tab.url === ticket.url) ?? tabs.find((tab) => tab.url?.startsWith(ticket.url));
    if (open?.id !== undefined) {
      await browser.tabs.update(open.id, { active: true });
      if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true }).catch(() => undefined);
    } else {
      await browser.tabs.create({ url: ticket.url });
    }
  }

  const service = createService({
    db,
    repo,
    now,
    settings: effectiveSettings,
    onSettingsSaved: async () => {
      // The settings are saved either way; a registration failure is logged and retried at the next start.
      await customSites.sync().catch((error) => console.error('[escalation-desk] custom site sync failed', error));
      await broadcast({ tickets: [], settings: true });
    },
    broadcast,
    onEscalationRequested: (escalation: Escalation) => reminders.notifyRequested(escalation),
    refreshBadgeAndAlarms: () => reminders.refresh(),
    focusTicket,
    customSites,
    newId: () => `esc_${crypto.randomUUID().replace(/-/g, '')}`,
    ...(options.backupPartChars !== undefined ? { backupPartChars: options.backupPartChars } : {}),
  });

  const extensionOrigin = browser.runtime.getURL('/');
  const route = createRouter({
    extensionId: browser.runtime.id,
    extensionOrigin,
    resolveTicket: async (url) => {
      const resolved = resolveTicket(url, await siteConfig(), ALL_ADAPTERS);
      return resolved ? { site: resolved.adapter.id, ticketId: resolved.ticketId } : null;
    },
    handle: service.handle,
    onInternalError: (error, type) => console.error(`[escalation-desk] ${type} failed`, error),
  });

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Our own change notices travel the same channel; they are not requests.
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'escalation-desk.changed') return undefined;
    return route(message, sender);
  });

  browser.alarms.onAlarm.addListener((alarm) => void reminders.onAlarm(alarm.name));
  browser.notifications.onClicked.addListener((id) => void reminders.onNotificationClicked(id));
  browser.storage.managed?.onChanged?.addListener(() => {
    managedLoaded = loadManaged();
    void broadcast({ tickets: [], settings: true });
  });
  const wake = async () => {
    await reminders.refresh().catch((error) => console.error('[escalation-desk] badge refresh failed', error));
    await customSites.sync().catch((error) => console.error('[escalation-desk] custom site sync failed', error));
    await customSites.injectIntoOpenTabs().catch((error) => console.error('[escalation-desk] custom site injection failed', error));
  };
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' && tab.url) void customSites.injectIfCustomSite(tabId, tab.url).catch(() => undefined);
  });
  browser.runtime.onStartup.addListener(() => void wake());
  browser.runtime.onInstalled.addListener(() => void wake());
  void wake();

  return { db, route, service, reminders, customSites, effectiveSettings };
}

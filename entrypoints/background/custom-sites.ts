// Custom sites: built-in helpdesks on a company's own domain, and admins' custom adapters. The options page asks
// for the origin's optional host permission (only a page can, during a click); the background checks it was
// granted, registers the content script for that origin dynamically, and keeps registrations in step with the
// settings at every start, so they survive a browser restart.
import type { Browser } from 'webextension-polyfill';
import { validateCustomAdapterDefinition, type CustomAdapterDefinition } from '../../adapters/custom/definition';
import { isBuiltInAdapterId, type BuiltInAdapterId } from '../../adapters/registry';
import type { ManagedKey } from '../../core/managed';
import { CustomDomain, type Settings } from '../../core/settings';
import type { EscalationDb } from '../../core/store/db';
import { saveSettings } from '../../core/store/settings-store';
import { RouteError } from './router';

/** Each built-in helpdesk has its own content script (entrypoints/<id>.content.ts); custom adapters share one. */
const builtInScriptFile = (adapterId: BuiltInAdapterId) => `content-scripts/${adapterId}.js`;
const CUSTOM_SCRIPT_FILE = 'content-scripts/custom.js';
/** Where running content scripts mark themselves by name (entrypoints/content/controller.ts, RUNNING_SCRIPTS_KEY). */
const RUNNING_SCRIPTS_KEY = '__escalationDeskScripts';
const BRIDGE_FILE = 'content-scripts/page-bridge.js';
/** Built-in adapters that read page globals through the MAIN-world bridge. */
const NEEDS_BRIDGE = new Set(['servicenow', 'zoho']);
const REGISTRATION_PREFIX = 'escalation-desk-site-';

interface Deps {
  readonly browser: Browser;
  readonly db: EscalationDb;
  readonly now: () => Date;
  readonly settings: () => Promise<{ settings: Settings; locked: readonly ManagedKey[] }>;
}

export function isCustomAdapterDefinition(value: unknown): value is CustomAdapterDefinition {
  return validateCustomAdapterDefinition(value).ok;
}

// The id covers the script file too: a registration left by an older version (another file) is then replaced.
function registrationId(pattern: string, file: string): string {
  let hash = 0;
  for (const char of `${pattern}|${file}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return `${REGISTRATION_PREFIX}${(hash >>> 0).toString(36)}${file === BRIDGE_FILE ? '-bridge' : ''}`;
}

interface Registration {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
  world?: 'MAIN' | 'ISOLATED';
}

export function createCustomSites(deps: Deps) {
  const { browser } = deps;
  // webextension-polyfill's types predate `world` and `persistAcrossSessions`; the calls are the documented ones.
  const scripting = browser.scripting as unknown as {
    registerContentScripts(scripts: Registration[]): Promise<void>;
    unregisterContentScripts(filter?: { ids: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids: string[] }): Promise<Array<{ id: string }>>;
    executeScript(injection: { target: { tabId: number }; files?: string[]; func?: (...args: string[]) => unknown; args?: string[]; world?: 'MAIN' | 'ISOLATED' }): Promise<Array<{ result?: unknown }>>;
  };

  /**
   * Injects a script into a tab unless it already runs there. Never inject blindly: WXT's content-script context
   * invalidates an earlier instance of the same script when a new one starts, which would take the panel down.
   */
  async function ensureInjected(tabId: number, registration: Pick<Registration, 'js' | 'world'>): Promise<void> {
    if (registration.world === 'MAIN') {
      await scripting.executeScript({ target: { tabId }, files: registration.js, world: 'MAIN' });
      return;
    }
    const [file = ''] = registration.js;
    const scriptName = file.replace(/^content-scripts\//, '').replace(/\.js$/, '');
    const [probe] = await scripting.executeScript({
      target: { tabId },
      func: (key: string, name: string) => (globalThis as unknown as Record<string, Record<string, boolean> | undefined>)[key]?.[name] === true,
      args: [RUNNING_SCRIPTS_KEY, scriptName],
    });
    if (probe?.result === true) return;
    await scripting.executeScript({ target: { tabId }, files: registration.js });
  }

  async function granted(pattern: string): Promise<boolean> {
    return browser.permissions.contains({ origins: [pattern] }).catch(() => false);
  }

  /** What should be registered: one script per granted custom origin (plus the bridge where needed). */
  async function desired(settings: Settings): Promise<Registration[]> {
    const wanted: Registration[] = [];
    for (const domain of settings.customDomains) {
      const pattern = `${domain.origin}/*`;
      if (!(await granted(pattern))) continue;
      if (!isBuiltInAdapterId(domain.adapterId)) continue;
      const file = builtInScriptFile(domain.adapterId);
      wanted.push({ id: registrationId(pattern, file), matches: [pattern], js: [file], runAt: 'document_idle', persistAcrossSessions: true });
      if (NEEDS_BRIDGE.has(domain.adapterId)) {
        wanted.push({ id: registrationId(pattern, BRIDGE_FILE), matches: [pattern], js: [BRIDGE_FILE], runAt: 'document_idle', persistAcrossSessions: true, world: 'MAIN' });
      }
    }
    for (const raw of settings.customAdapters) {
      const checked = validateCustomAdapterDefinition(raw);
      if (!checked.ok) continue;
      for (const pattern of checked.definition.matches) {
        if (!(await granted(pattern))) continue;
        wanted.push({ id: registrationId(pattern, CUSTOM_SCRIPT_FILE), matches: [pattern], js: [CUSTOM_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true });
      }
    }
    return wanted.filter((r, i) => wanted.findIndex((o) => o.id === r.id) === i);
  }

  // What is registered, kept for the page-load fallback below; refreshed by every sync.
  let current: Promise<Registration[]> | null = null;

  async function syncOnce(): Promise<void> {
    const { settings } = await deps.settings();
    const wanted = await desired(settings);
    current = Promise.resolve(wanted);
    const registered = (await scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(REGISTRATION_PREFIX));
    const stale = registered.filter((s) => !wanted.some((w) => w.id === s.id)).map((s) => s.id);
    if (stale.length > 0) await scripting.unregisterContentScripts({ ids: stale });
    const missing = wanted.filter((w) => !registered.some((s) => s.id === w.id));
    if (missing.length === 0) return;
    try {
      await scripting.registerContentScripts(missing);
    } catch (error) {
      // Right after a browser start the persisted registrations can appear late, after our look-up: replace them.
      if (!/duplicate/i.test(String(error))) throw error;
      await scripting.unregisterContentScripts({ ids: missing.map((m) => m.id) }).catch(() => undefined);
      await scripting.registerContentScripts(missing);
    }
  }

  // One sync at a time: a start-up wake and a settings save may both ask.
  let syncing: Promise<void> = Promise.resolve();
  function sync(): Promise<void> {
    const next = syncing.then(syncOnce, syncOnce);
    syncing = next.catch(() => undefined);
    return next;
  }

  async function save(next: Settings): Promise<Settings> {
    await saveSettings(deps.db, next);
    await sync();
    return next;
  }

  /**
   * At browser start, tabs restored before the registrations were loaded may have missed the content script:
   * inject it into open tabs of the custom sites (it runs once per page, so a tab that has it is unaffected).
   */
  async function injectIntoOpenTabs(): Promise<void> {
    const { settings } = await deps.settings();
    for (const registration of await desired(settings)) {
      const tabs = await browser.tabs.query({ url: registration.matches }).catch(() => []);
      for (const tab of tabs) {
        if (tab.id === undefined) continue;
        // The tab navigated away or is not ready: its next load gets the registered script.
        await ensureInjected(tab.id, registration).catch(() => undefined);
      }
    }
  }

  /**
   * Fallback for a page that loaded while the browser was still restoring registrations (seen right after a
   * browser start): inject into a custom-site page once it has loaded. The script runs once per page.
   */
  async function injectIfCustomSite(tabId: number, url: string): Promise<void> {
    if (!url.startsWith('https://')) return;
    current ??= deps.settings().then(({ settings }) => desired(settings));
    const origin = new URL(url).origin;
    for (const registration of await current) {
      if (!registration.matches.some((pattern) => pattern === `${origin}/*`)) continue;
      await ensureInjected(tabId, registration).catch(() => undefined);
    }
  }

  return {
    sync,
    injectIntoOpenTabs,
    injectIfCustomSite,
    async add(adapterId: string, origin: string): Promise<Settings> {
      if (!isBuiltInAdapterId(adapterId)) throw new RouteError({ code: 'invalid-settings', message: `"${adapterId}" is not a built-in helpdesk.`, issues: [{ path: 'adapterId', message: 'unknown helpdesk' }] });
      const parsed = CustomDomain.safeParse({ adapterId, origin: origin.trim().replace(/\/+$/, '').toLowerCase(), addedAt: deps.now().toISOString() });
      if (!parsed.success) throw new RouteError({ code: 'invalid-settings', message: `The address is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}. Use https://host, e.g. https://support.acme.com.`, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      const domain = parsed.data;
      if (!(await granted(`${domain.origin}/*`))) throw new RouteError({ code: 'permission-denied', message: `Escalation Desk was not allowed to run on ${domain.origin}. Grant the permission when the browser asks.` });
      const { settings } = await deps.settings();
      const others = settings.customDomains.filter((d) => d.origin !== domain.origin);
      return save({ ...settings, customDomains: [...others, domain] });
    },
    async remove(origin: string): Promise<Settings> {
      const { settings } = await deps.settings();
      const domain = settings.customDomains.find((d) => d.origin === origin);
      if (!domain) throw new RouteError({ code: 'not-found', message: `${origin} is not a custom domain.` });
      const next = await save({ ...settings, customDomains: settings.customDomains.filter((d) => d.origin !== origin) });
      await browser.permissions.remove({ origins: [`${origin}/*`] }).catch(() => undefined);
      return next;
    },
    async saveCustomAdapter(raw: unknown): Promise<Settings> {
      const checked = validateCustomAdapterDefinition(raw);
      if (!checked.ok) throw new RouteError({ code: 'invalid-settings', message: `The custom adapter has ${checked.errors.length} problem(s): ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, issues: checked.errors });
      const { settings } = await deps.settings();
      const others = settings.customAdapters.filter((d) => !(isCustomAdapterDefinition(d) && d.id === checked.definition.id));
      // Stored as JSON (an optional field given as undefined is dropped), as everything in the settings must be.
      const stored = JSON.parse(JSON.stringify(checked.definition)) as CustomAdapterDefinition;
      return save({ ...settings, customAdapters: [...others, stored] });
    },
    async removeCustomAdapter(adapterId: string): Promise<Settings> {
      const { settings } = await deps.settings();
      const removed = settings.customAdapters.filter((d) => isCustomAdapterDefinition(d) && d.id === adapterId);
      const next = await save({ ...settings, customAdapters: settings.customAdapters.filter((d) => !removed.includes(d)) });
      const patterns = removed.flatMap((d) => (d as CustomAdapterDefinition).matches);
      if (patterns.length > 0) await browser.permissions.remove({ origins: patterns }).catch(() => undefined);
      return next;
    },
    /** Runs a definition on an open tab (the options page's "test on an open tab") and returns what it read. */
    async testCustomAdapter(raw: unknown, tabId: number): Promise<unknown> {
      const checked = validateCustomAdapterDefinition(raw);
      if (!checked.ok) throw new RouteError({ code: 'invalid-settings', message: 'Fix the definition first.', issues: checked.errors });
      await ensureInjected(tabId, { js: [CUSTOM_SCRIPT_FILE] }).catch((error: unknown) => {
        throw new RouteError({ code: 'permission-denied', message: `Cannot run on that tab: ${error instanceof Error ? error.message : String(error)}` });
      });
      return browser.tabs.sendMessage(tabId, { type: 'escalation-desk.testAdapter', definition: checked.definition }).catch((error: unknown) => {
        // A closed tab or one whose page never answered: a specific error, not an internal one.
        throw new RouteError({ code: 'not-found', message: `Tab ${tabId} did not answer: ${error instanceof Error ? error.message : String(error)}` });
      });
    },
  };
}

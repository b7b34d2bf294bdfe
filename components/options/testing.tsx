// Test-only wiring: the options page rendered against the real background (router, service, store) running on
// WXT's fake browser and fake-indexeddb, with a fake managed storage when a test wants one. Not used by the product.
import { render } from '@testing-library/preact';
import type { Browser, Runtime } from 'webextension-polyfill';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../entrypoints/background/start';
import type { Response } from '../../core/messages';
import type { Settings } from '../../core/settings';
import { EscalationDb } from '../../core/store/db';
import { saveSettings } from '../../core/store/settings-store';
import { createSender } from '../messaging';
import { OptionsApp } from './OptionsApp';
import type { OpenTab, OptionsPorts } from './types';
import { fetchExport } from './backup-transfer';

let counter = 0;

export const pageSender = (): Runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });

/** The fake browser has no scripting or permissions: stand-ins with the behaviour the background relies on. */
function stubMissingApis(granted: () => boolean) {
  const fake = fakeBrowser as unknown as Record<string, unknown>;
  const registered: Array<{ id: string; matches: string[] }> = [];
  fake.scripting = {
    getRegisteredContentScripts: async () => registered.map((r) => ({ ...r })),
    registerContentScripts: async (scripts: Array<{ id: string; matches: string[] }>) => void registered.push(...scripts),
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => void ids.forEach((id) => registered.splice(registered.findIndex((r) => r.id === id), 1)),
    executeScript: async () => [],
  };
  fake.permissions = { contains: async () => granted(), remove: async () => true };
  return { registered };
}

export interface TestBackgroundOptions {
  /** What IT put into managed storage (enterprise policy). */
  readonly managed?: Record<string, unknown>;
  /** Settings stored before the page opens. */
  readonly settings?: Settings;
}

export async function startTestBackground(options: TestBackgroundOptions = {}) {
  let permissionGranted = true;
  const { registered } = stubMissingApis(() => permissionGranted);
  if (options.managed) await fakeBrowser.storage.managed.set(options.managed);
  const db = new EscalationDb(`options-test-${++counter}-${Date.now()}`);
  if (options.settings) await saveSettings(db, options.settings);
  // Small backup parts, so that even a small store travels in several (as a large one does in the browser).
  const bg = startBackground(fakeBrowser as unknown as Browser, { db, backupPartChars: 2_000 });
  const call = <T,>(message: unknown) => bg.route(message, pageSender()) as Promise<Response<T>>;
  return {
    bg,
    db,
    registered,
    call,
    /** Makes the browser's permission check answer as if the admin had (not) allowed the origin. */
    setPermissionGranted: (value: boolean) => {
      permissionGranted = value;
    },
    /** The backup document, assembled from the export's parts as the options page does. */
    async exported(): Promise<Record<string, unknown>> {
      const exported = await fetchExport(call);
      if (!exported.ok) throw new Error(exported.message);
      return JSON.parse(exported.data.parts.join('')) as Record<string, unknown>;
    },
    async settings(): Promise<Settings> {
      const answer = await call<{ settings: Settings }>({ type: 'settings.get' });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data.settings;
    },
  };
}
export type TestBackground = Awaited<ReturnType<typeof startTestBackground>>;

export function renderOptions(background: TestBackground, overrides: Partial<OptionsPorts> = {}) {
  const sent: unknown[] = [];
  const downloads: Array<{ filename: string; text: string; parts: number }> = [];
  const requestOrigins = vi.fn(async (_origins: string[]) => true);
  const openTabs = vi.fn(async (): Promise<OpenTab[]> => [{ id: 7, title: 'INI-1: TPS report', url: 'https://help.initech.test/tickets/INI-1' }]);
  const ports: OptionsPorts = {
    send: createSender(async (message) => {
      sent.push(message);
      return background.bg.route(message, pageSender());
    }),
    subscribe: (listener) => {
      fakeBrowser.runtime.onMessage.addListener(listener);
      return () => fakeBrowser.runtime.onMessage.removeListener(listener);
    },
    requestOrigins,
    openTabs,
    download: (filename, parts) => void downloads.push({ filename, text: parts.join(''), parts: parts.length }),
    backupPartChars: 2_000,
    ...overrides,
  };
  const view = render(<OptionsApp ports={ports} />);
  return { ...view, sent, downloads, requestOrigins, openTabs, sentTypes: () => sent.map((m) => (m as { type: string }).type) };
}

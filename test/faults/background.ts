// Shared set-up for the unit-level fault suite: the real background (router, service, store, badge, alarms,
// notifications) started against WXT's fake browser and fake-indexeddb, the senders the browser vouches for, and a
// full dump of everything the extension keeps, to prove that a refused message changed nothing.
import type { Browser, Runtime } from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Response } from '../../core/messages';
import { EscalationDb } from '../../core/store/db';
import type { TicketView } from '../../core/views';
import { startBackground } from '../../entrypoints/background/start';
import { requestFor, snapshotFor } from '../builders';
import { fetchExport } from '../../components/options/backup-transfer';

export const TICKET_URL = 'https://acme.zendesk.com/agent/tickets/101';
/** A helpdesk page that is not a ticket (a Zendesk view): the content script runs there too. */
export const HELPDESK_LIST_URL = 'https://acme.zendesk.com/agent/filters/360001';

export function tabSender(url = TICKET_URL, tabId = 7): Runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, url, tab: { id: tabId, url, index: 0, highlighted: false, active: true, pinned: false, incognito: false }, frameId: 0 };
}
export function pageSender(path = '/popup.html'): Runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(path as '/popup.html') };
}

/**
 * The fake browser has no scripting or permissions; these stand in with the behaviour the background relies on.
 * Shared with the background's own unit tests (entrypoints/background/background.test.ts).
 */
export function stubMissingApis(): void {
  const registered: Array<{ id: string; matches: string[] }> = [];
  const fake = fakeBrowser as unknown as Record<string, unknown>;
  fake.scripting = {
    getRegisteredContentScripts: async () => registered.map((r) => ({ ...r })),
    registerContentScripts: async (scripts: Array<{ id: string; matches: string[] }>) => void registered.push(...scripts),
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => void ids.forEach((id) => registered.splice(registered.findIndex((r) => r.id === id), 1)),
    executeScript: async () => [{ result: null }],
  };
  // Chrome rejects a message to a tab where nobody listens; the fake browser throws "not implemented" instead.
  (fakeBrowser.tabs as unknown as Record<string, unknown>).sendMessage = async () => {
    throw new Error('Could not establish connection. Receiving end does not exist.');
  };
  fake.permissions = { contains: async () => true, remove: async () => true, request: async () => false };
}

let counter = 0;

export interface Background {
  readonly bg: ReturnType<typeof startBackground>;
  readonly db: EscalationDb;
  call<T = unknown>(message: unknown, sender: Runtime.MessageSender): Promise<Response<T>>;
  data<T = unknown>(message: unknown, sender: Runtime.MessageSender): Promise<T>;
  /** Records an escalation request on the default Zendesk ticket from its own tab; returns its id. */
  request(): Promise<string>;
  /** Everything the extension keeps: every table, the badge, alarms, notifications and extension storage. */
  dump(): Promise<string>;
  /** The backup file, as the options page assembles it from the export's parts. */
  exportText(): Promise<string>;
  setNow(date: Date): void;
}

export async function startFaultBackground(name: string, db?: EscalationDb, options: { backupPartChars?: number } = {}): Promise<Background> {
  stubMissingApis();
  let now = new Date('2026-11-27T09:10:00Z');
  const database = db ?? new EscalationDb(`faults-${name}-${++counter}-${Math.random().toString(36).slice(2)}`);
  const bg = startBackground(fakeBrowser as unknown as Browser, { db: database, now: () => now, ...options });
  // Let the start-up wake (badge, alarms, custom sites) settle, so it is not mistaken for a message's change.
  await new Promise((r) => setTimeout(r, 20));
  await bg.reminders.refresh();
  const call = <T>(message: unknown, sender: Runtime.MessageSender) => bg.route(message, sender) as Promise<Response<T>>;
  const data = async <T>(message: unknown, sender: Runtime.MessageSender): Promise<T> => {
    const answer = await call<T>(message, sender);
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return answer.data;
  };
  return {
    bg,
    db: database,
    call,
    data,
    async request() {
      const view = await data<TicketView>({ type: 'escalation.request', snapshot: snapshotFor(), request: requestFor() }, tabSender());
      return view.escalation!.id;
    },
    async exportText() {
      const exported = await fetchExport((message) => call(message, pageSender()));
      if (!exported.ok) throw new Error(exported.message);
      return exported.data.parts.join('');
    },
    async dump() {
      await bg.service.settled(); // an answered command's badge, alarms and notices follow its answer: wait for them
      const tables: Record<string, unknown> = {};
      for (const table of database.tables) tables[table.name] = await table.toArray();
      return JSON.stringify({
        tables,
        badge: await fakeBrowser.action.getBadgeText({}),
        alarms: (await fakeBrowser.alarms.getAll()).map((a) => a.name).sort(),
        notifications: Object.keys(await fakeBrowser.notifications.getAll()).sort(),
        storage: await fakeBrowser.storage.local.get(null),
      });
    },
    setNow(date) {
      now = date;
    },
  };
}

export const approveCommand = (escalationId: string, expectedVersion = 1) => ({
  type: 'approve',
  escalationId,
  expectedVersion,
  rationale: 'Revenue at risk on Black Friday',
  newPriority: 'urgent',
  followUps: ['Page the payments team'],
  updateCadenceMinutes: 60,
});
export const declineCommand = (escalationId: string, expectedVersion = 1) => ({ type: 'decline', escalationId, expectedVersion, category: 'premature', reason: 'Still within SLA' });

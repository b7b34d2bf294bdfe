// Test harness for the content-script controller (used by controller.test.ts only): a helpdesk adapter whose reads
// the test settles by hand, a stand-in background that answers the controller's messages on WXT's fake browser,
// and what the user sees of the panel (its state in the shadow root).
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AdapterCandidates, SiteConfig } from '../../adapters/resolve';
import type { HelpdeskAdapter, ReadResult } from '../../adapters/types';
import { DEFAULT_POLICY } from '../../core/policy';
import type { Message } from '../../core/messages';
import type { TicketSnapshot } from '../../core/schemas';
import type { TicketView } from '../../core/views';
import { snapshotFor } from '../../test/builders';
import { panelUi } from '../panel-ui';
import { HOST_TAG } from './mount';
import { providePanelUi } from './panel-ui-contract';

// In the extension the content script loads the panel UI as a separate script (panel-loader.ts); here it is
// installed up front, as if that script had already run in this page.
providePanelUi(panelUi);

export const TICKET_ORIGIN = 'https://acme.zendesk.com';
export const ticketUrl = (ticketId: string) => `${TICKET_ORIGIN}/agent/tickets/${ticketId}`;

/** Points the test page (happy-dom) at a URL, as the browser would after a full page load. */
export function openPage(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

export interface PendingRead {
  readonly ticketId: string;
  settled: boolean;
  fail(): void;
  succeed(): void;
}

/** A Zendesk-shaped adapter whose every read stays in flight until the test fails or completes it. */
export function controlledAdapter() {
  const reads: PendingRead[] = [];
  const adapter: HelpdeskAdapter = {
    id: 'zendesk',
    label: 'Zendesk',
    parseTicketUrl: (url) => /^\/agent\/tickets\/(\d+)$/.exec(url.pathname)?.[1] ?? null,
    mountAnchors: ['[data-ticket-header]'],
    activeTicketRoot: (doc) => doc.body,
    read: (_ctx, ticketId) =>
      new Promise<ReadResult>((resolve) => {
        const read: PendingRead = {
          ticketId,
          settled: false,
          fail() {
            read.settled = true;
            resolve({ ok: false, problem: { code: 'field-missing', field: 'subject', selector: '[data-ticket-subject]', message: 'The subject is not on the page yet.' }, health: [] });
          },
          succeed() {
            read.settled = true;
            resolve({ ok: true, snapshot: snapshotFor({ ticketId, url: ticketUrl(ticketId) }), health: [] });
          },
        };
        reads.push(read);
      }),
    actions: { insertReply: () => ({ ok: true }) },
  };
  const candidates: AdapterCandidates = { builtIn: { zendesk: adapter } };
  return {
    candidates,
    reads,
    readsOf: (ticketId: string) => reads.filter((r) => r.ticketId === ticketId).length,
    /** The read still in flight (exactly one is expected). */
    inFlight(): PendingRead {
      const open = reads.filter((r) => !r.settled);
      if (open.length !== 1) throw new Error(`expected exactly one read in flight, found ${open.length}`);
      return open[0]!;
    },
  };
}

function viewFor(snapshot: TicketSnapshot): TicketView {
  return {
    ticket: snapshot.ref,
    actor: { id: 'alex@acme.test', name: 'Alex Agent', roles: ['agent'] },
    escalation: null,
    events: [],
    allowed: [],
    assessment: null,
    detection: null,
    sla: null,
    warnings: [],
    actionLog: [],
    internalNotes: [],
    sync: { state: 'synced', pending: 0, failed: [] },
    policy: DEFAULT_POLICY,
    earlier: 0,
  };
}

/** Answers the messages the content script sends, as the real background would for a healthy extension. */
export function fakeBackground() {
  const received: Message[] = [];
  const config: SiteConfig = { disabledAdapters: [], customDomains: [], customAdapters: [] };
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
    // The fake browser delivers every message to every listener: notices meant for the tab are not ours to answer.
    if ((raw as { type?: unknown }).type === 'escalation-desk.changed') return undefined;
    const message = raw as Message;
    received.push(message);
    switch (message.type) {
      case 'site.config':
        return Promise.resolve({ ok: true, data: config });
      case 'ticket.open':
        return Promise.resolve({ ok: true, data: viewFor(message.snapshot) });
      case 'ticket.problem':
        return Promise.resolve({ ok: true, data: null });
      case 'outbox.due':
        return Promise.resolve({ ok: true, data: { items: [] } });
      default:
        return Promise.resolve({ ok: false, error: { code: 'internal', message: `unexpected ${message.type}` } });
    }
  });
  return { received };
}

/** What the agent sees: the panel's state ('loading' | 'problem' | 'none' for a ticket without escalation), or null. */
export function panelState(): string | null {
  const hosts = document.querySelectorAll(HOST_TAG);
  if (hosts.length > 1) throw new Error(`${hosts.length} panel hosts on the page`);
  const panel = hosts[0]?.shadowRoot?.querySelector('[data-testid="escalation-panel"]');
  return panel?.getAttribute('data-state') ?? null;
}

export function panelHost(): HTMLElement {
  const host = document.querySelector<HTMLElement>(HOST_TAG);
  if (!host) throw new Error('no panel host on the page');
  return host;
}

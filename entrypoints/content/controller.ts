// The content script's controller: follows the helpdesk's single-page navigation, opens one ticket session per
// ticket (tied to its own AbortSignal, so a switch never leaves a stale panel), reads the ticket through the
// adapter, talks to the background, and performs queued helpdesk write-backs. Nothing here throws into the page.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { adapterForUrl, resolveTicket, type AdapterCandidates, type ResolvedTicket, type SiteConfig } from '../../adapters/resolve';
import type { CustomAdapterDefinition } from '../../adapters/custom/definition';
import { HelpdeskWriteError, type AdapterContext, type HelpdeskAdapter, type ReadResult } from '../../adapters/types';
import { addInternalNoteOnce } from '../../adapters/note-once';
import type { AgentCommand, ChangedNotice, Message, Response } from '../../core/messages';
import type { CustomerMessageKind, EscalationRequest, TicketSnapshot } from '../../core/schemas';
import type { TicketView } from '../../core/views';
import type { PanelActions, PanelNotice, PanelState } from '../../components/panel/Panel';
import { readPageGlobals } from './bridge';
import { HOST_TAG, mountPanel } from './mount';
import { loadedPanelUi, loadPanelUi } from './panel-loader';

const FETCH_TIMEOUT_MS = 15_000;
let fetchTimeoutMs = FETCH_TIMEOUT_MS;
/** e2e builds only (the branch is compiled out of every other build): a spec may shorten the fetch timeout. */
export const E2E_FETCH_TIMEOUT_KEY = 'e2e.fetchTimeoutMs';
async function loadE2eOverrides(): Promise<void> {
  if ((import.meta.env as { MODE?: string }).MODE !== 'e2e') return;
  const stored = await browser.storage.local.get(E2E_FETCH_TIMEOUT_KEY).catch(() => ({}) as Record<string, unknown>);
  const value = (stored as Record<string, unknown>)[E2E_FETCH_TIMEOUT_KEY];
  if (typeof value === 'number' && value >= 100 && value <= FETCH_TIMEOUT_MS) fetchTimeoutMs = value;
}
/** How long the page must stay still before a failed read is tried again, and how many times. */
const DOM_SETTLE_MS = 250;
const MAX_READ_RETRIES = 20;
/** Write-backs one drain performs at most; anything left waits for the next change notice or outbox alarm. */
const MAX_WRITES_PER_DRAIN = 50;

/** A mutation of the helpdesk's own page, not of our panel's host (placing it must not count as the page settling). */
function isPageChange(record: MutationRecord): boolean {
  const ours = (node: Node) => node.nodeName.toLowerCase() === HOST_TAG;
  if (record.type !== 'childList') return !(record.target instanceof Element && record.target.closest(HOST_TAG));
  return [...record.addedNodes, ...record.removedNodes].some((node) => !ours(node));
}

async function send<T>(message: Message): Promise<Response<T>> {
  try {
    const answer = (await browser.runtime.sendMessage(message)) as Response<T> | undefined;
    return answer ?? { ok: false, error: { code: 'internal', message: 'The extension did not answer.' } };
  } catch (error) {
    // The extension was reloaded or updated under this tab: say so instead of failing silently.
    return { ok: false, error: { code: 'internal', message: `Escalation Desk is not reachable (${error instanceof Error ? error.message : 'unknown'}). Reload the page.` } };
  }
}

function adapterContext(): AdapterContext {
  return {
    document,
    location: new URL(location.href),
    fetch: (input, init) => {
      const timeout = AbortSignal.timeout(fetchTimeoutMs);
      return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
    },
    readPageGlobals,
    now: () => new Date(),
  };
}

interface TicketSession {
  readonly key: string;
  readonly abort: AbortController;
  refresh(options?: { reread?: boolean }): Promise<void>;
}

/** Where each running content script marks itself, by script name, so the background never injects one twice. */
export const RUNNING_SCRIPTS_KEY = '__escalationDeskScripts';

/**
 * The body of every content script (one per built-in helpdesk, one for custom adapters): marks the script as
 * running in this page and starts the controller with the script's own adapters. Never throws into the page.
 */
export function runContentScript(ctx: ContentScriptContext, scriptName: string, candidates: AdapterCandidates): void {
  // A script can start twice in one page (registered for a custom site, and injected after a browser start or for
  // "test on an open tab"). WXT invalidates the older instance when a newer one of the same script starts; the
  // older one then tears its panel down (everything hangs off ctx.signal), so exactly one panel remains.
  const scope = globalThis as unknown as Record<string, Record<string, boolean> | undefined>;
  const running = (scope[RUNNING_SCRIPTS_KEY] ??= {});
  running[scriptName] = true;
  ctx.onInvalidated(() => {
    running[scriptName] = false;
  });
  try {
    startContent(ctx, candidates);
  } catch (error) {
    console.debug('[escalation-desk] content script could not start', error);
  }
}

export function startContent(ctx: ContentScriptContext, candidates: AdapterCandidates): void {
  let config: SiteConfig | null = null;
  let session: TicketSession | null = null;
  let lastHref = '';
  let draining = false;

  async function loadConfig(): Promise<void> {
    const answer = await send<SiteConfig>({ type: 'site.config' });
    config = answer.ok ? answer.data : null;
  }

  function openSession(resolved: ResolvedTicket): TicketSession {
    const { adapter, ticketId } = resolved;
    const abort = new AbortController();
    const signal = AbortSignal.any([abort.signal, ctx.signal]);
    // The panel UI is a separate script, loaded on the page's first ticket (panel-loader.ts); once it is in, every
    // later panel paints at once. Until then the host is placed but empty, and paints wait for it.
    let ui = loadedPanelUi();
    const mount = mountPanel(adapter, ticketId, ui?.css ?? '', signal);
    let state: PanelState = { kind: 'loading', adapterLabel: adapter.label };
    let snapshot: TicketSnapshot | null = null;
    let view: TicketView | null = null;
    let notice: PanelNotice = null;
    let busy = false;

    const paint = () => {
      if (signal.aborted || !ui) return;
      ui.render(mount.container, { state, notice, busy, actions });
    };
    signal.addEventListener('abort', () => ui?.clear(mount.container), { once: true });
    if (!ui) {
      loadPanelUi().then(
        (loaded) => {
          if (signal.aborted) return;
          ui = loaded;
          mount.setCss(loaded.css);
          paint();
        },
        (error: unknown) => {
          if (signal.aborted) return;
          console.debug('[escalation-desk] the panel could not load', error);
          mount.container.textContent = `Escalation Desk could not load its panel (${error instanceof Error ? error.message : 'unknown error'}). Reload the page.`;
        },
      );
    }

    const showView = (next: TicketView) => {
      view = next;
      state = { kind: 'ready', view: next, snapshot };
      paint();
    };
    // The background answers 'ticket.view' and 'ticket.logAction' without the page's snapshot, so their views carry
    // no detection, SLA or internal notes: keep what the last read of this same page found (the banner stays).
    const showRecordView = (next: TicketView) => {
      const read = view;
      showView(read ? { ...next, detection: next.detection ?? read.detection, sla: next.sla ?? read.sla, internalNotes: next.internalNotes.length > 0 ? next.internalNotes : read.internalNotes } : next);
    };

    // A page that is still rendering (or re-rendering after a route change) can fail a read. Then the session
    // reads again once the DOM has settled, until it succeeds: observe, never poll. The page is watched from the
    // moment a read starts, so a re-render that finishes while the read is in flight still earns a retry (the
    // A -> B -> A race: the swap ends during the failed read and no mutation follows it).
    let watcher: MutationObserver | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retries = 0;
    let changedSinceReadStart = false;
    let waitingForSettle = false;
    let lastProblemKey = '';
    const stopRetrying = () => {
      watcher?.disconnect();
      watcher = null;
      waitingForSettle = false;
      clearTimeout(retryTimer);
    };
    signal.addEventListener('abort', stopRetrying, { once: true });
    const armRetry = () => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        stopRetrying();
        retries += 1;
        void refresh();
      }, DOM_SETTLE_MS);
    };
    const onPageMutations = (records: MutationRecord[]) => {
      if (!records.some(isPageChange)) return;
      changedSinceReadStart = true;
      if (waitingForSettle) armRetry(); // debounced: the retry runs once the page has been quiet for a while
    };
    const watchPage = () => {
      changedSinceReadStart = false;
      // A read in flight decides for itself: a retry armed by an earlier failure must not fire during it (it would
      // stop the watcher this read relies on and join this read instead of starting one, leaving no retry after it).
      waitingForSettle = false;
      clearTimeout(retryTimer);
      if (watcher || retries >= MAX_READ_RETRIES) return;
      watcher = new MutationObserver(onPageMutations);
      watcher.observe(document.body, { childList: true, subtree: true, characterData: true });
    };
    const retryWhenDomSettles = () => {
      if (!watcher) return; // out of retries
      onPageMutations(watcher.takeRecords());
      waitingForSettle = true;
      if (changedSinceReadStart) armRetry();
    };

    let reading: Promise<void> | null = null;
    async function refresh(options: { reread?: boolean } = {}): Promise<void> {
      if (options.reread !== false || !snapshot) {
        reading ??= read().finally(() => (reading = null));
        return reading;
      }
      const answer = await send<TicketView>({ type: 'ticket.view', ticket: snapshot.ref });
      if (!signal.aborted && answer.ok) showRecordView(answer.data);
    }

    async function read(): Promise<void> {
      watchPage();
      const result: ReadResult = await adapter.read(adapterContext(), ticketId).catch((error: unknown) => ({
        ok: false as const,
        problem: { code: 'api-failed' as const, message: `The adapter failed: ${error instanceof Error ? error.name : 'error'}` },
        health: [],
      }));
      if (signal.aborted) return;
      if (!result.ok) {
        state = { kind: 'problem', adapterLabel: adapter.label, problem: result.problem };
        paint();
        const key = `${result.problem.code}|${result.problem.field ?? ''}|${result.problem.selector ?? ''}`;
        if (key !== lastProblemKey) {
          lastProblemKey = key;
          await send({ type: 'ticket.problem', adapterId: adapter.id, path: location.pathname, problem: result.problem, health: [...result.health] });
        }
        retryWhenDomSettles();
        return;
      }
      stopRetrying();
      lastProblemKey = '';
      snapshot = result.snapshot;
      const answer = await send<TicketView>({ type: 'ticket.open', snapshot: result.snapshot, health: [...result.health], mountedAt: mount.placement() });
      if (signal.aborted) return;
      if (answer.ok) showView(answer.data);
      else {
        state = { kind: 'problem', adapterLabel: adapter.label, problem: { code: 'invalid-snapshot', message: answer.error.message } };
        paint();
      }
    }

    /** Sends one agent action; the panel's controls stay disabled until the answer (and new version) is in. */
    async function act<T>(message: Message, after?: (data: T) => void): Promise<boolean> {
      notice = null;
      busy = true;
      paint();
      const answer = await send<T>(message);
      busy = false;
      if (signal.aborted) return false;
      if (!answer.ok) {
        notice = { tone: 'error', text: answer.error.message };
        paint();
        return false;
      }
      if (after) after(answer.data);
      else paint();
      return true;
    }

    const actions: PanelActions = {
      logAction: (text) => act<TicketView>({ type: 'ticket.logAction', ticket: snapshot!.ref, text }, showRecordView),
      request: (request: EscalationRequest) => {
        if (!snapshot) return Promise.resolve(false);
        return act<TicketView>({ type: 'escalation.request', snapshot, request }, (next) => {
          notice = { tone: 'success', text: 'Escalation requested. The manager has been informed.' };
          showView(next);
        });
      },
      command: (command: AgentCommand) => act<TicketView>({ type: 'escalation.command', command }, showView),
      insertCustomerMessage: async (kind: CustomerMessageKind, extra) => {
        if (!view?.escalation) return false;
        const answer = await send<{ text: string }>({ type: 'template.render', escalationId: view.escalation.id, kind, ...extra });
        if (signal.aborted) return false;
        if (!answer.ok) {
          notice = { tone: 'error', text: answer.error.message };
          paint();
          return false;
        }
        const inserted = adapter.actions.insertReply(adapterContext(), answer.data.text);
        notice = inserted.ok
          ? { tone: 'success', text: 'The message is in the reply box. Review it and send it from the helpdesk.' }
          : { tone: 'error', text: `Could not put the message into the reply box (${inserted.reason}). Copy it instead:\n\n${answer.data.text}` };
        paint();
        return inserted.ok;
      },
      retryWriteBack: (id) => act<{ retried: boolean }>({ type: 'outbox.retry', id }, () => void refresh({ reread: false })),
      dismissNotice: () => {
        notice = null;
        paint();
      },
    };

    paint();
    void refresh();
    return { key: `${adapter.id}#${ticketId}`, abort, refresh };
  }

  /** Re-evaluates the page: a different ticket (or none) means a new session and the old one is aborted. */
  function evaluate(): void {
    if (ctx.isInvalid) return; // A newer instance of this script took over the page.
    lastHref = location.href;
    const resolved = config ? resolveTicket(new URL(location.href), config, candidates) : null;
    const key = resolved ? `${resolved.adapter.id}#${resolved.ticketId}` : null;
    if (session && session.key === key) return;
    session?.abort.abort();
    session = resolved ? openSession(resolved) : null;
  }

  /** Performs write-backs queued for this helpdesk origin, reporting each result to the background. */
  async function drainOutbox(): Promise<void> {
    if (draining || !config) return;
    const owner = adapterForUrl(new URL(location.href), config, candidates);
    if (!owner) return;
    draining = true;
    try {
      // The background hands out one write at a time; ask until nothing is due (bounded: a write that fails is
      // rescheduled with backoff, so it is not handed out again in the same drain).
      for (let round = 0; round < MAX_WRITES_PER_DRAIN; round += 1) {
        if (ctx.isInvalid) return;
        const answer = await send<{ items: Array<{ id: string; ticketId: string; action: { kind: 'note'; text: string } | { kind: 'tags'; tags: string[] } | { kind: 'priority'; level: 'low' | 'normal' | 'high' | 'urgent' } }> }>({ type: 'outbox.due' });
        if (!answer.ok || answer.data.items.length === 0) return;
        for (const item of answer.data.items) {
          const error = await perform(owner.adapter, item.id, item.ticketId, item.action);
          await send({ type: 'outbox.result', id: item.id, ok: error === null, error });
        }
      }
    } finally {
      draining = false;
    }
  }

  async function perform(
    adapter: HelpdeskAdapter,
    itemId: string,
    ticketId: string,
    action: { kind: 'note'; text: string } | { kind: 'tags'; tags: string[] } | { kind: 'priority'; level: 'low' | 'normal' | 'high' | 'urgent' },
  ): Promise<{ message: string; status: number | null; retryable: boolean; retryAfterSeconds: number | null } | null> {
    const context = adapterContext();
    try {
      if (action.kind === 'note') {
        if (!adapter.actions.addInternalNote) return { message: `${adapter.label} has no internal-note API here`, status: null, retryable: false, retryAfterSeconds: null };
        // At most once: the note carries the item's marker, and a retry finds a copy the helpdesk already accepted.
        const { addInternalNote, internalNoteBodies } = adapter.actions;
        await addInternalNoteOnce({ addInternalNote, ...(internalNoteBodies ? { internalNoteBodies } : {}) }, context, ticketId, action.text, itemId);
      } else if (action.kind === 'tags') {
        if (!adapter.actions.addTags) return { message: `${adapter.label} has no tag API here`, status: null, retryable: false, retryAfterSeconds: null };
        await adapter.actions.addTags(context, ticketId, action.tags);
      } else {
        if (!adapter.actions.setPriority) return { message: `${adapter.label} has no priority API here`, status: null, retryable: false, retryAfterSeconds: null };
        await adapter.actions.setPriority(context, ticketId, action.level);
      }
      return null;
    } catch (error) {
      if (error instanceof HelpdeskWriteError) return { message: error.message.slice(0, 500), status: error.status, retryable: error.retryable, retryAfterSeconds: error.retryAfterSeconds };
      return { message: `network error: ${error instanceof Error ? error.name : 'unknown'}`, status: null, retryable: true, retryAfterSeconds: null };
    }
  }

  // Navigation: popstate, and the Navigation API where the browser has it (its current entry changes on every
  // pushState, replaceState, traversal and hash change, even from the page's own router). Without it, a cheap href
  // check on DOM changes (helpdesk routers change the DOM on every route change). No polling; and no observer of
  // the whole page where the browser tells us, since every observer makes every DOM change of the page cost more.
  const onMaybeNavigated = () => {
    if (location.href !== lastHref) evaluate();
  };
  ctx.addEventListener(window, 'popstate', onMaybeNavigated);
  const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
  let navObserver: MutationObserver | null = null;
  if (navigation) {
    for (const type of ['currententrychange', 'navigatesuccess']) ctx.addEventListener(navigation as unknown as Window, type as keyof WindowEventMap, onMaybeNavigated);
  } else {
    navObserver = new MutationObserver(onMaybeNavigated);
    navObserver.observe(document.documentElement, { childList: true, subtree: true });
  }
  ctx.onInvalidated(() => {
    navObserver?.disconnect();
    session?.abort.abort();
  });

  const onMessage = (raw: unknown): Promise<unknown> | undefined => {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const message = raw as { type?: unknown };
    if (message.type === 'escalation-desk.changed') {
      const notice = raw as ChangedNotice;
      void (async () => {
        if (notice.settings) {
          // An adapter may have been switched off or on, or a custom site added: re-resolve this page. The
          // session survives when the page still resolves to the same ticket (no flicker, no lost form input).
          await loadConfig();
          lastHref = '';
          evaluate();
          await session?.refresh({ reread: false });
        } else if (session && notice.tickets.some((t) => `${t.site}#${t.ticketId}` === session!.key)) {
          await session.refresh({ reread: false });
        }
        if (notice.outbox || notice.settings) await drainOutbox();
      })();
      return undefined;
    }
    // Only the custom-adapter script answers "test on an open tab" (it alone carries the custom runtime).
    if (message.type === 'escalation-desk.testAdapter' && candidates.custom) {
      return testAdapter((raw as { definition: CustomAdapterDefinition }).definition, candidates.custom);
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  void (async () => {
    await loadE2eOverrides();
    await loadConfig();
    evaluate();
    await drainOutbox();
  })();
}

/** "Test on an open tab": what a custom adapter definition reads on this page. */
async function testAdapter(definition: CustomAdapterDefinition, create: (definition: CustomAdapterDefinition) => HelpdeskAdapter): Promise<unknown> {
  try {
    const adapter = create(definition);
    const url = new URL(location.href);
    const ticketId = adapter.parseTicketUrl(url);
    if (ticketId === null) return { matched: false, message: `The URL pattern does not match ${url.pathname}.` };
    const result = await adapter.read(adapterContext(), ticketId);
    return result.ok
      ? { matched: true, ticketId, snapshot: result.snapshot, health: result.health }
      : { matched: true, ticketId, problem: result.problem, health: result.health };
  } catch (error) {
    return { matched: false, message: `The adapter failed: ${error instanceof Error ? error.message : 'error'}` };
  }
}



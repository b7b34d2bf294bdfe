// The content script's read-retry: a read that fails while the helpdesk re-renders is tried again once the page
// has been quiet for the settle time, including when the re-render finished while the failed read was in flight
// (the A -> B -> A race). Driven through startContent with a real panel, WXT's fake browser and fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ChangedNotice } from '../../core/messages';
import { controlledAdapter, fakeBackground, openPage, panelHost, panelState, ticketUrl, TICKET_ORIGIN } from './controller-harness';
import { startContent } from './controller';

/** Mirrors DOM_SETTLE_MS in controller.ts: how long the page must stay quiet before a failed read is retried. */
const SETTLE_MS = 250;

let ctx: ContentScriptContext;

/** One macrotask turn with real timers: every pending promise and MutationObserver delivery has run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await settle();
}
/** Lets fake time pass (the controller's settle timer), running what becomes due, then flushes. */
async function wait(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await flush();
}

/** The helpdesk's own page changing (a route's content being swapped in). */
function pageChanges(text = 'Ticket B'): void {
  const section = document.createElement('section');
  section.textContent = text;
  document.body.replaceChildren(...[...document.body.children].filter((el) => el.localName === 'escalation-desk-panel'), section);
}

/** The page changes three times, each time staying quiet long enough for a waiting retry to run. */
async function pageKeepsChanging(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    pageChanges(`render ${i}`);
    await flush();
    await wait(SETTLE_MS);
  }
}

async function start() {
  const adapter = controlledAdapter();
  const background = fakeBackground();
  ctx = new ContentScriptContext('test');
  startContent(ctx, adapter.candidates);
  await flush();
  return { adapter, background };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  document.body.replaceChildren();
  openPage(ticketUrl('101'));
});

afterEach(async () => {
  ctx.abort();
  await flush();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('content script read retry', () => {
  it('starts one read and shows the panel as reading while it is in flight', async () => {
    const { adapter, background } = await start();
    expect(adapter.reads).toHaveLength(1);
    expect(panelState()).toBe('loading');
    expect(background.received.map((m) => m.type)).not.toContain('ticket.open');
    expect(background.received.map((m) => m.type)).not.toContain('ticket.problem');
  });

  it('retries a failed read when the page finished re-rendering while the read was in flight (A -> B -> A race)', async () => {
    const { adapter, background } = await start();
    const first = adapter.inFlight();

    pageChanges('Ticket A again'); // the swap ends while the read is in flight ...
    await flush();
    first.fail(); // ... the read then fails, and no mutation ever follows
    await flush();
    expect(panelState()).toBe('problem');
    expect(background.received.filter((m) => m.type === 'ticket.problem')).toHaveLength(1);

    await wait(SETTLE_MS - 1);
    expect(adapter.reads).toHaveLength(1); // the page gets its settle time first
    await wait(1);
    expect(adapter.reads).toHaveLength(2);

    adapter.inFlight().succeed();
    await flush();
    expect(panelState()).toBe('none'); // ready: a ticket without escalation
    expect(panelHost().shadowRoot!.querySelector('[data-testid="ticket-summary"]')?.textContent).toContain('Checkout fails with error 500');
    expect(background.received.filter((m) => m.type === 'ticket.open')).toHaveLength(1);
  });

  it('after a failed read on a quiet page, waits for a change and retries once the page has been quiet for the settle time', async () => {
    const { adapter } = await start();
    adapter.inFlight().fail();
    await flush();
    expect(panelState()).toBe('problem');

    await wait(5 * SETTLE_MS); // nothing changed: nothing to retry on (observe, never poll)
    expect(adapter.reads).toHaveLength(1);

    // The page keeps changing: every change postpones the retry (debounced).
    for (let i = 0; i < 4; i++) {
      pageChanges(`render ${i}`);
      await flush();
      await wait(SETTLE_MS - 50);
      expect(adapter.reads).toHaveLength(1);
    }
    await wait(49);
    expect(adapter.reads).toHaveLength(1);
    await wait(1); // quiet for SETTLE_MS since the last change
    expect(adapter.reads).toHaveLength(2);

    adapter.inFlight().succeed();
    await flush();
    expect(panelState()).toBe('none');
  });

  it('a character-data change of the page counts as a change too', async () => {
    const label = document.createElement('h1');
    label.textContent = 'Loading…';
    document.body.append(label);
    const { adapter } = await start();
    adapter.inFlight().fail();
    await flush();
    label.firstChild!.nodeValue = 'Checkout fails with error 500';
    await flush();
    await wait(SETTLE_MS);
    expect(adapter.reads).toHaveLength(2);
  });

  it('a read started by a change notice while a failed read waits for the page still earns its retry', async () => {
    const { adapter } = await start();
    adapter.inFlight().fail();
    await flush();

    // The background announces a change for this ticket: the session (still without a snapshot) reads again, and
    // the page keeps re-rendering during that read for longer than the settle time.
    const notice: ChangedNotice = { type: 'escalation-desk.changed', tickets: [{ site: 'zendesk', ticketId: '101' }], settings: false, outbox: false };
    await fakeBrowser.runtime.onMessage.trigger(notice, {});
    await flush();
    expect(adapter.reads).toHaveLength(2);
    const second = adapter.inFlight();
    pageChanges('re-render');
    await flush();
    await wait(2 * SETTLE_MS);
    second.fail();
    await flush();
    expect(panelState()).toBe('problem');

    await wait(SETTLE_MS);
    expect(adapter.reads).toHaveLength(3); // the page changed during the failed read: it is read again
    adapter.inFlight().succeed();
    await flush();
    expect(panelState()).toBe('none');
  });

  describe('placing our own panel host is not a page change', () => {
    it('during the read: no retry is armed by it', async () => {
      const anchor = document.createElement('div');
      anchor.setAttribute('data-ticket-header', '');
      document.body.append(anchor);
      const { adapter } = await start();
      const host = panelHost();
      expect(host.parentElement).toBe(anchor); // mounted at the adapter's anchor

      // While the read is in flight the page drops our host; the mount puts it back (only our host moves).
      host.remove();
      await flush();
      expect(panelHost().parentElement).toBe(anchor);
      document.body.append(host); // and moved by hand, as a re-placement would
      await flush();
      adapter.inFlight().fail();
      await flush();

      await wait(4 * SETTLE_MS);
      expect(adapter.reads).toHaveLength(1);
      expect(panelState()).toBe('problem');
    });

    it('after the failed read: moving our host does not trigger the retry, a page change does', async () => {
      const { adapter } = await start();
      adapter.inFlight().fail();
      await flush();
      const host = panelHost();
      const holder = document.createElement('div');
      document.body.append(holder);
      await flush();
      // The holder was a page change: let its retry run and fail, then watch only our host move.
      await wait(SETTLE_MS);
      expect(adapter.reads).toHaveLength(2);
      adapter.inFlight().fail();
      await flush();

      holder.prepend(host);
      await flush();
      document.body.append(host);
      await flush();
      await wait(4 * SETTLE_MS);
      expect(adapter.reads).toHaveLength(2);
      expect(panelState()).toBe('problem');

      pageChanges();
      await flush();
      await wait(SETTLE_MS);
      expect(adapter.reads).toHaveLength(3);
    });
  });

  describe('no read after the session ends', () => {
    it('the content script is invalidated while a retry is pending', async () => {
      const { adapter } = await start();
      adapter.inFlight().fail();
      await flush();
      pageChanges();
      await flush(); // retry armed
      ctx.abort();
      await flush();
      expect(panelState()).toBeNull(); // the panel is gone with the script

      await wait(4 * SETTLE_MS);
      pageChanges('later');
      await flush();
      await wait(4 * SETTLE_MS);
      expect(adapter.reads).toHaveLength(1);
    });

    it('the content script is invalidated while a failed read is in flight', async () => {
      const { adapter } = await start();
      const first = adapter.inFlight();
      pageChanges();
      await flush();
      ctx.abort();
      first.fail();
      await flush();
      await wait(4 * SETTLE_MS);
      expect(adapter.reads).toHaveLength(1);
      expect(panelState()).toBeNull();
    });

    it('the agent navigates to another ticket while a failed read is in flight: only the new ticket is read', async () => {
      const { adapter } = await start();
      const first = adapter.inFlight();
      history.pushState(null, '', `${TICKET_ORIGIN}/agent/tickets/202`);
      pageChanges('Ticket 202'); // the router swaps the content; the controller notices the new URL
      await flush();
      expect(adapter.readsOf('202')).toBe(1);
      expect(panelHost().getAttribute('data-ticket-id')).toBe('202');

      first.fail(); // the old ticket's read fails after its session ended: no retry for it
      await flush();
      pageChanges('Ticket 202, rendered');
      await flush();
      await wait(4 * SETTLE_MS);
      expect(adapter.readsOf('101')).toBe(1);
      expect(panelState()).toBe('loading'); // 202's read is still in flight; the old failure is not shown

      adapter.inFlight().succeed();
      await flush();
      expect(panelState()).toBe('none');
    });

    it('the agent navigates away from the ticket while a retry is pending', async () => {
      const { adapter } = await start();
      adapter.inFlight().fail();
      await flush();
      history.pushState(null, '', `${TICKET_ORIGIN}/agent/dashboard`);
      pageChanges('Dashboard');
      await flush();
      expect(panelState()).toBeNull();
      await wait(4 * SETTLE_MS);
      expect(adapter.reads).toHaveLength(1);
    });
  });

  describe('a successful read stops watching the page', () => {
    it('first read succeeds: later page changes cause no read', async () => {
      const { adapter } = await start();
      adapter.inFlight().succeed();
      await flush();
      expect(panelState()).toBe('none');
      await pageKeepsChanging();
      expect(adapter.reads).toHaveLength(1);
      expect(panelState()).toBe('none');
    });

    it('a read that succeeds while a failed one waits for the page to settle ends the waiting', async () => {
      const { adapter } = await start();
      adapter.inFlight().fail();
      await flush();
      expect(panelState()).toBe('problem');

      // The background announces a change for this ticket: the session (still without a snapshot) reads again.
      const notice: ChangedNotice = { type: 'escalation-desk.changed', tickets: [{ site: 'zendesk', ticketId: '101' }], settings: false, outbox: false };
      await fakeBrowser.runtime.onMessage.trigger(notice, {});
      await flush();
      expect(adapter.reads).toHaveLength(2);
      adapter.inFlight().succeed();
      await flush();
      expect(panelState()).toBe('none');

      await pageKeepsChanging();
      expect(adapter.reads).toHaveLength(2);
      expect(panelState()).toBe('none');
    });
  });
});

// Fault suite, the page side (issue 9), in Chromium:
// 1. The helpdesk changes its DOM under the panel (anchor removed, ticket container replaced by a copy of itself,
//    a field missing on a re-render): the panel comes back exactly once or names the problem, recovers when the
//    field is back, and no error reaches the page.
// 2. Script payloads in every ticket field and message, on each of the six helpdesks: nothing executes in the
//    helpdesk page, the panel, the popup or the options page, and the internal notes written back carry the payload
//    as text only (escaped for the helpdesks whose note APIs take HTML, literal for the plain-text ones).
// Notifications are plain text by API design (chrome.notifications has no markup); the background's call is
// checked at unit level in test/faults/notifications.test.ts.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../core/views';
import { HS_XSS_ID, HUBSPOT_PORTAL, HUBSPOT_VIEW } from '../simulator/helpdesks/hubspot';
import { SN_XSS_SYS_ID } from '../simulator/helpdesks/servicenow';
import { ZOHO_XSS_ID } from '../simulator/helpdesks/zoho';
import { eventually, launchExtension, type ExtensionSession } from './harness';
import { OptionsPage } from './pages/options';
import { PanelPage } from './pages/panel';
import { PopupPage } from './pages/popup';

const HOST = 'escalation-desk-panel';
const TICKET_URL = 'https://acme.zendesk.com/agent/tickets/101';
const ANCHOR = '[data-test-id="omni-header-via-label"]';
const WORKSPACE = '[data-side-conversations-anchor-id="101"]';
const SUBJECT = 'input[data-test-id="omni-header-subject"]';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
});

afterAll(async () => {
  await session?.close();
});

/** Where the one live host sits: 'anchor' (inside the workspace) or 'floating', and how many hosts exist. */
async function hostState(page: Page): Promise<{ hosts: number; live: number; inWorkspace: boolean; floating: boolean }> {
  return page.evaluate(
    (host, workspace) => {
      const all = [...document.querySelectorAll(host)];
      const live = all.filter((h) => h.shadowRoot);
      const one = live[0];
      return { hosts: all.length, live: live.length, inWorkspace: !!one?.closest(workspace), floating: !!one?.hasAttribute('data-floating') };
    },
    HOST,
    WORKSPACE,
  );
}

/** Counts every insertion of a panel host (with its shadow root) into the page from now on. */
async function countMounts(page: Page): Promise<void> {
  await page.evaluate((host) => {
    const w = window as unknown as { __mounts: number };
    w.__mounts = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && n.localName === host && n.shadowRoot) w.__mounts += 1;
    }).observe(document.documentElement, { childList: true, subtree: true });
  }, HOST);
}

const mounts = (page: Page) => page.evaluate(() => (window as unknown as { __mounts: number }).__mounts);
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe('the helpdesk page changes its DOM under the panel', () => {
  it('anchor removed: the panel comes back once, still showing the ticket status, no page error', { timeout: 30_000 }, async () => {
    const { page, errors } = await session.openHelpdesk(TICKET_URL);
    const panel = new PanelPage(page);
    await panel.waitForPanel();
    const before = await panel.waitForStatus(/no escalation/i);
    expect(await hostState(page)).toMatchObject({ hosts: 1, inWorkspace: true });
    await countMounts(page);

    await page.evaluate((anchor) => document.querySelector(anchor)!.remove(), ANCHOR);
    await page.waitForFunction((host) => !!document.querySelector(host)?.isConnected, { polling: 50 }, HOST);
    await settle();
    const after = await hostState(page);
    expect(after.hosts).toBe(1);
    expect(after.live).toBe(1);
    // The workspace still has its sidebar (the next anchor): the panel re-anchors there rather than floating.
    expect(after.inWorkspace || after.floating).toBe(true);
    expect(await mounts(page)).toBe(1);
    expect(await panel.status()).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ticket container replaced by a copy of itself: the panel re-mounts once, one host, no page error', { timeout: 30_000 }, async () => {
    const { page, errors } = await session.openHelpdesk(TICKET_URL);
    const panel = new PanelPage(page);
    await panel.waitForPanel();
    const before = await panel.waitForStatus(/no escalation/i);
    await countMounts(page);

    await page.evaluate((workspace) => {
      const old = document.querySelector(workspace)!;
      const holder = document.createElement('div');
      holder.innerHTML = old.outerHTML; // what a framework re-render from markup does: every node is new
      old.replaceWith(holder.firstElementChild!);
    }, WORKSPACE);
    await settle();
    const after = await hostState(page);
    expect(after).toMatchObject({ hosts: 1, live: 1, inWorkspace: true });
    expect(await mounts(page)).toBe(1);
    expect(await panel.status()).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('subject field missing on a re-render: the panel names the field, and recovers when the field is back', { timeout: 30_000 }, async () => {
    const { page, errors } = await session.openHelpdesk(TICKET_URL);
    const panel = new PanelPage(page);
    await panel.waitForPanel();
    await panel.waitForStatus(/no escalation/i);

    // The helpdesk's router renders the ticket again without its subject field: the SPA shell parses each route's
    // markup with DOMParser; strip the field there while the flag is set.
    await page.evaluate((subject) => {
      const w = window as unknown as { __stripSubject: boolean };
      w.__stripSubject = true;
      const parse = DOMParser.prototype.parseFromString;
      DOMParser.prototype.parseFromString = function (this: DOMParser, text: string, type: DOMParserSupportedType) {
        const doc = parse.call(this, text, type);
        if (w.__stripSubject) doc.querySelectorAll(subject).forEach((el) => el.remove());
        return doc;
      } as typeof parse;
    }, SUBJECT);
    await page.evaluate(() => (window as unknown as { __simNavigate(h: string): Promise<void> }).__simNavigate('/agent/dashboard'));
    await page.evaluate(() => (window as unknown as { __simNavigate(h: string): Promise<void> }).__simNavigate('/agent/tickets/101'));
    expect(await page.$(SUBJECT)).toBeNull();

    const problem = await panel.waitFor('adapter-problem');
    expect(await problem.evaluate((el) => el.getAttribute('data-problem-code'))).toBe('field-missing');
    expect(await problem.evaluate((el) => el.textContent ?? '')).toContain('subject');
    expect((await hostState(page)).hosts).toBe(1);

    // The field comes back (the helpdesk finishes rendering): the panel reads again once the DOM settles.
    await page.evaluate((anchor) => {
      const input = document.createElement('input');
      input.setAttribute('data-test-id', 'omni-header-subject');
      input.type = 'text';
      input.value = 'Charged twice for the November invoice';
      document.querySelector(anchor)!.before(input);
    }, `${WORKSPACE} ${ANCHOR}`);
    await panel.waitForStatus(/no escalation/i);
    expect(await panel.has('adapter-problem')).toBe(false);
    expect(await hostState(page)).toMatchObject({ hosts: 1, live: 1 });
    expect(errors).toEqual([]);
    await page.close();
  });
});

const PAYLOADS = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '<a href="javascript:window.__xss=3">click</a>'];
const REASON = `The customer wrote ${PAYLOADS.join(' ')} in every field`;

interface XssCase {
  readonly id: string;
  readonly url: string;
  readonly ticketId: string;
  /** The note text as the helpdesk API receives it, from the accepted write's JSON body. */
  readonly note: (body: Record<string, any>) => string | undefined;
  /** Does the note API take HTML (then `<` must arrive as `&lt;`) or plain text (then the text is literal)? */
  readonly html: boolean;
}

const XSS_CASES: readonly XssCase[] = [
  { id: 'zendesk', url: 'https://acme.zendesk.com/agent/tickets/666', ticketId: '666', note: (b) => b.ticket?.comment?.body, html: false },
  { id: 'freshdesk', url: 'https://acme.freshdesk.com/a/tickets/666', ticketId: '666', note: (b) => b.body, html: true },
  // Jira wiki text: the note is wrapped in {noformat}, which Jira shows literally.
  { id: 'jira', url: 'https://acme.atlassian.net/browse/SUP-666', ticketId: 'SUP-666', note: (b) => b.body, html: false },
  // ServiceNow journal fields are plain text (only [code] blocks carry HTML; the adapter neutralises them).
  { id: 'servicenow', url: `https://acme.service-now.com/incident.do?sys_id=${SN_XSS_SYS_ID}`, ticketId: SN_XSS_SYS_ID, note: (b) => b.work_notes, html: false },
  { id: 'zoho', url: `https://desk.zoho.com/agent/acme/all/tickets/details/${ZOHO_XSS_ID}`, ticketId: ZOHO_XSS_ID, note: (b) => b.content, html: true },
  { id: 'hubspot', url: `https://app.hubspot.com/help-desk/${HUBSPOT_PORTAL}/view/${HUBSPOT_VIEW}/ticket/${HS_XSS_ID}`, ticketId: HS_XSS_ID, note: (b) => b.properties?.hs_note_body, html: true },
];

/** Live markup from the payloads in a document or shadow root, and whether the payload's words are there as text. */
async function liveMarkup(page: Page, inPanel: boolean): Promise<{ xss: unknown; live: string[]; text: boolean }> {
  return page.evaluate(
    (host, panel) => {
      const root: Document | ShadowRoot | null | undefined = panel ? document.querySelector(host)?.shadowRoot : document;
      const live = root
        ? [...root.querySelectorAll('img[src="x"], [onerror], a[href^="javascript:" i], script')]
            .filter((el) => el.localName !== 'script' || (el.textContent ?? '').includes('__xss'))
            .map((el) => el.outerHTML.slice(0, 120))
        : ['no root'];
      const text = (panel ? root : document.body)?.textContent ?? '';
      return { xss: (window as unknown as { __xss?: unknown }).__xss, live, text: text.includes('window.__xss') };
    },
    HOST,
    inPanel,
  );
}

describe('script payloads in every ticket field and message', () => {
  const extensionErrors: string[] = [];

  describe.each(XSS_CASES)('$id', (c) => {
    it('nothing executes in the page, the panel or the popup; the note written back carries the payload as text', { timeout: 30_000 }, async () => {
      const { page, errors } = await session.openHelpdesk(c.url);
      const panel = new PanelPage(page);
      await panel.waitForPanel();
      const summary = await panel.waitFor('ticket-summary');
      // The panel read the payloads (subject and requester carry them) and shows them as text.
      expect(await summary.evaluate((el) => (el as HTMLElement).dataset.subject ?? '')).toMatch(/<img src=x onerror=/);
      await panel.requestEscalation({ reason: REASON, severity: 'S2', impact: 'team', actions: PAYLOADS[1] });
      await panel.waitForStatus(/awaiting manager decision/);
      const inPanel = await liveMarkup(page, true);
      expect(inPanel.live).toEqual([]);
      expect(inPanel.text).toBe(true);
      expect(inPanel.xss).toBeUndefined();

      const queue = await session.sendFromExtensionPage<{ ok: true; data: { items: QueueItem[] } }>({ type: 'queue.get' });
      const escalation = queue.data.items.find((i) => i.escalation.ticket.site === c.id && i.escalation.ticket.ticketId === c.ticketId)!.escalation;
      expect(escalation.subject).toMatch(/<img src=x/);

      const popupPage = await session.openExtensionPage('popup.html');
      popupPage.on('console', (m) => m.type() === 'error' && extensionErrors.push(`popup (${c.id}): ${m.text()}`));
      popupPage.on('pageerror', (e) => extensionErrors.push(`popup (${c.id}): ${String(e)}`));
      const popup = new PopupPage(popupPage);
      await popup.waitForQueueItem(escalation.id);
      const inQueue = await liveMarkup(popupPage, false);
      expect(inQueue).toEqual({ xss: undefined, live: [], text: true });
      await popup.openEscalation(escalation.id);
      const inDetail = await liveMarkup(popupPage, false);
      expect(inDetail).toEqual({ xss: undefined, live: [], text: true });

      // The request note reaches the helpdesk once; its text carries the payload only as text.
      const write = await eventually(
        () => session.simulator.acceptedWrites(c.id).find((w) => (w.body ?? '').includes('Escalation requested') && (w.body ?? '').includes('__xss')),
        { what: `${c.id} request note` },
      );
      const note = c.note(JSON.parse(write.body!));
      expect(typeof note, `${write.method} ${write.path}`).toBe('string');
      if (c.html) {
        expect(note).not.toMatch(/<(img|script|a)\b/i);
        expect(note).toContain('&lt;img src=x onerror=');
        expect(note).toContain('&lt;script&gt;window.__xss=2&lt;/script&gt;');
        expect(note).toContain('&lt;a href=');
      } else {
        expect(note).toContain(REASON);
      }

      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(errors).toEqual([]);
      await Promise.all([page.close(), popupPage.close()]);
    });
  });

  it('the options page shows the helpdesks\' health with nothing live; no extension page reported an error', { timeout: 20_000 }, async () => {
    const optionsPage = await session.openExtensionPage('options.html');
    optionsPage.on('console', (m) => m.type() === 'error' && extensionErrors.push(`options: ${m.text()}`));
    const options = new OptionsPage(optionsPage);
    await options.waitForLoad();
    await options.open('helpdesks');
    expect(await options.adapterIds()).toEqual(expect.arrayContaining(XSS_CASES.map((c) => c.id)));
    const state = await liveMarkup(optionsPage, false);
    expect(state.xss).toBeUndefined();
    expect(state.live).toEqual([]);
    // A blocked inline handler would show here as a CSP violation ("Refused to execute inline event handler").
    expect(extensionErrors).toEqual([]);
    await optionsPage.close();
  });
});

/// <reference types="vite/client" />
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureDocument, readFixture } from '../../test/fixtures';
import { HelpdeskSimulator } from '../../test/simulator';
import { simulatorFetch } from '../../test/simulator/fetch';
import { createZendeskSim, type ZendeskSim } from '../../test/simulator/helpdesks/zendesk';
import { TicketSnapshot } from '../../core/schemas';
import { HelpdeskWriteError, type AdapterContext, type HelpdeskAdapter } from '../types';
import { zendeskAdapter as adapter } from './index';
import { SELECTOR_EXPECTATIONS, ZENDESK } from './selectors';
import { examples } from './examples';
import { otherAdaptersExampleUrls } from '../examples';

const NOW = '2026-11-03T12:00:00.000Z';
const ORIGIN = 'https://acme.zendesk.com';

let simulator: HelpdeskSimulator;
let sim: ZendeskSim;
beforeEach(() => {
  sim = createZendeskSim({ now: () => new Date(NOW) });
  simulator = new HelpdeskSimulator([sim]);
});

function ctxFor(doc: Document, url: string): AdapterContext {
  return {
    document: doc,
    location: new URL(url),
    fetch: simulatorFetch(simulator, url, sim.session.cookie),
    readPageGlobals: async () => ({}),
    now: () => new Date(NOW),
  };
}
const parse = (page: string) => new DOMParser().parseFromString(page, 'text/html');
const simPage = (id: string) => parse(sim.renderTicketPage(id)!);

describe('URL detection', () => {
  it('claims its example tickets and rejects its non-ticket pages', () => {
    for (const { url, ticketId } of examples.tickets) expect(adapter.parseTicketUrl(new URL(url)), url).toBe(ticketId);
    for (const url of examples.nonTickets) expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
  });

  it('rejects the other adapters’ examples', () => {
    for (const url of otherAdaptersExampleUrls('zendesk')) expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
    for (const url of [
      'https://acme.freshdesk.com/a/tickets/201',
      'https://acme.atlassian.net/browse/SUP-301',
      'https://desk.zoho.com/agent/acme/support/tickets/details/123',
      'https://acme.zendesk.com/agent/tickets/abc',
    ]) {
      expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
    }
  });
});

describe('fixtures', () => {
  // The current-UI fixtures are the simulator's pages, so the simulator can never drift from them.
  // Regenerate after changing the simulator's markup: UPDATE_FIXTURES=1 npx vitest run adapters/zendesk
  const header = (what: string) =>
    `<!--\n  Models: Zendesk Support agent workspace, ${what}. Date: 2026-11. Confidence: H for data-test-id markers, M for\n  status/assignee/tags and the CSRF meta tag (research section 1); surrounding chrome is illustrative.\n  Generated from test/simulator/helpdesks/zendesk.ts; regenerate with UPDATE_FIXTURES=1 npx vitest run adapters/zendesk\n-->\n`;
  const generated: Array<[string, () => string]> = [
    ['ticket-2026-11.html', () => sim.renderTicketPage('101')!.replace('<!doctype html>\n', `<!doctype html>\n${header('ticket 101 active with 102 and 103 mounted but hidden (display:none); 101 has an internal note and a customer asking for a manager')}`)],
    ['views-list-2026-11.html', () => sim.renderViewPage().replace('<!doctype html>\n', `<!doctype html>\n${header('a view (ticket list), no ticket workspace')}`)],
  ];
  it.each(generated)('%s is the simulator’s page', (file, render) => {
    if (process.env.UPDATE_FIXTURES) writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', file), render());
    expect(readFixture('zendesk', file)).toBe(render());
  });

  it.each(SELECTOR_EXPECTATIONS.map((e) => [e.selector, e.fixture, e.count] as const))('%s matches in %s: %i', (selector, fixture, count) => {
    expect(fixtureDocument('zendesk', fixture).querySelectorAll(selector).length).toBe(count);
  });
});

describe('active workspace', () => {
  it('returns only the visible workspace of the ticket', () => {
    const doc = fixtureDocument('zendesk', 'ticket-2026-11.html');
    expect(adapter.activeTicketRoot(doc, '101')).toBe(doc.querySelector('[data-side-conversations-anchor-id="101"]'));
    expect(adapter.activeTicketRoot(doc, '102')).toBeNull(); // mounted but hidden
    expect(adapter.activeTicketRoot(doc, '999')).toBeNull();
  });

  it('is null when two workspaces are visible at once', () => {
    const doc = fixtureDocument('zendesk', 'ticket-2026-11.html');
    doc.querySelector<HTMLElement>('[data-side-conversations-anchor-id="102"]')!.style.display = '';
    expect(adapter.activeTicketRoot(doc, '101')).toBeNull();
  });

  it('ignores anchors nested inside the active workspace', () => {
    const doc = fixtureDocument('zendesk', 'ticket-2026-11.html');
    const root = doc.querySelector('[data-side-conversations-anchor-id="101"]')!;
    root.insertAdjacentHTML('beforeend', '<div data-side-conversations-anchor-id="101"><p>side conversation</p></div>');
    expect(adapter.activeTicketRoot(doc, '101')).toBe(root);
  });

  it('finds the legacy workspace and the mount anchors inside it', () => {
    const doc = fixtureDocument('zendesk', 'ticket-legacy-2024-06.html');
    const root = adapter.activeTicketRoot(doc, '102')!;
    expect(root).toBe(doc.querySelector('.workspace[data-ticket-id="102"]'));
    expect(root.querySelector(adapter.mountAnchors[0]!)?.textContent).toBe('Via web form');
  });
});

describe('read', () => {
  it('reads ticket 101 from the current fixture (DOM) and the API', async () => {
    const result = await adapter.read(ctxFor(fixtureDocument('zendesk', 'ticket-2026-11.html'), `${ORIGIN}/agent/tickets/101`), '101');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot).toEqual({
      ref: { site: 'zendesk', ticketId: '101', url: `${ORIGIN}/agent/tickets/101` },
      subject: 'Charged twice for the November invoice',
      requester: { name: 'Dana Whitfield', email: 'dana.whitfield@northwind.test' },
      status: 'Open',
      priority: { raw: 'Normal', level: 'normal' },
      assignee: 'Avery Agent',
      tags: ['billing', 'vip'],
      messages: [
        { id: '5001', author: 'Dana Whitfield', authorRole: 'customer', visibility: 'public', body: 'Hello, my card was charged twice for invoice INV-2026-1102. Please refund the duplicate charge.', createdAt: '2026-11-02T09:00:00.000Z' },
        { id: '5002', author: 'Avery Agent', authorRole: 'agent', visibility: 'public', body: 'Hi Dana, thanks for reporting this. I have asked our billing team to check the duplicate charge.', createdAt: '2026-11-02T10:30:00.000Z' },
        { id: '5003', author: 'Avery Agent', authorRole: 'agent', visibility: 'internal', body: 'Billing confirms two captures on the same card. The refund needs finance approval.', createdAt: '2026-11-02T10:32:00.000Z' },
        { id: '5004', author: 'Dana Whitfield', authorRole: 'customer', visibility: 'public', body: 'A whole day and still nothing. This is unacceptable. I want to speak to a manager, please escalate this.', createdAt: '2026-11-03T08:15:00.000Z' },
      ],
      createdAt: '2026-11-02T09:00:00.000Z',
      currentAgent: { name: 'Avery Agent', email: 'avery.agent@acme.test' },
      source: 'dom+api',
      readAt: NOW,
    });
    expect(result.health.every((h) => h.ok)).toBe(true);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background will check
    expect(result.health.find((h) => h.field === 'subject')).toEqual({ field: 'subject', ok: true, via: ZENDESK.subject[0], source: 'dom' });
  });

  it('reads ticket 102 from the legacy fixture', async () => {
    const result = await adapter.read(ctxFor(fixtureDocument('zendesk', 'ticket-legacy-2024-06.html'), `${ORIGIN}/agent/tickets/102`), '102');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot).toMatchObject({
      subject: 'How do I export reports to CSV?',
      requester: { name: 'Lee Okafor', email: 'lee.okafor@contoso.test' },
      status: 'Pending',
      priority: { raw: 'Low', level: 'low' },
      assignee: 'Sam Support',
      tags: ['reports'],
      createdAt: '2026-11-01T14:20:00.000Z',
    });
    expect(result.snapshot.messages.map((m) => [m.author, m.authorRole, m.visibility])).toEqual([
      ['Lee Okafor', 'customer', 'public'],
      ['Sam Support', 'agent', 'public'],
    ]);
    expect(result.health.find((h) => h.field === 'subject')?.via).toBe(ZENDESK.subject[1]);
    expect(result.health.find((h) => h.field === 'priority')?.via).toBe(ZENDESK.priority[1]);
  });

  it('reads the simulator’s own pages, including the custom domain, an unassigned ticket and no priority', async () => {
    const result = await adapter.read(ctxFor(simPage('103'), 'https://support.acme.test/agent/tickets/103'), '103');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot).toMatchObject({
      ref: { url: 'https://support.acme.test/agent/tickets/103' },
      status: 'New',
      priority: { raw: null, level: null },
      assignee: null,
      tags: [],
    });
    expect(result.health.filter((h) => !h.ok)).toEqual([]);
  });

  it('keeps script payloads as text', async () => {
    const result = await adapter.read(ctxFor(simPage('666'), `${ORIGIN}/agent/tickets/666`), '666');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot.subject).toBe('Refund <img src=x onerror="window.__xss=1">');
    expect(result.snapshot.requester.name).toBe('<script>window.__xss=2</script> Mallory');
    expect(result.snapshot.messages[1]!.body).toBe('Also <a href="javascript:window.__xss=3">click</a>');
  });

  it('follows comment pages and falls back to the API for fields the sidebar lost', async () => {
    const doc = simPage('101');
    doc.querySelector('[data-side-conversations-anchor-id="101"] [data-test-id="ticket-fields-tags"]')!.remove();
    const ctx = ctxFor(doc, `${ORIGIN}/agent/tickets/101`);
    const paged: typeof fetch = (input, init) => {
      const url = String(input);
      return ctx.fetch(url.includes('/comments.json') && !url.includes('per_page') ? `${url}&per_page=3` : url, init);
    };
    const result = await adapter.read({ ...ctx, fetch: paged }, '101');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot.messages).toHaveLength(4);
    expect(result.snapshot.tags).toEqual(['billing', 'vip']);
    expect(result.health.filter((h) => h.field === 'tags')).toEqual([
      { field: 'tags', ok: false, via: ZENDESK.tagsField[0], source: 'dom' },
      { field: 'tags', ok: true, via: '/api/v2/tickets/101.json tags', source: 'api' },
    ]);
  });

  it.each([
    ['subject', 'input[data-test-id="omni-header-subject"]'],
    ['requester', '[data-test-id="ticket-system-field-requester-select"]'],
  ])('refuses with a typed problem when the %s is gone', async (field, selector) => {
    const doc = fixtureDocument('zendesk', 'ticket-2026-11.html');
    doc.querySelector(`[data-side-conversations-anchor-id="101"] ${selector}`)!.remove();
    const result = await adapter.read(ctxFor(doc, `${ORIGIN}/agent/tickets/101`), '101');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ code: 'field-missing', field });
    expect(result.problem.message).not.toMatch(/Dana|Charged/);
  });

  it('refuses a hidden ticket as ambiguous', async () => {
    const result = await adapter.read(ctxFor(fixtureDocument('zendesk', 'ticket-2026-11.html'), `${ORIGIN}/agent/tickets/102`), '102');
    expect(result).toMatchObject({ ok: false, problem: { code: 'ambiguous-ticket', field: 'workspace' } });
  });

  it('reports API failures as problems without throwing', async () => {
    simulator.fail({ pathIncludes: '/comments.json', status: 500, times: 1 });
    const result = await adapter.read(ctxFor(fixtureDocument('zendesk', 'ticket-2026-11.html'), `${ORIGIN}/agent/tickets/101`), '101');
    expect(result).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
    if (!result.ok) expect(result.problem.message).toContain('HTTP 500');
  });
});

describe('actions', () => {
  const page = () => ctxFor(simPage('101'), `${ORIGIN}/agent/tickets/101`);

  it('adds an internal note with the CSRF token, as plain text', async () => {
    await adapter.actions.addInternalNote!(page(), '101', 'Escalation requested <b>by</b> Avery');
    const note = sim.tickets.get('101')!.messages.at(-1)!;
    expect(note).toMatchObject({ public: false, author: 'Avery Agent', body: 'Escalation requested <b>by</b> Avery', createdAt: NOW });
    const [write] = simulator.acceptedWrites('zendesk');
    expect(write).toMatchObject({ method: 'PUT', path: '/api/v2/tickets/101.json' });
    expect(write!.headers['x-csrf-token']).toBe(sim.session.csrfToken);
    expect(write!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(write!.body!)).toEqual({ ticket: { comment: { body: 'Escalation requested <b>by</b> Avery', public: false } } });
    expect(sim.tickets.get('101')!.repliesSent).toBe(0);
  });

  it('adds tags without replacing the others, and sets the priority', async () => {
    await adapter.actions.addTags!(page(), '101', ['escalated', 'billing']);
    expect(sim.tickets.get('101')!.tags).toEqual(['billing', 'vip', 'escalated']);
    await adapter.actions.setPriority!(page(), '101', 'urgent');
    expect(sim.tickets.get('101')!.priority).toBe('urgent');
    expect(simulator.acceptedWrites('zendesk').map((w) => `${w.method} ${w.path}`)).toEqual([
      'PUT /api/v2/tickets/101/tags.json',
      'PUT /api/v2/tickets/101.json',
    ]);
  });

  it('does not write without a CSRF token, and the simulator refuses a wrong one', async () => {
    const doc = simPage('101');
    doc.querySelector('meta[name="csrf-token"]')!.remove();
    const missing = await adapter.actions.setPriority!(ctxFor(doc, `${ORIGIN}/agent/tickets/101`), '101', 'high').catch((e) => e);
    expect(missing).toBeInstanceOf(HelpdeskWriteError);
    expect(missing).toMatchObject({ retryable: false, status: null });
    expect(simulator.log).toHaveLength(0);

    doc.head.insertAdjacentHTML('beforeend', '<meta name="csrf-token" content="stale">');
    const refused = await adapter.actions.setPriority!(ctxFor(doc, `${ORIGIN}/agent/tickets/101`), '101', 'high').catch((e) => e);
    expect(refused).toMatchObject({ status: 403, retryable: false });
    expect(sim.tickets.get('101')!.priority).toBe('normal');
  });

  it('classifies failures for the outbox', async () => {
    simulator.fail({ pathIncludes: '/api/v2/tickets/101', status: 429, retryAfterSeconds: 30, times: 1 });
    await expect(adapter.actions.addTags!(page(), '101', ['x'])).rejects.toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 30 });
    simulator.fail({ pathIncludes: '/api/v2/tickets/101', status: 503, times: 1 });
    await expect(adapter.actions.addTags!(page(), '101', ['x'])).rejects.toMatchObject({ status: 503, retryable: true });
    await expect(adapter.actions.addTags!(page(), '999', ['x'])).rejects.toMatchObject({ status: 404, retryable: false });
    simulator.fail({ pathIncludes: '/api/v2/tickets/101', status: 401, times: 1 });
    await expect(adapter.actions.addTags!(page(), '101', ['x'])).rejects.toMatchObject({ status: 401, retryable: false });
  });

  it('puts reply text into the active ticket’s editor only, never sending', () => {
    const ctx = ctxFor(fixtureDocument('zendesk', 'ticket-2026-11.html'), `${ORIGIN}/agent/tickets/101`);
    expect(adapter.actions.insertReply(ctx, 'Hello Dana,\nwe are on it.')).toEqual({ ok: true });
    const editors = Array.from(ctx.document.querySelectorAll(ZENDESK.editor[0]));
    expect(editors[0]!.textContent).toBe('Hello Dana,we are on it.');
    expect(editors.slice(1).map((e) => e.textContent)).toEqual(['', '']);
    expect(simulator.log).toHaveLength(0);
  });

  it('says why when there is no editor or no active ticket', () => {
    const doc = fixtureDocument('zendesk', 'ticket-2026-11.html');
    doc.querySelector('[data-side-conversations-anchor-id="101"] [data-test-id="editor-view"]')!.remove();
    expect(adapter.actions.insertReply(ctxFor(doc, `${ORIGIN}/agent/tickets/101`), 'x')).toMatchObject({ ok: false });
    expect(adapter.actions.insertReply(ctxFor(doc, `${ORIGIN}/agent/tickets/102`), 'x')).toMatchObject({ ok: false });
  });
});

describe('simulator', () => {
  const get = (url: string, headers: Record<string, string> = {}) => simulator.handle({ method: 'GET', url, headers, body: null });
  const put = (url: string, body: string | null, headers: Record<string, string> = { 'x-csrf-token': sim.session.csrfToken }) =>
    simulator.handle({ method: 'PUT', url, headers, body });

  it('renders script payloads escaped', () => {
    const doc = parse(get(`${ORIGIN}/agent/tickets/666`).body);
    expect(doc.querySelector('img[onerror]')).toBeNull();
    expect(doc.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(Array.from(doc.querySelectorAll('script')).some((s) => s.textContent?.includes('__xss'))).toBe(false);
    expect(doc.querySelector('[data-side-conversations-anchor-id="666"] [data-test-id="omni-header-subject"]')?.getAttribute('value')).toBe('Refund <img src=x onerror="window.__xss=1">');
    expect(doc.body.textContent).toContain('<a href="javascript:window.__xss=3">click</a>');
  });

  it('serves pages on both hosts, views, and 404 for unknown tickets', () => {
    expect(simulator.owns('https://support.acme.test/agent/tickets/101')).toBe(true);
    expect(get('https://support.acme.test/agent/tickets/101').status).toBe(200);
    expect(get(`${ORIGIN}/agent/tickets/102/events`).status).toBe(200);
    expect(parse(get(`${ORIGIN}/agent/filters/360094512`).body).querySelectorAll('a[data-sim-link][href^="/agent/tickets/"]').length).toBeGreaterThan(3);
    expect(get(`${ORIGIN}/agent/tickets/999`).status).toBe(404);
    expect(get(`${ORIGIN}/api/v2/tickets/999.json`).status).toBe(404);
  });

  it('answers bad JSON with 400 and invalid values with 422', () => {
    expect(put(`${ORIGIN}/api/v2/tickets/101.json`, '{nope').status).toBe(400);
    expect(put(`${ORIGIN}/api/v2/tickets/101.json`, '{"ticket":{"priority":"critical"}}').status).toBe(422);
    expect(put(`${ORIGIN}/api/v2/tickets/101.json`, '{"ticket":{"priority":"high"}}', {}).status).toBe(403);
  });

  it('replaces tags on POST and searches by tag', () => {
    simulator.handle({ method: 'POST', url: `${ORIGIN}/api/v2/tickets/102/tags.json`, headers: { 'x-csrf-token': sim.session.csrfToken }, body: '{"tags":["escalated"]}' });
    expect(sim.tickets.get('102')!.tags).toEqual(['escalated']);
    const found = JSON.parse(get(`${ORIGIN}/api/v2/search.json?query=${encodeURIComponent('type:ticket tags:escalated')}`).body);
    expect(found.results.map((t: { id: number }) => t.id)).toEqual([102]);
  });
});

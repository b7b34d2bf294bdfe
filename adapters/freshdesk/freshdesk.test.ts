/// <reference types="vite/client" />
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureDocument, readFixture } from '../../test/fixtures';
import { HelpdeskSimulator } from '../../test/simulator';
import { simulatorFetch } from '../../test/simulator/fetch';
import { createFreshdeskSim, type FreshdeskSim } from '../../test/simulator/helpdesks/freshdesk';
import { TicketSnapshot } from '../../core/schemas';
import { type AdapterContext, type HelpdeskAdapter } from '../types';
import { freshdeskAdapter as adapter } from './index';
import { FRESHDESK, SELECTOR_EXPECTATIONS } from './selectors';
import { examples } from './examples';
import { otherAdaptersExampleUrls } from '../examples';

const NOW = '2026-11-03T12:00:00.000Z';
const ORIGIN = 'https://acme.freshdesk.com';

let simulator: HelpdeskSimulator;
let sim: FreshdeskSim;
beforeEach(() => {
  sim = createFreshdeskSim({ now: () => new Date(NOW) });
  simulator = new HelpdeskSimulator([sim]);
});

function ctxFor(doc: Document, url: string, fetchImpl?: typeof fetch): AdapterContext {
  return {
    document: doc,
    location: new URL(url),
    fetch: fetchImpl ?? simulatorFetch(simulator, url, sim.session.cookie),
    readPageGlobals: async () => ({}),
    now: () => new Date(NOW),
  };
}
const parse = (page: string) => new DOMParser().parseFromString(page, 'text/html');
const ticketDoc = () => fixtureDocument('freshdesk', 'ticket-2026-11.html');

/** A fetch that lets a test rewrite the simulator's JSON answers (fields the API stopped sending). */
function tamperedFetch(url: string, tamper: (path: string, body: Record<string, unknown>) => void): typeof fetch {
  const inner = simulatorFetch(simulator, url, sim.session.cookie);
  return async (input, init) => {
    const response = await inner(input, init);
    const path = new URL(String(input), url).pathname;
    const body = (await response.json()) as Record<string, unknown>;
    tamper(path, body);
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };
}

describe('URL detection', () => {
  it('claims its example tickets and rejects its non-ticket pages', () => {
    for (const { url, ticketId } of examples.tickets) expect(adapter.parseTicketUrl(new URL(url)), url).toBe(ticketId);
    for (const url of examples.nonTickets) expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
  });

  it('rejects the other adapters’ examples', () => {
    for (const url of otherAdaptersExampleUrls('freshdesk')) expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
    expect(adapter.parseTicketUrl(new URL('https://acme.zendesk.com/a/tickets/201'))).toBeNull();
  });
});

describe('fixtures', () => {
  // Regenerate after changing the simulator's markup: UPDATE_FIXTURES=1 npx vitest run adapters/freshdesk
  const header = (what: string) =>
    `<!--\n  Models: Freshdesk agent portal (Ember), ${what}. Date: 2026-11. Confidence: M for the data-test-* markers and\n  classes, L for the CSRF meta tag (research section 2); contact and properties panels are shadow-DOM micro-frontends\n  (left empty here, as a static page shows them). Generated from test/simulator/helpdesks/freshdesk.ts; regenerate with\n  UPDATE_FIXTURES=1 npx vitest run adapters/freshdesk\n-->\n`;
  const generated: Array<[string, () => string]> = [
    ['ticket-2026-11.html', () => sim.renderTicketPage('201')!.replace('<!doctype html>\n', `<!doctype html>\n${header('ticket 201 with a private note, 2 of 4 conversations behind "load more", a customer asking for a supervisor, reply box open')}`)],
    ['views-list-2026-11.html', () => sim.renderListPage().replace('<!doctype html>\n', `<!doctype html>\n${header('the "All tickets" list, no ticket')}`)],
  ];
  it.each(generated)('%s is the simulator’s page', (file, render) => {
    if (process.env.UPDATE_FIXTURES) writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', file), render());
    expect(readFixture('freshdesk', file)).toBe(render());
  });

  it.each(SELECTOR_EXPECTATIONS.map((e) => [e.selector, e.fixture, e.count] as const))('%s matches in %s: %i', (selector, fixture, count) => {
    expect(fixtureDocument('freshdesk', fixture).querySelectorAll(selector).length).toBe(count);
  });
});

describe('read', () => {
  it('reads ticket 201 through the API, description first, including what the page hides', async () => {
    const doc = ticketDoc();
    expect(doc.querySelectorAll(FRESHDESK.conversationItem)).toHaveLength(3); // the page shows 3 of 5 messages
    const result = await adapter.read(ctxFor(doc, `${ORIGIN}/a/tickets/201`), '201');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot).toEqual({
      ref: { site: 'freshdesk', ticketId: '201', url: `${ORIGIN}/a/tickets/201` },
      subject: 'Order #4411 arrived damaged',
      requester: { name: 'Priya Raman', email: 'priya.raman@tailspin.test' },
      status: 'Open',
      priority: { raw: 'Medium', level: 'normal' },
      assignee: 'Avery Agent',
      tags: ['shipping', 'damaged'],
      messages: [
        { id: null, author: 'Priya Raman', authorRole: 'customer', visibility: 'public', body: 'My order #4411 arrived with a cracked screen. I need a replacement.', createdAt: '2026-11-01T08:00:00.000Z' },
        { id: '73000101', author: 'Avery Agent', authorRole: 'agent', visibility: 'public', body: 'Sorry to hear that, Priya. Could you send a photo of the damage?', createdAt: '2026-11-01T09:10:00.000Z' },
        { id: '73000102', author: 'Priya Raman', authorRole: 'customer', visibility: 'public', body: 'Photo attached. When will the replacement ship?', createdAt: '2026-11-01T11:45:00.000Z' },
        { id: '73000103', author: 'Avery Agent', authorRole: 'agent', visibility: 'internal', body: 'Warehouse says the replacement stock arrives next week; courier claim opened.', createdAt: '2026-11-01T12:00:00.000Z' },
        { id: '73000104', author: 'Priya Raman', authorRole: 'customer', visibility: 'public', body: 'I have asked twice now and nobody tells me anything. Please escalate this to a supervisor.', createdAt: '2026-11-03T07:30:00.000Z' },
      ],
      createdAt: '2026-11-01T08:00:00.000Z',
      currentAgent: { name: 'Avery Agent', email: 'avery.agent@acme.test' },
      source: 'api',
      readAt: NOW,
    });
    expect(result.health.every((h) => h.ok)).toBe(true);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background will check
  });

  it('reads ticket 202 on the legacy page, and an unassigned ticket', async () => {
    const legacy = await adapter.read(ctxFor(fixtureDocument('freshdesk', 'ticket-legacy-2024-06.html'), `${ORIGIN}/helpdesk/tickets/202`), '202');
    if (!legacy.ok) throw new Error(legacy.problem.message);
    expect(legacy.snapshot).toMatchObject({
      ref: { url: `${ORIGIN}/a/tickets/202` },
      subject: 'Change billing address',
      requester: { name: 'Marco Bellini', email: 'marco.bellini@adatum.test' },
      status: 'Pending',
      priority: { raw: 'Low', level: 'low' },
      assignee: 'Sam Support',
      tags: ['billing'],
    });
    expect(legacy.snapshot.messages.map((m) => [m.author, m.authorRole, m.visibility])).toEqual([
      ['Marco Bellini', 'customer', 'public'],
      ['Sam Support', 'agent', 'public'],
    ]);
    // The legacy page has no data-test-id description: health says so, the API read does not depend on it.
    expect(legacy.health.find((h) => h.field === 'conversation')).toMatchObject({ ok: false, via: FRESHDESK.description });

    const plain = await adapter.read(ctxFor(parse(sim.renderTicketPage('203')!), `${ORIGIN}/a/tickets/203`), '203');
    if (!plain.ok) throw new Error(plain.problem.message);
    expect(plain.snapshot).toMatchObject({ status: 'Open', priority: { raw: 'Low', level: 'low' }, assignee: null, tags: [] });
    expect(plain.snapshot.messages).toHaveLength(1);
  });

  it('follows the Link header across conversation pages', async () => {
    const paged: typeof fetch = (input, init) =>
      simulatorFetch(simulator, `${ORIGIN}/a/tickets/201`)(String(input).replace('per_page=100', 'per_page=2'), init);
    const result = await adapter.read(ctxFor(ticketDoc(), `${ORIGIN}/a/tickets/201`, paged), '201');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot.messages).toHaveLength(5);
    expect(simulator.log.filter((l) => l.path.includes('/conversations')).map((l) => l.path)).toEqual([
      '/api/v2/tickets/201/conversations?per_page=2',
      '/api/v2/tickets/201/conversations?per_page=2&page=2',
    ]);
  });

  it('keeps script payloads as text', async () => {
    const result = await adapter.read(ctxFor(parse(sim.renderTicketPage('666')!), `${ORIGIN}/a/tickets/666`), '666');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot.subject).toBe('Refund <img src=x onerror="window.__xss=1">');
    expect(result.snapshot.requester.name).toBe('<script>window.__xss=2</script> Mallory');
    expect(result.snapshot.messages.map((m) => m.body)).toEqual([
      'Look: <img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script>',
      'Also <a href="javascript:window.__xss=3">click</a>',
    ]);
  });

  it.each([
    ['subject', (body: Record<string, unknown>) => delete body.subject],
    ['requester', (body: Record<string, unknown>) => delete body.requester],
  ])('refuses with a typed problem when the API lost the %s', async (field, drop) => {
    const url = `${ORIGIN}/a/tickets/201`;
    const fetchImpl = tamperedFetch(url, (path, body) => {
      if (path === '/api/v2/tickets/201') drop(body);
    });
    const result = await adapter.read(ctxFor(ticketDoc(), url, fetchImpl), '201');
    expect(result).toMatchObject({ ok: false, problem: { code: 'field-missing', field } });
    if (!result.ok) expect(result.problem.message).not.toMatch(/Priya|Order/);
  });

  it('reports API failures as problems without throwing', async () => {
    simulator.fail({ pathIncludes: '/api/v2/tickets/201', status: 503, times: 1 });
    expect(await adapter.read(ctxFor(ticketDoc(), `${ORIGIN}/a/tickets/201`), '201')).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
    const result = await adapter.read(ctxFor(ticketDoc(), `${ORIGIN}/a/tickets/999`), '999');
    expect(result).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
    const broken: typeof fetch = async () => new Response('<html>Priya', { status: 200 });
    const garbled = await adapter.read(ctxFor(ticketDoc(), `${ORIGIN}/a/tickets/201`, broken), '201');
    expect(garbled).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
    expect(JSON.stringify(garbled)).not.toContain('Priya');
  });
});

describe('actions', () => {
  const page = () => ctxFor(ticketDoc(), `${ORIGIN}/a/tickets/201`);

  it('adds a private note as escaped HTML with the CSRF token', async () => {
    await adapter.actions.addInternalNote!(page(), '201', 'Escalated <img src=x> by Avery\nsecond line');
    expect(sim.tickets.get('201')!.messages.at(-1)).toMatchObject({ public: false, author: 'Avery Agent', body: 'Escalated <img src=x> by Avery\nsecond line', createdAt: NOW });
    const [write] = simulator.acceptedWrites('freshdesk');
    expect(write).toMatchObject({ method: 'POST', path: '/api/v2/tickets/201/notes', status: 201 });
    expect(write!.headers['x-csrf-token']).toBe(sim.session.csrfToken);
    expect(write!.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(JSON.parse(write!.body!)).toEqual({ body: '<p>Escalated &lt;img src=x&gt; by Avery</p><p>second line</p>', private: true });
  });

  it('merges tags into the existing list and maps priorities onto 1-4', async () => {
    await adapter.actions.addTags!(page(), '201', ['escalated', 'Shipping']);
    expect(sim.tickets.get('201')!.tags).toEqual(['shipping', 'damaged', 'escalated']);
    await adapter.actions.addTags!(page(), '201', ['escalated']); // nothing new: no write
    for (const [level, value] of [['urgent', '4'], ['high', '3'], ['normal', '2'], ['low', '1']] as const) {
      await adapter.actions.setPriority!(page(), '201', level);
      expect(sim.tickets.get('201')!.priority).toBe(value);
    }
    expect(simulator.acceptedWrites('freshdesk').map((w) => `${w.method} ${w.path} ${w.body}`)).toEqual([
      'PUT /api/v2/tickets/201 {"tags":["shipping","damaged","escalated"]}',
      'PUT /api/v2/tickets/201 {"priority":4}',
      'PUT /api/v2/tickets/201 {"priority":3}',
      'PUT /api/v2/tickets/201 {"priority":2}',
      'PUT /api/v2/tickets/201 {"priority":1}',
    ]);
  });

  it('is refused without the page’s token, and classifies failures', async () => {
    const doc = ticketDoc();
    doc.querySelector('meta[name="csrf-token"]')!.remove();
    await expect(adapter.actions.setPriority!(ctxFor(doc, `${ORIGIN}/a/tickets/201`), '201', 'urgent')).rejects.toMatchObject({ status: 401, retryable: false });
    expect(sim.tickets.get('201')!.priority).toBe('2');
    simulator.fail({ method: 'PUT', pathIncludes: '/api/v2/tickets/201', status: 429, retryAfterSeconds: 60, times: 1 });
    await expect(adapter.actions.setPriority!(page(), '201', 'urgent')).rejects.toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 60 });
    simulator.fail({ method: 'GET', pathIncludes: '/api/v2/tickets/201', status: 500, times: 1 });
    await expect(adapter.actions.addTags!(page(), '201', ['x'])).rejects.toMatchObject({ status: 500, retryable: true });
    await expect(adapter.actions.addInternalNote!(page(), '999', 'x')).rejects.toMatchObject({ status: 404, retryable: false });
  });

  it('puts reply text into the Froala editor and the legacy Redactor editor, never sending', () => {
    const ctx = page();
    expect(adapter.actions.insertReply(ctx, 'Hi Priya, a supervisor will call you today.')).toEqual({ ok: true });
    expect(ctx.document.querySelector(FRESHDESK.editor[0])!.textContent).toBe('Hi Priya, a supervisor will call you today.');
    const legacy = ctxFor(fixtureDocument('freshdesk', 'ticket-legacy-2024-06.html'), `${ORIGIN}/helpdesk/tickets/202`);
    expect(adapter.actions.insertReply(legacy, 'Hello')).toEqual({ ok: true });
    expect(legacy.document.querySelector(FRESHDESK.editor[1])!.textContent).toBe('Hello');
    expect(adapter.actions.insertReply(ctxFor(fixtureDocument('freshdesk', 'views-list-2026-11.html'), `${ORIGIN}/a/tickets/201`), 'x')).toMatchObject({ ok: false });
    expect(simulator.log).toHaveLength(0);
  });
});

describe('simulator', () => {
  const get = (url: string) => simulator.handle({ method: 'GET', url, headers: {}, body: null });
  const send = (method: string, url: string, body: string | null) =>
    simulator.handle({ method, url, headers: { 'x-csrf-token': sim.session.csrfToken, 'content-type': 'application/json' }, body });

  it('renders script payloads escaped', () => {
    const doc = parse(get(`${ORIGIN}/a/tickets/666`).body);
    expect(doc.querySelector('img[onerror]')).toBeNull();
    expect(doc.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(Array.from(doc.querySelectorAll('script')).some((s) => s.textContent?.includes('__xss'))).toBe(false);
    expect(doc.body.textContent).toContain('Refund <img src=x onerror="window.__xss=1">');
  });

  it('serves ticket pages, lists and 404s', () => {
    expect(get(`${ORIGIN}/a/tickets/202`).status).toBe(200);
    expect(get(`${ORIGIN}/helpdesk/tickets/202`).status).toBe(200);
    expect(get(`${ORIGIN}/a/tickets/filters/all_tickets`).status).toBe(200);
    expect(get(`${ORIGIN}/a/tickets/999`).status).toBe(404);
    expect(get(`${ORIGIN}/api/v2/tickets/999`).status).toBe(404);
  });

  it('validates writes like Freshdesk: 400 for bad JSON and invalid values', () => {
    expect(send('PUT', `${ORIGIN}/api/v2/tickets/201`, '{oops').status).toBe(400);
    expect(send('PUT', `${ORIGIN}/api/v2/tickets/201`, '{"priority":7}').status).toBe(400);
    expect(send('POST', `${ORIGIN}/api/v2/tickets/201/notes`, '{"body":""}').status).toBe(400);
  });

  it('searches tickets by tag', () => {
    send('PUT', `${ORIGIN}/api/v2/tickets/202`, '{"tags":["billing","escalated"]}');
    const found = JSON.parse(get(`${ORIGIN}/api/v2/search/tickets?query=${encodeURIComponent(`"tag:'escalated'"`)}`).body);
    expect(found).toMatchObject({ total: 1, results: [{ id: 202 }] });
  });
});

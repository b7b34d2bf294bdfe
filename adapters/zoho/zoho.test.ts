import { describe, expect, it } from 'vitest';
import { TicketSnapshot } from '../../core/schemas';
import { fixtureDocument, readFixture } from '../../test/fixtures';
import { HelpdeskSimulator } from '../../test/simulator';
import { simulatorFetch } from '../../test/simulator/fetch';
import {
  createZohoSim,
  ZOHO_ESCALATION_ID,
  ZOHO_LONG_ID,
  ZOHO_ORG_ID,
  ZOHO_ORIGIN,
  ZOHO_PLAIN_ID,
  ZOHO_XSS_ID,
  type ZohoSim,
} from '../../test/simulator/helpdesks/zoho';
import { BUILT_IN_ADAPTERS } from '../index';
import { addInternalNoteOnce, markedNote, noteMarker } from '../note-once';
import { HelpdeskWriteError, type AdapterContext } from '../types';
import { zohoAdapter, zohoNoteHtml } from './index';
import { SELECTOR_EXPECTATIONS } from './selectors';
import { examples } from './examples';
import { otherAdaptersExampleUrls } from '../examples';
import { simMessage } from '../../test/builders';

const url = (id: string) => `${ZOHO_ORIGIN}/agent/acme/all/tickets/details/${id}`;
const API = '/supportapi/zd/acme/api/v1';
const NOW = new Date('2026-11-03T10:00:00Z');

function setup(overrides: Record<string, string | null> = {}) {
  const simulator = new HelpdeskSimulator([createZohoSim()]);
  const sim = simulator.helpdesk<ZohoSim>('zoho');
  const globals: Record<string, string | null> = { 'desk_urls.orgId': ZOHO_ORG_ID, 'desk_urls.csrf_token': sim.session.csrfToken, ...overrides };
  const ctx = (page: string, doc: Document = fixtureDocument('zoho', 'ticket-2026-11.html')): AdapterContext => ({
    document: doc,
    location: new URL(page),
    fetch: simulatorFetch(simulator, page, sim.session.cookie),
    readPageGlobals: async (paths) => Object.fromEntries(paths.map((p) => [p, globals[p] ?? null])),
    now: () => NOW,
  });
  return { simulator, sim, ctx };
}

describe('Zoho Desk URL detection', () => {
  it('accepts its own ticket examples', () => {
    for (const { url: u, ticketId } of examples.tickets) expect(zohoAdapter.parseTicketUrl(new URL(u)), u).toBe(ticketId);
  });
  it("rejects its non-ticket examples and every other built-in adapter's examples", () => {
    const others = otherAdaptersExampleUrls('zoho');
    for (const u of [...examples.nonTickets, ...others]) expect(zohoAdapter.parseTicketUrl(new URL(u)), u).toBeNull();
  });
  it('claims the same path on a company domain (custom domain) but not on another helpdesk host', () => {
    expect(zohoAdapter.parseTicketUrl(new URL('https://helpdesk.example.com/agent/acme/all/tickets/details/1892000000888011'))).toBe('1892000000888011');
    expect(zohoAdapter.parseTicketUrl(new URL('https://acme.zendesk.com/agent/acme/all/tickets/details/1892000000888011'))).toBeNull();
  });
});

describe('Zoho Desk selectors', () => {
  it.each(SELECTOR_EXPECTATIONS)('$selector matches $count in $fixture', ({ selector, fixture, count }) => {
    expect(fixtureDocument('zoho', fixture).querySelectorAll(selector).length).toBe(count);
  });
  it('the simulator serves the fixtures structure', () => {
    const { simulator } = setup();
    const pages: Record<string, string> = {
      'ticket-2026-11.html': url(ZOHO_ESCALATION_ID),
      'ticket-long-2026-11.html': url(ZOHO_LONG_ID),
      'views-list-2026-11.html': `${ZOHO_ORIGIN}/agent/acme/all/tickets/list/all-tickets`,
    };
    for (const { selector, fixture, count } of SELECTOR_EXPECTATIONS) {
      const response = simulator.handle({ method: 'GET', url: pages[fixture]!, headers: {}, body: null });
      const doc = new DOMParser().parseFromString(response.body, 'text/html');
      expect(doc.querySelectorAll(selector).length, `${selector} in simulated ${fixture}`).toBe(count);
    }
  });
  it('fixtures are dated and say what they model', () => {
    for (const file of ['ticket-2026-11.html', 'ticket-long-2026-11.html', 'views-list-2026-11.html']) {
      expect(readFixture('zoho', file)).toMatch(/^<!DOCTYPE html>\n<!--\nZoho Desk [\s\S]*2026-11/);
    }
  });
});

describe('Zoho Desk read (same-origin API)', () => {
  it('reads ticket, full thread bodies, internal comments, tags and the agent', async () => {
    const { simulator, ctx } = setup();
    const result = await zohoAdapter.read(ctx(url(ZOHO_ESCALATION_ID)), ZOHO_ESCALATION_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    const s = result.snapshot;
    expect(s).toMatchObject({
      ref: { site: 'zoho', ticketId: ZOHO_ESCALATION_ID, url: url(ZOHO_ESCALATION_ID) },
      subject: 'Invoices are sent twice to our customers',
      requester: { name: 'Lena Fischer', email: 'lena.fischer@globex.example' },
      status: 'Open',
      priority: { raw: 'Medium', level: 'normal' },
      assignee: 'Priya Nair',
      tags: ['billing'],
      createdAt: '2026-11-02T08:00:00.000Z',
      currentAgent: { name: 'Priya Nair', email: 'priya.nair@acme.example' },
      source: 'api',
      readAt: NOW.toISOString(),
    });
    expect(s.messages.map((m) => [m.author, m.authorRole, m.visibility])).toEqual([
      ['Lena Fischer', 'customer', 'public'],
      ['Priya Nair', 'agent', 'public'],
      ['Priya Nair', 'agent', 'internal'],
      ['Lena Fischer', 'customer', 'public'],
    ]);
    expect(s.messages[0]!.body).toBe('Since the update every invoice goes out twice.\nOur customers are confused.');
    expect(s.messages[3]!.body).toBe('It is still happening. I want to speak to your manager, please escalate this ticket.');
    expect(s.messages[3]!.createdAt).toBe('2026-11-03T08:30:00.000Z');
    for (const entry of simulator.log) expect(entry.headers.orgid).toBe(ZOHO_ORG_ID);
    expect(result.health.find((h) => h.field === 'subject')).toEqual({ field: 'subject', ok: true, via: `${API}/tickets/${ZOHO_ESCALATION_ID}#subject`, source: 'api' });
  });

  it('pages a 60-thread conversation the page collapses', async () => {
    const { ctx } = setup();
    const result = await zohoAdapter.read(ctx(url(ZOHO_LONG_ID), fixtureDocument('zoho', 'ticket-long-2026-11.html')), ZOHO_LONG_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot.messages).toHaveLength(60);
    expect(result.snapshot.messages.at(-1)!.body).toBe('Thanks, logs for attempt 30 received.');
    expect(result.snapshot).toMatchObject({ status: 'On Hold', priority: { raw: 'High', level: 'high' }, tags: ['sync', 'large-account'] });
  });

  it('reads a ticket without tags or assignee (204 tag list) ', async () => {
    const { ctx } = setup();
    const result = await zohoAdapter.read(ctx(url(ZOHO_PLAIN_ID)), ZOHO_PLAIN_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot).toMatchObject({ assignee: null, tags: [], priority: { raw: 'Low', level: 'low' } });
  });

  it('reads script payloads as text; the simulated page renders them escaped', async () => {
    const { simulator, ctx } = setup();
    const page = simulator.handle({ method: 'GET', url: url(ZOHO_XSS_ID), headers: {}, body: null });
    const doc = new DOMParser().parseFromString(page.body, 'text/html');
    expect(doc.querySelector('img, a[href^="javascript"]')).toBeNull();
    expect([...doc.querySelectorAll('script')].some((s) => s.textContent!.includes('__xss'))).toBe(false);
    const result = await zohoAdapter.read(ctx(url(ZOHO_XSS_ID), doc), ZOHO_XSS_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot.subject).toBe('Broken <img src=x onerror="window.__xss=1"> export');
    expect(result.snapshot.requester.name).toBe('Mallory <img src=x onerror="window.__xss=1">');
    expect(result.snapshot.messages[0]!.body).toBe('<script>window.__xss=2</script> and <a href="javascript:window.__xss=3">click</a>');
  });

  it('without desk_urls.orgId the read is a typed problem naming it, and nothing is fetched', async () => {
    const { simulator, ctx } = setup({ 'desk_urls.orgId': null });
    const result = await zohoAdapter.read(ctx(url(ZOHO_ESCALATION_ID)), ZOHO_ESCALATION_ID);
    expect(result).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'orgId' } });
    expect(simulator.log).toHaveLength(0);
  });

  it('reads the org id from the alternative desk_urls names', async () => {
    const { ctx } = setup({ 'desk_urls.orgId': null, 'desk_urls.zdOrgId': ZOHO_ORG_ID });
    expect((await zohoAdapter.read(ctx(url(ZOHO_PLAIN_ID)), ZOHO_PLAIN_ID)).ok).toBe(true);
  });

  it('a field missing from the API answer is field-missing; an API failure api-failed; unknown ticket 404', async () => {
    const { simulator, sim, ctx } = setup();
    (sim.tickets.get(ZOHO_PLAIN_ID) as { status?: string }).status = undefined;
    expect(await zohoAdapter.read(ctx(url(ZOHO_PLAIN_ID)), ZOHO_PLAIN_ID)).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'status' } });
    simulator.fail({ pathIncludes: '/threads', status: 500, times: 1 });
    const failed = await zohoAdapter.read(ctx(url(ZOHO_ESCALATION_ID)), ZOHO_ESCALATION_ID);
    expect(failed).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
    expect(JSON.stringify(failed)).not.toContain('Invoices');
    expect(await zohoAdapter.read(ctx(url('1892000000000000')), '1892000000000000')).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
  });
});

describe('Zoho Desk actions', () => {
  it('adds a private comment with orgId and X-ZCSRF-TOKEN: crmcsrfparam=<token>, escaping markup', async () => {
    const { simulator, sim, ctx } = setup();
    await zohoAdapter.actions.addInternalNote!(ctx(url(ZOHO_ESCALATION_ID)), ZOHO_ESCALATION_ID, 'Approved.\nCustomer wrote: <script>x()</script>');
    const write = simulator.acceptedWrites('zoho')[0]!;
    expect(write).toMatchObject({ method: 'POST', path: `${API}/tickets/${ZOHO_ESCALATION_ID}/comments` });
    expect(write.headers).toMatchObject({ orgid: ZOHO_ORG_ID, 'x-zcsrf-token': `crmcsrfparam=${sim.session.csrfToken}` });
    expect(JSON.parse(write.body!)).toEqual({
      content: '<p>Approved.</p><p>Customer wrote: &lt;script&gt;x()&lt;/script&gt;</p>',
      contentType: 'html',
      isPublic: false,
    });
    expect(sim.tickets.get(ZOHO_ESCALATION_ID)!.messages.at(-1)).toMatchObject({ public: false, body: 'Approved.\nCustomer wrote: <script>x()</script>' });
  });

  it('truncates long notes under the byte limit', () => {
    const html = zohoNoteHtml('ü'.repeat(40_000));
    expect(new TextEncoder().encode(html).length).toBeLessThanOrEqual(30_000);
    expect(html).toContain('[truncated]');
  });

  it('sets priority by name and associates tags', async () => {
    const { sim, ctx } = setup();
    await zohoAdapter.actions.setPriority!(ctx(url(ZOHO_PLAIN_ID)), ZOHO_PLAIN_ID, 'high');
    expect(sim.tickets.get(ZOHO_PLAIN_ID)!.priority).toBe('High');
    await zohoAdapter.actions.setPriority!(ctx(url(ZOHO_PLAIN_ID)), ZOHO_PLAIN_ID, 'urgent');
    expect(sim.tickets.get(ZOHO_PLAIN_ID)!.priority).toBe('High');
    await zohoAdapter.actions.addTags!(ctx(url(ZOHO_ESCALATION_ID)), ZOHO_ESCALATION_ID, ['escalated', 'billing', 'escalated']);
    expect(sim.tickets.get(ZOHO_ESCALATION_ID)!.tags).toEqual(['billing', 'escalated']);
  });

  it('simulator refuses a raw token with 422, a wrong one with 401; the adapter reports them non-retryable', async () => {
    const { simulator, sim, ctx } = setup({ 'desk_urls.csrf_token': 'stale-token' });
    await expect(zohoAdapter.actions.setPriority!(ctx(url(ZOHO_PLAIN_ID)), ZOHO_PLAIN_ID, 'high')).rejects.toMatchObject({ status: 401, retryable: false });
    const raw = simulator.handle({
      method: 'PATCH',
      url: `${ZOHO_ORIGIN}${API}/tickets/${ZOHO_PLAIN_ID}`,
      headers: { orgid: ZOHO_ORG_ID, 'x-zcsrf-token': sim.session.csrfToken },
      body: '{"priority":"High"}',
    });
    expect(raw.status).toBe(422);
    const noOrg = simulator.handle({ method: 'GET', url: `${ZOHO_ORIGIN}${API}/tickets/${ZOHO_PLAIN_ID}`, headers: {}, body: null });
    expect(noOrg.status).toBe(400);
    const badJson = simulator.handle({
      method: 'PATCH',
      url: `${ZOHO_ORIGIN}${API}/tickets/${ZOHO_PLAIN_ID}`,
      headers: { orgid: ZOHO_ORG_ID, 'x-zcsrf-token': `crmcsrfparam=${sim.session.csrfToken}` },
      body: '{',
    });
    expect(badJson.status).toBe(400);
    expect(sim.tickets.get(ZOHO_PLAIN_ID)!.priority).toBe('Low');
  });

  it('search by tag finds tagged tickets', () => {
    const { simulator } = setup();
    const found = simulator.handle({ method: 'GET', url: `${ZOHO_ORIGIN}${API}/tickets/search?tag=billing`, headers: { orgid: ZOHO_ORG_ID }, body: null });
    expect(JSON.parse(found.body).data.map((t: { id: string }) => t.id)).toEqual([ZOHO_ESCALATION_ID]);
  });

  it('429 retryable with Retry-After; missing token fails before any request', async () => {
    const { simulator, ctx } = setup();
    simulator.fail({ method: 'POST', pathIncludes: '/associateTag', status: 429, retryAfterSeconds: 12, times: 1 });
    await expect(zohoAdapter.actions.addTags!(ctx(url(ZOHO_PLAIN_ID)), ZOHO_PLAIN_ID, ['x'])).rejects.toMatchObject({ retryable: true, retryAfterSeconds: 12 });
    const none = setup({ 'desk_urls.csrf_token': null });
    await expect(zohoAdapter.actions.addTags!(none.ctx(url(ZOHO_PLAIN_ID)), ZOHO_PLAIN_ID, ['x'])).rejects.toMatchObject({ retryable: false, status: null });
    expect(none.simulator.log).toHaveLength(0);
  });

  it('puts reply text into the modelled editor without sending; no editor -> not ok', () => {
    const { ctx } = setup();
    const doc = fixtureDocument('zoho', 'ticket-2026-11.html');
    let clicked = false;
    doc.querySelector('[data-id="sendButton"]')!.addEventListener('click', () => (clicked = true));
    expect(zohoAdapter.actions.insertReply(ctx(url(ZOHO_ESCALATION_ID), doc), 'Hello Lena,\n\nwe escalated this.')).toEqual({ ok: true });
    expect(doc.querySelector('[data-id="replyEditor"]')!.textContent).toContain('we escalated this.');
    expect(clicked).toBe(false);
    expect(zohoAdapter.actions.insertReply(ctx(url(ZOHO_ESCALATION_ID), fixtureDocument('zoho', 'views-list-2026-11.html')), 'x')).toMatchObject({ ok: false });
  });
});

describe('Zoho Desk: a note is written at most once', () => {
  const KEY = '3f0c9a52-7d1e-4b8e-9a51-0c2d6e7f8a90#1:note';
  const ID = ZOHO_ESCALATION_ID;
  const actions = () => ({ addInternalNote: zohoAdapter.actions.addInternalNote!, internalNoteBodies: zohoAdapter.actions.internalNoteBodies! });
  const privateNotes = (sim: ZohoSim) => sim.tickets.get(ID)!.messages.filter((m) => !m.public);

  it('lists the private comments as text (orgId only, no CSRF header on a read), and never the threads', async () => {
    const { simulator, sim, ctx } = setup();
    const bodies = await zohoAdapter.actions.internalNoteBodies!(ctx(url(ID)), ID);
    expect(privateNotes(sim).length).toBeGreaterThan(0);
    expect(bodies).toEqual(privateNotes(sim).map((m) => m.body));
    const reads = simulator.log.filter((e) => e.path.startsWith(`${API}/tickets/${ID}/comments`));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.method === 'GET' && e.headers.orgid === ZOHO_ORG_ID && e.headers['x-zcsrf-token'] === undefined)).toBe(true);
    expect(simulator.log.some((e) => e.path.includes('/threads'))).toBe(false);
  });

  it('a private comment already carrying the marker: nothing is written', async () => {
    const { simulator, sim, ctx } = setup();
    sim.tickets.get(ID)!.messages.push(simMessage(false, markedNote('[Escalation Desk] Escalation requested by Avery.', KEY), '1892000000999001'));
    const before = privateNotes(sim).length;
    await expect(addInternalNoteOnce(actions(), ctx(url(ID)), ID, '[Escalation Desk] Escalation requested by Avery.', KEY)).resolves.toBe('already-there');
    expect(privateNotes(sim)).toHaveLength(before);
    expect(simulator.acceptedWrites('zoho')).toEqual([]);
  });

  it('writes once with the marker; an answer lost after Zoho saved the comment is not written again on retry', async () => {
    const { simulator, sim, ctx } = setup();
    const before = privateNotes(sim).length;
    simulator.fail({ pathIncludes: `/tickets/${ID}/comments`, writesOnly: true, applyFirst: true, status: 502, times: 1 });
    const lost = await addInternalNoteOnce(actions(), ctx(url(ID)), ID, 'Escalation requested.', KEY).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(HelpdeskWriteError);
    expect(lost).toMatchObject({ status: 502, retryable: true });
    expect(privateNotes(sim)).toHaveLength(before + 1);
    expect(privateNotes(sim).at(-1)!.body).toContain(noteMarker(KEY));

    await expect(addInternalNoteOnce(actions(), ctx(url(ID)), ID, 'Escalation requested.', KEY)).resolves.toBe('already-there');
    expect(privateNotes(sim)).toHaveLength(before + 1);
    await expect(addInternalNoteOnce(actions(), ctx(url(ID)), ID, 'Escalation approved.', KEY.replace('#1:', '#2:'))).resolves.toBe('written');
    expect(privateNotes(sim)).toHaveLength(before + 2);
  });

  it('the marker in a public thread or a public comment does not count: the private comment is written', async () => {
    const { sim, simulator, ctx } = setup();
    sim.tickets.get(ID)!.messages.push(simMessage(true, `Quoting you: ${noteMarker(KEY)}`, '1892000000999002'));
    // The simulator keeps no public comments: add one to the comments list as Zoho would return it.
    const base = ctx(url(ID));
    const withPublicComment: AdapterContext = {
      ...base,
      fetch: async (input, init) => {
        const response = await base.fetch(input, init);
        if ((init?.method ?? 'GET') !== 'GET' || !String(input).includes('/comments?')) return response;
        const data = response.status === 204 ? [] : ((await response.json()) as { data: unknown[] }).data;
        const publicComment = { id: '1892000000999003', content: `<div>${noteMarker(KEY)}</div>`, contentType: 'html', isPublic: true, commentedTime: '2026-11-03T09:05:00.000Z' };
        return Response.json({ data: String(input).includes('from=0&') ? [...data, publicComment] : data });
      },
    };
    expect(await zohoAdapter.actions.internalNoteBodies!(withPublicComment, ID)).not.toContain(noteMarker(KEY));
    const before = privateNotes(sim).length;
    await expect(addInternalNoteOnce(actions(), withPublicComment, ID, 'Escalation requested.', KEY)).resolves.toBe('written');
    expect(privateNotes(sim)).toHaveLength(before + 1);
    expect(simulator.acceptedWrites('zoho')).toHaveLength(1);
  });

  it('when the comments cannot be read nothing is written: 500 and a list-less answer are retried, 401 waits, no orgId fails', async () => {
    const { simulator, sim, ctx } = setup();
    const before = privateNotes(sim).length;
    simulator.fail({ method: 'GET', pathIncludes: `/tickets/${ID}/comments`, status: 500, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(url(ID)), ID, 'x', KEY)).rejects.toMatchObject({ name: 'HelpdeskWriteError', status: 500, retryable: true });
    simulator.clearFaults();
    simulator.fail({ method: 'GET', pathIncludes: `/tickets/${ID}/comments`, status: 401, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(url(ID)), ID, 'x', KEY)).rejects.toMatchObject({ status: 401, retryable: false });
    simulator.clearFaults();
    const base = ctx(url(ID));
    const listless: AdapterContext = { ...base, fetch: async (input, init) => (String(input).includes('/comments?') ? Response.json({ message: 'maintenance' }) : base.fetch(input, init)) };
    await expect(addInternalNoteOnce(actions(), listless, ID, 'x', KEY)).rejects.toMatchObject({ name: 'HelpdeskWriteError', retryable: true });
    const noOrg = setup({ 'desk_urls.orgId': null });
    await expect(addInternalNoteOnce(actions(), noOrg.ctx(url(ID)), ID, 'x', KEY)).rejects.toMatchObject({ retryable: false });
    expect(noOrg.simulator.log).toEqual([]);
    expect(privateNotes(sim)).toHaveLength(before);
    expect(simulator.log.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('a note shortened to fit the size limit keeps its reference line last, so it is still found on retry', () => {
    const html = zohoNoteHtml(markedNote('ü'.repeat(40_000), KEY));
    expect(new TextEncoder().encode(html).length).toBeLessThanOrEqual(30_000);
    expect(html.endsWith(`<p>[truncated]</p><p><br></p><p>${noteMarker(KEY)}</p>`)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { TicketSnapshot } from '../../core/schemas';
import { fixtureDocument, readFixture } from '../../test/fixtures';
import { HelpdeskSimulator } from '../../test/simulator';
import { simulatorFetch } from '../../test/simulator/fetch';
import {
  createHubSpotSim,
  HS_ESCALATION_ID,
  HS_FORM_ID,
  HS_PLAIN_ID,
  HS_XSS_ID,
  HUBSPOT_ORIGIN,
  HUBSPOT_PORTAL,
  HUBSPOT_VIEW,
  type HubSpotSim,
} from '../../test/simulator/helpdesks/hubspot';
import { BUILT_IN_ADAPTERS } from '../index';
import { addInternalNoteOnce, markedNote, noteMarker } from '../note-once';
import { HelpdeskWriteError, type AdapterContext } from '../types';
import { hubSpotAdapter } from './index';
import { SELECTOR_EXPECTATIONS } from './selectors';
import { examples } from './examples';
import { otherAdaptersExampleUrls } from '../examples';
import { simMessage } from '../../test/builders';

const helpDeskUrl = (id: string) => `${HUBSPOT_ORIGIN}/help-desk/${HUBSPOT_PORTAL}/view/${HUBSPOT_VIEW}/ticket/${id}`;
const recordUrl = (id: string) => `${HUBSPOT_ORIGIN}/contacts/${HUBSPOT_PORTAL}/record/0-5/${id}`;
const NOW = new Date('2026-11-03T10:00:00Z');

/** A fixture document whose cookie jar is exactly `cookie` (the page's non-HttpOnly cookies). */
function docWithCookie(fixture: string, cookie: string): Document {
  const doc = fixtureDocument('hubspot', fixture);
  Object.defineProperty(doc, 'cookie', { get: () => cookie, configurable: true });
  return doc;
}

function setup() {
  const simulator = new HelpdeskSimulator([createHubSpotSim()]);
  const sim = simulator.helpdesk<HubSpotSim>('hubspot');
  const cookie = `hubspotutk=abc; hubspotapi-csrf=${sim.session.csrfToken}`;
  const ctx = (page: string, doc: Document = docWithCookie('help-desk-ticket-2026-11.html', cookie)): AdapterContext => ({
    document: doc,
    location: new URL(page),
    fetch: simulatorFetch(simulator, page, sim.session.cookie),
    readPageGlobals: async () => ({}),
    now: () => NOW,
  });
  return { simulator, sim, ctx, cookie };
}

describe('HubSpot URL detection', () => {
  it('accepts its own ticket examples', () => {
    for (const { url, ticketId } of examples.tickets) expect(hubSpotAdapter.parseTicketUrl(new URL(url)), url).toBe(ticketId);
  });
  it("rejects its non-ticket examples and every other built-in adapter's examples", () => {
    const others = otherAdaptersExampleUrls('hubspot');
    for (const url of [...examples.nonTickets, ...others]) expect(hubSpotAdapter.parseTicketUrl(new URL(url)), url).toBeNull();
  });
});

describe('HubSpot selectors', () => {
  it.each(SELECTOR_EXPECTATIONS)('$selector matches $count in $fixture', ({ selector, fixture, count }) => {
    expect(fixtureDocument('hubspot', fixture).querySelectorAll(selector).length).toBe(count);
  });
  it('the simulator serves the fixtures structure and sets the CSRF cookie', () => {
    const { simulator, sim } = setup();
    const pages: Record<string, string> = {
      'help-desk-ticket-2026-11.html': helpDeskUrl(HS_ESCALATION_ID),
      'record-ticket-2026-11.html': recordUrl(HS_ESCALATION_ID),
      'views-list-2026-11.html': `${HUBSPOT_ORIGIN}/help-desk/${HUBSPOT_PORTAL}/view/${HUBSPOT_VIEW}`,
    };
    for (const { selector, fixture, count } of SELECTOR_EXPECTATIONS) {
      const response = simulator.handle({ method: 'GET', url: pages[fixture]!, headers: {}, body: null });
      expect(response.headers?.['set-cookie']).toContain(`hubspotapi-csrf=${sim.session.csrfToken}`);
      const doc = new DOMParser().parseFromString(response.body, 'text/html');
      expect(doc.querySelectorAll(selector).length, `${selector} in simulated ${fixture}`).toBe(count);
    }
  });
  it('fixtures are dated and say what they model', () => {
    for (const file of ['help-desk-ticket-2026-11.html', 'record-ticket-2026-11.html', 'views-list-2026-11.html']) {
      expect(readFixture('hubspot', file)).toMatch(/^<!DOCTYPE html>\n<!--\nHubSpot [\s\S]*2026-11/);
    }
  });
  it('mounts on the record sidebar or the help-desk sidebar', () => {
    for (const fixture of ['record-ticket-2026-11.html', 'help-desk-ticket-2026-11.html']) {
      const doc = fixtureDocument('hubspot', fixture);
      expect(hubSpotAdapter.mountAnchors.some((a) => doc.querySelector(a)), fixture).toBe(true);
    }
  });
});

describe('HubSpot read (same-origin /api)', () => {
  it('reads ticket, contact, owner, stage label, thread messages and notes', async () => {
    const { simulator, sim, ctx } = setup();
    const result = await hubSpotAdapter.read(ctx(helpDeskUrl(HS_ESCALATION_ID)), HS_ESCALATION_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    const s = result.snapshot;
    expect(s).toMatchObject({
      ref: { site: 'hubspot', ticketId: HS_ESCALATION_ID, url: helpDeskUrl(HS_ESCALATION_ID) },
      subject: 'Data export stuck at 0% for our whole team',
      requester: { name: 'Maya Chen', email: 'maya.chen@globex.example' },
      status: 'Waiting on us',
      priority: { raw: 'MEDIUM', level: 'normal' },
      assignee: 'Jordan Lee',
      tags: ['vip'],
      createdAt: '2026-11-02T08:20:00.000Z',
      currentAgent: null,
      source: 'api',
      readAt: NOW.toISOString(),
    });
    expect(s.messages.map((m) => [m.author, m.authorRole, m.visibility, m.createdAt])).toEqual([
      ['Maya Chen', 'customer', 'public', '2026-11-02T08:20:00.000Z'],
      ['Jordan Lee', 'agent', 'public', '2026-11-02T09:00:00.000Z'],
      ['Jordan Lee', 'agent', 'internal', '2026-11-02T09:40:00.000Z'],
      ['Maya Chen', 'customer', 'public', '2026-11-03T08:10:00.000Z'],
    ]);
    expect(s.messages[3]!.body).toBe('Still nothing. Please escalate this to your manager, we cannot wait any longer.');
    expect(s.messages[2]!.body).toBe('Export queue for this portal is paused; asked platform team to resume.');
    for (const entry of simulator.log) {
      expect(new URL(entry.url).searchParams.get('portalId')).toBe(HUBSPOT_PORTAL);
      expect(entry.headers['x-hubspot-csrf-hubspotapi']).toBe(sim.session.csrfToken);
    }
  });

  it('reads a form ticket without a thread from its description, on the record page', async () => {
    const { ctx, cookie } = setup();
    const result = await hubSpotAdapter.read(ctx(recordUrl(HS_FORM_ID), docWithCookie('record-ticket-2026-11.html', cookie)), HS_FORM_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot).toMatchObject({ status: 'New', priority: { raw: 'HIGH', level: 'high' }, assignee: 'Sofia Marquez', tags: [] });
    expect(result.snapshot.messages).toEqual([
      { id: null, author: 'Ada Brook', authorRole: 'customer', visibility: 'public', body: 'We need 200 requests per second for the migration next week.', createdAt: '2026-11-01T12:00:00.000Z' },
    ]);
  });

  it('keeps the raw stage id when the pipelines API refuses, and says so in health', async () => {
    const { simulator, ctx } = setup();
    simulator.fail({ pathIncludes: '/pipelines/', status: 403, times: 1 });
    const result = await hubSpotAdapter.read(ctx(helpDeskUrl(HS_PLAIN_ID)), HS_PLAIN_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot.status).toBe('1');
    expect(result.health.find((h) => h.field === 'status.label')).toMatchObject({ ok: false });
  });

  it('reads script payloads as text; the simulated page renders them escaped', async () => {
    const { simulator, ctx, cookie } = setup();
    const page = simulator.handle({ method: 'GET', url: helpDeskUrl(HS_XSS_ID), headers: {}, body: null });
    const doc = new DOMParser().parseFromString(page.body, 'text/html');
    expect(doc.querySelector('img, a[href^="javascript"]')).toBeNull();
    expect([...doc.querySelectorAll('script')].some((s) => s.textContent!.includes('__xss'))).toBe(false);
    Object.defineProperty(doc, 'cookie', { get: () => cookie });
    const result = await hubSpotAdapter.read(ctx(helpDeskUrl(HS_XSS_ID), doc), HS_XSS_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot.subject).toBe('Broken <img src=x onerror="window.__xss=1"> export');
    expect(result.snapshot.requester.name).toBe('Mallory <img src=x onerror="window.__xss=1">');
    expect(result.snapshot.messages[0]!.body).toBe('<script>window.__xss=2</script> and <a href="javascript:window.__xss=3">click</a>');
  });

  it('missing fields and API failures are typed problems', async () => {
    const { simulator, sim, ctx } = setup();
    sim.extras.get(HS_PLAIN_ID)!.contactId = null;
    expect(await hubSpotAdapter.read(ctx(helpDeskUrl(HS_PLAIN_ID)), HS_PLAIN_ID)).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'requester' } });
    simulator.fail({ pathIncludes: '/conversations/v3/', status: 500, times: 1 });
    const failed = await hubSpotAdapter.read(ctx(helpDeskUrl(HS_ESCALATION_ID)), HS_ESCALATION_ID);
    expect(failed).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
    expect(JSON.stringify(failed)).not.toContain('Data export');
    expect(await hubSpotAdapter.read(ctx(helpDeskUrl('1')), '1')).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
  });
});

describe('HubSpot actions', () => {
  it('adds a note associated with the ticket (228), escaped, with the CSRF header', async () => {
    const { simulator, sim, ctx } = setup();
    await hubSpotAdapter.actions.addInternalNote!(ctx(helpDeskUrl(HS_ESCALATION_ID)), HS_ESCALATION_ID, 'Escalation approved.\n<b>not bold</b>');
    const write = simulator.acceptedWrites('hubspot')[0]!;
    expect(write).toMatchObject({ method: 'POST', path: `/api/crm/v3/objects/notes?portalId=${HUBSPOT_PORTAL}` });
    expect(write.headers['x-hubspot-csrf-hubspotapi']).toBe(sim.session.csrfToken);
    expect(JSON.parse(write.body!)).toEqual({
      properties: { hs_note_body: '<p>Escalation approved.</p><p>&lt;b&gt;not bold&lt;/b&gt;</p>', hs_timestamp: NOW.toISOString() },
      associations: [{ to: { id: HS_ESCALATION_ID }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 228 }] }],
    });
    expect(sim.tickets.get(HS_ESCALATION_ID)!.messages.at(-1)).toMatchObject({ public: false, body: 'Escalation approved.\n<b>not bold</b>' });
  });

  it('sets hs_ticket_priority', async () => {
    const { sim, ctx } = setup();
    for (const [level, value] of [['urgent', 'URGENT'], ['high', 'HIGH'], ['normal', 'MEDIUM'], ['low', 'LOW']] as const) {
      await hubSpotAdapter.actions.setPriority!(ctx(helpDeskUrl(HS_PLAIN_ID)), HS_PLAIN_ID, level);
      expect(sim.tickets.get(HS_PLAIN_ID)!.priority).toBe(value);
    }
  });

  it('tags through the escalation_tags multi-checkbox, adding missing options first; idempotent', async () => {
    const { simulator, sim, ctx } = setup();
    await hubSpotAdapter.actions.addTags!(ctx(helpDeskUrl(HS_ESCALATION_ID)), HS_ESCALATION_ID, ['escalated', 'exec-visibility']);
    expect(sim.tagOptions).toEqual(['vip', 'escalated', 'exec-visibility']);
    expect(sim.tickets.get(HS_ESCALATION_ID)!.tags).toEqual(['vip', 'escalated', 'exec-visibility']);
    const writes = simulator.acceptedWrites().length;
    await hubSpotAdapter.actions.addTags!(ctx(helpDeskUrl(HS_ESCALATION_ID)), HS_ESCALATION_ID, ['escalated']);
    expect(simulator.acceptedWrites().length).toBe(writes);
    const search = simulator.handle({
      method: 'POST',
      url: `${HUBSPOT_ORIGIN}/api/crm/v3/objects/tickets/search?portalId=${HUBSPOT_PORTAL}`,
      headers: { 'x-hubspot-csrf-hubspotapi': sim.session.csrfToken },
      body: JSON.stringify({ filterGroups: [{ filters: [{ propertyName: 'escalation_tags', operator: 'CONTAINS_TOKEN', value: 'escalated' }] }] }),
    });
    expect(JSON.parse(search.body).results.map((r: { id: string }) => r.id)).toEqual([HS_ESCALATION_ID]);
  });

  it('a missing escalation_tags property is a clear non-retryable error', async () => {
    const { sim, ctx } = setup();
    sim.tagOptions = null;
    await expect(hubSpotAdapter.actions.addTags!(ctx(helpDeskUrl(HS_PLAIN_ID)), HS_PLAIN_ID, ['escalated'])).rejects.toMatchObject({
      status: 404,
      retryable: false,
      message: expect.stringContaining('escalation_tags'),
    });
  });

  it('retries a 403 once (stale token after idle), then gives up non-retryable', async () => {
    const { simulator, sim, ctx } = setup();
    simulator.fail({ method: 'PATCH', pathIncludes: '/objects/tickets/', status: 403, times: 1 });
    await hubSpotAdapter.actions.setPriority!(ctx(helpDeskUrl(HS_PLAIN_ID)), HS_PLAIN_ID, 'high');
    expect(sim.tickets.get(HS_PLAIN_ID)!.priority).toBe('HIGH');
    const stale = `hubspotapi-csrf=expired`;
    await expect(hubSpotAdapter.actions.setPriority!(ctx(helpDeskUrl(HS_PLAIN_ID), docWithCookie('help-desk-ticket-2026-11.html', stale)), HS_PLAIN_ID, 'low')).rejects.toMatchObject({
      status: 403,
      retryable: false,
    });
    expect(simulator.log.filter((e) => e.status === 403)).toHaveLength(3);
  });

  it('without the cookie nothing is sent; the simulator refuses writes without the header (403) and bad JSON (400)', async () => {
    const { simulator, ctx } = setup();
    await expect(hubSpotAdapter.actions.addInternalNote!(ctx(helpDeskUrl(HS_PLAIN_ID), docWithCookie('help-desk-ticket-2026-11.html', '')), HS_PLAIN_ID, 'x')).rejects.toMatchObject({ status: null, retryable: false });
    expect(simulator.log).toHaveLength(0);
    const base = `${HUBSPOT_ORIGIN}/api/crm/v3/objects/tickets/${HS_PLAIN_ID}?portalId=${HUBSPOT_PORTAL}`;
    expect(simulator.handle({ method: 'PATCH', url: base, headers: {}, body: '{"properties":{}}' }).status).toBe(403);
    expect(simulator.handle({ method: 'PATCH', url: base, headers: { 'x-hubspot-csrf-hubspotapi': setup().sim.session.csrfToken }, body: '{' }).status).toBe(400);
  });

  it('429 and 5xx are retryable', async () => {
    const { simulator, ctx } = setup();
    simulator.fail({ method: 'POST', pathIncludes: '/objects/notes', status: 429, retryAfterSeconds: 7, times: 1 });
    await expect(hubSpotAdapter.actions.addInternalNote!(ctx(helpDeskUrl(HS_PLAIN_ID)), HS_PLAIN_ID, 'x')).rejects.toMatchObject({ retryable: true, retryAfterSeconds: 7 });
    simulator.fail({ method: 'POST', pathIncludes: '/objects/notes', status: 503, times: 1 });
    await expect(hubSpotAdapter.actions.addInternalNote!(ctx(helpDeskUrl(HS_PLAIN_ID)), HS_PLAIN_ID, 'x')).rejects.toMatchObject({ retryable: true });
  });

  it('puts reply text in the help-desk composer, never sending; the record page has none', () => {
    const { ctx, cookie } = setup();
    const doc = docWithCookie('help-desk-ticket-2026-11.html', cookie);
    let sent = false;
    doc.querySelector('[data-test-id="send-button"]')!.addEventListener('click', () => (sent = true));
    expect(hubSpotAdapter.actions.insertReply(ctx(helpDeskUrl(HS_ESCALATION_ID), doc), 'Hi Maya,\nwe escalated this.')).toEqual({ ok: true });
    expect(doc.querySelector('[data-test-id="communicator"] [contenteditable="true"]')!.textContent).toContain('we escalated this.');
    expect(sent).toBe(false);
    expect(hubSpotAdapter.actions.insertReply(ctx(recordUrl(HS_ESCALATION_ID), docWithCookie('record-ticket-2026-11.html', cookie)), 'x')).toMatchObject({ ok: false });
  });
});

describe('HubSpot: a note is written at most once', () => {
  const KEY = '3f0c9a52-7d1e-4b8e-9a51-0c2d6e7f8a90#1:note';
  const ID = HS_ESCALATION_ID;
  const actions = () => ({ addInternalNote: hubSpotAdapter.actions.addInternalNote!, internalNoteBodies: hubSpotAdapter.actions.internalNoteBodies! });
  const notes = (sim: HubSpotSim) => sim.tickets.get(ID)!.messages.filter((m) => !m.public);

  it('lists the notes associated with the ticket as text, and never the conversation’s messages', async () => {
    const { simulator, sim, ctx } = setup();
    const bodies = await hubSpotAdapter.actions.internalNoteBodies!(ctx(helpDeskUrl(ID)), ID);
    expect(notes(sim).length).toBeGreaterThan(0);
    expect(bodies).toEqual(notes(sim).map((m) => m.body));
    expect(simulator.log.map((e) => `${e.method} ${e.path.split('?')[0]}`)).toEqual([
      `GET /api/crm/v3/objects/tickets/${ID}`,
      'POST /api/crm/v3/objects/notes/batch/read',
    ]);
    expect(simulator.log[1]!.headers['x-hubspot-csrf-hubspotapi']).toBe(sim.session.csrfToken);
  });

  it('a ticket without notes lists none, with one request', async () => {
    const { simulator, ctx } = setup();
    await expect(hubSpotAdapter.actions.internalNoteBodies!(ctx(helpDeskUrl(HS_PLAIN_ID)), HS_PLAIN_ID)).resolves.toEqual([]);
    expect(simulator.log).toHaveLength(1);
  });

  it('a note already carrying the marker: nothing is written', async () => {
    const { simulator, sim, ctx } = setup();
    sim.tickets.get(ID)!.messages.push(simMessage(false, markedNote('[Escalation Desk] Escalation requested by Avery.', KEY), '740009001'));
    const before = notes(sim).length;
    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, '[Escalation Desk] Escalation requested by Avery.', KEY)).resolves.toBe('already-there');
    expect(notes(sim)).toHaveLength(before);
    expect(simulator.acceptedWrites('hubspot').filter((e) => !e.path.includes('/batch/read'))).toEqual([]);
  });

  it('writes once with the marker; an answer lost after HubSpot saved the note is not written again on retry', async () => {
    const { simulator, sim, ctx } = setup();
    const before = notes(sim).length;
    // The create and the batch read share a path prefix: the fault is armed for the create only.
    const create = simulator.fail({ pathIncludes: '/api/crm/v3/objects/notes', method: 'POST', applyFirst: true, status: 502, times: 0 });
    const page = ctx(helpDeskUrl(ID));
    const faultOnCreate: AdapterContext = {
      ...page,
      fetch: async (input, init) => {
        create.times = String(input).includes('/batch/read') ? 0 : 1;
        return page.fetch(input, init);
      },
    };
    const lost = await addInternalNoteOnce(actions(), faultOnCreate, ID, 'Escalation requested.', KEY).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(HelpdeskWriteError);
    expect(lost).toMatchObject({ status: 502, retryable: true });
    expect(notes(sim)).toHaveLength(before + 1);
    expect(notes(sim).at(-1)!.body).toBe(`Escalation requested.\n\n${noteMarker(KEY)}`);
    simulator.clearFaults();

    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, 'Escalation requested.', KEY)).resolves.toBe('already-there');
    expect(notes(sim)).toHaveLength(before + 1);
    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, 'Escalation approved.', KEY.replace('#1:', '#2:'))).resolves.toBe('written');
    expect(notes(sim)).toHaveLength(before + 2);
  });

  it('the marker in a conversation message does not count: the note is written', async () => {
    const { sim, ctx } = setup();
    sim.tickets.get(ID)!.messages.push(simMessage(true, `Quoting you: ${noteMarker(KEY)}`, '740009002'));
    const before = notes(sim).length;
    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, 'Escalation requested.', KEY)).resolves.toBe('written');
    expect(notes(sim)).toHaveLength(before + 1);
  });

  it('when the notes cannot be read nothing is written: 500 is retried, 401 waits, a stale CSRF token is retried once', async () => {
    const { simulator, sim, ctx } = setup();
    const before = notes(sim).length;
    const noteWrites = () => simulator.log.filter((e) => e.method !== 'GET' && !e.path.includes('/batch/read'));
    simulator.fail({ method: 'GET', pathIncludes: `/crm/v3/objects/tickets/${ID}`, status: 500, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, 'x', KEY)).rejects.toMatchObject({ name: 'HelpdeskWriteError', status: 500, retryable: true });
    simulator.clearFaults();
    simulator.fail({ pathIncludes: '/notes/batch/read', status: 503, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, 'x', KEY)).rejects.toMatchObject({ status: 503, retryable: true });
    simulator.clearFaults();
    simulator.fail({ method: 'GET', pathIncludes: `/crm/v3/objects/tickets/${ID}`, status: 401, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, 'x', KEY)).rejects.toMatchObject({ status: 401, retryable: false });
    simulator.clearFaults();
    simulator.fail({ pathIncludes: '/notes/batch/read', status: 403, times: 2 });
    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, 'x', KEY)).rejects.toMatchObject({ status: 403, retryable: false });
    expect(notes(sim)).toHaveLength(before);
    expect(noteWrites()).toEqual([]);
    // One stale-token 403, then the token read again works: the check goes through and the note is written.
    simulator.clearFaults();
    simulator.fail({ pathIncludes: '/notes/batch/read', status: 403, times: 1 });
    await expect(addInternalNoteOnce(actions(), ctx(helpDeskUrl(ID)), ID, 'x', KEY)).resolves.toBe('written');
    expect(notes(sim)).toHaveLength(before + 1);
  });

  it('without the CSRF cookie the notes are not read and nothing is written', async () => {
    const { simulator, ctx } = setup();
    const page = ctx(helpDeskUrl(ID), docWithCookie('help-desk-ticket-2026-11.html', 'hubspotutk=abc'));
    await expect(addInternalNoteOnce(actions(), page, ID, 'x', KEY)).rejects.toMatchObject({ name: 'HelpdeskWriteError', retryable: false });
    expect(simulator.log.filter((e) => e.method !== 'GET')).toEqual([]);
  });
});

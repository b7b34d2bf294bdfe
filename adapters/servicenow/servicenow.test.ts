import { describe, expect, it } from 'vitest';
import { TicketSnapshot } from '../../core/schemas';
import { fixtureDocument, readFixture } from '../../test/fixtures';
import { HelpdeskSimulator } from '../../test/simulator';
import { simulatorFetch } from '../../test/simulator/fetch';
import {
  createServiceNowSim,
  SERVICENOW_ORIGIN,
  SN_ESCALATION_SYS_ID,
  SN_PLAIN_SYS_ID,
  SN_XSS_SYS_ID,
  type ServiceNowSim,
} from '../../test/simulator/helpdesks/servicenow';
import { BUILT_IN_ADAPTERS } from '../index';
import { addInternalNoteOnce, markedNote, noteMarker } from '../note-once';
import { HelpdeskWriteError, type AdapterContext } from '../types';
import { neutraliseJournalMarkup, serviceNowAdapter } from './index';
import { SELECTOR_EXPECTATIONS } from './selectors';
import { examples } from './examples';
import { otherAdaptersExampleUrls } from '../examples';
import { simMessage } from '../../test/builders';

const FORM_URL = `${SERVICENOW_ORIGIN}/incident.do?sys_id=${SN_ESCALATION_SYS_ID}`;
const SOW_URL = `${SERVICENOW_ORIGIN}/now/sow/record/incident/${SN_ESCALATION_SYS_ID}`;
const NOW = new Date('2026-11-03T10:00:00Z');

function setup(globals: Record<string, string | null> = {}) {
  const simulator = new HelpdeskSimulator([createServiceNowSim()]);
  const sim = simulator.helpdesk<ServiceNowSim>('servicenow');
  const all: Record<string, string | null> = { g_ck: sim.session.csrfToken, ...globals };
  const ctx = (doc: Document, url: string): AdapterContext => ({
    document: doc,
    location: new URL(url),
    fetch: simulatorFetch(simulator, url, sim.session.cookie),
    readPageGlobals: async (paths) => Object.fromEntries(paths.map((p) => [p, all[p] ?? null])),
    now: () => NOW,
  });
  return { simulator, sim, ctx };
}

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
async function simPage(simulator: HelpdeskSimulator, url: string): Promise<Document> {
  const response = simulator.handle({ method: 'GET', url, headers: {}, body: null });
  expect(response.status).toBe(200);
  return parse(response.body);
}

describe('ServiceNow URL detection', () => {
  it('accepts its own ticket examples with their sys_id', () => {
    for (const { url, ticketId } of examples.tickets) {
      expect(serviceNowAdapter.parseTicketUrl(new URL(url)), url).toBe(ticketId);
    }
  });
  it("rejects its non-ticket examples and every other built-in adapter's examples", () => {
    const others = otherAdaptersExampleUrls('servicenow');
    for (const url of [...examples.nonTickets, ...others]) {
      expect(serviceNowAdapter.parseTicketUrl(new URL(url)), url).toBeNull();
    }
  });
  it('does not take a sys_id from an absolute URL smuggled into nav_to.do', () => {
    const url = `${SERVICENOW_ORIGIN}/nav_to.do?uri=${encodeURIComponent(`https://evil.example/incident.do?sys_id=${SN_PLAIN_SYS_ID}`)}`;
    expect(serviceNowAdapter.parseTicketUrl(new URL(url))).toBeNull();
  });
});

describe('ServiceNow selectors', () => {
  it.each(SELECTOR_EXPECTATIONS)('$selector matches $count in $fixture', ({ selector, fixture, count }) => {
    expect(fixtureDocument('servicenow', fixture).querySelectorAll(selector).length).toBe(count);
  });
  it('the simulator serves the fixtures structure', async () => {
    const { simulator } = setup();
    const pages: Record<string, string> = {
      'incident-form-2026-11.html': FORM_URL,
      'sow-record-2026-11.html': SOW_URL,
      'incident-list-2026-11.html': `${SERVICENOW_ORIGIN}/incident_list.do`,
    };
    for (const { selector, fixture, count } of SELECTOR_EXPECTATIONS) {
      const doc = await simPage(simulator, pages[fixture]!);
      expect(doc.querySelectorAll(selector).length, `${selector} in the simulated ${fixture}`).toBe(count);
    }
  });
  it('the fixtures carry a dated comment saying what they model', () => {
    for (const file of ['incident-form-2026-11.html', 'sow-record-2026-11.html', 'incident-list-2026-11.html']) {
      expect(readFixture('servicenow', file)).toMatch(/^<!DOCTYPE html>\n<!--\nServiceNow [\s\S]*2026-11/);
    }
  });
});

describe('ServiceNow read', () => {
  it('reads the classic form from its fields and the journal, tags and caller e-mail from the Table API', async () => {
    const { ctx } = setup();
    const result = await serviceNowAdapter.read(ctx(fixtureDocument('servicenow', 'incident-form-2026-11.html'), FORM_URL), SN_ESCALATION_SYS_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    const s = result.snapshot;
    expect(s.ref).toEqual({ site: 'servicenow', ticketId: SN_ESCALATION_SYS_ID, url: FORM_URL });
    expect(s.subject).toBe('Payment gateway timeouts for EU customers');
    expect(s.requester).toEqual({ name: 'Dana Whitfield', email: 'dana.whitfield@globex.example' });
    expect(s.status).toBe('In Progress');
    expect(s.priority).toEqual({ raw: '3 - Moderate', level: 'normal' });
    expect(s.assignee).toBe('Beth Anglin');
    expect(s.tags).toEqual(['payments']);
    expect(s.createdAt).toBe('2026-11-02T08:05:00.000Z');
    expect(s.currentAgent).toEqual({ name: 'Beth Anglin', email: 'beth.anglin@acme.example' });
    expect(s.source).toBe('dom+api');
    expect(s.readAt).toBe(NOW.toISOString());
    expect(s.messages.map((m) => [m.author, m.authorRole, m.visibility, m.createdAt])).toEqual([
      ['Dana Whitfield', 'customer', 'public', '2026-11-02T08:05:00.000Z'],
      ['beth.anglin', 'agent', 'public', '2026-11-02T09:30:00.000Z'],
      ['beth.anglin', 'agent', 'internal', '2026-11-02T11:00:00.000Z'],
      ['Dana Whitfield', 'customer', 'public', '2026-11-03T08:45:00.000Z'],
    ]);
    expect(s.messages.at(-1)!.body).toBe('This has cost us a full day of sales. Please escalate this to a manager today.');
    expect(s.messages[0]!.id).toBe('a0e1f2d3c4b5a6978877665544332211');
    expect(result.health.find((h) => h.field === 'subject')).toEqual({ field: 'subject', ok: true, via: 'input[id="incident.short_description"]', source: 'dom' });
    expect(result.health.find((h) => h.field === 'messages')).toMatchObject({ ok: true, via: '/api/now/table/sys_journal_field', source: 'api' });
  });

  it('reads a workspace (SOW) record entirely from the API', async () => {
    const { ctx } = setup();
    const result = await serviceNowAdapter.read(ctx(fixtureDocument('servicenow', 'sow-record-2026-11.html'), SOW_URL), SN_ESCALATION_SYS_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot).toMatchObject({
      subject: 'Payment gateway timeouts for EU customers',
      requester: { name: 'Dana Whitfield', email: 'dana.whitfield@globex.example' },
      status: 'In Progress',
      priority: { raw: '3 - Moderate', level: 'normal' },
      assignee: 'Beth Anglin',
      source: 'api',
    });
    expect(result.snapshot.messages).toHaveLength(4);
    expect(result.health.find((h) => h.field === 'subject')).toMatchObject({ source: 'api', via: `/api/now/table/incident/${SN_ESCALATION_SYS_ID}#short_description` });
  });

  it('reads script payloads as plain text, and the simulated page shows them escaped', async () => {
    const { simulator, ctx } = setup();
    const url = `${SERVICENOW_ORIGIN}/incident.do?sys_id=${SN_XSS_SYS_ID}`;
    const doc = await simPage(simulator, url);
    expect(doc.querySelector('img, a[href^="javascript"]')).toBeNull();
    expect([...doc.querySelectorAll('script')].some((s) => s.textContent!.includes('__xss'))).toBe(false);
    const result = await serviceNowAdapter.read(ctx(doc, url), SN_XSS_SYS_ID);
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot.requester.name).toBe('Mallory <img src=x onerror="window.__xss=1">');
    expect(result.snapshot.subject).toContain('<img src=x onerror="window.__xss=1">');
    expect(result.snapshot.messages[0]!.body).toContain('<script>window.__xss=2</script>');
    expect(result.snapshot.priority).toEqual({ raw: '4 - Low', level: 'low' });
    expect(result.snapshot.assignee).toBe('Fred Luddy');
  });

  it('a removed form field is a typed problem naming the field, not a throw', async () => {
    const { ctx } = setup();
    const doc = fixtureDocument('servicenow', 'incident-form-2026-11.html');
    doc.querySelector('select[id="incident.state"]')!.remove();
    const result = await serviceNowAdapter.read(ctx(doc, FORM_URL), SN_ESCALATION_SYS_ID);
    expect(result).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'status', selector: 'select[id="incident.state"] option[selected]' } });
    expect(result.health.find((h) => h.field === 'status')).toMatchObject({ ok: false });
  });

  it('an API failure is an api-failed problem without ticket text', async () => {
    const { simulator, ctx } = setup();
    simulator.fail({ pathIncludes: '/sys_journal_field', status: 500, times: 1 });
    const result = await serviceNowAdapter.read(ctx(fixtureDocument('servicenow', 'sow-record-2026-11.html'), SOW_URL), SN_ESCALATION_SYS_ID);
    expect(result).toMatchObject({ ok: false, problem: { code: 'api-failed', selector: '/api/now/table/sys_journal_field' } });
    expect(JSON.stringify(result)).not.toContain('Payment gateway');
  });

  it('an unknown incident is api-failed (404)', async () => {
    const { ctx } = setup();
    const missing = 'ffffffffffffffffffffffffffffffff';
    const result = await serviceNowAdapter.read(ctx(parse('<body></body>'), `${SERVICENOW_ORIGIN}/now/sow/record/incident/${missing}`), missing);
    expect(result).toMatchObject({ ok: false, problem: { code: 'api-failed', message: expect.stringContaining('404') } });
  });

  it('a classic form of another record is ambiguous, and the active root is null', async () => {
    const { ctx } = setup();
    const doc = fixtureDocument('servicenow', 'incident-form-2026-11.html');
    expect(serviceNowAdapter.activeTicketRoot(doc, SN_PLAIN_SYS_ID)).toBeNull();
    expect(serviceNowAdapter.activeTicketRoot(doc, SN_ESCALATION_SYS_ID)).toBe(doc.body);
    const result = await serviceNowAdapter.read(ctx(doc, `${SERVICENOW_ORIGIN}/incident.do?sys_id=${SN_PLAIN_SYS_ID}`), SN_PLAIN_SYS_ID);
    expect(result).toMatchObject({ ok: false, problem: { code: 'ambiguous-ticket' } });
  });

  it('reads and fills the classic form inside the Next Experience frame (shadow root > iframe#gsft_main)', async () => {
    const { ctx } = setup();
    const url = `${SERVICENOW_ORIGIN}/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${SN_ESCALATION_SYS_ID}`;
    const shell = parse('<body><macroponent-shell component-id="polaris-shell"></macroponent-shell></body>');
    const frame = shell.createElement('iframe');
    frame.id = 'gsft_main';
    const inner = fixtureDocument('servicenow', 'incident-form-2026-11.html');
    Object.defineProperty(frame, 'contentDocument', { value: inner });
    shell.querySelector('[component-id]')!.attachShadow({ mode: 'open' }).append(frame);
    const result = await serviceNowAdapter.read(ctx(shell, url), SN_ESCALATION_SYS_ID);
    expect(result).toMatchObject({ ok: true, snapshot: { source: 'dom+api', status: 'In Progress' } });
    expect(result.health.find((h) => h.field === 'status')).toMatchObject({ source: 'dom' });
    expect(serviceNowAdapter.actions.insertReply(ctx(shell, url), 'Update follows.')).toEqual({ ok: true });
    expect((inner.querySelector('textarea[id="incident.comments"]') as HTMLTextAreaElement).value).toBe('Update follows.');
  });

  it('mount anchors match on the classic form and nothing in SOW (floating)', () => {
    const form = fixtureDocument('servicenow', 'incident-form-2026-11.html');
    expect(form.querySelector(serviceNowAdapter.mountAnchors[0]!)).not.toBeNull();
    const sow = fixtureDocument('servicenow', 'sow-record-2026-11.html');
    expect(serviceNowAdapter.mountAnchors.some((a) => sow.querySelector(a))).toBe(false);
  });
});

describe('ServiceNow actions', () => {
  const sow = () => parse('<body></body>');

  it('adds a work note with X-UserToken = g_ck', async () => {
    const { simulator, sim, ctx } = setup();
    await serviceNowAdapter.actions.addInternalNote!(ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'Escalation approved by Fred.\n[code]<b>x</b>[/code]');
    const note = sim.tickets.get(SN_ESCALATION_SYS_ID)!.messages.at(-1)!;
    expect(note).toMatchObject({ public: false, role: 'agent', author: 'Beth Anglin' });
    expect(note.body).toBe('Escalation approved by Fred.\n[code\u200b]<b>x</b>[/code\u200b]');
    const write = simulator.acceptedWrites('servicenow')[0]!;
    expect(write).toMatchObject({ method: 'PATCH', path: `/api/now/table/incident/${SN_ESCALATION_SYS_ID}?sysparm_fields=sys_id` });
    expect(write.headers['x-usertoken']).toBe(sim.session.csrfToken);
  });

  it('falls back to input#sysparm_ck when the g_ck global is unreadable', async () => {
    const { simulator, sim, ctx } = setup({ g_ck: null });
    await serviceNowAdapter.actions.addInternalNote!(ctx(fixtureDocument('servicenow', 'incident-form-2026-11.html'), FORM_URL), SN_ESCALATION_SYS_ID, 'Note');
    expect(simulator.acceptedWrites()[0]!.headers['x-usertoken']).toBe(sim.session.csrfToken);
  });

  it('without a token the write fails before reaching the API; a wrong token is a non-retryable 401', async () => {
    const { simulator, ctx } = setup({ g_ck: null });
    await expect(serviceNowAdapter.actions.addInternalNote!(ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'x')).rejects.toMatchObject({ retryable: false, status: null });
    expect(simulator.log).toHaveLength(0);
    const wrong = setup({ g_ck: 'stale' });
    const error = await serviceNowAdapter.actions.addInternalNote!(wrong.ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskWriteError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(wrong.sim.tickets.get(SN_ESCALATION_SYS_ID)!.messages).toHaveLength(4);
  });

  it('raises priority through impact and urgency, never priority itself', async () => {
    const { simulator, sim, ctx } = setup();
    await serviceNowAdapter.actions.setPriority!(ctx(sow(), SOW_URL), SN_PLAIN_SYS_ID, 'urgent');
    expect(JSON.parse(simulator.acceptedWrites()[0]!.body!)).toEqual({ impact: '1', urgency: '1' });
    expect(sim.tickets.get(SN_PLAIN_SYS_ID)!.priority).toBe('1 - Critical');
    for (const [level, expected] of [['high', '2 - High'], ['normal', '3 - Moderate'], ['low', '4 - Low']] as const) {
      await serviceNowAdapter.actions.setPriority!(ctx(sow(), SOW_URL), SN_PLAIN_SYS_ID, level);
      expect(sim.tickets.get(SN_PLAIN_SYS_ID)!.priority).toBe(expected);
    }
  });

  it('tags with label + label_entry, once per tag even when repeated', async () => {
    const { simulator, sim, ctx } = setup();
    await serviceNowAdapter.actions.addTags!(ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, ['escalated', 'payments']);
    await serviceNowAdapter.actions.addTags!(ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, ['escalated']);
    expect(sim.tickets.get(SN_ESCALATION_SYS_ID)!.tags).toEqual(['payments', 'escalated']);
    expect(sim.labelEntries.filter((e) => e.tableKey === SN_ESCALATION_SYS_ID)).toHaveLength(2);
    expect(simulator.acceptedWrites().filter((w) => w.method === 'POST').map((w) => w.path)).toEqual(['/api/now/table/label', '/api/now/table/label_entry']);
    // Search by tag, as the API offers it.
    const search = simulator.handle({
      method: 'GET',
      url: `${SERVICENOW_ORIGIN}/api/now/table/label_entry?sysparm_query=${encodeURIComponent('label.name=escalated^table=incident')}&sysparm_fields=table_key`,
      headers: {},
      body: null,
    });
    expect(JSON.parse(search.body)).toEqual({ result: [{ table_key: SN_ESCALATION_SYS_ID }] });
    await expect(serviceNowAdapter.actions.addTags!(ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, ['a^b'])).rejects.toMatchObject({ retryable: false });
  });

  it('429 is retryable with Retry-After, 500 retryable, 404 not', async () => {
    const { simulator, ctx } = setup();
    simulator.fail({ method: 'PATCH', pathIncludes: '/incident/', status: 429, retryAfterSeconds: 30, times: 1 });
    await expect(serviceNowAdapter.actions.setPriority!(ctx(sow(), SOW_URL), SN_PLAIN_SYS_ID, 'high')).rejects.toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 30 });
    simulator.fail({ method: 'PATCH', pathIncludes: '/incident/', status: 500, times: 1 });
    await expect(serviceNowAdapter.actions.setPriority!(ctx(sow(), SOW_URL), SN_PLAIN_SYS_ID, 'high')).rejects.toMatchObject({ status: 500, retryable: true });
    await expect(serviceNowAdapter.actions.setPriority!(ctx(sow(), SOW_URL), 'ffffffffffffffffffffffffffffffff', 'high')).rejects.toMatchObject({ status: 404, retryable: false });
  });

  it('simulator: bad JSON is 400, writes without X-UserToken 401', () => {
    const { simulator, sim } = setup();
    const patch = (headers: Record<string, string>, body: string) =>
      simulator.handle({ method: 'PATCH', url: `${SERVICENOW_ORIGIN}/api/now/table/incident/${SN_PLAIN_SYS_ID}`, headers, body }).status;
    expect(patch({ cookie: sim.session.cookie }, '{"work_notes":"x"}')).toBe(401);
    expect(patch({ 'x-usertoken': sim.session.csrfToken }, '{nope')).toBe(400);
  });

  it('puts reply text into the customer-visible comments field, never submitting', () => {
    const { ctx } = setup();
    const doc = fixtureDocument('servicenow', 'incident-form-2026-11.html');
    let submitted = false;
    doc.addEventListener('submit', () => (submitted = true));
    expect(serviceNowAdapter.actions.insertReply(ctx(doc, FORM_URL), 'We are on it.')).toEqual({ ok: true });
    expect((doc.querySelector('textarea[id="incident.comments"]') as HTMLTextAreaElement).value).toBe('We are on it.');
    expect((doc.querySelector('textarea[id="incident.work_notes"]') as HTMLTextAreaElement).value).toBe('');
    expect(submitted).toBe(false);
    expect(serviceNowAdapter.actions.insertReply(ctx(fixtureDocument('servicenow', 'sow-record-2026-11.html'), SOW_URL), 'x')).toMatchObject({ ok: false });
  });

  it('neutralises [code] journal markup', () => {
    expect(neutraliseJournalMarkup('[CODE]<i>[/code]')).toBe('[CODE\u200b]<i>[/code\u200b]');
  });
});

describe('ServiceNow: a note is written at most once', () => {
  const KEY = '3f0c9a52-7d1e-4b8e-9a51-0c2d6e7f8a90#1:note';
  const sow = () => parse('<body></body>');
  const actions = () => ({ addInternalNote: serviceNowAdapter.actions.addInternalNote!, internalNoteBodies: serviceNowAdapter.actions.internalNoteBodies! });
  const workNotes = (sim: ServiceNowSim) => sim.tickets.get(SN_ESCALATION_SYS_ID)!.messages.filter((m) => !m.public);
  // sys_ids are 32 hex characters.
  const message = (isPublic: boolean, body: string) => simMessage(isPublic, body, isPublic ? 'fe0000000000000000000000000000aa' : 'fe0000000000000000000000000000bb', '2026-11-03T09:00:00Z');

  it('lists the work notes through the journal API, newest first, and never the customer-visible comments', async () => {
    const { simulator, sim, ctx } = setup();
    const bodies = await serviceNowAdapter.actions.internalNoteBodies!(ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID);
    expect(bodies).toEqual(workNotes(sim).map((m) => m.body).reverse());
    expect(bodies).toEqual(['Gateway p99 latency is 9s in eu-west-1; waiting on the payments team.']);
    const read = simulator.log.at(-1)!;
    expect(read.method).toBe('GET');
    expect(decodeURIComponent(read.path)).toContain(`sys_journal_field?sysparm_query=element_id=${SN_ESCALATION_SYS_ID}^element=work_notes^ORDERBYDESCsys_created_on`);
    expect(read.headers['x-usertoken']).toBe(sim.session.csrfToken);
  });

  it('a work note already carrying the marker: nothing is written', async () => {
    const { simulator, sim, ctx } = setup();
    sim.tickets.get(SN_ESCALATION_SYS_ID)!.messages.push(message(false, markedNote('[Escalation Desk] Escalation requested by Avery.', KEY)));
    const before = workNotes(sim).length;
    await expect(addInternalNoteOnce(actions(), ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, '[Escalation Desk] Escalation requested by Avery.', KEY)).resolves.toBe('already-there');
    expect(workNotes(sim)).toHaveLength(before);
    expect(simulator.acceptedWrites('servicenow')).toEqual([]);
  });

  it('writes once with the marker; an answer lost after ServiceNow saved the note is not written again on retry', async () => {
    const { simulator, sim, ctx } = setup();
    const before = workNotes(sim).length;
    simulator.fail({ pathIncludes: `/api/now/table/incident/${SN_ESCALATION_SYS_ID}`, writesOnly: true, applyFirst: true, status: 502, times: 1 });
    const lost = await addInternalNoteOnce(actions(), ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'Escalation requested.', KEY).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(HelpdeskWriteError);
    expect(lost).toMatchObject({ status: 502, retryable: true });
    expect(workNotes(sim)).toHaveLength(before + 1);
    expect(workNotes(sim).at(-1)!.body).toBe(`Escalation requested.\n\n${noteMarker(KEY)}`);

    await expect(addInternalNoteOnce(actions(), ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'Escalation requested.', KEY)).resolves.toBe('already-there');
    expect(workNotes(sim)).toHaveLength(before + 1);
    // Another outbox item writes its own note.
    await expect(addInternalNoteOnce(actions(), ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'Escalation approved.', KEY.replace('#1:', '#2:'))).resolves.toBe('written');
    expect(workNotes(sim)).toHaveLength(before + 2);
  });

  it('the marker in a customer-visible comment does not count: the work note is written', async () => {
    const { sim, ctx } = setup();
    sim.tickets.get(SN_ESCALATION_SYS_ID)!.messages.push(message(true, `Quoting you: ${noteMarker(KEY)}`));
    const before = workNotes(sim).length;
    await expect(addInternalNoteOnce(actions(), ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'Escalation requested.', KEY)).resolves.toBe('written');
    expect(workNotes(sim)).toHaveLength(before + 1);
  });

  it('when the journal cannot be read nothing is written: 500 and a list-less answer are retried, 401 waits for the agent', async () => {
    const { simulator, sim, ctx } = setup();
    const before = workNotes(sim).length;
    simulator.fail({ method: 'GET', pathIncludes: '/sys_journal_field', status: 500, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'x', KEY)).rejects.toMatchObject({ name: 'HelpdeskWriteError', status: 500, retryable: true });
    simulator.clearFaults();
    simulator.fail({ method: 'GET', pathIncludes: '/sys_journal_field', status: 401, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(sow(), SOW_URL), SN_ESCALATION_SYS_ID, 'x', KEY)).rejects.toMatchObject({ status: 401, retryable: false });
    simulator.clearFaults();
    const base = ctx(sow(), SOW_URL);
    const listless: AdapterContext = {
      ...base,
      fetch: async (input, init) => (String(input).includes('sys_journal_field') ? Response.json({ result: null }) : base.fetch(input, init)),
    };
    await expect(addInternalNoteOnce(actions(), listless, SN_ESCALATION_SYS_ID, 'x', KEY)).rejects.toMatchObject({ name: 'HelpdeskWriteError', retryable: true });
    expect(workNotes(sim)).toHaveLength(before);
    expect(simulator.log.filter((e) => e.method !== 'GET')).toEqual([]);
  });
});

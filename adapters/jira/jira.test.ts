/// <reference types="vite/client" />
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureDocument, readFixture } from '../../test/fixtures';
import { HelpdeskSimulator } from '../../test/simulator';
import { simulatorFetch } from '../../test/simulator/fetch';
import { createJiraSim, type JiraSim } from '../../test/simulator/helpdesks/jira';
import { TicketSnapshot } from '../../core/schemas';
import { type AdapterContext, type HelpdeskAdapter } from '../types';
import { jiraAdapter as adapter } from './index';
import { JIRA, SELECTOR_EXPECTATIONS } from './selectors';
import { examples } from './examples';
import { otherAdaptersExampleUrls } from '../examples';

const NOW = '2026-11-03T12:00:00.000Z';
const ORIGIN = 'https://acme.atlassian.net';
const QUEUE = `${ORIGIN}/jira/servicedesk/projects/SUP/queues/custom/1`;

let simulator: HelpdeskSimulator;
let sim: JiraSim;
beforeEach(() => {
  sim = createJiraSim({ now: () => new Date(NOW) });
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
const ticketDoc = () => fixtureDocument('jira', 'ticket-2026-11.html');

describe('URL detection', () => {
  it('claims its example issues and rejects its non-issue pages', () => {
    for (const { url, ticketId } of examples.tickets) expect(adapter.parseTicketUrl(new URL(url)), url).toBe(ticketId);
    for (const url of examples.nonTickets) expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
  });

  it('rejects the other adapters’ examples and other hosts', () => {
    for (const url of otherAdaptersExampleUrls('jira')) expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
    expect(adapter.parseTicketUrl(new URL('https://jira.example.com/browse/SUP-301'))).toBeNull();
    expect(adapter.parseTicketUrl(new URL(`${QUEUE}?selectedIssue=sup-301`))).toBeNull();
  });
});

describe('fixtures', () => {
  // Regenerate after changing the simulator's markup: UPDATE_FIXTURES=1 npx vitest run adapters/jira
  const header = (what: string) =>
    `<!--\n  Models: Jira Service Management Cloud, ${what}. Date: 2026-11. Confidence: H for the breadcrumb key, summary and\n  status data-testids, M for priority, comments and the editor, L for the layout containers (research section 3).\n  Generated from test/simulator/helpdesks/jira.ts; regenerate with UPDATE_FIXTURES=1 npx vitest run adapters/jira\n-->\n`;
  const withHeader = (page: string, what: string) => page.replace('<!doctype html>\n', `<!doctype html>\n${header(what)}`);
  const generated: Array<[string, () => string]> = [
    ['ticket-2026-11.html', () => withHeader(sim.renderIssuePage('SUP-301', 'browse')!, 'issue view of SUP-301 at /browse (internal comment; the customer asks for a manager)')],
    ['queue-selected-issue-2026-11.html', () => withHeader(sim.renderIssuePage('SUP-302', 'queue')!, 'a service-desk queue with SUP-302 open in the side panel')],
    ['views-list-2026-11.html', () => withHeader(sim.renderQueuePage(), 'a service-desk queue, no issue selected')],
  ];
  it.each(generated)('%s is the simulator’s page', (file, render) => {
    if (process.env.UPDATE_FIXTURES) writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', file), render());
    expect(readFixture('jira', file)).toBe(render());
  });

  it.each(SELECTOR_EXPECTATIONS.map((e) => [e.selector, e.fixture, e.count] as const))('%s matches in %s: %i', (selector, fixture, count) => {
    expect(fixtureDocument('jira', fixture).querySelectorAll(selector).length).toBe(count);
  });
});

describe('active issue', () => {
  it('is the page when the issue view shows this key, null otherwise', () => {
    const doc = ticketDoc();
    expect(adapter.activeTicketRoot(doc, 'SUP-301')).toBe(doc.body);
    expect(adapter.activeTicketRoot(doc, 'SUP-302')).toBeNull(); // still showing the previous issue
    expect(adapter.activeTicketRoot(fixtureDocument('jira', 'views-list-2026-11.html'), 'SUP-301')).toBeNull();
    const root = adapter.activeTicketRoot(fixtureDocument('jira', 'queue-selected-issue-2026-11.html'), 'SUP-302')!;
    expect(root.querySelector(adapter.mountAnchors[0]!)?.textContent).toBe('Add a new user to the finance group');
  });
});

describe('read', () => {
  it('reads SUP-301: DOM fields, API comments with their internal flag, description first', async () => {
    const result = await adapter.read(ctxFor(ticketDoc(), `${ORIGIN}/browse/SUP-301`), 'SUP-301');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot).toEqual({
      ref: { site: 'jira', ticketId: 'SUP-301', url: `${ORIGIN}/browse/SUP-301` },
      subject: 'VPN access broken for the whole sales team',
      requester: { name: 'Olu Adeyemi', email: 'olu.adeyemi@wingtip.test' },
      status: 'Waiting for support',
      priority: { raw: 'High', level: 'high' },
      assignee: 'Avery Agent',
      tags: ['vpn', 'sales'],
      messages: [
        { id: null, author: 'Olu Adeyemi', authorRole: 'customer', visibility: 'public', body: 'Since this morning nobody in sales can connect to the VPN.\nError: TLS handshake failed.', createdAt: '2026-11-02T07:45:00.000Z' },
        { id: '10101', author: 'Avery Agent', authorRole: 'agent', visibility: 'public', body: 'Thanks Olu, we are looking into the VPN gateway now.', createdAt: '2026-11-02T08:10:00.000Z' },
        { id: '10102', author: 'Avery Agent', authorRole: 'agent', visibility: 'internal', body: 'Gateway certificate expired overnight; renewal needs the network team.', createdAt: '2026-11-02T08:25:00.000Z' },
        { id: '10103', author: 'Olu Adeyemi', authorRole: 'customer', visibility: 'public', body: 'We are losing deals today. I need this escalated to your manager right now.', createdAt: '2026-11-03T09:05:00.000Z' },
      ],
      createdAt: '2026-11-02T07:45:00.000Z',
      currentAgent: { name: 'Avery Agent', email: 'avery.agent@acme.test' },
      source: 'dom+api',
      readAt: NOW,
    });
    expect(result.health.every((h) => h.ok)).toBe(true);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background will check
  });

  it('reads SUP-302 in the queue’s side panel', async () => {
    const result = await adapter.read(ctxFor(fixtureDocument('jira', 'queue-selected-issue-2026-11.html'), `${QUEUE}?selectedIssue=SUP-302`), 'SUP-302');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot).toMatchObject({
      subject: 'Add a new user to the finance group',
      status: 'Waiting for customer',
      priority: { raw: 'Low', level: 'low' },
      assignee: 'Sam Support',
      tags: [],
    });
    expect(result.snapshot.messages.map((m) => [m.author, m.authorRole, m.visibility])).toEqual([
      ['Hana Sato', 'customer', 'public'],
      ['Sam Support', 'agent', 'public'],
    ]);
  });

  it('pages through comments and falls back to the API when the priority field moved', async () => {
    const doc = ticketDoc();
    doc.querySelector(JIRA.priority[0])!.remove();
    const paged: typeof fetch = (input, init) => simulatorFetch(simulator, `${ORIGIN}/browse/SUP-301`)(String(input).replace('limit=100', 'limit=2'), init);
    const result = await adapter.read(ctxFor(doc, `${ORIGIN}/browse/SUP-301`, paged), 'SUP-301');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot.messages).toHaveLength(4);
    expect(result.snapshot.priority).toEqual({ raw: 'High', level: 'high' });
    expect(result.health.filter((h) => h.field === 'priority').map((h) => [h.ok, h.source])).toEqual([[false, 'dom'], [true, 'api']]);
  });

  it('keeps script payloads as text', async () => {
    const result = await adapter.read(ctxFor(parse(sim.renderIssuePage('SUP-666')!), `${ORIGIN}/browse/SUP-666`), 'SUP-666');
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.snapshot.subject).toBe('Refund <img src=x onerror="window.__xss=1">');
    expect(result.snapshot.requester.name).toBe('<script>window.__xss=2</script> Mallory');
    expect(result.snapshot.priority).toEqual({ raw: 'Highest', level: 'urgent' });
    expect(result.snapshot.messages.at(-1)!.body).toBe('Also <a href="javascript:window.__xss=3">click</a>');
  });

  it('refuses with typed problems: summary gone, no issue view, another issue shown', async () => {
    const doc = ticketDoc();
    doc.querySelector(JIRA.summary[0])!.remove();
    expect(await adapter.read(ctxFor(doc, `${ORIGIN}/browse/SUP-301`), 'SUP-301')).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'subject' } });
    const list = fixtureDocument('jira', 'views-list-2026-11.html');
    expect(await adapter.read(ctxFor(list, `${QUEUE}?selectedIssue=SUP-301`), 'SUP-301')).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'key' } });
    expect(await adapter.read(ctxFor(ticketDoc(), `${ORIGIN}/browse/SUP-302`), 'SUP-302')).toMatchObject({ ok: false, problem: { code: 'ambiguous-ticket' } });
  });

  it('reports API failures as problems without throwing', async () => {
    simulator.fail({ pathIncludes: '/rest/servicedeskapi/request/SUP-301/comment', status: 500, times: 1 });
    const result = await adapter.read(ctxFor(ticketDoc(), `${ORIGIN}/browse/SUP-301`), 'SUP-301');
    expect(result).toMatchObject({ ok: false, problem: { code: 'api-failed' } });
    if (!result.ok) expect(result.problem.message).not.toMatch(/Olu|VPN/);
  });
});

describe('actions', () => {
  const page = () => ctxFor(ticketDoc(), `${ORIGIN}/browse/SUP-301`);

  it('adds an internal comment through the service-desk API, markup kept literal', async () => {
    await adapter.actions.addInternalNote!(page(), 'SUP-301', 'Escalated *urgently* by {color:red}Avery{color}\n{noformat}');
    const note = sim.tickets.get('SUP-301')!.messages.at(-1)!;
    expect(note).toMatchObject({ public: false, author: 'Avery Agent', createdAt: NOW });
    expect(note.body).toBe('{noformat}\nEscalated *urgently* by {color:red}Avery{color}\n{ noformat }\n{noformat}');
    const [write] = simulator.acceptedWrites('jira');
    expect(write).toMatchObject({ method: 'POST', path: '/rest/servicedeskapi/request/SUP-301/comment', status: 201 });
    expect(write!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(write!.body!)).toMatchObject({ public: false });
  });

  it('adds labels (spaces become dashes) and maps priorities onto Jira names', async () => {
    await adapter.actions.addTags!(page(), 'SUP-301', ['escalated', 'needs manager', 'vpn']);
    expect(sim.tickets.get('SUP-301')!.tags).toEqual(['vpn', 'sales', 'escalated', 'needs-manager']);
    for (const [level, name] of [['urgent', 'Highest'], ['high', 'High'], ['normal', 'Medium'], ['low', 'Low']] as const) {
      await adapter.actions.setPriority!(page(), 'SUP-301', level);
      expect(sim.tickets.get('SUP-301')!.priority).toBe(name);
    }
    const [labels] = simulator.acceptedWrites('jira');
    expect(labels).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/SUP-301', status: 204 });
    expect(JSON.parse(labels!.body!)).toEqual({ update: { labels: [{ add: 'escalated' }, { add: 'needs-manager' }, { add: 'vpn' }] } });
  });

  it('classifies failures for the outbox', async () => {
    simulator.fail({ pathIncludes: '/rest/api/3/issue/SUP-301', status: 429, retryAfterSeconds: 12, times: 1 });
    await expect(adapter.actions.setPriority!(page(), 'SUP-301', 'high')).rejects.toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 12 });
    await expect(adapter.actions.setPriority!(page(), 'SUP-999', 'high')).rejects.toMatchObject({ status: 404, retryable: false });
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(adapter.actions.addTags!(ctxFor(ticketDoc(), `${ORIGIN}/browse/SUP-301`, offline), 'SUP-301', ['x'])).rejects.toMatchObject({ status: null, retryable: true });
  });

  it('puts reply text into the comment editor, never sending', () => {
    const ctx = page();
    expect(adapter.actions.insertReply(ctx, 'Hi Olu, your manager escalation is in.')).toEqual({ ok: true });
    expect(ctx.document.querySelector(JIRA.editor[0])!.textContent).toBe('Hi Olu, your manager escalation is in.');
    expect(adapter.actions.insertReply(ctxFor(fixtureDocument('jira', 'views-list-2026-11.html'), QUEUE), 'x')).toMatchObject({ ok: false });
    expect(simulator.log).toHaveLength(0);
  });
});

describe('simulator', () => {
  const get = (url: string) => simulator.handle({ method: 'GET', url, headers: {}, body: null });
  const send = (method: string, url: string, body: string, contentType = 'application/json') =>
    simulator.handle({ method, url, headers: { 'content-type': contentType }, body });

  it('renders script payloads escaped', () => {
    const doc = parse(get(`${ORIGIN}/browse/SUP-666`).body);
    expect(doc.querySelector('img[onerror]')).toBeNull();
    expect(doc.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(Array.from(doc.querySelectorAll('script')).some((s) => s.textContent?.includes('__xss'))).toBe(false);
    expect(doc.body.textContent).toContain('<script>window.__xss=2</script> Mallory');
  });

  it('serves the issue at all its URL shapes, the queue, and 404s', () => {
    for (const url of [`${ORIGIN}/browse/SUP-302`, `${QUEUE}/SUP-302`, `${QUEUE}?selectedIssue=SUP-302`]) {
      const doc = parse(get(url).body);
      expect(doc.querySelector(JIRA.breadcrumbKey)?.textContent, url).toBe('SUP-302');
    }
    expect(parse(get(QUEUE).body).querySelector(JIRA.breadcrumbKey)).toBeNull();
    expect(get(`${ORIGIN}/browse/SUP-999`).status).toBe(404);
    expect(get(`${ORIGIN}/rest/api/3/issue/SUP-999`).status).toBe(404);
  });

  it('refuses non-JSON writes with "XSRF check failed", bad JSON with 400, invalid values with 400', () => {
    const refused = send('POST', `${ORIGIN}/rest/servicedeskapi/request/SUP-301/comment`, 'body=hi', 'application/x-www-form-urlencoded');
    expect(refused).toMatchObject({ status: 403, body: 'XSRF check failed' });
    expect(send('PUT', `${ORIGIN}/rest/api/3/issue/SUP-301`, '{bad').status).toBe(400);
    expect(send('PUT', `${ORIGIN}/rest/api/3/issue/SUP-301`, '{"fields":{"priority":{"name":"P1"}}}').status).toBe(400);
    expect(send('PUT', `${ORIGIN}/rest/api/3/issue/SUP-301`, '{"update":{"labels":[{"add":"two words"}]}}').status).toBe(400);
    expect(sim.tickets.get('SUP-301')!.priority).toBe('High');
  });

  it('searches issues by label with JQL', () => {
    send('PUT', `${ORIGIN}/rest/api/3/issue/SUP-303`, '{"update":{"labels":[{"add":"escalated"}]}}');
    const found = JSON.parse(get(`${ORIGIN}/rest/api/3/search/jql?jql=${encodeURIComponent('project = SUP AND labels = escalated')}`).body);
    expect(found.issues.map((i: { key: string }) => i.key)).toEqual(['SUP-303']);
  });
});

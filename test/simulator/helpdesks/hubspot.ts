// Simulated HubSpot (app.hubspot.com, portal 20348123): help-desk ticket views and CRM ticket record pages, the
// non-HttpOnly `hubspotapi-csrf` cookie, and the app origin's /api proxy of the CRM v3 and Conversations v3 APIs.
// Writes (every non-GET) need `X-HubSpot-CSRF-hubspotapi` equal to the cookie, else 403.
import { escapeHtml, html, json, parseJsonBody } from '../index';
import { spaScriptTag } from '../spa';
import type { SimHelpdesk, SimMessage, SimRequest, SimResponse, SimSession, SimTicket } from '../types';

export const HUBSPOT_ORIGIN = 'https://app.hubspot.com';
export const HUBSPOT_PORTAL = '20348123';
export const HUBSPOT_VIEW = '95291824';
export const HUBSPOT_CSRF_COOKIE = 'hubspotapi-csrf';

export const HS_ESCALATION_ID = '29859078751';
export const HS_PLAIN_ID = '29859078752';
/** A ticket created from a form: no conversation thread, only the ticket's description. */
export const HS_FORM_ID = '29859078753';
export const HS_XSS_ID = '29859078666';

/** The default ticket pipeline's stages. */
export const HS_STAGES: Readonly<Record<string, string>> = { '1': 'New', '2': 'Waiting on contact', '3': 'Waiting on us', '4': 'Closed' };
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
const XSS_NAME = 'Mallory <img src=x onerror="window.__xss=1">';

export interface HsTicketExtra {
  contactId: string | null;
  threadId: string | null;
  /** The ticket's description (`content`), used when the ticket has no conversation thread. */
  content: string;
}

export interface HubSpotSim extends SimHelpdesk {
  readonly extras: Map<string, HsTicketExtra>;
  /** Options of the `escalation_tags` multi-checkbox property; null when the property does not exist. */
  tagOptions: string[] | null;
}

interface Owner {
  readonly id: string;
  readonly userId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

/** The text of an HTML note body as HubSpot shows it (paragraphs and <br> become lines, entities decoded). */
function htmlToPlain(value: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
  return value
    .replace(/<br\s*\/?>(?=\s*<\/p>)/gi, '')
    .replace(/<br\s*\/?>|<\/p>\s*(?=<p)/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name]!);
}

export function createHubSpotSim(): HubSpotSim {
  const owners: Owner[] = [
    { id: '81723401', userId: '5120011', firstName: 'Jordan', lastName: 'Lee', email: 'jordan.lee@acme.example' },
    { id: '81723402', userId: '5120012', firstName: 'Sofia', lastName: 'Marquez', email: 'sofia.marquez@acme.example' },
  ];
  const agent = owners[0]!;
  const session: SimSession = {
    cookie: 'hubspotutk=hs-sim-session',
    csrfToken: 'AAccUfs0c2hVdXpC-1sR1r8C0fAkm4lAq8ZK5w',
    agent: { name: `${agent.firstName} ${agent.lastName}`, email: agent.email },
  };
  const tickets = new Map<string, SimTicket>();
  const extras = new Map<string, HsTicketExtra>();
  const contacts = new Map<string, { firstname: string; lastname: string; email: string }>();
  let serial = 0;
  const nextId = (prefix: string) => `${prefix}${String(40000000 + serial++)}`;
  const msg = (author: { name: string; email: string }, role: SimMessage['role'], isPublic: boolean, body: string, createdAt: string): SimMessage => ({
    id: nextId(isPublic ? '1' : '7'),
    author: author.name,
    authorEmail: author.email,
    role,
    public: isPublic,
    body,
    createdAt,
  });
  const agentPerson = session.agent;
  const seed = (t: Omit<SimTicket, 'repliesSent'>, contactId: string | null, extra: Omit<HsTicketExtra, 'contactId'>) => {
    tickets.set(t.id, { ...t, repliesSent: 0 });
    extras.set(t.id, { ...extra, contactId });
    if (contactId) {
      const [firstname, ...rest] = t.requester.name.split(' ');
      contacts.set(contactId, { firstname: firstname!, lastname: rest.join(' '), email: t.requester.email });
    }
  };
  const maya = { name: 'Maya Chen', email: 'maya.chen@globex.example' };
  seed(
    {
      id: HS_ESCALATION_ID,
      subject: 'Data export stuck at 0% for our whole team',
      requester: maya,
      status: 'Waiting on us',
      priority: 'MEDIUM',
      assignee: session.agent.name,
      tags: ['vip'],
      messages: [
        msg(maya, 'customer', true, 'None of our exports have finished since yesterday. Reports for the board are due Friday.', '2026-11-02T08:20:00.000Z'),
        msg(agentPerson, 'agent', true, 'Hi Maya, thanks for the details. We are checking the export workers.', '2026-11-02T09:00:00.000Z'),
        msg(agentPerson, 'agent', false, 'Export queue for this portal is paused; asked platform team to resume.', '2026-11-02T09:40:00.000Z'),
        msg(maya, 'customer', true, 'Still nothing. Please escalate this to your manager, we cannot wait any longer.', '2026-11-03T08:10:00.000Z'),
      ],
      createdAt: '2026-11-02T08:20:00.000Z',
    },
    '51001',
    { threadId: '7390134812', content: '' },
  );
  const ken = { name: 'Ken Adams', email: 'ken.adams@initrode.example' };
  seed(
    {
      id: HS_PLAIN_ID,
      subject: 'Change the billing e-mail address',
      requester: ken,
      status: 'New',
      priority: 'LOW',
      assignee: null,
      tags: [],
      messages: [msg(ken, 'customer', true, 'Please send invoices to billing@initrode.example from now on.', '2026-11-03T07:30:00.000Z')],
      createdAt: '2026-11-03T07:30:00.000Z',
    },
    '51002',
    { threadId: '7390134813', content: '' },
  );
  const ada = { name: 'Ada Brook', email: 'ada.brook@umbrella.example' };
  seed(
    {
      id: HS_FORM_ID,
      subject: 'Request: API rate limit increase',
      requester: ada,
      status: 'New',
      priority: 'HIGH',
      assignee: 'Sofia Marquez',
      tags: [],
      messages: [],
      createdAt: '2026-11-01T12:00:00.000Z',
    },
    '51003',
    { threadId: null, content: 'We need 200 requests per second for the migration next week.' },
  );
  const mallory = { name: XSS_NAME, email: 'mallory@evil.example' };
  seed(
    {
      id: HS_XSS_ID,
      subject: 'Broken <img src=x onerror="window.__xss=1"> export',
      requester: mallory,
      status: 'New',
      priority: 'MEDIUM',
      assignee: null,
      tags: [],
      messages: [msg(mallory, 'customer', true, '<script>window.__xss=2</script> and <a href="javascript:window.__xss=3">click</a>', '2026-11-03T06:00:00.000Z')],
      createdAt: '2026-11-03T06:00:00.000Z',
    },
    '51666',
    { threadId: '7390134666', content: '' },
  );

  const sim: HubSpotSim = {
    id: 'hubspot',
    session,
    tickets,
    extras,
    tagOptions: ['vip', 'escalated'],
    handles: (url) => url.origin === HUBSPOT_ORIGIN,
    handle(request, url) {
      if (url.pathname.startsWith('/api/')) return api(request, url);
      return request.method === 'GET' ? pageFor(url) : null;
    },
  };

  const error = (status: number, category: string, message: string) =>
    json(status, { status: 'error', message, correlationId: '6b2f1c9e-0d1a-4c1e-9d55-3f0e8f3a7b21', category });
  const notFound = () => error(404, 'OBJECT_NOT_FOUND', 'resource not found');
  const ownerOf = (name: string | null) => owners.find((o) => `${o.firstName} ${o.lastName}` === name) ?? null;
  const stageOf = (label: string) => Object.entries(HS_STAGES).find(([, l]) => l === label)?.[0] ?? '1';

  function ticketJson(t: SimTicket, params: URLSearchParams) {
    const x = extras.get(t.id)!;
    const all: Record<string, string | null> = {
      subject: t.subject,
      content: x.content || null,
      hs_pipeline: '0',
      hs_pipeline_stage: stageOf(t.status),
      hs_ticket_priority: t.priority || null,
      hubspot_owner_id: ownerOf(t.assignee)?.id ?? null,
      createdate: t.createdAt,
      escalation_tags: t.tags.length ? t.tags.join(';') : null,
      hs_conversations_originating_thread_id: x.threadId,
      hs_object_id: t.id,
    };
    const wanted = (params.get('properties') ?? 'subject,content,hs_pipeline,hs_pipeline_stage,hs_ticket_priority,createdate').split(',');
    const associations = (params.get('associations') ?? '').split(',').filter(Boolean);
    const assoc: Record<string, unknown> = {};
    if (associations.includes('contacts') && x.contactId) assoc.contacts = { results: [{ id: x.contactId, type: 'ticket_to_contact' }] };
    const notes = t.messages.filter((m) => !m.public);
    if (associations.includes('notes') && notes.length) assoc.notes = { results: notes.map((m) => ({ id: m.id, type: 'ticket_to_note' })) };
    return {
      id: t.id,
      properties: Object.fromEntries(wanted.filter((k) => k in all).map((k) => [k, all[k]])),
      createdAt: t.createdAt,
      updatedAt: t.createdAt,
      archived: false,
      ...(Object.keys(assoc).length ? { associations: assoc } : {}),
    };
  }

  function messageJson(m: SimMessage) {
    const owner = owners.find((o) => o.email === m.authorEmail);
    return {
      type: 'MESSAGE',
      id: m.id,
      createdAt: m.createdAt,
      text: m.body,
      richText: `<div>${escapeHtml(m.body)}</div>`,
      direction: m.role === 'customer' ? 'INCOMING' : 'OUTGOING',
      channelId: '1002',
      senders: [
        {
          actorId: owner ? `A-${owner.userId}` : `V-${[...(m.authorEmail ?? '')].reduce((sum, c) => sum + c.charCodeAt(0), 5000)}`,
          name: m.author,
          deliveryIdentifier: { type: 'HS_EMAIL_ADDRESS', value: m.authorEmail },
        },
      ],
      truncationStatus: 'NOT_TRUNCATED',
    };
  }

  function api(request: SimRequest, url: URL): SimResponse {
    if (url.searchParams.get('portalId') !== HUBSPOT_PORTAL) return error(400, 'VALIDATION_ERROR', 'portalId is missing or wrong');
    if (request.method !== 'GET' && request.headers['x-hubspot-csrf-hubspotapi'] !== session.csrfToken) {
      return error(403, 'INVALID_AUTHENTICATION', 'CSRF check failed');
    }
    const path = url.pathname.slice('/api'.length).replace(/\/$/, '');
    const params = url.searchParams;
    let body: Record<string, unknown> = {};
    if (request.method !== 'GET') {
      const parsed = parseJsonBody(request);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON');
      body = parsed as Record<string, unknown>;
    }

    const ticketMatch = /^\/crm\/v3\/objects\/tickets\/(\d+)$/.exec(path);
    if (ticketMatch) {
      const ticket = tickets.get(ticketMatch[1]!);
      if (!ticket) return notFound();
      if (request.method === 'GET') return json(200, ticketJson(ticket, params));
      if (request.method === 'PATCH') {
        const props = (body.properties ?? {}) as Record<string, unknown>;
        if ('hs_ticket_priority' in props) {
          if (!PRIORITIES.includes(String(props.hs_ticket_priority))) return error(400, 'VALIDATION_ERROR', 'Property values were not valid');
          ticket.priority = String(props.hs_ticket_priority);
        }
        if ('escalation_tags' in props) {
          if (sim.tagOptions === null) return error(400, 'VALIDATION_ERROR', 'Property "escalation_tags" does not exist');
          const values = String(props.escalation_tags ?? '').split(';').filter(Boolean);
          if (!values.every((v) => sim.tagOptions!.includes(v))) return error(400, 'VALIDATION_ERROR', 'Property values were not valid');
          ticket.tags = values;
        }
        return json(200, ticketJson(ticket, new URLSearchParams({ properties: Object.keys(props).join(',') })));
      }
    }
    if (path === '/crm/v3/objects/tickets/search' && request.method === 'POST') {
      const filters = ((body.filterGroups as Array<{ filters?: Array<Record<string, unknown>> }>) ?? []).flatMap((g) => g.filters ?? []);
      const found = [...tickets.values()].filter((t) =>
        filters.every((f) => f.propertyName === 'escalation_tags' && f.operator === 'CONTAINS_TOKEN' && t.tags.includes(String(f.value))),
      );
      return json(200, { total: found.length, results: found.map((t) => ticketJson(t, new URLSearchParams({ properties: 'subject,escalation_tags' }))) });
    }
    const contactMatch = /^\/crm\/v3\/objects\/contacts\/(\d+)$/.exec(path);
    if (contactMatch && request.method === 'GET') {
      const contact = contacts.get(contactMatch[1]!);
      return contact ? json(200, { id: contactMatch[1], properties: contact, archived: false }) : notFound();
    }
    const ownerMatch = /^\/crm\/v3\/owners\/(\d+)$/.exec(path);
    if (ownerMatch && request.method === 'GET') {
      const owner = owners.find((o) => o.id === ownerMatch[1]);
      return owner ? json(200, { ...owner, archived: false }) : notFound();
    }
    const stageMatch = /^\/crm\/v3\/pipelines\/tickets\/0\/stages\/(\d+)$/.exec(path);
    if (stageMatch && request.method === 'GET') {
      const label = HS_STAGES[stageMatch[1]!];
      return label ? json(200, { id: stageMatch[1], label, displayOrder: Number(stageMatch[1]), metadata: { ticketState: label === 'Closed' ? 'CLOSED' : 'OPEN' } }) : notFound();
    }
    if (path === '/crm/v3/objects/notes' && request.method === 'POST') {
      const props = (body.properties ?? {}) as Record<string, unknown>;
      const target = ((body.associations as Array<{ to?: { id?: unknown }; types?: Array<{ associationTypeId?: unknown }> }>) ?? [])[0];
      const ticket = tickets.get(String(target?.to?.id ?? ''));
      if (typeof props.hs_note_body !== 'string' || typeof props.hs_timestamp !== 'string' || !ticket || target?.types?.[0]?.associationTypeId !== 228) {
        return error(400, 'VALIDATION_ERROR', 'hs_note_body, hs_timestamp and a note-to-ticket association (228) are required');
      }
      const note: SimMessage = {
        id: nextId('7'),
        author: session.agent.name,
        authorEmail: session.agent.email,
        role: 'agent',
        public: false,
        body: htmlToPlain(props.hs_note_body),
        createdAt: props.hs_timestamp,
      };
      ticket.messages.push(note);
      return json(201, { id: note.id, properties: { hs_note_body: props.hs_note_body, hs_timestamp: props.hs_timestamp }, archived: false });
    }
    if (path === '/crm/v3/objects/notes/batch/read' && request.method === 'POST') {
      const ids = ((body.inputs as Array<{ id?: unknown }>) ?? []).map((i) => String(i.id));
      const notes = [...tickets.values()].flatMap((t) => t.messages.filter((m) => !m.public && ids.includes(m.id)));
      return json(200, {
        status: 'COMPLETE',
        results: notes.map((m) => ({
          id: m.id,
          properties: { hs_note_body: `<p>${escapeHtml(m.body).replace(/\n/g, '</p><p>')}</p>`, hs_timestamp: m.createdAt, hubspot_owner_id: owners.find((o) => o.email === m.authorEmail)?.id ?? null },
        })),
      });
    }
    const threadMatch = /^\/conversations\/v3\/conversations\/threads\/(\d+)\/messages$/.exec(path);
    if (threadMatch && request.method === 'GET') {
      const entry = [...extras.entries()].find(([, x]) => x.threadId === threadMatch[1]);
      if (!entry) return notFound();
      const all = tickets.get(entry[0])!.messages.filter((m) => m.public).map(messageJson);
      const after = Number(params.get('after') ?? '0');
      const limit = Math.min(100, Number(params.get('limit') ?? '25'));
      const results = all.slice(after, after + limit);
      return json(200, { results, ...(after + limit < all.length ? { paging: { next: { after: String(after + limit) } } } : {}) });
    }
    if (path === '/crm/v3/properties/tickets/escalation_tags') {
      if (sim.tagOptions === null) return notFound();
      const definition = () => ({
        name: 'escalation_tags',
        label: 'Escalation tags',
        type: 'enumeration',
        fieldType: 'checkbox',
        groupName: 'ticketinformation',
        options: sim.tagOptions!.map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
      });
      if (request.method === 'GET') return json(200, definition());
      if (request.method === 'PATCH') {
        const options = body.options;
        if (!Array.isArray(options) || !options.every((o) => typeof (o as { value?: unknown }).value === 'string')) {
          return error(400, 'VALIDATION_ERROR', 'options must be a list of { label, value }');
        }
        sim.tagOptions = options.map((o) => (o as { value: string }).value);
        return json(200, definition());
      }
    }
    return error(404, 'OBJECT_NOT_FOUND', 'no such endpoint');
  }

  function pageFor(url: URL): SimResponse | null {
    const helpDesk = /^\/help-desk\/(\d+)\/view\/([\w-]+)\/ticket\/(\d+)\/?$/.exec(url.pathname);
    const record = /^\/contacts\/(\d+)\/record\/0-5\/(\d+)\/?$/.exec(url.pathname);
    const id = helpDesk?.[3] ?? record?.[2];
    const pageSession = (r: SimResponse): SimResponse => ({
      ...r,
      headers: { 'set-cookie': `${HUBSPOT_CSRF_COOKIE}=${session.csrfToken}; Path=/; Secure; SameSite=Lax` },
    });
    if (id !== undefined) {
      const ticket = tickets.get(id);
      if (!ticket) return pageSession(html(renderHubSpotShell(session, navItems(), '<div data-test-id="object-not-found">This ticket was deleted or never existed.</div>', 'HubSpot'), 404));
      const extra = extras.get(id)!;
      return pageSession(
        html(helpDesk ? renderHubSpotHelpDeskTicket(ticket, extra, session, navItems()) : renderHubSpotRecordPage(ticket, extra, session, navItems())),
      );
    }
    if (/^\/help-desk\/\d+(\/view\/[\w-]+)?\/?$/.test(url.pathname) || /^\/contacts\/\d+\/objects\/0-5(\/.*)?$/.test(url.pathname)) {
      return pageSession(html(renderHubSpotViewList([...tickets.values()], session, navItems())));
    }
    return null;
  }
  const navItems = (): HsNavItem[] => [...tickets.values()].map((t) => ({ id: t.id, subject: t.subject }));

  return sim;
}

// ---------------------------------------------------------------------------------------------------------------
// Pages. Record-page markers are from public userscripts (research: M/L); the help-desk workspace pane is not
// publicly documented (L) and is modelled. The committed fixtures (adapters/hubspot/fixtures/) were generated
// from these renderers.

export interface HsNavItem {
  readonly id: string;
  readonly subject: string;
}

const e = escapeHtml;

function renderHubSpotShell(session: SimSession, items: readonly HsNavItem[], main: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>${e(title)}</title>
<script>window.hubspot = window.hubspot || {}; window.hubspot.portal = { id: ${HUBSPOT_PORTAL} };</script>
</head>
<body class="hubspot">
<div id="hs-nav-v4" data-test-id="navigation"><a href="/reports-dashboard/${HUBSPOT_PORTAL}">Reports</a><span class="account-name" data-test-id="account-menu">${e(session.agent.name)}</span></div>
<div id="app-root" data-sim-swap>
<nav data-test-id="help-desk-sidebar-nav" aria-label="Tickets"><ul>${items
    .map((i) => `<li><a data-sim-link href="/help-desk/${HUBSPOT_PORTAL}/view/${HUBSPOT_VIEW}/ticket/${i.id}">${e(i.subject)}</a></li>`)
    .join('')}<li><a data-sim-link href="/help-desk/${HUBSPOT_PORTAL}/view/${HUBSPOT_VIEW}">All open tickets</a></li></ul></nav>
${main}
</div>
${spaScriptTag()}
</body></html>
`;
}

function bubble(m: SimMessage): string {
  const who = m.role === 'customer' ? 'incoming' : 'outgoing';
  return `<div data-test-id="thread-message" class="message-${who}"><span data-test-id="message-sender">${e(m.author)}</span><time datetime="${m.createdAt}"></time><div data-test-id="message-body">${e(m.body)}</div></div>`;
}

function properties(ticket: SimTicket): string {
  return `<div data-test-id="highlight-property-display-hs_pipeline_stage-0">${e(ticket.status)}</div><div data-test-id="highlight-property-display-hs_ticket_priority-1">${e(ticket.priority)}</div><div data-test-id="highlight-property-display-hubspot_owner_id-2">${e(ticket.assignee ?? 'No owner')}</div>`;
}

/** The help-desk workspace with one ticket open: conversation in the middle, the ticket sidebar on the right. */
export function renderHubSpotHelpDeskTicket(ticket: SimTicket, extra: HsTicketExtra, session: SimSession, items: readonly HsNavItem[]): string {
  const messages = ticket.messages.filter((m) => m.public).slice(-5);
  return renderHubSpotShell(
    session,
    items,
    `<main data-test-id="help-desk-ticket-view">
<header data-test-id="ticket-header"><h1 data-test-id="ticket-title">${e(ticket.subject)}</h1><span data-test-id="ticket-contact">${e(ticket.requester.name)}</span></header>
<section data-test-id="thread-history">${extra.content ? `<div data-test-id="ticket-description">${e(extra.content)}</div>` : ''}${messages.map(bubble).join('')}</section>
<div data-test-id="communicator"><div data-test-id="rich-text-editor" class="DraftEditor-root"><div class="public-DraftEditor-content" contenteditable="true" role="textbox" aria-label="Reply"></div></div><button type="button" data-test-id="send-button">Send</button></div>
</main>
<aside data-test-id="ticket-sidebar">${properties(ticket)}</aside>`,
    `${ticket.subject} | Help Desk`,
  );
}

/** The CRM ticket record page (object 0-5): left sidebar with highlights, timeline in the middle. */
export function renderHubSpotRecordPage(ticket: SimTicket, _extra: HsTicketExtra, session: SimSession, items: readonly HsNavItem[]): string {
  return renderHubSpotShell(
    session,
    items,
    `<div data-test-id="record-page" class="record-page">
<div data-test-id="left-sidebar"><h1 data-selenium-test="highlightTitle">${e(ticket.subject)}</h1>${properties(ticket)}<button type="button" data-selenium-test="create-engagement-schedule-button">Schedule</button></div>
<div data-test-id="middle-pane"><div data-test-id="timeline">${ticket.messages.filter((m) => m.public).map(bubble).join('')}</div></div>
<div data-test-id="right-sidebar"><section data-test-id="association-card-contacts">${e(ticket.requester.name)}</section></div>
</div>`,
    `${ticket.subject} | Ticket`,
  );
}

export function renderHubSpotViewList(tickets: readonly SimTicket[], session: SimSession, items: readonly HsNavItem[]): string {
  return renderHubSpotShell(
    session,
    items,
    `<main data-test-id="help-desk-view"><table data-test-id="framework-data-table"><tbody>${tickets
      .map(
        (t) =>
          `<tr><td><a data-sim-link href="/help-desk/${HUBSPOT_PORTAL}/view/${HUBSPOT_VIEW}/ticket/${t.id}">${e(t.subject)}</a></td><td data-test-id="cell-0-5-hs_pipeline_stage-${t.id}">${e(t.status)}</td><td data-test-id="cell-0-5-hs_ticket_priority-${t.id}">${e(t.priority)}</td></tr>`,
      )
      .join('')}</tbody></table></main>`,
    'Tickets | Help Desk',
  );
}

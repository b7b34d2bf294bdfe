// Simulated Zoho Desk (desk.zoho.com, portal "acme"): agent ticket pages with the `window.desk_urls` page global
// (orgId, csrf_token) and the same-origin agent API under /supportapi/zd/{portal}/api/v1, which checks the orgId
// header on every call and `X-ZCSRF-TOKEN: crmcsrfparam=<token>` on writes (raw value 422, wrong token 401).
import { escapeHtml, html, json, parseJsonBody } from '../index';
import { spaScriptTag } from '../spa';
import type { SimHelpdesk, SimMessage, SimRequest, SimResponse, SimSession, SimTicket } from '../types';

export const ZOHO_ORIGIN = 'https://desk.zoho.com';
export const ZOHO_PORTAL = 'acme';
export const ZOHO_ORG_ID = '705342189';

export const ZOHO_ESCALATION_ID = '1892000000888011';
export const ZOHO_PLAIN_ID = '1892000000888012';
/** A long conversation (60 threads): the API pages it; the page shows only the latest few. */
export const ZOHO_LONG_ID = '1892000000888013';
export const ZOHO_XSS_ID = '1892000000888666';

export interface ZohoTicketExtra {
  ticketNumber: string;
  contactId: string;
  departmentId: string;
}

export interface ZohoSim extends SimHelpdesk {
  readonly orgId: string;
  readonly extras: Map<string, ZohoTicketExtra>;
}

const AGENT = { name: 'Priya Nair', email: 'priya.nair@acme.example' };
const XSS_NAME = 'Mallory <img src=x onerror="window.__xss=1">';

const splitName = (name: string) => {
  const at = name.indexOf(' ');
  return at === -1 ? { firstName: null, lastName: name } : { firstName: name.slice(0, at), lastName: name.slice(at + 1) };
};

/** The text of an HTML body as the agent UI shows it (paragraphs and <br> become lines, entities decoded). */
export function htmlToPlain(value: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
  return value
    .replace(/<br\s*\/?>(?=\s*<\/p>)/gi, '')
    .replace(/<br\s*\/?>|<\/p>\s*(?=<p)/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name]!);
}

export function createZohoSim(): ZohoSim {
  const session: SimSession = {
    cookie: 'crmcsr=zd-sim-session',
    csrfToken: '0f3c9a2e71b84d5c9e6a1b2c3d4e5f60718293a4b5c6d7e8f9011223344556677',
    agent: AGENT,
  };
  const tickets = new Map<string, SimTicket>();
  const extras = new Map<string, ZohoTicketExtra>();
  let serial = 100;
  const nextId = () => `1892000000${String(900000 + serial++)}`;
  const m = (author: { name: string; email: string }, role: SimMessage['role'], isPublic: boolean, body: string, createdAt: string): SimMessage => ({
    id: nextId(),
    author: author.name,
    authorEmail: author.email,
    role,
    public: isPublic,
    body,
    createdAt,
  });
  const customer = { name: 'Lena Fischer', email: 'lena.fischer@globex.example' };
  const add = (ticket: Omit<SimTicket, 'repliesSent'>, extra: ZohoTicketExtra) => {
    tickets.set(ticket.id, { ...ticket, repliesSent: 0 });
    extras.set(ticket.id, extra);
  };
  add(
    {
      id: ZOHO_ESCALATION_ID,
      subject: 'Invoices are sent twice to our customers',
      requester: customer,
      status: 'Open',
      priority: 'Medium',
      assignee: AGENT.name,
      tags: ['billing'],
      messages: [
        m(customer, 'customer', true, 'Since the update every invoice goes out twice.\nOur customers are confused.', '2026-11-02T08:00:00.000Z'),
        m(AGENT, 'agent', true, 'Hello Lena, thank you for reporting this. We are checking the mail queue.', '2026-11-02T09:10:00.000Z'),
        m(AGENT, 'agent', false, 'Duplicate sends come from the retry worker; engineering ticket BILL-881.', '2026-11-02T10:00:00.000Z'),
        m(customer, 'customer', true, 'It is still happening. I want to speak to your manager, please escalate this ticket.', '2026-11-03T08:30:00.000Z'),
      ],
      createdAt: '2026-11-02T08:00:00.000Z',
    },
    { ticketNumber: '1042', contactId: '1892000000045001', departmentId: '1892000000006907' },
  );
  const omar = { name: 'Omar Haddad', email: 'omar.haddad@initrode.example' };
  add(
    {
      id: ZOHO_PLAIN_ID,
      subject: 'How do I export my data?',
      requester: omar,
      status: 'Open',
      priority: 'Low',
      assignee: null,
      tags: [],
      messages: [m(omar, 'customer', true, 'Where can I find the export button?', '2026-11-03T07:00:00.000Z')],
      createdAt: '2026-11-03T07:00:00.000Z',
    },
    { ticketNumber: '1043', contactId: '1892000000045002', departmentId: '1892000000006907' },
  );
  const sam = { name: 'Sam Okafor', email: 'sam.okafor@umbrella.example' };
  add(
    {
      id: ZOHO_LONG_ID,
      subject: 'Sync keeps failing on large folders',
      requester: sam,
      status: 'On Hold',
      priority: 'High',
      assignee: AGENT.name,
      tags: ['sync', 'large-account'],
      messages: Array.from({ length: 60 }, (_, i) =>
        i % 2 === 0
          ? m(sam, 'customer', true, `Attempt ${i / 2 + 1}: the sync stopped again.`, new Date(Date.UTC(2026, 9, 1, 8, i)).toISOString())
          : m(AGENT, 'agent', true, `Thanks, logs for attempt ${(i + 1) / 2} received.`, new Date(Date.UTC(2026, 9, 1, 8, i)).toISOString()),
      ),
      createdAt: '2026-10-01T08:00:00.000Z',
    },
    { ticketNumber: '1044', contactId: '1892000000045003', departmentId: '1892000000006907' },
  );
  const mallory = { name: XSS_NAME, email: 'mallory@evil.example' };
  add(
    {
      id: ZOHO_XSS_ID,
      subject: 'Broken <img src=x onerror="window.__xss=1"> export',
      requester: mallory,
      status: 'Open',
      priority: 'Medium',
      assignee: null,
      tags: [],
      messages: [m(mallory, 'customer', true, '<script>window.__xss=2</script> and <a href="javascript:window.__xss=3">click</a>', '2026-11-03T06:00:00.000Z')],
      createdAt: '2026-11-03T06:00:00.000Z',
    },
    { ticketNumber: '1666', contactId: '1892000000045666', departmentId: '1892000000006907' },
  );

  const error = (status: number, errorCode: string, message: string) => json(status, { errorCode, message });
  const person = (name: string, email: string | null, type: string) => ({ name, email, type, photoURL: null });
  /** Threads carry the body as HTML, as the real API does; the body was plain text, so it is escaped. */
  const bodyHtml = (text: string) => `<div>${text.split('\n').map((line) => escapeHtml(line)).join('<br>')}</div>`;

  function ticketJson(t: SimTicket, include: string[]) {
    const x = extras.get(t.id)!;
    return {
      id: t.id,
      ticketNumber: x.ticketNumber,
      subject: t.subject,
      status: t.status,
      statusType: t.status === 'Closed' ? 'Closed' : t.status === 'On Hold' ? 'On Hold' : 'Open',
      priority: t.priority,
      email: t.requester.email,
      channel: 'Email',
      departmentId: x.departmentId,
      contactId: x.contactId,
      assigneeId: t.assignee ? '1892000000042001' : null,
      createdTime: t.createdAt,
      threadCount: String(t.messages.filter((msg) => msg.public).length),
      commentCount: String(t.messages.filter((msg) => !msg.public).length),
      webUrl: `${ZOHO_ORIGIN}/agent/${ZOHO_PORTAL}/all/tickets/details/${t.id}`,
      ...(include.includes('contacts') ? { contact: { id: x.contactId, ...splitName(t.requester.name), email: t.requester.email } } : {}),
      ...(include.includes('assignee')
        ? { assignee: t.assignee ? { id: '1892000000042001', ...splitName(t.assignee), email: AGENT.email } : null }
        : {}),
    };
  }
  const threadJson = (msg: SimMessage, full: boolean) => ({
    id: msg.id,
    channel: 'EMAIL',
    direction: msg.role === 'customer' ? 'in' : 'out',
    visibility: 'public',
    status: 'SUCCESS',
    author: person(msg.author, msg.authorEmail, msg.role === 'customer' ? 'END_USER' : 'AGENT'),
    createdTime: msg.createdAt,
    contentType: 'text/html',
    summary: msg.body.slice(0, 80),
    ...(full ? { content: bodyHtml(msg.body) } : {}),
  });
  const commentJson = (msg: SimMessage) => ({
    id: msg.id,
    content: bodyHtml(msg.body),
    contentType: 'html',
    isPublic: false,
    commenter: { ...person(msg.author, msg.authorEmail, 'AGENT'), roleName: 'Support Agent' },
    commentedTime: msg.createdAt,
  });
  /** Zoho answers an empty list with 204 No Content. */
  const list = (data: unknown[]): SimResponse => (data.length === 0 ? { status: 204, contentType: 'application/json', body: '' } : json(200, { data }));
  const page = <T>(items: T[], params: URLSearchParams, max: number) => {
    const from = Math.max(0, Number(params.get('from') ?? '0'));
    const limit = Math.min(max, Math.max(1, Number(params.get('limit') ?? '10')));
    return items.slice(from, from + limit);
  };

  function api(request: SimRequest, url: URL, rest: string): SimResponse {
    if (request.headers.orgid !== ZOHO_ORG_ID) return error(400, 'INVALID_DATA', 'The orgId header is missing or does not name this organisation.');
    if (request.method !== 'GET') {
      const header = request.headers['x-zcsrf-token'];
      if (header === undefined) return error(401, 'INVALID_OAUTH', 'The CSRF token is missing.');
      if (!header.startsWith('crmcsrfparam=')) return error(422, 'UNPROCESSABLE_ENTITY', 'The CSRF header is malformed.');
      if (header.slice('crmcsrfparam='.length) !== session.csrfToken) return error(401, 'INVALID_OAUTH', 'The CSRF token is invalid.');
    }
    const params = url.searchParams;
    if (rest === '/myinfo' && request.method === 'GET') {
      return json(200, { id: '1892000000042001', ...splitName(AGENT.name), emailId: AGENT.email, roleId: '1892000000006731', status: 'ACTIVE' });
    }
    if (rest === '/tickets/search' && request.method === 'GET') {
      const tag = params.get('tag');
      const found = [...tickets.values()].filter((t) => tag !== null && t.tags.includes(tag));
      return list(found.map((t) => ticketJson(t, [])));
    }
    const match = /^\/tickets\/(\d+)(\/threads|\/comments|\/tags|\/associateTag|\/threads\/(\d+))?$/.exec(rest);
    if (!match) return error(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');
    const ticket = tickets.get(match[1]!);
    if (!ticket) return error(404, 'RESOURCE_NOT_FOUND', 'The requested resource does not exist.');
    const sub = match[2] ?? '';
    if (request.method === 'GET') {
      if (sub === '') return json(200, ticketJson(ticket, (params.get('include') ?? '').split(',')));
      if (sub === '/threads') return list(page(ticket.messages.filter((msg) => msg.public), params, 200).map((msg) => threadJson(msg, false)));
      if (sub === '/comments') return list(page(ticket.messages.filter((msg) => !msg.public), params, 100).map(commentJson));
      if (sub === '/tags') return list(ticket.tags.map((name, i) => ({ id: `1892000000077${String(i).padStart(3, '0')}`, name })));
      const thread = ticket.messages.find((msg) => msg.public && msg.id === match[3]);
      return thread ? json(200, threadJson(thread, true)) : error(404, 'RESOURCE_NOT_FOUND', 'The requested resource does not exist.');
    }
    const body = parseJsonBody(request);
    if (body === undefined || typeof body !== 'object' || body === null) return error(400, 'INVALID_DATA', 'The request body is not valid JSON.');
    const fields = body as Record<string, unknown>;
    if (request.method === 'POST' && sub === '/comments') {
      if (typeof fields.content !== 'string' || fields.content.trim() === '') return error(422, 'INVALID_DATA', 'content is mandatory');
      if (new TextEncoder().encode(fields.content).length > 32_000) return error(422, 'INVALID_DATA', 'content is too long');
      const comment: SimMessage = {
        id: nextId(),
        author: AGENT.name,
        authorEmail: AGENT.email,
        role: 'agent',
        public: fields.isPublic === true,
        body: htmlToPlain(fields.content),
        createdAt: new Date().toISOString(),
      };
      ticket.messages.push(comment);
      return json(200, commentJson(comment));
    }
    if (request.method === 'PATCH' && sub === '') {
      if ('priority' in fields) {
        if (!['Low', 'Medium', 'High', null].includes(fields.priority as string | null)) return error(422, 'INVALID_DATA', 'priority is not a value of this layout');
        ticket.priority = (fields.priority as string | null) ?? '';
      }
      if (typeof fields.status === 'string') ticket.status = fields.status;
      return json(200, ticketJson(ticket, []));
    }
    if (request.method === 'POST' && sub === '/associateTag') {
      const tags = fields.tags;
      if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === 'string' && t.trim() !== '' && t.length <= 50)) {
        return error(422, 'INVALID_DATA', 'tags must be a list of names');
      }
      for (const tag of tags as string[]) if (!ticket.tags.includes(tag.trim())) ticket.tags.push(tag.trim());
      return json(200, { data: ticket.tags.map((name) => ({ name })) });
    }
    return error(405, 'METHOD_NOT_ALLOWED', 'The method is not allowed here.');
  }

  function pageFor(url: URL): SimResponse | null {
    const details = /^\/agent\/acme\/[\w-]+\/tickets\/details\/(\d+)(?:\/[a-z-]+)?\/?$/.exec(url.pathname);
    if (details) {
      const ticket = tickets.get(details[1]!);
      return ticket
        ? html(renderZohoTicketPage(ticket, extras.get(ticket.id)!, session, navItems()))
        : html(renderZohoShell(session, navItems(), '<div data-id="noRecords">This ticket does not exist or was deleted.</div>'), 404);
    }
    if (/^\/agent\/acme(\/[\w-]+\/tickets\/list\/[\w-]+)?\/?$/.test(url.pathname)) {
      return html(renderZohoListPage([...tickets.values()], extras, session, navItems()));
    }
    return null;
  }
  const navItems = (): ZohoNavItem[] => [...tickets.values()].map((t) => ({ id: t.id, ticketNumber: extras.get(t.id)!.ticketNumber }));

  return {
    id: 'zoho',
    session,
    tickets,
    orgId: ZOHO_ORG_ID,
    extras,
    handles: (url) => url.origin === ZOHO_ORIGIN,
    handle(request, url) {
      const base = `/supportapi/zd/${ZOHO_PORTAL}/api/v1`;
      if (url.pathname.startsWith(`${base}/`)) return api(request, url, url.pathname.slice(base.length).replace(/\/$/, ''));
      if (url.pathname.startsWith('/supportapi/')) return error(404, 'URL_NOT_FOUND', 'Unknown portal.');
      return request.method === 'GET' ? pageFor(url) : null;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pages. Public knowledge of Zoho Desk's DOM is low (research: L): the shell models what the adapter relies on
// (the desk_urls page global, which is H) and a stable container it mounts into (modelled, L). The committed
// fixtures (adapters/zoho/fixtures/) were generated from these renderers.

export interface ZohoNavItem {
  readonly id: string;
  readonly ticketNumber: string;
}

const e = escapeHtml;

function shellHead(title: string, session: SimSession): string {
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>${e(title)}</title>
<script>
window.desk_urls = { orgId: '${ZOHO_ORG_ID}', csrf_token: '${session.csrfToken}', portalName: '${ZOHO_PORTAL}', deskUrl: '${ZOHO_ORIGIN}', staticUrl: 'https://static.zohocdn.com/zohodesk', isPortal: false };
</script>
</head>`;
}

function leftNav(items: readonly ZohoNavItem[]): string {
  return `<nav class="zd-leftnav" data-id="leftPanel" aria-label="Tickets"><ul>${items
    .map((i) => `<li><a data-sim-link href="/agent/${ZOHO_PORTAL}/all/tickets/details/${i.id}">#${e(i.ticketNumber)}</a></li>`)
    .join('')}<li><a data-sim-link href="/agent/${ZOHO_PORTAL}/all/tickets/list/all-tickets">All tickets</a></li></ul></nav>`;
}

function renderZohoShell(session: SimSession, items: readonly ZohoNavItem[], main: string, title = 'Zoho Desk'): string {
  return `${shellHead(title, session)}
<body class="zd-app-body">
<div id="zd-app" class="zd-app" data-sim-swap>
<header class="zd-topband" data-id="topBand"><span class="zd-logo">Zoho Desk</span><input type="search" data-id="globalSearch" placeholder="Search"><span class="zd-user" data-id="currentUser">${e(session.agent.name)}</span></header>
${leftNav(items)}
<main id="zd-main" class="zd-main">${main}</main>
</div>
${spaScriptTag()}
</body></html>
`;
}

function thread(msg: SimMessage): string {
  const kind = msg.public ? (msg.role === 'customer' ? 'incoming' : 'outgoing') : 'comment';
  return `<div class="zd-thread zd-thread-${kind}" data-id="threadItem"><div class="zd-thread-head"><span class="zd-thread-author">${e(msg.author)}</span><time datetime="${msg.createdAt}">${e(msg.createdAt.slice(0, 16).replace('T', ' '))}</time></div><div class="zd-thread-summary">${e(msg.body.slice(0, 120))}</div></div>`;
}

/** The ticket detail view: conversation collapsed to its latest threads (the full history is in the API). */
export function renderZohoTicketPage(ticket: SimTicket, extra: ZohoTicketExtra, session: SimSession, items: readonly ZohoNavItem[]): string {
  const shown = ticket.messages.slice(-3);
  const hidden = ticket.messages.length - shown.length;
  return renderZohoShell(
    session,
    items,
    `<div class="zd-ticketdetail" data-id="ticketDetailView">
<div class="zd-ticket-header" data-id="ticketDetailHeader"><span class="zd-ticket-number">#${e(extra.ticketNumber)}</span><h1 class="zd-ticket-subject">${e(ticket.subject)}</h1><span class="zd-ticket-contact">${e(ticket.requester.name)}</span></div>
<div class="zd-conversation" data-id="conversationView">${hidden > 0 ? `<button type="button" class="zd-load-more" data-id="loadMoreThreads">View ${hidden} more</button>` : ''}${shown.map(thread).join('')}</div>
<div class="zd-reply" data-id="replyEditorContainer"><div class="zd-editor" data-id="replyEditor" contenteditable="true" role="textbox" aria-label="Reply"></div><button type="button" class="zd-send" data-id="sendButton">Send</button></div>
<aside class="zd-rightpanel" data-id="ticketPropertiesPanel"><dl><dt>Status</dt><dd>${e(ticket.status)}</dd><dt>Priority</dt><dd>${e(ticket.priority || '-None-')}</dd><dt>Owner</dt><dd>${e(ticket.assignee ?? 'Unassigned')}</dd></dl></aside>
</div>`,
    `#${extra.ticketNumber} ${ticket.subject} - Zoho Desk`,
  );
}

export function renderZohoListPage(tickets: readonly SimTicket[], extras: Map<string, ZohoTicketExtra>, session: SimSession, items: readonly ZohoNavItem[]): string {
  return renderZohoShell(
    session,
    items,
    `<div class="zd-listview" data-id="ticketListView"><h1>All Tickets</h1><ul>${tickets
      .map(
        (t) =>
          `<li class="zd-list-row" data-id="ticketListItem"><a data-sim-link href="/agent/${ZOHO_PORTAL}/all/tickets/details/${t.id}">#${e(extras.get(t.id)!.ticketNumber)} ${e(t.subject)}</a><span>${e(t.status)}</span></li>`,
      )
      .join('')}</ul></div>`,
    'All Tickets - Zoho Desk',
  );
}

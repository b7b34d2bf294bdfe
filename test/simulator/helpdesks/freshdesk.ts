// Simulated Freshdesk (agent portal /a/, 2026-11): ticket pages rendered from state with the markup of
// adapters/freshdesk/fixtures (generated from `renderTicketPage`), showing only the latest conversations behind a
// "load more" button as the real page does, and a stateful subset of /api/v2. Reads pass with the session (research
// section 2: live-verified); writes must carry X-CSRF-Token equal to the page's <meta name="csrf-token"> (the
// research's second option; the simulator's choice, confidence L), else 401 as Freshdesk answers unauthenticated calls.
import { escapeHtml as esc, html, json, parseJsonBody, text } from '../index';
import { spaScriptTag } from '../spa';
import type { SimHelpdesk, SimMessage, SimRequest, SimResponse, SimTicket } from '../types';

export const FRESHDESK_HOST = 'acme.freshdesk.com';
export const FRESHDESK_STATUS: Readonly<Record<string, string>> = { '2': 'Open', '3': 'Pending', '4': 'Resolved', '5': 'Closed' };
export const FRESHDESK_PRIORITY: Readonly<Record<string, string>> = { '1': 'Low', '2': 'Medium', '3': 'High', '4': 'Urgent' };
/** The page shows the description and this many latest conversations; the rest sit behind "load more". */
const SHOWN_CONVERSATIONS = 2;

interface FreshdeskUser {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly agent: boolean;
}

export interface FreshdeskSim extends SimHelpdesk {
  renderTicketPage(ticketId: string): string | null;
  renderListPage(): string;
  readonly users: ReadonlyMap<string, FreshdeskUser>;
}

const AGENT = { name: 'Avery Agent', email: 'avery.agent@acme.test' };
const OTHER_AGENT = { name: 'Sam Support', email: 'sam.support@acme.test' };

export function createFreshdeskSim(options: { now?: () => Date } = {}): FreshdeskSim {
  const now = options.now ?? (() => new Date());
  const session = { cookie: '_helpkit_session=sim-fd-session', csrfToken: 'fd-csrf-93be51c0d7', agent: AGENT };
  const tickets = new Map<string, SimTicket>(seedTickets().map((t) => [t.id, t]));
  const users = new Map<string, FreshdeskUser>();
  let nextContactId = 48_000_101;
  let nextAgentId = 47_000_001;
  let nextConversationId = 73_000_901;
  const userFor = (name: string, email: string, agent: boolean): FreshdeskUser => {
    const found = users.get(email);
    if (found) return found;
    const user = { id: agent ? nextAgentId++ : nextContactId++, name, email, agent };
    users.set(email, user);
    return user;
  };
  userFor(AGENT.name, AGENT.email, true);
  userFor(OTHER_AGENT.name, OTHER_AGENT.email, true);
  for (const t of tickets.values()) {
    userFor(t.requester.name, t.requester.email, false);
    for (const m of t.messages) if (m.authorEmail) userFor(m.author, m.authorEmail, m.role === 'agent');
  }
  const agentByName = (name: string | null) => (name ? [...users.values()].find((u) => u.agent && u.name === name) ?? null : null);
  const userOf = (m: SimMessage) => (m.authorEmail ? users.get(m.authorEmail) ?? null : null);

  const apiTicket = (t: SimTicket, withRequester: boolean) => {
    const requester = userFor(t.requester.name, t.requester.email, false);
    return {
      id: Number(t.id),
      subject: t.subject,
      description: `<div>${esc(t.messages[0]?.body ?? '')}</div>`,
      description_text: t.messages[0]?.body ?? '',
      status: Number(t.status),
      priority: Number(t.priority),
      source: 1,
      type: 'Question',
      requester_id: requester.id,
      responder_id: agentByName(t.assignee)?.id ?? null,
      group_id: null,
      tags: [...t.tags],
      created_at: t.createdAt,
      updated_at: t.messages.at(-1)?.createdAt ?? t.createdAt,
      ...(withRequester ? { requester: { id: requester.id, name: requester.name, email: requester.email, mobile: null, phone: null } } : {}),
    };
  };
  const apiConversation = (m: SimMessage, t: SimTicket) => ({
    id: Number(m.id),
    body: `<div>${esc(m.body)}</div>`,
    body_text: m.body,
    incoming: m.role === 'customer',
    private: !m.public,
    user_id: userOf(m)?.id ?? null,
    support_email: m.role === 'agent' && m.public ? 'support@acme.freshdesk.com' : null,
    source: m.public ? 0 : 2,
    ticket_id: Number(t.id),
    from_email: m.role === 'customer' ? m.authorEmail : null,
    created_at: m.createdAt,
    updated_at: m.createdAt,
  });
  const apiAgent = (u: FreshdeskUser) => ({
    id: u.id,
    available: true,
    occasional: false,
    contact: { name: u.name, email: u.email, active: true },
    created_at: '2024-01-10T09:00:00Z',
  });

  const handles = (url: URL) => url.hostname === FRESHDESK_HOST;

  function handle(request: SimRequest, url: URL): SimResponse | null {
    const path = url.pathname;
    if (path.startsWith('/api/v2/')) return api(request, url);
    if (request.method !== 'GET') return null;
    const page = /^\/(?:a|helpdesk)\/tickets\/(\d+)\/?$/.exec(path);
    if (page) {
      const body = renderTicketPage(page[1]!);
      return body === null ? html(notFoundPage(), 404) : html(body);
    }
    if (/^\/a\/(?:tickets(?:\/filters\/[a-z0-9_]+)?|dashboard\/default)\/?$/.test(path)) return html(renderListPage());
    return null;
  }

  function api(request: SimRequest, url: URL): SimResponse {
    const path = url.pathname;
    const write = request.method !== 'GET';
    if (write && request.headers['x-csrf-token'] !== session.csrfToken) {
      return json(401, { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
    }
    if (!write && path === '/api/v2/agents/me') return json(200, apiAgent(users.get(AGENT.email)!));
    const agent = /^\/api\/v2\/agents\/(\d+)$/.exec(path);
    if (!write && agent) {
      const found = [...users.values()].find((u) => u.agent && u.id === Number(agent[1]));
      return found ? json(200, apiAgent(found)) : text(404, '');
    }
    if (!write && path === '/api/v2/search/tickets') return search(url);
    const m = /^\/api\/v2\/tickets\/(\d+)(\/conversations|\/notes)?$/.exec(path);
    if (!m) return text(404, '');
    const ticket = tickets.get(m[1]!);
    if (!ticket) return text(404, '');
    const kind = m[2] ?? '';

    if (kind === '' && request.method === 'GET') {
      return json(200, apiTicket(ticket, (url.searchParams.get('include') ?? '').split(',').includes('requester')));
    }
    if (kind === '/conversations' && request.method === 'GET') {
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const conversations = ticket.messages.slice(1);
      const slice = conversations.slice((page - 1) * perPage, page * perPage);
      const more = page * perPage < conversations.length;
      const headers: Record<string, string> = more
        ? { link: `<https://${FRESHDESK_HOST}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"` }
        : {};
      return { ...json(200, slice.map((c) => apiConversation(c, ticket))), headers };
    }
    const body = parseJsonBody(request);
    if (body === undefined || typeof body !== 'object' || body === null) {
      return json(400, { description: 'Validation failed', errors: [{ field: '', message: 'Request body has invalid json format', code: 'invalid_json' }] });
    }
    const fields = body as Record<string, unknown>;
    if (kind === '/notes' && request.method === 'POST') {
      if (typeof fields.body !== 'string' || fields.body.trim() === '') return invalid('body', "It should not be blank as this is a mandatory field");
      const note: SimMessage = {
        id: String(nextConversationId++),
        author: AGENT.name,
        authorEmail: AGENT.email,
        role: 'agent',
        public: fields.private === false, // notes are private unless told otherwise
        body: htmlToText(fields.body),
        createdAt: now().toISOString(),
      };
      ticket.messages.push(note);
      return json(201, { ...apiConversation(note, ticket), body: fields.body });
    }
    if (kind === '' && request.method === 'PUT') {
      if ('priority' in fields && !(typeof fields.priority === 'number' && String(fields.priority) in FRESHDESK_PRIORITY)) {
        return invalid('priority', "It should be one of these values: '1,2,3,4'");
      }
      if ('tags' in fields && !(Array.isArray(fields.tags) && fields.tags.every((t) => typeof t === 'string'))) {
        return invalid('tags', 'It should be an Array of Strings');
      }
      if ('priority' in fields) ticket.priority = String(fields.priority);
      if ('tags' in fields) ticket.tags = [...new Set(fields.tags as string[])]; // replaces the list
      return json(200, apiTicket(ticket, false));
    }
    return text(405, '');
  }

  function invalid(field: string, message: string): SimResponse {
    return json(400, { description: 'Validation failed', errors: [{ field, message, code: 'invalid_value' }] });
  }

  function search(url: URL): SimResponse {
    // query="tag:'escalated' AND priority:4" (the value is wrapped in double quotes)
    const query = (url.searchParams.get('query') ?? '').replace(/^"|"$/g, '');
    const tags = [...query.matchAll(/tag:'([^']*)'/g)].map((m) => m[1]!.toLowerCase());
    const results = [...tickets.values()].filter((t) => tags.every((tag) => t.tags.map((x) => x.toLowerCase()).includes(tag)));
    return json(200, { results: results.map((t) => apiTicket(t, false)), total: results.length });
  }

  function renderTicketPage(ticketId: string): string | null {
    const t = tickets.get(ticketId);
    if (!t) return null;
    const [description, ...conversations] = t.messages;
    const hidden = Math.max(0, conversations.length - SHOWN_CONVERSATIONS);
    const shown = conversations.slice(hidden);
    const requester = userFor(t.requester.name, t.requester.email, false);
    return shell(
      `#${t.id} : ${t.subject} : Acme Support`,
      session.csrfToken,
      `<div class="ticket-details-page" data-test-id="ticket-details-page">
          <div class="page-actions">
            <nav class="breadcrumb"><a href="/a/tickets/filters/all_tickets" data-sim-link>All tickets</a> <span>#${t.id}</span></nav>
            <div class="ticket-actions" role="toolbar">
              <button type="button" data-test-id="ticket-action-reply" class="app-icon-btn">Reply</button>
              <button type="button" data-test-id="ticket-action-add-note" class="app-icon-btn">Add note</button>
              <button type="button" data-test-id="ticket-action-forward" class="app-icon-btn">Forward</button>
              <button type="button" data-test-id="ticket-action-close" class="app-icon-btn">Close</button>
            </div>
          </div>
          <div class="ticket-details">
            <h2 class="ticket-subject-heading" data-test-id="ticket-subject-heading">${esc(t.subject)}</h2>
            <div class="ticket-details__list">
              ${description ? item(description, true, requester.id) : ''}
              ${hidden > 0 ? `<button type="button" class="load-more" data-test-button="load-more">+${hidden} conversations</button>` : ''}
              ${shown.map((m) => item(m, false, userOf(m)?.id ?? 0)).join('')}
              <div class="ticket-details__item rich-editor" data-test-id="reply-editor">
                <div class="fr-box fr-basic"><div class="fr-wrapper"><div class="fr-element fr-view" contenteditable="true" dir="auto" aria-label="Reply"><p><br></p></div></div></div>
                <div class="rich-editor__footer"><button type="button" data-test-button="send">Send</button></div>
              </div>
            </div>
          </div>
          <aside class="ticket-sidebar">
            <ticket-details data-test-id="ticket-properties" data-ticket-id="${t.id}"></ticket-details>
            <fw-unified-mfe--contact-info data-contact-id="${requester.id}"></fw-unified-mfe--contact-info>
            <div class="requester-timeline" data-test-id="timeline-activity-ticket"><span data-test-id="timeline-activity-time">${t.createdAt.slice(0, 10)}</span></div>
          </aside>
        </div>`,
      [...tickets.values()],
    );
  }

  function renderListPage(): string {
    const rows = [...tickets.values()]
      .map(
        (t) => `
              <tr class="ticket-list__row" data-test-id="ticket-list-row">
                <td><span class="ticket-id">#${t.id}</span></td>
                <td><a class="ticket-list__subject" href="/a/tickets/${t.id}" data-sim-link>${esc(t.subject)}</a></td>
                <td>${esc(t.requester.name)}</td>
                <td>${esc(FRESHDESK_STATUS[t.status] ?? t.status)}</td>
                <td>${esc(FRESHDESK_PRIORITY[t.priority] ?? t.priority)}</td>
              </tr>`,
      )
      .join('');
    return shell(
      'All tickets : Acme Support',
      session.csrfToken,
      `<div class="tickets-list-page" data-test-id="ticket-list-page">
          <h2>All tickets</h2>
          <table class="ticket-list" data-test-id="ticket-list"><tbody>${rows}
          </tbody></table>
        </div>`,
      [...tickets.values()],
    );
  }

  return { id: 'freshdesk', handles, handle, tickets, session, users, renderTicketPage, renderListPage };
}

function item(m: SimMessage, isDescription: boolean, userId: number): string {
  const kind = !m.public ? 'private-note' : m.role === 'customer' ? 'incoming' : 'outgoing';
  return `
              <div class="ticket-details__item ${kind}"${isDescription ? ' data-test-id="ticket-description"' : ''}>
                <div class="conversation-header">
                  <a class="conversation-header__author" href="/a/contacts/${userId}">${esc(m.author)}</a>
                  ${m.public ? '' : '<span class="private-note-label">Private note</span>'}
                  <time datetime="${m.createdAt}">${m.createdAt.slice(0, 16).replace('T', ' ')}</time>
                </div>
                <div class="ticket_note" data-note-id="${isDescription ? 'description' : m.id}">
                  <div data-test-conversation="conversation-text">${esc(m.body)}</div>
                </div>
              </div>`;
}

function shell(title: string, csrf: string, body: string, all: readonly SimTicket[]): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="csrf-param" content="authenticity_token">
  <meta name="csrf-token" content="${esc(csrf)}">
  <title>${esc(title)}</title>
</head>
<body class="ember-application">
  <div id="ember-app" data-sim-swap>
    <header class="app-header">
      <div class="app-header__search"><input type="search" placeholder="Search" aria-label="Search"></div>
      <div class="app-header__profile" data-test-id="user-profile-avatar" title="${esc(AGENT.name)}">AA</div>
    </header>
    <nav class="app-sidebar" aria-label="Main">
      <a href="/a/dashboard/default" data-sim-link>Dashboard</a>
      <a href="/a/tickets/filters/all_tickets" data-sim-link>Tickets</a>
      <ul class="recent-tickets">${all.map((t) => `<li><a href="/a/tickets/${t.id}" data-sim-link>#${t.id} ${esc(t.subject)}</a></li>`).join('')}</ul>
    </nav>
    <main class="page-content">
      ${body}
    </main>
  </div>
  ${spaScriptTag()}
</body>
</html>
`;
}

function notFoundPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>The page you were looking for doesn't exist</h1></body></html>`;
}

/** The plain text of a note's HTML body (paragraphs become lines), as the helpdesk shows it. */
export function htmlToText(value: string): string {
  return value
    .replace(/<br\s*\/?>/gi, '')
    .replace(/<\/p>\s*/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n$/, '');
}

function seedTickets(): SimTicket[] {
  const customer = (id: string, who: { name: string; email: string }, body: string, createdAt: string): SimMessage => ({
    id, author: who.name, authorEmail: who.email, role: 'customer', public: true, body, createdAt,
  });
  const agent = (id: string, body: string, createdAt: string, isPublic = true, who = AGENT): SimMessage => ({
    id, author: who.name, authorEmail: who.email, role: 'agent', public: isPublic, body, createdAt,
  });
  const priya = { name: 'Priya Raman', email: 'priya.raman@tailspin.test' };
  const marco = { name: 'Marco Bellini', email: 'marco.bellini@adatum.test' };
  const ines = { name: 'Ines Duarte', email: 'ines.duarte@litware.test' };
  const mallory = { name: '<script>window.__xss=2</script> Mallory', email: 'mallory@evil.test' };
  return [
    {
      id: '201',
      subject: 'Order #4411 arrived damaged',
      requester: priya,
      status: '2',
      priority: '2',
      assignee: AGENT.name,
      tags: ['shipping', 'damaged'],
      createdAt: '2026-11-01T08:00:00Z',
      repliesSent: 0,
      messages: [
        customer('description', priya, 'My order #4411 arrived with a cracked screen. I need a replacement.', '2026-11-01T08:00:00Z'),
        agent('73000101', 'Sorry to hear that, Priya. Could you send a photo of the damage?', '2026-11-01T09:10:00Z'),
        customer('73000102', priya, 'Photo attached. When will the replacement ship?', '2026-11-01T11:45:00Z'),
        agent('73000103', 'Warehouse says the replacement stock arrives next week; courier claim opened.', '2026-11-01T12:00:00Z', false),
        customer('73000104', priya, 'I have asked twice now and nobody tells me anything. Please escalate this to a supervisor.', '2026-11-03T07:30:00Z'),
      ],
    },
    {
      id: '202',
      subject: 'Change billing address',
      requester: marco,
      status: '3',
      priority: '1',
      assignee: OTHER_AGENT.name,
      tags: ['billing'],
      createdAt: '2026-11-02T10:00:00Z',
      repliesSent: 0,
      messages: [
        customer('description', marco, 'Please change our billing address to Via Roma 12, Milano.', '2026-11-02T10:00:00Z'),
        agent('73000201', 'Done: the next invoice will use the new address.', '2026-11-02T10:20:00Z', true, OTHER_AGENT),
      ],
    },
    {
      id: '203',
      subject: 'Feature request: dark mode',
      requester: ines,
      status: '2',
      priority: '1',
      assignee: null,
      tags: [],
      createdAt: '2026-11-03T06:30:00Z',
      repliesSent: 0,
      messages: [customer('description', ines, 'Would you consider adding a dark mode to the dashboard?', '2026-11-03T06:30:00Z')],
    },
    {
      id: '666',
      subject: 'Refund <img src=x onerror="window.__xss=1">',
      requester: mallory,
      status: '2',
      priority: '3',
      assignee: null,
      tags: ['security'],
      createdAt: '2026-11-03T06:00:00Z',
      repliesSent: 0,
      messages: [
        customer('description', mallory, 'Look: <img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script>', '2026-11-03T06:00:00Z'),
        customer('73000666', mallory, 'Also <a href="javascript:window.__xss=3">click</a>', '2026-11-03T06:05:00Z'),
      ],
    },
  ];
}

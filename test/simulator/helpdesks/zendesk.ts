// Simulated Zendesk Support (agent workspace, 2026-11): ticket pages rendered from state with the markup of
// adapters/zendesk/fixtures (the fixtures are generated from `renderTicketPage`), and a stateful subset of the
// /api/v2 REST API. Reads pass with the session; writes must echo the page's <meta name="csrf-token"> in
// X-CSRF-Token (403 otherwise), as the research (section 1, "Auth from the agent tab", M) describes.
import { escapeHtml as esc, html, json, parseJsonBody } from '../index';
import { spaScriptTag } from '../spa';
import type { SimHelpdesk, SimMessage, SimRequest, SimResponse, SimTicket } from '../types';

export const ZENDESK_HOST = 'acme.zendesk.com';
/** A host-mapped custom domain: the same helpdesk on the company's own host. */
export const ZENDESK_CUSTOM_HOST = 'support.acme.test';
export const ZENDESK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const STATUS_LABELS: Record<string, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  hold: 'On-hold',
  solved: 'Solved',
  closed: 'Closed',
};

interface ZendeskUser {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly role: 'end-user' | 'agent' | 'admin';
}

export interface ZendeskSim extends SimHelpdesk {
  /** The ticket page as the agent workspace renders it (null for an unknown ticket). */
  renderTicketPage(ticketId: string): string | null;
  /** A view (ticket list): a non-ticket page. */
  renderViewPage(): string;
  /** Users by e-mail (agents and requesters), with their numeric ids. */
  readonly users: ReadonlyMap<string, ZendeskUser>;
}

const AGENT = { name: 'Avery Agent', email: 'avery.agent@acme.test' };
const OTHER_AGENT = { name: 'Sam Support', email: 'sam.support@acme.test' };

export function createZendeskSim(options: { now?: () => Date } = {}): ZendeskSim {
  const now = options.now ?? (() => new Date());
  const session = { cookie: '_zendesk_shared_session=sim-zd-session', csrfToken: 'zd-csrf-4f1c9a7e2b', agent: AGENT };
  const tickets = new Map<string, SimTicket>(seedTickets().map((t) => [t.id, t]));
  const users = new Map<string, ZendeskUser>();
  let nextUserId = 360_001;
  let nextCommentId = 9_001;
  const userFor = (name: string, email: string, role: ZendeskUser['role']): ZendeskUser => {
    const existing = users.get(email);
    if (existing) return existing;
    const user = { id: nextUserId++, name, email, role };
    users.set(email, user);
    return user;
  };
  userFor(AGENT.name, AGENT.email, 'admin');
  userFor(OTHER_AGENT.name, OTHER_AGENT.email, 'agent');
  for (const t of tickets.values()) {
    userFor(t.requester.name, t.requester.email, 'end-user');
    for (const m of t.messages) if (m.authorEmail) userFor(m.author, m.authorEmail, m.role === 'customer' ? 'end-user' : 'agent');
  }
  const userByName = (name: string | null) => (name ? [...users.values()].find((u) => u.name === name) ?? null : null);

  const apiTicket = (t: SimTicket) => ({
    id: Number(t.id),
    url: `https://${ZENDESK_HOST}/api/v2/tickets/${t.id}.json`,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.messages[0]?.body ?? '',
    status: t.status,
    priority: t.priority === '' ? null : t.priority,
    requester_id: userFor(t.requester.name, t.requester.email, 'end-user').id,
    assignee_id: userByName(t.assignee)?.id ?? null,
    tags: [...t.tags],
    created_at: t.createdAt,
    updated_at: t.messages.at(-1)?.createdAt ?? t.createdAt,
    via: { channel: 'email' },
  });
  const apiUser = (u: ZendeskUser) => ({ id: u.id, name: u.name, email: u.email, role: u.role });
  const apiComment = (m: SimMessage, t: SimTicket) => ({
    id: Number(m.id),
    type: 'Comment',
    author_id: m.authorEmail ? userFor(m.author, m.authorEmail, m.role === 'customer' ? 'end-user' : 'agent').id : -1,
    body: m.body,
    plain_body: m.body,
    html_body: `<div class="zd-comment" dir="auto">${esc(m.body)}</div>`,
    public: m.public,
    created_at: m.createdAt,
    via: { channel: m.role === 'customer' ? 'email' : 'web' },
    ticket_id: Number(t.id),
  });
  const usersOf = (t: SimTicket) => {
    const ids = new Set<number>();
    const out: ReturnType<typeof apiUser>[] = [];
    const add = (u: ZendeskUser | null) => {
      if (u && !ids.has(u.id)) ids.add(u.id), out.push(apiUser(u));
    };
    add(users.get(t.requester.email) ?? null);
    add(userByName(t.assignee));
    for (const m of t.messages) add(m.authorEmail ? users.get(m.authorEmail) ?? null : null);
    return out;
  };

  const handles = (url: URL) => url.hostname === ZENDESK_HOST || url.hostname === ZENDESK_CUSTOM_HOST;

  function handle(request: SimRequest, url: URL): SimResponse | null {
    const path = url.pathname;
    if (path.startsWith('/api/v2/')) return api(request, url);
    if (request.method !== 'GET') return null;
    const page = /^\/agent\/tickets\/(\d+)(?:\/[a-z_]+)?\/?$/.exec(path);
    if (page) {
      const body = renderTicketPage(page[1]!);
      return body === null ? html(notFoundPage(), 404) : html(body);
    }
    if (/^\/agent\/(?:dashboard|filters\/\d+|tickets\/new\/\d+)\/?$/.test(path) || path === '/agent' || path === '/agent/') {
      return html(renderViewPage());
    }
    return null;
  }

  function api(request: SimRequest, url: URL): SimResponse {
    const path = url.pathname;
    const write = request.method !== 'GET';
    // The CSRF check is the auth check for writes (the session cookie is not visible to request interception).
    if (write && request.headers['x-csrf-token'] !== session.csrfToken) {
      return json(403, { error: 'InvalidAuthenticityToken', description: 'Invalid or missing CSRF token' });
    }
    if (path === '/api/v2/users/me.json' && !write) return json(200, { user: apiUser(users.get(AGENT.email)!) });
    if (path === '/api/v2/search.json' && !write) return search(url);
    const m = /^\/api\/v2\/tickets\/(\d+)(\.json|\/comments\.json|\/tags\.json)$/.exec(path);
    if (!m) return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
    const ticket = tickets.get(m[1]!);
    if (!ticket) return json(404, { error: 'RecordNotFound', description: 'Not found' });
    const include = (url.searchParams.get('include') ?? '').split(',').includes('users');
    const kind = m[2]!;

    if (kind === '.json' && request.method === 'GET') {
      return json(200, { ticket: apiTicket(ticket), ...(include ? { users: usersOf(ticket) } : {}) });
    }
    if (kind === '/comments.json' && request.method === 'GET') {
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 100) || 100));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const slice = ticket.messages.slice((page - 1) * perPage, page * perPage);
      const more = page * perPage < ticket.messages.length;
      const pageUrl = (n: number) => {
        const next = new URL(url.href);
        next.searchParams.set('page', String(n));
        return next.href;
      };
      return json(200, {
        comments: slice.map((msg) => apiComment(msg, ticket)),
        ...(include ? { users: usersOf(ticket) } : {}),
        next_page: more ? pageUrl(page + 1) : null,
        previous_page: page > 1 ? pageUrl(page - 1) : null,
        count: ticket.messages.length,
      });
    }
    if (kind === '/tags.json') {
      if (request.method === 'GET') return json(200, { tags: ticket.tags });
      const body = parseJsonBody(request) as { tags?: unknown } | undefined;
      if (body === undefined) return json(400, { error: 'InvalidJSON', description: 'Could not parse the request body' });
      const tags = body?.tags;
      if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
        return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { tags: ['is invalid'] } });
      }
      const clean = tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, '_')).filter((t) => t !== '');
      if (request.method === 'PUT') ticket.tags = [...new Set([...ticket.tags, ...clean])];
      else if (request.method === 'POST') ticket.tags = [...new Set(clean)];
      else if (request.method === 'DELETE') ticket.tags = ticket.tags.filter((t) => !clean.includes(t));
      else return json(405, { error: 'MethodNotAllowed' });
      return json(200, { tags: ticket.tags });
    }
    if (kind === '.json' && request.method === 'PUT') return updateTicket(request, ticket);
    return json(405, { error: 'MethodNotAllowed' });
  }

  function updateTicket(request: SimRequest, ticket: SimTicket): SimResponse {
    const body = parseJsonBody(request);
    if (body === undefined) return json(400, { error: 'InvalidJSON', description: 'Could not parse the request body' });
    const update = (body as { ticket?: Record<string, unknown> } | null)?.ticket;
    if (!update || typeof update !== 'object') {
      return json(400, { error: 'InvalidJSON', description: 'ticket is required' });
    }
    const details: Record<string, string[]> = {};
    if ('priority' in update && update.priority !== null && !(ZENDESK_PRIORITIES as readonly unknown[]).includes(update.priority)) {
      details.priority = ['is not a valid priority'];
    }
    const comment = update.comment as { body?: unknown; html_body?: unknown; public?: unknown } | undefined;
    const commentText = comment ? (typeof comment.body === 'string' ? comment.body : comment.html_body) : undefined;
    if (comment && (typeof commentText !== 'string' || commentText.trim() === '')) details.comment = ['cannot be blank'];
    if (Object.keys(details).length > 0) {
      return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details });
    }
    if ('priority' in update) ticket.priority = (update.priority as string | null) ?? '';
    if (Array.isArray(update.additional_tags)) ticket.tags = [...new Set([...ticket.tags, ...(update.additional_tags as string[])])];
    if (comment && typeof commentText === 'string') {
      ticket.messages.push({
        id: String(nextCommentId++),
        author: AGENT.name,
        authorEmail: AGENT.email,
        role: 'agent',
        public: comment.public !== false, // Zendesk comments are public unless told otherwise
        body: commentText,
        createdAt: now().toISOString(),
      });
    }
    return json(200, { ticket: apiTicket(ticket), audit: { ticket_id: Number(ticket.id), author_id: users.get(AGENT.email)!.id } });
  }

  function search(url: URL): SimResponse {
    const query = url.searchParams.get('query') ?? '';
    const terms = query.split(/\s+/).filter(Boolean);
    const wantTags = terms.filter((t) => t.startsWith('tags:')).map((t) => t.slice(5).toLowerCase());
    const results = [...tickets.values()].filter((t) => wantTags.every((tag) => t.tags.includes(tag)));
    return json(200, { results: results.map((t) => ({ ...apiTicket(t), result_type: 'ticket' })), count: results.length, next_page: null });
  }

  function renderTicketPage(ticketId: string): string | null {
    const active = tickets.get(ticketId);
    if (!active) return null;
    // The agent workspace keeps recently opened tickets mounted (hidden) next to the active one.
    const others = [...tickets.values()].filter((t) => t.id !== ticketId).slice(0, 2);
    const open = [active, ...others];
    return shell(
      `Ticket: ${active.subject}`,
      session.csrfToken,
      `${headerBar(open, ticketId)}
      <main class="app_view_wrapper" role="main">
        ${open.map((t) => workspace(t, t.id === ticketId)).join('\n')}
      </main>`,
      [...tickets.values()],
    );
  }

  function renderViewPage(): string {
    const rows = [...tickets.values()]
      .map(
        (t) => `
          <tr data-test-id="generic-table-row" data-garden-id="tables.row">
            <td data-test-id="generic-table-cells-id">#${t.id}</td>
            <td data-test-id="generic-table-cells-subject"><a href="/agent/tickets/${t.id}" data-sim-link>${esc(t.subject)}</a></td>
            <td data-test-id="generic-table-cells-requester">${esc(t.requester.name)}</td>
            <td data-test-id="generic-table-cells-status"><span data-garden-id="tags.tag">${esc(STATUS_LABELS[t.status] ?? t.status)}</span></td>
            <td data-test-id="generic-table-cells-priority">${esc(capitalise(t.priority) || '-')}</td>
          </tr>`,
      )
      .join('');
    return shell(
      'Views – Acme Support',
      session.csrfToken,
      `${headerBar([], null)}
      <main class="app_view_wrapper" role="main">
        <div class="filters-view" data-test-id="views_views-list_general-view">
          <nav data-test-id="views_views-list_list" aria-label="Views">
            <a href="/agent/filters/360094512" data-sim-link>Your unsolved tickets</a>
            <a href="/agent/filters/360094513" data-sim-link>Unassigned tickets</a>
            <a href="/agent/filters/360094514" data-sim-link>Recently updated tickets</a>
          </nav>
          <section data-test-id="views_views-pane-content">
            <h1 data-test-id="views_views-header-title">Your unsolved tickets</h1>
            <table data-test-id="table-main" data-garden-id="tables.table">
              <thead><tr><th>ID</th><th>Subject</th><th>Requester</th><th>Status</th><th>Priority</th></tr></thead>
              <tbody>${rows}
              </tbody>
            </table>
          </section>
        </div>
      </main>`,
      [...tickets.values()],
    );
  }

  function workspace(t: SimTicket, active: boolean): string {
    const messages = t.messages.map((m) => logItem(m, m.authorEmail ? users.get(m.authorEmail)?.id ?? 0 : 0)).join('');
    const assignee = t.assignee
      ? `<div data-test-id="assignee-field-selected-agent-tag" data-garden-id="tags.tag"><span title="${esc(t.assignee)}">${esc(t.assignee)}</span></div>`
      : `<span data-test-id="assignee-field-placeholder">-</span>`;
    const tags = t.tags
      .map(
        (tag) =>
          `<div data-test-id="ticket-system-field-tags-item-selected" data-garden-id="tags.tag">${esc(tag)}<button type="button" aria-label="Remove tag" tabindex="-1">×</button></div>`,
      )
      .join('');
    return `
        <div class="workspace ticket-workspace" data-side-conversations-anchor-id="${t.id}" data-test-id="ticket-workspace"${active ? '' : ' style="display: none;"'}>
          <div class="ticket-main">
            <header data-test-id="omni-header" class="omni-header">
              <input data-test-id="omni-header-subject" aria-label="Subject" type="text" value="${esc(t.subject)}">
              <div data-cy-test-id="status-badge-state" data-garden-id="tags.tag">${esc(STATUS_LABELS[t.status] ?? t.status)}</div>
              <div data-test-id="omni-header-via-label">Via email</div>
            </header>
            <div data-test-id="omni-log-container" role="log" aria-label="Conversation">
              ${t.messages.length > 3 ? '<button type="button" data-test-id="convolog-show-more-button">Show more</button>' : ''}
              ${messages}
            </div>
            <div data-test-id="editor-view" class="editor-view">
              <button type="button" data-test-id="omnichannel-channel-switcher-button" data-channel="web">Public reply</button>
              <div data-test-id="omnicomposer-rich-text-ckeditor" class="ck ck-editor">
                <div class="ck ck-content ck-editor__editable ck-rounded-corners ck-editor__editable_inline" contenteditable="true" role="textbox" aria-label="Rich Text Editor. Editing area: main" lang="en-US" dir="ltr"><p><br data-cke-filler="true"></p></div>
              </div>
            </div>
            <footer data-test-id="ticket-footer">
              <div data-test-id="ticket-fields-status-view">${esc(STATUS_LABELS[t.status] ?? t.status)}</div>
              <button type="button" data-test-id="submit_button-button">Submit as ${esc(STATUS_LABELS[t.status] ?? t.status)}</button>
            </footer>
          </div>
          <div id="ticket_sidebar" class="ticket-sidebar" data-test-id="ticket-sidebar">
            <div data-garden-id="grid.row">
              <div data-test-id="ticket-system-field-requester-select" data-garden-id="dropdowns.combobox">
                <label>Requester</label>
                <div class="StyledSelect-sc-xifmwj-0 hQvGMd" title="${esc(t.requester.name)}"><span>${esc(t.requester.name)}</span></div>
              </div>
            </div>
            <div data-garden-id="grid.row">
              <div data-test-id="assignee-field"><label>Assignee</label>${assignee}</div>
            </div>
            <div data-garden-id="grid.row">
              <div data-test-id="ticket-fields-tags"><label>Tags</label>${tags}<input data-test-id="ticket-fields-tags-input" aria-label="Tags"></div>
            </div>
            <div data-garden-id="grid.row">
              <div data-test-id="ticket-fields-type-select"><label>Type</label><div data-garden-id="dropdowns.combobox.value">Question</div></div>
              <div data-test-id="ticket-fields-priority-select"><label>Priority</label><div data-garden-id="dropdowns.combobox.value">${esc(capitalise(t.priority) || '-')}</div></div>
            </div>
          </div>
          <div class="apps workspace" data-test-id="apps-sidebar"><div class="app_container" data-app-name="knowledge">Knowledge</div></div>
        </div>`;
  }

  return { id: 'zendesk', handles, handle, tickets, session, users, renderTicketPage, renderViewPage };
}

function logItem(m: SimMessage, userId: number): string {
  const type = !m.public ? 'internal' : m.role === 'customer' ? 'end-user' : 'agent';
  return `
              <article data-test-id="omni-log-comment-item" data-comment-id="${m.id}">
                <div data-test-id="omni-log-item-sender"><a data-test-id="omni-log-comment-user-link" href="/agent/users/${userId}">${esc(m.author)}</a></div>
                <time data-test-id="timestamp-relative" datetime="${m.createdAt}">${m.createdAt.slice(0, 10)}</time>
                ${m.public ? '' : '<div data-test-id="omni-log-internal-note-tag">Internal note</div>'}
                <div data-test-id="omni-log-item-message" type="${type}"><div data-test-id="omni-log-message-content">${esc(m.body)}</div></div>
              </article>`;
}

function headerBar(open: readonly SimTicket[], activeId: string | null): string {
  const tabs = open
    .map(
      (t) => `
        <div data-test-id="header-tab" data-entity-type="TICKET_ENTITY_TYPE" data-entity-id="${t.id}" data-entity-is-selected="${t.id === activeId}">
          <a href="/agent/tickets/${t.id}" data-sim-link><span data-test-id="header-tab-title">#${t.id}</span> <span data-test-id="header-tab-subtitle">${esc(t.subject)}</span></a>
        </div>`,
    )
    .join('');
  return `
    <header data-garden-id="chrome.global_header" data-test-id="header-toolbar">
      <div role="tablist" data-test-id="header-tablist">${tabs}
      </div>
      <button type="button" data-test-id="header-profile-menu-button" aria-label="Profile"><img alt="${esc(AGENT.name)}" src="/images/2016/default-avatar-80.png"></button>
    </header>`;
}

function shell(title: string, csrf: string, body: string, all: readonly SimTicket[]): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="csrf-token" content="${esc(csrf)}">
  <title>${esc(title)} – Acme Support – Zendesk</title>
</head>
<body class="ember-application">
  <div id="root" data-sim-swap data-garden-id="chrome.chrome">
    <nav data-garden-id="chrome.nav" aria-label="Main navigation">
      <a href="/agent/dashboard" data-sim-link data-test-id="home-nav">Home</a>
      <a href="/agent/filters/360094512" data-sim-link data-test-id="views-nav">Views</a>
      <ul data-test-id="recent-tickets-nav">${all
        .map((t) => `<li><a href="/agent/tickets/${t.id}" data-sim-link>#${t.id} ${esc(t.subject)}</a></li>`)
        .join('')}</ul>
    </nav>
    ${body}
  </div>
  ${spaScriptTag()}
</body>
</html>
`;
}

function notFoundPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found – Zendesk</title></head><body><h1>Ticket not found</h1></body></html>`;
}

function capitalise(value: string): string {
  return value === '' ? '' : value[0]!.toUpperCase() + value.slice(1);
}

function seedTickets(): SimTicket[] {
  const customer = (id: string, author: string, authorEmail: string, body: string, createdAt: string): SimMessage => ({
    id, author, authorEmail, role: 'customer', public: true, body, createdAt,
  });
  const agent = (id: string, body: string, createdAt: string, isPublic = true, who = AGENT): SimMessage => ({
    id, author: who.name, authorEmail: who.email, role: 'agent', public: isPublic, body, createdAt,
  });
  const dana = { name: 'Dana Whitfield', email: 'dana.whitfield@northwind.test' };
  const lee = { name: 'Lee Okafor', email: 'lee.okafor@contoso.test' };
  const kim = { name: 'Kim Navarro', email: 'kim.navarro@fabrikam.test' };
  const mallory = { name: '<script>window.__xss=2</script> Mallory', email: 'mallory@evil.test' };
  return [
    {
      id: '101',
      subject: 'Charged twice for the November invoice',
      requester: dana,
      status: 'open',
      priority: 'normal',
      assignee: AGENT.name,
      tags: ['billing', 'vip'],
      createdAt: '2026-11-02T09:00:00Z',
      repliesSent: 0,
      messages: [
        customer('5001', dana.name, dana.email, 'Hello, my card was charged twice for invoice INV-2026-1102. Please refund the duplicate charge.', '2026-11-02T09:00:00Z'),
        agent('5002', 'Hi Dana, thanks for reporting this. I have asked our billing team to check the duplicate charge.', '2026-11-02T10:30:00Z'),
        agent('5003', 'Billing confirms two captures on the same card. The refund needs finance approval.', '2026-11-02T10:32:00Z', false),
        customer('5004', dana.name, dana.email, 'A whole day and still nothing. This is unacceptable. I want to speak to a manager, please escalate this.', '2026-11-03T08:15:00Z'),
      ],
    },
    {
      id: '102',
      subject: 'How do I export reports to CSV?',
      requester: lee,
      status: 'pending',
      priority: 'low',
      assignee: OTHER_AGENT.name,
      tags: ['reports'],
      createdAt: '2026-11-01T14:20:00Z',
      repliesSent: 0,
      messages: [
        customer('5101', lee.name, lee.email, 'Is there a way to export the monthly report as CSV?', '2026-11-01T14:20:00Z'),
        agent('5102', 'Yes: open the report, choose Export and pick CSV.', '2026-11-01T15:05:00Z', true, OTHER_AGENT),
      ],
    },
    {
      id: '103',
      subject: 'Password reset link expired',
      requester: kim,
      status: 'new',
      priority: '',
      assignee: null,
      tags: [],
      createdAt: '2026-11-03T07:40:00Z',
      repliesSent: 0,
      messages: [customer('5201', kim.name, kim.email, 'The password reset link says it has expired. Can you send a new one?', '2026-11-03T07:40:00Z')],
    },
    {
      id: '666',
      subject: 'Refund <img src=x onerror="window.__xss=1">',
      requester: mallory,
      status: 'open',
      priority: 'high',
      assignee: null,
      tags: ['security'],
      createdAt: '2026-11-03T06:00:00Z',
      repliesSent: 0,
      messages: [
        customer('5301', mallory.name, mallory.email, 'Look: <img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script>', '2026-11-03T06:00:00Z'),
        customer('5302', mallory.name, mallory.email, 'Also <a href="javascript:window.__xss=3">click</a>', '2026-11-03T06:05:00Z'),
      ],
    },
  ];
}

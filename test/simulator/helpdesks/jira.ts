// Simulated Jira Service Management Cloud (2026-11): issue pages at /browse/KEY and in the service-desk queue views
// (path or ?selectedIssue=KEY), rendered from state with the markup of adapters/jira/fixtures (generated from this
// module), and a stateful subset of /rest/api/3 and /rest/servicedeskapi. Same-origin session auth: writes pass with
// a JSON body and are refused with 403 "XSRF check failed" for any other content type, as Atlassian does (research
// section 3, M).
import { escapeHtml as esc, html, json, parseJsonBody, text } from '../index';
import { spaScriptTag } from '../spa';
import type { SimHelpdesk, SimMessage, SimRequest, SimResponse, SimTicket } from '../types';

export const JIRA_HOST = 'acme.atlassian.net';
export const JIRA_PRIORITIES = ['Lowest', 'Low', 'Medium', 'High', 'Highest'] as const;
const QUEUE = '/jira/servicedesk/projects/SUP/queues/custom/1';
const KEY = /^SUP-\d+$/;

interface JiraUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress: string;
}

export interface JiraSim extends SimHelpdesk {
  /** The issue view: at /browse/KEY (`'browse'`) or in the queue's side panel (`'queue'`). */
  renderIssuePage(key: string, layout?: 'browse' | 'queue'): string | null;
  /** The queue without a selected issue: a non-ticket page. */
  renderQueuePage(): string;
  readonly users: ReadonlyMap<string, JiraUser>;
}

const AGENT = { name: 'Avery Agent', email: 'avery.agent@acme.test' };
const OTHER_AGENT = { name: 'Sam Support', email: 'sam.support@acme.test' };

export function createJiraSim(options: { now?: () => Date } = {}): JiraSim {
  const now = options.now ?? (() => new Date());
  const session = { cookie: 'tenant.session.token=sim-jira-session', csrfToken: 'jira-atl-token-5d2e8c', agent: AGENT };
  const tickets = new Map<string, SimTicket>(seedTickets().map((t) => [t.id, t]));
  const users = new Map<string, JiraUser>();
  let nextCommentId = 10_201;
  let agents = 0;
  let customers = 0;
  const userFor = (name: string, email: string, agent: boolean): JiraUser => {
    const found = users.get(email);
    if (found) return found;
    // Atlassian account ids: 24 hex digits for licensed users, "qm:" ids for portal-only customers.
    const accountId = agent ? `5b10ac8d82e05b22cc7d4e${String(++agents).padStart(2, '0')}` : `qm:8f3a2c1e-0b7d-4e59-9c3f-${String(++customers).padStart(12, '0')}`;
    const user = { accountId, displayName: name, emailAddress: email };
    users.set(email, user);
    return user;
  };
  userFor(AGENT.name, AGENT.email, true);
  userFor(OTHER_AGENT.name, OTHER_AGENT.email, true);
  for (const t of tickets.values()) {
    userFor(t.requester.name, t.requester.email, false);
    for (const m of t.messages) if (m.authorEmail) userFor(m.author, m.authorEmail, m.role === 'agent');
  }
  const agentByName = (name: string | null) => (name ? [...users.values()].find((u) => u.displayName === name) ?? null : null);
  const userOf = (m: SimMessage) => (m.authorEmail ? users.get(m.authorEmail) ?? null : null);
  const apiUser = (u: JiraUser | null) =>
    u ? { accountId: u.accountId, displayName: u.displayName, emailAddress: u.emailAddress, active: true, timeZone: 'Europe/London' } : null;
  const jiraTime = (iso: string) => iso.replace(/Z$/, '').replace(/(\.\d+)?$/, '.000') + '+0000';
  const dateDto = (iso: string) => ({ iso8601: jiraTime(iso), jira: jiraTime(iso), friendly: iso.slice(0, 10), epochMillis: Date.parse(iso) });
  const adf = (value: string) => ({
    type: 'doc',
    version: 1,
    content: value.split('\n').map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] })),
  });

  const apiIssue = (t: SimTicket) => ({
    id: String(10_000 + Number(t.id.split('-')[1])),
    key: t.id,
    self: `https://${JIRA_HOST}/rest/api/3/issue/${t.id}`,
    fields: {
      summary: t.subject,
      status: { name: t.status, statusCategory: { key: t.status === 'Resolved' ? 'done' : 'indeterminate' } },
      priority: { name: t.priority },
      assignee: apiUser(agentByName(t.assignee)),
      reporter: apiUser(users.get(t.requester.email) ?? null),
      labels: [...t.tags], // Jira's labels are the simulator's tags
      created: jiraTime(t.createdAt),
      description: adf(t.messages[0]?.body ?? ''),
    },
  });
  const apiComment = (m: SimMessage) => ({
    id: m.id,
    body: m.body,
    public: m.public,
    author: apiUser(userOf(m)),
    created: dateDto(m.createdAt),
  });

  const handles = (url: URL) => url.hostname === JIRA_HOST;

  function handle(request: SimRequest, url: URL): SimResponse | null {
    const path = url.pathname;
    if (path.startsWith('/rest/')) return api(request, url);
    if (request.method !== 'GET') return null;
    const browse = /^\/browse\/([A-Z][A-Z0-9_]+-\d+)\/?$/.exec(path);
    const inQueue = /^\/jira\/servicedesk\/projects\/SUP\/(?:queues\/custom\/\d+|issues)\/([A-Z][A-Z0-9_]+-\d+)\/?$/.exec(path);
    const selected = path.startsWith('/jira/servicedesk/projects/SUP/queues/custom/') ? url.searchParams.get('selectedIssue') : null;
    const key = browse?.[1] ?? inQueue?.[1] ?? selected;
    if (key) {
      const page = renderIssuePage(key, browse ? 'browse' : 'queue');
      return page === null ? html(notFoundPage(), 404) : html(page);
    }
    if (/^\/jira\/servicedesk\/projects\/SUP\/queues(?:\/custom\/\d+)?\/?$/.test(path)) return html(renderQueuePage());
    return null;
  }

  function api(request: SimRequest, url: URL): SimResponse {
    const path = url.pathname;
    if (request.method !== 'GET') {
      // Atlassian's XSRF check: browsers' form, text and multipart bodies are refused; same-origin JSON passes.
      if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return text(403, 'XSRF check failed');
    }
    if (request.method === 'GET' && path === '/rest/api/3/myself') return json(200, apiUser(users.get(AGENT.email)!));
    if (request.method === 'GET' && (path === '/rest/api/3/search/jql' || path === '/rest/api/3/search')) return search(url);
    const issue = /^\/rest\/api\/3\/issue\/([^/]+)$/.exec(path);
    const comments = /^\/rest\/servicedeskapi\/request\/([^/]+)\/comment$/.exec(path);
    const participants = /^\/rest\/servicedeskapi\/request\/([^/]+)\/participant$/.exec(path);
    const key = decodeURIComponent((issue ?? comments ?? participants)?.[1] ?? '');
    if (!key) return json(404, { errorMessages: ['null for uri: ' + path], errors: {} });
    const ticket = tickets.get(key);
    if (!ticket) return json(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });

    if (issue && request.method === 'GET') return json(200, apiIssue(ticket));
    if (participants && request.method === 'GET') {
      return json(200, { size: 0, start: 0, limit: 50, isLastPage: true, values: [] });
    }
    if (comments && request.method === 'GET') {
      const start = Math.max(0, Number(url.searchParams.get('start') ?? 0) || 0);
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
      const all = ticket.messages.slice(1); // messages[0] is the description, not a comment
      const values = all.slice(start, start + limit).map(apiComment);
      return json(200, { size: values.length, start, limit, isLastPage: start + limit >= all.length, values });
    }
    const body = parseJsonBody(request);
    if (body === undefined || typeof body !== 'object' || body === null) {
      return json(400, { errorMessages: ['Unexpected character: was expecting a JSON value'], errors: {} });
    }
    const fields = body as Record<string, unknown>;
    if (comments && request.method === 'POST') {
      if (typeof fields.body !== 'string' || fields.body.trim() === '') return json(400, { errorMessages: ['Comment body can not be empty!'], errors: {} });
      const comment: SimMessage = {
        id: String(nextCommentId++),
        author: AGENT.name,
        authorEmail: AGENT.email,
        role: 'agent',
        public: fields.public !== false,
        body: fields.body,
        createdAt: now().toISOString(),
      };
      ticket.messages.push(comment);
      return json(201, apiComment(comment));
    }
    if (issue && request.method === 'PUT') return updateIssue(ticket, fields);
    return json(405, { errorMessages: ['Method not allowed'], errors: {} });
  }

  function updateIssue(ticket: SimTicket, body: Record<string, unknown>): SimResponse {
    const errors: Record<string, string> = {};
    const priority = (body.fields as { priority?: { name?: unknown } } | undefined)?.priority;
    if (priority !== undefined && !(JIRA_PRIORITIES as readonly unknown[]).includes(priority?.name)) errors.priority = 'The priority selected is invalid.';
    const labelOps = (body.update as { labels?: unknown } | undefined)?.labels;
    const adds: string[] = [];
    const removes: string[] = [];
    if (labelOps !== undefined) {
      for (const op of Array.isArray(labelOps) ? labelOps : [null]) {
        const add = (op as { add?: unknown } | null)?.add;
        const remove = (op as { remove?: unknown } | null)?.remove;
        const label = typeof add === 'string' ? add : typeof remove === 'string' ? remove : null;
        if (label === null || label === '') errors.labels = 'Invalid label operation.';
        else if (/\s/.test(label)) errors.labels = `The label '${label}' contains spaces which is invalid.`;
        else (typeof add === 'string' ? adds : removes).push(label);
      }
    }
    if (Object.keys(errors).length > 0) return json(400, { errorMessages: [], errors });
    if (priority !== undefined) ticket.priority = priority.name as string;
    ticket.tags = [...new Set([...ticket.tags, ...adds])].filter((l) => !removes.includes(l));
    return { status: 204, contentType: 'application/json', body: '' };
  }

  function search(url: URL): SimResponse {
    const jql = url.searchParams.get('jql') ?? '';
    const wanted = [...jql.matchAll(/labels\s*(?:=|in\s*\()\s*"?([^"\s)]+)"?/gi)].map((m) => m[1]!);
    const found = [...tickets.values()].filter((t) => wanted.every((l) => t.tags.includes(l)));
    return json(200, { issues: found.map(apiIssue), isLast: true });
  }

  function renderIssuePage(key: string, layout: 'browse' | 'queue' = 'browse'): string | null {
    if (!KEY.test(key)) return null;
    const t = tickets.get(key);
    if (!t) return null;
    const panel = issueView(t);
    const main =
      layout === 'browse'
        ? panel
        : `<div class="queue-with-issue" data-testid="servicedesk-queues-agent-view.layout.layout">
            ${queueTable()}
            <section data-testid="servicedesk-queues-agent-view.layout.issue-panel" aria-label="Issue">${panel}</section>
          </div>`;
    return shell(`[${t.id}] ${t.subject} - Jira Service Management`, session.csrfToken, main, [...tickets.values()]);
  }

  function renderQueuePage(): string {
    return shell('All open - Service Desk - Jira Service Management', session.csrfToken, queueTable(), [...tickets.values()]);
  }

  function queueTable(): string {
    const rows = [...tickets.values()]
      .map(
        (t) => `
              <tr data-testid="servicedesk-queues-agent-view.layout.queue-table.row">
                <td><a href="${QUEUE}?selectedIssue=${t.id}" data-sim-link data-testid="servicedesk-queues-agent-view.layout.queue-table.issue-key">${t.id}</a></td>
                <td>${esc(t.subject)}</td>
                <td>${esc(t.requester.name)}</td>
                <td>${esc(t.status)}</td>
              </tr>`,
      )
      .join('');
    return `<div class="queue" data-testid="servicedesk-queues-agent-view.layout.queue">
            <h1 data-testid="servicedesk-queues-agent-view.layout.queue-title">All open</h1>
            <table data-testid="servicedesk-queues-agent-view.layout.queue-table"><tbody>${rows}
            </tbody></table>
          </div>`;
  }

  function issueView(t: SimTicket): string {
    const [description, ...comments] = t.messages;
    const assignee = agentByName(t.assignee);
    return `
          <div class="issue-view" data-testid="issue.views.issue-details.issue-layout.issue-layout">
            <div data-testid="issue.views.issue-details.issue-layout.container-left">
              <nav aria-label="Breadcrumbs" data-testid="issue.views.issue-base.foundation.breadcrumbs.breadcrumb-nav">
                <a href="/jira/servicedesk/projects/SUP" data-sim-link>Support</a> /
                <a href="/browse/${t.id}" data-sim-link data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"><span>${t.id}</span></a>
              </nav>
              <h1 data-testid="issue.views.issue-base.foundation.summary.heading">${esc(t.subject)}</h1>
              <div data-testid="issue.views.field.rich-text.description"><div class="ak-renderer-document">${(description?.body ?? '').split('\n').map((l) => `<p>${esc(l)}</p>`).join('')}</div></div>
              <div data-testid="issue-activity-feed.ui.buttons.activity-buttons">
                <button type="button">Comments</button><button type="button">History</button>
              </div>
              <div class="comment-composer">
                <button type="button" data-testid="issue-comment-base.ui.comment.comment-visibility.comment-visibility-wrapper">Add internal note / Reply to customer</button>
                <div class="akEditor"><div id="ak-editor-textarea" class="ProseMirror" contenteditable="true" role="textbox" aria-label="Main content area" aria-multiline="true"><p><br class="ProseMirror-trailingBreak"></p></div></div>
              </div>
              <div data-testid="issue.activity.comments-list">
                ${comments
                  .slice()
                  .reverse() // newest first, as Jira shows them
                  .map((m) => commentItem(m))
                  .join('')}
              </div>
            </div>
            <div data-testid="issue.views.issue-details.issue-layout.container-right">
              <button type="button" data-testid="issue-field-status.ui.status-view.status-button.status-button"><span>${esc(t.status)}</span></button>
              <div data-testid="issue.views.issue-base.context.context-items">
                <h2>Details</h2>
                <div data-testid="issue.views.field.user.assignee"><span role="img" aria-label="${esc(assignee?.displayName ?? 'Unassigned')}"></span><span>${esc(assignee?.displayName ?? 'Unassigned')}</span></div>
                <div data-testid="issue.views.field.user.reporter"><span>${esc(t.requester.name)}</span></div>
                <div data-testid="issue-field-priority-readview-full.ui.priority.wrapper"><img alt="" src="/images/icons/priorities/${t.priority.toLowerCase()}.svg"><span>${esc(t.priority)}</span></div>
                <div data-testid="issue.views.field.select.common.select-inline-edit.labels"><span>${t.tags.map((l) => esc(l)).join(' ') || 'None'}</span></div>
              </div>
            </div>
          </div>`;
  }

  function commentItem(m: SimMessage): string {
    const id = m.id;
    return `
                <div data-testid="issue-comment-base.ui.comment.custom-comment.container" data-componentid="issue-comment-base.ui.comment.comment-in-view-wrapper.${id}">
                  <div data-testid="comment-base-item-${id}">
                    <div data-testid="issue-comment-base.ui.comment.ak-comment.${id}">
                      <div data-testid="issue-comment-base.ui.comment.ak-comment.${id}-header">
                        <span class="author">${esc(m.author)}</span>
                        ${m.public ? '' : '<span data-testid="issue-comment-base.ui.comment.custom-comment.restricted-to">Internal note</span>'}
                        <span data-testid="issue-timestamp.relative-time" title="${m.createdAt}">${m.createdAt.slice(0, 10)}</span>
                      </div>
                      <div data-testid="issue-comment-base.ui.comment.ak-comment.${id}-body"><div class="ak-renderer-document"><p>${esc(m.body)}</p></div></div>
                    </div>
                  </div>
                </div>`;
  }

  return { id: 'jira', handles, handle, tickets, session, users, renderIssuePage, renderQueuePage };
}

function shell(title: string, token: string, main: string, all: readonly SimTicket[]): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta id="atlassian-token" name="atlassian-token" content="${esc(token)}">
  <meta name="application-name" content="JIRA" data-name="jira" data-version="1001.0.0-SNAPSHOT">
  <title>${esc(title)}</title>
</head>
<body>
  <div id="jira-frontend" data-sim-swap>
    <header data-testid="atlassian-navigation--header">
      <a href="/jira/your-work" data-sim-link>Your work</a>
      <button type="button" data-testid="atlassian-navigation--secondary-actions--profile--trigger" aria-label="Your profile and settings"><img alt="${esc(AGENT.name)}" src="/avatar/aa.png"></button>
    </header>
    <nav data-testid="page-layout.sidebar" aria-label="Project navigation">
      <a href="${QUEUE}" data-sim-link>All open</a>
      <ul data-testid="sidebar-recent-issues">${all.map((t) => `<li><a href="/browse/${t.id}" data-sim-link>${t.id} ${esc(t.subject)}</a></li>`).join('')}</ul>
    </nav>
    <main id="main" data-testid="page-layout.main">
      ${main}
    </main>
  </div>
  ${spaScriptTag()}
</body>
</html>
`;
}

function notFoundPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Jira</title></head><body><h1>We can't find this issue</h1></body></html>`;
}

function seedTickets(): SimTicket[] {
  const customer = (id: string, who: { name: string; email: string }, body: string, createdAt: string): SimMessage => ({
    id, author: who.name, authorEmail: who.email, role: 'customer', public: true, body, createdAt,
  });
  const agent = (id: string, body: string, createdAt: string, isPublic = true, who = AGENT): SimMessage => ({
    id, author: who.name, authorEmail: who.email, role: 'agent', public: isPublic, body, createdAt,
  });
  const olu = { name: 'Olu Adeyemi', email: 'olu.adeyemi@wingtip.test' };
  const hana = { name: 'Hana Sato', email: 'hana.sato@proseware.test' };
  const tom = { name: 'Tom Becker', email: 'tom.becker@relecloud.test' };
  const mallory = { name: '<script>window.__xss=2</script> Mallory', email: 'mallory@evil.test' };
  return [
    {
      id: 'SUP-301',
      subject: 'VPN access broken for the whole sales team',
      requester: olu,
      status: 'Waiting for support',
      priority: 'High',
      assignee: AGENT.name,
      tags: ['vpn', 'sales'],
      createdAt: '2026-11-02T07:45:00Z',
      repliesSent: 0,
      messages: [
        customer('description', olu, 'Since this morning nobody in sales can connect to the VPN.\nError: TLS handshake failed.', '2026-11-02T07:45:00Z'),
        agent('10101', 'Thanks Olu, we are looking into the VPN gateway now.', '2026-11-02T08:10:00Z'),
        agent('10102', 'Gateway certificate expired overnight; renewal needs the network team.', '2026-11-02T08:25:00Z', false),
        customer('10103', olu, 'We are losing deals today. I need this escalated to your manager right now.', '2026-11-03T09:05:00Z'),
      ],
    },
    {
      id: 'SUP-302',
      subject: 'Add a new user to the finance group',
      requester: hana,
      status: 'Waiting for customer',
      priority: 'Low',
      assignee: OTHER_AGENT.name,
      tags: [],
      createdAt: '2026-11-01T13:00:00Z',
      repliesSent: 0,
      messages: [
        customer('description', hana, 'Please add j.doe to the finance group.', '2026-11-01T13:00:00Z'),
        agent('10201', 'Which access level does j.doe need?', '2026-11-01T13:30:00Z', true, OTHER_AGENT),
      ],
    },
    {
      id: 'SUP-303',
      subject: 'Printer on floor 3 jams',
      requester: tom,
      status: 'Waiting for support',
      priority: 'Medium',
      assignee: null,
      tags: ['hardware'],
      createdAt: '2026-11-03T08:00:00Z',
      repliesSent: 0,
      messages: [customer('description', tom, 'The printer next to the kitchen jams on every job.', '2026-11-03T08:00:00Z')],
    },
    {
      id: 'SUP-666',
      subject: 'Refund <img src=x onerror="window.__xss=1">',
      requester: mallory,
      status: 'Waiting for support',
      priority: 'Highest',
      assignee: null,
      tags: ['security'],
      createdAt: '2026-11-03T06:00:00Z',
      repliesSent: 0,
      messages: [
        customer('description', mallory, 'Look: <img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script>', '2026-11-03T06:00:00Z'),
        customer('10666', mallory, 'Also <a href="javascript:window.__xss=3">click</a>', '2026-11-03T06:05:00Z'),
      ],
    },
  ];
}

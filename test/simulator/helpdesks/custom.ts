// Simulated "Initech Helpdesk" (https://help.initech.test): a made-up helpdesk no built-in adapter knows, served
// for the custom-adapter flow (an admin describes it with selectors on the options page). Pages only: custom
// adapters read the DOM and have no API actions.
import { escapeHtml, html } from '../index';
import { spaScriptTag } from '../spa';
import type { SimHelpdesk, SimMessage, SimSession, SimTicket } from '../types';

export const INITECH_ORIGIN = 'https://help.initech.test';

export function createInitechSim(): SimHelpdesk {
  const session: SimSession = {
    cookie: 'initech_session=sim',
    csrfToken: 'initech-form-token-4f1d',
    agent: { name: 'Joanna Lumbergh', email: 'joanna@initech.test' },
  };
  const peter = { name: 'Peter Gibbons', email: 'peter.gibbons@initrode.test' };
  const agent = session.agent;
  const m = (id: string, who: { name: string; email: string }, role: SimMessage['role'], isPublic: boolean, body: string, createdAt: string): SimMessage => ({
    id,
    author: who.name,
    authorEmail: who.email,
    role,
    public: isPublic,
    body,
    createdAt,
  });
  const tickets = new Map<string, SimTicket>([
    [
      'INI-1',
      {
        id: 'INI-1',
        subject: 'TPS report cover sheets rejected by the portal',
        requester: peter,
        status: 'Open',
        priority: 'P2',
        assignee: agent.name,
        tags: ['tps', 'portal'],
        messages: [
          m('post-101', peter, 'customer', true, 'The portal rejects every TPS report that has the new cover sheet.', '2026-11-02T09:00:00Z'),
          m('post-102', agent, 'agent', true, 'Thanks Peter, we can reproduce it and are looking into it.', '2026-11-02T10:00:00Z'),
          m('post-103', agent, 'agent', false, 'Validator was updated on Friday; rollback needs a change window.', '2026-11-02T11:00:00Z'),
          m('post-104', peter, 'customer', true, 'This blocks our whole department. Please escalate this to a manager.', '2026-11-03T08:00:00Z'),
        ],
        createdAt: '2026-11-02T09:00:00Z',
        repliesSent: 0,
      },
    ],
    [
      'INI-2',
      {
        id: 'INI-2',
        subject: 'Stapler missing',
        requester: { name: 'Milton Waddams', email: 'milton@initech.test' },
        status: 'Pending',
        priority: 'P4',
        assignee: null,
        tags: [],
        messages: [m('post-201', { name: 'Milton Waddams', email: 'milton@initech.test' }, 'customer', true, 'Has anyone seen my red stapler?', '2026-11-03T07:00:00Z')],
        createdAt: '2026-11-03T07:00:00Z',
        repliesSent: 0,
      },
    ],
  ]);
  return {
    id: 'initech',
    session,
    tickets,
    handles: (url) => url.origin === INITECH_ORIGIN,
    handle(request, url) {
      if (request.method !== 'GET') return null;
      const ticket = /^\/tickets\/([A-Z]+-\d+)\/?$/.exec(url.pathname);
      if (ticket) {
        const found = tickets.get(ticket[1]!);
        return found ? html(renderInitechTicket(found, session, [...tickets.values()])) : html(renderInitechList([], session), 404);
      }
      if (url.pathname === '/tickets' || url.pathname === '/') return html(renderInitechList([...tickets.values()], session));
      return null;
    },
  };
}

const e = escapeHtml;

function page(title: string, session: SimSession, all: readonly SimTicket[], main: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title></head>
<body class="initech">
<div id="layout" data-sim-swap>
<header class="topbar"><span class="brand">Initech Helpdesk</span><span class="whoami">${e(session.agent.name)}</span></header>
<nav class="queue"><ul>${all.map((t) => `<li><a data-sim-link href="/tickets/${e(t.id)}">${e(t.id)}</a></li>`).join('')}<li><a data-sim-link href="/tickets">All tickets</a></li></ul></nav>
${main}
</div>
${spaScriptTag()}
</body></html>
`;
}

function post(msg: SimMessage): string {
  const classes = ['post', msg.role === 'customer' ? 'from-customer' : 'from-staff', msg.public ? '' : 'internal'].filter(Boolean).join(' ');
  return `<li class="${classes}" id="${e(msg.id)}"><span class="post-author">${e(msg.author)}</span>${msg.public ? '' : '<span class="badge-internal">Internal note</span>'}<time datetime="${e(msg.createdAt)}">${e(msg.createdAt.slice(0, 10))}</time><div class="post-body">${e(msg.body)}</div></li>`;
}

export function renderInitechTicket(ticket: SimTicket, session: SimSession, all: readonly SimTicket[]): string {
  return page(
    `${ticket.id}: ${ticket.subject}`,
    session,
    all,
    `<main class="ticket" data-ticket="${e(ticket.id)}">
<h1 class="ticket-subject">${e(ticket.subject)}</h1>
<dl class="ticket-meta"><dt>Requester</dt><dd class="requester"><span class="requester-name">${e(ticket.requester.name)}</span> <a class="requester-email" href="mailto:${e(ticket.requester.email)}">${e(ticket.requester.email)}</a></dd><dt>Status</dt><dd class="ticket-status">${e(ticket.status)}</dd><dt>Priority</dt><dd class="ticket-priority">${e(ticket.priority)}</dd><dt>Assignee</dt><dd class="ticket-assignee">${e(ticket.assignee ?? '')}</dd></dl>
<ul class="ticket-tags">${ticket.tags.map((t) => `<li class="tag">${e(t)}</li>`).join('')}</ul>
<ol class="conversation">
${ticket.messages.map(post).join('\n')}
</ol>
<form class="reply" action="/tickets/${e(ticket.id)}/reply" method="post"><input type="hidden" name="token" value="${session.csrfToken}"><textarea id="reply-body" name="body" rows="5"></textarea><button type="submit">Send reply</button></form>
</main>
<aside class="ticket-sidebar" id="ticket-sidebar"><h2>Customer</h2><p>${e(ticket.requester.name)}</p></aside>`,
  );
}

export function renderInitechList(tickets: readonly SimTicket[], session: SimSession): string {
  return page(
    'Tickets',
    session,
    tickets,
    `<main class="ticket-list"><table><tbody>${tickets
      .map((t) => `<tr><td><a data-sim-link href="/tickets/${e(t.id)}">${e(t.id)}</a></td><td>${e(t.subject)}</td><td>${e(t.status)}</td></tr>`)
      .join('')}</tbody></table></main>`,
  );
}

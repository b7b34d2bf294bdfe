// Zendesk Support (agent workspace). The DOM gives the header and sidebar fields of the ACTIVE workspace (several
// tickets stay mounted); the conversation comes from the same-origin /api/v2, because the page lazy-loads it
// ("Show more") and only the API says reliably which comments are public. Writes need the page's CSRF meta tag.
import type { PriorityLevel } from '../../core/schemas';
import {
  asArray,
  asRecord,
  asString,
  attrOf,
  capSnapshot,
  failedRead,
  fieldHealth,
  firstMatch,
  getJson,
  guardRead,
  insertReplyText,
  isShown,
  isoTime,
  jsonInit,
  metaContent,
  missingField,
  onOwnOrCustomHost,
  priorityLevelOf,
  problem,
  readField,
  safeQueryAll,
  sendWrite,
  textOf,
  valueOf,
} from '../dom';
import type { AdapterContext, FieldHealth, HelpdeskAdapter, TicketSnapshot } from '../types';
import { HelpdeskWriteError } from '../types';
import { ZENDESK as S } from './selectors';

const PRIORITY_LEVELS: Readonly<Record<string, PriorityLevel>> = { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' };
const STATUS_LABELS: Readonly<Record<string, string>> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  hold: 'On-hold',
  solved: 'Solved',
  closed: 'Closed',
};
/** Pages of comments followed at most (100 each): 2,000 messages is the snapshot's cap. */
const MAX_COMMENT_PAGES = 20;

function parseTicketUrl(url: URL): string | null {
  if (!onOwnOrCustomHost(url, ['.zendesk.com'])) return null;
  // `/agent/tickets/{id}` and its sub-routes (`/events`); `/agent/tickets/new/{n}` is a form, not a ticket.
  const match = /^\/agent\/tickets\/(\d+)(?:\/[a-z_]*)?\/?$/.exec(url.pathname);
  return match ? match[1]! : null;
}

/** The one visible workspace of this ticket; null when it is hidden, missing, or another one is visible too. */
function activeTicketRoot(doc: Document, ticketId: string): Element | null {
  // Outermost matches only: an anchor nested inside a workspace (a side-conversation pane) is not another ticket.
  const outermost = (el: Element) => !el.parentElement?.closest(S.anyWorkspace);
  const visibleWorkspaces = safeQueryAll(doc, S.anyWorkspace).filter((el) => outermost(el) && isShown(el));
  for (const selector of S.workspace(ticketId)) {
    const candidates = safeQueryAll(doc, selector).filter(outermost);
    if (candidates.length === 0) continue;
    const shown = candidates.filter(isShown);
    if (shown.length !== 1 || visibleWorkspaces.length !== 1 || visibleWorkspaces[0] !== shown[0]) return null;
    return shown[0]!;
  }
  return null;
}

function writeHeaders(ctx: AdapterContext, what: string): Record<string, string> {
  const token = metaContent(ctx.document, S.csrfMeta);
  if (!token) throw new HelpdeskWriteError(`${what}: no CSRF token on the page (meta ${S.csrfMeta})`, null, false);
  return { 'X-CSRF-Token': token, 'X-Requested-With': 'XMLHttpRequest' };
}

const ticketPath = (ticketId: string) => `/api/v2/tickets/${encodeURIComponent(ticketId)}`;

async function readComments(ctx: AdapterContext, ticketId: string): Promise<{ comments: unknown[]; users: unknown[] }> {
  const comments: unknown[] = [];
  const users: unknown[] = [];
  let path: string | null = `${ticketPath(ticketId)}/comments.json?include=users&sort_order=asc`;
  for (let page = 0; path && page < MAX_COMMENT_PAGES; page++) {
    const body = asRecord(await getJson(ctx, path));
    comments.push(...asArray(body?.comments));
    users.push(...asArray(body?.users));
    const next = asString(body?.next_page);
    path = null;
    if (next) {
      const nextUrl = new URL(next, ctx.location.href);
      // Only follow same-origin pages: the session must never be sent elsewhere.
      if (nextUrl.origin === ctx.location.origin) path = nextUrl.pathname + nextUrl.search;
    }
  }
  return { comments, users };
}

async function read(ctx: AdapterContext, ticketId: string) {
  return guardRead(async () => {
    const health: FieldHealth[] = [];
    const root = activeTicketRoot(ctx.document, ticketId);
    if (!root) {
      const via = S.workspace(ticketId).join(', ');
      health.push(fieldHealth('workspace', false, via));
      return failedRead(problem('ambiguous-ticket', 'no single visible workspace for this ticket', 'workspace', via), health);
    }
    health.push(fieldHealth('workspace', true, S.workspace(ticketId)[0]!));

    const subject = readField(root, 'subject', S.subject, health, valueOf);
    if (!subject) return missingField('subject', S.subject.join(', '), health);
    const requesterName = readField(root, 'requester', S.requester, health, (el) => attrOf(el, 'title'));
    if (!requesterName) return missingField('requester', S.requester.join(', '), health);
    const statusDom = readField(root, 'status', S.status, health);
    const priorityText = readField(root, 'priority', S.priority, health);
    // An unassigned ticket shows the field without an agent chip; only a missing field is a miss.
    const assigneeChip = firstMatch(root, S.assignee);
    const assigneeField = firstMatch(root, ['[data-test-id="assignee-field"]']);
    const assigneeDom = assigneeChip ? attrOf(assigneeChip.element, 'title') : null;
    health.push(fieldHealth('assignee', assigneeChip !== null || assigneeField !== null, assigneeChip?.selector ?? S.assignee.join(', ')));
    const tagsField = firstMatch(root, S.tagsField);
    const tagsDom = tagsField
      ? safeQueryAll(tagsField.element, S.tag).map((el) => (textOf(el) ?? '').replace(/\s*×$/, '')).filter((t) => t !== '')
      : null;
    health.push(fieldHealth('tags', tagsField !== null, tagsField ? S.tag : S.tagsField.join(', ')));

    const base = ticketPath(ticketId);
    const [ticketBody, conversation, me] = await Promise.all([
      getJson(ctx, `${base}.json?include=users`),
      readComments(ctx, ticketId),
      getJson(ctx, '/api/v2/users/me.json').catch(() => null), // optional: the panel works without it
    ]);
    const ticket = asRecord(asRecord(ticketBody)?.ticket);
    if (!ticket) return failedRead(problem('api-failed', `no ticket in ${base}.json`, 'ticket', `${base}.json`), health);
    const users = new Map<string, Record<string, unknown>>();
    for (const u of [...asArray(asRecord(ticketBody)?.users), ...conversation.users]) {
      const user = asRecord(u);
      const id = asString(user?.id);
      if (user && id) users.set(id, user);
    }

    const requester = users.get(asString(ticket.requester_id) ?? '');
    const requesterEmail = asString(requester?.email);
    health.push(fieldHealth('requester.email', requesterEmail !== null, `${base}.json users`, 'api'));

    // DOM first; the API fills what the sidebar no longer shows (health records both).
    let status = statusDom;
    if (!status) {
      const raw = asString(ticket.status);
      status = raw ? STATUS_LABELS[raw] ?? raw : null;
      health.push(fieldHealth('status', status !== null, `${base}.json status`, 'api'));
    }
    let priorityRaw = priorityText === '-' ? null : priorityText;
    if (priorityText === null) {
      priorityRaw = asString(ticket.priority);
      health.push(fieldHealth('priority', true, `${base}.json priority`, 'api'));
    }
    let assignee = assigneeDom;
    if (!assigneeChip && !assigneeField) {
      assignee = asString(users.get(asString(ticket.assignee_id) ?? '')?.name);
      health.push(fieldHealth('assignee', true, `${base}.json assignee_id`, 'api'));
    }
    let tags = tagsDom;
    if (tags === null) {
      tags = asArray(ticket.tags).map(asString).filter((t): t is string => t !== null);
      health.push(fieldHealth('tags', true, `${base}.json tags`, 'api'));
    }

    const requesterId = asString(ticket.requester_id);
    const messages = conversation.comments.flatMap((c) => {
      const comment = asRecord(c);
      if (!comment) return [];
      const authorId = asString(comment.author_id) ?? '';
      const author = users.get(authorId);
      const role = asString(author?.role);
      return [
        {
          id: asString(comment.id),
          author: asString(author?.name) ?? `user ${authorId}`,
          authorRole: role === 'end-user' || (!role && authorId === requesterId) ? ('customer' as const) : role ? ('agent' as const) : ('system' as const),
          visibility: comment.public === false ? ('internal' as const) : ('public' as const),
          body: asString(comment.plain_body) ?? asString(comment.body) ?? '',
          createdAt: isoTime(asString(comment.created_at)),
        },
      ];
    });
    health.push(fieldHealth('messages', true, `${base}/comments.json`, 'api'));
    const meUser = asRecord(asRecord(me)?.user);
    const currentAgent = meUser && asString(meUser.name) ? { name: asString(meUser.name)!, email: asString(meUser.email) } : null;
    health.push(fieldHealth('currentAgent', currentAgent !== null, '/api/v2/users/me.json', 'api'));

    const snapshot: TicketSnapshot = capSnapshot({
      ref: { site: 'zendesk', ticketId, url: `${ctx.location.origin}/agent/tickets/${ticketId}` },
      subject,
      requester: { name: requesterName, email: requesterEmail },
      status: status || null,
      priority: { raw: priorityRaw || null, level: priorityLevelOf(priorityRaw, PRIORITY_LEVELS) },
      assignee: assignee || null,
      tags,
      messages,
      createdAt: isoTime(asString(ticket.created_at)),
      currentAgent,
      source: 'dom+api',
      readAt: ctx.now().toISOString(),
    });
    return { ok: true, snapshot, health };
  });
}

export const zendeskAdapter: HelpdeskAdapter = {
  id: 'zendesk',
  label: 'Zendesk',
  canonicalHost: 'example.zendesk.com',
  parseTicketUrl,
  mountAnchors: S.mountAnchors,
  activeTicketRoot,
  read,
  actions: {
    async internalNoteBodies(ctx, ticketId) {
      const { comments } = await readComments(ctx, ticketId);
      return comments.map(asRecord).filter((c) => c !== null && c.public === false).map((c) => asString(c!.plain_body) ?? asString(c!.body) ?? '');
    },
    async addInternalNote(ctx, ticketId, text) {
      // `body` is plain text: Zendesk renders it escaped, so a note can never carry markup.
      const what = 'add internal note';
      await sendWrite(ctx, `${ticketPath(ticketId)}.json`, jsonInit('PUT', { ticket: { comment: { body: text, public: false } } }, writeHeaders(ctx, what)), what);
    },
    async addTags(ctx, ticketId, tags) {
      // PUT on tags.json adds to the ticket's tags (POST would replace them all).
      const what = 'add tags';
      await sendWrite(ctx, `${ticketPath(ticketId)}/tags.json`, jsonInit('PUT', { tags }, writeHeaders(ctx, what)), what);
    },
    async setPriority(ctx, ticketId, level) {
      const what = 'set priority';
      await sendWrite(ctx, `${ticketPath(ticketId)}.json`, jsonInit('PUT', { ticket: { priority: level } }, writeHeaders(ctx, what)), what);
    },
    insertReply(ctx, text) {
      const ticketId = parseTicketUrl(ctx.location);
      return insertReplyText(ctx.document, ticketId ? activeTicketRoot(ctx.document, ticketId) : null, S.editor, text);
    },
  },
};

// Freshdesk (agent portal /a/). The snapshot comes from the same-origin /api/v2 with the session: the page shows
// only the latest conversations behind "load more" and keeps contact and properties in shadow-DOM panels. The DOM
// is used for presence (health), mounting and the reply editor.
// Write auth (decided): the session cookie plus X-CSRF-Token from <meta name="csrf-token"> and X-Requested-With on
// every write. The research found session-only /api/v2 writes unverified; sending the page's token costs nothing
// when it is not needed and is what Freshdesk's own front end sends. No API keys: we never ask agents for one.
import type { PriorityLevel } from '../../core/schemas';
import {
  ApiReadError,
  asArray,
  asRecord,
  asString,
  capSnapshot,
  failedRead,
  fieldHealth,
  getJson,
  getJsonResponse,
  guardRead,
  insertReplyText,
  isoTime,
  jsonInit,
  metaContent,
  missingField,
  nextLinkPath,
  onOwnOrCustomHost,
  priorityLevelOf,
  problem,
  safeQuery,
  sendWrite,
  textToHtml,
} from '../dom';
import type { AdapterContext, FieldHealth, HelpdeskAdapter, TicketSnapshot } from '../types';
import { HelpdeskWriteError } from '../types';
import { FRESHDESK as S } from './selectors';

/** Built-in statuses; accounts can add custom ones, which stay as their number. */
const STATUS_NAMES: Readonly<Record<string, string>> = { '2': 'Open', '3': 'Pending', '4': 'Resolved', '5': 'Closed' };
const PRIORITY_NAMES: Readonly<Record<string, string>> = { '1': 'Low', '2': 'Medium', '3': 'High', '4': 'Urgent' };
const PRIORITY_LEVELS: Readonly<Record<string, PriorityLevel>> = { Low: 'low', Medium: 'normal', High: 'high', Urgent: 'urgent' };
const PRIORITY_VALUES: Readonly<Record<PriorityLevel, number>> = { low: 1, normal: 2, high: 3, urgent: 4 };
const MAX_PAGES = 20;
const MAX_AGENT_LOOKUPS = 20;

function parseTicketUrl(url: URL): string | null {
  if (!onOwnOrCustomHost(url, ['.freshdesk.com'])) return null;
  // `/a/tickets/{id}`, and the legacy `/helpdesk/tickets/{id}`; views (`/a/tickets/filters/...`) and forms are not.
  const match = /^\/(?:a|helpdesk)\/tickets\/(\d+)\/?$/.exec(url.pathname);
  return match ? match[1]! : null;
}

const ticketPath = (ticketId: string) => `/api/v2/tickets/${encodeURIComponent(ticketId)}`;

function writeHeaders(ctx: AdapterContext): Record<string, string> {
  const token = metaContent(ctx.document, S.csrfMeta);
  return { 'X-Requested-With': 'XMLHttpRequest', ...(token ? { 'X-CSRF-Token': token } : {}) };
}

async function readConversations(ctx: AdapterContext, ticketId: string): Promise<unknown[]> {
  const all: unknown[] = [];
  let path: string | null = `${ticketPath(ticketId)}/conversations?per_page=100`;
  for (let page = 0; path && page < MAX_PAGES; page++) {
    const { body, headers } = await getJsonResponse(ctx, path);
    all.push(...asArray(body));
    path = nextLinkPath(headers, ctx.location.origin);
  }
  return all;
}

/** Agent names by user id; a lookup that fails leaves the id unnamed (optional data). */
async function agentNames(ctx: AdapterContext, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    ids.slice(0, MAX_AGENT_LOOKUPS).map(async (id) => {
      const agent = asRecord(await getJson(ctx, `/api/v2/agents/${encodeURIComponent(id)}`).catch(() => null));
      const name = asString(asRecord(agent?.contact)?.name);
      if (name) names.set(id, name);
    }),
  );
  return names;
}

async function read(ctx: AdapterContext, ticketId: string) {
  return guardRead(async () => {
    const health: FieldHealth[] = [fieldHealth('conversation', safeQuery(ctx.document, S.description) !== null, S.description)];
    const base = ticketPath(ticketId);
    const [ticketBody, conversations, me] = await Promise.all([
      getJson(ctx, `${base}?include=requester`),
      readConversations(ctx, ticketId),
      getJson(ctx, '/api/v2/agents/me').catch(() => null), // optional: the panel works without it
    ]);
    const ticket = asRecord(ticketBody);
    if (!ticket) return failedRead(problem('api-failed', `no ticket in ${base}`, 'ticket', base), health);

    const subject = asString(ticket.subject);
    health.push(fieldHealth('subject', subject !== null, `${base} subject`, 'api'));
    if (!subject) return missingField('subject', `${base} subject`, health);
    const requester = asRecord(ticket.requester);
    const requesterName = asString(requester?.name);
    health.push(fieldHealth('requester', requesterName !== null, `${base}?include=requester requester`, 'api'));
    if (!requesterName) return missingField('requester', `${base}?include=requester requester`, health);
    const requesterId = asString(ticket.requester_id);

    const statusValue = asString(ticket.status);
    const priorityValue = asString(ticket.priority);
    const priorityRaw = priorityValue ? PRIORITY_NAMES[priorityValue] ?? priorityValue : null;
    health.push(fieldHealth('status', statusValue !== null, `${base} status`, 'api'));
    health.push(fieldHealth('priority', priorityValue !== null, `${base} priority`, 'api'));

    const items = conversations.map(asRecord).filter((c): c is Record<string, unknown> => c !== null);
    const responderId = asString(ticket.responder_id);
    const agentIds = new Set<string>(responderId ? [responderId] : []);
    for (const c of items) {
      const userId = asString(c.user_id);
      if (userId && c.incoming !== true && userId !== requesterId) agentIds.add(userId);
    }
    const agents = await agentNames(ctx, [...agentIds]);

    const description = asString(ticket.description_text);
    const messages: TicketSnapshot['messages'] = [];
    if (description !== null) {
      // The description is not part of /conversations: it is the requester's first message.
      messages.push({
        id: null,
        author: requesterName,
        authorRole: 'customer',
        visibility: 'public',
        body: description,
        createdAt: isoTime(asString(ticket.created_at)),
      });
    }
    for (const c of items) {
      const userId = asString(c.user_id);
      // Direction comes from `incoming` and `private`, never from `source` (research section 2).
      const incoming = c.incoming === true;
      const author = userId === requesterId ? requesterName : (userId && agents.get(userId)) || asString(c.from_email) || `user ${userId ?? 'unknown'}`;
      messages.push({
        id: asString(c.id),
        author,
        authorRole: incoming ? 'customer' : 'agent',
        visibility: c.private === true ? 'internal' : 'public',
        body: asString(c.body_text) ?? '',
        createdAt: isoTime(asString(c.created_at)),
      });
    }
    health.push(fieldHealth('messages', true, `${base}/conversations`, 'api'));
    const meContact = asRecord(asRecord(me)?.contact);
    const currentAgent = asString(meContact?.name) ? { name: asString(meContact!.name)!, email: asString(meContact!.email) } : null;
    health.push(fieldHealth('currentAgent', currentAgent !== null, '/api/v2/agents/me', 'api'));

    const snapshot: TicketSnapshot = capSnapshot({
      ref: { site: 'freshdesk', ticketId, url: `${ctx.location.origin}/a/tickets/${ticketId}` },
      subject,
      requester: { name: requesterName, email: asString(requester?.email) },
      status: statusValue ? STATUS_NAMES[statusValue] ?? statusValue : null,
      priority: { raw: priorityRaw, level: priorityLevelOf(priorityRaw, PRIORITY_LEVELS) },
      assignee: responderId ? agents.get(responderId) ?? `agent ${responderId}` : null,
      tags: asArray(ticket.tags).map(asString).filter((t): t is string => t !== null),
      messages,
      createdAt: isoTime(asString(ticket.created_at)),
      currentAgent,
      source: 'api',
      readAt: ctx.now().toISOString(),
    });
    return { ok: true, snapshot, health };
  });
}

/** Reads for a write (the tags merge): read failures become write errors the outbox can classify. */
async function readForWrite(ctx: AdapterContext, path: string, what: string): Promise<Record<string, unknown>> {
  try {
    const body = asRecord(await getJson(ctx, path));
    if (body) return body;
    throw new HelpdeskWriteError(`${what}: unreadable ticket`, null, false);
  } catch (error) {
    if (error instanceof ApiReadError) {
      const retryable = error.status === null || error.status === 408 || error.status === 429 || error.status >= 500;
      throw new HelpdeskWriteError(`${what}: ${error.message}`, error.status, retryable);
    }
    throw error;
  }
}

export const freshdeskAdapter: HelpdeskAdapter = {
  id: 'freshdesk',
  label: 'Freshdesk',
  canonicalHost: 'example.freshdesk.com',
  parseTicketUrl,
  mountAnchors: S.mountAnchors,
  activeTicketRoot: (doc) => doc.body, // one ticket per page
  read,
  actions: {
    async internalNoteBodies(ctx, ticketId) {
      const items = (await readConversations(ctx, ticketId)).map(asRecord);
      return items.filter((c) => c !== null && c.private === true).map((c) => asString(c!.body_text) ?? asString(c!.body) ?? '');
    },
    async addInternalNote(ctx, ticketId, text) {
      // Notes take HTML: the text is escaped, so a note never carries markup from ticket content.
      const what = 'add internal note';
      await sendWrite(ctx, `${ticketPath(ticketId)}/notes`, jsonInit('POST', { body: textToHtml(text), private: true }, writeHeaders(ctx)), what);
    },
    async addTags(ctx, ticketId, tags) {
      // PUT replaces the whole list: read, merge, write (a tag added by someone in between can be lost; no add API).
      const what = 'add tags';
      const ticket = await readForWrite(ctx, ticketPath(ticketId), what);
      const current = asArray(ticket.tags).map(asString).filter((t): t is string => t !== null);
      const merged = [...current, ...tags.filter((t) => !current.some((c) => c.toLowerCase() === t.toLowerCase()))];
      if (merged.length === current.length) return;
      await sendWrite(ctx, ticketPath(ticketId), jsonInit('PUT', { tags: merged }, writeHeaders(ctx)), what);
    },
    async setPriority(ctx, ticketId, level) {
      await sendWrite(ctx, ticketPath(ticketId), jsonInit('PUT', { priority: PRIORITY_VALUES[level] }, writeHeaders(ctx)), 'set priority');
    },
    insertReply(ctx, text) {
      return insertReplyText(ctx.document, ctx.document.body, S.editor, text);
    },
  },
};

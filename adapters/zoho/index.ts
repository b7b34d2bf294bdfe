// Zoho Desk. Little is publicly known about its agent DOM (research: L), so the ticket, its threads and comments,
// tags and the signed-in agent come from the agent UI's own same-origin API (research: H, verified by a public
// userscript): `/supportapi/zd/{portal}/api/v1` with the `orgId` header from the `desk_urls` page global, and
// writes with `X-ZCSRF-TOKEN: crmcsrfparam=<desk_urls.csrf_token>`, read fresh for every write.
import type { PriorityLevel } from '../../core/schemas';
import {
  capSnapshot,
  ApiReadError,
  asArray,
  asRecord,
  asString,
  cap,
  fieldHealth,
  getJson,
  guardRead,
  htmlToText,
  insertReplyText,
  isoTime,
  jsonInit,
  missingField,
  onOwnOrCustomHost,
  priorityLevelOf,
  sendWrite,
  textToHtml,
} from '../dom';
import type { AdapterContext, FieldHealth, HelpdeskAdapter, ReadResult, TicketSnapshot } from '../types';
import { HelpdeskWriteError } from '../types';
import * as S from './selectors';

/** `/agent/{portal}/{department}/tickets/details/{id}`, optionally with a detail sub-tab (`/history`). */
const TICKET_PATH = /^\/agent\/([\w-]+)\/[\w-]+\/tickets\/details\/(\d{6,25})(?:\/[a-z-]+)?\/?$/;
/** desk_urls carries the org id under one of these names depending on the desk's build (research: H). */
const ORG_ID_GLOBALS = ['desk_urls.orgId', 'desk_urls.orgid', 'desk_urls.organizationId', 'desk_urls.zdOrgId'];
const CSRF_GLOBAL = 'desk_urls.csrf_token';
const THREAD_PAGE = 50;
const COMMENT_PAGE = 100;
/** Comment bodies are limited to about 32,000 bytes of UTF-8 (research): stay well under. */
export const ZOHO_NOTE_MAX_BYTES = 30_000;

const PRIORITY_LEVELS: Readonly<Record<string, PriorityLevel>> = { low: 'low', medium: 'normal', high: 'high', urgent: 'urgent' };
/** The out-of-box layout has Low, Medium and High; urgent maps onto High (the highest value every layout has). */
export const ZOHO_PRIORITY_WRITES: Readonly<Record<PriorityLevel, string>> = { low: 'Low', normal: 'Medium', high: 'High', urgent: 'High' };

function parseTicketUrl(url: URL): string | null {
  if (!onOwnOrCustomHost(url, ['desk.zoho.com', 'desk.zoho.eu', 'desk.zoho.in', 'desk.zoho.com.au'])) return null;
  return TICKET_PATH.exec(url.pathname)?.[2] ?? null;
}

/** The agent API base for the portal in the page's URL. */
function apiBase(location: URL): string | null {
  const portal = /^\/agent\/([\w-]+)\//.exec(location.pathname)?.[1];
  return portal ? `/supportapi/zd/${portal}/api/v1` : null;
}

async function globals(ctx: AdapterContext, paths: readonly string[]): Promise<Record<string, string | null>> {
  try {
    return await ctx.readPageGlobals(paths);
  } catch {
    return {};
  }
}

async function orgIdOf(ctx: AdapterContext): Promise<string | null> {
  const values = await globals(ctx, ORG_ID_GLOBALS);
  return ORG_ID_GLOBALS.map((path) => values[path]).find((value) => value) ?? null;
}

const fullName = (person: Record<string, unknown> | null): string | null => {
  if (!person) return null;
  const name = [asString(person.firstName), asString(person.lastName)].filter(Boolean).join(' ');
  return name || asString(person.name);
};

/**
 * All pages of a `{ data: [...] }` list, `from`/`limit` paged, capped at the snapshot's message limit. `strict`: a
 * page without a `data` list is an ApiReadError, not an empty list (a check must not mistake it for "no notes").
 */
async function pages(ctx: AdapterContext, path: string, limit: number, headers: Record<string, string>, strict = false): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let from = 0; all.length < 2000; from += limit) {
    // Zoho answers an empty list with 204 No Content; getJson cannot parse that, so treat it as "no more".
    const raw = asRecord(await getJson(ctx, `${path}?from=${from}&limit=${limit}`, headers).catch(noContent))?.data;
    if (strict && !Array.isArray(raw)) throw new ApiReadError(`no data list in ${path}`, null, path, 'internalNotes');
    const data = asArray(raw);
    all.push(...data);
    if (data.length < limit) break;
  }
  return all;
}

function noContent(error: unknown): unknown {
  if (error instanceof ApiReadError && error.status === 204) return { data: [] };
  throw error;
}

type Message = TicketSnapshot['messages'][number];

function threadMessage(raw: unknown): Message | null {
  const thread = asRecord(raw);
  if (!thread) return null;
  const author = asRecord(thread.author);
  const type = asString(author?.type);
  const content = asString(thread.content);
  return {
    id: asString(thread.id),
    author: cap(fullName(author) ?? '', 200),
    authorRole: type === 'END_USER' || (type === null && thread.direction === 'in') ? 'customer' : type === 'AGENT' || thread.direction === 'out' ? 'agent' : 'system',
    visibility: thread.visibility === 'private' ? 'internal' : 'public',
    body: cap(content !== null ? htmlToText(content) : asString(thread.summary) ?? '', 20_000),
    createdAt: isoTime(asString(thread.createdTime)),
  };
}

function commentMessage(raw: unknown): Message | null {
  const comment = asRecord(raw);
  if (!comment) return null;
  const commenter = asRecord(comment.commenter);
  const content = asString(comment.content) ?? '';
  return {
    id: asString(comment.id),
    author: cap(fullName(commenter) ?? '', 200),
    authorRole: asString(commenter?.type) === 'END_USER' ? 'customer' : 'agent',
    visibility: comment.isPublic === true ? 'public' : 'internal',
    body: cap(comment.contentType === 'plainText' ? content : htmlToText(content), 20_000),
    createdAt: isoTime(asString(comment.commentedTime)),
  };
}

async function read(ctx: AdapterContext, ticketId: string): Promise<ReadResult> {
  return guardRead(async () => {
    const health: FieldHealth[] = [];
    const base = apiBase(ctx.location);
    if (!base) return missingField('portal', 'location /agent/{portal}/', health);
    const orgId = await orgIdOf(ctx);
    health.push(fieldHealth('orgId', orgId !== null, ORG_ID_GLOBALS.join(' | '), 'dom'));
    if (!orgId) return missingField('orgId', ORG_ID_GLOBALS.join(' | '), health);
    const headers = { orgId };

    const ticketPath = `${base}/tickets/${ticketId}`;
    const ticket = asRecord(await getJson(ctx, `${ticketPath}?include=contacts,assignee`, headers));
    if (!ticket) throw new ApiReadError(`no ticket in ${ticketPath}`, null, ticketPath, 'ticket');
    const via = (key: string) => `${ticketPath}#${key}`;
    const track = <T>(field: string, key: string, value: T | null): T | null => {
      health.push(fieldHealth(field, value !== null, via(key), 'api'));
      return value;
    };

    const subject = track('subject', 'subject', typeof ticket.subject === 'string' ? ticket.subject : null);
    if (subject === null) return missingField('subject', via('subject'), health);
    const contact = asRecord(ticket.contact);
    const requesterName = track('requester', 'contact', fullName(contact));
    if (requesterName === null) return missingField('requester', via('contact'), health);
    const status = track('status', 'status', asString(ticket.status));
    if (status === null) return missingField('status', via('status'), health);
    // Priority is optional in Zoho ("-None-" is null): null is a reading, not a failure.
    const priorityRaw = 'priority' in ticket ? asString(ticket.priority) : undefined;
    health.push(fieldHealth('priority', priorityRaw !== undefined, via('priority'), 'api'));
    if (priorityRaw === undefined) return missingField('priority', via('priority'), health);

    const threadsPath = `${ticketPath}/threads`;
    const threadList = await pages(ctx, threadsPath, THREAD_PAGE, headers);
    // The list carries summaries only: the full body is one request per thread.
    const threads = await Promise.all(
      threadList.map((item) => {
        const id = asString(asRecord(item)?.id);
        return id && /^\d+$/.test(id) ? getJson(ctx, `${threadsPath}/${id}`, headers) : Promise.resolve(item);
      }),
    );
    health.push(fieldHealth('messages', true, `${threadsPath}/{threadId}`, 'api'));
    const comments = await pages(ctx, `${ticketPath}/comments`, COMMENT_PAGE, headers);
    health.push(fieldHealth('internalNotes', true, `${ticketPath}/comments`, 'api'));
    const messages = [...threads.map(threadMessage), ...comments.map(commentMessage)]
      .filter((m): m is Message => m !== null)
      .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))
      .slice(-2000);

    const tagsPath = `${ticketPath}/tags`;
    const tags = asArray(asRecord(await getJson(ctx, tagsPath, headers).catch(noContent))?.data)
      .map((tag) => asString(asRecord(tag)?.name))
      .filter((name): name is string => name !== null)
      .map((name) => cap(name, 200));
    health.push(fieldHealth('tags', true, tagsPath, 'api'));

    const snapshot: TicketSnapshot = {
      ref: { site: 'zoho', ticketId, url: ctx.location.href },
      subject: cap(subject, 1000),
      requester: { name: cap(requesterName, 200), email: asString(contact?.email) ?? asString(ticket.email) },
      status: cap(status, 100),
      priority: { raw: priorityRaw === null ? null : cap(priorityRaw, 100), level: priorityLevelOf(priorityRaw, PRIORITY_LEVELS) },
      assignee: fullName(asRecord(ticket.assignee)),
      tags,
      messages,
      createdAt: isoTime(asString(ticket.createdTime)),
      currentAgent: await currentAgent(ctx, base, headers, health),
      source: 'api',
      readAt: ctx.now().toISOString(),
    };
    return { ok: true, snapshot: capSnapshot(snapshot), health };
  });
}

/** The signed-in agent (`GET /myinfo`). Optional: null when the call fails. */
async function currentAgent(ctx: AdapterContext, base: string, headers: Record<string, string>, health: FieldHealth[]): Promise<TicketSnapshot['currentAgent']> {
  const path = `${base}/myinfo`;
  try {
    const me = asRecord(await getJson(ctx, path, headers));
    const name = fullName(me);
    health.push(fieldHealth('currentAgent', name !== null, path, 'api'));
    return name === null ? null : { name: cap(name, 200), email: asString(me?.emailId) ?? asString(me?.email) };
  } catch {
    health.push(fieldHealth('currentAgent', false, path, 'api'));
    return null;
  }
}

/** orgId plus the CSRF header, read fresh (a cached token goes stale). */
async function writeContext(ctx: AdapterContext, what: string): Promise<{ base: string; headers: Record<string, string> }> {
  const base = apiBase(ctx.location);
  const orgId = await orgIdOf(ctx);
  const token = (await globals(ctx, [CSRF_GLOBAL]))[CSRF_GLOBAL];
  if (!base || !orgId || !token) throw new HelpdeskWriteError(`${what}: desk_urls (orgId, csrf_token) is not readable on this page`, null, false);
  return { base, headers: { orgId, 'X-ZCSRF-TOKEN': `crmcsrfparam=${token}` } };
}

/**
 * The bodies of the ticket's private comments (Zoho's internal notes; `isPublic: true` comments are shown to the
 * customer and do not count), as text. Reads need only the orgId header. Throws ApiReadError when the comments
 * cannot be read (note-once then writes nothing and the outbox retries).
 */
async function privateCommentBodies(ctx: AdapterContext, ticketId: string): Promise<string[]> {
  const what = 'Zoho Desk comments';
  const base = apiBase(ctx.location);
  const orgId = await orgIdOf(ctx);
  // Without them the note cannot be written either (writeContext refuses the same way): not retryable.
  if (!base || !orgId) throw new HelpdeskWriteError(`${what}: desk_urls (orgId) is not readable on this page`, null, false);
  const comments = await pages(ctx, `${base}/tickets/${ticketId}/comments`, COMMENT_PAGE, { orgId }, true);
  return comments.flatMap((raw) => {
    const comment = asRecord(raw);
    if (!comment || comment.isPublic === true) return [];
    const content = asString(comment.content) ?? '';
    return [comment.contentType === 'plainText' ? content : htmlToText(content)];
  });
}

const utf8Length = (value: string) => new TextEncoder().encode(value).length;

/** The outbox's reference line at the end of a note (adapters/note-once.ts): kept whole when a note is shortened. */
const NOTE_REF_TAIL = /\n\n\[Escalation Desk ref: [^\]\n]*\]$/;

/**
 * Escaped HTML paragraphs of the note, shortened (with a marker) to fit Zoho's comment size limit. The outbox's
 * reference line stays the last line, so a shortened note is still recognised on retry and not written twice.
 */
export function zohoNoteHtml(text: string, maxBytes = ZOHO_NOTE_MAX_BYTES): string {
  const tail = NOTE_REF_TAIL.exec(text)?.[0] ?? '';
  let body = text.slice(0, text.length - tail.length);
  let html = textToHtml(text);
  while (utf8Length(html) > maxBytes && body.length > 0) {
    body = body.slice(0, Math.max(0, Math.floor((body.length * maxBytes) / utf8Length(html)) - 20));
    html = textToHtml(`${body}\n[truncated]${tail}`);
  }
  return html;
}

export const zohoAdapter: HelpdeskAdapter = {
  id: 'zoho',
  label: 'Zoho Desk',
  canonicalHost: 'desk.zoho.com',
  parseTicketUrl,
  mountAnchors: S.MOUNT_ANCHORS,
  activeTicketRoot: (doc) => doc.body, // one ticket per page
  read,
  pageGlobals: [...ORG_ID_GLOBALS, CSRF_GLOBAL],
  actions: {
    internalNoteBodies: privateCommentBodies,
    async addInternalNote(ctx, ticketId, text) {
      const what = 'Zoho Desk comment';
      const { base, headers } = await writeContext(ctx, what);
      const body = { content: zohoNoteHtml(text), contentType: 'html', isPublic: false };
      await sendWrite(ctx, `${base}/tickets/${ticketId}/comments`, jsonInit('POST', body, headers), what);
    },
    async setPriority(ctx, ticketId, level) {
      const what = 'Zoho Desk priority';
      const { base, headers } = await writeContext(ctx, what);
      await sendWrite(ctx, `${base}/tickets/${ticketId}`, jsonInit('PATCH', { priority: ZOHO_PRIORITY_WRITES[level] }, headers), what);
    },
    /** Zoho's own ticket tags (`associateTag`; research: L/M on the body shape). Already-present tags are kept once. */
    async addTags(ctx, ticketId, tags) {
      const what = 'Zoho Desk tags';
      const names = [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
      if (names.length === 0) return;
      const { base, headers } = await writeContext(ctx, what);
      await sendWrite(ctx, `${base}/tickets/${ticketId}/associateTag`, jsonInit('POST', { tags: names }, headers), what);
    },
    insertReply(ctx, text) {
      return insertReplyText(ctx.document, ctx.document.body, S.REPLY_EDITOR, text);
    },
  },
};

// HubSpot help desk and CRM ticket records. HubSpot proxies its APIs on the app origin (research: H):
// `/api/{path}?portalId={id}` with the session and `X-HubSpot-CSRF-hubspotapi` from the non-HttpOnly
// `hubspotapi-csrf` cookie (or `csrf.app`). The ticket, its contact and owner come from CRM v3, the conversation
// from the Conversations v3 thread (M), internal notes from associated CRM notes. The help-desk pane's DOM is
// unmapped (L), so the DOM is used only to mount and to put reply text in.
import type { PriorityLevel } from '../../core/schemas';
import {
  capSnapshot,
  ApiReadError,
  asArray,
  asRecord,
  asString,
  cap,
  cookieValue,
  fieldHealth,
  getJson,
  guardRead,
  htmlToText,
  insertReplyText,
  isoTime,
  jsonInit,
  missingField,
  onOwnOrCustomHost,
  pathOnly,
  priorityLevelOf,
  sendWrite,
  textToHtml,
} from '../dom';
import type { AdapterContext, FieldHealth, HelpdeskAdapter, ReadResult, TicketSnapshot } from '../types';
import { HelpdeskWriteError } from '../types';
import * as S from './selectors';

const CSRF_COOKIES = ['hubspotapi-csrf', 'csrf.app'];
const CSRF_HEADER = 'X-HubSpot-CSRF-hubspotapi';
/** HubSpot-defined association type note -> ticket (research: M, "verify"). */
const NOTE_TO_TICKET = 228;
/**
 * Tags: HubSpot tickets have no native tags. The adapter keeps them in a multi-checkbox ticket property (values
 * joined with `;`), adding missing options to the property definition first. An admin creates the property once.
 */
export const HUBSPOT_TAG_PROPERTY = 'escalation_tags';
const TICKET_PROPERTIES = [
  'subject',
  'content',
  'hs_pipeline',
  'hs_pipeline_stage',
  'hs_ticket_priority',
  'hubspot_owner_id',
  'createdate',
  HUBSPOT_TAG_PROPERTY,
  'hs_conversations_originating_thread_id',
].join(',');

const PRIORITY_LEVELS: Readonly<Record<string, PriorityLevel>> = { LOW: 'low', MEDIUM: 'normal', HIGH: 'high', URGENT: 'urgent' };
export const HUBSPOT_PRIORITY_WRITES: Readonly<Record<PriorityLevel, string>> = { low: 'LOW', normal: 'MEDIUM', high: 'HIGH', urgent: 'URGENT' };

const HELP_DESK = /^\/help-desk\/(\d+)\/view\/([\w-]+)\/ticket\/(\d+)\/?$/;
const RECORD = /^\/contacts\/(\d+)\/record\/0-5\/(\d+)(?:\/[\w/-]*)?$/;
const LEGACY_RECORD = /^\/contacts\/(\d+)\/ticket\/(\d+)\/?$/;

function parseTicketUrl(url: URL): string | null {
  if (!onOwnOrCustomHost(url, ['app.hubspot.com', 'app-eu1.hubspot.com'])) return null;
  const path = url.pathname;
  return HELP_DESK.exec(path)?.[3] ?? RECORD.exec(path)?.[2] ?? LEGACY_RECORD.exec(path)?.[2] ?? null;
}

const portalOf = (location: URL): string | null => /^\/(?:help-desk|contacts)\/(\d+)\//.exec(location.pathname)?.[1] ?? null;
const csrfToken = (doc: Document): string | null => CSRF_COOKIES.map((name) => cookieValue(doc, name)).find((v) => v) ?? null;
/** `/api{path}` with `portalId` (and `query`) for the page's portal. */
const apiPath = (portal: string, path: string, query = '') => `/api${path}?portalId=${portal}${query ? `&${query}` : ''}`;

async function postRead(ctx: AdapterContext, path: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  let response: Response;
  try {
    response = await ctx.fetch(path, { ...jsonInit('POST', body, headers), credentials: 'same-origin' });
  } catch {
    throw new ApiReadError(`network error reading ${pathOnly(path)}`, null, pathOnly(path));
  }
  if (!response.ok) throw new ApiReadError(`HTTP ${response.status} reading ${pathOnly(path)}`, response.status, pathOnly(path));
  try {
    return await response.json();
  } catch {
    throw new ApiReadError(`unreadable JSON from ${pathOnly(path)}`, response.status, pathOnly(path));
  }
}

const person = (first: unknown, last: unknown): string | null => [asString(first), asString(last)].filter(Boolean).join(' ') || null;
type Message = TicketSnapshot['messages'][number];

/** Conversations v3 thread messages: MESSAGE is public, COMMENT an internal inbox comment; others are skipped. */
function threadMessage(raw: unknown): Message | null {
  const message = asRecord(raw);
  const type = asString(message?.type);
  if (!message || (type !== 'MESSAGE' && type !== 'COMMENT')) return null;
  const sender = asRecord(asArray(message.senders)[0]);
  const actor = asString(sender?.actorId) ?? '';
  const text = asString(message.text);
  const richText = asString(message.richText);
  return {
    id: asString(message.id),
    author: cap(asString(sender?.name) ?? '', 200),
    authorRole: actor.startsWith('V-') || (actor === '' && message.direction === 'INCOMING') ? 'customer' : actor.startsWith('A-') || message.direction === 'OUTGOING' ? 'agent' : 'system',
    visibility: type === 'COMMENT' ? 'internal' : 'public',
    body: cap(text ?? (richText ? htmlToText(richText) : ''), 20_000),
    createdAt: isoTime(asString(message.createdAt)),
  };
}

async function read(ctx: AdapterContext, ticketId: string): Promise<ReadResult> {
  return guardRead(async () => {
    const health: FieldHealth[] = [];
    const portal = portalOf(ctx.location);
    if (!portal) return missingField('portalId', 'location /help-desk/{portalId}/ or /contacts/{portalId}/', health);
    const token = csrfToken(ctx.document);
    const headers: Record<string, string> = token ? { [CSRF_HEADER]: token } : {};

    const ticketPath = apiPath(portal, `/crm/v3/objects/tickets/${ticketId}`, `properties=${TICKET_PROPERTIES}&associations=contacts,notes`);
    const ticket = asRecord(await getJson(ctx, ticketPath, headers));
    const props = asRecord(ticket?.properties);
    if (!ticket || !props) throw new ApiReadError(`no ticket in ${pathOnly(ticketPath)}`, null, pathOnly(ticketPath), 'ticket');
    const via = (key: string) => `${pathOnly(ticketPath)}#${key}`;
    const property = (field: string, key: string): string | null | undefined => {
      const present = key in props;
      health.push(fieldHealth(field, present, via(key), 'api'));
      return present ? asString(props[key]) : undefined;
    };

    const subject = property('subject', 'subject');
    if (subject === undefined) return missingField('subject', via('subject'), health);
    const stage = property('status', 'hs_pipeline_stage');
    if (!stage) return missingField('status', via('hs_pipeline_stage'), health);
    const priorityRaw = property('priority', 'hs_ticket_priority');
    if (priorityRaw === undefined) return missingField('priority', via('hs_ticket_priority'), health);

    const contactId = asString(asRecord(asArray(asRecord(asRecord(ticket.associations)?.contacts)?.results)[0])?.id);
    if (!contactId) {
      health.push(fieldHealth('requester', false, via('associations.contacts'), 'api'));
      return missingField('requester', via('associations.contacts'), health);
    }
    const contactPath = apiPath(portal, `/crm/v3/objects/contacts/${contactId}`, 'properties=firstname,lastname,email');
    const contact = asRecord(asRecord(await getJson(ctx, contactPath, headers))?.properties);
    const requesterName = person(contact?.firstname, contact?.lastname) ?? asString(contact?.email);
    health.push(fieldHealth('requester', requesterName !== null, pathOnly(contactPath), 'api'));
    if (requesterName === null) return missingField('requester', pathOnly(contactPath), health);

    // Owner names, cached per read (the ticket's owner and the notes' authors).
    const owners = new Map<string, string | null>();
    const ownerName = async (id: string | null): Promise<string | null> => {
      if (!id) return null;
      if (!owners.has(id)) {
        const owner = asRecord(await getJson(ctx, apiPath(portal, `/crm/v3/owners/${id}`), headers));
        owners.set(id, person(owner?.firstName, owner?.lastName) ?? asString(owner?.email));
      }
      return owners.get(id) ?? null;
    };
    const assignee = await ownerName(asString(props.hubspot_owner_id));

    // Status in HubSpot's words is the stage label; when the pipelines API refuses, the raw stage id stands.
    let status = stage;
    const pipeline = asString(props.hs_pipeline) ?? '0';
    const stagePath = apiPath(portal, `/crm/v3/pipelines/tickets/${pipeline}/stages/${stage}`);
    try {
      status = asString(asRecord(await getJson(ctx, stagePath, headers))?.label) ?? stage;
    } catch {
      /* the stage id is the helpdesk's own value: keep it, and say the label was not read */
    }
    health.push(fieldHealth('status.label', status !== stage, pathOnly(stagePath), 'api'));

    const messages: Message[] = [];
    const threadId = asString(props.hs_conversations_originating_thread_id);
    if (threadId) {
      const path = `/conversations/v3/conversations/threads/${threadId}/messages`;
      let after: string | null = null;
      do {
        const query: string = `limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`;
        const page = asRecord(await getJson(ctx, apiPath(portal, path, query), headers));
        for (const raw of asArray(page?.results)) {
          const message = threadMessage(raw);
          if (message) messages.push(message);
        }
        after = asString(asRecord(asRecord(page?.paging)?.next)?.after);
      } while (after && messages.length < 2000);
      health.push(fieldHealth('messages', true, `/api${path}`, 'api'));
    } else if (asString(props.content)) {
      // A ticket without a conversation (form, manual): its description is the customer's request.
      messages.push({ id: null, author: cap(requesterName, 200), authorRole: 'customer', visibility: 'public', body: cap(asString(props.content)!, 20_000), createdAt: isoTime(asString(props.createdate)) });
      health.push(fieldHealth('messages', true, via('content'), 'api'));
    }

    const noteIds = asArray(asRecord(asRecord(ticket.associations)?.notes)?.results)
      .map((n) => asString(asRecord(n)?.id))
      .filter((id): id is string => id !== null);
    for (let i = 0; i < noteIds.length && i < 2000; i += 100) {
      const batchPath = apiPath(portal, '/crm/v3/objects/notes/batch/read');
      const batch = asRecord(
        await postRead(ctx, batchPath, { properties: ['hs_note_body', 'hs_timestamp', 'hubspot_owner_id'], inputs: noteIds.slice(i, i + 100).map((id) => ({ id })) }, headers),
      );
      for (const raw of asArray(batch?.results)) {
        const note = asRecord(raw);
        const p = asRecord(note?.properties);
        if (!note || !p) continue;
        messages.push({
          id: asString(note.id),
          author: cap((await ownerName(asString(p.hubspot_owner_id))) ?? '', 200),
          authorRole: 'agent',
          visibility: 'internal',
          body: cap(htmlToText(asString(p.hs_note_body) ?? ''), 20_000),
          createdAt: isoTime(asString(p.hs_timestamp)),
        });
      }
    }
    if (noteIds.length) health.push(fieldHealth('internalNotes', true, '/api/crm/v3/objects/notes/batch/read', 'api'));
    messages.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));

    const snapshot: TicketSnapshot = {
      ref: { site: 'hubspot', ticketId, url: ctx.location.href },
      subject: cap(subject ?? '', 1000),
      requester: { name: cap(requesterName, 200), email: asString(contact?.email) },
      status: cap(status, 100),
      priority: { raw: priorityRaw, level: priorityLevelOf(priorityRaw, PRIORITY_LEVELS) },
      assignee: assignee === null ? null : cap(assignee, 200),
      tags: (asString(props[HUBSPOT_TAG_PROPERTY]) ?? '').split(';').filter(Boolean).map((tag) => cap(tag, 200)),
      messages: messages.slice(-2000),
      createdAt: isoTime(asString(props.createdate)),
      currentAgent: null, // not exposed by a documented page marker or API
      source: 'api',
      readAt: ctx.now().toISOString(),
    };
    return { ok: true, snapshot: capSnapshot(snapshot), health };
  });
}

/** A call made for a write, with the CSRF cookie read fresh; a 403 (stale token after idle) is retried once. */
async function hubspotCall(ctx: AdapterContext, method: string, path: string, body: unknown, what: string): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const token = csrfToken(ctx.document);
    if (!token) throw new HelpdeskWriteError(`${what}: no hubspotapi-csrf cookie on the page`, null, false);
    const init = body === undefined ? { method, headers: { accept: 'application/json', [CSRF_HEADER]: token } } : jsonInit(method, body, { [CSRF_HEADER]: token });
    try {
      return await sendWrite(ctx, path, init, what);
    } catch (error) {
      if (attempt === 0 && error instanceof HelpdeskWriteError && error.status === 403) continue;
      throw error;
    }
  }
}

async function jsonOf(response: Response, what: string): Promise<Record<string, unknown> | null> {
  try {
    return asRecord(await response.json());
  } catch {
    throw new HelpdeskWriteError(`${what}: unreadable JSON`, response.status, false);
  }
}

function writePortal(ctx: AdapterContext, what: string): string {
  const portal = portalOf(ctx.location);
  if (!portal) throw new HelpdeskWriteError(`${what}: no portal id in the page URL`, null, false);
  return portal;
}

/**
 * The bodies of the CRM notes associated with the ticket (HubSpot's internal notes: a note is never shown to the
 * customer; the conversation's public messages are not notes), as text. The note ids come from the ticket's
 * associations, the bodies from the notes batch read; that read is a POST, so it carries the CSRF cookie (read
 * fresh, retried once on a 403 like the writes). Throws ApiReadError when the notes cannot be read.
 */
async function ticketNoteBodies(ctx: AdapterContext, ticketId: string): Promise<string[]> {
  const what = 'HubSpot notes';
  const portal = writePortal(ctx, what);
  const ticketPath = apiPath(portal, `/crm/v3/objects/tickets/${ticketId}`, 'properties=hs_object_id&associations=notes');
  const ticket = asRecord(await getJson(ctx, ticketPath, csrfHeaders(ctx)));
  if (!ticket || asString(ticket.id) === null) throw new ApiReadError(`no ticket in ${pathOnly(ticketPath)}`, null, pathOnly(ticketPath), 'internalNotes');
  const noteIds = asArray(asRecord(asRecord(ticket.associations)?.notes)?.results)
    .map((n) => asString(asRecord(n)?.id))
    .filter((id): id is string => id !== null);
  const bodies: string[] = [];
  const batchPath = apiPath(portal, '/crm/v3/objects/notes/batch/read');
  for (let i = 0; i < noteIds.length; i += 100) {
    const input = { properties: ['hs_note_body'], inputs: noteIds.slice(i, i + 100).map((id) => ({ id })) };
    let batch: unknown;
    for (let attempt = 0; ; attempt += 1) {
      const headers = csrfHeaders(ctx);
      if (!headers[CSRF_HEADER]) throw new HelpdeskWriteError(`${what}: no hubspotapi-csrf cookie on the page`, null, false);
      try {
        batch = await postRead(ctx, batchPath, input, headers);
        break;
      } catch (error) {
        if (attempt === 0 && error instanceof ApiReadError && error.status === 403) continue; // a stale token after idle
        throw error;
      }
    }
    const results = asRecord(batch)?.results;
    if (!Array.isArray(results)) throw new ApiReadError(`no results in ${pathOnly(batchPath)}`, null, pathOnly(batchPath), 'internalNotes');
    for (const raw of results) {
      const body = asString(asRecord(asRecord(raw)?.properties)?.hs_note_body);
      if (body !== null) bodies.push(htmlToText(body));
    }
  }
  return bodies;
}

function csrfHeaders(ctx: AdapterContext): Record<string, string> {
  const token = csrfToken(ctx.document);
  return token ? { [CSRF_HEADER]: token } : {};
}

export const hubSpotAdapter: HelpdeskAdapter = {
  id: 'hubspot',
  label: 'HubSpot Help Desk',
  canonicalHost: 'app.hubspot.com',
  parseTicketUrl,
  mountAnchors: S.MOUNT_ANCHORS,
  activeTicketRoot: (doc) => doc.body, // one ticket per page
  read,
  actions: {
    internalNoteBodies: ticketNoteBodies,
    async addInternalNote(ctx, ticketId, text) {
      const what = 'HubSpot note';
      const body = {
        properties: { hs_note_body: textToHtml(text), hs_timestamp: ctx.now().toISOString() },
        associations: [{ to: { id: ticketId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_TICKET }] }],
      };
      await hubspotCall(ctx, 'POST', apiPath(writePortal(ctx, what), '/crm/v3/objects/notes'), body, what);
    },
    async setPriority(ctx, ticketId, level) {
      const what = 'HubSpot priority';
      const path = apiPath(writePortal(ctx, what), `/crm/v3/objects/tickets/${ticketId}`);
      await hubspotCall(ctx, 'PATCH', path, { properties: { hs_ticket_priority: HUBSPOT_PRIORITY_WRITES[level] } }, what);
    },
    async addTags(ctx, ticketId, tags) {
      const what = 'HubSpot escalation tags';
      const portal = writePortal(ctx, what);
      const wanted = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
      if (wanted.some((t) => t.includes(';'))) throw new HelpdeskWriteError(`${what}: a tag cannot contain ;`, null, false);
      if (wanted.length === 0) return;
      const propertyPath = apiPath(portal, `/crm/v3/properties/tickets/${HUBSPOT_TAG_PROPERTY}`);
      let definition: Record<string, unknown> | null;
      try {
        definition = await jsonOf(await hubspotCall(ctx, 'GET', propertyPath, undefined, what), what);
      } catch (error) {
        if (error instanceof HelpdeskWriteError && error.status === 404) {
          throw new HelpdeskWriteError(`${what}: the ticket property ${HUBSPOT_TAG_PROPERTY} does not exist (an admin creates it as a multiple checkbox)`, 404, false);
        }
        throw error;
      }
      const options = asArray(definition?.options).map((o) => asRecord(o)).filter((o): o is Record<string, unknown> => o !== null);
      const missing = wanted.filter((tag) => !options.some((o) => o.value === tag));
      if (missing.length) {
        const added = missing.map((tag, i) => ({ label: tag, value: tag, displayOrder: options.length + i, hidden: false }));
        await hubspotCall(ctx, 'PATCH', propertyPath, { options: [...options, ...added] }, what);
      }
      const ticketPath = apiPath(portal, `/crm/v3/objects/tickets/${ticketId}`);
      const current = await jsonOf(await hubspotCall(ctx, 'GET', `${ticketPath}&properties=${HUBSPOT_TAG_PROPERTY}`, undefined, what), what);
      const have = (asString(asRecord(current?.properties)?.[HUBSPOT_TAG_PROPERTY]) ?? '').split(';').filter(Boolean);
      const next = [...new Set([...have, ...wanted])];
      if (next.length === have.length) return; // already tagged
      await hubspotCall(ctx, 'PATCH', ticketPath, { properties: { [HUBSPOT_TAG_PROPERTY]: next.join(';') } }, what);
    },
    insertReply(ctx, text) {
      return insertReplyText(ctx.document, ctx.document.body, S.REPLY_EDITOR, text);
    },
  },
};

// ServiceNow incidents. The URL names the incident (classic `incident.do?sys_id=`, the classic page inside Next
// Experience or `nav_to.do`, and workspace records such as SOW's `/now/sow/record/incident/{sys_id}`); the Table
// API (research: H) gives the caller's e-mail, the journal (comments = public, work_notes = internal) and tags.
// On a classic form the visible header fields come from its stable element ids (M); workspaces are shadow DOM
// (L), so there everything comes from the API and the panel floats.
import type { PriorityLevel } from '../../core/schemas';
import {
  capSnapshot,
  ApiReadError,
  asArray,
  asRecord,
  asString,
  attrOf,
  cap,
  fieldHealth,
  guardRead,
  insertReplyText,
  isoTime,
  jsonInit,
  missingField,
  onOwnOrCustomHost,
  pathOnly,
  priorityLevelOf,
  problem,
  safeQuery,
  sendWrite,
  textOf,
  valueOf,
  getJson,
  firstMatch,
} from '../dom';
import type { AdapterContext, FieldHealth, HelpdeskAdapter, TicketSnapshot } from '../types';
import { HelpdeskWriteError } from '../types';
import * as S from './selectors';

const SYS_ID = /^[0-9a-f]{32}$/;
const TABLE = '/api/now/table';
const INCIDENT_FIELDS = [
  'number',
  'short_description',
  'state',
  'priority',
  'caller_id',
  'caller_id.email',
  'caller_id.user_name',
  'assigned_to',
  'sys_created_on',
].join(',');
const PAGE_GLOBALS = ['g_ck'] as const;
/** The out-of-box "Me" dynamic filter: the signed-in user, without reading a page global. */
const ME = 'DYNAMIC90d1921e5f510100a9ad2572f2b477fe';

/** Priority values of the out-of-box lookup (1 Critical .. 5 Planning) onto our levels. */
const PRIORITY_LEVELS: Readonly<Record<string, PriorityLevel>> = { '1': 'urgent', '2': 'high', '3': 'normal', '4': 'low', '5': 'low' };

/**
 * Our levels as impact x urgency. Incident priority is derived from them through the priority lookup, so a direct
 * `priority` write would be overwritten (research: M). Out-of-box: 1x1 -> 1 Critical, 1x2 -> 2 High,
 * 2x2 -> 3 Moderate, 2x3 -> 4 Low.
 */
export const SERVICENOW_PRIORITY_WRITES: Readonly<Record<PriorityLevel, { impact: string; urgency: string }>> = {
  urgent: { impact: '1', urgency: '1' },
  high: { impact: '1', urgency: '2' },
  normal: { impact: '2', urgency: '2' },
  low: { impact: '2', urgency: '3' },
};

/** The incident sys_id a URL shows, or null. Only the incident table is an escalation-desk ticket. */
function parseTicketUrl(url: URL): string | null {
  if (!onOwnOrCustomHost(url, ['.service-now.com'])) return null;
  const path = url.pathname;
  if (path === '/incident.do') {
    const sysId = url.searchParams.get('sys_id');
    return sysId !== null && SYS_ID.test(sysId) ? sysId : null;
  }
  // Classic frameset and Next Experience around a classic page: the form's URL is carried encoded.
  let inner: string | null = null;
  if (path === '/nav_to.do') inner = url.searchParams.get('uri');
  const target = /^\/now\/nav\/ui\/classic\/params\/target\/([^/]+)$/.exec(path);
  if (target) {
    try {
      inner = decodeURIComponent(target[1]!);
    } catch {
      return null;
    }
  }
  if (inner !== null) {
    const innerUrl = new URL(inner.replace(/^\/?/, '/'), url.origin);
    return innerUrl.pathname === '/incident.do' ? parseTicketUrl(innerUrl) : null;
  }
  // Workspaces: /now/sow/record/incident/{sys_id}, /now/workspace/agent/record/..., /now/cwf/agent/record/...
  const workspace = /^\/now\/(?:[\w-]+\/){1,3}record\/incident\/([0-9a-f]{32})(?:\/|$)/.exec(path);
  return workspace ? workspace[1]! : null;
}

/** The document holding the classic form: the page itself, or the classic frame inside it (null when neither). */
function formDocument(doc: Document): Document | null {
  if (safeQuery(doc, S.FORM_SYS_ID[0]!)) return doc;
  const frame = safeQuery(doc, S.CLASSIC_FRAME) ?? safeQuery(doc, S.NEXT_EXPERIENCE_SHELL)?.shadowRoot?.querySelector(S.CLASSIC_FRAME) ?? null;
  try {
    const inner = (frame as HTMLIFrameElement | null)?.contentDocument ?? null;
    return inner && safeQuery(inner, S.FORM_SYS_ID[0]!) ? inner : null;
  } catch {
    return null; // a cross-origin or unloaded frame
  }
}

/** On a classic form, the page body when the form shows this incident; null when it shows another one. */
function activeTicketRoot(doc: Document, ticketId: string): ParentNode | null {
  const formId = safeQuery(doc, S.FORM_SYS_ID[0]!);
  if (!formId) return doc.body; // workspace or frameset: one record per page, no form in this document
  return valueOf(formId) === ticketId ? doc.body : null;
}

/** X-UserToken: the g_ck page global, else the classic page's hidden input (read fresh for every call). */
async function userToken(ctx: AdapterContext): Promise<string | null> {
  let token: string | null = null;
  try {
    token = (await ctx.readPageGlobals(['g_ck'])).g_ck ?? null;
  } catch {
    token = null;
  }
  return token || valueOf(safeQuery(ctx.document, S.CSRF_INPUT)) || null;
}

async function writeHeaders(ctx: AdapterContext, what: string): Promise<Record<string, string>> {
  const token = await userToken(ctx);
  if (!token) throw new HelpdeskWriteError(`${what}: no g_ck session token on the page`, null, false);
  return { 'X-UserToken': token };
}

/** A GET made on behalf of a write: failures are write errors (retryable as the status says). */
async function readForWrite(ctx: AdapterContext, path: string, headers: Record<string, string>, what: string): Promise<unknown[]> {
  const response = await sendWrite(ctx, path, { method: 'GET', headers: { accept: 'application/json', ...headers } }, what);
  try {
    return asArray(asRecord(await response.json())?.result);
  } catch {
    throw new HelpdeskWriteError(`${what}: unreadable JSON from ${pathOnly(path)}`, response.status, false);
  }
}

const q = (query: string) => encodeURIComponent(query);

/** Journal text is shown escaped unless wrapped in [code]..[/code]: keep ticket words from turning into HTML. */
export function neutraliseJournalMarkup(text: string): string {
  return text.replace(/\[(\/?code)\]/gi, '[$1\u200b]');
}

/** `{ display_value, value }` pairs of a `sysparm_display_value=all` record. */
function pair(record: Record<string, unknown>, key: string): { display: string | null; value: string | null } | null {
  const field = asRecord(record[key]);
  if (!field) return null;
  return { display: typeof field.display_value === 'string' ? field.display_value : null, value: typeof field.value === 'string' ? field.value : null };
}

async function read(ctx: AdapterContext, ticketId: string) {
  return guardRead(async () => {
    const health: FieldHealth[] = [];
    const doc = formDocument(ctx.document) ?? ctx.document;
    const formId = safeQuery(doc, S.FORM_SYS_ID[0]!);
    if (formId && valueOf(formId) !== ticketId) {
      return { ok: false, problem: problem('ambiguous-ticket', 'the classic form on the page shows another record', 'ticket', S.FORM_SYS_ID[0]), health };
    }
    const token = await userToken(ctx);
    const headers: Record<string, string> = token ? { 'X-UserToken': token } : {};

    const incidentPath = `${TABLE}/incident/${ticketId}?sysparm_display_value=all&sysparm_exclude_reference_link=true&sysparm_fields=${INCIDENT_FIELDS}`;
    const incident = asRecord(asRecord(await getJson(ctx, incidentPath, headers))?.result);
    const via = (field: string) => `${pathOnly(incidentPath)}#${field}`;
    if (!incident) throw new ApiReadError(`no record in ${pathOnly(incidentPath)}`, null, pathOnly(incidentPath), 'ticket');
    const apiField = (key: string, field: string) => {
      const value = pair(incident, key);
      health.push(fieldHealth(field, value !== null, via(key), 'api'));
      return value;
    };

    // Header fields: the classic form's own controls when it is on screen, else the API.
    let subject: string | null;
    let requesterName: string | null;
    let status: string | null;
    let priorityRaw: string | null;
    let priorityCode: string | null;
    let assignee: string | null;
    if (formId) {
      const dom = (field: string, selectors: readonly string[], readValue: (el: Element) => string | null) => {
        const found = firstMatch(doc, selectors);
        health.push(fieldHealth(field, found !== null, found?.selector ?? selectors.join(', ')));
        return found ? readValue(found.element) ?? '' : null;
      };
      subject = dom('subject', S.SUBJECT, valueOf);
      if (subject === null) return missingField('subject', S.SUBJECT.join(', '), health);
      requesterName = dom('requester', S.REQUESTER_NAME, valueOf);
      if (requesterName === null) return missingField('requester', S.REQUESTER_NAME.join(', '), health);
      status = dom('status', S.STATUS, textOf);
      if (status === null) return missingField('status', S.STATUS.join(', '), health);
      priorityRaw = dom('priority', S.PRIORITY, textOf);
      if (priorityRaw === null) return missingField('priority', S.PRIORITY.join(', '), health);
      priorityCode = attrOf(firstMatch(doc, S.PRIORITY)?.element, 'value');
      assignee = dom('assignee', S.ASSIGNEE, valueOf) || null; // optional: unassigned shows an empty input
    } else {
      const subjectPair = apiField('short_description', 'subject');
      if (!subjectPair) return missingField('subject', via('short_description'), health);
      subject = subjectPair.value ?? '';
      const caller = apiField('caller_id', 'requester');
      if (!caller) return missingField('requester', via('caller_id'), health);
      requesterName = caller.display ?? '';
      const state = apiField('state', 'status');
      if (!state) return missingField('status', via('state'), health);
      status = state.display;
      const priority = apiField('priority', 'priority');
      if (!priority) return missingField('priority', via('priority'), health);
      priorityRaw = priority.display;
      priorityCode = priority.value;
      assignee = pair(incident, 'assigned_to')?.display || null;
    }
    const email = pair(incident, 'caller_id.email')?.value || null;
    const callerUserName = pair(incident, 'caller_id.user_name')?.value ?? null;
    health.push(fieldHealth('requester.email', email !== null, via('caller_id.email'), 'api'));

    const journalPath = `${TABLE}/sys_journal_field?sysparm_query=${q(
      `element_id=${ticketId}^elementINcomments,work_notes^ORDERBYsys_created_on`,
    )}&sysparm_fields=sys_id,element,value,sys_created_on,sys_created_by&sysparm_limit=2000`;
    const entries = asArray(asRecord(await getJson(ctx, journalPath, headers))?.result);
    const messages: TicketSnapshot['messages'][number][] = entries.flatMap((raw) => {
      const entry = asRecord(raw);
      const element = asString(entry?.element);
      if (!entry || (element !== 'comments' && element !== 'work_notes')) return [];
      const by = asString(entry.sys_created_by) ?? '';
      const fromCaller = callerUserName !== null && by === callerUserName;
      return [
        {
          id: asString(entry.sys_id),
          author: cap(fromCaller ? requesterName ?? by : by, 200),
          authorRole: fromCaller ? 'customer' : by === 'system' ? 'system' : 'agent',
          visibility: element === 'comments' ? 'public' : 'internal',
          body: cap(asString(entry.value) ?? '', 20_000),
          createdAt: isoTime(asString(entry.sys_created_on)),
        } as const,
      ];
    });
    health.push(fieldHealth('messages', true, pathOnly(journalPath), 'api'));

    const tagsPath = `${TABLE}/label_entry?sysparm_query=${q(`table=incident^table_key=${ticketId}`)}&sysparm_fields=label.name&sysparm_limit=500`;
    const tags = asArray(asRecord(await getJson(ctx, tagsPath, headers))?.result)
      .map((entry) => asString(asRecord(entry)?.['label.name']))
      .filter((name): name is string => name !== null)
      .map((name) => cap(name, 200));
    health.push(fieldHealth('tags', true, pathOnly(tagsPath), 'api'));

    const snapshot: TicketSnapshot = {
      ref: { site: 'servicenow', ticketId, url: ctx.location.href },
      subject: cap(subject, 1000),
      requester: { name: cap(requesterName, 200), email },
      status: status === null ? null : cap(status, 100),
      priority: { raw: priorityRaw === null ? null : cap(priorityRaw, 100), level: priorityLevelOf(priorityCode, PRIORITY_LEVELS) },
      assignee: assignee === null ? null : cap(assignee, 200),
      tags,
      messages,
      createdAt: isoTime(pair(incident, 'sys_created_on')?.value),
      currentAgent: await currentAgent(ctx, headers, health),
      source: formId ? 'dom+api' : 'api',
      readAt: ctx.now().toISOString(),
    };
    return { ok: true, snapshot: capSnapshot(snapshot), health };
  });
}

/** The signed-in user, through the "Me" dynamic filter on sys_user. Optional: null when not readable. */
async function currentAgent(ctx: AdapterContext, headers: Record<string, string>, health: FieldHealth[]): Promise<TicketSnapshot['currentAgent']> {
  const path = `${TABLE}/sys_user?sysparm_query=${q(`sys_id${ME}`)}&sysparm_fields=name,email&sysparm_limit=1`;
  try {
    const user = asRecord(asArray(asRecord(await getJson(ctx, path, headers))?.result)[0]);
    const name = asString(user?.name);
    health.push(fieldHealth('currentAgent', name !== null, pathOnly(path), 'api'));
    return name === null ? null : { name, email: asString(user?.email) };
  } catch {
    health.push(fieldHealth('currentAgent', false, pathOnly(path), 'api'));
    return null;
  }
}

/**
 * The bodies of the incident's work notes (`element=work_notes`: internal; `comments` are customer-visible), newest
 * first so that a recent note is among them however long the journal is. Throws ApiReadError when the journal
 * cannot be read, or answers without a result list (note-once then writes nothing).
 */
async function workNoteBodies(ctx: AdapterContext, ticketId: string): Promise<string[]> {
  const token = await userToken(ctx);
  const headers: Record<string, string> = token ? { 'X-UserToken': token } : {};
  const path = `${TABLE}/sys_journal_field?sysparm_query=${q(
    `element_id=${ticketId}^element=work_notes^ORDERBYDESCsys_created_on`,
  )}&sysparm_fields=element,value&sysparm_limit=2000`;
  const result = asRecord(await getJson(ctx, path, headers))?.result;
  if (!Array.isArray(result)) throw new ApiReadError(`no journal list in ${pathOnly(path)}`, null, pathOnly(path), 'internalNotes');
  return result.flatMap((raw) => {
    const entry = asRecord(raw);
    return entry && asString(entry.element) === 'work_notes' ? [asString(entry.value) ?? ''] : [];
  });
}

async function patchIncident(ctx: AdapterContext, ticketId: string, body: Record<string, string>, what: string): Promise<void> {
  const headers = await writeHeaders(ctx, what);
  await sendWrite(ctx, `${TABLE}/incident/${ticketId}?sysparm_fields=sys_id`, jsonInit('PATCH', body, headers), what);
}

export const serviceNowAdapter: HelpdeskAdapter = {
  id: 'servicenow',
  label: 'ServiceNow',
  canonicalHost: 'example.service-now.com',
  parseTicketUrl,
  mountAnchors: S.MOUNT_ANCHORS,
  activeTicketRoot,
  read,
  pageGlobals: PAGE_GLOBALS,
  actions: {
    internalNoteBodies: workNoteBodies,
    async addInternalNote(ctx, ticketId, text) {
      await patchIncident(ctx, ticketId, { work_notes: neutraliseJournalMarkup(text) }, 'ServiceNow work note');
    },
    async setPriority(ctx, ticketId, level) {
      await patchIncident(ctx, ticketId, { ...SERVICENOW_PRIORITY_WRITES[level] }, 'ServiceNow impact/urgency');
    },
    /** Tags are ServiceNow's own tags: a `label` per name and a `label_entry` linking it to the incident (L). */
    async addTags(ctx, ticketId, tags) {
      const what = 'ServiceNow tag';
      for (const raw of tags) {
        const tag = raw.trim();
        if (tag === '') continue;
        if (/[\^\r\n]/.test(tag)) throw new HelpdeskWriteError(`${what}: a tag name cannot contain ^ or line breaks`, null, false);
        const headers = await writeHeaders(ctx, what);
        const found = await readForWrite(ctx, `${TABLE}/label?sysparm_query=${q(`name=${tag}`)}&sysparm_fields=sys_id&sysparm_limit=1`, headers, what);
        let labelId = asString(asRecord(found[0])?.sys_id);
        if (!labelId) {
          const created = await sendWrite(ctx, `${TABLE}/label`, jsonInit('POST', { name: tag, viewable_by: 'everyone', type: 'standard' }, headers), what);
          labelId = asString(asRecord(asRecord(await created.json().catch(() => null))?.result)?.sys_id);
          if (!labelId) throw new HelpdeskWriteError(`${what}: the new label has no sys_id`, created.status, false);
        }
        const linked = await readForWrite(
          ctx,
          `${TABLE}/label_entry?sysparm_query=${q(`label=${labelId}^table=incident^table_key=${ticketId}`)}&sysparm_fields=sys_id&sysparm_limit=1`,
          headers,
          what,
        );
        if (linked.length > 0) continue; // already tagged: adding twice must not duplicate
        await sendWrite(ctx, `${TABLE}/label_entry`, jsonInit('POST', { label: labelId, table: 'incident', table_key: ticketId }, headers), what);
      }
    },
    insertReply(ctx, text) {
      const ticketId = parseTicketUrl(ctx.location);
      const doc = formDocument(ctx.document) ?? ctx.document;
      const root = ticketId === null ? null : activeTicketRoot(doc, ticketId);
      return insertReplyText(doc, root, S.REPLY_EDITOR, text);
    },
  },
};

// Jira Service Management (Cloud). The issue view's DOM gives the key (which issue is shown), summary, status and
// priority; the same-origin REST API gives the reporter, assignee, labels, description and the comments with their
// public/internal flag (/rest/servicedeskapi), which the DOM does not show reliably. Writes are same-origin JSON
// with the session: Atlassian's XSRF check lets JSON bodies pass and refuses form/text bodies.
import type { PriorityLevel } from '../../core/schemas';
import {
  asArray,
  asRecord,
  asString,
  capSnapshot,
  failedRead,
  fieldHealth,
  getJson,
  guardRead,
  insertReplyText,
  isShown,
  isoTime,
  jsonInit,
  missingField,
  priorityLevelOf,
  problem,
  readField,
  safeQueryAll,
  sendWrite,
  textOf,
} from '../dom';
import type { AdapterContext, FieldHealth, HelpdeskAdapter, TicketSnapshot } from '../types';
import { JIRA as S } from './selectors';

const KEY = '[A-Z][A-Z0-9_]+-\\d+';
const PRIORITY_LEVELS: Readonly<Record<string, PriorityLevel>> = { Lowest: 'low', Low: 'low', Medium: 'normal', High: 'high', Highest: 'urgent' };
const PRIORITY_NAMES: Readonly<Record<PriorityLevel, string>> = { low: 'Low', normal: 'Medium', high: 'High', urgent: 'Highest' };
const MAX_PAGES = 20;

function parseTicketUrl(url: URL): string | null {
  if (!/(^|\.)atlassian\.net$/.test(url.hostname)) return null;
  const path = url.pathname;
  const direct =
    new RegExp(`^/browse/(${KEY})/?$`).exec(path) ??
    // /jira/servicedesk/projects/SUP/queues/custom/1/SUP-301, .../issues/SUP-301, .../section/incidents/custom/10/SUP-5
    new RegExp(`^/jira/servicedesk/projects/[A-Z][A-Z0-9_]+/(?:queues|issues|section)/(?:[^/]+/)*(${KEY})/?$`).exec(path);
  if (direct) return direct[1]!;
  // Board, list and queue views open an issue in a panel: ?selectedIssue=SUP-301
  const selected = path.startsWith('/jira/') ? url.searchParams.get('selectedIssue') : null;
  return selected && new RegExp(`^${KEY}$`).test(selected) ? selected : null;
}

/** The page when its one visible issue view shows this key; null while it shows another issue or none. */
function activeTicketRoot(doc: Document, key: string): HTMLElement | null {
  const crumbs = safeQueryAll(doc, S.breadcrumbKey).filter(isShown);
  return crumbs.length === 1 && textOf(crumbs[0]) === key ? doc.body : null;
}

/** Plain text of an Atlassian Document Format node (the v3 API's rich text): text nodes, one line per block. */
function adfText(node: unknown): string {
  const n = asRecord(node);
  if (!n) return '';
  if (n.type === 'text') return asString(n.text) ?? '';
  if (n.type === 'hardBreak') return '\n';
  const inner = asArray(n.content).map(adfText).join('');
  return ['paragraph', 'heading', 'codeBlock', 'blockquote', 'listItem', 'rule'].includes(String(n.type)) ? `${inner}\n` : inner;
}

const issuePath = (key: string) => `/rest/api/3/issue/${encodeURIComponent(key)}`;
const requestPath = (key: string) => `/rest/servicedeskapi/request/${encodeURIComponent(key)}`;

async function readComments(ctx: AdapterContext, key: string): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let start = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = asRecord(await getJson(ctx, `${requestPath(key)}/comment?start=${start}&limit=100`));
    const values = asArray(body?.values).map(asRecord).filter((c): c is Record<string, unknown> => c !== null);
    all.push(...values);
    if (body?.isLastPage !== false || values.length === 0) break;
    start += values.length;
  }
  return all;
}

async function read(ctx: AdapterContext, key: string) {
  return guardRead(async () => {
    const health: FieldHealth[] = [];
    const crumbs = safeQueryAll(ctx.document, S.breadcrumbKey).filter(isShown);
    health.push(fieldHealth('key', crumbs.length > 0, S.breadcrumbKey));
    if (crumbs.length === 0) return missingField('key', S.breadcrumbKey, health);
    const root = activeTicketRoot(ctx.document, key);
    if (!root) return failedRead(problem('ambiguous-ticket', 'the issue view does not show exactly this issue', 'key', S.breadcrumbKey), health);

    const summary = readField(root, 'subject', S.summary, health);
    if (!summary) return missingField('subject', S.summary.join(', '), health);
    const statusDom = readField(root, 'status', S.status, health);
    const priorityDom = readField(root, 'priority', S.priority, health);

    const fieldsPath = `${issuePath(key)}?fields=summary,status,priority,assignee,reporter,labels,created,description`;
    const [issueBody, comments, participants, me] = await Promise.all([
      getJson(ctx, fieldsPath),
      readComments(ctx, key),
      getJson(ctx, `${requestPath(key)}/participant`).catch(() => null), // optional: CC'd customers
      getJson(ctx, '/rest/api/3/myself').catch(() => null), // optional: the panel works without it
    ]);
    const fields = asRecord(asRecord(issueBody)?.fields);
    if (!fields) return failedRead(problem('api-failed', `no fields in ${issuePath(key)}`, 'fields', issuePath(key)), health);

    const reporter = asRecord(fields.reporter);
    const reporterName = asString(reporter?.displayName);
    health.push(fieldHealth('requester', reporterName !== null, `${issuePath(key)} fields.reporter`, 'api'));
    if (!reporterName) return missingField('requester', `${issuePath(key)} fields.reporter`, health);

    let status = statusDom;
    if (!status) {
      status = asString(asRecord(fields.status)?.name);
      health.push(fieldHealth('status', status !== null, `${issuePath(key)} fields.status`, 'api'));
    }
    let priorityRaw = priorityDom;
    if (!priorityRaw) {
      priorityRaw = asString(asRecord(fields.priority)?.name);
      health.push(fieldHealth('priority', priorityRaw !== null, `${issuePath(key)} fields.priority`, 'api'));
    }

    // Customers: the reporter and the request's participants; everyone else who comments is staff.
    const customers = new Set<string>([asString(reporter?.accountId) ?? '']);
    for (const p of asArray(asRecord(participants)?.values)) customers.add(asString(asRecord(p)?.accountId) ?? '');
    customers.delete('');

    const messages: TicketSnapshot['messages'] = [];
    const description = adfText(fields.description).replace(/\n+$/, '');
    if (description !== '') {
      messages.push({ id: null, author: reporterName, authorRole: 'customer', visibility: 'public', body: description, createdAt: isoTime(asString(fields.created)) });
    }
    for (const c of comments) {
      const author = asRecord(c.author);
      const accountId = asString(author?.accountId);
      messages.push({
        id: asString(c.id),
        author: asString(author?.displayName) ?? 'unknown',
        authorRole: !accountId ? 'system' : customers.has(accountId) ? 'customer' : 'agent',
        visibility: c.public === false ? 'internal' : 'public',
        body: asString(c.body) ?? '',
        createdAt: isoTime(asString(asRecord(c.created)?.iso8601) ?? asString(asRecord(c.created)?.epochMillis)),
      });
    }
    health.push(fieldHealth('messages', true, `${requestPath(key)}/comment`, 'api'));
    const meRecord = asRecord(me);
    const currentAgent = asString(meRecord?.displayName) ? { name: asString(meRecord!.displayName)!, email: asString(meRecord!.emailAddress) } : null;
    health.push(fieldHealth('currentAgent', currentAgent !== null, '/rest/api/3/myself', 'api'));

    const snapshot: TicketSnapshot = capSnapshot({
      ref: { site: 'jira', ticketId: key, url: `${ctx.location.origin}/browse/${key}` },
      subject: summary,
      requester: { name: reporterName, email: asString(reporter?.emailAddress) }, // null when the profile hides it
      status: status || null,
      priority: { raw: priorityRaw || null, level: priorityLevelOf(priorityRaw, PRIORITY_LEVELS) },
      assignee: asString(asRecord(fields.assignee)?.displayName),
      tags: asArray(fields.labels).map(asString).filter((t): t is string => t !== null),
      messages,
      createdAt: isoTime(asString(fields.created)),
      currentAgent,
      source: 'dom+api',
      readAt: ctx.now().toISOString(),
    });
    return { ok: true, snapshot, health };
  });
}

/**
 * JSM comment bodies are wiki markup. A {noformat} block shows its content literally, so a note never carries markup
 * from ticket content; a `{noformat}` inside the text is broken up so it cannot close the block.
 */
function literalWikiText(text: string): string {
  return `{noformat}\n${text.replace(/\{noformat\}/gi, '{ noformat }')}\n{noformat}`;
}

export const jiraAdapter: HelpdeskAdapter = {
  id: 'jira',
  label: 'Jira Service Management',
  canonicalHost: 'example.atlassian.net',
  parseTicketUrl,
  mountAnchors: S.mountAnchors,
  activeTicketRoot,
  read,
  actions: {
    async internalNoteBodies(ctx, key) {
      return (await readComments(ctx, key)).filter((c) => c.public === false).map((c) => asString(c.body) ?? '');
    },
    async addInternalNote(ctx, key, text) {
      // `public: false` on the service-desk endpoint: a project that is not a service desk refuses (404) rather
      // than posting a customer-visible comment.
      await sendWrite(ctx, `${requestPath(key)}/comment`, jsonInit('POST', { body: literalWikiText(text), public: false }), 'add internal note');
    },
    async addTags(ctx, key, tags) {
      // Labels cannot contain spaces; `add` keeps the existing ones.
      const labels = tags.map((t) => t.trim().replace(/\s+/g, '-')).filter((t) => t !== '');
      await sendWrite(ctx, issuePath(key), jsonInit('PUT', { update: { labels: labels.map((add) => ({ add })) } }), 'add labels');
    },
    async setPriority(ctx, key, level) {
      await sendWrite(ctx, issuePath(key), jsonInit('PUT', { fields: { priority: { name: PRIORITY_NAMES[level] } } }), 'set priority');
    },
    insertReply(ctx, text) {
      const key = parseTicketUrl(ctx.location);
      return insertReplyText(ctx.document, key ? activeTicketRoot(ctx.document, key) : null, S.editor, text);
    },
  },
};

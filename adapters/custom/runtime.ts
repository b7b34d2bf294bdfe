// Runs an admin's (already validated) custom adapter definition like a built-in adapter: URL detection, DOM
// reading with per-field health, mounting, and reply insertion when an editor selector is given. No API actions.
// Bundled into the content script: the definition's type only, no zod.
import type { PriorityLevel } from '../../core/schemas';
import {
  capSnapshot,
  attrOf,
  cap,
  fieldHealth,
  guardRead,
  insertReplyText,
  isoTime,
  missingField,
  priorityLevelOf,
  safeQuery,
  safeQueryAll,
  textOf,
  valueOf,
} from '../dom';
import type { AdapterContext, FieldHealth, HelpdeskAdapter, ReadResult, TicketSnapshot } from '../types';
import type { CustomAdapterDefinition } from './definition';

const TICKET_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** Used when the definition has no priority map: common English priority words. */
const DEFAULT_PRIORITIES: Readonly<Record<string, PriorityLevel>> = {
  low: 'low',
  normal: 'normal',
  medium: 'normal',
  moderate: 'normal',
  high: 'high',
  urgent: 'urgent',
  critical: 'urgent',
};

/** Does a match pattern (`https://help.example.com/*`, `https://*.example.com/*`) cover this URL's origin? */
function originMatches(pattern: string, url: URL): boolean {
  const m = /^(https?):\/\/([^/]+)\//.exec(pattern);
  if (!m || `${m[1]}:` !== url.protocol) return false;
  const host = m[2]!;
  if (host.startsWith('*.')) return url.host === host.slice(2) || url.host.endsWith(host.slice(1));
  return url.host === host;
}

/** Form controls keep their text in `value`; everything else in its text. */
function readText(element: Element): string | null {
  return /^(input|textarea|select)$/i.test(element.tagName) ? valueOf(element) : textOf(element);
}

/** The element matches the selector, or holds an element that does. */
function marked(item: Element, selector: string | undefined): boolean {
  if (!selector) return false;
  try {
    return item.matches(selector) || item.querySelector(selector) !== null;
  } catch {
    return false;
  }
}

export function createCustomAdapter(definition: CustomAdapterDefinition): HelpdeskAdapter {
  const s = definition.selectors;
  let pattern: RegExp | null = null;
  try {
    pattern = new RegExp(definition.ticketUrlPattern);
  } catch {
    pattern = null; // validated before storing; a broken pattern claims nothing
  }
  const priorities = definition.priorityMap ?? DEFAULT_PRIORITIES;

  function parseTicketUrl(url: URL): string | null {
    if (!pattern || !definition.matches.some((p) => originMatches(p, url))) return null;
    const id = pattern.exec(url.href)?.[1];
    return id !== undefined && TICKET_ID.test(id) ? id : null;
  }

  async function read(ctx: AdapterContext, ticketId: string): Promise<ReadResult> {
    return guardRead(async () => {
      const health: FieldHealth[] = [];
      const root = ctx.document.body;
      const field = (name: string, selector: string, required: boolean): string | null => {
        const element = safeQuery(root, selector);
        const value = element ? readText(element) : null;
        health.push(fieldHealth(name, value !== null && (value !== '' || !required), selector));
        return value;
      };
      const subject = field('subject', s.subject, true);
      if (!subject) return missingField('subject', s.subject, health);
      const requesterName = field('requester', s.requesterName, true);
      if (!requesterName) return missingField('requester', s.requesterName, health);
      const status = field('status', s.status, true);
      if (!status) return missingField('status', s.status, health);
      const priority = field('priority', s.priority, true);
      if (!priority) return missingField('priority', s.priority, health);

      let email: string | null = null;
      if (s.requesterEmail) {
        const element = safeQuery(root, s.requesterEmail);
        const href = attrOf(element, 'href');
        const raw = href?.toLowerCase().startsWith('mailto:') ? href.slice(7).split('?')[0]! : element ? readText(element) : null;
        email = raw && EMAIL.test(raw) && raw.length <= 320 ? raw : null;
        health.push(fieldHealth('requester.email', email !== null, s.requesterEmail));
      }
      const assignee = s.assignee ? field('assignee', s.assignee, false) || null : null;

      const items = safeQueryAll(root, s.messageItem);
      health.push(fieldHealth('messages', items.length > 0, s.messageItem));
      if (items.length === 0) return missingField('messages', s.messageItem, health);
      const messages: TicketSnapshot['messages'][number][] = [];
      for (const item of items.slice(-2000)) {
        const body = safeQuery(item, s.messageBody);
        if (!body) return missingField('message.body', `${s.messageItem} ${s.messageBody}`, [...health, fieldHealth('message.body', false, s.messageBody)]);
        const author = safeQuery(item, s.messageAuthor);
        if (!author) return missingField('message.author', `${s.messageItem} ${s.messageAuthor}`, [...health, fieldHealth('message.author', false, s.messageAuthor)]);
        const time = s.messageTime ? safeQuery(item, s.messageTime) : null;
        messages.push({
          id: item.id ? cap(item.id, 128) : null,
          author: cap(textOf(author) ?? '', 200),
          authorRole: marked(item, s.customerMessage) ? 'customer' : 'agent',
          visibility: marked(item, s.internalMessage) ? 'internal' : 'public',
          body: cap(textOf(body) ?? '', 20_000),
          createdAt: time ? isoTime(attrOf(time, 'datetime') ?? attrOf(time, 'title') ?? textOf(time)) : null,
        });
      }
      health.push(fieldHealth('message.body', true, s.messageBody), fieldHealth('message.author', true, s.messageAuthor));

      const tags = s.tags
        ? safeQueryAll(root, s.tags)
            .map((el) => textOf(el))
            .filter((t): t is string => Boolean(t))
            .slice(0, 500)
            .map((t) => cap(t, 200))
        : [];

      const snapshot: TicketSnapshot = {
        ref: { site: definition.id, ticketId, url: ctx.location.href },
        subject: cap(subject, 1000),
        requester: { name: cap(requesterName, 200), email },
        status: cap(status, 100),
        priority: { raw: cap(priority, 100), level: priorityLevelOf(priority, priorities) },
        assignee: assignee === null ? null : cap(assignee, 200),
        tags,
        messages,
        createdAt: null,
        currentAgent: null,
        source: 'dom',
        readAt: ctx.now().toISOString(),
      };
      return { ok: true, snapshot: capSnapshot(snapshot), health };
    });
  }

  return {
    id: definition.id,
    label: definition.label,
    parseTicketUrl,
    mountAnchors: [s.mountAnchor],
    activeTicketRoot: (doc) => doc.body,
    read,
    actions: {
      insertReply(ctx, text) {
        if (!s.replyEditor) return { ok: false, reason: 'this custom adapter has no reply editor selector' };
        return insertReplyText(ctx.document, ctx.document.body, [s.replyEditor], text);
      },
    },
  };
}

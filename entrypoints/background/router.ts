// The one message router: validates every message against the protocol's union, checks who sent it, and hands it
// to the service. Anything else gets `{ ok: false, error }` and changes nothing.
import type { Runtime } from 'webextension-polyfill';
import { z } from 'zod';
import { AGENT_SIDE_MESSAGES, Message, type ErrorBody, type Response } from '../../core/messages';
import type { TicketRef } from '../../core/schemas';
import { InvalidSettingsError } from '../../core/store/settings-store';

/** Who sent a message, as far as the browser vouches for it. */
export type Sender =
  | { readonly kind: 'extension-page'; readonly url: string }
  | {
      readonly kind: 'helpdesk-tab';
      readonly tabId: number;
      readonly url: URL;
      /** The ticket the tab shows, when its URL is a ticket page of an enabled adapter. */
      readonly ticket: { readonly site: string; readonly ticketId: string } | null;
    };

export class RouteError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
    this.name = 'RouteError';
  }
}

export interface RouterDeps {
  readonly extensionId: string;
  readonly extensionOrigin: string;
  /** Resolves a helpdesk tab URL to its ticket, honouring disabled adapters, custom domains and custom adapters. */
  readonly resolveTicket: (url: URL) => Promise<{ site: string; ticketId: string } | null>;
  readonly handle: (message: Message, sender: Sender) => Promise<unknown>;
  /** Reports unexpected failures (never ticket text). */
  readonly onInternalError?: (error: unknown, type: string) => void;
}

export function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.') || '(message)', message: issue.message }));
}

/** A message's `type` for an error text: never throws (a null-prototype object or a symbol cannot be `String()`ed). */
function describeType(type: unknown): string {
  if (typeof type === 'string') return type.slice(0, 60);
  if (typeof type === 'number' || typeof type === 'boolean' || typeof type === 'bigint' || type === null || type === undefined) return String(type);
  return `(${typeof type})`;
}

export function createRouter(deps: RouterDeps) {
  async function identify(sender: Runtime.MessageSender): Promise<Sender | null> {
    if (sender.id !== deps.extensionId) return null;
    const url = sender.url ?? sender.tab?.url;
    if (!url) return null;
    if (url.startsWith(deps.extensionOrigin)) {
      // An extension page (popup, options). A content script's sender.url is the helpdesk page's URL instead.
      return { kind: 'extension-page', url };
    }
    const tabId = sender.tab?.id;
    if (tabId === undefined || tabId < 0 || sender.frameId !== 0) return null;
    let parsed: URL;
    try {
      parsed = new URL(sender.tab?.url ?? url);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return { kind: 'helpdesk-tab', tabId, url: parsed, ticket: await deps.resolveTicket(parsed) };
  }

  return async function route(raw: unknown, browserSender: Runtime.MessageSender): Promise<Response> {
    const parsed = Message.safeParse(raw);
    if (!parsed.success) {
      const type = typeof raw === 'object' && raw !== null && 'type' in raw ? describeType((raw as { type: unknown }).type) : '(none)';
      return {
        ok: false,
        error: { code: 'invalid-message', message: `Message "${type}" is not valid: ${issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues: issuesOf(parsed.error) },
      };
    }
    const message = parsed.data;
    const sender = await identify(browserSender);
    if (!sender) return { ok: false, error: { code: 'forbidden-sender', message: 'Messages are accepted only from this extension’s pages and from helpdesk tabs.' } };
    if (sender.kind === 'helpdesk-tab' && !AGENT_SIDE_MESSAGES.has(message.type)) {
      return { ok: false, error: { code: 'forbidden-sender', message: `"${message.type}" is accepted only from the extension’s own pages, not from a helpdesk page.` } };
    }
    try {
      return { ok: true, data: await deps.handle(message, sender) };
    } catch (error) {
      if (error instanceof RouteError) return { ok: false, error: error.body };
      if (error instanceof InvalidSettingsError) return { ok: false, error: { code: 'invalid-settings', message: error.message, issues: [{ path: 'settings', message: error.message }] } };
      deps.onInternalError?.(error, message.type);
      const detail = error instanceof Error ? error.message : String(error);
      const quota = /quota/i.test(detail) || (error instanceof Error && error.name === 'QuotaExceededError');
      return {
        ok: false,
        error: quota
          ? { code: 'storage-error', message: 'The browser’s storage is full, so nothing was saved. Free some disk space and try again.' }
          : { code: 'internal', message: `Something went wrong handling "${message.type}"; nothing was changed. (${detail.slice(0, 200)})` },
      };
    }
  };
}

/** A content script may only act on the ticket its own tab shows. */
export function assertOwnTicket(sender: Sender, ticket: Pick<TicketRef, 'site' | 'ticketId'>): void {
  if (sender.kind === 'extension-page') return;
  if (!sender.ticket || sender.ticket.site !== ticket.site || sender.ticket.ticketId !== ticket.ticketId) {
    throw new RouteError({ code: 'wrong-ticket', message: 'A helpdesk tab may only act on the ticket it shows.' });
  }
}

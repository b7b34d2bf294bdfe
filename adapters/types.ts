// The contract every helpdesk adapter fulfils. Adapters describe pages and perform helpdesk actions; they never
// decide anything about escalations. This file is imported by the content script, so it imports types only
// (zod stays out of the content-script bundle; the background validates what adapters produce).
import type { Person, PriorityLevel, TicketSnapshot } from '../core/schemas';

export interface ExampleTicketUrl {
  readonly url: string;
  readonly ticketId: string;
}

export interface AdapterExamples {
  /** URLs this adapter must claim, with the ticket id it must read from each. */
  readonly tickets: readonly ExampleTicketUrl[];
  /** URLs of the same helpdesk that are not a ticket (lists, views, new-ticket forms): the adapter claims none. */
  readonly nonTickets: readonly string[];
}

/** Why a page could not be read. Names the field and selector, never ticket text. */
export interface AdapterProblem {
  readonly code: 'not-a-ticket' | 'field-missing' | 'ambiguous-ticket' | 'api-failed' | 'invalid-snapshot';
  readonly field?: string;
  readonly selector?: string;
  readonly message: string;
}

export interface FieldHealth {
  readonly field: string;
  readonly ok: boolean;
  /** The selector (or API path) that produced it, or that was tried and failed. */
  readonly via: string;
  readonly source: 'dom' | 'api';
}

export interface AdapterHealth {
  readonly adapterId: string;
  /** Path only: health reports never carry query strings or ticket text. */
  readonly path: string;
  readonly checkedAt: string;
  readonly fields: readonly FieldHealth[];
  readonly mountedAt: 'anchor' | 'floating' | null;
}

export type ReadResult =
  | { readonly ok: true; readonly snapshot: TicketSnapshot; readonly health: readonly FieldHealth[] }
  | { readonly ok: false; readonly problem: AdapterProblem; readonly health: readonly FieldHealth[] };

/** A failed helpdesk write. `retryable` decides whether the outbox tries again. */
export class HelpdeskWriteError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'HelpdeskWriteError';
  }
}

/** What an adapter may use: the page, same-origin fetch with the user's session, and the MAIN-world bridge. */
export interface AdapterContext {
  readonly document: Document;
  readonly location: URL;
  readonly fetch: typeof fetch;
  /**
   * Reads named page globals (e.g. `g_ck`, `desk_urls.csrf_token`) through the narrow MAIN-world bridge. Only
   * string values of the allow-listed paths come back; anything else is null.
   */
  readonly readPageGlobals: (paths: readonly string[]) => Promise<Record<string, string | null>>;
  readonly now: () => Date;
}

export type InsertReplyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface HelpdeskActions {
  addInternalNote(ctx: AdapterContext, ticketId: string, text: string): Promise<void>;
  /**
   * The bodies of the ticket's internal notes, read through the helpdesk's API (any page of the helpdesk, not only
   * the ticket's): the outbox checks them for its note marker before writing, so a retried note is never written
   * twice (adapters/note-once.ts). Throws ApiReadError when the API cannot be read.
   */
  internalNoteBodies(ctx: AdapterContext, ticketId: string): Promise<string[]>;
  addTags(ctx: AdapterContext, ticketId: string, tags: readonly string[]): Promise<void>;
  setPriority(ctx: AdapterContext, ticketId: string, level: PriorityLevel): Promise<void>;
  /** Puts text into the reply editor. Never sends it: the agent sends. */
  insertReply(ctx: AdapterContext, text: string): InsertReplyResult;
}

export interface HelpdeskAdapter {
  readonly id: string;
  readonly label: string;
  /** A host of the helpdesk's own (built-in adapters): a custom domain's URL is parsed as if it were served there. */
  readonly canonicalHost?: string;
  /** Pure: URL -> ticket id, or null when the URL is not a ticket page of this helpdesk. */
  parseTicketUrl(url: URL): string | null;
  /** Ordered anchor selectors for the panel; the content script falls back to a floating panel. */
  readonly mountAnchors: readonly string[];
  /**
   * The element that holds the active ticket, for helpdesks that keep several mounted (Zendesk). Mount anchors
   * are searched inside it. Null when the active ticket cannot be told apart.
   */
  activeTicketRoot(doc: Document, ticketId: string): ParentNode | null;
  /** Reads the ticket: DOM first, the same-origin API where the page hides or lazy-loads the conversation. */
  read(ctx: AdapterContext, ticketId: string): Promise<ReadResult>;
  /** Actions; custom adapters without an API have none but reply insertion. */
  readonly actions: Partial<HelpdeskActions> & Pick<HelpdeskActions, 'insertReply'>;
  /** Page globals this adapter may read through the MAIN-world bridge. */
  readonly pageGlobals?: readonly string[];
}

export type { Person, PriorityLevel, TicketSnapshot };

// Shared shapes of the helpdesk simulator: requests in, responses out, and the ticket state tests inspect.

export interface SimRequest {
  readonly method: string;
  readonly url: string;
  /** Header names are lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

export interface SimResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Answer after this many milliseconds (slow-helpdesk faults). */
  readonly delayMs?: number;
}

export interface SimMessage {
  id: string;
  author: string;
  authorEmail: string | null;
  role: 'customer' | 'agent';
  public: boolean;
  /** Plain text; pages render it escaped (or, for XSS tests, as the helpdesk would: escaped text). */
  body: string;
  createdAt: string;
}

/** One ticket in a simulated helpdesk. `priority` and `status` are in the helpdesk's own terms. */
export interface SimTicket {
  id: string;
  subject: string;
  requester: { name: string; email: string };
  status: string;
  priority: string;
  assignee: string | null;
  tags: string[];
  messages: SimMessage[];
  createdAt: string;
  /** Set when the customer-facing reply was sent through the helpdesk (never by us: stays false in tests). */
  repliesSent: number;
}

/** What every write to a simulated API must carry to be accepted (the real helpdesk's checks). */
export interface SimSession {
  /** Value of the session cookie the page "logged in" with. */
  readonly cookie: string;
  /** CSRF token the page exposes (meta tag, page global, cookie) and writes must echo in the right header. */
  readonly csrfToken: string;
  /** The signed-in agent the page shows. */
  readonly agent: { name: string; email: string };
}

/** One simulated helpdesk: its pages and its stateful API subset. */
export interface SimHelpdesk {
  readonly id: string;
  /** Does this helpdesk answer for this URL (host and path)? */
  handles(url: URL): boolean;
  /** Returns null for URLs it does not know (the simulator answers 404). */
  handle(request: SimRequest, url: URL): SimResponse | null;
  /** Tickets by id, for tests to seed and inspect. */
  readonly tickets: Map<string, SimTicket>;
  readonly session: SimSession;
}

// The helpdesk simulator: answers requests to real helpdesk URLs (pages and a stateful API subset) for the
// end-to-end tests, the demo and the benchmarks. Tests inspect its state and request log, and inject faults.
import type { SimHelpdesk, SimRequest, SimResponse } from './types';

export * from './types';

export interface Fault {
  /** Only requests with this method (any when absent). */
  readonly method?: string;
  /** Only writes (any method but GET): the page still reads the ticket while its writes fail. */
  readonly writesOnly?: boolean;
  /**
   * The helpdesk applies the request first, then the answer is lost on its way back (a gateway error after the
   * backend committed, a response that never arrives): the client is told `status`, but the write happened.
   */
  readonly applyFirst?: boolean;
  /** Only requests whose path contains this. */
  readonly pathIncludes: string;
  /** Status to answer with; 0 means "never answers in time" (a long delay, for timeouts). */
  readonly status: number;
  readonly retryAfterSeconds?: number;
  /** How many matching requests fail; later ones pass. */
  times: number;
  readonly delayMs?: number;
}

export interface LoggedRequest extends SimRequest {
  readonly path: string;
  readonly status: number;
  readonly at: number;
}

export class HelpdeskSimulator {
  readonly log: LoggedRequest[] = [];
  private readonly faults: Fault[] = [];

  constructor(readonly helpdesks: readonly SimHelpdesk[]) {}

  helpdesk<T extends SimHelpdesk = SimHelpdesk>(id: string): T {
    const found = this.helpdesks.find((h) => h.id === id);
    if (!found) throw new Error(`no simulated helpdesk "${id}"`);
    return found as T;
  }

  /**
   * The next `times` matching requests fail with `status` (and Retry-After when given). Returns the live fault:
   * setting its `times` to 0 ends it (the helpdesk recovers).
   */
  fail(fault: Fault): Fault {
    const live = { ...fault };
    this.faults.push(live);
    return live;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Does any simulated helpdesk own this URL? Requests it does not own are left to the test (usually aborted). */
  owns(url: string): boolean {
    const parsed = safeUrl(url);
    return parsed !== null && this.helpdesks.some((h) => h.handles(parsed));
  }

  handle(request: SimRequest): SimResponse {
    const url = safeUrl(request.url);
    const response = url ? this.answer(request, url) : text(400, 'bad url');
    this.log.push({ ...request, path: url ? url.pathname + url.search : request.url, status: response.status, at: Date.now() });
    return response;
  }

  /** API writes the helpdesks received and accepted (pages and reads excluded), for assertions. */
  acceptedWrites(helpdeskId?: string): LoggedRequest[] {
    return this.log.filter((entry) => {
      if (entry.method === 'GET' || entry.status >= 400) return false;
      if (!helpdeskId) return true;
      const url = safeUrl(entry.url);
      return url !== null && this.helpdesk(helpdeskId).handles(url);
    });
  }

  private answer(request: SimRequest, url: URL): SimResponse {
    const fault = this.faults.find(
      (f) =>
        f.times > 0 &&
        (!f.method || f.method === request.method) &&
        (!f.writesOnly || request.method !== 'GET') &&
        url.pathname.includes(f.pathIncludes),
    );
    if (fault) {
      fault.times -= 1;
      if (fault.applyFirst) this.helpdesks.find((h) => h.handles(url))?.handle(request, url);
      if (fault.status === 0) return { ...text(504, 'simulated timeout'), delayMs: fault.delayMs ?? 30_000 };
      return {
        ...json(fault.status, { error: `simulated ${fault.status}` }),
        headers: fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
        ...(fault.delayMs ? { delayMs: fault.delayMs } : {}),
      };
    }
    const helpdesk = this.helpdesks.find((h) => h.handles(url));
    // Every real helpdesk serves a favicon; browsers ask for it on every page.
    if (helpdesk && url.pathname === '/favicon.ico') return { status: 200, contentType: 'image/x-icon', body: '' };
    const answer = helpdesk?.handle(request, url) ?? null;
    // Static images the pages reference (avatars, logos): a placeholder, as a CDN would serve.
    if (!answer && helpdesk && request.method === 'GET' && /\.(png|gif|jpe?g|svg|webp)$/i.test(url.pathname)) {
      return { status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' };
    }
    return answer ?? text(404, 'not found');
  }
}

export function json(status: number, value: unknown): SimResponse {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

export function text(status: number, body: string): SimResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

export function html(body: string, status = 200): SimResponse {
  return { status, contentType: 'text/html; charset=utf-8', body };
}

/** Escapes text for HTML, as the real helpdesks do when they render customer input. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Parses a JSON body, or returns undefined (the caller answers 400 as the real API would). */
export function parseJsonBody(request: SimRequest): unknown {
  if (request.body === null) return undefined;
  try {
    return JSON.parse(request.body);
  } catch {
    return undefined;
  }
}

export function hasSessionCookie(request: SimRequest, cookie: string): boolean {
  return (request.headers.cookie ?? '').split(/;\s*/).includes(cookie);
}

function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

// Shared helpers for the adapters: reading text and attributes from a page we do not own, per-field health,
// typed problems, ISO times, priority tables, same-origin API calls with typed write errors, and the one routine
// every adapter uses to put reply text into an editor (never sending it). Bundled into the content script:
// types only from core, no zod, no timers.
import type { Person, PriorityLevel, TicketSnapshot } from '../core/schemas';
import { ADAPTER_REGISTRY } from './registry';
import type { AdapterContext, AdapterProblem, FieldHealth, InsertReplyResult, ReadResult } from './types';
import { HelpdeskWriteError } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Reading the DOM

/** Text of an element, trimmed and with whitespace collapsed; null for a missing element. */
export function textOf(element: Element | null | undefined): string | null {
  if (!element) return null;
  return collapse(element.textContent ?? '');
}

/** Collapses runs of whitespace (including non-breaking spaces) and trims. */
export function collapse(value: string): string {
  return value.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** An attribute's value, trimmed; null when the element or attribute is missing. */
export function attrOf(element: Element | null | undefined, name: string): string | null {
  const value = element?.getAttribute(name);
  return value === null || value === undefined ? null : value.trim();
}

/** The value of a form control (inputs keep their text in `value`, not in the DOM). */
export function valueOf(element: Element | null | undefined): string | null {
  if (!element) return null;
  const value = 'value' in element && typeof element.value === 'string' ? element.value : attrOf(element, 'value');
  return value === null ? null : collapse(value);
}

/** The first element matched by the first selector that matches anything, with that selector (for health). */
export function firstMatch(
  root: ParentNode,
  selectors: readonly string[],
): { readonly element: Element; readonly selector: string } | null {
  for (const selector of selectors) {
    const element = safeQuery(root, selector);
    if (element) return { element, selector };
  }
  return null;
}

/** querySelector that treats an invalid selector as "no match" instead of throwing into the page. */
export function safeQuery(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/** querySelectorAll as an array; an invalid selector matches nothing. */
export function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** `content` of `<meta name="...">` (CSRF tokens), or null. */
export function metaContent(doc: Document, name: string): string | null {
  for (const meta of Array.from(doc.querySelectorAll('meta[name]'))) {
    if (meta.getAttribute('name') === name) return attrOf(meta, 'content') || null;
  }
  return null;
}

/** A cookie readable from the page (not HttpOnly), or null. */
export function cookieValue(doc: Document, name: string): string | null {
  let cookies = '';
  try {
    cookies = doc.cookie;
  } catch {
    return null; // sandboxed documents throw on cookie access
  }
  for (const part of cookies.split(/;\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1));
      } catch {
        return part.slice(eq + 1);
      }
    }
  }
  return null;
}

/** Quotes a value for use inside a CSS attribute selector. */
export function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// Health and problems

export function fieldHealth(field: string, ok: boolean, via: string, source: FieldHealth['source'] = 'dom'): FieldHealth {
  return { field, ok, via, source };
}

/** A typed problem. The message must name the field or selector, never ticket text. */
export function problem(
  code: AdapterProblem['code'],
  message: string,
  field?: string,
  selector?: string,
): AdapterProblem {
  return { code, message, ...(field !== undefined ? { field } : {}), ...(selector !== undefined ? { selector } : {}) };
}

/** The usual "required field could not be read" refusal. */
export function missingField(field: string, via: string, health: readonly FieldHealth[]): ReadResult {
  return {
    ok: false,
    problem: problem('field-missing', `could not read the ${field} (tried ${via})`, field, via),
    health,
  };
}

export function failedRead(p: AdapterProblem, health: readonly FieldHealth[] = []): ReadResult {
  return { ok: false, problem: p, health };
}

/**
 * Runs an adapter's read and turns any escape into a typed problem, so nothing throws into the page. Error
 * messages are not copied: a JSON parse error can quote the response, i.e. ticket text.
 */
export async function guardRead(run: () => Promise<ReadResult>): Promise<ReadResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiReadError) return failedRead(problem('api-failed', error.message, error.field, error.path));
    return failedRead(problem('invalid-snapshot', 'unexpected error while reading the ticket'));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Times

/**
 * Parses a helpdesk timestamp into an ISO string with offset: ISO 8601 (also Atlassian's `+0000` offsets),
 * `YYYY-MM-DD HH:MM:SS` (read as UTC, as ServiceNow's API returns it) and epoch milliseconds. Null when unreadable.
 */
export function isoTime(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let date: Date;
  if (typeof value === 'number') {
    date = new Date(value);
  } else {
    const raw = value.trim();
    if (raw === '') return null;
    if (/^\d{12,14}$/.test(raw)) {
      date = new Date(Number(raw));
    } else {
      let normal = raw.replace(/^(\d{4}-\d\d-\d\d) (\d)/, '$1T$2').replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
      if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(normal)) normal += 'Z';
      if (!/^\d{4}-\d\d-\d\d(T|$)/.test(normal)) return null; // no locale-dependent "3 Nov" parsing
      date = new Date(normal);
    }
  }
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Priorities

/** The helpdesk's raw priority (case-insensitive, trimmed) onto our level; null when the table does not know it. */
export function priorityLevelOf(
  raw: string | number | null | undefined,
  table: Readonly<Record<string, PriorityLevel>>,
): PriorityLevel | null {
  if (raw === null || raw === undefined) return null;
  const key = String(raw).trim().toLowerCase();
  for (const [name, level] of Object.entries(table)) if (name.toLowerCase() === key) return level;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Notes

/** Escapes text for an HTML note body: a note never carries markup from ticket content. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain text as escaped HTML paragraphs (one per line), for APIs that only take HTML bodies. */
export function textToHtml(value: string): string {
  return value
    .split(/\r?\n/)
    .map((line) => `<p>${line === '' ? '<br>' : escapeHtml(line)}</p>`)
    .join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Same-origin API calls

/** A failed API read; `guardRead` turns it into an 'api-failed' problem. The message names the path only. */
export class ApiReadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly path: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiReadError';
  }
}

/** GET a same-origin JSON endpoint with the user's session. Throws ApiReadError (never the body's text). */
export async function getJson(ctx: AdapterContext, path: string, headers: Record<string, string> = {}): Promise<unknown> {
  return (await getJsonResponse(ctx, path, headers)).body;
}

/** Like getJson, also returning the response headers (pagination `Link` headers). */
export async function getJsonResponse(
  ctx: AdapterContext,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ readonly body: unknown; readonly headers: Headers }> {
  let response: Response;
  try {
    response = await ctx.fetch(path, {
      method: 'GET',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...headers },
    });
  } catch {
    throw new ApiReadError(`network error reading ${pathOnly(path)}`, null, pathOnly(path));
  }
  if (!response.ok) throw new ApiReadError(`HTTP ${response.status} reading ${pathOnly(path)}`, response.status, pathOnly(path));
  try {
    return { body: await response.json(), headers: response.headers };
  } catch {
    throw new ApiReadError(`unreadable JSON from ${pathOnly(path)}`, response.status, pathOnly(path));
  }
}

/** The same-origin path of a `Link: <...>; rel="next"` header, or null (never follows another origin). */
export function nextLinkPath(headers: Headers, origin: string): string | null {
  const link = headers.get('link');
  const match = link ? /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link) : null;
  if (!match) return null;
  try {
    const url = new URL(match[1]!, origin);
    return url.origin === origin ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}

/**
 * Sends a same-origin write with the user's session. Network errors and 408/429/5xx throw a retryable
 * HelpdeskWriteError (429 with Retry-After seconds); other failures are not retryable. Returns the response.
 */
export async function sendWrite(ctx: AdapterContext, path: string, init: RequestInit, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await ctx.fetch(path, { ...init, credentials: 'same-origin' });
  } catch {
    throw new HelpdeskWriteError(`${what}: network error`, null, true);
  }
  if (response.ok) return response;
  throw writeErrorFor(response, what);
}

/** The HelpdeskWriteError for a failed response: 408/429/5xx retryable; 429 carries Retry-After. */
export function writeErrorFor(response: Response, what: string): HelpdeskWriteError {
  const status = response.status;
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfter = status === 429 || status === 503 ? retryAfterSeconds(response.headers.get('retry-after')) : null;
  return new HelpdeskWriteError(`${what}: HTTP ${status}`, status, retryable, retryAfter);
}

/** Retry-After as seconds (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date = new Date()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** A JSON write's init: method, JSON body and content type, plus extra headers (CSRF). */
export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** Drops the query string (it can carry ticket data) for messages and health. */
export function pathOnly(path: string): string {
  const q = path.search(/[?#]/);
  return q === -1 ? path : path.slice(0, q);
}

// ---------------------------------------------------------------------------------------------------------------
// URLs

/**
 * True on the helpdesk's own SaaS hosts (`ownHostSuffixes`, e.g. `.zendesk.com`), and on custom domains that
 * belong to no built-in helpdesk (a company's host-mapped helpdesk, registered at runtime by an admin). False on
 * another built-in helpdesk's hosts, so two adapters never claim one page.
 */
export function onOwnOrCustomHost(url: URL, ownHostSuffixes: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  if (ownHostSuffixes.some((suffix) => host.endsWith(suffix))) return true;
  return !BUILT_IN_HOST_PATTERNS.some((pattern) => pattern.test(host));
}

/** A match pattern's host (`*.zendesk.com`, `desk.zoho.com`) as a RegExp; `*.` also matches the bare domain. */
function hostPattern(match: string): RegExp {
  const host = match.replace(/^[a-z*]+:\/\//, '').replace(/\/.*$/, '');
  const wildcard = host.startsWith('*.');
  const rest = (wildcard ? host.slice(2) : host).replace(/\./g, '\\.');
  return new RegExp(`^${wildcard ? '(?:[^.]+\\.)*' : ''}${rest}$`);
}

const BUILT_IN_HOST_PATTERNS: readonly RegExp[] = ADAPTER_REGISTRY.flatMap((entry) => entry.matches.map(hostPattern));

// ---------------------------------------------------------------------------------------------------------------
// Reply insertion

/**
 * Puts text into the first reply editor found under `root` (selectors in order). Focuses it, tries
 * `execCommand('insertText')` (which rich editors such as CKEditor, Froala and ProseMirror observe), and when the
 * text did not arrive appends it as text nodes (one paragraph per line; a textarea gets its value) and dispatches
 * `input`. Never submits, never clicks send.
 */
export function insertReplyText(
  doc: Document,
  root: ParentNode | null,
  editorSelectors: readonly string[],
  text: string,
): InsertReplyResult {
  try {
    if (!root) return { ok: false, reason: 'no active ticket to put the reply in' };
    const found = firstMatch(root, editorSelectors);
    if (!found) return { ok: false, reason: 'no reply editor found on the page' };
    const editor = found.element as HTMLElement;
    if (isTextControl(editor)) {
      editor.focus();
      const before = editor.value;
      editor.value = before === '' ? text : `${before}\n${text}`;
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      return { ok: true };
    }
    editor.focus();
    const before = editor.textContent ?? '';
    let inserted = false;
    try {
      if (typeof doc.execCommand === 'function') inserted = doc.execCommand('insertText', false, text);
    } catch {
      inserted = false;
    }
    if (inserted && (editor.textContent ?? '').length > before.length) return { ok: true };
    const isEmpty = collapse(before) === '';
    if (isEmpty) editor.replaceChildren();
    for (const line of text.split(/\r?\n/)) {
      const paragraph = doc.createElement('p');
      if (line === '') paragraph.append(doc.createElement('br'));
      else paragraph.textContent = line;
      editor.append(paragraph);
    }
    editor.dispatchEvent(new Event('input', { bubbles: true }));
    return { ok: true };
  } catch {
    return { ok: false, reason: 'the reply editor refused the text' };
  }
}

function isTextControl(element: Element): element is HTMLTextAreaElement | HTMLInputElement {
  const tag = element.tagName.toLowerCase();
  return tag === 'textarea' || tag === 'input';
}

// ---------------------------------------------------------------------------------------------------------------
// Reading fields with health, and untyped API JSON (no zod in the content script)

/**
 * Reads one field from the first matching selector and records its health (the selector that produced it, or all
 * selectors tried). Empty text counts as not read. `read` defaults to the element's collapsed text.
 */
export function readField(
  root: ParentNode,
  field: string,
  selectors: readonly string[],
  health: FieldHealth[],
  read: (element: Element) => string | null = textOf,
): string | null {
  const found = firstMatch(root, selectors);
  const value = found ? read(found.element) : null;
  const ok = value !== null && value !== '';
  health.push(fieldHealth(field, ok, found?.selector ?? selectors.join(', '), 'dom'));
  return ok ? value : null;
}

/** A plain object from parsed JSON, or null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** An array from parsed JSON (anything else is empty). */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string from parsed JSON (numbers become strings; empty and other types are null). */
export function asString(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Caps text at the snapshot schema's limits, so a long ticket never fails validation. */
export function cap(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * False when the element or an ancestor is hidden inline (`display: none`, `hidden`), the way helpdesks that keep
 * several tickets mounted hide the inactive ones. Layout-free, so it behaves the same in unit tests.
 */
export function isShown(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden')) return false;
    const style = (node as HTMLElement).style;
    if (style && style.display === 'none') return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// HTML bodies from APIs (appended by the ServiceNow/Zoho/HubSpot adapters)

const BLOCKS = 'p,div,li,tr,h1,h2,h3,h4,h5,h6,blockquote,pre,table';

/**
 * Plain text of an HTML body an API returned (Zoho threads, HubSpot notes). DOMParser builds an inert document:
 * no script runs and nothing loads, and nothing is inserted into the page. `<br>` and block ends become line
 * breaks; runs of spaces collapse.
 */
export function htmlToText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  for (const el of Array.from(body.querySelectorAll('script,style,template'))) el.remove();
  for (const br of Array.from(body.querySelectorAll('br'))) br.replaceWith('\n');
  for (const block of Array.from(body.querySelectorAll(BLOCKS))) block.append('\n');
  return (body.textContent ?? '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const EMAIL = /^[A-Za-z0-9_'+.-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** An e-mail address the snapshot schema accepts, or null (helpdesks hold odd ones: "user@localhost", ""). */
export function emailOrNull(value: string | null | undefined): string | null {
  return value && value.length <= 320 && EMAIL.test(value) ? value : null;
}

/**
 * Brings a snapshot within the schema's limits: texts capped, newest 2,000 messages, 500 tags, e-mails the schema
 * accepts. The background validates every snapshot; a long or odd ticket must not make it unreadable.
 */
export function capSnapshot(snapshot: TicketSnapshot): TicketSnapshot {
  const person = (p: Person): Person => ({ name: cap(p.name, 200), email: emailOrNull(p.email) });
  const capOrNull = (value: string | null, max: number) => (value === null ? null : cap(value, max));
  return {
    ...snapshot,
    subject: cap(snapshot.subject, 1000),
    requester: person(snapshot.requester),
    status: capOrNull(snapshot.status, 100),
    priority: { raw: capOrNull(snapshot.priority.raw, 100), level: snapshot.priority.level },
    assignee: capOrNull(snapshot.assignee, 200),
    tags: snapshot.tags.slice(0, 500).map((t) => cap(t, 200)),
    messages: snapshot.messages.slice(-2000).map((m) => ({ ...m, id: capOrNull(m.id, 128), author: cap(m.author, 200), body: cap(m.body, 20_000) })),
    currentAgent: snapshot.currentAgent && person(snapshot.currentAgent),
  };
}

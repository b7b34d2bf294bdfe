// Fault suite, the write-back side (issue 9), in Chromium against the simulated helpdesk APIs, on Zendesk and
// Freshdesk. For each fault on every write-back of an escalation (request note and tag; approval priority, tag and
// note): HTTP 500, 429 with Retry-After, a hung request (timeout), 401 and 403:
//   - the escalation is recorded regardless (the panel shows it, the record holds both events);
//   - the panel shows the write-backs as pending (transient faults: retried with backoff, Retry-After honoured) or
//     failed with a retry button (401/403: nothing is retried until the agent, signed in again, presses retry);
//   - once the helpdesk recovers, the notes, tags and priority land EXACTLY ONCE (the simulator's ticket state).
// And the double-write hazard: the helpdesk applies a note but the answer is lost (a gateway error after the
// commit); the retry finds the note's marker on the ticket and writes no second note.
// The cases run concurrently (each on its own ticket, each with its own faults); the UI steps (typing, clicking)
// take turns, since input goes to the front tab. Tabs stay open until the end: a tab closed in the middle of a
// drain leaves the items it claimed in flight until the claim goes stale (2 min), the outbox's recovery path for a
// crashed tab, but too slow for this spec. Backoff is the product's own (5 s first retry); the content
// script's 15 s fetch timeout is shortened to 1.5 s through the e2e build's storage seam for the hung requests.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Response } from '../../core/messages';
import type { EscalationDetail, QueueItem } from '../../core/views';
import type { Fault, LoggedRequest, SimTicket } from '../simulator';
import { eventually, launchExtension, type ExtensionSession } from './harness';
import { PanelPage } from './pages/panel';

interface Helpdesk {
  readonly id: 'zendesk' | 'freshdesk';
  readonly base: string;
  /** A plain seeded ticket each case copies under its own id. */
  readonly seed: string;
  readonly firstId: number;
  readonly page: (ticketId: string) => string;
  /** Every API path of the ticket starts with this (faults on writes under it). */
  readonly api: (ticketId: string) => string;
  /** The path part that only the internal-note write carries. */
  readonly notePath: (ticketId: string) => string;
  /** The helpdesk's own value for "urgent". */
  readonly urgent: string;
}

const HELPDESKS: readonly Helpdesk[] = [
  { id: 'zendesk', base: 'https://acme.zendesk.com', seed: '103', firstId: 7001, page: (t) => `/agent/tickets/${t}`, api: (t) => `/api/v2/tickets/${t}`, notePath: (t) => `/api/v2/tickets/${t}.json`, urgent: 'urgent' },
  { id: 'freshdesk', base: 'https://acme.freshdesk.com', seed: '203', firstId: 7101, page: (t) => `/a/tickets/${t}`, api: (t) => `/api/v2/tickets/${t}`, notePath: (t) => `/api/v2/tickets/${t}/notes`, urgent: '4' },
];

interface FaultCase {
  readonly name: string;
  /** 0: the helpdesk never answers in time. */
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly transient: boolean;
  /** What the panel and popup say about the failed write-back. */
  readonly error: RegExp;
  /** The least time between the failed attempt and the next one (backoff, or Retry-After when longer). */
  readonly minGapMs: number;
}

const FETCH_TIMEOUT_MS = 1_500;
const FIRST_BACKOFF_MS = 5_000; // core/store/outbox.ts
const FAULTS: readonly FaultCase[] = [
  { name: 'HTTP 500', status: 500, transient: true, error: /HTTP 500/, minGapMs: FIRST_BACKOFF_MS },
  { name: 'HTTP 429 with Retry-After: 7', status: 429, retryAfterSeconds: 7, transient: true, error: /HTTP 429/, minGapMs: 7_000 },
  // The fetch timeout runs from the fetch's start, which the simulator logs later by an interception delay nobody
  // controls (tens of ms on a busy machine), so timeout + backoff is not a safe lower bound; the backoff alone is,
  // and it still tells a backed-off retry from one made right after the timeout.
  { name: 'a hung request (timeout)', status: 0, transient: true, error: /network error/, minGapMs: FIRST_BACKOFF_MS },
  { name: 'HTTP 401 (signed out)', status: 401, transient: false, error: /HTTP 401/, minGapMs: 0 },
  { name: 'HTTP 403 (CSRF token refused)', status: 403, transient: false, error: /HTTP 403/, minGapMs: 0 },
];

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
  // Each case works on its own copy of a plain ticket, so the cases can run side by side.
  for (const h of HELPDESKS) {
    const tickets = session.simulator.helpdesk(h.id).tickets;
    const seed = tickets.get(h.seed)!;
    for (let n = 0; n <= FAULTS.length; n++) {
      const id = String(h.firstId + n);
      tickets.set(id, { ...structuredClone(seed), id, subject: `${seed.subject} (${id})` });
    }
  }
  const page = await session.openExtensionPage('popup.html');
  await page.evaluate((ms) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ 'e2e.fetchTimeoutMs': ms }), FETCH_TIMEOUT_MS);
  await page.close();
});

afterAll(async () => {
  await session?.close();
});

/** UI steps take turns: puppeteer's input goes to the front tab. */
let uiTurn: Promise<unknown> = Promise.resolve();
function ui<T>(step: () => Promise<T>): Promise<T> {
  const run = uiTurn.then(step, step);
  uiTurn = run.catch(() => undefined);
  return run;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ticket(h: Helpdesk, id: string): SimTicket {
  return session.simulator.helpdesk(h.id).tickets.get(id)!;
}

function internalNotes(h: Helpdesk, id: string): string[] {
  return ticket(h, id).messages.filter((m) => !m.public && m.role === 'agent').map((m) => m.body);
}

/** The writes to this ticket's API that the simulator saw, in order. */
function writes(h: Helpdesk, id: string): LoggedRequest[] {
  return session.simulator.log.filter((e) => e.method !== 'GET' && e.url.startsWith(h.base) && (e.path === `${h.api(id)}.json` || e.path.startsWith(`${h.api(id)}/`) || e.path === h.api(id)));
}

const isNote = (h: Helpdesk, id: string, text: string) => (e: LoggedRequest) => e.path.startsWith(h.notePath(id)) && (e.body ?? '').includes(text) && e.method !== 'GET';

async function detail(id: string): Promise<EscalationDetail> {
  const answer = await session.sendFromExtensionPage<Response<EscalationDetail>>({ type: 'escalation.get', escalationId: id });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** Opens the ticket, requests an escalation in the panel (one UI turn), and returns the escalation id. */
async function requestInPanel(h: Helpdesk, id: string, reason: string): Promise<{ page: Page; panel: PanelPage; errors: string[]; escalationId: string }> {
  // One tab opens at a time (a dozen loading at once starve a small machine), and input goes to the front tab.
  const { page, errors, panel } = await ui(async () => {
    const opened = await session.openHelpdesk(h.base + h.page(id));
    const panel = new PanelPage(opened.page);
    await panel.waitForPanel(20_000);
    await panel.waitForStatus(/no escalation/i, 20_000);
    await panel.requestEscalation({ reason, severity: 'S2', impact: 'team', actions: 'Logs read' });
    return { ...opened, panel };
  });
  await panel.waitForStatus(/awaiting manager decision/i, 20_000);
  const escalationId = await eventually(async () => {
    const queue = await session.sendFromExtensionPage<Response<{ items: QueueItem[] }>>({ type: 'queue.get' });
    if (!queue.ok) throw new Error(queue.error.message);
    return queue.data.items.find((i) => i.escalation.ticket.site === h.id && i.escalation.ticket.ticketId === id)?.escalation.id;
  }, { interval: 250, what: `the escalation of ${h.id} ${id} in the queue` });
  return { page, panel, errors, escalationId };
}

async function approve(escalationId: string): Promise<void> {
  const current = await detail(escalationId);
  const answer = await session.sendFromExtensionPage<Response<unknown>>({
    type: 'escalation.decide',
    command: { type: 'approve', escalationId, expectedVersion: current.escalation.version, rationale: 'Customer blocked at month end', newPriority: 'urgent', followUps: [], updateCadenceMinutes: 60 },
  });
  if (!answer.ok) throw new Error(answer.error.message);
}

const FAULT_CASES = HELPDESKS.flatMap((h) => FAULTS.map((f, n) => ({ ...f, h, helpdesk: h.id, ticketId: String(h.firstId + n) })));

/** The browser's own network log line for a refused request (the fault we injected), not an error of ours. */
const ourErrors = (errors: readonly string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of (401|403|429|500|502|504)/.test(e));

describe.concurrent('write-back faults', () => {
  it.for(FAULT_CASES)('$helpdesk, $name: the escalation is recorded, the write-backs wait, then land exactly once', async ({ h, ...f }, { expect }) => {
    const id = f.ticketId;
    const fault: Fault = session.simulator.fail({ pathIncludes: h.api(id), writesOnly: true, status: f.status, times: 1_000, ...(f.retryAfterSeconds ? { retryAfterSeconds: f.retryAfterSeconds } : {}), ...(f.status === 0 ? { delayMs: 20_000 } : {}) });
    const reason = `Books blocked ${id}`; // short: every key is typed
    const { panel, errors, escalationId } = await requestInPanel(h, id, reason);
    await approve(escalationId);

    // The escalation is recorded regardless of the helpdesk.
    const recorded = await detail(escalationId);
    expect(recorded.escalation.state).toBe('approved');
    expect(recorded.events.map((e) => e.type)).toEqual(['request', 'approve']);
    await panel.waitForStatus(/approved/i);

    // Each of the five write-backs was tried and refused.
    const refused = f.status === 0 ? 504 : f.status;
    await eventually(() => writes(h, id).filter((w) => w.status === refused).length >= 5, { what: `five refused writes (${f.name})`, timeout: 15_000 });
    const failedDetail = await eventually(async () => {
      const d = await detail(escalationId);
      return d.writeBacks.length === 5 && d.writeBacks.every((w) => w.error !== null && f.error.test(w.error) && w.state !== 'done') ? d : null;
    }, { interval: 250, what: 'every write-back with its error', timeout: 20_000 });
    const firstFailure = writes(h, id).find(isNote(h, id, 'Escalation requested'))!;
    expect(firstFailure.status).toBe(refused);

    if (f.transient) {
      // Shown as pending; nothing lands while the helpdesk is failing.
      expect(failedDetail.writeBacks.every((w) => w.state === 'pending' || w.state === 'in-flight')).toBe(true);
      await panel.waitForSync('pending');
      expect(await panel.has('sync-failed')).toBe(false);
      expect(internalNotes(h, id).filter((n) => n.includes('[Escalation Desk]'))).toEqual([]);
      // The helpdesk recovers: the retries (after the backoff, or Retry-After when longer) land.
      fault.times = 0;
    } else {
      // Shown as failed, with its reason and a retry button per write-back; not retried by itself.
      expect(failedDetail.writeBacks.every((w) => w.state === 'failed')).toBe(true);
      await panel.waitForSync('failed');
      await eventually(async () => (await panel.count('retry-write-back')) === 5, { interval: 250, what: 'five retry buttons' });
      expect(await panel.text('sync-failed')).toMatch(f.error);
      const tried = writes(h, id).length;
      await sleep(FIRST_BACKOFF_MS + 1_000); // past the first backoff: a retryable failure would have been retried
      expect(writes(h, id).length).toBe(tried);
      // The agent signs in again and retries each write-back by hand.
      fault.times = 0;
      for (let left = 5; left > 0; left--) {
        await ui(() => panel.click('retry-write-back'));
        await eventually(async () => (await panel.count('retry-write-back')) < left, { interval: 250, what: `retry ${6 - left} taken` });
      }
    }

    await eventually(() => internalNotes(h, id).some((n) => n.includes('Escalation approved')) && ticket(h, id).priority === h.urgent, { what: 'the write-backs in the helpdesk', timeout: 25_000 });
    await eventually(async () => (await detail(escalationId)).writeBacks.every((w) => w.state === 'done'), { interval: 250, what: 'every write-back done' });
    await panel.waitForSync('synced');
    if (f.transient) {
      // Retried, not sooner than the backoff (or the server's Retry-After).
      const landed = writes(h, id).find((w) => isNote(h, id, 'Escalation requested')(w) && w.status < 400)!;
      expect(landed.at - firstFailure.at).toBeGreaterThanOrEqual(f.minGapMs);
    }
    await sleep(1_000); // nothing more may come

    // Exactly once: one request note and one decision note (each with its item's marker), the tags, the priority.
    const notes = internalNotes(h, id);
    expect(notes.filter((n) => n.includes('Escalation requested'))).toHaveLength(1);
    expect(notes.filter((n) => n.includes('Escalation approved'))).toHaveLength(1);
    expect(notes.filter((n) => n.includes(`[Escalation Desk ref: ${escalationId}#1:note]`))).toHaveLength(1);
    expect(notes.filter((n) => n.includes(`[Escalation Desk ref: ${escalationId}#2:note]`))).toHaveLength(1);
    expect(notes.find((n) => n.includes('Escalation requested'))).toContain(reason);
    expect(ticket(h, id).tags.filter((t) => t.startsWith('escalation_')).sort()).toEqual(['escalation_approved', 'escalation_requested']);
    expect(ticket(h, id).priority).toBe(h.urgent);
    const accepted = writes(h, id).filter((w) => w.status < 400);
    expect(accepted.filter((w) => w.path.startsWith(h.notePath(id)) && /Escalation (requested|approved)/.test(w.body ?? ''))).toHaveLength(2);
    expect(ticket(h, id).repliesSent).toBe(0);
    expect(ourErrors(errors)).toEqual([]);
  });

  it.for(HELPDESKS.map((h) => ({ h, helpdesk: h.id })))('$helpdesk: the helpdesk applies the note but its answer is lost; the retry finds the note and writes no second one', async ({ h }, { expect }) => {
    const id = String(h.firstId + FAULTS.length);
    // Only the note write, only once: the helpdesk commits it, then the client gets a 502.
    session.simulator.fail({ pathIncludes: h.notePath(id), writesOnly: true, applyFirst: true, status: 502, times: 1 });
    const reason = `Books blocked ${id}`;
    const { panel, errors, escalationId } = await requestInPanel(h, id, reason);

    await eventually(() => writes(h, id).some((w) => w.status === 502), { what: 'the lost answer' });
    expect(internalNotes(h, id).filter((n) => n.includes('Escalation requested'))).toHaveLength(1);
    // The outbox did not hear of the success: it shows the note as pending and retries it after the backoff.
    const lost = await eventually(async () => (await detail(escalationId)).writeBacks.find((w) => w.kind === 'note' && w.error !== null), { interval: 250, what: 'the note pending with its error' });
    expect(lost.state).not.toBe('done');
    expect(lost.error).toMatch(/HTTP 502/);

    await eventually(async () => (await detail(escalationId)).writeBacks.every((w) => w.state === 'done'), { interval: 250, what: 'the note done after its retry', timeout: 15_000 });
    await panel.waitForSync('synced');
    await sleep(1_000);
    const notes = internalNotes(h, id).filter((n) => n.includes('Escalation requested'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`[Escalation Desk ref: ${escalationId}#1:note]`);
    // One note write reached the helpdesk; the retry only read the notes.
    expect(writes(h, id).filter(isNote(h, id, 'Escalation requested'))).toHaveLength(1);
    expect(ticket(h, id).tags).toContain('escalation_requested');
    expect(ourErrors(errors)).toEqual([]);
  });
});

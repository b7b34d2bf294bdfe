// The outbox's notes are written at most once: the marker line, and the check against the ticket's internal notes
// before writing, on each adapter that can list its notes (Zendesk, Freshdesk, Jira), against the simulator's API.
import { beforeEach, describe, expect, it } from 'vitest';
import type { HelpdeskSimulator } from '../test/simulator';
import { simulatorFetch } from '../test/simulator/fetch';
import { createSimulator } from '../test/simulator/helpdesks';
import { freshdeskAdapter } from './freshdesk';
import { jiraAdapter } from './jira';
import { addInternalNoteOnce, hasNoteMarker, markedNote, noteMarker } from './note-once';
import { HelpdeskWriteError, type AdapterContext, type HelpdeskAdapter } from './types';
import { zendeskAdapter } from './zendesk';

const NOW = '2026-11-03T12:00:00.000Z';
const KEY = '3f0c9a52-7d1e-4b8e-9a51-0c2d6e7f8a90#1:note';

describe('the note marker', () => {
  it('is the note’s last line, after a blank line, and names the outbox item', () => {
    expect(markedNote('[Escalation Desk] Escalation requested.\n', KEY)).toBe(`[Escalation Desk] Escalation requested.\n\n[Escalation Desk ref: ${KEY}]`);
  });

  it('matches its own item only: #1 is not found in a note of #11, nor the request note in the decision note', () => {
    const other = KEY.replace('#1:', '#11:');
    expect(hasNoteMarker([markedNote('x', other)], KEY)).toBe(false);
    expect(hasNoteMarker([markedNote('x', KEY.replace('#1:', '#2:'))], KEY)).toBe(false);
    expect(hasNoteMarker([markedNote('x', KEY)], KEY)).toBe(true);
    // HTML-escaped copies (Freshdesk, Zoho and HubSpot keep notes as HTML) still carry it unchanged.
    expect(hasNoteMarker([`<div>x</div><div><br></div><div>${noteMarker(KEY)}</div>`], KEY)).toBe(true);
  });
});

interface Case {
  readonly adapter: HelpdeskAdapter;
  readonly url: string;
  readonly ticketId: string;
  /** Path part of the note write and of the note listing, for faults. */
  readonly notesPath: string;
}

const CASES: readonly Case[] = [
  { adapter: zendeskAdapter, url: 'https://acme.zendesk.com/agent/tickets/101', ticketId: '101', notesPath: '/api/v2/tickets/101' },
  { adapter: freshdeskAdapter, url: 'https://acme.freshdesk.com/a/tickets/201', ticketId: '201', notesPath: '/api/v2/tickets/201' },
  { adapter: jiraAdapter, url: 'https://acme.atlassian.net/browse/SUP-301', ticketId: 'SUP-301', notesPath: '/rest/servicedeskapi/request/SUP-301/comment' },
];

describe.each(CASES)('$adapter.id', ({ adapter, url, ticketId, notesPath }) => {
  let simulator: HelpdeskSimulator;
  beforeEach(() => {
    simulator = createSimulator();
  });

  function ctx(): AdapterContext {
    const sim = simulator.helpdesk(adapter.id);
    const page = simulator.handle({ method: 'GET', url, headers: { cookie: sim.session.cookie }, body: null });
    return {
      document: new DOMParser().parseFromString(page.body, 'text/html'),
      location: new URL(url),
      fetch: simulatorFetch(simulator, url, sim.session.cookie),
      readPageGlobals: async () => ({}),
      now: () => new Date(NOW),
    };
  }
  const actions = () => ({ addInternalNote: adapter.actions.addInternalNote!, internalNoteBodies: adapter.actions.internalNoteBodies! });
  const internalNotes = () => simulator.helpdesk(adapter.id).tickets.get(ticketId)!.messages.filter((m) => !m.public);
  const noteWrites = () => simulator.log.filter((e) => e.method !== 'GET').length;

  it('lists the ticket’s internal notes, and only those', async () => {
    const bodies = await adapter.actions.internalNoteBodies!(ctx(), ticketId);
    const ticket = simulator.helpdesk(adapter.id).tickets.get(ticketId)!;
    expect(bodies).toHaveLength(ticket.messages.filter((m) => !m.public).length);
  });

  it('writes the note once with its marker; the same item again writes nothing; another item writes its own note', async () => {
    const before = internalNotes().length;
    await expect(addInternalNoteOnce(actions(), ctx(), ticketId, '[Escalation Desk] Escalation requested by Avery.', KEY)).resolves.toBe('written');
    expect(internalNotes()).toHaveLength(before + 1);
    expect(internalNotes().at(-1)!.body).toContain('Escalation requested by Avery.');
    expect(internalNotes().at(-1)!.body).toContain(noteMarker(KEY));
    const writes = noteWrites();

    await expect(addInternalNoteOnce(actions(), ctx(), ticketId, '[Escalation Desk] Escalation requested by Avery.', KEY)).resolves.toBe('already-there');
    expect(internalNotes()).toHaveLength(before + 1);
    expect(noteWrites()).toBe(writes);

    const next = KEY.replace('#1:', '#2:');
    await expect(addInternalNoteOnce(actions(), ctx(), ticketId, '[Escalation Desk] Escalation approved.', next)).resolves.toBe('written');
    expect(internalNotes()).toHaveLength(before + 2);
  });

  it('a response lost after the helpdesk applied the note: the retry finds it and writes no second note', async () => {
    const before = internalNotes().length;
    simulator.fail({ pathIncludes: notesPath, writesOnly: true, applyFirst: true, status: 502, times: 1 });
    const lost = await addInternalNoteOnce(actions(), ctx(), ticketId, 'Escalation requested.', KEY).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(HelpdeskWriteError);
    expect(lost).toMatchObject({ status: 502, retryable: true });
    expect(internalNotes()).toHaveLength(before + 1); // applied all the same

    await expect(addInternalNoteOnce(actions(), ctx(), ticketId, 'Escalation requested.', KEY)).resolves.toBe('already-there');
    expect(internalNotes()).toHaveLength(before + 1);
  });

  it('a marker in a public message does not count: the internal note is still written', async () => {
    simulator.helpdesk(adapter.id).tickets.get(ticketId)!.messages.push({
      id: '990001', author: 'Customer', authorEmail: 'c@example.test', role: 'customer', public: true, body: `Quoting you: ${noteMarker(KEY)}`, createdAt: NOW,
    });
    const before = internalNotes().length;
    await expect(addInternalNoteOnce(actions(), ctx(), ticketId, 'Escalation requested.', KEY)).resolves.toBe('written');
    expect(internalNotes()).toHaveLength(before + 1);
  });

  it('when the notes cannot be read, nothing is written: 500 is retried, 401 waits for the agent', async () => {
    const before = internalNotes().length;
    simulator.fail({ method: 'GET', pathIncludes: notesPath, status: 500, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(), ticketId, 'x', KEY)).rejects.toMatchObject({ name: 'HelpdeskWriteError', status: 500, retryable: true });
    simulator.clearFaults();
    simulator.fail({ method: 'GET', pathIncludes: notesPath, status: 401, times: 10 });
    await expect(addInternalNoteOnce(actions(), ctx(), ticketId, 'x', KEY)).rejects.toMatchObject({ status: 401, retryable: false });
    expect(internalNotes()).toHaveLength(before);
    expect(simulator.log.filter((e) => e.method !== 'GET')).toEqual([]);
  });
});

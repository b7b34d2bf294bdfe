import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TicketSnapshot } from '../../core/schemas';
import { fixtureDocument, readFixture } from '../../test/fixtures';
import { HelpdeskSimulator } from '../../test/simulator';
import { createInitechSim, INITECH_ORIGIN } from '../../test/simulator/helpdesks/custom';
import { BUILT_IN_ADAPTERS } from '../index';
import type { AdapterContext } from '../types';
import type { CustomAdapterDefinition } from './definition';
import { createCustomAdapter } from './runtime';
import { otherAdaptersExampleUrls } from '../examples';

const definition = (): CustomAdapterDefinition => JSON.parse(readFixture('custom', 'initech-definition.json'));
const TICKET = `${INITECH_ORIGIN}/tickets/INI-1`;
const NOW = new Date('2026-11-03T10:00:00Z');
const ctx = (doc: Document, url = TICKET): AdapterContext => ({
  document: doc,
  location: new URL(url),
  fetch: () => Promise.reject(new Error('custom adapters make no API calls')),
  readPageGlobals: async () => ({}),
  now: () => NOW,
});

describe('custom adapter runtime', () => {
  it('is DOM-only: no zod and only the definition type at runtime', () => {
    const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'runtime.ts'), 'utf8');
    expect(source).not.toMatch(/from 'zod'/);
    expect(source).toMatch(/import type \{ CustomAdapterDefinition \} from '\.\/definition'/);
    expect(source).not.toMatch(/import \{[^}]*\} from '\.\/definition'/);
  });

  it('detects its examples and nothing of the built-in helpdesks', () => {
    const { examples } = definition();
    const adapter = createCustomAdapter(definition());
    for (const { url, ticketId } of examples!.tickets) expect(adapter.parseTicketUrl(new URL(url)), url).toBe(ticketId);
    for (const url of [...examples!.nonTickets, ...otherAdaptersExampleUrls(), 'http://help.initech.test/tickets/INI-1']) {
      expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
    }
  });

  it('reads the Initech fixture', async () => {
    const adapter = createCustomAdapter(definition());
    const result = await adapter.read(ctx(fixtureDocument('custom', 'initech-ticket-2026-11.html')), 'INI-1');
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot).toEqual({
      ref: { site: 'custom-initech', ticketId: 'INI-1', url: TICKET },
      subject: 'TPS report cover sheets rejected by the portal',
      requester: { name: 'Peter Gibbons', email: 'peter.gibbons@initrode.test' },
      status: 'Open',
      priority: { raw: 'P2', level: 'high' },
      assignee: 'Joanna Lumbergh',
      tags: ['tps', 'portal'],
      messages: [
        { id: 'post-101', author: 'Peter Gibbons', authorRole: 'customer', visibility: 'public', body: 'The portal rejects every TPS report that has the new cover sheet.', createdAt: '2026-11-02T09:00:00.000Z' },
        { id: 'post-102', author: 'Joanna Lumbergh', authorRole: 'agent', visibility: 'public', body: 'Thanks Peter, we can reproduce it and are looking into it.', createdAt: '2026-11-02T10:00:00.000Z' },
        { id: 'post-103', author: 'Joanna Lumbergh', authorRole: 'agent', visibility: 'internal', body: 'Validator was updated on Friday; rollback needs a change window.', createdAt: '2026-11-02T11:00:00.000Z' },
        { id: 'post-104', author: 'Peter Gibbons', authorRole: 'customer', visibility: 'public', body: 'This blocks our whole department. Please escalate this to a manager.', createdAt: '2026-11-03T08:00:00.000Z' },
      ],
      createdAt: null,
      currentAgent: null,
      source: 'dom',
      readAt: NOW.toISOString(),
    });
    expect(result.health.every((h) => h.ok && h.source === 'dom')).toBe(true);
  });

  it('reads a simulated page (INI-2: unassigned, no tags)', async () => {
    const simulator = new HelpdeskSimulator([createInitechSim()]);
    const url = `${INITECH_ORIGIN}/tickets/INI-2`;
    const doc = new DOMParser().parseFromString(simulator.handle({ method: 'GET', url, headers: {}, body: null }).body, 'text/html');
    const result = await createCustomAdapter(definition()).read(ctx(doc, url), 'INI-2');
    if (!result.ok) throw new Error(result.problem.message);
    expect(TicketSnapshot.safeParse(result.snapshot).success).toBe(true); // what the background checks
    expect(result.snapshot).toMatchObject({ subject: 'Stapler missing', status: 'Pending', priority: { raw: 'P4', level: 'low' }, assignee: null, tags: [] });
    expect(result.snapshot.messages).toHaveLength(1);
  });

  it('a missing element is a typed problem naming the field and selector', async () => {
    const adapter = createCustomAdapter(definition());
    const doc = fixtureDocument('custom', 'initech-ticket-2026-11.html');
    doc.querySelector('.ticket-status')!.remove();
    expect(await adapter.read(ctx(doc), 'INI-1')).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'status', selector: '.ticket-meta .ticket-status' } });
    const noBody = fixtureDocument('custom', 'initech-ticket-2026-11.html');
    noBody.querySelector('#post-103 .post-body')!.remove();
    expect(await adapter.read(ctx(noBody), 'INI-1')).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'message.body' } });
    const list = fixtureDocument('custom', 'initech-tickets-list-2026-11.html');
    expect(await adapter.read(ctx(list), 'INI-1')).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'subject' } });
  });

  it('an unvalidated broken selector or pattern never throws', async () => {
    const broken = { ...definition(), ticketUrlPattern: '(', selectors: { ...definition().selectors, subject: 'h1[' } };
    const adapter = createCustomAdapter(broken);
    expect(adapter.parseTicketUrl(new URL(TICKET))).toBeNull();
    expect(await adapter.read(ctx(fixtureDocument('custom', 'initech-ticket-2026-11.html')), 'INI-1')).toMatchObject({ ok: false, problem: { field: 'subject' } });
  });

  it('mounts on the configured anchor', () => {
    const adapter = createCustomAdapter(definition());
    expect(adapter.mountAnchors).toEqual(['#ticket-sidebar']);
    expect(fixtureDocument('custom', 'initech-ticket-2026-11.html').querySelectorAll('#ticket-sidebar')).toHaveLength(1);
    expect(fixtureDocument('custom', 'initech-tickets-list-2026-11.html').querySelectorAll('#ticket-sidebar')).toHaveLength(0);
  });

  it('inserts reply text only when an editor selector is given, never submitting', () => {
    const doc = fixtureDocument('custom', 'initech-ticket-2026-11.html');
    let submitted = false;
    doc.addEventListener('submit', () => (submitted = true));
    expect(createCustomAdapter(definition()).actions.insertReply(ctx(doc), 'We are on it.')).toEqual({ ok: true });
    expect((doc.querySelector('#reply-body') as HTMLTextAreaElement).value).toBe('We are on it.');
    expect(submitted).toBe(false);
    const { replyEditor: _omit, ...selectors } = definition().selectors;
    const noEditor = createCustomAdapter({ ...definition(), selectors });
    expect(noEditor.actions.insertReply(ctx(doc), 'x')).toMatchObject({ ok: false });
    expect(Object.keys(noEditor.actions)).toEqual(['insertReply']);
  });
});

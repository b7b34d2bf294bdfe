import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../core/messages';
import { createSender } from '../messaging';
import { PopupApp } from './PopupApp';
import { firstMessages, prefetch, PREFETCH_FRESH_MS, PREFETCH_GLOBAL, takePrefetched } from './prefetch';
import { MANAGER, queueItem } from './testing';

const NOW = new Date('2026-11-27T12:00:00.000Z');

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '#/');
});

describe('the popup’s prefetched first answers', () => {
  it('are asked for the queue’s first page and the user on the queue, only the user elsewhere', () => {
    expect(firstMessages('')).toEqual([{ type: 'whoami' }, { type: 'queue.get', limit: 50, rows: true }]);
    expect(firstMessages('#/')).toEqual(firstMessages(''));
    expect(firstMessages('#/escalation/esc_abcdef01')).toEqual([{ type: 'whoami' }]);
    expect(firstMessages('#/history')).toEqual([{ type: 'whoami' }]);
  });

  it('are each taken once, for exactly the same message', async () => {
    const page: Record<string, unknown> = {};
    const asked: unknown[] = [];
    prefetch(page, '#/', async (message) => {
      asked.push(message);
      return { ok: true, data: { answered: message } };
    });
    expect(asked).toEqual(firstMessages('#/'));
    expect(takePrefetched(page, { type: 'queue.get', limit: 100, rows: true })).toBeNull(); // another page of the queue: not prefetched
    const answer = takePrefetched(page, { type: 'queue.get', limit: 50, rows: true });
    expect(await answer).toEqual({ ok: true, data: { answered: { type: 'queue.get', limit: 50, rows: true } } });
    expect(takePrefetched(page, { type: 'queue.get', limit: 50, rows: true })).toBeNull(); // the next load asks the background again
    expect(takePrefetched({}, { type: 'whoami' })).toBeNull();
    expect(takePrefetched({ [PREFETCH_GLOBAL]: 'not ours' }, { type: 'whoami' })).toBeNull();
  });

  it('are dropped when not taken while fresh: a later load asks the background for what is true now', () => {
    const page: Record<string, unknown> = {};
    let clock = 1_000;
    prefetch(page, '#/', async () => ({ ok: true, data: 'then' }), () => clock);
    clock += PREFETCH_FRESH_MS;
    expect(takePrefetched(page, { type: 'whoami' }, () => clock)).not.toBeNull(); // just in time
    clock += 1;
    expect(takePrefetched(page, { type: 'queue.get', limit: 50, rows: true }, () => clock)).toBeNull();
    expect(takePrefetched(page, { type: 'queue.get', limit: 50, rows: true }, () => clock)).toBeNull();
  });

  it('a prefetch that failed reaches the popup as the failure it was, not as an unhandled rejection', async () => {
    const page: Record<string, unknown> = {};
    prefetch(page, '#/', () => Promise.reject(new Error('Could not establish connection.')));
    const send = createSender((message) => takePrefetched(page, message) ?? Promise.resolve({ ok: true, data: null }));
    expect(await send({ type: 'whoami' })).toEqual({ ok: false, error: { code: 'internal', message: 'Could not establish connection.' } });
    expect(await send({ type: 'whoami' })).toEqual({ ok: true, data: null }); // taken once: asked again now
  });

  it('are what the popup asks first, so it shows the queue from them without asking again', async () => {
    const page: Record<string, unknown> = {};
    const item = queueItem({ id: 'esc_first001', requestedAt: new Date(NOW.getTime() - 10 * 60_000), severity: 'S2', subject: 'Checkout fails' });
    const background = async (message: unknown): Promise<unknown> => {
      const m = message as Message;
      if (m.type === 'whoami') return { ok: true, data: { actor: MANAGER, identity: null, locked: [] } };
      if (m.type === 'queue.get') return { ok: true, data: { actor: MANAGER, items: [item], total: 1 } };
      if (m.type === 'stats.get') return { ok: true, data: { thisWeek: 1, approvalRate: null, medianMinutesToDecision: null, approvedOpen: 0 } };
      return { ok: false, error: { code: 'internal', message: `unexpected ${m.type}` } };
    };
    prefetch(page, window.location.hash, background);
    const askedLater: unknown[] = [];
    const send = createSender((message) => takePrefetched(page, message) ?? (askedLater.push(message), background(message)));
    render(<PopupApp send={send} subscribe={() => undefined} clock={() => NOW} />);
    const items = await within(await screen.findByTestId('queue')).findAllByTestId('queue-item');
    expect(items.map((i) => i.getAttribute('data-escalation-id'))).toEqual(['esc_first001']);
    await waitFor(() => expect(askedLater.map((m) => (m as Message).type)).toContain('stats.get'));
    // Everything prefetched was used: the popup asked the background only what it had not prefetched.
    expect(askedLater.map((m) => (m as Message).type)).not.toContain('queue.get');
    expect(askedLater.map((m) => (m as Message).type)).not.toContain('whoami');
  });
});

import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, Response } from '../../core/messages';
import type { Actor } from '../../core/schemas';
import type { EscalationDetail, QueueItem } from '../../core/views';
import type { Send } from '../messaging';
import { PopupApp } from './PopupApp';
import { FIRST_FRAME_ROWS, QUEUE_SHOWN_MARK } from './QueueList';
import { AGENT, buildEscalation, detailFor, MANAGER, queueItem } from './testing';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const clock = () => NOW;
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

type Handler = (message: Message) => Response<unknown> | undefined;

/** A fake background: answers by message type and records every message the popup sent. */
function fakeBackground(handlers: Partial<Record<Message['type'], Handler>>, actor: Actor = MANAGER) {
  const sent: Message[] = [];
  const send = (async (message: Message) => {
    sent.push(message);
    const handler = handlers[message.type];
    const answer = handler?.(message);
    if (answer) return answer;
    if (message.type === 'whoami') return { ok: true, data: { actor, identity: null, locked: [] } };
    if (message.type === 'stats.get') return { ok: true, data: { thisWeek: 12, approvalRate: 0.75, medianMinutesToDecision: 42, approvedOpen: 3 } };
    return { ok: false, error: { code: 'internal', message: `unexpected ${message.type}` } };
  }) as Send;
  let listener: ((message: unknown) => void) | null = null;
  const subscribe = (l: (message: unknown) => void) => {
    listener = l;
  };
  return { send, sent, subscribe, notify: (message: unknown) => listener?.(message) };
}

const ok = <T,>(data: T): Response<T> => ({ ok: true, data });

function queueOf(items: QueueItem[], actor: Actor = MANAGER, total?: number) {
  return () => ok({ actor, items, ...(total !== undefined ? { total } : {}) });
}

beforeEach(() => {
  window.history.replaceState(null, '', '#/');
});
afterEach(() => cleanup());

describe('the queue', () => {
  it('lists pending escalations most urgent first, with what a manager needs at a glance', async () => {
    const calm = queueItem({ id: 'esc_calm0001', requestedAt: minutesAgo(5), severity: 'S3', breachInMinutes: 600, subject: 'Export is slow', customerName: 'Dana Doe' });
    const overdue = queueItem({ id: 'esc_late0001', requestedAt: minutesAgo(90), severity: 'S2', breachInMinutes: 400, subject: 'Checkout fails', site: 'freshdesk', ticketId: '77' });
    const bg = fakeBackground({ 'queue.get': queueOf([calm, overdue]) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);

    const list = await screen.findByTestId('queue');
    const items = await within(list).findAllByTestId('queue-item');
    expect(items.map((i) => i.getAttribute('data-escalation-id'))).toEqual(['esc_late0001', 'esc_calm0001']);
    const first = items[0]!;
    expect(first.textContent).toContain('Checkout fails');
    expect(first.textContent).toContain('Freshdesk #77');
    expect(first.textContent).toContain('Carla Customer');
    expect(first.textContent).toContain('S2');
    expect(first.textContent).toContain('Waiting 1 h 30 min');
    expect(first.textContent).toContain('decision overdue by 30 min');
    expect(first.textContent).toMatch(/SLA breach in 5 h 10 min/);
    expect(first.textContent).toContain(String(overdue.assessment.score));
    expect(items[1]!.textContent).toContain('decide within 3 h 55 min');
    // The numbers at a glance arrive after the queue.
    await waitFor(() => expect(screen.getByTestId('stats').textContent).toContain('75%'));
    expect(screen.getByTestId('stats').textContent).toContain('42 min');
    expect(bg.sent.findIndex((m) => m.type === 'queue.get')).toBeLessThan(bg.sent.findIndex((m) => m.type === 'stats.get'));
  });

  it('renders ticket text as text, never as markup', async () => {
    const hostile = queueItem({ id: 'esc_hostile01', requestedAt: minutesAgo(1), subject: '<img src=x onerror="alert(1)">Broken' });
    const bg = fakeBackground({ 'queue.get': queueOf([hostile]) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    const item = await screen.findByTestId('queue-item');
    expect(item.querySelector('img')).toBeNull();
    expect(item.textContent).toContain('<img src=x onerror="alert(1)">Broken');
  });

  it('shows a long queue a page at a time, asking the background for each page, and says when it holds more', async () => {
    // 900 await a decision; the background answers the most urgent ones, at most 200, as many as asked for.
    const many = Array.from({ length: 200 }, (_, i) => queueItem({ id: `esc_many${String(i).padStart(4, '0')}`, requestedAt: minutesAgo(i % 50), severity: 'S4', breachInMinutes: 1000 + i }));
    const bg = fakeBackground({ 'queue.get': (m) => ok({ actor: MANAGER, items: many.slice(0, (m as { limit?: number }).limit ?? 200), total: 900 }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(50));
    expect(bg.sent.find((m) => m.type === 'queue.get')).toEqual({ type: 'queue.get', limit: 50, rows: true }); // the first page only, its rows
    for (const count of [100, 150, 200]) {
      fireEvent.click(screen.getByRole('button', { name: /Show 50 more/ }));
      await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(count));
    }
    expect(bg.sent.filter((m) => m.type === 'queue.get').at(-1)).toEqual({ type: 'queue.get', limit: 200, rows: true });
    expect(screen.queryByRole('button', { name: /Show \d+ more/ })).toBeNull();
    expect(screen.getByText(/700 more wait behind them/)).toBeTruthy();
  });

  it('draws the first rows of a page in its first frame and the rest right after, and marks when the queue is first on screen', async () => {
    const many = Array.from({ length: 50 }, (_, i) => queueItem({ id: `esc_frame${String(i).padStart(4, '0')}`, requestedAt: minutesAgo(i), severity: 'S4', breachInMinutes: 1000 + i }));
    const bg = fakeBackground({ 'queue.get': queueOf(many, MANAGER, 50) });
    const rowsWhenFirstDrawn: number[] = [];
    const observer = new MutationObserver(() => {
      const rows = document.querySelectorAll('[data-testid="queue-item"]').length;
      if (rows > 0 && rowsWhenFirstDrawn.length === 0) rowsWhenFirstDrawn.push(rows);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(50));
    observer.disconnect();
    expect(rowsWhenFirstDrawn).toEqual([FIRST_FRAME_ROWS]);
    // The most urgent first, in the same order either way.
    expect(screen.getAllByTestId('queue-item')[0]!.dataset.escalationId).toBe('esc_frame0049');
    // One User Timing mark per page, however often the queue renders again.
    cleanup();
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(50));
    expect(performance.getEntriesByName(QUEUE_SHOWN_MARK)).toHaveLength(1);
  });

  it('reloads when the background announces a change (a new request appears without reopening)', async () => {
    const first = queueItem({ id: 'esc_first001', requestedAt: minutesAgo(3) });
    const second = queueItem({ id: 'esc_second01', requestedAt: minutesAgo(1), severity: 'S1', breachInMinutes: 20 });
    let items = [first];
    const bg = fakeBackground({ 'queue.get': () => ok({ actor: MANAGER, items }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(1));
    items = [first, second];
    act(() => bg.notify({ type: 'escalation-desk.changed', tickets: [{ site: 'zendesk', ticketId: '101' }], settings: false, outbox: false }));
    await waitFor(() => expect(screen.getAllByTestId('queue-item').map((i) => i.dataset.escalationId)).toEqual(['esc_second01', 'esc_first001']));
  });

  it('reloads once for a burst of change notices, and still shows the last change', async () => {
    const first = queueItem({ id: 'esc_burst001', requestedAt: minutesAgo(3) });
    let items = [first];
    const bg = fakeBackground({ 'queue.get': () => ok({ actor: MANAGER, items }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(1));
    await waitFor(() => expect(bg.sent.some((m) => m.type === 'stats.get')).toBe(true));
    const loads = () => bg.sent.filter((m) => m.type === 'queue.get').length;
    const before = loads();
    for (let n = 2; n <= 10; n++) {
      items = [...items, queueItem({ id: `esc_burst${String(n).padStart(3, '0')}`, requestedAt: minutesAgo(3) })];
      act(() => bg.notify({ type: 'escalation-desk.changed', tickets: [{ site: 'zendesk', ticketId: String(n) }], settings: false, outbox: false }));
    }
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(10));
    expect(loads() - before).toBe(1);
  });

  it('never shows a decided escalation as pending when going back to the queue after a change', async () => {
    const decided = queueItem({ id: 'esc_decided1', requestedAt: minutesAgo(30), severity: 'S2' });
    const other = queueItem({ id: 'esc_other001', requestedAt: minutesAgo(5), severity: 'S3' });
    let items = [decided, other];
    const bg = fakeBackground({
      'queue.get': () => ok({ actor: MANAGER, items }),
      'escalation.get': () => ok(detailFor({ id: 'esc_decided1', requestedAt: minutesAgo(30), severity: 'S2' })),
    });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('queue-item').find((i) => i.dataset.escalationId === 'esc_decided1')!);
    await screen.findByTestId('escalation-detail');
    // Decided elsewhere (or from this detail): the background announces it while the detail is on screen.
    items = [other];
    const loads = bg.sent.filter((m) => m.type === 'queue.get').length;
    act(() => bg.notify({ type: 'escalation-desk.changed', tickets: [{ site: 'zendesk', ticketId: '101' }], settings: false, outbox: false }));
    await waitFor(() => expect(bg.sent.filter((m) => m.type === 'queue.get').length).toBeGreaterThan(loads));
    await waitFor(() => expect(screen.getByRole('button', { name: /^Queue/ }).textContent).toContain('1'));
    act(() => {
      window.location.hash = '#/';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    // The very first queue painted on the way back is the current one.
    const shown = await screen.findAllByTestId('queue-item');
    expect(shown.map((i) => i.dataset.escalationId)).toEqual(['esc_other001']);
  });

  it('moves a request up when it becomes overdue while the popup stays open', async () => {
    let current = NOW;
    const s1 = queueItem({ id: 'esc_s1soon01', requestedAt: minutesAgo(10), severity: 'S1', breachInMinutes: 500 });
    const near = queueItem({ id: 'esc_nearbr01', requestedAt: minutesAgo(10), severity: 'S4', breachInMinutes: 60 });
    const bg = fakeBackground({ 'queue.get': queueOf([s1, near]) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={() => current} tickMs={20} />);
    await waitFor(() => expect(screen.getAllByTestId('queue-item').map((i) => i.dataset.escalationId)).toEqual(['esc_nearbr01', 'esc_s1soon01']));
    current = new Date(NOW.getTime() + 10 * 60_000); // S1's 15-minute decision SLA has now passed
    await waitFor(() => expect(screen.getAllByTestId('queue-item').map((i) => i.dataset.escalationId)).toEqual(['esc_s1soon01', 'esc_nearbr01']));
    expect(screen.getAllByTestId('queue-item')[0]!.textContent).toContain('decision overdue by 5 min');
  });

  it('works from the keyboard: j / k and arrows move, Enter opens, a opens the approval form', async () => {
    const a = queueItem({ id: 'esc_keys0001', requestedAt: minutesAgo(90), severity: 'S2' });
    const b = queueItem({ id: 'esc_keys0002', requestedAt: minutesAgo(5), severity: 'S3', breachInMinutes: 100 });
    const c = queueItem({ id: 'esc_keys0003', requestedAt: minutesAgo(5), severity: 'S3', breachInMinutes: 200 });
    const details: Record<string, EscalationDetail> = {
      esc_keys0002: detailFor({ id: 'esc_keys0002', requestedAt: minutesAgo(5), severity: 'S3', breachInMinutes: 100 }),
      esc_keys0003: detailFor({ id: 'esc_keys0003', requestedAt: minutesAgo(5), severity: 'S3', breachInMinutes: 200 }),
    };
    const bg = fakeBackground({
      'queue.get': queueOf([a, b, c]),
      'escalation.get': (m) => ok(details[(m as { escalationId: string }).escalationId]),
    });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    // The first item has focus as soon as the queue shows.
    await waitFor(() => expect(document.activeElement?.getAttribute('data-escalation-id')).toBe('esc_keys0001'));
    const list = screen.getByTestId('queue');
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-escalation-id')).toBe('esc_keys0002'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-escalation-id')).toBe('esc_keys0003'));
    fireEvent.keyDown(document.activeElement!, { key: 'k' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-escalation-id')).toBe('esc_keys0002'));
    expect(within(list).getAllByRole('option', { selected: true })).toHaveLength(1);

    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await screen.findByTestId('escalation-detail');
    expect(bg.sent).toContainEqual({ type: 'escalation.get', escalationId: 'esc_keys0002' });
    expect(window.location.hash).toBe('#/escalation/esc_keys0002');

    fireEvent.keyDown(document.body, { key: 'a' });
    const form = await screen.findByTestId('approve-form');
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByTestId('decision-reason')));
    // Escape from outside a text field closes the form, and again goes back to the queue, on the same item.
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('approve-form')).toBeNull());
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await screen.findByTestId('queue');
    await waitFor(() => expect(document.activeElement?.getAttribute('data-escalation-id')).toBe('esc_keys0002'));

    // d straight from the queue opens the decline form of the selected escalation.
    fireEvent.keyDown(document.activeElement!, { key: 'd' });
    await screen.findByTestId('decline-form');
    expect(window.location.hash).toBe('#/escalation/esc_keys0002/decline');
  });
});

describe('deciding', () => {
  function setup(detail: EscalationDetail, decide?: Handler) {
    window.history.replaceState(null, '', `#/escalation/${detail.escalation.id}`);
    const bg = fakeBackground({ 'escalation.get': () => ok(detail), ...(decide ? { 'escalation.decide': decide } : {}) }, detail.actor);
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    return bg;
  }

  it('shows the four criteria side by side, the customer’s words, the recommendation and its reasons', async () => {
    const detail = detailFor({ id: 'esc_detail01', requestedAt: minutesAgo(20), severity: 'S2', breachInMinutes: 60, customerWords: 'I want to speak to your manager, third time now.' });
    setup(detail);
    const criteria = await screen.findByTestId('criteria');
    const text = criteria.textContent ?? '';
    for (const heading of ['Severity and impact', 'Business risk', 'Response SLA', 'Actions already taken']) expect(text).toContain(heading);
    expect(text).toContain('Many customers');
    expect(text).toContain('Revenue');
    expect(text).toContain('SLA breach in 40 min');
    expect(text).toContain('Cleared the CDN cache');
    expect(screen.getByTestId('customer-words').textContent).toBe('I want to speak to your manager, third time now.');
    const recommendation = screen.getByTestId('recommendation');
    for (const reason of detail.assessment.reasons) expect(recommendation.textContent).toContain(reason);
    expect(recommendation.textContent).toContain(`${detail.assessment.score}/100`);
    expect(screen.getByTestId('decision-clock').textContent).toContain('Waiting 20 min of a 1 h decision SLA');
  });

  it('approves with the policy’s default priority and cadence, the rationale and follow-ups', async () => {
    const detail = detailFor({ id: 'esc_approve1', requestedAt: minutesAgo(20), severity: 'S3' });
    const decided = detailFor({ id: 'esc_approve1', requestedAt: minutesAgo(20), severity: 'S3', steps: ['approve'] }, MANAGER, {
      writeBacks: [
        { id: 'esc_approve1#2:priority', kind: 'priority', state: 'pending', error: null },
        { id: 'esc_approve1#2:tags', kind: 'tags', state: 'done', error: null },
      ],
    });
    const bg = setup(detail, () => ok(decided));
    fireEvent.click(await screen.findByTestId('approve-button'));
    const form = await screen.findByTestId('approve-form');
    // S3 defaults of the policy: priority high, a customer update every day.
    expect((within(form).getByLabelText(/New priority/) as HTMLSelectElement).value).toBe('high');
    expect((within(form).getByLabelText(/Customer updates/) as HTMLSelectElement).value).toBe('1440');
    fireEvent.input(within(form).getByTestId('decision-reason'), { target: { value: '  Revenue at risk for many customers  ' } });
    fireEvent.input(within(form).getByLabelText(/Follow-ups/), { target: { value: 'Page payments\n\n Check CDN ' } });
    fireEvent.change(within(form).getByLabelText(/New priority/), { target: { value: 'urgent' } });
    fireEvent.click(within(form).getByTestId('decision-submit'));
    await screen.findByTestId('decision-notice');
    expect(bg.sent.find((m) => m.type === 'escalation.decide')).toEqual({
      type: 'escalation.decide',
      command: { type: 'approve', escalationId: 'esc_approve1', expectedVersion: 1, rationale: 'Revenue at risk for many customers', newPriority: 'urgent', followUps: ['Page payments', 'Check CDN'], updateCadenceMinutes: 1440 },
    });
    // The decision and its helpdesk write-backs, pending or synced.
    expect(screen.getByTestId('decision-summary').textContent).toContain('Approved by Maria Manager');
    const writeBacks = screen.getAllByTestId('write-back');
    expect(writeBacks.map((w) => [w.dataset.kind, w.dataset.sync])).toEqual([
      ['tags', 'done'],
      ['priority', 'pending'],
    ]);
    expect(screen.getByTestId('write-backs').textContent).toContain('1 not yet synced');
    expect(screen.queryByTestId('approve-button')).toBeNull();
  });

  it('refuses a decline without a category and an explanation, saying what is missing, and sends nothing', async () => {
    const bg = setup(detailFor({ id: 'esc_decline1', requestedAt: minutesAgo(5) }));
    fireEvent.click(await screen.findByTestId('decline-button'));
    const form = await screen.findByTestId('decline-form');
    fireEvent.click(within(form).getByTestId('decision-submit'));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('A decline needs a reason category and an explanation');
    fireEvent.change(within(form).getByLabelText(/Reason category/), { target: { value: 'premature' } });
    fireEvent.input(within(form).getByTestId('decision-reason'), { target: { value: '   ' } });
    fireEvent.click(within(form).getByTestId('decision-submit'));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toMatch(/needs an explanation:/));
    expect(bg.sent.some((m) => m.type === 'escalation.decide')).toBe(false);
  });

  it('declines with a category and an explanation', async () => {
    const decided = detailFor({ id: 'esc_decline2', requestedAt: minutesAgo(5), steps: ['decline'] });
    const bg = setup(detailFor({ id: 'esc_decline2', requestedAt: minutesAgo(5) }), () => ok(decided));
    fireEvent.keyDown(await screen.findByTestId('escalation-detail'), { key: 'd' });
    const form = await screen.findByTestId('decline-form');
    fireEvent.change(within(form).getByLabelText(/Reason category/), { target: { value: 'not-severe-enough' } });
    fireEvent.input(within(form).getByTestId('decision-reason'), { target: { value: 'A workaround exists: export via the API.' } });
    // Ctrl+Enter submits from inside the text field.
    fireEvent.keyDown(within(form).getByTestId('decision-reason'), { key: 'Enter', ctrlKey: true });
    await screen.findByTestId('decision-notice');
    expect(bg.sent.find((m) => m.type === 'escalation.decide')).toEqual({
      type: 'escalation.decide',
      command: { type: 'decline', escalationId: 'esc_decline2', expectedVersion: 1, category: 'not-severe-enough', reason: 'A workaround exists: export via the API.' },
    });
    expect(screen.getByTestId('decision-summary').textContent).toContain('Not approved by Maria Manager');
  });

  it('shows the background’s refusal in the form, verbatim', async () => {
    const message = 'This escalation changed since you loaded it (you saw version 1, it is now at version 2). Reload it and try again.';
    setup(detailFor({ id: 'esc_stale001', requestedAt: minutesAgo(5) }), () => ({ ok: false, error: { code: 'refused', reason: 'stale-version', message } }));
    fireEvent.click(await screen.findByTestId('approve-button'));
    fireEvent.input(screen.getByTestId('decision-reason'), { target: { value: 'Looks serious' } });
    fireEvent.click(screen.getByTestId('decision-submit'));
    expect((await screen.findByTestId('decision-error')).textContent).toBe(message);
  });

  it('opens the ticket through the background (which focuses an existing tab)', async () => {
    const detail = detailFor({ id: 'esc_focus001', requestedAt: minutesAgo(5) });
    let opened = 0;
    window.history.replaceState(null, '', `#/escalation/${detail.escalation.id}`);
    const bg = fakeBackground({ 'escalation.get': () => ok(detail), 'ticket.focus': () => ok({ focused: true }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} onTicketOpened={() => (opened += 1)} />);
    fireEvent.click(await screen.findByTestId('open-ticket'));
    await waitFor(() => expect(opened).toBe(1));
    expect(bg.sent.find((m) => m.type === 'ticket.focus')).toEqual({ type: 'ticket.focus', ticket: detail.escalation.ticket });
  });
});

describe('someone who is not a manager', () => {
  it('sees their own escalations and statuses, and no decision controls anywhere', async () => {
    const agent = AGENT;
    const mine = [buildEscalation({ id: 'esc_mine0001', requestedAt: minutesAgo(10) }).escalation, buildEscalation({ id: 'esc_mine0002', requestedAt: minutesAgo(100), steps: ['decline'] }).escalation];
    const bg = fakeBackground({ 'queue.get': queueOf([], agent), 'mine.get': () => ok({ actor: agent, items: mine }), 'escalation.get': () => ok(detailFor({ id: 'esc_mine0001', requestedAt: minutesAgo(10) }, agent)) }, agent);
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    const list = await screen.findByTestId('mine');
    const statuses = within(list).getAllByTestId('mine-status').map((s) => s.textContent);
    expect(statuses).toEqual(['Under investigation, awaiting manager decision', 'Escalation not approved']);
    expect(list.textContent).toContain('Why: A workaround exists.');
    expect(screen.queryByTestId('queue')).toBeNull();

    fireEvent.click(within(list).getAllByRole('button')[0]!);
    await screen.findByTestId('escalation-detail');
    fireEvent.keyDown(document.body, { key: 'a' });
    for (const id of ['approve-button', 'decline-button', 'decision-reason', 'decision-submit', 'approve-form']) expect(screen.queryByTestId(id)).toBeNull();
  });
});

describe('routes and lists', () => {
  it('opens the escalation a reminder notification points at (popup.html#/escalation/<id>)', async () => {
    const detail = detailFor({ id: 'esc_notified', requestedAt: minutesAgo(70), severity: 'S2' });
    window.history.replaceState(null, '', '#/escalation/esc_notified');
    const bg = fakeBackground({ 'escalation.get': () => ok(detail) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    expect((await screen.findByTestId('escalation-detail')).dataset.escalationId).toBe('esc_notified');
    expect(screen.getByTestId('decision-clock').textContent).toContain('overdue by 10 min');
    expect(bg.sent.some((m) => m.type === 'queue.get')).toBe(false);
  });

  it('shows approved escalations with the customer update due or overdue', async () => {
    const late = buildEscalation({ id: 'esc_progress1', requestedAt: minutesAgo(200), steps: ['approve'] }).escalation; // hourly updates, approved 170 min ago
    window.history.replaceState(null, '', '#/in-progress');
    const bg = fakeBackground({ 'inProgress.get': () => ok({ items: [late] }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    const item = await screen.findByTestId('in-progress-item');
    expect(item.textContent).toContain('Customer update overdue by 1 h 50 min');
    expect(item.textContent).toContain('Follow-ups 0/1 done');
  });

  it('filters the history and pages back with `before`', async () => {
    const page1 = Array.from({ length: 50 }, (_, i) => buildEscalation({ id: `esc_hist${String(i).padStart(4, '0')}`, requestedAt: minutesAgo(1000 + i), steps: ['decline'] }).escalation);
    const older = [buildEscalation({ id: 'esc_histold1', requestedAt: minutesAgo(5000), steps: ['withdraw'] }).escalation];
    window.history.replaceState(null, '', '#/history');
    const bg = fakeBackground({ 'history.get': (m) => ok({ items: (m as { before?: string }).before ? older : page1 }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    await waitFor(() => expect(screen.getAllByTestId('history-item')).toHaveLength(50));
    fireEvent.click(screen.getByTestId('history-older'));
    await waitFor(() => expect(screen.getAllByTestId('history-item')).toHaveLength(51));
    expect(bg.sent.filter((m) => m.type === 'history.get').at(-1)).toEqual({ type: 'history.get', before: page1.at(-1)!.updatedAt });

    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'declined' } });
    await waitFor(() => expect(bg.sent.filter((m) => m.type === 'history.get').at(-1)).toEqual({ type: 'history.get', states: ['declined'] }));
    fireEvent.input(screen.getByLabelText(/Search/), { target: { value: 'checkout' } });
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => expect(bg.sent.filter((m) => m.type === 'history.get').at(-1)).toEqual({ type: 'history.get', states: ['declined'], text: 'checkout' }));
  });

  it('shows the background’s error instead of an empty queue', async () => {
    const bg = fakeBackground({ 'queue.get': () => ({ ok: false, error: { code: 'storage-error', message: 'The browser’s storage is full.' } }) });
    render(<PopupApp send={bg.send} subscribe={bg.subscribe} clock={clock} />);
    expect((await screen.findByTestId('popup-error')).textContent).toContain('The browser’s storage is full.');
  });
});


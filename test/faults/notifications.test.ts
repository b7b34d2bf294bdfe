// Fault suite: script payloads in a ticket's subject and the agent's reason reach the manager's notifications as
// plain text. chrome.notifications has no markup at all (title and message are shown as text by the browser), so
// the right thing is to pass the strings literally: escaped entities would show up as "&lt;" on screen. This checks
// what the background hands to notifications.create for the request and for the overdue reminder.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestFor, snapshotFor } from '../builders';
import { startFaultBackground, tabSender } from './background';

const SUBJECT = 'Refund <img src=x onerror="window.__xss=1">';
const REASON = 'Customer wrote <script>window.__xss=2</script> and <a href="javascript:window.__xss=3">click</a>';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('notifications about a ticket carrying script payloads', () => {
  it('are basic (plain-text) notifications whose title and message carry the payload literally', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const b = await startFaultBackground('notifications');
    await b.data({ type: 'escalation.request', snapshot: snapshotFor({ subject: SUBJECT }), request: requestFor({ reason: REASON }) }, tabSender());
    // Long past the decision deadline: the overdue reminder fires too.
    b.setNow(new Date('2026-12-31T09:00:00Z'));
    await b.bg.reminders.checkReminders();

    const calls = (create.mock.calls as unknown as Array<[string, Record<string, unknown>]>).map(([id, options]) => ({ id, options }));
    const request = calls.find((c) => c.id.startsWith('request:'));
    const overdue = calls.find((c) => !c.id.startsWith('request:'));
    expect(request, 'request notification').toBeDefined();
    expect(overdue, 'overdue reminder').toBeDefined();
    for (const { options } of [request!, overdue!]) {
      expect(options.type).toBe('basic');
      expect(Object.keys(options).sort()).toEqual(['iconUrl', 'message', 'title', 'type']); // no HTML-capable fields
      expect(typeof options.title).toBe('string');
      expect(options.message).toContain(SUBJECT);
      expect(String(options.message)).not.toContain('&lt;');
    }
    expect(request!.options.message).toContain('<script>window.__xss=2</script>');
  });
});

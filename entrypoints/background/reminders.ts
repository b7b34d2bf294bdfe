// The toolbar badge, notifications and alarms. Alarms survive the service worker being stopped; what was already
// notified is remembered in storage, so a restart neither loses nor repeats a reminder.
import type { Browser } from 'webextension-polyfill';
import { isCustomerUpdateOverdue, isDecisionOverdue } from '../../core/clocks';
import { coalesced } from '../../core/coalesce';
import type { ManagedKey } from '../../core/managed';
import type { Escalation } from '../../core/schemas';
import type { Settings } from '../../core/settings';
import type { EscalationDb } from '../../core/store/db';
import { Outbox } from '../../core/store/outbox';
import type { EscalationRepository } from '../../core/store/repository';

export const REMINDER_ALARM = 'escalation-desk.reminders';
export const OUTBOX_ALARM = 'escalation-desk.outbox';
const NOTIFIED_KEY = 'notifiedReminders';
export const BADGE_COLOURS = { normal: '#2563eb', overdue: '#dc2626' } as const;

interface Deps {
  readonly browser: Browser;
  readonly db: EscalationDb;
  readonly repo: EscalationRepository;
  readonly now: () => Date;
  readonly settings: () => Promise<{ settings: Settings; locked: readonly ManagedKey[] }>;
  readonly broadcastOutbox: () => Promise<void>;
}

export function createReminders(deps: Deps) {
  const { browser } = deps;
  const { repo } = deps;
  const outbox = new Outbox(deps.db);
  const icon = browser.runtime.getURL('/icon/128.png');

  async function notify(id: string, title: string, message: string): Promise<void> {
    await browser.notifications.create(id, { type: 'basic', iconUrl: icon, title, message: message.slice(0, 300) }).catch(() => undefined);
  }

  async function notified(): Promise<Record<string, string>> {
    const stored = await browser.storage.local.get(NOTIFIED_KEY).catch(() => ({}) as Record<string, unknown>);
    const value = (stored as Record<string, unknown>)[NOTIFIED_KEY];
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  }

  // What this worker last told the browser: a refresh that would change nothing makes no browser call (every
  // command refreshes, and each call is a round trip to the browser process). A new worker starts empty.
  let shown: { text: string | null; color: string | null; title: string | null } | null = null;
  let reminderAlarmSeen = false;
  let outboxAlarmAt: number | null = null;

  /** Badge count and colour, the reminder alarm, and the outbox alarm at the next due write-back. */
  async function refreshNow(): Promise<void> {
    const now = deps.now();
    const { count, overdue } = await repo.countAwaitingDecision(now);
    const badge = {
      text: count > 0 ? String(count) : '',
      color: overdue > 0 ? BADGE_COLOURS.overdue : BADGE_COLOURS.normal,
      title: count === 0 ? 'Escalation Desk: nothing awaits a decision' : `Escalation Desk: ${count} awaiting decision${overdue ? `, ${overdue} overdue` : ''}`,
    };
    // A call that failed is remembered as not made, so the next refresh tries again.
    const done = (call: Promise<void>) => call.then(() => true, () => false);
    const text = shown?.text === badge.text || (await done(browser.action.setBadgeText({ text: badge.text })));
    const color = shown?.color === badge.color || (await done(browser.action.setBadgeBackgroundColor({ color: badge.color })));
    const title = shown?.title === badge.title || (await done(browser.action.setTitle({ title: badge.title })));
    shown = { text: text ? badge.text : null, color: color ? badge.color : null, title: title ? badge.title : null };
    if (!reminderAlarmSeen) {
      const existing = await browser.alarms.get(REMINDER_ALARM).catch(() => undefined);
      if (!existing) await browser.alarms.create(REMINDER_ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
      reminderAlarmSeen = true;
    }
    const nextDue = await outbox.nextDueAt();
    if (nextDue) {
      const when = Math.max(Date.parse(nextDue), now.getTime() + 1000);
      // An alarm still ahead at the same time is left as it is (one that fired was due, so `when` moved on).
      if (when !== outboxAlarmAt) {
        await browser.alarms.create(OUTBOX_ALARM, { when });
        outboxAlarmAt = when;
      }
    }
  }

  // One refresh at a time; refreshes asked for meanwhile (a burst of commands) collapse into one more after it.
  const refresh = coalesced(refreshNow);

  async function checkReminders(): Promise<void> {
    const now = deps.now();
    const seen = await notified();
    const next: Record<string, string> = {};
    const pending = await repo.pendingQueue(500);
    for (const escalation of pending) {
      if (!isDecisionOverdue(escalation, now)) continue;
      const key = `decision:${escalation.id}`;
      next[key] = escalation.decisionDueAt;
      if (seen[key] !== escalation.decisionDueAt) await notify(key, 'Escalation decision overdue', `${escalation.request.severity} · ${escalation.subject} — waiting since ${escalation.requestedAt.slice(11, 16)} UTC`);
    }
    for (const escalation of await repo.inProgress(500)) {
      if (!isCustomerUpdateOverdue(escalation, now) || !escalation.nextCustomerUpdateDueAt) continue;
      const key = `update:${escalation.id}`;
      next[key] = escalation.nextCustomerUpdateDueAt;
      if (seen[key] !== escalation.nextCustomerUpdateDueAt) await notify(key, 'Customer update due', `The customer of "${escalation.subject}" is owed an update.`);
    }
    await browser.storage.local.set({ [NOTIFIED_KEY]: next }).catch(() => undefined);
  }

  return {
    refresh,
    checkReminders,
    async notifyRequested(escalation: Escalation): Promise<void> {
      await notify(`request:${escalation.id}`, `Escalation requested (${escalation.request.severity})`, `${escalation.subject} — ${escalation.request.reason}`);
    },
    async onAlarm(name: string): Promise<void> {
      if (name === REMINDER_ALARM) {
        await refresh();
        await checkReminders();
      } else if (name === OUTBOX_ALARM) {
        await deps.broadcastOutbox();
        await refresh();
      }
    },
    /** Clicking a notification opens the right place: the popup's detail, or the ticket for an update. */
    async onNotificationClicked(id: string): Promise<void> {
      const [kind, escalationId] = id.split(':');
      if (!escalationId) return;
      if (kind === 'update') {
        const escalation = await repo.get(escalationId);
        if (escalation) {
          await browser.tabs.create({ url: escalation.ticket.url });
          return;
        }
      }
      await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html#/escalation/${escalationId}`) });
    },
  };
}

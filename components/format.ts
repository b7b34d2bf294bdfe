// Time and wording helpers shared by the panel, the popup and the options page.
import type { Escalation } from '../core/schemas';

export function minutesBetween(fromIso: string, to: Date): number {
  return Math.round((to.getTime() - Date.parse(fromIso)) / 60_000);
}

/** "45 min", "3 h 10 min", "2 d 4 h". */
export function duration(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const days = Math.floor(m / (24 * 60));
  const hours = Math.floor((m % (24 * 60)) / 60);
  return `${days} d${hours ? ` ${hours} h` : ''}`;
}

/** "in 12 min" / "12 min ago" / "overdue by 5 min" relative to now. */
export function dueWords(dueIso: string, now: Date): { text: string; overdue: boolean } {
  const minutes = Math.round((Date.parse(dueIso) - now.getTime()) / 60_000);
  return minutes >= 0 ? { text: `due in ${duration(minutes)}`, overdue: false } : { text: `overdue by ${duration(-minutes)}`, overdue: true };
}

export function clockTime(iso: string): string {
  const date = new Date(iso);
  return date.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export const STATE_LABELS: Record<Escalation['state'], string> = {
  requested: 'Under investigation, awaiting manager decision',
  approved: 'Escalation approved',
  declined: 'Escalation not approved',
  resolved: 'Escalation resolved',
  closed: 'Escalation closed',
  withdrawn: 'Escalation withdrawn',
};

export const IMPACT_LABELS = {
  'single-user': 'One user',
  team: 'A team at the customer',
  'many-customers': 'Many customers',
  'all-customers': 'All customers',
} as const;

export const RISK_LABELS = {
  churn: 'Churn',
  legal: 'Legal',
  revenue: 'Revenue',
  security: 'Security',
  reputation: 'Reputation',
  'contract-sla': 'Contractual SLA',
} as const;

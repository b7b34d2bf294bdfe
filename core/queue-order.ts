// The manager's queue order, most urgent first: decisions already overdue, then the ticket closest to (or furthest
// past) its SLA breach, then the highest severity. Pure, so the background (which answers the queue's first page
// most urgent first), the popup and its tests agree on what "urgent" means.
import type { Escalation, Severity, SlaSnapshot } from './schemas';

const MINUTE_MS = 60_000;
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { S1: 0, S2: 1, S3: 2, S4: 3 };

/** What the order reads of an escalation (a whole record or a queue row). */
export type Urgent = Pick<Escalation, 'id' | 'decisionDueAt' | 'sla'> & { readonly request: Pick<Escalation['request'], 'severity'> };

/**
 * Minutes from `now` to the ticket's nearest unmet SLA due time (negative once breached), or null when the ticket
 * has no SLA clock. The snapshot was taken at request time, so its due times are what count now; when it carries
 * only `minutesToBreach`, that figure is moved on by the time elapsed since it was captured.
 */
export function minutesToBreachNow(sla: SlaSnapshot, now: Date): number | null {
  const due = [sla.firstResponseDueAt, sla.resolutionDueAt].filter((d): d is string => d !== null).map((d) => Date.parse(d));
  const valid = due.filter((ms) => Number.isFinite(ms));
  if (valid.length > 0) return Math.floor((Math.min(...valid) - now.getTime()) / MINUTE_MS);
  if (sla.minutesToBreach === null) return null;
  const elapsed = Math.floor((now.getTime() - Date.parse(sla.capturedAt)) / MINUTE_MS);
  return Number.isFinite(elapsed) ? sla.minutesToBreach - elapsed : sla.minutesToBreach;
}

/** Past its decision due time (the decision SLA) and still undecided. */
export function isDecisionOverdueAt(escalation: Pick<Escalation, 'decisionDueAt'>, now: Date): boolean {
  return now.getTime() > Date.parse(escalation.decisionDueAt);
}

export interface Urgency {
  readonly overdue: boolean;
  readonly minutesToBreach: number | null;
  readonly severity: Severity;
}

export function urgencyOf(escalation: Omit<Urgent, 'id'>, now: Date): Urgency {
  return { overdue: isDecisionOverdueAt(escalation, now), minutesToBreach: minutesToBreachNow(escalation.sla, now), severity: escalation.request.severity };
}

/** Negative when `a` is more urgent than `b`. Ties fall back to the earlier decision due time, then the id. */
export function compareUrgency(
  a: Urgent,
  b: Urgent,
  now: Date,
): number {
  const ua = urgencyOf(a, now);
  const ub = urgencyOf(b, now);
  if (ua.overdue !== ub.overdue) return ua.overdue ? -1 : 1;
  // A ticket with no SLA clock is the least pressing on this criterion.
  const ba = ua.minutesToBreach ?? Number.POSITIVE_INFINITY;
  const bb = ub.minutesToBreach ?? Number.POSITIVE_INFINITY;
  if (ba !== bb) return ba < bb ? -1 : 1;
  const sa = SEVERITY_RANK[ua.severity];
  const sb = SEVERITY_RANK[ub.severity];
  if (sa !== sb) return sa - sb;
  const da = Date.parse(a.decisionDueAt);
  const db = Date.parse(b.decisionDueAt);
  if (da !== db) return da - db;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy; the input is not touched. */
export function orderQueue<T extends { readonly escalation: Urgent }>(items: readonly T[], now: Date): T[] {
  return [...items].sort((a, b) => compareUrgency(a.escalation, b.escalation, now));
}

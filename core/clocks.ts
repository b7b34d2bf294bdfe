// The process's clocks: ticket SLA due times, the decision SLA and the customer-update cadence, optionally counted
// in business hours (an IANA time zone read through Intl, so DST and weekends fall where the team's clock says).
import type { BusinessHours, Policy, SlaTargets } from './policy';
import type { Escalation, PriorityLevel, Severity, SlaSnapshot } from './schemas';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

// ---------------------------------------------------------------------------------------------------------------
// Local time in a time zone

interface LocalTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  /** 0 = Sunday ... 6 = Saturday, like BusinessHours.days. */
  weekday: number;
  /** The local wall-clock time read as if it were UTC, to the second: lets us do arithmetic on wall times. */
  wallMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`The business hours name an unknown time zone "${timeZone}".`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when this runtime knows the IANA time zone (for validating an admin's input). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function localTime(instantMs: number, timeZone: string): LocalTime {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const year = values.year ?? NaN;
  const month = values.month ?? NaN;
  const day = values.day ?? NaN;
  const hour = (values.hour ?? NaN) % 24; // some engines still say "24" for midnight
  const wallMs = Date.UTC(year, month - 1, day, hour, values.minute ?? NaN, values.second ?? NaN);
  if (!Number.isFinite(wallMs)) throw new Error(`Could not read the local time in ${timeZone}.`);
  return { year, month, day, hour, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), wallMs };
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(instantMs: number, timeZone: string): number {
  const wholeSecond = instantMs - (((instantMs % SECOND_MS) + SECOND_MS) % SECOND_MS);
  return localTime(instantMs, timeZone).wallMs - wholeSecond;
}

/**
 * The instant at which the zone's clock reads `wallMs` (a wall time as if UTC), near `referenceMs`.
 * A wall time that happens twice (clocks going back) gives the first; one that never happens (clocks jumping
 * forward over it) gives the moment of the jump, when the clock passes it.
 */
function instantAtWall(wallMs: number, referenceMs: number, timeZone: string): number {
  const referenceOffset = offsetAt(referenceMs, timeZone);
  const first = wallMs - referenceOffset;
  const offsetThere = offsetAt(first, timeZone);
  if (offsetThere === referenceOffset) return first;
  // The offset changed between the reference and the target.
  const second = wallMs - offsetThere;
  if (localTime(second, timeZone).wallMs === wallMs) return second;
  // The wall time falls in a gap: find the jump between the two candidates (the clock reads before the wall time
  // at the earlier one and after it at the later one).
  let before = Math.min(first, second);
  let after = Math.max(first, second);
  while (after - before > SECOND_MS) {
    const middle = before + Math.floor((after - before) / 2 / SECOND_MS) * SECOND_MS;
    if (localTime(middle, timeZone).wallMs >= wallMs) after = middle;
    else before = middle;
  }
  return after;
}

// ---------------------------------------------------------------------------------------------------------------
// Working time

/**
 * `start` plus `minutes`, counting only minutes inside the business hours (in their time zone), or every minute
 * when `hours` is null (24/7). A clock started outside business hours starts at the next opening; a due time that
 * lands exactly on closing time stays there rather than moving to the next morning.
 */
export function addWorkingMinutes(start: Date, minutes: number, hours: BusinessHours | null): Date {
  const startMs = start.getTime();
  if (!Number.isFinite(startMs)) throw new RangeError('addWorkingMinutes needs a valid start time.');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Cannot add ${minutes} working minutes.`);
  if (hours === null || minutes === 0) return new Date(startMs + minutes * MINUTE_MS);
  if (hours.days.length === 0 || hours.endHour <= hours.startHour) {
    throw new RangeError('The business hours have no open time (no days, or they end before they start).');
  }

  const { timeZone, startHour, endHour } = hours;
  const openDays = new Set(hours.days);
  const isOpen = (local: LocalTime) => openDays.has(local.weekday) && local.hour >= startHour && local.hour < endHour;

  /** The first opening strictly after `t` (within the next week: at least one day is open). */
  const nextOpening = (t: number, local: LocalTime): number => {
    for (let daysAhead = 0; daysAhead <= 8; daysAhead++) {
      const date = Date.UTC(local.year, local.month - 1, local.day + daysAhead);
      if (!openDays.has(new Date(date).getUTCDay())) continue;
      const opensAt = instantAtWall(date + startHour * 60 * MINUTE_MS, t, timeZone);
      if (opensAt > t) return opensAt;
    }
    throw new Error('addWorkingMinutes found no opening in the next week.');
  };

  let t = startMs;
  let remainingMs = minutes * MINUTE_MS;
  // Each pass consumes one opening period or skips one closed period; the bound only guards against a bug.
  for (let pass = 0; pass < 1_000_000; pass++) {
    const local = localTime(t, timeZone);
    if (!isOpen(local)) {
      t = nextOpening(t, local);
      continue;
    }
    const closesAt = instantAtWall(Date.UTC(local.year, local.month - 1, local.day, endHour), t, timeZone);
    if (closesAt <= t) {
      // Cannot happen with real zones; move on rather than loop.
      t = nextOpening(t, local);
      continue;
    }
    const availableMs = closesAt - t;
    if (remainingMs <= availableMs) return new Date(t + remainingMs);
    remainingMs -= availableMs;
    t = closesAt;
  }
  throw new Error('addWorkingMinutes did not finish.');
}

/** Whole minutes from `now` until `dueIso`, rounded down: 0 means under a minute left, negative means past due. */
export function minutesUntil(dueIso: string, now: Date): number {
  const dueMs = Date.parse(dueIso);
  const nowMs = now.getTime();
  if (!Number.isFinite(dueMs)) throw new RangeError(`"${dueIso}" is not a time.`);
  if (!Number.isFinite(nowMs)) throw new RangeError('minutesUntil needs a valid current time.');
  return Math.floor((dueMs - nowMs) / MINUTE_MS) + 0; // + 0 turns -0 into 0
}

/** "45 minutes", "3 hours 5 minutes", "2 days 4 hours": for messages about how far a due time is. */
export function describeMinutes(minutes: number): string {
  const total = Math.abs(Math.round(minutes));
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  const mins = total % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return mins > 0 ? `${unit(hours, 'hour')} ${unit(mins, 'minute')}` : unit(hours, 'hour');
  return unit(mins, 'minute');
}

// ---------------------------------------------------------------------------------------------------------------
// The ticket's SLA

function parseTime(iso: string | null): Date | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/**
 * The ticket's SLA as it stands at `now`: due times from the priority's targets, counted from the ticket's
 * creation (in business hours when the policy has them). The first response is met once an agent replied.
 * `minutesToBreach` is wall-clock minutes to the nearest unmet due time (negative once breached), or null when
 * the priority or creation time is unknown.
 */
export function slaSnapshot(
  ticket: { priority: PriorityLevel | null; createdAt: string | null; firstAgentReplyAt: string | null },
  policy: Policy,
  now: Date,
): SlaSnapshot {
  const createdAt = parseTime(ticket.createdAt);
  const capturedAt = now.toISOString();
  if (ticket.priority === null || createdAt === null) {
    return {
      ticketPriority: ticket.priority,
      ticketCreatedAt: createdAt === null ? null : ticket.createdAt,
      firstResponseDueAt: null,
      resolutionDueAt: null,
      minutesToBreach: null,
      capturedAt,
    };
  }
  const targets = policy.slaTargets[ticket.priority];
  const firstResponseDueAt =
    ticket.firstAgentReplyAt === null
      ? addWorkingMinutes(createdAt, targets.firstResponseMinutes, policy.businessHours).toISOString()
      : null;
  const resolutionDueAt = addWorkingMinutes(createdAt, targets.resolutionMinutes, policy.businessHours).toISOString();
  const unmet = [firstResponseDueAt, resolutionDueAt].filter((due): due is string => due !== null);
  return {
    ticketPriority: ticket.priority,
    ticketCreatedAt: ticket.createdAt,
    firstResponseDueAt,
    resolutionDueAt,
    minutesToBreach: Math.min(...unmet.map((due) => minutesUntil(due, now))),
    capturedAt,
  };
}

/** The tighter SLA targets that apply to the ticket once its escalation is approved. */
export function approvedSlaTargets(priority: PriorityLevel, policy: Policy): SlaTargets {
  return { ...policy.approvedSlaTargets[priority] };
}

// ---------------------------------------------------------------------------------------------------------------
// The escalation's own clocks

/** When the manager's decision is due: the decision SLA for the severity, from the request. */
export function decisionDueAt(severity: Severity, requestedAt: Date, policy: Policy): Date {
  return addWorkingMinutes(requestedAt, policy.decisionSlaMinutes[severity], policy.businessHours);
}

/** When the customer is next owed an update on an approved escalation. */
export function nextCustomerUpdateDueAt(from: Date, cadenceMinutes: number, policy: Policy): Date {
  return addWorkingMinutes(from, cadenceMinutes, policy.businessHours);
}

/** A request still waiting for a decision after its decision due time. */
export function isDecisionOverdue(escalation: Escalation, now: Date): boolean {
  return escalation.state === 'requested' && now.getTime() > Date.parse(escalation.decisionDueAt);
}

/** An approved escalation whose customer update is past due. */
export function isCustomerUpdateOverdue(escalation: Escalation, now: Date): boolean {
  return (
    escalation.state === 'approved' &&
    escalation.nextCustomerUpdateDueAt !== null &&
    now.getTime() > Date.parse(escalation.nextCustomerUpdateDueAt)
  );
}

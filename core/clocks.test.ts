import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  approvedSlaTargets,
  decisionDueAt,
  describeMinutes,
  isCustomerUpdateOverdue,
  isDecisionOverdue,
  isKnownTimeZone,
  minutesUntil,
  nextCustomerUpdateDueAt,
  slaSnapshot,
} from './clocks';
import { DEFAULT_POLICY, type BusinessHours, type Policy } from './policy';
import { Escalation, SlaSnapshot } from './schemas';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

/** Monday to Friday, 9:00 to 17:00 in Berlin. */
const BERLIN_OFFICE: BusinessHours = { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const withHours = (businessHours: BusinessHours | null): Policy => ({ ...DEFAULT_POLICY, businessHours });

describe('addWorkingMinutes around the clock (no business hours)', () => {
  it('adds plain minutes', () => {
    expect(iso(addWorkingMinutes(at('2026-03-28T23:50:00Z'), 30, null))).toBe('2026-03-29T00:20:00.000Z');
  });

  it('adding nothing returns the same time, as a new Date', () => {
    const start = at('2026-05-04T10:00:00Z');
    const due = addWorkingMinutes(start, 0, BERLIN_OFFICE);
    expect(due).not.toBe(start);
    expect(iso(due)).toBe(iso(start));
  });

  it('refuses negative or non-finite minutes and invalid start times', () => {
    expect(() => addWorkingMinutes(at('2026-05-04T10:00:00Z'), -1, null)).toThrow(RangeError);
    expect(() => addWorkingMinutes(at('2026-05-04T10:00:00Z'), Number.NaN, null)).toThrow(RangeError);
    expect(() => addWorkingMinutes(new Date(Number.NaN), 5, null)).toThrow(RangeError);
  });
});

describe('addWorkingMinutes in business hours (Europe/Berlin, Mon-Fri 9-17)', () => {
  it('counts inside the same working day', () => {
    // Monday 10:00 CEST = 08:00Z
    expect(iso(addWorkingMinutes(at('2026-05-04T08:00:00Z'), 90, BERLIN_OFFICE))).toBe('2026-05-04T09:30:00.000Z');
  });

  it('a clock started before opening starts at 9:00', () => {
    // Monday 07:00 CEST -> starts 09:00 CEST, +15 -> 09:15 CEST = 07:15Z
    expect(iso(addWorkingMinutes(at('2026-05-04T05:00:00Z'), 15, BERLIN_OFFICE))).toBe('2026-05-04T07:15:00.000Z');
  });

  it('a due time that lands exactly on closing time stays at 17:00', () => {
    // Monday 09:00 CEST + 8 hours -> Monday 17:00 CEST = 15:00Z
    expect(iso(addWorkingMinutes(at('2026-05-04T07:00:00Z'), 480, BERLIN_OFFICE))).toBe('2026-05-04T15:00:00.000Z');
  });

  it('carries over the weekend: Friday 16:30 + 1 hour is Monday 9:30', () => {
    // Friday 16:30 CEST = 14:30Z; Monday 09:30 CEST = 07:30Z
    expect(iso(addWorkingMinutes(at('2026-05-08T14:30:00Z'), 60, BERLIN_OFFICE))).toBe('2026-05-11T07:30:00.000Z');
  });

  it('a clock started on Saturday starts on Monday morning', () => {
    expect(iso(addWorkingMinutes(at('2026-05-09T12:00:00Z'), 30, BERLIN_OFFICE))).toBe('2026-05-11T07:30:00.000Z');
  });

  it('a clock started after closing starts the next working morning', () => {
    // Tuesday 18:00 CEST -> Wednesday 09:00 + 60 -> 10:00 CEST = 08:00Z
    expect(iso(addWorkingMinutes(at('2026-05-05T16:00:00Z'), 60, BERLIN_OFFICE))).toBe('2026-05-06T08:00:00.000Z');
  });

  it('spans several working days', () => {
    // Monday 09:00 CEST + 3 working days (24 h of office time) -> Wednesday 17:00 CEST
    expect(iso(addWorkingMinutes(at('2026-05-04T07:00:00Z'), 3 * 480, BERLIN_OFFICE))).toBe('2026-05-06T15:00:00.000Z');
  });

  it('spring forward: Friday 16:00 CET + 2 hours is Monday 10:00 CEST (offset changed over the weekend)', () => {
    // 2026-03-29 is the last Sunday of March: clocks go from 02:00 CET to 03:00 CEST.
    // Friday 16:00 CET = 15:00Z; Monday 10:00 CEST = 08:00Z.
    expect(iso(addWorkingMinutes(at('2026-03-27T15:00:00Z'), 120, BERLIN_OFFICE))).toBe('2026-03-30T08:00:00.000Z');
  });

  it('fall back: Friday 16:00 CEST + 2 hours is Monday 10:00 CET', () => {
    // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET. Friday 16:00 CEST = 14:00Z; Monday 10:00 CET = 09:00Z.
    expect(iso(addWorkingMinutes(at('2026-10-23T14:00:00Z'), 120, BERLIN_OFFICE))).toBe('2026-10-26T09:00:00.000Z');
  });

  it('the hour skipped in spring does not count: 01:00-04:00 on the DST day lasts 2 real hours', () => {
    const night: BusinessHours = { timeZone: 'Europe/Berlin', days: EVERY_DAY, startHour: 1, endHour: 4 };
    // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z (2 hours); the third hour is the next night, 01:00-02:00 CEST.
    expect(iso(addWorkingMinutes(at('2026-03-29T00:00:00Z'), 120, night))).toBe('2026-03-29T02:00:00.000Z');
    expect(iso(addWorkingMinutes(at('2026-03-29T00:00:00Z'), 180, night))).toBe('2026-03-30T00:00:00.000Z');
  });

  it('the hour repeated in autumn counts twice: 02:00-03:00 on the DST day lasts 2 real hours', () => {
    const oneHour: BusinessHours = { timeZone: 'Europe/Berlin', days: EVERY_DAY, startHour: 2, endHour: 3 };
    // 02:00 CEST = 00:00Z, the local clock shows 02:xx until 03:00 CET = 02:00Z.
    expect(iso(addWorkingMinutes(at('2026-10-25T00:00:00Z'), 120, oneHour))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('an opening hour that does not exist on the DST day opens when the clocks jump', () => {
    const early: BusinessHours = { timeZone: 'Europe/Berlin', days: EVERY_DAY, startHour: 2, endHour: 5 };
    // Saturday 05:00 CET (closed) -> Sunday "02:00" never happens; the office opens at 03:00 CEST = 01:00Z.
    expect(iso(addWorkingMinutes(at('2026-03-28T04:00:00Z'), 30, early))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('works in other zones: New York and half-hour offsets (Kolkata)', () => {
    const newYork: BusinessHours = { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };
    // Friday 2026-03-06 16:00 EST = 21:00Z; US DST starts Sunday 2026-03-08; Monday 10:00 EDT = 14:00Z
    expect(iso(addWorkingMinutes(at('2026-03-06T21:00:00Z'), 120, newYork))).toBe('2026-03-09T14:00:00.000Z');
    const kolkata: BusinessHours = { timeZone: 'Asia/Kolkata', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 18 };
    // Monday 2026-05-04 08:00 IST = 02:30Z -> 09:00 IST + 45 = 09:45 IST = 04:15Z
    expect(iso(addWorkingMinutes(at('2026-05-04T02:30:00Z'), 45, kolkata))).toBe('2026-05-04T04:15:00.000Z');
  });

  it('an unknown time zone is a clear error', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => addWorkingMinutes(at('2026-05-04T08:00:00Z'), 5, { ...BERLIN_OFFICE, timeZone: 'Mars/Olympus_Mons' })).toThrow(
      /unknown time zone/,
    );
  });

  it('agrees with counting minute by minute, around both DST changes (property)', () => {
    // An independent reading of the local time: weekday and hour only, through a different formatter.
    const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hourCycle: 'h23', hour: 'numeric', weekday: 'short' });
    const berlinHour = (ms: number) => {
      const parts = berlin.formatToParts(new Date(ms));
      const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.find((p) => p.type === 'weekday')!.value);
      return { weekday, hour: Number(parts.find((p) => p.type === 'hour')!.value) };
    };
    const bruteForce = (startMs: number, minutes: number, hours: BusinessHours) => {
      let t = startMs;
      let remaining = minutes;
      while (remaining > 0) {
        const { weekday, hour } = berlinHour(t);
        if (hours.days.includes(weekday) && hour >= hours.startHour && hour < hours.endHour) remaining--;
        t += 60_000;
      }
      return t;
    };
    const dstChanges = [Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-10-25T01:00:00Z')];
    const hoursArb = fc
      .record({
        days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 7 }),
        startHour: fc.integer({ min: 0, max: 10 }),
        length: fc.integer({ min: 3, max: 14 }),
      })
      .map(({ days, startHour, length }): BusinessHours => ({ timeZone: 'Europe/Berlin', days, startHour, endHour: startHour + length }));
    fc.assert(
      fc.property(
        fc.constantFrom(...dstChanges),
        fc.integer({ min: -2 * 24 * 60, max: 24 * 60 }),
        fc.integer({ min: 0, max: 900 }),
        hoursArb,
        (change, offsetMinutes, minutes, hours) => {
          const startMs = change + offsetMinutes * 60_000;
          expect(addWorkingMinutes(new Date(startMs), minutes, hours).getTime()).toBe(bruteForce(startMs, minutes, hours));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('adding in two steps equals adding at once (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        (start, first, second) => {
          const once = addWorkingMinutes(start, first + second, BERLIN_OFFICE);
          const twice = addWorkingMinutes(addWorkingMinutes(start, first, BERLIN_OFFICE), second, BERLIN_OFFICE);
          expect(iso(twice)).toBe(iso(once));
          // Working minutes never run faster than the wall clock.
          expect(once.getTime()).toBeGreaterThanOrEqual(start.getTime() + (first + second) * 60_000);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('minutesUntil and describeMinutes', () => {
  it('is positive before, zero in the last minute, negative after', () => {
    const now = at('2026-05-04T10:00:00Z');
    expect(minutesUntil('2026-05-04T10:45:00Z', now)).toBe(45);
    expect(minutesUntil('2026-05-04T10:00:30Z', now)).toBe(0);
    expect(minutesUntil('2026-05-04T10:00:00Z', now)).toBe(0);
    expect(minutesUntil('2026-05-04T09:59:30Z', now)).toBe(-1);
    expect(minutesUntil('2026-05-04T09:00:00Z', now)).toBe(-60);
    expect(minutesUntil('2026-05-04T12:00:00+02:00', now)).toBe(0);
  });

  it('refuses a due time that is not a time', () => {
    expect(() => minutesUntil('soon', at('2026-05-04T10:00:00Z'))).toThrow(RangeError);
  });

  it('describes durations in words', () => {
    expect(describeMinutes(1)).toBe('1 minute');
    expect(describeMinutes(45)).toBe('45 minutes');
    expect(describeMinutes(60)).toBe('1 hour');
    expect(describeMinutes(185)).toBe('3 hours 5 minutes');
    expect(describeMinutes(2 * 1440 + 240)).toBe('2 days 4 hours');
    expect(describeMinutes(-90)).toBe('1 hour 30 minutes');
  });
});

describe('slaSnapshot', () => {
  const now = at('2026-05-04T10:00:00Z');

  it('an urgent ticket created 20 minutes ago has its first response due in 10 minutes', () => {
    const sla = slaSnapshot({ priority: 'urgent', createdAt: '2026-05-04T09:40:00Z', firstAgentReplyAt: null }, DEFAULT_POLICY, now);
    expect(SlaSnapshot.parse(sla)).toEqual(sla);
    expect(sla).toEqual({
      ticketPriority: 'urgent',
      ticketCreatedAt: '2026-05-04T09:40:00Z',
      firstResponseDueAt: '2026-05-04T10:10:00.000Z',
      resolutionDueAt: '2026-05-04T17:40:00.000Z',
      minutesToBreach: 10,
      capturedAt: '2026-05-04T10:00:00.000Z',
    });
  });

  it('once an agent replied, only the resolution clock runs', () => {
    const sla = slaSnapshot(
      { priority: 'urgent', createdAt: '2026-05-04T09:40:00Z', firstAgentReplyAt: '2026-05-04T09:45:00Z' },
      DEFAULT_POLICY,
      now,
    );
    expect(sla.firstResponseDueAt).toBeNull();
    expect(sla.minutesToBreach).toBe(460);
  });

  it('a breached first response makes minutesToBreach negative', () => {
    const sla = slaSnapshot({ priority: 'high', createdAt: '2026-05-04T07:00:00Z', firstAgentReplyAt: null }, DEFAULT_POLICY, now);
    expect(sla.firstResponseDueAt).toBe('2026-05-04T09:00:00.000Z');
    expect(sla.minutesToBreach).toBe(-60);
  });

  it('no clock applies when the priority or the creation time is unknown', () => {
    const noPriority = slaSnapshot({ priority: null, createdAt: '2026-05-04T09:40:00Z', firstAgentReplyAt: null }, DEFAULT_POLICY, now);
    expect(noPriority).toMatchObject({ ticketPriority: null, firstResponseDueAt: null, resolutionDueAt: null, minutesToBreach: null });
    const noCreation = slaSnapshot({ priority: 'low', createdAt: null, firstAgentReplyAt: null }, DEFAULT_POLICY, now);
    expect(noCreation).toMatchObject({ ticketPriority: 'low', ticketCreatedAt: null, minutesToBreach: null });
    const unreadable = slaSnapshot({ priority: 'low', createdAt: 'yesterday', firstAgentReplyAt: null }, DEFAULT_POLICY, now);
    expect(unreadable).toMatchObject({ ticketCreatedAt: null, minutesToBreach: null });
    expect(SlaSnapshot.safeParse(unreadable).success).toBe(true);
  });

  it('counts in business hours when the policy has them', () => {
    // Created Friday 16:45 CEST (14:45Z), urgent: first response in 30 working minutes -> 15 on Friday, 15 on Monday
    // -> Monday 09:15 CEST = 07:15Z
    const sla = slaSnapshot(
      { priority: 'urgent', createdAt: '2026-05-08T14:45:00Z', firstAgentReplyAt: null },
      withHours(BERLIN_OFFICE),
      at('2026-05-09T10:00:00Z'),
    );
    expect(sla.firstResponseDueAt).toBe('2026-05-11T07:15:00.000Z');
  });
});

describe('decision and customer-update clocks', () => {
  const requestedAt = at('2026-05-04T10:00:00Z');

  it('an S1 request is due for decision 15 minutes later', () => {
    expect(iso(decisionDueAt('S1', requestedAt, DEFAULT_POLICY))).toBe('2026-05-04T10:15:00.000Z');
  });

  it('S2 is due in an hour, S3 in four, S4 in a day', () => {
    expect(iso(decisionDueAt('S2', requestedAt, DEFAULT_POLICY))).toBe('2026-05-04T11:00:00.000Z');
    expect(iso(decisionDueAt('S3', requestedAt, DEFAULT_POLICY))).toBe('2026-05-04T14:00:00.000Z');
    expect(iso(decisionDueAt('S4', requestedAt, DEFAULT_POLICY))).toBe('2026-05-05T10:00:00.000Z');
  });

  it('with business hours, an S4 request on Friday afternoon is due three working days later', () => {
    // Friday 16:00 CEST + 1440 working minutes (3 office days of 8 h) -> 1 h Fri, 8 h Mon, 8 h Tue, 7 h Wed -> Wed 16:00
    expect(iso(decisionDueAt('S4', at('2026-05-08T14:00:00Z'), withHours(BERLIN_OFFICE)))).toBe('2026-05-13T14:00:00.000Z');
  });

  it('the next customer update is due one cadence later', () => {
    expect(iso(nextCustomerUpdateDueAt(requestedAt, 90, DEFAULT_POLICY))).toBe('2026-05-04T11:30:00.000Z');
  });

  it('approved SLA targets are the tighter ones, as a copy', () => {
    const targets = approvedSlaTargets('urgent', DEFAULT_POLICY);
    expect(targets).toEqual({ firstResponseMinutes: 15, nextUpdateMinutes: 60, resolutionMinutes: 240 });
    targets.resolutionMinutes = 1;
    expect(DEFAULT_POLICY.approvedSlaTargets.urgent.resolutionMinutes).toBe(240);
  });

  const escalation = (overrides: Partial<Escalation>): Escalation =>
    ({
      state: 'requested',
      decisionDueAt: '2026-05-04T10:15:00.000Z',
      nextCustomerUpdateDueAt: null,
      ...overrides,
    }) as Escalation;

  it('a decision is overdue only after its due time and only while awaiting a decision', () => {
    expect(isDecisionOverdue(escalation({}), at('2026-05-04T10:15:00Z'))).toBe(false);
    expect(isDecisionOverdue(escalation({}), at('2026-05-04T10:15:01Z'))).toBe(true);
    expect(isDecisionOverdue(escalation({ state: 'withdrawn' }), at('2026-05-04T11:00:00Z'))).toBe(false);
    expect(isDecisionOverdue(escalation({ state: 'approved' }), at('2026-05-04T11:00:00Z'))).toBe(false);
  });

  it('a customer update is overdue only while the escalation is approved', () => {
    const approved = escalation({ state: 'approved', nextCustomerUpdateDueAt: '2026-05-04T11:00:00.000Z' });
    expect(isCustomerUpdateOverdue(approved, at('2026-05-04T10:59:00Z'))).toBe(false);
    expect(isCustomerUpdateOverdue(approved, at('2026-05-04T11:01:00Z'))).toBe(true);
    expect(isCustomerUpdateOverdue({ ...approved, state: 'resolved' }, at('2026-05-04T12:00:00Z'))).toBe(false);
    expect(isCustomerUpdateOverdue(escalation({ state: 'approved' }), at('2026-05-04T12:00:00Z'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { compareUrgency, minutesToBreachNow, orderQueue } from './queue-order';
import { queueItem } from '../components/popup/testing';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe('orderQueue', () => {
  it('puts overdue decisions first, then the nearest SLA breach, then the highest severity', () => {
    // S2 decision SLA is 1 h, S4 is a day: a 2 h old S2 request is overdue, a 2 h old S4 one is not.
    const overdue = queueItem({ id: 'esc_overdue1', requestedAt: minutesAgo(120), severity: 'S2', breachInMinutes: 600 });
    const nearBreach = queueItem({ id: 'esc_nearbreach', requestedAt: minutesAgo(10), severity: 'S4', breachInMinutes: 40 });
    const farBreachS1 = queueItem({ id: 'esc_farbreach', requestedAt: minutesAgo(5), severity: 'S1', breachInMinutes: 300 });
    const sameBreachS3 = queueItem({ id: 'esc_samebrS3', requestedAt: minutesAgo(5), severity: 'S3', breachInMinutes: 300 });
    const noClock = queueItem({ id: 'esc_noclock1', requestedAt: minutesAgo(1), severity: 'S1', breachInMinutes: null });

    const ordered = orderQueue([noClock, sameBreachS3, farBreachS1, nearBreach, overdue], NOW).map((i) => i.escalation.id);
    expect(ordered).toEqual(['esc_overdue1', 'esc_nearbreach', 'esc_farbreach', 'esc_samebrS3', 'esc_noclock1']);
  });

  it('ranks an already breached ticket before one that is about to breach', () => {
    const breached = queueItem({ id: 'esc_breached', requestedAt: minutesAgo(30), severity: 'S4', breachInMinutes: 10 });
    const soon = queueItem({ id: 'esc_soonxxxx', requestedAt: minutesAgo(1), severity: 'S4', breachInMinutes: 5 });
    expect(orderQueue([soon, breached], NOW).map((i) => i.escalation.id)).toEqual(['esc_breached', 'esc_soonxxxx']);
  });

  it('does not change its input and is stable for equal urgency (earlier decision due, then id)', () => {
    const a = queueItem({ id: 'esc_aaaaaa', requestedAt: minutesAgo(5), severity: 'S3', breachInMinutes: 100 });
    const b = queueItem({ id: 'esc_bbbbbb', requestedAt: minutesAgo(5), severity: 'S3', breachInMinutes: 100 });
    const input = [b, a];
    expect(orderQueue(input, NOW).map((i) => i.escalation.id)).toEqual(['esc_aaaaaa', 'esc_bbbbbb']);
    expect(input.map((i) => i.escalation.id)).toEqual(['esc_bbbbbb', 'esc_aaaaaa']);
    expect(compareUrgency(a.escalation, a.escalation, NOW)).toBe(0);
  });

  it('changes as time passes: a request becomes overdue and jumps ahead', () => {
    const s1 = queueItem({ id: 'esc_s1later', requestedAt: minutesAgo(10), severity: 'S1', breachInMinutes: 500 });
    const breach = queueItem({ id: 'esc_breach1', requestedAt: minutesAgo(10), severity: 'S4', breachInMinutes: 60 });
    expect(orderQueue([s1, breach], NOW)[0]!.escalation.id).toBe('esc_breach1');
    // S1's decision SLA is 15 minutes: ten minutes later it is overdue.
    const later = new Date(NOW.getTime() + 10 * 60_000);
    expect(orderQueue([s1, breach], later)[0]!.escalation.id).toBe('esc_s1later');
  });
});

describe('minutesToBreachNow', () => {
  it('counts down from the snapshot’s due time and goes negative once breached', () => {
    const { escalation } = { escalation: queueItem({ id: 'esc_clock01', requestedAt: minutesAgo(30), breachInMinutes: 90 }).escalation };
    expect(minutesToBreachNow(escalation.sla, NOW)).toBe(60);
    expect(minutesToBreachNow(escalation.sla, new Date(NOW.getTime() + 75 * 60_000))).toBe(-15);
  });

  it('moves a bare minutesToBreach on by the time since capture, and is null without a clock', () => {
    const sla = { ticketPriority: 'high' as const, ticketCreatedAt: null, firstResponseDueAt: null, resolutionDueAt: null, minutesToBreach: 50, capturedAt: minutesAgo(20).toISOString() };
    expect(minutesToBreachNow(sla, NOW)).toBe(30);
    expect(minutesToBreachNow({ ...sla, minutesToBreach: null }, NOW)).toBeNull();
  });
});

// The store does not trust the state machine blindly: output that does not parse or does not continue the event
// log exactly is an error, and nothing is stored. The machine is replaced here by one that can be told to misbehave.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TransitionResult } from '../machine';
import { EscalationRepository, InvalidTransitionOutputError } from './repository';
import { AGENT, MANAGER, POLICY, T0, approve, at, closeTestDbs, requestCommand, testDb } from './testing';

const tamper = vi.hoisted(() => ({ with: null as null | ((result: TransitionResult) => TransitionResult) }));
vi.mock('../machine', async (importOriginal) => {
  const real = await importOriginal<typeof import('../machine')>();
  return {
    ...real,
    transition: (...args: Parameters<typeof real.transition>) => {
      const result = real.transition(...args);
      return tamper.with ? tamper.with(result) : result;
    },
  };
});

afterEach(async () => {
  tamper.with = null;
  await closeTestDbs();
});

describe('checking the machine’s output', () => {
  const cases: Array<[string, (result: TransitionResult) => TransitionResult, RegExp]> = [
    ['an event that skips a seq', (r) => (r.ok ? { ...r, events: r.events.map((e) => ({ ...e, seq: e.seq + 1, id: `${e.escalationId}#${e.seq + 1}` })) } : r), /expected 2/],
    ['no event at all', (r) => (r.ok ? { ...r, events: [] } : r), /no event/],
    ['a record that does not parse', (r) => (r.ok ? { ...r, escalation: { ...r.escalation, state: 'limbo' as 'approved' } } : r), /escalation: state/],
    ['a version that does not match the events', (r) => (r.ok ? { ...r, escalation: { ...r.escalation, version: 5 } } : r), /version 5/],
    ['an event id that is not escalationId#seq', (r) => (r.ok ? { ...r, events: r.events.map((e) => ({ ...e, id: 'other' })) } : r), /not escalationId#seq/],
    ['a record time that is not UTC', (r) => (r.ok ? { ...r, escalation: { ...r.escalation, updatedAt: '2026-11-27T10:10:00+01:00' } } : r), /UTC/],
  ];

  it.each(cases)('refuses to store %s', async (_name, change, message) => {
    const db = testDb();
    const repo = new EscalationRepository(db);
    const requested = await repo.apply(requestCommand('esc_machine1'), AGENT, T0, POLICY);
    if (!requested.ok) throw new Error(requested.refusal.message);
    tamper.with = change;
    const attempt = repo.apply(approve(requested.escalation), MANAGER, at(5), POLICY);
    await expect(attempt).rejects.toThrow(message);
    expect(await repo.get('esc_machine1')).toEqual(requested.escalation);
    expect(await db.events.count()).toBe(1);
  });

  it('names the error', async () => {
    const repo = new EscalationRepository(testDb());
    tamper.with = (r) => (r.ok ? { ...r, events: [] } : r);
    await expect(repo.apply(requestCommand('esc_machine2'), AGENT, T0, POLICY)).rejects.toThrow(InvalidTransitionOutputError);
  });
});

import { describe, expect, it } from 'vitest';
import { allowedCommands, allowedCustomerMessageKinds, applyEvent, EventLogError, fold, transition, type TransitionResult } from './machine';
import { DEFAULT_POLICY, type Policy } from './policy';
import { Escalation, EscalationEvent, type Actor, type Command, type EscalationRequest } from './schemas';

// ---------------------------------------------------------------------------------------------------------------
// A small story to test against: Ada (agent) escalates, Max (manager) decides.

const ADA: Actor = { id: 'ada@acme.test', name: 'Ada Agent', roles: ['agent'] };
const MAX: Actor = { id: 'max@acme.test', name: 'Max Manager', roles: ['agent', 'manager'] };
const ID = 'esc_ticket123_a1';
const T0 = new Date('2026-05-04T10:00:00.000Z');
const minutesLater = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const REQUEST: EscalationRequest = {
  source: 'customer',
  customerWords: { text: 'Please escalate this, our shop is down.', writtenAt: '2026-05-04T09:55:00Z', matched: ['escalate'] },
  reason: 'Checkout fails for every customer since this morning',
  severity: 'S1',
  impact: 'all-customers',
  businessRisk: { flags: ['revenue'], note: 'Black Friday sale' },
  actionsTaken: ['Cleared the cache', 'Checked the status page'],
  noActionsYet: false,
};

const requestCommand = (request: Partial<EscalationRequest> = {}): Command => ({
  type: 'request',
  escalationId: ID,
  ticket: { site: 'zendesk', ticketId: '123', url: 'https://acme.zendesk.com/agent/tickets/123' },
  subject: 'Checkout broken',
  customer: { name: 'Carla Customer', email: 'carla@shop.test' },
  request: { ...REQUEST, ...request },
  sla: {
    ticketPriority: 'high',
    ticketCreatedAt: '2026-05-04T09:00:00Z',
    firstResponseDueAt: '2026-05-04T11:00:00Z',
    resolutionDueAt: '2026-05-06T09:00:00Z',
    minutesToBreach: 60,
    capturedAt: '2026-05-04T10:00:00Z',
  },
});

const approveCommand = (version: number, extra: Partial<Extract<Command, { type: 'approve' }>> = {}): Command => ({
  type: 'approve',
  escalationId: ID,
  expectedVersion: version,
  rationale: 'All customers blocked, revenue at stake',
  newPriority: 'urgent',
  followUps: ['Page the payments team', 'Post-mortem'],
  updateCadenceMinutes: 60,
  ...extra,
});

const v = (type: Command['type'], version: number, fields: object = {}) =>
  ({ type, escalationId: ID, expectedVersion: version, ...fields }) as Command;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function accepted(result: TransitionResult) {
  if (!result.ok) throw new Error(`expected acceptance, got ${result.refusal.refused}: ${result.refusal.message}`);
  // Every record and event a transition produces is valid at the boundary.
  Escalation.parse(result.escalation);
  for (const event of result.events) EscalationEvent.parse(event);
  return result;
}

function refused(result: TransitionResult) {
  if (result.ok) throw new Error(`expected a refusal, got ${result.escalation.state}`);
  return result.refusal;
}

/** Runs commands in order (each must be accepted) and returns the record and the full log. */
function story(steps: [Command, Actor, Date][], policy: Policy = DEFAULT_POLICY) {
  let escalation: Escalation | null = null;
  const events: EscalationEvent[] = [];
  for (const [command, actor, now] of steps) {
    const result = accepted(transition(escalation, command, actor, now, policy));
    escalation = result.escalation;
    events.push(...result.events);
  }
  return { escalation: escalation!, events };
}

const requested = () => story([[requestCommand(), ADA, T0]]);
const approved = () => story([[requestCommand(), ADA, T0], [approveCommand(1), MAX, minutesLater(10)]]);
const declined = () =>
  story([
    [requestCommand(), ADA, T0],
    [v('decline', 1, { category: 'not-severe-enough', reason: 'A workaround exists' }), MAX, minutesLater(10)],
  ]);

/** Asserts a refusal and that the inputs were not touched (they are deep-frozen: a write would throw). */
function expectRefusal(current: Escalation | null, command: Command, actor: Actor, reason: string, now = minutesLater(30)) {
  const before = structuredClone(current);
  const result = transition(deepFreeze(current), deepFreeze(command), deepFreeze(actor), now, DEFAULT_POLICY);
  const refusal = refused(result);
  expect(refusal.refused).toBe(reason);
  expect(refusal.message.length).toBeGreaterThan(10);
  expect(current).toEqual(before);
  return refusal;
}

// ---------------------------------------------------------------------------------------------------------------

describe('requesting an escalation', () => {
  it('records the request, awaiting a decision, at version 1 with one event', () => {
    const result = accepted(transition(null, requestCommand(), ADA, T0, DEFAULT_POLICY));
    expect(result.escalation).toMatchObject({
      id: ID,
      state: 'requested',
      version: 1,
      requestedBy: ADA,
      requestedAt: T0.toISOString(),
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
      decision: null,
      acknowledged: null,
      nextCustomerUpdateDueAt: null,
    });
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({
      id: `${ID}#1`,
      seq: 1,
      type: 'request',
      before: null,
      after: 'requested',
      actor: ADA,
      at: T0.toISOString(),
      derived: { decisionDueAt: '2026-05-04T10:15:00.000Z' },
    });
  });

  it('an S1 request is due for decision 15 minutes later, an S3 one 4 hours later', () => {
    expect(accepted(transition(null, requestCommand(), ADA, T0, DEFAULT_POLICY)).escalation.decisionDueAt).toBe('2026-05-04T10:15:00.000Z');
    const s3 = accepted(transition(null, requestCommand({ severity: 'S3' }), ADA, T0, DEFAULT_POLICY));
    expect(s3.escalation.decisionDueAt).toBe('2026-05-04T14:00:00.000Z');
  });

  it('the decision clock follows the business hours of the policy', () => {
    const office: Policy = { ...DEFAULT_POLICY, businessHours: { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 } };
    // Saturday noon: the S1 decision is due Monday 09:15 CEST.
    const result = accepted(transition(null, requestCommand(), ADA, new Date('2026-05-09T10:00:00Z'), office));
    expect(result.escalation.decisionDueAt).toBe('2026-05-11T07:15:00.000Z');
  });

  it('a request without actions taken is refused unless "no actions yet" is ticked', () => {
    expectRefusal(null, requestCommand({ actionsTaken: [] }), ADA, 'missing-actions-taken');
    const noActions = accepted(transition(null, requestCommand({ actionsTaken: [], noActionsYet: true }), ADA, T0, DEFAULT_POLICY));
    expect(noActions.escalation.request.noActionsYet).toBe(true);
  });

  it('a second request for the same escalation is refused', () => {
    expectRefusal(requested().escalation, requestCommand(), ADA, 'already-exists');
  });

  it('a malformed command or actor is refused as invalid, not guessed at', () => {
    expectRefusal(null, { ...requestCommand(), escalationId: 'nope' } as Command, ADA, 'invalid-command');
    expectRefusal(null, requestCommand({ reason: '   ' }), ADA, 'invalid-command');
    expectRefusal(null, requestCommand(), { id: '', name: 'Nobody', roles: [] } as unknown as Actor, 'invalid-command');
    expect(refused(transition(null, requestCommand(), ADA, new Date(Number.NaN), DEFAULT_POLICY)).refused).toBe('invalid-command');
  });

  it('records the parsed command: text trimmed and unknown fields dropped', () => {
    const command = { ...requestCommand({ reason: '  Checkout fails for every customer  ' }), sneaky: true } as unknown as Command;
    const result = accepted(transition(null, command, ADA, T0, DEFAULT_POLICY));
    expect(result.escalation.request.reason).toBe('Checkout fails for every customer');
    expect(result.events[0]!.command).not.toHaveProperty('sneaky');
  });
});

describe('manager decisions', () => {
  it('only a manager can acknowledge, approve or decline', () => {
    const { escalation } = requested();
    expectRefusal(escalation, v('acknowledge', 1), ADA, 'needs-manager');
    expectRefusal(escalation, approveCommand(1), ADA, 'needs-manager');
    const refusal = expectRefusal(escalation, v('decline', 1, { category: 'other', reason: 'no' }), ADA, 'needs-manager');
    expect(refusal.message).toMatch(/manager/);
  });

  it('the role is what counts: an admin without the manager role cannot approve', () => {
    const admin: Actor = { id: 'root@acme.test', name: 'Ann Admin', roles: ['admin'] };
    expectRefusal(requested().escalation, approveCommand(1), admin, 'needs-manager');
  });

  it('acknowledging is recorded once, without changing the state', () => {
    const { escalation } = story([[requestCommand(), ADA, T0], [v('acknowledge', 1), MAX, minutesLater(2)]]);
    expect(escalation).toMatchObject({ state: 'requested', version: 2, acknowledged: { by: MAX, at: minutesLater(2).toISOString() } });
    expectRefusal(escalation, v('acknowledge', 2), MAX, 'illegal-transition');
  });

  it('approving records the decision, follow-ups and the first customer update due one cadence later', () => {
    const { escalation, events } = approved();
    expect(escalation.state).toBe('approved');
    expect(escalation.version).toBe(2);
    expect(escalation.decision).toEqual({
      outcome: 'approved',
      by: MAX,
      at: minutesLater(10).toISOString(),
      rationale: 'All customers blocked, revenue at stake',
      newPriority: 'urgent',
      followUps: [
        { text: 'Page the payments team', done: false },
        { text: 'Post-mortem', done: false },
      ],
      updateCadenceMinutes: 60,
    });
    expect(escalation.nextCustomerUpdateDueAt).toBe(minutesLater(70).toISOString());
    expect(events[1]).toMatchObject({ id: `${ID}#2`, seq: 2, before: 'requested', after: 'approved' });
  });

  it('approving with a stale version is refused and changes nothing', () => {
    const { escalation } = story([[requestCommand(), ADA, T0], [v('acknowledge', 1), MAX, minutesLater(2)]]);
    const refusal = expectRefusal(escalation, approveCommand(1), MAX, 'stale-version');
    expect(refusal.message).toMatch(/version 1.*version 2/);
  });

  it('a decline without a reason is refused and changes nothing', () => {
    const { escalation } = requested();
    expectRefusal(escalation, v('decline', 1, { category: 'other', reason: '' }), MAX, 'missing-decline-reason');
    expectRefusal(escalation, v('decline', 1, { category: 'other', reason: '   ' }), MAX, 'missing-decline-reason');
  });

  it('declining records the category and reason, with no customer-update clock', () => {
    const { escalation } = declined();
    expect(escalation.state).toBe('declined');
    expect(escalation.decision).toMatchObject({ outcome: 'declined', by: MAX, category: 'not-severe-enough', reason: 'A workaround exists' });
    expect(escalation.nextCustomerUpdateDueAt).toBeNull();
  });

  it('a decision is made once: no approving after a decline or declining after an approval', () => {
    expectRefusal(declined().escalation, approveCommand(2), MAX, 'illegal-transition');
    expectRefusal(approved().escalation, v('decline', 2, { category: 'other', reason: 'changed my mind' }), MAX, 'illegal-transition');
  });
});

describe('keeping the customer informed', () => {
  it('recording the approval message restarts the update clock from now', () => {
    const { escalation } = story([
      [requestCommand(), ADA, T0],
      [approveCommand(1), MAX, minutesLater(10)],
      [v('recordCustomerInformed', 2, { kind: 'approved' }), ADA, minutesLater(20)],
    ]);
    expect(escalation.customerInformed).toEqual([{ kind: 'approved', by: ADA, at: minutesLater(20).toISOString() }]);
    expect(escalation.nextCustomerUpdateDueAt).toBe(minutesLater(80).toISOString());
  });

  it('a progress message pushes the next update one cadence after it', () => {
    const { escalation } = story([
      [requestCommand(), ADA, T0],
      [approveCommand(1, { updateCadenceMinutes: 240 }), MAX, minutesLater(10)],
      [v('recordCustomerInformed', 2, { kind: 'progress' }), ADA, minutesLater(200)],
    ]);
    expect(escalation.nextCustomerUpdateDueAt).toBe(minutesLater(440).toISOString());
  });

  it('each message fits one moment: "declined" only after a decline, "resolution" only once resolved', () => {
    const approvedEscalation = approved().escalation;
    expectRefusal(approvedEscalation, v('recordCustomerInformed', 2, { kind: 'declined' }), ADA, 'illegal-transition');
    expectRefusal(approvedEscalation, v('recordCustomerInformed', 2, { kind: 'resolution' }), ADA, 'illegal-transition');
    const declinedEscalation = declined().escalation;
    expectRefusal(declinedEscalation, v('recordCustomerInformed', 2, { kind: 'approved' }), ADA, 'illegal-transition');
    expectRefusal(declinedEscalation, v('recordCustomerInformed', 2, { kind: 'progress' }), ADA, 'illegal-transition');
    expectRefusal(requested().escalation, v('recordCustomerInformed', 1, { kind: 'approved' }), ADA, 'illegal-transition');
    const told = accepted(transition(declinedEscalation, v('recordCustomerInformed', 2, { kind: 'declined' }), ADA, minutesLater(30), DEFAULT_POLICY));
    expect(told.escalation.customerInformed.map((entry) => entry.kind)).toEqual(['declined']);
    expect(told.escalation.nextCustomerUpdateDueAt).toBeNull();
  });

  it('lists which messages can be recorded now', () => {
    expect(allowedCustomerMessageKinds(requested().escalation)).toEqual([]);
    expect(allowedCustomerMessageKinds(approved().escalation)).toEqual(['approved', 'progress']);
    expect(allowedCustomerMessageKinds(declined().escalation)).toEqual(['declined']);
  });
});

describe('progress updates', () => {
  it('records the work and ticks off follow-ups, without moving the customer-update clock', () => {
    const { escalation } = story([
      [requestCommand(), ADA, T0],
      [approveCommand(1), MAX, minutesLater(10)],
      [v('progressUpdate', 2, { text: 'Payments team paged', completedFollowUps: [0] }), ADA, minutesLater(30)],
    ]);
    expect(escalation.progressUpdates).toEqual([{ text: 'Payments team paged', by: ADA, at: minutesLater(30).toISOString() }]);
    expect(escalation.decision).toMatchObject({ followUps: [{ done: true }, { done: false }] });
    expect(escalation.nextCustomerUpdateDueAt).toBe(minutesLater(70).toISOString());
  });

  it('completing a follow-up that does not exist is refused', () => {
    const refusal = expectRefusal(
      approved().escalation,
      v('progressUpdate', 2, { text: 'Done', completedFollowUps: [1, 2] }),
      ADA,
      'unknown-follow-up',
    );
    expect(refusal.message).toMatch(/number 3.*2 follow-ups/);
  });

  it('progress updates belong to approved escalations only', () => {
    expectRefusal(requested().escalation, v('progressUpdate', 1, { text: 'x', completedFollowUps: [] }), ADA, 'illegal-transition');
    expectRefusal(declined().escalation, v('progressUpdate', 2, { text: 'x', completedFollowUps: [] }), ADA, 'illegal-transition');
  });
});

describe('resolution, closure and withdrawal', () => {
  it('an issue fixed before anyone decides can be resolved straight from the request', () => {
    const { escalation } = story([[requestCommand(), ADA, T0], [v('resolve', 1, { summary: 'Cache flush fixed it' }), ADA, minutesLater(5)]]);
    expect(escalation).toMatchObject({ state: 'resolved', decision: null, resolution: { summary: 'Cache flush fixed it', by: ADA } });
  });

  it('a declined escalation is resolved later with the ticket', () => {
    const { escalation } = declined();
    const result = accepted(transition(escalation, v('resolve', 2, { summary: 'Workaround applied' }), ADA, minutesLater(60), DEFAULT_POLICY));
    expect(result.escalation.state).toBe('resolved');
    expect(result.escalation.decision?.outcome).toBe('declined');
  });

  it('resolving an approved escalation stops the customer-update clock; closing records the time', () => {
    const { escalation } = story([
      [requestCommand(), ADA, T0],
      [approveCommand(1), MAX, minutesLater(10)],
      [v('resolve', 2, { summary: 'Payment provider fixed' }), ADA, minutesLater(120)],
      [v('recordCustomerInformed', 3, { kind: 'resolution' }), ADA, minutesLater(125)],
      [v('close', 4), ADA, minutesLater(130)],
    ]);
    expect(escalation).toMatchObject({ state: 'closed', version: 5, nextCustomerUpdateDueAt: null, closedAt: minutesLater(130).toISOString() });
    expect(escalation.customerInformed.map((entry) => entry.kind)).toEqual(['resolution']);
  });

  it('only a resolved escalation can be closed', () => {
    expectRefusal(requested().escalation, v('close', 1), MAX, 'illegal-transition');
    expectRefusal(approved().escalation, v('close', 2), MAX, 'illegal-transition');
  });

  it('a request can be withdrawn before a decision, not after', () => {
    const { escalation } = story([[requestCommand(), ADA, T0], [v('withdraw', 1, { reason: 'Customer found the fix' }), ADA, minutesLater(3)]]);
    expect(escalation).toMatchObject({ state: 'withdrawn', withdrawal: { reason: 'Customer found the fix', by: ADA } });
    expectRefusal(approved().escalation, v('withdraw', 2, { reason: 'too late' }), ADA, 'illegal-transition');
    expectRefusal(escalation, v('resolve', 2, { summary: 'x' }), ADA, 'illegal-transition');
  });

  it('nothing can be done to a closed or withdrawn escalation', () => {
    const closed = story([
      [requestCommand(), ADA, T0],
      [v('resolve', 1, { summary: 'Fixed' }), ADA, minutesLater(5)],
      [v('close', 2), ADA, minutesLater(6)],
    ]).escalation;
    expect(allowedCommands(closed, MAX)).toEqual([]);
    expectRefusal(closed, v('resolve', 3, { summary: 'again' }), ADA, 'illegal-transition');
  });
});

describe('commands on an escalation that does not exist', () => {
  it('is refused as not found', () => {
    expectRefusal(null, approveCommand(1), MAX, 'not-found');
    expectRefusal(requested().escalation, { ...approveCommand(1), escalationId: 'esc_other_one' }, MAX, 'not-found');
  });
});

describe('the record is the fold of its events', () => {
  const full = () =>
    story([
      [requestCommand(), ADA, T0],
      [v('acknowledge', 1), MAX, minutesLater(1)],
      [approveCommand(2), MAX, minutesLater(10)],
      [v('recordCustomerInformed', 3, { kind: 'approved' }), ADA, minutesLater(12)],
      [v('progressUpdate', 4, { text: 'Paged', completedFollowUps: [0, 1] }), ADA, minutesLater(40)],
      [v('recordCustomerInformed', 5, { kind: 'progress' }), ADA, minutesLater(70)],
      [v('resolve', 6, { summary: 'Fixed upstream' }), ADA, minutesLater(100)],
      [v('close', 7), ADA, minutesLater(101)],
    ]);

  it('fold rebuilds the exact record, without the policy', () => {
    const { escalation, events } = full();
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(fold(events)).toEqual(escalation);
  });

  it('fold keeps the due times of the day even if the policy changed since', () => {
    const strict: Policy = { ...DEFAULT_POLICY, decisionSlaMinutes: { ...DEFAULT_POLICY.decisionSlaMinutes, S1: 5 } };
    const { escalation, events } = story([[requestCommand(), ADA, T0]], strict);
    expect(escalation.decisionDueAt).toBe(minutesLater(5).toISOString());
    expect(fold(events)?.decisionDueAt).toBe(minutesLater(5).toISOString());
  });

  it('an empty log is no escalation', () => {
    expect(fold([])).toBeNull();
  });

  it('events listed by id ("#10" before "#2") still fold in sequence order', () => {
    const steps: [Command, Actor, Date][] = [[requestCommand(), ADA, T0], [approveCommand(1), MAX, minutesLater(10)]];
    for (let version = 2; version <= 11; version++) {
      steps.push([v('progressUpdate', version, { text: `Update ${version}`, completedFollowUps: [] }), ADA, minutesLater(10 + version)]);
    }
    const { escalation, events } = story(steps);
    const byId = [...events].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId.map((event) => event.seq).slice(0, 3)).toEqual([1, 10, 11]);
    expect(fold(byId)).toEqual(escalation);
  });

  it('a log with a gap, a duplicate or an impossible step is an error, not a wrong record', () => {
    const { events } = full();
    expect(() => fold(events.filter((event) => event.seq !== 3))).toThrow(EventLogError);
    expect(() => fold([...events, events[7]!])).toThrow(EventLogError);
    expect(() => fold(events.slice(1))).toThrow(/must start with a request/);
    const forged = { ...events[1]!, type: 'close', command: { type: 'close', escalationId: ID, expectedVersion: 1 } } as EscalationEvent;
    expect(() => fold([events[0]!, forged])).toThrow(EventLogError);
  });

  it('applyEvent does not touch its inputs and shares nothing with them', () => {
    const { escalation, events } = approved();
    const frozenRecord = deepFreeze(structuredClone(fold(events.slice(0, 1))!));
    const frozenEvent = deepFreeze(structuredClone(events[1]!));
    const next = applyEvent(frozenRecord, frozenEvent);
    expect(next).toEqual(escalation);
    next.request.actionsTaken.push('mutated');
    if (next.decision?.outcome === 'approved') next.decision.followUps[0]!.done = true;
    expect(frozenRecord.request.actionsTaken).toHaveLength(2);
  });
});

describe('allowedCommands (which buttons to show)', () => {
  it('offers a request when there is no escalation', () => {
    expect(allowedCommands(null, ADA)).toEqual(['request']);
  });

  it('an agent sees resolve and withdraw on a pending request; a manager also sees the decisions', () => {
    const { escalation } = requested();
    expect(allowedCommands(escalation, ADA)).toEqual(['resolve', 'withdraw']);
    expect(allowedCommands(escalation, MAX)).toEqual(['acknowledge', 'approve', 'decline', 'resolve', 'withdraw']);
  });

  it('acknowledge disappears once done', () => {
    const { escalation } = story([[requestCommand(), ADA, T0], [v('acknowledge', 1), MAX, minutesLater(1)]]);
    expect(allowedCommands(escalation, MAX)).toEqual(['approve', 'decline', 'resolve', 'withdraw']);
  });

  it('an approved escalation offers updates and resolution; a declined one the message and resolution', () => {
    expect(allowedCommands(approved().escalation, ADA)).toEqual(['recordCustomerInformed', 'progressUpdate', 'resolve']);
    expect(allowedCommands(declined().escalation, MAX)).toEqual(['recordCustomerInformed', 'resolve']);
  });
});

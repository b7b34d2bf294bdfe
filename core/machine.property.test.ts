// Property test of the state machine: thousands of random command sequences (random actors with and without the
// manager role, stale versions, blank or odd field values) never produce an invalid record, and the record is always
// the fold of its events. Outcomes are checked against an oracle written straight from the process rules.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { allowedCommands, fold, transition } from './machine';
import { DEFAULT_POLICY, type Policy } from './policy';
import {
  Actor,
  Command,
  CUSTOMER_MESSAGE_KINDS,
  DECLINE_CATEGORIES,
  Escalation,
  EscalationEvent,
  IMPACTS,
  PRIORITY_LEVELS,
  RISK_FLAGS,
  SEVERITIES,
  type CommandType,
  type EscalationState,
  type RefusalReason,
} from './schemas';

const NUM_RUNS = 2000;
const MAX_COMMANDS = 25;

const ID = 'esc_property_01';
const OTHER_ID = 'esc_property_02';
const T0 = Date.parse('2026-03-27T08:00:00.000Z'); // a Friday before the spring DST change in Berlin

const OFFICE_POLICY: Policy = {
  ...DEFAULT_POLICY,
  businessHours: { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 },
};

const ACTORS: Actor[] = [
  { id: 'ada@acme.test', name: 'Ada Agent', roles: ['agent'] },
  { id: 'max@acme.test', name: 'Max Manager', roles: ['agent', 'manager'] },
  { id: 'mia@acme.test', name: 'Mia Manager', roles: ['manager'] },
  { id: 'root@acme.test', name: 'Ann Admin', roles: ['admin'] },
  { id: 'lead@acme.test', name: 'Lee Lead', roles: ['agent', 'manager', 'admin'] },
];
// Rarely, someone who is not a valid actor at all.
const INVALID_ACTOR = { id: ' ', name: 'Ghost', roles: [] } as unknown as Actor;

const ALL_TYPES: CommandType[] = ['request', 'acknowledge', 'approve', 'decline', 'recordCustomerInformed', 'progressUpdate', 'resolve', 'close', 'withdraw'];

// ---------------------------------------------------------------------------------------------------------------
// The oracle: the process rules written out plainly, independent of machine.ts.

const isManager = (actor: Actor) => actor.roles.includes('manager');

function legalInState(escalation: Escalation, command: Command): boolean {
  const state = escalation.state;
  switch (command.type) {
    case 'request':
      return false;
    case 'acknowledge':
      return state === 'requested' && escalation.acknowledged === null;
    case 'approve':
    case 'decline':
    case 'withdraw':
      return state === 'requested';
    case 'recordCustomerInformed':
      if (command.kind === 'approved' || command.kind === 'progress') return state === 'approved';
      if (command.kind === 'declined') return state === 'declined';
      return state === 'resolved';
    case 'progressUpdate':
      return state === 'approved';
    case 'resolve':
      return state === 'requested' || state === 'approved' || state === 'declined';
    case 'close':
      return state === 'resolved';
  }
}

function isWellFormed(command: Command): boolean {
  if (Command.safeParse(command).success) return true;
  // A blank decline reason is its own refusal, not a malformed command.
  return command.type === 'decline' && typeof command.reason === 'string' && command.reason.trim() === '' && Command.safeParse({ ...command, reason: 'x' }).success;
}

function expectedRefusal(current: Escalation | null, command: Command, actor: Actor): RefusalReason | null {
  if (!Actor.safeParse(actor).success || !isWellFormed(command)) return 'invalid-command';
  if (command.type === 'request') {
    if (current !== null) return 'already-exists';
    if (command.request.actionsTaken.length === 0 && !command.request.noActionsYet) return 'missing-actions-taken';
    return null;
  }
  if (current === null || current.id !== command.escalationId) return 'not-found';
  if ((command.type === 'acknowledge' || command.type === 'approve' || command.type === 'decline') && !isManager(actor)) return 'needs-manager';
  if (command.expectedVersion !== current.version) return 'stale-version';
  if (!legalInState(current, command)) return 'illegal-transition';
  if (command.type === 'decline' && command.reason.trim() === '') return 'missing-decline-reason';
  if (command.type === 'progressUpdate') {
    const count = current.decision?.outcome === 'approved' ? current.decision.followUps.length : 0;
    if (command.completedFollowUps.some((index) => index >= count)) return 'unknown-follow-up';
  }
  return null;
}

/** What must hold for every record, beyond parsing with the Escalation schema. */
function checkConsistent(e: Escalation): void {
  const shape = {
    decision: e.decision?.outcome ?? null,
    next: e.nextCustomerUpdateDueAt !== null,
    resolution: e.resolution !== null,
    withdrawal: e.withdrawal !== null,
    closed: e.closedAt !== null,
  };
  const expected: Record<EscalationState, Partial<typeof shape>> = {
    requested: { decision: null, next: false, resolution: false, withdrawal: false, closed: false },
    approved: { decision: 'approved', next: true, resolution: false, withdrawal: false, closed: false },
    declined: { decision: 'declined', next: false, resolution: false, withdrawal: false, closed: false },
    resolved: { next: false, resolution: true, withdrawal: false, closed: false },
    closed: { next: false, resolution: true, withdrawal: false, closed: true },
    withdrawn: { decision: null, next: false, resolution: false, withdrawal: true, closed: false },
  };
  for (const [field, value] of Object.entries(expected[e.state])) {
    check(shape[field as keyof typeof shape] === value, `${e.state}: ${field} should be ${String(value)}`, e);
  }
  // Only managers decide and acknowledge, and only before the decision.
  if (e.decision) check(isManager(e.decision.by), 'the decision was made by a manager', e);
  if (e.acknowledged) {
    check(isManager(e.acknowledged.by), 'the acknowledgement came from a manager', e);
    if (e.decision) check(Date.parse(e.acknowledged.at) <= Date.parse(e.decision.at), 'acknowledged before the decision', e);
  }
  // Work and messages only where they make sense.
  if (e.progressUpdates.length > 0) check(e.decision?.outcome === 'approved', 'progress updates only after an approval', e);
  if (e.decision?.outcome === 'approved' && e.decision.followUps.some((f) => f.done)) {
    check(e.progressUpdates.length > 0, 'a follow-up is done only by a progress update', e);
  }
  for (const told of e.customerInformed) {
    if (told.kind === 'approved' || told.kind === 'progress') check(e.decision?.outcome === 'approved', `"${told.kind}" needs an approval`, e);
    if (told.kind === 'declined') check(e.decision?.outcome === 'declined', '"declined" needs a decline', e);
    if (told.kind === 'resolution') check(e.resolution !== null, '"resolution" needs a resolution', e);
  }
  // Time runs forward through the record.
  check(Date.parse(e.requestedAt) <= Date.parse(e.updatedAt), 'updated after the request', e);
  if (e.decision) check(Date.parse(e.decision.at) >= Date.parse(e.requestedAt), 'decided after the request', e);
  if (e.closedAt && e.resolution) check(Date.parse(e.closedAt) >= Date.parse(e.resolution.at), 'closed after the resolution', e);
}

/** Fast assertions for the hot loop (vitest's expect is slow over 25 000 commands); failures still say what broke. */
function check(condition: boolean, what: string, subject?: unknown): void {
  if (!condition) throw new Error(`${what}${subject === undefined ? '' : `\n${JSON.stringify(subject, null, 2)}`}`);
}

function same(actual: unknown, expected: unknown, what: string): void {
  if (isDeepStrictEqual(actual, expected)) return;
  expect(actual, what).toEqual(expected); // for the diff
  check(false, what); // equal by vitest's looser rules but not strictly: still a failure
}

// ---------------------------------------------------------------------------------------------------------------
// Random steps. A step is drawn before the run, then turned into a command against the record as it stands, so
// versions can be right (mostly) or stale, and commands can fit the state (mostly) or not.

const blankish = fc.constantFrom('', '   ');
const someText = fc.oneof({ weight: 9, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map((s) => `${s}x`) }, { weight: 1, arbitrary: blankish });

const stepArb = fc.record({
  fitsState: fc.oneof({ weight: 7, arbitrary: fc.constant(true) }, { weight: 3, arbitrary: fc.constant(false) }), // mostly commands the state allows
  pick: fc.nat(),
  actor: fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...ACTORS) }, { weight: 1, arbitrary: fc.constant(INVALID_ACTOR) }),
  versionDelta: fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) }),
  otherEscalation: fc.oneof({ weight: 40, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  advanceMinutes: fc.integer({ min: 0, max: 3000 }),
  // Fields for every kind of command; each command takes what it needs.
  severity: fc.constantFrom(...SEVERITIES),
  impact: fc.constantFrom(...IMPACTS),
  flags: fc.subarray([...RISK_FLAGS]),
  actionsTaken: fc.array(someText, { maxLength: 3 }),
  noActionsYet: fc.boolean(),
  source: fc.constantFrom('customer' as const, 'agent' as const),
  text: someText,
  newPriority: fc.constantFrom(...PRIORITY_LEVELS),
  followUps: fc.array(someText, { maxLength: 4 }),
  cadence: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 5, max: 20160 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 4 }) }),
  category: fc.constantFrom(...DECLINE_CATEGORIES),
  declineReason: fc.oneof(blankish, someText),
  kind: fc.constantFrom(...CUSTOMER_MESSAGE_KINDS),
  completedFollowUps: fc.oneof({ weight: 3, arbitrary: fc.constant<number[]>([]) }, { weight: 2, arbitrary: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }) }),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** Types the oracle would accept in this state (ignoring roles and content), to bias towards progress. */
function typesThatFit(current: Escalation | null): CommandType[] {
  if (current === null) return ['request'];
  const probe = (type: CommandType): boolean => {
    if (type === 'recordCustomerInformed') {
      return CUSTOMER_MESSAGE_KINDS.some((kind) => legalInState(current, { type, escalationId: ID, expectedVersion: 1, kind }));
    }
    return legalInState(current, { type } as Command);
  };
  return ALL_TYPES.filter(probe);
}

/** How often a fitting command is picked: moves that end the story are rarer, so runs spend time in the middle. */
const FIT_WEIGHT: Readonly<Record<CommandType, number>> = {
  request: 1,
  acknowledge: 1,
  approve: 3,
  decline: 2,
  recordCustomerInformed: 3,
  progressUpdate: 4,
  resolve: 1,
  close: 1,
  withdraw: 1,
};

function buildCommand(step: Step, current: Escalation | null): Command {
  const pool = step.fitsState ? typesThatFit(current).flatMap((type) => Array<CommandType>(FIT_WEIGHT[type]).fill(type)) : ALL_TYPES;
  const type = (pool.length > 0 ? pool : ALL_TYPES)[step.pick % (pool.length || ALL_TYPES.length)]!;
  const escalationId = step.otherEscalation ? OTHER_ID : ID;
  const expectedVersion = (current?.version ?? 1) + step.versionDelta;
  const base = { escalationId, expectedVersion };
  switch (type) {
    case 'request':
      return {
        type,
        escalationId,
        ticket: { site: 'zendesk', ticketId: '123', url: 'https://acme.zendesk.com/agent/tickets/123' },
        subject: 'Checkout broken',
        customer: { name: 'Carla', email: null },
        request: {
          source: step.source,
          customerWords: step.source === 'customer' ? { text: 'please escalate', writtenAt: null, matched: ['escalate'] } : null,
          reason: step.text,
          severity: step.severity,
          impact: step.impact,
          businessRisk: { flags: step.flags, note: '' },
          actionsTaken: step.actionsTaken,
          noActionsYet: step.noActionsYet,
        },
        sla: {
          ticketPriority: 'normal',
          ticketCreatedAt: '2026-03-27T07:00:00.000Z',
          firstResponseDueAt: null,
          resolutionDueAt: '2026-04-03T07:00:00.000Z',
          minutesToBreach: 600,
          capturedAt: '2026-03-27T08:00:00.000Z',
        },
      };
    case 'acknowledge':
    case 'close':
      return { type, ...base };
    case 'approve':
      return { type, ...base, rationale: step.text, newPriority: step.newPriority, followUps: step.followUps, updateCadenceMinutes: step.cadence };
    case 'decline':
      return { type, ...base, category: step.category, reason: step.declineReason };
    case 'recordCustomerInformed':
      return { type, ...base, kind: step.kind };
    case 'progressUpdate':
      return { type, ...base, text: step.text, completedFollowUps: step.completedFollowUps };
    case 'resolve':
      return { type, ...base, summary: step.text };
    case 'withdraw':
      return { type, ...base, reason: step.text };
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------------

describe('the state machine under random command sequences', () => {
  it(`keeps every record valid and equal to the fold of its events (${NUM_RUNS} sequences)`, () => {
    const stats = {
      sequences: 0,
      commands: 0,
      accepted: 0,
      acceptedByType: {} as Record<string, number>,
      refusals: {} as Record<string, number>,
      finalStates: {} as Record<string, number>,
    };

    const cpuBefore = process.cpuUsage();
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: MAX_COMMANDS, size: 'max' }), fc.boolean(), (steps, officeHours) => {
        const policy = officeHours ? OFFICE_POLICY : DEFAULT_POLICY;
        let record: Escalation | null = null;
        const log: EscalationEvent[] = [];
        let now = T0;
        stats.sequences++;

        for (const step of steps) {
          now += step.advanceMinutes * 60_000;
          const command = deepFreeze(buildCommand(step, record));
          const before = JSON.stringify(record);
          const logLength = log.length;
          const expected = expectedRefusal(record, command, step.actor);
          // Inputs are deep-frozen: any write to them throws.
          const result = transition(deepFreeze(record), command, step.actor, new Date(now), policy);
          stats.commands++;

          if (!result.ok) {
            stats.refusals[result.refusal.refused] = (stats.refusals[result.refusal.refused] ?? 0) + 1;
            check(result.refusal.refused === expected, `refused as ${result.refusal.refused}, the rules say ${expected}: ${result.refusal.message}`, command);
            check(result.refusal.message.trim().length > 0, 'a refusal explains itself');
            check(!('escalation' in result) && !('events' in result), 'a refusal carries no record or events', result);
            // The record is deep-frozen (a write would have thrown); it also still serialises the same.
            check(JSON.stringify(record) === before && log.length === logLength, 'a refusal changes nothing');
            if (result.refusal.refused === 'needs-manager' || (result.refusal.refused === 'illegal-transition' && command.type !== 'recordCustomerInformed')) {
              check(!allowedCommands(record, step.actor).includes(command.type), `allowedCommands offers ${command.type}, which is refused`);
            }
            continue;
          }

          stats.accepted++;
          stats.acceptedByType[command.type] = (stats.acceptedByType[command.type] ?? 0) + 1;
          check(expected === null, `accepted ${command.type}, the rules say ${expected}`, command);
          check(allowedCommands(record, step.actor).includes(command.type), `allowedCommands does not offer the accepted ${command.type}`);
          check(result.events.length === 1, 'exactly one event per accepted command');
          const event = EscalationEvent.parse(result.events[0]);
          const next = Escalation.parse(result.escalation);
          same(next, result.escalation, 'nothing outside the Escalation schema, nothing the schema would change');
          same(event, result.events[0], 'nothing outside the EscalationEvent schema');

          const version = (record?.version ?? 0) + 1;
          const escalationId = record?.id ?? command.escalationId;
          const at = new Date(now).toISOString();
          check(next.version === version && next.id === escalationId && next.updatedAt === at, 'version +1, same id, updated now', next);
          same(
            { id: event.id, escalationId: event.escalationId, seq: event.seq, type: event.type, before: event.before, after: event.after, at: event.at, actor: event.actor },
            { id: `${escalationId}#${version}`, escalationId, seq: version, type: command.type, before: record?.state ?? null, after: next.state, at, actor: step.actor },
            'the event describes the step',
          );
          checkConsistent(next);

          log.push(deepFreeze(result.events[0]!));
          record = next;
          check(record.version === log.length, 'the version equals the number of events');
          same(fold(log), record, 'the fold of the events is the record');
        }

        stats.finalStates[record?.state ?? 'none'] = (stats.finalStates[record?.state ?? 'none'] ?? 0) + 1;
      }),
      { numRuns: NUM_RUNS },
    );

    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `machine property: ${stats.sequences} sequences (numRuns ${NUM_RUNS}), ${stats.commands} commands, ${stats.accepted} accepted, ` +
        `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU; ` +
        `accepted ${JSON.stringify(stats.acceptedByType)}; refusals ${JSON.stringify(stats.refusals)}; final states ${JSON.stringify(stats.finalStates)}`,
    );
    expect(stats.sequences).toBe(NUM_RUNS);
    // The run reached every part of the process (a generator that stopped reaching them would prove little).
    for (const state of ['requested', 'approved', 'declined', 'resolved', 'closed', 'withdrawn']) expect(stats.finalStates[state] ?? 0).toBeGreaterThan(0);
    for (const type of ALL_TYPES) expect(stats.acceptedByType[type] ?? 0).toBeGreaterThan(20);
    for (const reason of ['needs-manager', 'stale-version', 'illegal-transition', 'missing-actions-taken', 'missing-decline-reason', 'already-exists', 'not-found', 'invalid-command', 'unknown-follow-up']) {
      expect(stats.refusals[reason] ?? 0).toBeGreaterThan(0);
    }
  }, 60_000); // about 4 s of CPU; the margin is for busy shared machines
});

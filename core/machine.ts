// The escalation process as a pure state machine. `transition` checks a command and, when it is accepted, produces
// exactly one event; `applyEvent` applies an event to the record (the only place that changes a record), so the
// record a transition returns is by construction the fold of its events.
import { z } from 'zod';
import { decisionDueAt, nextCustomerUpdateDueAt } from './clocks';
import type { Policy } from './policy';
import {
  AcknowledgeCommand,
  Actor,
  ApproveCommand,
  CloseCommand,
  DeclineCommand,
  ProgressUpdateCommand,
  RecordCustomerInformedCommand,
  RequestCommand,
  ResolveCommand,
  WithdrawCommand,
  MANAGER_ONLY_COMMANDS,
  type Command,
  type CommandType,
  type CustomerMessageKind,
  type Escalation,
  type EscalationEvent,
  type EscalationState,
  type FollowOnCommand,
  type Refusal,
  type RefusalReason,
} from './schemas';

export type TransitionResult =
  | { ok: true; escalation: Escalation; events: EscalationEvent[] }
  | { ok: false; refusal: Refusal };

type FollowOnType = FollowOnCommand['type'];

/** The states each command on an existing escalation may be applied in. */
export const ALLOWED_FROM: Readonly<Record<FollowOnType, readonly EscalationState[]>> = {
  acknowledge: ['requested'],
  approve: ['requested'],
  decline: ['requested'],
  recordCustomerInformed: ['approved', 'declined', 'resolved'],
  progressUpdate: ['approved'],
  resolve: ['requested', 'approved', 'declined'],
  close: ['resolved'],
  withdraw: ['requested'],
};

/** Commands that move the escalation to another state; the others keep it where it is. */
const MOVES_TO: Partial<Record<CommandType, EscalationState>> = {
  request: 'requested',
  approve: 'approved',
  decline: 'declined',
  resolve: 'resolved',
  close: 'closed',
  withdraw: 'withdrawn',
};

/** The state in which the customer can be told each kind of message. */
const CUSTOMER_MESSAGE_STATE: Readonly<Record<CustomerMessageKind, EscalationState>> = {
  approved: 'approved',
  declined: 'declined',
  progress: 'approved',
  resolution: 'resolved',
};

/** Command order for UIs (and the order `allowedCommands` lists them in). */
const FOLLOW_ON_TYPES: readonly FollowOnType[] = [
  'acknowledge',
  'approve',
  'decline',
  'recordCustomerInformed',
  'progressUpdate',
  'resolve',
  'close',
  'withdraw',
];

const STATE_WORDS: Readonly<Record<EscalationState, string>> = {
  requested: 'awaiting a decision',
  approved: 'approved',
  declined: 'declined',
  resolved: 'resolved',
  closed: 'closed',
  withdrawn: 'withdrawn',
};

const COMMAND_WORDS: Readonly<Record<CommandType, string>> = {
  request: 'request an escalation',
  acknowledge: 'acknowledge the request',
  approve: 'approve the escalation',
  decline: 'decline the escalation',
  recordCustomerInformed: 'record that the customer was informed',
  progressUpdate: 'add a progress update',
  resolve: 'resolve the escalation',
  close: 'close the escalation',
  withdraw: 'withdraw the request',
};

/**
 * The Command schema, except that a decline's reason may be blank here: a blank reason is refused as
 * 'missing-decline-reason' (which the person can fix) rather than as a malformed command.
 */
const CommandShape = z.discriminatedUnion('type', [
  RequestCommand,
  AcknowledgeCommand,
  ApproveCommand,
  DeclineCommand.extend({ reason: z.string().trim().max(2000) }),
  RecordCustomerInformedCommand,
  ProgressUpdateCommand,
  ResolveCommand,
  CloseCommand,
  WithdrawCommand,
]);

function refuse(refused: RefusalReason, message: string): TransitionResult {
  return { ok: false, refusal: { refused, message } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Why `type` cannot be applied to the escalation in its current state (roles and versions aside), or null. */
function stateRefusal(escalation: Escalation, type: FollowOnType): string | null {
  if (!ALLOWED_FROM[type].includes(escalation.state)) {
    return `You cannot ${COMMAND_WORDS[type]}: it is ${STATE_WORDS[escalation.state]}.`;
  }
  if (type === 'acknowledge' && escalation.acknowledged !== null) {
    return `The request was already acknowledged by ${escalation.acknowledged.by.name}.`;
  }
  return null;
}

function customerMessageRefusal(escalation: Escalation, kind: CustomerMessageKind): string | null {
  const needed = CUSTOMER_MESSAGE_STATE[kind];
  if (escalation.state === needed) return null;
  return `The customer cannot be told the "${kind}" message while the escalation is ${STATE_WORDS[escalation.state]}; it is for escalations that are ${STATE_WORDS[needed]}.`;
}

/** The kinds of customer message that can be recorded now (for the UI's "customer informed" buttons). */
export function allowedCustomerMessageKinds(escalation: Escalation): CustomerMessageKind[] {
  return (Object.keys(CUSTOMER_MESSAGE_STATE) as CustomerMessageKind[]).filter(
    (kind) => customerMessageRefusal(escalation, kind) === null,
  );
}

const isManager = (actor: Actor) => actor.roles.includes('manager');

/**
 * Which commands the actor may give now, for deciding which buttons to show. A listed command can still be refused
 * for its content (a blank decline reason, an unknown follow-up) or a stale version.
 */
export function allowedCommands(escalation: Escalation | null, actor: Actor): CommandType[] {
  if (escalation === null) return ['request'];
  return FOLLOW_ON_TYPES.filter(
    (type) => (!MANAGER_ONLY_COMMANDS.includes(type) || isManager(actor)) && stateRefusal(escalation, type) === null,
  );
}

/**
 * Decides a command. Refusals carry a typed reason and a message for people; nothing is ever mutated.
 * Checks run in this order: a well-formed command and actor ('invalid-command'), the escalation exists
 * ('already-exists' / 'not-found'), the role ('needs-manager'), the version ('stale-version'), the state
 * ('illegal-transition'), then the command's content ('missing-actions-taken', 'missing-decline-reason',
 * 'unknown-follow-up').
 */
export function transition(current: Escalation | null, command: Command, actor: Actor, now: Date, policy: Policy): TransitionResult {
  // Not `instanceof Date`: a Date from another realm (an iframe, a test environment) is still a Date.
  if (typeof now?.getTime !== 'function' || !Number.isFinite(now.getTime())) {
    return refuse('invalid-command', 'The current time is not valid, so nothing was recorded.');
  }
  const parsedActor = Actor.safeParse(actor);
  if (!parsedActor.success) {
    return refuse('invalid-command', `Who is acting is not clear (${describeIssues(parsedActor.error)}).`);
  }
  const parsedCommand = CommandShape.safeParse(command);
  if (!parsedCommand.success) {
    return refuse('invalid-command', `The command is not valid (${describeIssues(parsedCommand.error)}).`);
  }
  const by = parsedActor.data;
  // Parsed values (trimmed, unknown fields dropped) are what gets recorded.
  const cmd = parsedCommand.data as Command;
  const at = now.toISOString();

  if (cmd.type === 'request') {
    if (current !== null) {
      return refuse('already-exists', `Escalation ${current.id} already exists (it is ${STATE_WORDS[current.state]}).`);
    }
    if (cmd.request.actionsTaken.length === 0 && !cmd.request.noActionsYet) {
      return refuse(
        'missing-actions-taken',
        'Say what has been tried already, or tick "no actions yet" if nothing has been tried.',
      );
    }
    const due = decisionDueAt(cmd.request.severity, now, policy).toISOString();
    return accept(null, cmd, by, at, { decisionDueAt: due });
  }

  if (current === null) return refuse('not-found', `There is no escalation ${cmd.escalationId}.`);
  if (cmd.escalationId !== current.id) {
    return refuse('not-found', `This command is for escalation ${cmd.escalationId}, not ${current.id}.`);
  }
  if (MANAGER_ONLY_COMMANDS.includes(cmd.type) && !isManager(by)) {
    return refuse('needs-manager', `Only a manager can ${COMMAND_WORDS[cmd.type]}.`);
  }
  if (cmd.expectedVersion !== current.version) {
    return refuse(
      'stale-version',
      `This escalation changed since you loaded it (you saw version ${cmd.expectedVersion}, it is now at version ${current.version}). Reload it and try again.`,
    );
  }
  const illegal = stateRefusal(current, cmd.type);
  if (illegal !== null) return refuse('illegal-transition', illegal);

  switch (cmd.type) {
    case 'acknowledge':
      return accept(current, cmd, by, at, {});
    case 'approve': {
      const nextUpdate = nextCustomerUpdateDueAt(now, cmd.updateCadenceMinutes, policy).toISOString();
      return accept(current, cmd, by, at, { nextCustomerUpdateDueAt: nextUpdate });
    }
    case 'decline':
      if (cmd.reason.trim() === '') {
        return refuse('missing-decline-reason', 'Say why the escalation is declined: the agent explains it to the customer.');
      }
      return accept(current, cmd, by, at, { nextCustomerUpdateDueAt: null });
    case 'recordCustomerInformed': {
      const wrongMoment = customerMessageRefusal(current, cmd.kind);
      if (wrongMoment !== null) return refuse('illegal-transition', wrongMoment);
      if (cmd.kind === 'approved' || cmd.kind === 'progress') {
        // Telling the customer restarts the promised update cadence.
        const decision = current.decision;
        if (decision?.outcome !== 'approved') {
          return refuse('illegal-transition', 'The escalation has no approval to keep the customer informed about.');
        }
        const nextUpdate = nextCustomerUpdateDueAt(now, decision.updateCadenceMinutes, policy).toISOString();
        return accept(current, cmd, by, at, { nextCustomerUpdateDueAt: nextUpdate });
      }
      return accept(current, cmd, by, at, {});
    }
    case 'progressUpdate': {
      const followUps = current.decision?.outcome === 'approved' ? current.decision.followUps : [];
      const unknown = [...new Set(cmd.completedFollowUps.filter((index) => index >= followUps.length))];
      if (unknown.length > 0) {
        return refuse(
          'unknown-follow-up',
          `There is no follow-up number ${unknown.map((index) => index + 1).join(', ')}: this escalation has ${followUps.length} follow-up${followUps.length === 1 ? '' : 's'}.`,
        );
      }
      return accept(current, cmd, by, at, {});
    }
    case 'resolve':
    case 'close':
    case 'withdraw':
      return accept(current, cmd, by, at, { nextCustomerUpdateDueAt: null });
  }
}

function accept(
  current: Escalation | null,
  command: Command,
  actor: Actor,
  at: string,
  derived: EscalationEvent['derived'],
): TransitionResult {
  const version = (current?.version ?? 0) + 1;
  const escalationId = command.escalationId;
  const event: EscalationEvent = {
    id: `${escalationId}#${version}`,
    escalationId,
    seq: version,
    type: command.type,
    actor,
    at,
    command,
    before: current?.state ?? null,
    after: MOVES_TO[command.type] ?? current?.state ?? 'requested',
    derived,
  };
  // The event is cloned into the record, so the two never share objects.
  return { ok: true, escalation: applyEvent(current, event), events: [event] };
}

/** An event log that cannot be folded: out of order, for another escalation, or not a possible step. */
export class EventLogError extends Error {
  constructor(
    message: string,
    readonly eventId: string,
  ) {
    super(message);
    this.name = 'EventLogError';
  }
}

/**
 * One fold step: the record after `event`. Needs no policy (due times come from `event.derived`). Throws
 * EventLogError when the event does not follow the record (wrong escalation, sequence or state), so a damaged log
 * is noticed instead of folded into a wrong record. Returns a new record that shares nothing with its inputs.
 */
export function applyEvent(current: Escalation | null, event: EscalationEvent): Escalation {
  const e = structuredClone(event);
  const { command, actor: by, at } = e;
  const fail = (why: string): never => {
    throw new EventLogError(`Event ${e.id} cannot be applied: ${why}.`, e.id);
  };
  if (command.type !== e.type) fail(`its type is ${e.type} but its command is ${command.type}`);
  if (command.escalationId !== e.escalationId) fail(`its command is for ${command.escalationId}`);

  if (command.type === 'request') {
    if (current !== null) fail(`escalation ${current.id} already exists`);
    if (e.seq !== 1) fail(`a request must be event 1, not ${e.seq}`);
    if (e.derived.decisionDueAt === undefined) fail('it has no decision due time');
    const created: Escalation = {
      id: command.escalationId,
      ticket: command.ticket,
      subject: command.subject,
      customer: command.customer,
      state: 'requested',
      version: 1,
      request: command.request,
      requestedBy: by,
      requestedAt: at,
      sla: command.sla,
      decisionDueAt: e.derived.decisionDueAt as string,
      acknowledged: null,
      decision: null,
      nextCustomerUpdateDueAt: null,
      customerInformed: [],
      progressUpdates: [],
      resolution: null,
      withdrawal: null,
      closedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    if (e.before !== null || e.after !== 'requested') fail(`a request goes from nothing to requested`);
    return created;
  }

  if (current === null) return fail('there is no escalation before it (the log must start with a request)');
  if (current.id !== e.escalationId) fail(`it belongs to ${e.escalationId}, not ${current.id}`);
  if (e.seq !== current.version + 1) fail(`expected event ${current.version + 1}, got ${e.seq}`);
  if (e.before !== current.state) fail(`it starts from ${e.before}, but the escalation is ${current.state}`);
  if (!ALLOWED_FROM[command.type].includes(current.state)) fail(`${command.type} is not possible when ${current.state}`);

  const next: Escalation = { ...structuredClone(current), version: e.seq, updatedAt: at };
  switch (command.type) {
    case 'acknowledge':
      if (current.acknowledged !== null) fail('the request was already acknowledged');
      next.acknowledged = { by, at };
      break;
    case 'approve':
      if (typeof e.derived.nextCustomerUpdateDueAt !== 'string') fail('an approval needs the next customer update due time');
      next.decision = {
        outcome: 'approved',
        by,
        at,
        rationale: command.rationale,
        newPriority: command.newPriority,
        followUps: command.followUps.map((text) => ({ text, done: false })),
        updateCadenceMinutes: command.updateCadenceMinutes,
      };
      break;
    case 'decline':
      next.decision = { outcome: 'declined', by, at, category: command.category, reason: command.reason };
      break;
    case 'recordCustomerInformed':
      if (customerMessageRefusal(current, command.kind) !== null) fail(`the "${command.kind}" message does not fit ${current.state}`);
      next.customerInformed.push({ kind: command.kind, by, at });
      break;
    case 'progressUpdate':
      next.progressUpdates.push({ text: command.text, by, at });
      if (next.decision?.outcome === 'approved') {
        for (const index of command.completedFollowUps) {
          const followUp = next.decision.followUps[index];
          if (followUp === undefined) fail(`there is no follow-up ${index}`);
          else followUp.done = true;
        }
      } else if (command.completedFollowUps.length > 0) {
        fail('there are no follow-ups to complete');
      }
      break;
    case 'resolve':
      next.resolution = { summary: command.summary, by, at };
      break;
    case 'close':
      next.closedAt = at;
      break;
    case 'withdraw':
      next.withdrawal = { reason: command.reason, by, at };
      break;
  }
  next.state = MOVES_TO[command.type] ?? current.state;
  if (next.state !== e.after) fail(`it ends in ${e.after}, but ${command.type} leads to ${next.state}`);
  if (e.derived.nextCustomerUpdateDueAt !== undefined) next.nextCustomerUpdateDueAt = e.derived.nextCustomerUpdateDueAt;
  return next;
}

/**
 * The record an event log describes, or null for an empty log. Events are taken in `seq` order (a store may list
 * them by id, where "#10" sorts before "#2").
 */
export function fold(events: readonly EscalationEvent[]): Escalation | null {
  const inOrder = [...events].sort((a, b) => a.seq - b.seq);
  let escalation: Escalation | null = null;
  for (const event of inOrder) escalation = applyEvent(escalation, event);
  return escalation;
}

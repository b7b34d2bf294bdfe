// The escalation domain's shapes, as zod schemas. Every boundary (messages, store, import, adapters' snapshots)
// parses with these; the TypeScript types are inferred from them so the two never drift apart.
import { z } from 'zod';
import { CUSTOMER_MESSAGE_KINDS, DECLINE_CATEGORIES, ESCALATION_STATES, IMPACTS, PRIORITY_LEVELS, RISK_FLAGS, SEVERITIES } from './constants';

export { CUSTOMER_MESSAGE_KINDS, DECLINE_CATEGORIES, ESCALATION_STATES, IMPACTS, PRIORITY_LEVELS, RISK_FLAGS, SEVERITIES };

export const IsoTime = z.iso.datetime({ offset: true });
export type IsoTime = z.infer<typeof IsoTime>;

/** Bounded plain text: everything that comes from a helpdesk page or a person is capped. */
const text = (max: number) => z.string().max(max);
const nonEmptyText = (max: number) => z.string().trim().min(1).max(max);

// ---------------------------------------------------------------------------------------------------------------
// Tickets, as the adapters read them

/** A built-in adapter id (`zendesk`) or a custom adapter's id (`custom-<slug>`). */
export const SiteId = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'a site id is lower-case letters, digits and dashes');
export type SiteId = z.infer<typeof SiteId>;

export const TicketRef = z.object({
  site: SiteId,
  ticketId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'a ticket id is letters, digits and . _ : -'),
  // https only: write-backs go to the ticket's origin with the user's session, never over plain http.
  url: z.url({ protocol: /^https$/ }).max(2048),
});
export type TicketRef = z.infer<typeof TicketRef>;

export const PriorityLevel = z.enum(PRIORITY_LEVELS);
export type PriorityLevel = z.infer<typeof PriorityLevel>;

export const Person = z.object({
  name: text(200),
  email: z.email().max(320).nullable(),
});
export type Person = z.infer<typeof Person>;

export const TicketMessage = z.object({
  /** The helpdesk's id of the message when readable. */
  id: text(128).nullable(),
  author: text(200),
  authorRole: z.enum(['customer', 'agent', 'system']),
  visibility: z.enum(['public', 'internal']),
  body: text(20_000),
  createdAt: IsoTime.nullable(),
});
export type TicketMessage = z.infer<typeof TicketMessage>;

export const TicketSnapshot = z.object({
  ref: TicketRef,
  subject: text(1000),
  requester: Person,
  /** Status in the helpdesk's own words ("Open", "In Progress", "2"). */
  status: text(100).nullable(),
  priority: z.object({
    /** The helpdesk's own value ("Urgent", "1 - Critical", "4"). */
    raw: text(100).nullable(),
    level: PriorityLevel.nullable(),
  }),
  assignee: text(200).nullable(),
  tags: z.array(text(200)).max(500),
  messages: z.array(TicketMessage).max(2000),
  /** When the ticket was created in the helpdesk, when readable; the SLA clocks run from it. */
  createdAt: IsoTime.nullable(),
  /** The signed-in agent, when the page shows it. */
  currentAgent: Person.nullable(),
  /** Where the conversation came from: the page's DOM or the helpdesk's same-origin API. */
  source: z.enum(['dom', 'api', 'dom+api']),
  readAt: IsoTime,
});
export type TicketSnapshot = z.infer<typeof TicketSnapshot>;

/** Adapter health (adapters/types.ts `FieldHealth`, zod-free there for the content script): which selector or API
 * path produced a field. Never ticket text. */
export const FieldHealth = z.object({
  field: z.string().min(1).max(100),
  ok: z.boolean(),
  via: z.string().max(1000),
  source: z.enum(['dom', 'api']),
});
export type FieldHealth = z.infer<typeof FieldHealth>;

/** Why a page could not be read (adapters/types.ts `AdapterProblem`): names the field and selector, never ticket text. */
export const AdapterProblem = z.object({
  code: z.enum(['not-a-ticket', 'field-missing', 'ambiguous-ticket', 'api-failed', 'invalid-snapshot']),
  field: z.string().max(100).optional(),
  selector: z.string().max(1000).optional(),
  message: z.string().max(1000),
});
export type AdapterProblem = z.infer<typeof AdapterProblem>;

// ---------------------------------------------------------------------------------------------------------------
// People and roles

export const Role = z.enum(['agent', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

export const Actor = z.object({
  /** Lower-cased e-mail when known, else the name; stable across sessions. */
  id: nonEmptyText(320),
  name: nonEmptyText(200),
  roles: z.array(Role).min(1),
});
export type Actor = z.infer<typeof Actor>;

// ---------------------------------------------------------------------------------------------------------------
// The escalation record

export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const Impact = z.enum(IMPACTS);
export type Impact = z.infer<typeof Impact>;

export const RiskFlag = z.enum(RISK_FLAGS);
export type RiskFlag = z.infer<typeof RiskFlag>;

export const EscalationState = z.enum(ESCALATION_STATES);
export type EscalationState = z.infer<typeof EscalationState>;

export const DeclineCategory = z.enum(DECLINE_CATEGORIES);
export type DeclineCategory = z.infer<typeof DeclineCategory>;

export const CustomerMessageKind = z.enum(CUSTOMER_MESSAGE_KINDS);
export type CustomerMessageKind = z.infer<typeof CustomerMessageKind>;

export const CustomerWords = z.object({
  text: text(5000),
  writtenAt: IsoTime.nullable(),
  /** The phrases detection matched, for the manager to see why it fired. */
  matched: z.array(text(200)).max(50),
});
export type CustomerWords = z.infer<typeof CustomerWords>;

export const EscalationRequest = z.object({
  source: z.enum(['customer', 'agent']),
  customerWords: CustomerWords.nullable(),
  reason: nonEmptyText(2000),
  severity: Severity,
  impact: Impact,
  businessRisk: z.object({
    flags: z.array(RiskFlag).max(RISK_FLAGS.length),
    note: text(2000),
  }),
  /** What the agent already tried. Empty only together with `noActionsYet` (which produces a warning). */
  actionsTaken: z.array(nonEmptyText(1000)).max(100),
  noActionsYet: z.boolean(),
});
export type EscalationRequest = z.infer<typeof EscalationRequest>;

/** The ticket's SLA as it stood when the request was made, computed from the ticket and the policy. */
export const SlaSnapshot = z.object({
  ticketPriority: PriorityLevel.nullable(),
  ticketCreatedAt: IsoTime.nullable(),
  firstResponseDueAt: IsoTime.nullable(),
  resolutionDueAt: IsoTime.nullable(),
  /** Minutes until the nearest due time; negative when already breached; null when no clock applies. */
  minutesToBreach: z.number().int().nullable(),
  capturedAt: IsoTime,
});
export type SlaSnapshot = z.infer<typeof SlaSnapshot>;

export const FollowUp = z.object({ text: nonEmptyText(500), done: z.boolean() });
export type FollowUp = z.infer<typeof FollowUp>;

export const Decision = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('approved'),
    by: Actor,
    at: IsoTime,
    rationale: nonEmptyText(2000),
    newPriority: PriorityLevel,
    followUps: z.array(FollowUp).max(50),
    updateCadenceMinutes: z.number().int().min(5).max(60 * 24 * 14),
  }),
  z.object({
    outcome: z.literal('declined'),
    by: Actor,
    at: IsoTime,
    category: DeclineCategory,
    reason: nonEmptyText(2000),
  }),
]);
export type Decision = z.infer<typeof Decision>;

export const Escalation = z.object({
  id: z.string().regex(/^esc_[A-Za-z0-9_-]{6,64}$/),
  ticket: TicketRef,
  subject: text(1000),
  customer: Person,
  state: EscalationState,
  /** Optimistic-concurrency version: 1 after the request, +1 per accepted command. */
  version: z.number().int().min(1),
  request: EscalationRequest,
  requestedBy: Actor,
  requestedAt: IsoTime,
  sla: SlaSnapshot,
  decisionDueAt: IsoTime,
  acknowledged: z.object({ by: Actor, at: IsoTime }).nullable(),
  decision: Decision.nullable(),
  /** After approval: when the customer is next owed an update. */
  nextCustomerUpdateDueAt: IsoTime.nullable(),
  customerInformed: z.array(z.object({ kind: CustomerMessageKind, by: Actor, at: IsoTime })),
  progressUpdates: z.array(z.object({ text: nonEmptyText(4000), by: Actor, at: IsoTime })),
  resolution: z.object({ summary: nonEmptyText(4000), by: Actor, at: IsoTime }).nullable(),
  withdrawal: z.object({ reason: nonEmptyText(2000), by: Actor, at: IsoTime }).nullable(),
  closedAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Escalation = z.infer<typeof Escalation>;

// ---------------------------------------------------------------------------------------------------------------
// Commands: what a person asks the process to do. `transition` in core/machine.ts decides.

/** Everything the request command needs besides the ticket's snapshot-derived fields. */
export const RequestCommand = z.object({
  type: z.literal('request'),
  escalationId: Escalation.shape.id,
  ticket: TicketRef,
  subject: text(1000),
  customer: Person,
  request: EscalationRequest,
  sla: SlaSnapshot,
});
const versioned = { escalationId: Escalation.shape.id, expectedVersion: z.number().int().min(1) };
export const AcknowledgeCommand = z.object({ type: z.literal('acknowledge'), ...versioned });
export const ApproveCommand = z.object({
  type: z.literal('approve'),
  ...versioned,
  rationale: nonEmptyText(2000),
  newPriority: PriorityLevel,
  followUps: z.array(nonEmptyText(500)).max(50),
  updateCadenceMinutes: z.number().int().min(5).max(60 * 24 * 14),
});
export const DeclineCommand = z.object({
  type: z.literal('decline'),
  ...versioned,
  category: DeclineCategory,
  reason: nonEmptyText(2000),
});
export const RecordCustomerInformedCommand = z.object({
  type: z.literal('recordCustomerInformed'),
  ...versioned,
  kind: CustomerMessageKind,
});
export const ProgressUpdateCommand = z.object({
  type: z.literal('progressUpdate'),
  ...versioned,
  text: nonEmptyText(4000),
  /** Indexes of follow-ups this update completes. */
  completedFollowUps: z.array(z.number().int().min(0).max(49)).max(50),
});
export const ResolveCommand = z.object({ type: z.literal('resolve'), ...versioned, summary: nonEmptyText(4000) });
export const CloseCommand = z.object({ type: z.literal('close'), ...versioned });
export const WithdrawCommand = z.object({ type: z.literal('withdraw'), ...versioned, reason: nonEmptyText(2000) });

export const Command = z.discriminatedUnion('type', [
  RequestCommand,
  AcknowledgeCommand,
  ApproveCommand,
  DeclineCommand,
  RecordCustomerInformedCommand,
  ProgressUpdateCommand,
  ResolveCommand,
  CloseCommand,
  WithdrawCommand,
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
/** Commands on an existing escalation (all but `request`). */
export type FollowOnCommand = Exclude<Command, { type: 'request' }>;
export const MANAGER_ONLY_COMMANDS: readonly CommandType[] = ['acknowledge', 'approve', 'decline'];

// ---------------------------------------------------------------------------------------------------------------
// Events: the append-only audit log. An escalation is the fold of its events.

export const EscalationEvent = z.object({
  /** `${escalationId}#${seq}`: unique, and a second write of the same seq collides in the store. */
  id: z.string().min(1).max(200),
  escalationId: Escalation.shape.id,
  /** Equals the escalation's version after this event. */
  seq: z.number().int().min(1),
  type: z.enum(['request', 'acknowledge', 'approve', 'decline', 'recordCustomerInformed', 'progressUpdate', 'resolve', 'close', 'withdraw']),
  actor: Actor,
  at: IsoTime,
  command: Command,
  before: EscalationState.nullable(),
  after: EscalationState,
  /**
   * Values the policy produced when the command was accepted (due times). Stored so the fold of the events
   * rebuilds the record without the policy of the day, which may have changed since.
   */
  derived: z.object({
    decisionDueAt: IsoTime.optional(),
    nextCustomerUpdateDueAt: IsoTime.nullable().optional(),
  }),
});
export type EscalationEvent = z.infer<typeof EscalationEvent>;

/** Why a command was refused. Typed, never a bare string. */
export const REFUSAL_REASONS = [
  'needs-manager',
  'stale-version',
  'illegal-transition',
  'missing-actions-taken',
  'missing-decline-reason',
  'already-exists',
  'not-found',
  'invalid-command',
  'unknown-follow-up',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export interface Refusal {
  readonly refused: RefusalReason;
  readonly message: string;
}

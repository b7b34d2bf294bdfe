// View-models the background sends to the panel, the popup and the options page. Types only: components render
// them and raise events; they never fetch or message by themselves.
import type { Assessment, RequestWarning } from './assessment';
import type { Detection } from './detection';
import type { Policy } from './policy';
import type { Actor, CommandType, Escalation, EscalationEvent, SlaSnapshot, TicketRef } from './schemas';

export interface SyncState {
  readonly state: 'synced' | 'pending' | 'failed';
  readonly pending: number;
  readonly failed: ReadonlyArray<{ readonly id: string; readonly kind: string; readonly error: string }>;
}

/** What the panel shows for one ticket. */
export interface TicketView {
  readonly ticket: TicketRef;
  readonly actor: Actor;
  /** The ticket's open escalation, else its latest one, else null. */
  readonly escalation: Escalation | null;
  readonly events: readonly EscalationEvent[];
  readonly allowed: readonly CommandType[];
  readonly assessment: Assessment | null;
  readonly detection: Detection | null;
  readonly sla: SlaSnapshot | null;
  /** Warnings that apply before the agent fills in the form (duplicate, premature). */
  readonly warnings: readonly RequestWarning[];
  readonly actionLog: ReadonlyArray<{ readonly text: string; readonly by: string; readonly at: string }>;
  /** Internal notes on the ticket, offered as "actions already taken". */
  readonly internalNotes: readonly string[];
  readonly sync: SyncState;
  /** The policy in force, for the form's definitions and live warnings. */
  readonly policy: Policy;
  /** How many earlier escalations this ticket had. */
  readonly earlier: number;
}

export interface QueueItem {
  readonly escalation: Escalation;
  readonly assessment: Assessment;
}

/**
 * What one row of the manager's queue shows and sorts by: a quarter of a whole `QueueItem` (no request texts, no
 * assessment criteria). The popup asks for rows (`queue.get` with `rows: true`); opening one loads the whole record.
 */
export interface QueueRow {
  readonly escalation: Pick<Escalation, 'id' | 'version' | 'ticket' | 'subject' | 'customer' | 'state' | 'requestedAt' | 'sla' | 'decisionDueAt'> & {
    readonly request: Pick<Escalation['request'], 'severity'>;
  };
  readonly assessment: Pick<Assessment, 'score' | 'recommendation'>;
}

export interface WriteBackState {
  readonly id: string;
  readonly kind: 'note' | 'tags' | 'priority';
  readonly state: 'pending' | 'in-flight' | 'done' | 'failed';
  readonly error: string | null;
}

export interface EscalationDetail {
  readonly actor: Actor;
  readonly escalation: Escalation;
  readonly events: readonly EscalationEvent[];
  readonly assessment: Assessment;
  readonly writeBacks: readonly WriteBackState[];
  readonly allowed: readonly CommandType[];
  readonly defaults: { readonly newPriority: Escalation['sla']['ticketPriority'] & string; readonly updateCadenceMinutes: number };
}

export interface Stats {
  readonly thisWeek: number;
  readonly approvalRate: number | null;
  readonly medianMinutesToDecision: number | null;
  readonly approvedOpen: number;
}

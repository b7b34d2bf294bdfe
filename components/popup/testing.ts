// Test-only builders for the popup's unit tests and the end-to-end seed: real escalations and events made by the
// state machine (so every record is the fold of its events, as a backup import requires). Not used by the product.
import { assess } from '../../core/assessment';
import { transition } from '../../core/machine';
import { DEFAULT_POLICY, type Policy } from '../../core/policy';
import type { Actor, Command, Escalation, EscalationEvent, Severity } from '../../core/schemas';
import type { EscalationDetail, QueueItem } from '../../core/views';

export const AGENT: Actor = { id: 'avery.agent@acme.test', name: 'Avery Agent', roles: ['agent'] };
export const MANAGER: Actor = { id: 'maria@acme.test', name: 'Maria Manager', roles: ['agent', 'manager'] };

/** `progress`: an agent's progress update; `informed`: the customer was told (the approval, then each update). */
export type Step = 'approve' | 'decline' | 'resolve' | 'close' | 'withdraw' | 'progress' | 'informed';

export interface BuildOptions {
  readonly id: string;
  readonly requestedAt: Date;
  readonly severity?: Severity;
  readonly subject?: string;
  readonly site?: string;
  readonly ticketId?: string;
  readonly customerName?: string;
  /** Ticket resolution due this many minutes after the request (null: no SLA clock). */
  readonly breachInMinutes?: number | null;
  readonly steps?: readonly Step[];
  /** Minutes between consecutive steps. */
  readonly stepMinutes?: number;
  readonly policy?: Policy;
  readonly customerWords?: string | null;
}

const URLS: Record<string, (ticketId: string) => string> = {
  zendesk: (id) => `https://acme.zendesk.com/agent/tickets/${id}`,
  freshdesk: (id) => `https://acme.freshdesk.com/a/tickets/${id}`,
  jira: (id) => `https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/${id}`,
  servicenow: (id) => `https://acme.service-now.com/nav_to.do?uri=incident.do?sys_id=${id}`,
};

function must(current: Escalation | null, command: Command, actor: Actor, now: Date, policy: Policy): { escalation: Escalation; events: EscalationEvent[] } {
  const result = transition(current, command, actor, now, policy);
  if (!result.ok) throw new Error(`test setup: ${command.type} refused: ${result.refusal.message}`);
  return { escalation: result.escalation, events: result.events };
}

/** An escalation walked through `steps` by the real state machine, with all of its events. */
export function buildEscalation(options: BuildOptions): { escalation: Escalation; events: EscalationEvent[] } {
  const policy = options.policy ?? DEFAULT_POLICY;
  const site = options.site ?? 'zendesk';
  const ticketId = options.ticketId ?? '101';
  const start = options.requestedAt;
  const breach = options.breachInMinutes === undefined ? 240 : options.breachInMinutes;
  const words = options.customerWords === undefined ? 'This is the third time I ask. Please escalate to a manager.' : options.customerWords;
  const request: Command = {
    type: 'request',
    escalationId: options.id,
    ticket: { site, ticketId, url: (URLS[site] ?? URLS.zendesk!)(ticketId) },
    subject: options.subject ?? 'Checkout fails with error 500',
    customer: { name: options.customerName ?? 'Carla Customer', email: 'carla@customer.test' },
    request: {
      source: words === null ? 'agent' : 'customer',
      customerWords: words === null ? null : { text: words, writtenAt: start.toISOString(), matched: ['escalate'] },
      reason: 'Checkout is down for all of the customer’s users since the release.',
      severity: options.severity ?? 'S2',
      impact: 'many-customers',
      businessRisk: { flags: ['revenue'], note: 'Black Friday sales' },
      actionsTaken: ['Reproduced on staging', 'Cleared the CDN cache'],
      noActionsYet: false,
    },
    sla: {
      ticketPriority: 'high',
      ticketCreatedAt: start.toISOString(),
      firstResponseDueAt: null,
      resolutionDueAt: breach === null ? null : new Date(start.getTime() + breach * 60_000).toISOString(),
      minutesToBreach: breach,
      capturedAt: start.toISOString(),
    },
  };
  let { escalation, events } = must(null, request, AGENT, start, policy);
  const gap = (options.stepMinutes ?? 30) * 60_000;
  let t = start.getTime();
  for (const step of options.steps ?? []) {
    t += gap;
    const versioned = { escalationId: escalation.id, expectedVersion: escalation.version };
    const command: Command =
      step === 'approve'
        ? { type: 'approve', ...versioned, rationale: 'Revenue impact across the EU.', newPriority: 'urgent', followUps: ['Page the payments team'], updateCadenceMinutes: 60 }
        : step === 'decline'
          ? { type: 'decline', ...versioned, category: 'not-severe-enough', reason: 'A workaround exists.' }
          : step === 'resolve'
            ? { type: 'resolve', ...versioned, summary: 'The CDN rule was fixed.' }
            : step === 'close'
              ? { type: 'close', ...versioned }
              : step === 'progress'
                ? { type: 'progressUpdate', ...versioned, text: 'Payments team is rolling out the fix region by region.', completedFollowUps: [] }
                : step === 'informed'
                  ? { type: 'recordCustomerInformed', ...versioned, kind: events.some((e) => e.type === 'progressUpdate') ? 'progress' : 'approved' }
                  : { type: 'withdraw', ...versioned, reason: 'The customer found the cause.' };
    const actor = step === 'approve' || step === 'decline' ? MANAGER : AGENT;
    const next = must(escalation, command, actor, new Date(t), policy);
    escalation = next.escalation;
    events = [...events, ...next.events];
  }
  return { escalation, events };
}

export function queueItem(options: BuildOptions): QueueItem {
  const { escalation } = buildEscalation(options);
  return { escalation, assessment: assess({ request: escalation.request, sla: escalation.sla }, DEFAULT_POLICY) };
}

export function detailFor(options: BuildOptions, actor: Actor = MANAGER, extra: Partial<EscalationDetail> = {}): EscalationDetail {
  const { escalation, events } = buildEscalation(options);
  const manager = actor.roles.includes('manager');
  return {
    actor,
    escalation,
    events,
    assessment: assess({ request: escalation.request, sla: escalation.sla }, DEFAULT_POLICY),
    writeBacks: [],
    allowed: escalation.state === 'requested' ? (manager ? ['acknowledge', 'approve', 'decline', 'resolve', 'withdraw'] : ['resolve', 'withdraw']) : [],
    defaults: { newPriority: DEFAULT_POLICY.approvedPriority[escalation.request.severity], updateCadenceMinutes: DEFAULT_POLICY.updateCadenceMinutes[escalation.request.severity] },
    ...extra,
  };
}

// Shared fixtures for the store's tests: a fresh database per test, actors, and commands that walk the process.
import { DEFAULT_POLICY } from '../policy';
import type { Actor, Command, Escalation, Severity } from '../schemas';
import { EscalationDb } from './db';
import { writeBack, type OutboxItemInput } from './outbox';
import { EscalationRepository } from './repository';

export const T0 = new Date('2026-11-27T09:00:00.000Z');
/** T0 plus some minutes. */
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export const AGENT: Actor = { id: 'alice@acme.test', name: 'Alice Agent', roles: ['agent'] };
export const OTHER_AGENT: Actor = { id: 'bob@acme.test', name: 'Bob Agent', roles: ['agent'] };
export const MANAGER: Actor = { id: 'maria@acme.test', name: 'Maria Manager', roles: ['manager'] };
export const POLICY = DEFAULT_POLICY;

let dbCounter = 0;
const opened: EscalationDb[] = [];

/** A new, empty database with a unique name; `closeTestDbs` deletes them all. */
export function testDb(): EscalationDb {
  dbCounter += 1;
  const db = new EscalationDb(`escalation-desk-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

export async function closeTestDbs(): Promise<void> {
  for (const db of opened.splice(0)) await db.delete();
}

export interface RequestOptions {
  site?: string;
  ticketId?: string;
  severity?: Severity;
  subject?: string;
  customerName?: string;
}

export function requestCommand(escalationId: string, options: RequestOptions = {}): Command {
  const site = options.site ?? 'zendesk';
  const ticketId = options.ticketId ?? '123';
  return {
    type: 'request',
    escalationId,
    ticket: { site, ticketId, url: `https://acme.${site === 'zendesk' ? 'zendesk.com/agent/tickets' : `${site}.test/tickets`}/${ticketId}` },
    subject: options.subject ?? 'Checkout fails for every EU customer',
    customer: { name: options.customerName ?? 'Carla Customer', email: 'carla@customer.test' },
    request: {
      source: 'customer',
      customerWords: { text: 'Please escalate this now.', writtenAt: null, matched: ['escalate'] },
      reason: 'Revenue is blocked for all EU shoppers.',
      severity: options.severity ?? 'S2',
      impact: 'many-customers',
      businessRisk: { flags: ['revenue'], note: '' },
      actionsTaken: ['Cleared the cache', 'Reproduced on staging'],
      noActionsYet: false,
    },
    sla: {
      ticketPriority: 'high',
      ticketCreatedAt: T0.toISOString(),
      firstResponseDueAt: null,
      resolutionDueAt: null,
      minutesToBreach: null,
      capturedAt: T0.toISOString(),
    },
  };
}

export const approve = (escalation: Pick<Escalation, 'id' | 'version'>): Command => ({
  type: 'approve',
  escalationId: escalation.id,
  expectedVersion: escalation.version,
  rationale: 'Revenue impact across the EU.',
  newPriority: 'urgent',
  followUps: ['Page the payments team', 'Check the CDN'],
  updateCadenceMinutes: 60,
});

export const decline = (escalation: Pick<Escalation, 'id' | 'version'>): Command => ({
  type: 'decline',
  escalationId: escalation.id,
  expectedVersion: escalation.version,
  category: 'not-severe-enough',
  reason: 'A workaround exists.',
});

export const progress = (escalation: Pick<Escalation, 'id' | 'version'>, text = 'Payments team is on it.'): Command => ({
  type: 'progressUpdate',
  escalationId: escalation.id,
  expectedVersion: escalation.version,
  text,
  completedFollowUps: [],
});

export const resolve = (escalation: Pick<Escalation, 'id' | 'version'>): Command => ({
  type: 'resolve',
  escalationId: escalation.id,
  expectedVersion: escalation.version,
  summary: 'The CDN rule was fixed.',
});

export const close = (escalation: Pick<Escalation, 'id' | 'version'>): Command => ({
  type: 'close',
  escalationId: escalation.id,
  expectedVersion: escalation.version,
});

export const withdraw = (escalation: Pick<Escalation, 'id' | 'version'>): Command => ({
  type: 'withdraw',
  escalationId: escalation.id,
  expectedVersion: escalation.version,
  reason: 'The customer found the cause.',
});

/** A note and a tag for every accepted command: enough to exercise the outbox inside apply. */
export const noteAndTags = (escalation: Escalation): OutboxItemInput[] => [
  writeBack(escalation, { kind: 'note', text: `[Escalation Desk] ${escalation.state}` }),
  writeBack(escalation, { kind: 'tags', tags: [`escalation_${escalation.state}`] }),
];

/** Applies and insists on acceptance, for setting up a scenario. */
export async function mustApply(
  repo: EscalationRepository,
  command: Command,
  actor: Actor,
  now: Date,
  writeBacks?: (escalation: Escalation) => OutboxItemInput[],
): Promise<Escalation> {
  const result = await repo.apply(command, actor, now, POLICY, writeBacks);
  if (!result.ok) throw new Error(`setup: ${command.type} refused: ${result.refusal.refused}: ${result.refusal.message}`);
  return result.escalation;
}

/** Requests an escalation and optionally takes it further; returns the latest record. */
export async function scenario(
  repo: EscalationRepository,
  id: string,
  steps: readonly ('approve' | 'decline' | 'progress' | 'resolve' | 'close' | 'withdraw')[],
  options: RequestOptions & { start?: Date; actor?: Actor; writeBacks?: (escalation: Escalation) => OutboxItemInput[] } = {},
): Promise<Escalation> {
  let now = options.start ?? T0;
  let escalation = await mustApply(repo, requestCommand(id, options), options.actor ?? AGENT, now, options.writeBacks);
  for (const step of steps) {
    now = new Date(now.getTime() + 10 * 60_000);
    const builders = { approve, decline, progress, resolve, close, withdraw } as const;
    const actor = step === 'approve' || step === 'decline' ? MANAGER : (options.actor ?? AGENT);
    escalation = await mustApply(repo, builders[step](escalation), actor, now, options.writeBacks);
  }
  return escalation;
}

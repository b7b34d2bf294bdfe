// Small builders for unit tests: a valid ticket snapshot, a valid escalation request, an SLA snapshot, a message on
// a simulated ticket.
import type { EscalationRequest, SlaSnapshot, TicketSnapshot } from '../core/schemas';
import type { SimMessage } from './simulator/types';

export function snapshotFor(overrides: Partial<TicketSnapshot> & { ticketId?: string; site?: string; url?: string } = {}): TicketSnapshot {
  const ticketId = overrides.ticketId ?? '101';
  const site = overrides.site ?? 'zendesk';
  const { ticketId: _t, site: _s, url: _u, ...rest } = overrides;
  return {
    ref: { site, ticketId, url: overrides.url ?? `https://acme.zendesk.com/agent/tickets/${ticketId}` },
    subject: 'Checkout fails with error 500',
    requester: { name: 'Carla Customer', email: 'carla@customer.test' },
    status: 'Open',
    priority: { raw: 'High', level: 'high' },
    assignee: 'Alex Agent',
    tags: ['checkout'],
    messages: [
      { id: 'm1', author: 'Carla Customer', authorRole: 'customer', visibility: 'public', body: 'Checkout fails for all our users.', createdAt: '2026-11-27T08:00:00Z' },
      { id: 'm2', author: 'Alex Agent', authorRole: 'agent', visibility: 'internal', body: 'Reproduced on staging.', createdAt: '2026-11-27T08:30:00Z' },
      { id: 'm3', author: 'Carla Customer', authorRole: 'customer', visibility: 'public', body: 'This is still broken. I want to speak to a manager now.', createdAt: '2026-11-27T09:00:00Z' },
    ],
    createdAt: '2026-11-27T08:00:00Z',
    currentAgent: { name: 'Alex Agent', email: 'alex@acme.test' },
    source: 'dom',
    readAt: '2026-11-27T09:05:00Z',
    ...rest,
  };
}

export function requestFor(overrides: Partial<EscalationRequest> = {}): EscalationRequest {
  return {
    source: 'customer',
    customerWords: { text: 'I want to speak to a manager now.', writtenAt: '2026-11-27T09:00:00Z', matched: ['speak to a manager'] },
    reason: 'Checkout is down for all of the customer’s users since the release.',
    severity: 'S2',
    impact: 'many-customers',
    businessRisk: { flags: ['revenue'], note: 'Black Friday sales' },
    actionsTaken: ['Reproduced on staging', 'Cleared the CDN cache'],
    noActionsYet: false,
    ...overrides,
  };
}

/** An SLA snapshot that knows only the minutes to breach (null: the ticket has no SLA clock). */
export function slaWithBreachIn(minutesToBreach: number | null): SlaSnapshot {
  return {
    ticketPriority: minutesToBreach === null ? null : 'normal',
    ticketCreatedAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    minutesToBreach,
    capturedAt: '2026-05-04T10:00:00Z',
  };
}

/** A message added to a simulated ticket: the customer's public reply, or an agent's internal note. */
export function simMessage(isPublic: boolean, body: string, id: string, createdAt = '2026-11-03T09:00:00.000Z'): SimMessage {
  return {
    id,
    author: isPublic ? 'Customer' : 'Jordan Lee',
    authorEmail: isPublic ? 'customer@example.test' : 'jordan.lee@acme.example',
    role: isPublic ? 'customer' : 'agent',
    public: isPublic,
    body,
    createdAt,
  };
}

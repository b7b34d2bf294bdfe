// The internal notes Escalation Desk writes into the helpdesk ticket: on request, on decision, and the closing
// documentation note that summarises the whole escalation. Plain text only: adapters escape it for helpdesks
// whose note API takes HTML, so nothing from the ticket ever becomes markup.
import type { Escalation, EscalationEvent } from './schemas';

const STATE_WORDS: Record<Escalation['state'], string> = {
  requested: 'awaiting decision',
  approved: 'approved',
  declined: 'not approved',
  resolved: 'resolved',
  closed: 'closed',
  withdrawn: 'withdrawn',
};

const EVENT_WORDS: Record<EscalationEvent['type'], string> = {
  request: 'Escalation requested',
  acknowledge: 'Acknowledged by a manager',
  approve: 'Approved',
  decline: 'Not approved',
  recordCustomerInformed: 'Customer informed',
  progressUpdate: 'Progress update',
  resolve: 'Resolved',
  close: 'Closed',
  withdraw: 'Withdrawn',
};

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC').replace(/:\d\d(\.\d+)?([+-]\d\d:\d\d)$/, ' $2');
}

export function stateWords(state: Escalation['state']): string {
  return STATE_WORDS[state];
}

export function requestNote(escalation: Escalation): string {
  const { request } = escalation;
  const lines = [
    `[Escalation Desk] Escalation requested by ${escalation.requestedBy.name} (${request.source === 'customer' ? 'the customer asked' : "agent's judgement"}).`,
    `Severity ${request.severity}, impact: ${request.impact}.`,
    `Reason: ${request.reason}`,
  ];
  if (request.businessRisk.flags.length > 0) lines.push(`Business risk: ${request.businessRisk.flags.join(', ')}${request.businessRisk.note ? ` (${request.businessRisk.note})` : ''}.`);
  lines.push(request.actionsTaken.length > 0 ? `Actions already taken: ${request.actionsTaken.join('; ')}.` : 'Actions already taken: none yet.');
  if (request.customerWords) lines.push(`Customer's words: "${request.customerWords.text}"`);
  lines.push(`Decision due by ${when(escalation.decisionDueAt)}.`);
  return lines.join('\n');
}

export function decisionNote(escalation: Escalation): string {
  const decision = escalation.decision;
  if (!decision) return '';
  if (decision.outcome === 'approved') {
    const lines = [
      `[Escalation Desk] Escalation approved by ${decision.by.name}.`,
      `Rationale: ${decision.rationale}`,
      `Priority raised to ${decision.newPriority}. Customer updates every ${cadenceWords(decision.updateCadenceMinutes)}.`,
    ];
    if (decision.followUps.length > 0) lines.push(`Follow-ups: ${decision.followUps.map((f) => f.text).join('; ')}.`);
    return lines.join('\n');
  }
  return [
    `[Escalation Desk] Escalation not approved by ${decision.by.name} (${decision.category.replace(/-/g, ' ')}).`,
    `Reason: ${decision.reason}`,
    'The ticket continues through the normal process.',
  ].join('\n');
}

export function cadenceWords(minutes: number): string {
  if (minutes % (60 * 24) === 0) return minutes === 1440 ? 'day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** The closing documentation note: the whole escalation in one internal note. */
export function documentationNote(escalation: Escalation, events: readonly EscalationEvent[]): string {
  const { request } = escalation;
  const lines = [
    `[Escalation Desk] Escalation summary (${stateWords(escalation.state)})`,
    '',
    'Request',
    `- Requested by ${escalation.requestedBy.name} at ${when(escalation.requestedAt)}; source: ${request.source}.`,
    `- Severity ${request.severity}; impact: ${request.impact}; business risk: ${request.businessRisk.flags.join(', ') || 'none flagged'}.`,
    `- Reason: ${request.reason}`,
    `- Actions taken before escalating: ${request.actionsTaken.join('; ') || 'none'}.`,
  ];
  if (request.customerWords) lines.push(`- Customer's words: "${request.customerWords.text}"`);
  lines.push(
    `- SLA at request: ticket priority ${escalation.sla.ticketPriority ?? 'unknown'}, ${escalation.sla.minutesToBreach === null ? 'no SLA clock' : escalation.sla.minutesToBreach < 0 ? `breached by ${-escalation.sla.minutesToBreach} min` : `${escalation.sla.minutesToBreach} min to breach`}.`,
  );
  lines.push('', 'Decision');
  const decision = escalation.decision;
  if (!decision) lines.push('- No decision was made.');
  else if (decision.outcome === 'approved')
    lines.push(
      `- Approved by ${decision.by.name} at ${when(decision.at)}: ${decision.rationale}`,
      `- Priority raised to ${decision.newPriority}; updates every ${cadenceWords(decision.updateCadenceMinutes)}.`,
      ...decision.followUps.map((f) => `- Follow-up ${f.done ? '[done]' : '[open]'}: ${f.text}`),
    );
  else lines.push(`- Not approved by ${decision.by.name} at ${when(decision.at)} (${decision.category}): ${decision.reason}`);
  if (escalation.progressUpdates.length > 0) {
    lines.push('', 'Progress');
    for (const update of escalation.progressUpdates) lines.push(`- ${when(update.at)} ${update.by.name}: ${update.text}`);
  }
  if (escalation.customerInformed.length > 0) {
    lines.push('', 'Customer kept informed');
    for (const informed of escalation.customerInformed) lines.push(`- ${when(informed.at)} ${informed.kind} message, by ${informed.by.name}`);
  }
  lines.push('', 'Resolution');
  lines.push(escalation.resolution ? `- ${when(escalation.resolution.at)} by ${escalation.resolution.by.name}: ${escalation.resolution.summary}` : '- Not resolved.');
  lines.push('', 'Timeline');
  for (const event of events) lines.push(`- ${when(event.at)} ${EVENT_WORDS[event.type]} (${event.actor.name})`);
  return lines.join('\n');
}

export function eventWords(type: EscalationEvent['type']): string {
  return EVENT_WORDS[type];
}

import { describe, expect, it } from 'vitest';
import { Escalation, CUSTOMER_MESSAGE_KINDS, type Actor, type CustomerMessageKind } from './schemas';
import { DEFAULT_TEMPLATES } from './settings';
import {
  TEMPLATE_VARIABLES,
  TEMPLATE_VARIABLE_DESCRIPTIONS,
  formatCustomerDateTime,
  formatInterval,
  renderTemplate,
  templateVariables,
  validateTemplate,
} from './templates';

const manager: Actor = { id: 'mia@acme.test', name: 'Mia Manager', roles: ['manager'] };
const agent: Actor = { id: 'alex@acme.test', name: 'Alex Agent', roles: ['agent'] };
const NOW = new Date('2026-11-27T10:00:00Z');

function escalation(over: Partial<Escalation> = {}): Escalation {
  return Escalation.parse({
    id: 'esc_abcdef123',
    ticket: { site: 'zendesk', ticketId: '4471', url: 'https://acme.zendesk.com/agent/tickets/4471' },
    subject: 'Invoices export fails',
    customer: { name: 'Robin Customer', email: 'robin@example.com' },
    state: 'requested',
    version: 1,
    request: {
      source: 'customer',
      customerWords: null,
      reason: 'Month-end close blocked',
      severity: 'S2',
      impact: 'team',
      businessRisk: { flags: ['revenue'], note: '' },
      actionsTaken: ['Reproduced the error'],
      noActionsYet: false,
    },
    requestedBy: agent,
    requestedAt: '2026-11-27T09:00:00Z',
    sla: { ticketPriority: 'high', ticketCreatedAt: null, firstResponseDueAt: null, resolutionDueAt: null, minutesToBreach: null, capturedAt: '2026-11-27T09:00:00Z' },
    decisionDueAt: '2026-11-27T10:00:00Z',
    acknowledged: null,
    decision: null,
    nextCustomerUpdateDueAt: null,
    customerInformed: [],
    progressUpdates: [],
    resolution: null,
    withdrawal: null,
    closedAt: null,
    createdAt: '2026-11-27T09:00:00Z',
    updatedAt: '2026-11-27T09:00:00Z',
    ...over,
  });
}

const approved = (): Escalation =>
  escalation({
    state: 'approved',
    version: 2,
    decision: {
      outcome: 'approved',
      by: manager,
      at: '2026-11-27T09:30:00Z',
      rationale: 'Month-end close for a whole team is blocked.',
      newPriority: 'urgent',
      followUps: [],
      updateCadenceMinutes: 240,
    },
    nextCustomerUpdateDueAt: '2026-11-27T15:00:00Z',
  });

const declined = (): Escalation =>
  escalation({
    state: 'declined',
    version: 2,
    decision: {
      outcome: 'declined',
      by: manager,
      at: '2026-11-27T09:30:00Z',
      category: 'not-severe-enough',
      reason: 'A workaround exists: exporting by week works while we fix the monthly export.',
    },
  });

describe('TEMPLATE_VARIABLES', () => {
  it('allows every variable the default templates use, for their kind', () => {
    for (const kind of CUSTOMER_MESSAGE_KINDS) expect(validateTemplate(kind, DEFAULT_TEMPLATES[kind]), kind).toEqual({ ok: true });
  });

  it('keeps kind-specific variables to their kind', () => {
    const only: Record<string, CustomerMessageKind[]> = {
      declineReason: ['declined'],
      progressText: ['progress'],
      resolutionSummary: ['resolution'],
      rationale: ['approved'],
      nextUpdateAt: ['approved', 'progress'],
    };
    for (const [name, kinds] of Object.entries(only)) {
      for (const kind of CUSTOMER_MESSAGE_KINDS) expect(TEMPLATE_VARIABLES[kind].includes(name), `${name} in ${kind}`).toBe(kinds.includes(kind));
    }
    for (const kind of CUSTOMER_MESSAGE_KINDS) {
      for (const common of ['customerName', 'subject', 'ticketId', 'agentName']) expect(TEMPLATE_VARIABLES[kind]).toContain(common);
    }
  });

  it('describes every variable', () => {
    for (const name of new Set(Object.values(TEMPLATE_VARIABLES).flat())) expect(TEMPLATE_VARIABLE_DESCRIPTIONS[name], name).toBeTruthy();
  });
});

describe('validateTemplate', () => {
  it('rejects an empty or blank template', () => {
    expect(validateTemplate('approved', '')).toEqual({ ok: false, errors: ['The template is empty.'] });
    expect(validateTemplate('approved', '  \n ')).toEqual({ ok: false, errors: ['The template is empty.'] });
  });

  it('rejects unknown variables and says what is allowed', () => {
    const result = validateTemplate('approved', 'Hi {{firstName}}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('Unknown variable {{firstName}}');
    expect(result.errors[0]).toContain('{{customerName}}');
  });

  it('rejects a variable that belongs to another kind of message', () => {
    const result = validateTemplate('approved', 'Sorry: {{declineReason}}');
    expect(result).toEqual({ ok: false, errors: [expect.stringContaining('{{declineReason}} cannot be used in the approved message')] });
  });

  it('suggests the right spelling when only the case differs', () => {
    const result = validateTemplate('declined', 'Hi {{CustomerName}}');
    expect(result.ok === false && result.errors[0]).toContain('Did you mean {{customerName}}?');
  });

  it('reports unbalanced braces with their position', () => {
    expect(validateTemplate('approved', 'Hi {{customerName')).toEqual({ ok: false, errors: ['"{{" at character 4 is never closed with "}}".'] });
    expect(validateTemplate('approved', 'Hi customerName}}')).toEqual({ ok: false, errors: ['"}}" at character 16 has no opening "{{".'] });
    expect(validateTemplate('approved', 'Hi {{customerName {{subject}}').ok).toBe(false);
    expect(validateTemplate('approved', 'Hi {{}}')).toEqual({ ok: false, errors: ['Empty placeholder "{{}}" at character 4.'] });
    expect(validateTemplate('approved', 'Hi {{first name}}').ok).toBe(false);
    expect(validateTemplate('approved', 'Hi {{{customerName}}}').ok).toBe(false);
  });

  it('accepts spaces inside the braces and single braces in the text', () => {
    expect(validateTemplate('approved', 'Hi {{ customerName }} :-} {ok}')).toEqual({ ok: true });
  });

  it('rejects a template over 5000 characters', () => {
    expect(validateTemplate('progress', 'x'.repeat(5001)).ok).toBe(false);
  });

  it('reports each unknown variable once', () => {
    const result = validateTemplate('progress', '{{foo}} {{foo}} {{bar}}');
    expect(result.ok === false && result.errors).toHaveLength(2);
  });
});

describe('renderTemplate', () => {
  const vars = { customerName: 'Robin', subject: 'Export fails', ticketId: '4471', agentName: 'Alex', declineReason: 'A workaround exists.' };

  it('fills every placeholder', () => {
    expect(renderTemplate('declined', 'Hi {{customerName}}, about {{ subject }} (#{{ticketId}}): {{declineReason}} {{customerName}}', vars)).toEqual({
      ok: true,
      text: 'Hi Robin, about Export fails (#4471): A workaround exists. Robin',
    });
  });

  it('refuses to leave a hole: null, undefined, empty and blank values are missing', () => {
    const result = renderTemplate('declined', '{{customerName}} {{subject}} {{ticketId}} {{agentName}} {{declineReason}} {{subject}}', {
      customerName: null,
      subject: undefined,
      ticketId: '',
      agentName: '   ',
      declineReason: 'ok',
    });
    expect(result).toEqual({ ok: false, missing: ['customerName', 'subject', 'ticketId', 'agentName'] });
  });

  it('treats a variable absent from vars as missing', () => {
    expect(renderTemplate('progress', 'Update: {{progressText}}', {})).toEqual({ ok: false, missing: ['progressText'] });
  });

  it('fails on an invalid template, listing the variables it cannot fill and the errors', () => {
    const result = renderTemplate('approved', 'Hi {{customerName}}, {{declineReason}}', { customerName: 'Robin', declineReason: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing).toEqual(['declineReason']);
    expect(result.errors?.[0]).toContain('cannot be used in the approved message');
    expect(renderTemplate('approved', '', {}).ok).toBe(false);
    expect(renderTemplate('approved', 'Hi {{customerName', { customerName: 'Robin' }).ok).toBe(false);
  });

  it('outputs plain text: values are inserted verbatim, once, never interpreted', () => {
    const result = renderTemplate('progress', '{{progressText}}\n-- {{agentName}}', {
      progressText: '<b>Fixed</b> & deployed; see {{ticketId}}\nline two',
      agentName: 'Alex',
      ticketId: 'SHOULD-NOT-APPEAR',
    });
    expect(result).toEqual({ ok: true, text: '<b>Fixed</b> & deployed; see {{ticketId}}\nline two\n-- Alex' });
  });

  it('does not read inherited properties as values', () => {
    expect(renderTemplate('approved', 'Hi {{customerName}}', Object.create({ customerName: 'Inherited' }) as Record<string, string>)).toEqual({
      ok: false,
      missing: ['customerName'],
    });
    expect(renderTemplate('approved', '{{constructor}}', {}).ok).toBe(false);
  });
});

describe('formatting', () => {
  it('renders dates human-readably with Intl, in the given zone and locale', () => {
    expect(formatCustomerDateTime('2026-11-27T15:00:00Z', { now: NOW })).toBe('Friday 27 November, 15:00 UTC');
    expect(formatCustomerDateTime('2026-11-27T15:00:00Z', { now: NOW, timeZone: 'Europe/Berlin', locale: 'de-DE' })).toBe('Freitag, 27. November, 16:00 MEZ');
    expect(formatCustomerDateTime('2027-01-04T08:30:00Z', { now: NOW })).toBe('Monday, 4 January 2027, 08:30 UTC');
    expect(formatCustomerDateTime('2026-11-27T15:00:00Z', { now: NOW, timeZone: 'Not/AZone', locale: 'not a locale!' })).toBe('Friday 27 November, 15:00 UTC');
    expect(formatCustomerDateTime(null, { now: NOW })).toBeNull();
    expect(formatCustomerDateTime('yesterday', { now: NOW })).toBeNull();
  });

  it('renders intervals in words', () => {
    expect(formatInterval(240)).toBe('4 hours');
    expect(formatInterval(60)).toBe('1 hour');
    expect(formatInterval(1440)).toBe('1 day');
    expect(formatInterval(90)).toBe('90 minutes');
    expect(formatInterval(120, 'de')).toBe('2 Stunden');
    expect(formatInterval(0)).toBeNull();
  });
});

describe('templateVariables', () => {
  it('fills the approval variables from an approved escalation', () => {
    const vars = templateVariables({ escalation: approved(), agentName: 'Alex Agent', now: NOW });
    expect(vars).toMatchObject({
      customerName: 'Robin Customer',
      subject: 'Invoices export fails',
      ticketId: '4471',
      agentName: 'Alex Agent',
      severity: 'S2',
      requestedAt: 'Friday 27 November, 09:00 UTC',
      nextUpdateAt: 'Friday 27 November, 15:00 UTC',
      updateInterval: '4 hours',
      newPriority: 'urgent',
      rationale: 'Month-end close for a whole team is blocked.',
      declineReason: null,
      progressText: null,
      resolutionSummary: null,
    });
  });

  it('returns a value or null for every variable of every kind', () => {
    const vars = templateVariables({ escalation: escalation(), agentName: 'Alex', now: NOW });
    for (const name of new Set(Object.values(TEMPLATE_VARIABLES).flat())) {
      expect(Object.prototype.hasOwnProperty.call(vars, name), name).toBe(true);
      expect(vars[name] === null || typeof vars[name] === 'string', name).toBe(true);
    }
  });

  it('fills the decline reason from a declined escalation, and nothing of an approval', () => {
    const vars = templateVariables({ escalation: declined(), agentName: 'Alex', now: NOW });
    expect(vars.declineReason).toBe('A workaround exists: exporting by week works while we fix the monthly export.');
    expect(vars.newPriority).toBeNull();
    expect(vars.nextUpdateAt).toBeNull();
  });

  it('uses the given progress text, else the latest progress update', () => {
    const e = approved();
    const withUpdates = Escalation.parse({
      ...e,
      progressUpdates: [
        { text: 'Root cause found.', by: agent, at: '2026-11-27T11:00:00Z' },
        { text: 'Fix in review.', by: agent, at: '2026-11-27T12:00:00Z' },
      ],
    });
    expect(templateVariables({ escalation: withUpdates, agentName: 'Alex', now: NOW }).progressText).toBe('Fix in review.');
    expect(templateVariables({ escalation: withUpdates, agentName: 'Alex', now: NOW, progressText: 'Deployed to staging.' }).progressText).toBe('Deployed to staging.');
    expect(templateVariables({ escalation: withUpdates, agentName: 'Alex', now: NOW, progressText: '  ' }).progressText).toBeNull();
  });

  it('uses the given resolution summary, else the recorded resolution', () => {
    const resolved = Escalation.parse({ ...approved(), state: 'resolved', resolution: { summary: 'The export now runs in batches.', by: agent, at: '2026-11-27T16:00:00Z' } });
    expect(templateVariables({ escalation: resolved, agentName: 'Alex', now: NOW }).resolutionSummary).toBe('The export now runs in batches.');
    expect(templateVariables({ escalation: resolved, agentName: 'Alex', now: NOW, resolutionSummary: 'Fixed.' }).resolutionSummary).toBe('Fixed.');
  });

  it('formats times in the requested zone and locale', () => {
    const vars = templateVariables({ escalation: approved(), agentName: 'Alex', now: NOW, timeZone: 'Europe/Paris', locale: 'fr-FR' });
    // French typography puts (narrow) no-break spaces in these; compare with plain spaces.
    const plain = (s: string | null | undefined): string | undefined => s?.replace(/\s/gu, ' ');
    expect(plain(vars.nextUpdateAt)).toBe('vendredi 27 novembre, 16:00 UTC+1');
    expect(plain(vars.updateInterval)).toBe('4 heures');
  });

  it('gives null, not an empty string, for a blank name or agent', () => {
    const e = Escalation.parse({ ...approved(), customer: { name: '  ', email: null } });
    const vars = templateVariables({ escalation: e, agentName: '', now: NOW });
    expect(vars.customerName).toBeNull();
    expect(vars.agentName).toBeNull();
    expect(renderTemplate('approved', DEFAULT_TEMPLATES.approved, vars)).toEqual({ ok: false, missing: ['customerName', 'agentName'] });
  });
});

describe('default templates, end to end', () => {
  const cases: [CustomerMessageKind, () => Escalation, Partial<{ progressText: string; resolutionSummary: string }>, string[]][] = [
    ['approved', approved, {}, ['Hello Robin Customer,', '"Invoices export fails" (ticket 4471)', 'by Friday 27 November, 15:00 UTC at the latest', 'Alex Agent']],
    ['declined', declined, {}, ['A workaround exists: exporting by week works', 'your ticket 4471 stays with our team']],
    ['progress', approved, { progressText: 'The fix is in review and ships tomorrow.' }, ['(ticket 4471): The fix is in review and ships tomorrow.', 'by Friday 27 November, 15:00 UTC.']],
    ['resolution', approved, { resolutionSummary: 'The monthly export runs in batches now.' }, ['(ticket 4471): The monthly export runs in batches now.']],
  ];
  it.each(cases)('renders the %s message with no hole', (kind, make, extra, expected) => {
    const vars = templateVariables({ escalation: make(), agentName: 'Alex Agent', now: NOW, ...extra });
    const result = renderTemplate(kind, DEFAULT_TEMPLATES[kind], vars);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const fragment of expected) expect(result.text).toContain(fragment);
    expect(result.text).not.toMatch(/undefined|null|\{\{|\}\}|NaN/);
  });

  it('reports the progress text as missing until the agent writes it', () => {
    const vars = templateVariables({ escalation: approved(), agentName: 'Alex', now: NOW });
    expect(renderTemplate('progress', DEFAULT_TEMPLATES.progress, vars)).toEqual({ ok: false, missing: ['progressText'] });
  });
});

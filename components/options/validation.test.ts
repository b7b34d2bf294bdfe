// The options page's own checks before anything is sent: policy fields, templates, custom domain addresses and the
// custom adapter form (errors land on the field that caused them).
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../core/policy';
import { DEFAULT_TEMPLATES } from '../../core/settings';
import { readFixture } from '../../test/fixtures';
import { validateCustomAdapterDefinition, type CustomAdapterDefinition } from '../../adapters/custom/definition';
import { validateOrigin } from './CustomSitesSection';
import { definitionToForm, EMPTY_ADAPTER_FORM, formErrors, formToDefinition, slugId } from './customAdapterForm';
import { setIn } from './draft';
import { validatePolicy } from './PolicySection';
import { sampleValues, templateErrors } from './TemplatesSection';
import { renderTemplate } from '../../core/templates';

describe('policy validation', () => {
  it('accepts the defaults', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual({});
  });

  it('names each invalid field with a plain sentence', () => {
    let draft = DEFAULT_POLICY;
    draft = setIn(draft, ['decisionSlaMinutes', 'S1'], 0);
    draft = setIn(draft, ['decisionSlaMinutes', 'S2'], 1.5);
    draft = setIn(draft, ['updateCadenceMinutes', 'S3'], Number.NaN);
    draft = setIn(draft, ['weights', 'risk', 'legal'], 101);
    draft = setIn(draft, ['thresholds', 'declineBelow'], 80);
    draft = setIn(draft, ['tags', 'declined'], 'Not OK!');
    draft = setIn(draft, ['severityDefinitions', 'S4'], '');
    draft = setIn(draft, ['slaTargets', 'urgent', 'resolutionMinutes'], 60 * 24 * 61);
    draft = setIn(draft, ['businessHours'], { timeZone: 'Europe/Berlin', days: [], startHour: 17, endHour: 9 });
    expect(validatePolicy(draft)).toEqual({
      'decisionSlaMinutes.S1': 'Must be at least 1.',
      'decisionSlaMinutes.S2': 'Enter a whole number.',
      'updateCadenceMinutes.S3': 'Enter a number.',
      'weights.risk.legal': 'Must be at most 100.',
      'thresholds.declineBelow': 'The decline threshold must not exceed the approve threshold.',
      'tags.declined': 'Use only lower-case letters, digits and _ : - (no spaces, up to 60 characters).',
      'severityDefinitions.S4': 'Cannot be empty.',
      'slaTargets.urgent.resolutionMinutes': 'Must be at most 86400.',
      'businessHours.days': 'Needs at least 1 entry.',
      'businessHours.endHour': 'Business hours must end after they start.',
    });
  });

  it('setIn copies along the path and never mutates the policy', () => {
    const before = JSON.stringify(DEFAULT_POLICY);
    const next = setIn(DEFAULT_POLICY, ['weights', 'impact', 'team'], 9);
    expect(next.weights.impact.team).toBe(9);
    expect(next.weights.risk).toBe(DEFAULT_POLICY.weights.risk);
    expect(JSON.stringify(DEFAULT_POLICY)).toBe(before);
  });
});

describe('template validation', () => {
  it('accepts the default templates and renders each with the sample values, leaving no hole', () => {
    expect(templateErrors(DEFAULT_TEMPLATES)).toEqual({});
    const samples = sampleValues(DEFAULT_POLICY, new Date('2026-11-27T12:00:00Z'), 'Alex Agent');
    for (const kind of ['approved', 'declined', 'progress', 'resolution'] as const) {
      const result = renderTemplate(kind, DEFAULT_TEMPLATES[kind], samples);
      expect(result.ok, kind).toBe(true);
      if (result.ok) expect(result.text).not.toMatch(/\{\{|\}\}|undefined|null/);
    }
    expect(samples.nextUpdateAt).toBe('Friday 27 November, 16:00 UTC'); // now + the S2 cadence (4 h)
  });

  it('refuses unknown and misplaced variables, broken braces and empty messages, per message', () => {
    const errors = templateErrors({ ...DEFAULT_TEMPLATES, approved: 'Hi {{customer}}', declined: 'Sorry {{rationale}}', progress: 'Update {{progressText}', resolution: '  ' });
    expect(errors.approved).toEqual([expect.stringMatching(/^Unknown variable \{\{customer\}\}\. Allowed here: \{\{customerName\}\}/)]);
    expect(errors.declined).toEqual([expect.stringMatching(/^\{\{rationale\}\} cannot be used in the declined message/)]);
    expect(errors.progress?.[0]).toMatch(/never closed/);
    expect(errors.resolution).toEqual(['The template is empty.']);
  });
});

describe('custom domain addresses', () => {
  it.each([
    ['https://support.acme.com', 'https://support.acme.com'],
    ['support.acme.com', 'https://support.acme.com'],
    ['  HTTPS://Support.Acme.com/agent/tickets/12?x=1  ', 'https://support.acme.com'],
    ['https://support.acme.com:8443/', 'https://support.acme.com:8443'],
  ])('accepts %j as %s', (input, origin) => {
    expect(validateOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', /Enter the address/],
    ['http://support.acme.com', /Only https:\/\//],
    ['https://*.acme.com', /not a valid address/],
    ['ftp://files.acme.com', /not a valid address/],
  ])('refuses %j', (input, message) => {
    const result = validateOrigin(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('custom adapter form', () => {
  const initech = JSON.parse(readFixture('custom', 'initech-definition.json')) as CustomAdapterDefinition;

  it('turns a saved definition into the form and back without loss', () => {
    const form = definitionToForm(initech);
    expect(form.matches).toBe('https://help.initech.test/*');
    const back = formToDefinition(form);
    expect(back).toEqual(initech);
    expect(validateCustomAdapterDefinition(back).ok).toBe(true);
  });

  it('leaves blank optional selectors out and keeps blank required ones so the schema names them', () => {
    const definition = formToDefinition({ ...EMPTY_ADAPTER_FORM, label: 'X' }) as { selectors: Record<string, string> };
    expect(Object.keys(definition.selectors).sort()).toEqual(['customerMessage', 'messageAuthor', 'messageBody', 'messageItem', 'mountAnchor', 'priority', 'requesterName', 'status', 'subject'].sort());
  });

  const errorsFor = (form: ReturnType<typeof definitionToForm>, patch: Record<string, unknown> = {}) => {
    const result = validateCustomAdapterDefinition({ ...formToDefinition(form), ...patch });
    if (result.ok) throw new Error('expected errors');
    return formErrors(result.errors, form);
  };

  it('puts each error on the field that caused it, with the line for one-per-line fields', () => {
    const base = definitionToForm(initech);
    expect(errorsFor({ ...base, matches: 'https://help.initech.test/*\n\nhttps://acme.zendesk.com/*' }).matches).toBe(
      'Line 2 (https://acme.zendesk.com/*): This host belongs to a built-in helpdesk adapter.',
    );
    // Examples are checked once the rest is valid.
    expect(errorsFor({ ...base, nonTickets: 'https://help.initech.test/tickets\nhttps://help.initech.test/tickets/INI-3' }).nonTickets).toBe(
      'Line 2 (https://help.initech.test/tickets/INI-3): The pattern claims this URL as a ticket.',
    );
  });

  it('maps example and priority errors to their rows', () => {
    const base = definitionToForm(initech);
    const examples = { ...base, exampleTickets: [{ url: '', ticketId: '' }, { url: 'https://help.initech.test/tickets/INI-5', ticketId: 'INI-6' }] };
    expect(errorsFor(examples)['exampleTickets.1.url']).toBe('The pattern reads another ticket id from this URL.');
    const priorities = { ...base, priorityMap: [{ raw: 'P1', level: 'urgent' as const }] };
    expect(errorsFor(priorities, { priorityMap: { P1: 'blocker' } })['priorityMap.0']).toMatch(/^Invalid option/);
  });

  it('makes an id from the name', () => {
    expect(slugId('Initech Helpdesk')).toBe('custom-initech-helpdesk');
    expect(slugId('  Société Générale — Support!  ')).toBe('custom-societe-generale-support');
    expect(slugId('!!!')).toBe('');
  });
});

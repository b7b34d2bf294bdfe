// The options page against the real background (fake browser, fake-indexeddb): what an admin sees and what ends
// up stored, including settings IT locks through managed storage and a person without the admin role.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../core/policy';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';
import { renderOptions, startTestBackground, type TestBackground } from './testing';

beforeEach(() => {
  window.history.replaceState(null, '', '#helpdesks');
});
afterEach(() => cleanup());

async function openSection(name: RegExp) {
  fireEvent.click(await screen.findByRole('link', { name }));
}

function section(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`section[data-section="${id}"]`);
  if (!el) throw new Error(`no section ${id}`);
  return el;
}

function adapterRow(id: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-testid="adapter-row"][data-adapter-id="${id}"]`)!;
}

function type(input: HTMLElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

function fieldError(container: HTMLElement, path: string): string | null {
  return container.querySelector(`[data-testid="field-error"][data-field="${path}"]`)?.textContent ?? null;
}

describe('managed settings (enterprise policy)', () => {
  let background: TestBackground;
  beforeEach(async () => {
    background = await startTestBackground({
      managed: {
        policy: { decisionSlaMinutes: { S1: 10 } },
        roles: { managers: ['mia@acme.test'], admins: ['You'] },
        disabledAdapters: ['hubspot'],
      },
    });
  });

  it('shows IT-provided values as locked, with their controls disabled', async () => {
    renderOptions(background);
    expect(await screen.findByTestId('managed-note')).toHaveProperty('textContent', expect.stringMatching(/the policy, the roles, which helpdesks are on/));

    const hubspot = within(adapterRow('hubspot')).getByTestId('adapter-toggle') as HTMLInputElement;
    expect(hubspot.checked).toBe(false);
    expect(hubspot.disabled).toBe(true);
    expect((within(adapterRow('zendesk')).getByTestId('adapter-toggle') as HTMLInputElement).disabled).toBe(true);

    await openSection(/Policy/);
    const policy = section('policy');
    expect(within(policy).getByTestId('locked-note').textContent).toMatch(/managed by your organisation/);
    const s1 = within(policy).getByLabelText('Decision SLA for S1 (minutes)') as HTMLInputElement;
    expect(s1.value).toBe('10');
    expect(s1.closest('fieldset')!.disabled).toBe(true);

    await openSection(/Team/);
    expect(within(section('team')).getByTestId('locked-note')).toBeTruthy();
    expect(within(section('team')).getByLabelText('Add to managers')).toHaveProperty('disabled', true);
  });

  it('the background refuses changes to locked settings and stores nothing', async () => {
    const before = await background.settings();
    const policyChange = await background.call({ type: 'settings.save', settings: { ...before, policy: { ...before.policy, decisionSlaMinutes: { ...before.policy.decisionSlaMinutes, S1: 30 } } } });
    expect(policyChange).toMatchObject({ ok: false, error: { code: 'locked-setting', message: expect.stringContaining('policy') } });
    const rolesChange = await background.call({ type: 'settings.save', settings: { ...before, roles: { managers: [], admins: [] } } });
    expect(rolesChange).toMatchObject({ ok: false, error: { code: 'locked-setting', message: expect.stringContaining('roles') } });
    const toggle = await background.call({ type: 'adapter.setEnabled', adapterId: 'hubspot', enabled: true });
    expect(toggle).toMatchObject({ ok: false, error: { code: 'locked-setting' } });
    expect(await background.settings()).toEqual(before);
  });

  it('unlocked settings can still be saved beside locked ones', async () => {
    renderOptions(background);
    await openSection(/Templates/);
    const templates = section('templates');
    const editor = within(templates).getByLabelText('Approved message') as HTMLTextAreaElement;
    type(editor, 'Hello {{customerName}}, your escalation is approved. {{agentName}}');
    fireEvent.click(within(templates).getByTestId('templates-save'));
    await within(templates).findByText(/Templates saved/);
    const stored = await background.settings();
    expect(stored.templates.approved).toBe('Hello {{customerName}}, your escalation is approved. {{agentName}}');
    expect(stored.policy.decisionSlaMinutes.S1).toBe(10); // still IT's value
  });
});

describe('who may change settings', () => {
  it('shows everything read-only to someone who is not an admin, and the background refuses anyway', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, roles: { managers: [], admins: ['boss@acme.test'] }, identity: { name: 'Alex Agent', email: 'alex@acme.test', source: 'entered' } };
    const background = await startTestBackground({ settings });
    renderOptions(background);
    const note = await screen.findByTestId('read-only-note');
    expect(note.textContent).toMatch(/Only admins can change/);
    expect(note.textContent).toMatch(/boss@acme\.test/);
    expect((within(adapterRow('zendesk')).getByTestId('adapter-toggle') as HTMLInputElement).disabled).toBe(true);
    await openSection(/Data/);
    expect((screen.getByTestId('export-button') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('import-input') as HTMLInputElement).disabled).toBe(true);
    expect(await background.call({ type: 'adapter.setEnabled', adapterId: 'zendesk', enabled: false })).toMatchObject({ ok: false, error: { reason: 'needs-admin' } });
  });
});

describe('helpdesks', () => {
  it('switches an adapter off and on, and the row follows what is stored', async () => {
    const background = await startTestBackground();
    const view = renderOptions(background);
    await screen.findAllByTestId('adapter-row');
    expect(document.querySelectorAll('[data-testid="adapter-row"]')).toHaveLength(6);
    const toggle = within(adapterRow('zendesk')).getByRole('switch', { name: 'Zendesk' }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);

    fireEvent.click(toggle);
    await waitFor(() => expect(adapterRow('zendesk').getAttribute('data-enabled')).toBe('false'));
    expect((await background.settings()).disabledAdapters).toEqual(['zendesk']);
    expect(screen.getByTestId('nav-helpdesks').textContent).toMatch(/5 on/);

    fireEvent.click(within(adapterRow('zendesk')).getByRole('switch', { name: 'Zendesk' }));
    await waitFor(() => expect(adapterRow('zendesk').getAttribute('data-enabled')).toBe('true'));
    expect((await background.settings()).disabledAdapters).toEqual([]);
    expect(view.sentTypes().filter((t) => t === 'adapter.setEnabled')).toHaveLength(2);
  });

  it('shows each adapter’s health: which fields it read and which selector failed', async () => {
    const background = await startTestBackground();
    await background.bg.service.handle(
      {
        type: 'ticket.problem',
        adapterId: 'freshdesk',
        path: '/a/tickets/7',
        problem: { code: 'field-missing', field: 'subject', selector: '.ticket-subject-heading', message: 'The subject could not be read.' },
        health: [
          { field: 'subject', ok: false, via: '.ticket-subject-heading', source: 'dom' },
          { field: 'status', ok: true, via: '/api/_/tickets/7', source: 'api' },
        ],
      },
      { kind: 'extension-page', url: 'chrome-extension://test/options.html' },
    );
    renderOptions(background);
    await screen.findAllByTestId('adapter-row');
    const row = adapterRow('freshdesk');
    expect(within(row).getByTestId('adapter-health').textContent).toBe('Cannot read pages');
    expect(within(row).getByTestId('adapter-health-problem').textContent).toMatch(/subject could not be read.*\.ticket-subject-heading/);
    expect(within(row).getByText('/a/tickets/7')).toBeTruthy();
    expect(within(adapterRow('zendesk')).getByTestId('adapter-health').textContent).toBe('Not seen yet');
  });
});

describe('policy', () => {
  let background: TestBackground;
  beforeEach(async () => {
    background = await startTestBackground();
    renderOptions(background);
    await openSection(/Policy/);
  });

  it('shows a clear error next to each invalid field and saves nothing until they are fixed', async () => {
    const policy = section('policy');
    const s1 = within(policy).getByLabelText('Decision SLA for S1 (minutes)');
    type(s1, '0');
    type(within(policy).getByLabelText('“Near breach” within'), '');
    type(within(policy).getByLabelText('Recommend declining below'), '90');
    type(within(policy).getByLabelText('When approved'), 'Escalation Approved');
    type(within(policy).getByLabelText('S2', { selector: 'textarea' }), '   ');

    expect(fieldError(policy, 'decisionSlaMinutes.S1')).toBe('Must be at least 1.');
    expect(s1.getAttribute('aria-invalid')).toBe('true');
    expect(s1.getAttribute('aria-describedby')).toBeTruthy();
    expect(fieldError(policy, 'slaNearMinutes')).toBe('Enter a number.');
    expect(fieldError(policy, 'thresholds.declineBelow')).toBe('The decline threshold must not exceed the approve threshold.');
    expect(fieldError(policy, 'tags.approved')).toMatch(/Use only lower-case letters, digits and _ : -/);
    expect(fieldError(policy, 'severityDefinitions.S2')).toBe('Cannot be empty.');

    fireEvent.click(within(policy).getByTestId('policy-save'));
    expect((await within(policy).findByTestId('policy-notice')).textContent).toMatch(/not saved: 5 field/);
    expect((await background.settings()).policy).toEqual(DEFAULT_POLICY);

    type(s1, '20');
    type(within(policy).getByLabelText('“Near breach” within'), '90');
    type(within(policy).getByLabelText('Recommend declining below'), '20');
    type(within(policy).getByLabelText('When approved'), 'escalation_ok');
    type(within(policy).getByLabelText('S2', { selector: 'textarea' }), 'High: many users blocked.');
    expect(policy.querySelectorAll('[data-testid="field-error"]')).toHaveLength(0);
    fireEvent.click(within(policy).getByTestId('policy-save'));
    await within(policy).findByText(/Policy saved/);
    const stored = (await background.settings()).policy;
    expect(stored.decisionSlaMinutes.S1).toBe(20);
    expect(stored.slaNearMinutes).toBe(90);
    expect(stored.thresholds.declineBelow).toBe(20);
    expect(stored.tags.approved).toBe('escalation_ok');
    expect(stored.severityDefinitions.S2).toBe('High: many users blocked.');
  });

  it('follows a policy saved elsewhere, but never overwrites unsaved edits', async () => {
    const policy = section('policy');
    const s1 = within(policy).getByLabelText('Decision SLA for S1 (minutes)') as HTMLInputElement;
    const s2 = within(policy).getByLabelText('Decision SLA for S2 (minutes)') as HTMLInputElement;
    const saveElsewhere = async (patch: Partial<typeof DEFAULT_POLICY.decisionSlaMinutes>) => {
      const current = await background.settings();
      const answer = await background.call({ type: 'settings.save', settings: { ...current, policy: { ...current.policy, decisionSlaMinutes: { ...current.policy.decisionSlaMinutes, ...patch } } } });
      expect(answer.ok).toBe(true);
    };
    await saveElsewhere({ S1: 30 }); // the background tells open pages; this one reloads
    await waitFor(() => expect(s1.value).toBe('30'));

    type(s2, '45');
    await saveElsewhere({ S1: 5 });
    await new Promise((r) => setTimeout(r, 50));
    expect(s2.value).toBe('45');
    expect(s1.value).toBe('30');
    expect(within(policy.parentElement!).getByText('Unsaved changes')).toBeTruthy();
  });

  it('adds and removes escalation phrases per language, and switches warnings', async () => {
    const policy = section('policy');
    fireEvent.change(within(policy).getByLabelText('Language'), { target: { value: 'de' } });
    const phrase = within(policy).getByLabelText('Phrase');
    type(phrase, 'x');
    fireEvent.click(within(policy).getByTestId('add-phrase'));
    expect(fieldError(policy, 'phrase-new')).toBe('A phrase needs at least 2 characters.');
    type(phrase, 'Vorgesetzten sprechen');
    fireEvent.click(within(policy).getByTestId('add-phrase'));
    type(phrase, 'vorgesetzten SPRECHEN');
    fireEvent.click(within(policy).getByTestId('add-phrase'));
    expect(fieldError(policy, 'phrase-new')).toMatch(/already in the German list/);
    expect(within(policy).getAllByTestId('custom-phrase')).toHaveLength(1);

    fireEvent.click(within(policy).getByLabelText(/Duplicate/));
    fireEvent.click(within(policy).getByTestId('policy-save'));
    await within(policy).findByText(/Policy saved/);
    let stored = (await background.settings()).policy;
    expect(stored.customPhrases.de).toEqual([{ group: 'explicit', phrase: 'Vorgesetzten sprechen' }]);
    expect(stored.warnings.duplicate).toBe(false);

    fireEvent.click(within(policy).getByRole('button', { name: 'Remove German phrase “Vorgesetzten sprechen”' }));
    fireEvent.click(within(policy).getByTestId('policy-save'));
    await waitFor(async () => expect((await background.settings()).policy.customPhrases.de).toEqual([]));
    stored = (await background.settings()).policy;
    expect(stored.warnings.duplicate).toBe(false);
  });
});

describe('templates', () => {
  it('refuses unknown variables, previews with sample values as the admin types, and saves', async () => {
    const background = await startTestBackground();
    renderOptions(background);
    await openSection(/Templates/);
    const templates = section('templates');
    fireEvent.click(within(templates).getByRole('tab', { name: /Not approved/ }));
    const editor = within(templates).getByLabelText('Not approved message') as HTMLTextAreaElement;
    expect(within(templates).getByTestId('template-preview').textContent).toContain('Hello Carla Customer');

    type(editor, 'Hi {{customername}}, {{declineReason}} {{nextUpdateAt}} {{orderNumber}}');
    const error = fieldError(templates, 'templates.declined')!;
    expect(error).toContain('Unknown variable {{customername}}. Did you mean {{customerName}}?');
    expect(error).toContain('Unknown variable {{orderNumber}}.');
    expect(error).toContain('{{nextUpdateAt}} cannot be used in the declined message');
    expect(within(templates).getByTestId('template-preview').textContent).toMatch(/No preview/);
    expect(within(templates).getByRole('tab', { name: /Not approved.*has problems/ })).toBeTruthy();
    fireEvent.click(within(templates).getByTestId('templates-save'));
    expect((await within(templates).findByTestId('templates-notice')).textContent).toMatch(/not saved/);
    expect((await background.settings()).templates).toEqual(DEFAULT_SETTINGS.templates);

    type(editor, 'Hi {{customerName}}, ');
    fireEvent.click(within(templates).getByRole('button', { name: /Insert \{\{declineReason\}\}/ }));
    expect(editor.value).toBe('Hi {{customerName}}, {{declineReason}}');
    expect(within(templates).getByTestId('template-preview').textContent).toMatch(/^Hi Carla Customer, The slowdown affects one report/);
    expect(within(templates).queryByRole('button', { name: /Insert \{\{rationale\}\}/ })).toBeNull(); // approval-only
    fireEvent.click(within(templates).getByTestId('templates-save'));
    await within(templates).findByText(/Templates saved/);
    expect((await background.settings()).templates.declined).toBe('Hi {{customerName}}, {{declineReason}}');
  });
});

describe('team', () => {
  it('adds a manager, warns before the admin gives up their own admin role, and saves', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, identity: { name: 'Avery Agent', email: 'avery@acme.test', source: 'helpdesk' } };
    const background = await startTestBackground({ settings });
    renderOptions(background);
    await openSection(/Team/);
    const team = section('team');
    expect(within(team).getByTestId('identity-source').textContent).toMatch(/Detected from the helpdesk: Avery Agent <avery@acme\.test>/);

    type(within(team).getByLabelText('Add to managers'), 'mia@acme.test');
    fireEvent.click(within(within(team).getByTestId('managers')).getByRole('button', { name: 'Add' }));
    expect(within(team).getByTestId('loses-admin').textContent).toMatch(/Avery Agent is no longer an admin/);
    type(within(team).getByLabelText('Add to admins'), 'AVERY@acme.test');
    fireEvent.click(within(within(team).getByTestId('admins')).getByRole('button', { name: 'Add' }));
    expect(within(team).queryByTestId('loses-admin')).toBeNull();

    fireEvent.click(within(team).getByTestId('team-save'));
    await within(team).findByText('Team saved.');
    const stored = await background.settings();
    expect(stored.roles).toEqual({ managers: ['mia@acme.test'], admins: ['AVERY@acme.test'] });
    expect(stored.identity).toEqual({ name: 'Avery Agent', email: 'avery@acme.test', source: 'helpdesk' });
  });

  it('lets a person enter their identity when the helpdesk does not show it, with field errors', async () => {
    const background = await startTestBackground();
    renderOptions(background);
    await openSection(/Team/);
    const team = section('team');
    fireEvent.click(within(team).getByTestId('enter-identity'));
    type(within(team).getByLabelText('Your e-mail (as in the helpdesk)'), 'not-an-address');
    expect(fieldError(team, 'identity.name')).toBe('Enter your name.');
    expect(fieldError(team, 'identity.email')).toBe('Enter a valid e-mail address, or leave it empty.');
    type(within(team).getByLabelText('Your name'), 'Sam Support');
    type(within(team).getByLabelText('Your e-mail (as in the helpdesk)'), 'sam@acme.test');
    fireEvent.click(within(team).getByTestId('team-save'));
    await within(team).findByText('Team saved.');
    expect((await background.settings()).identity).toEqual({ name: 'Sam Support', email: 'sam@acme.test', source: 'entered' });
    await waitFor(() => expect(screen.getByTestId('whoami').textContent).toMatch(/Sam Support/));
  });
});

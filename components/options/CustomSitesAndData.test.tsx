// Custom sites and data on the options page, against the real background: the permission prompt comes first and
// inside the user's gesture, a refusal changes nothing, broken adapter definitions are explained field by field,
// and backups round-trip while damaged files change nothing.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestFor, snapshotFor } from '../../test/builders';
import { readFixture } from '../../test/fixtures';
import { MAX_BACKUP_CHARS } from '../../core/constants';
import type { Response } from '../../core/messages';
import { createSender } from '../messaging';
import { pageSender, renderOptions, startTestBackground, type TestBackground } from './testing';

const INITECH = readFixture('custom', 'initech-definition.json');

beforeEach(() => {
  window.history.replaceState(null, '', '#helpdesks');
});
afterEach(() => cleanup());

async function openSection(name: RegExp) {
  fireEvent.click(await screen.findByRole('link', { name }));
}
const section = (id: string) => document.querySelector<HTMLElement>(`section[data-section="${id}"]`)!;
const type = (input: HTMLElement, value: string) => fireEvent.input(input, { target: { value } });
const fieldError = (container: HTMLElement, path: string) => container.querySelector(`[data-testid="field-error"][data-field="${path}"]`)?.textContent ?? null;

describe('custom domains', () => {
  let background: TestBackground;
  beforeEach(async () => {
    background = await startTestBackground();
  });

  it('asks the browser for the origin first, inside the submit, then adds the domain and registers the script', async () => {
    const view = renderOptions(background);
    await openSection(/Custom sites/);
    const form = screen.getByTestId('custom-site-form');
    fireEvent.change(within(form).getByLabelText('Helpdesk'), { target: { value: 'freshdesk' } });
    type(within(form).getByLabelText('Address'), 'Support.Acme.test/a/tickets/12');
    const sentBefore = view.sent.length;
    fireEvent.submit(form);
    // Synchronously, before anything went to the background: browsers show the prompt only during the gesture.
    expect(view.requestOrigins).toHaveBeenCalledWith(['https://support.acme.test/*']);
    expect(view.sent.length).toBe(sentBefore);

    await waitFor(() => expect(screen.queryByTestId('custom-domain-notice')?.textContent ?? fieldError(form, 'origin')).toMatch(/https:\/\/support\.acme\.test added: Freshdesk tickets there now show the panel/));
    expect((await background.settings()).customDomains).toEqual([expect.objectContaining({ adapterId: 'freshdesk', origin: 'https://support.acme.test' })]);
    expect(background.registered.some((r) => r.matches.includes('https://support.acme.test/*'))).toBe(true);
    expect(within(screen.getByTestId('custom-domains')).getByText('https://support.acme.test')).toBeTruthy();

    // Listed under its helpdesk too.
    await openSection(/Helpdesks/);
    expect(document.querySelector('[data-adapter-id="freshdesk"]')!.textContent).toContain('https://support.acme.test/*');

    await openSection(/Custom sites/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove https://support.acme.test' }));
    await screen.findByText(/no longer runs there/);
    expect((await background.settings()).customDomains).toEqual([]);
  });

  it('refuses a bad address before asking for anything, and changes nothing when permission is denied', async () => {
    const view = renderOptions(background, { requestOrigins: async () => false });
    await openSection(/Custom sites/);
    const form = screen.getByTestId('custom-site-form');
    type(within(form).getByLabelText('Address'), 'http://support.acme.test');
    fireEvent.submit(form);
    expect(fieldError(form, 'origin')).toBe('Only https:// addresses can be added.');
    type(within(form).getByLabelText('Address'), 'https://exa mple');
    fireEvent.submit(form);
    expect(fieldError(form, 'origin')).toMatch(/not a valid address/);
    expect(view.sentTypes()).not.toContain('customDomain.add');

    type(within(form).getByLabelText('Address'), 'https://support.acme.test');
    fireEvent.submit(form);
    await waitFor(() => expect(fieldError(form, 'origin')).toMatch(/did not allow Escalation Desk on https:\/\/support\.acme\.test/));
    expect(view.sentTypes()).not.toContain('customDomain.add');
    expect((await background.settings()).customDomains).toEqual([]);
  });

  it('shows the background’s reason when the permission was not really granted', async () => {
    background.setPermissionGranted(false);
    renderOptions(background);
    await openSection(/Custom sites/);
    const form = screen.getByTestId('custom-site-form');
    type(within(form).getByLabelText('Address'), 'https://support.acme.test');
    fireEvent.submit(form);
    await waitFor(() => expect(fieldError(form, 'origin')).toMatch(/was not allowed to run on https:\/\/support\.acme\.test/));
    expect((await background.settings()).customDomains).toEqual([]);
  });
});

describe('custom adapters', () => {
  it('explains a broken definition next to each field and sends nothing', async () => {
    const background = await startTestBackground();
    const view = renderOptions(background);
    await openSection(/Custom sites/);
    fireEvent.click(screen.getByTestId('new-custom-adapter'));
    const editor = screen.getByTestId('custom-adapter-editor');
    type(within(editor).getByLabelText('Name'), 'Globex Desk');
    expect((within(editor).getByLabelText('Id') as HTMLInputElement).value).toBe('custom-globex-desk');
    type(within(editor).getByLabelText(/Runs on/), 'https://help.globex.test/*\nhttps://acme.zendesk.com/*');
    type(within(editor).getByLabelText('Ticket address pattern'), '^https://help\\.globex\\.test/t/(\\d+)/(\\w+)$');
    type(within(editor).getByLabelText(/^Subject/), 'h1[');
    fireEvent.click(within(editor).getByTestId('custom-adapter-save'));

    expect(fieldError(editor, 'matches')).toBe('Line 2 (https://acme.zendesk.com/*): This host belongs to a built-in helpdesk adapter.');
    expect(fieldError(editor, 'ticketUrlPattern')).toMatch(/exactly one capturing group.*it has 2/);
    expect(fieldError(editor, 'selectors.subject')).toBe('This is not a valid CSS selector.');
    expect(fieldError(editor, 'selectors.status')).toBe('A selector is required.');
    expect(fieldError(editor, 'selectors.requesterEmail')).toBeNull(); // optional
    expect(fieldError(editor, 'label')).toBeNull();
    expect(within(editor).getByLabelText(/^Subject/).getAttribute('aria-invalid')).toBe('true');
    expect(within(editor).getByTestId('custom-adapter-notice').textContent).toMatch(/problems: see the marked fields/);
    expect(view.requestOrigins).not.toHaveBeenCalled();
    expect(view.sentTypes()).not.toContain('customAdapter.save');

    // Errors follow the typing once shown.
    type(within(editor).getByLabelText(/^Subject/), 'h1.title');
    expect(fieldError(editor, 'selectors.subject')).toBeNull();
  });

  it('fills the form from pasted JSON, tests it on a chosen tab, and saves it after the permission', async () => {
    const background = await startTestBackground();
    const view = renderOptions(background);
    await openSection(/Custom sites/);
    fireEvent.click(screen.getByTestId('new-custom-adapter'));
    const editor = screen.getByTestId('custom-adapter-editor');
    type(within(editor).getByLabelText('Definition as JSON'), INITECH);
    fireEvent.click(within(editor).getByTestId('fill-from-json'));
    expect((within(editor).getByLabelText('Name') as HTMLInputElement).value).toBe('Initech Helpdesk');
    expect((within(editor).getByLabelText(/^Message text/) as HTMLInputElement).value).toBe('.post-body');
    expect(editor.querySelectorAll('[data-testid="field-error"]')).toHaveLength(0);

    // "Test on an open tab": the background runs it in the tab; here the tab answers like the content script.
    const select = await within(editor).findByLabelText('Tab');
    await waitFor(() => expect(select.textContent).toContain('INI-1: TPS report — https://help.initech.test/tickets/INI-1'));
    const fake = (await import('wxt/testing/fake-browser')).fakeBrowser as unknown as { tabs: { sendMessage: unknown } };
    fake.tabs.sendMessage = async () => ({
      matched: true,
      ticketId: 'INI-1',
      snapshot: { subject: 'TPS report <b>cover</b> sheets', requester: { name: 'Peter Gibbons', email: null }, status: 'Open', priority: { raw: 'P2', level: 'high' }, assignee: null, tags: [], messages: [] },
      health: [{ field: 'subject', ok: true, via: 'main.ticket h1.ticket-subject', source: 'dom' }],
    });
    fireEvent.click(within(editor).getByTestId('custom-adapter-run-test'));
    const result = await within(editor).findByTestId('test-result');
    expect(result.textContent).toMatch(/Ticket INI-1.*read successfully/);
    expect(result.textContent).toContain('TPS report <b>cover</b> sheets'); // as text, never as markup
    expect(result.querySelector('b')).toBeNull();
    expect(result.textContent).toContain('P2 (our level: high)');
    expect(view.requestOrigins).toHaveBeenLastCalledWith(['https://help.initech.test/*']);

    fireEvent.click(within(editor).getByTestId('custom-adapter-save'));
    await screen.findByText(/Initech Helpdesk saved/);
    expect((await background.settings()).customAdapters).toEqual([expect.objectContaining({ id: 'custom-initech', label: 'Initech Helpdesk' })]);
    expect(document.querySelector('[data-testid="custom-adapter-row"][data-adapter-id="custom-initech"]')).toBeTruthy();

    // It also gets a row with a switch among the helpdesks.
    await openSection(/Helpdesks/);
    expect(document.querySelector('[data-testid="adapter-row"][data-adapter-id="custom-initech"]')!.textContent).toMatch(/Initech Helpdesk.*Custom/);
  });

  it('says why pasted JSON cannot be read', async () => {
    const background = await startTestBackground();
    renderOptions(background);
    await openSection(/Custom sites/);
    fireEvent.click(screen.getByTestId('new-custom-adapter'));
    const editor = screen.getByTestId('custom-adapter-editor');
    type(within(editor).getByLabelText('Definition as JSON'), '{"id": "custom-x",');
    fireEvent.click(within(editor).getByTestId('fill-from-json'));
    expect(fieldError(editor, 'definition-json')).toMatch(/^Could not read it:/);
    type(within(editor).getByLabelText('Definition as JSON'), '[1, 2]');
    fireEvent.click(within(editor).getByTestId('fill-from-json'));
    expect(fieldError(editor, 'definition-json')).toMatch(/not an adapter definition/);
  });
});

describe('data', () => {
  async function seed(background: TestBackground) {
    const answer = await background.call({ type: 'escalation.request', snapshot: snapshotFor(), request: requestFor() });
    if (!answer.ok) throw new Error(answer.error.message);
    await background.call({ type: 'ticket.logAction', ticket: snapshotFor().ref, text: 'Called the customer back' });
  }

  it('says when an exported file is larger than an import accepts', async () => {
    const background = await startTestBackground();
    await seed(background);
    // The background reports the file's size; a store this large is stood in for by the answer, not built.
    const send = createSender(async (message) => {
      const answer = (await background.bg.route(message, pageSender())) as Response<{ chars: number }>;
      return (message as { type: string }).type === 'backup.export' && answer.ok ? { ...answer, data: { ...answer.data, chars: MAX_BACKUP_CHARS + 1 } } : answer;
    });
    const view = renderOptions(background, { send });
    await openSection(/Data/);
    const data = section('data');
    fireEvent.click(within(data).getByTestId('export-button'));
    const notice = await within(data).findByText(/Exported 1 escalation/);
    expect(notice.textContent).toMatch(/This file is 201 MB, larger than an import accepts \(200 MB\): other tools can read it, but it cannot be imported back here\./);
    expect(view.downloads).toHaveLength(1); // downloaded all the same
  });

  it('exports to a versioned file, clears after confirmation, and imports it back to identical data', async () => {
    const background = await startTestBackground();
    await seed(background);
    const exportNow = async () => {
      const { exportedAt: _t, ...rest } = await background.exported();
      return rest;
    };
    const before = await exportNow();
    const view = renderOptions(background);
    await openSection(/Data/);
    const data = section('data');

    fireEvent.click(within(data).getByTestId('export-button'));
    await within(data).findByText(/Exported 1 escalation, 1 event, 2 write-backs, 1 logged action to escalation-desk-backup-/);
    expect(view.downloads).toHaveLength(1);
    const file = view.downloads[0]!;
    expect(file.filename).toMatch(/^escalation-desk-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/);
    // The file came from the background in parts (2,000 characters each here), joined in order.
    expect(file.parts).toBeGreaterThan(1);
    const doc = JSON.parse(file.text) as { format: string; formatVersion: number };
    expect(doc.format).toBe('escalation-desk-backup');
    expect(doc.formatVersion).toBe(1);

    fireEvent.click(within(data).getByTestId('clear-button'));
    const confirm = within(data).getByRole('alertdialog');
    expect(confirm.textContent).toMatch(/Delete everything Escalation Desk stored/);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep my data' }));
    expect((await exportNow() as { escalations: unknown[] }).escalations).toHaveLength(1);
    fireEvent.click(within(data).getByTestId('clear-button'));
    fireEvent.click(within(data).getByTestId('clear-confirm-button'));
    await within(data).findByText(/All data was deleted/);
    expect((await exportNow() as { escalations: unknown[] }).escalations).toHaveLength(0);

    fireEvent.change(within(data).getByTestId('import-input'), { target: { files: [new File([file.text], file.filename, { type: 'application/json' })] } });
    const preview = await within(data).findByTestId('import-preview');
    expect(preview.textContent).toMatch(/holds 1 escalation, 1 event, 2 write-backs, 1 logged action/);
    const escalationsRow = within(preview).getByRole('rowheader', { name: 'Escalations' }).closest('tr')!;
    expect([...escalationsRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['1', '0', '0', '0']);
    expect((await exportNow() as { escalations: unknown[] }).escalations).toHaveLength(0); // nothing until confirmed

    fireEvent.click(within(data).getByTestId('import-confirm'));
    await within(data).findByText(/Imported 1 escalation/);
    expect(await exportNow()).toEqual(before);
    // The file went up in parts, once (the import used the preview's upload), and never as one message.
    const uploads = view.sent.filter((m) => (m as { type: string }).type === 'backup.upload') as Array<{ part: number; parts: number }>;
    expect(uploads.length).toBe(Math.ceil(file.text.length / 2_000));
    expect(uploads.map((u) => u.part)).toEqual(uploads.map((_, i) => i));
    expect(view.sent.filter((m) => (m as { type: string; text?: string }).type === 'backup.import' && (m as { text?: string }).text !== undefined)).toEqual([]);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length - 40), /ends too early/],
    ['not JSON', () => 'escalation,state\nesc_1,approved', /not JSON/],
    ['foreign', () => JSON.stringify({ format: 'other-tool-export', items: [] }), /not an Escalation Desk backup/],
    ['from a newer version', (text: string) => text.replace('"formatVersion": 1', '"formatVersion": 9'), /newer Escalation Desk/],
    ['edited by hand', (text: string) => text.replace('"state": "requested"', '"state": "approved"'), /inconsistent|damaged/],
  ])('a %s file changes nothing and says why', async (_label, damage, why) => {
    const background = await startTestBackground();
    await seed(background);
    const exported = await background.exported();
    const text = JSON.stringify(exported, null, 2);
    const view = renderOptions(background);
    await openSection(/Data/);
    const data = section('data');
    fireEvent.change(within(data).getByTestId('import-input'), { target: { files: [new File([damage(text)], 'backup.json')] } });
    const notice = await within(data).findByTestId('data-notice');
    expect(notice.textContent).toMatch(/^backup\.json cannot be imported: /);
    expect(notice.textContent).toMatch(why);
    expect(notice.textContent).toMatch(/Nothing was changed\./);
    expect(notice.getAttribute('role')).toBe('alert');
    expect(within(data).queryByTestId('import-preview')).toBeNull();
    expect(view.sentTypes()).not.toContain('backup.import');
    expect({ ...(await background.exported()), exportedAt: 0 }).toEqual({ ...exported, exportedAt: 0 });
  });
});

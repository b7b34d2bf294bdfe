// The admin's story on the options page: switch a helpdesk off and on and watch the panel leave and come back in
// an open tab; add a custom domain and see the panel on that domain's ticket; get field errors for a broken
// custom adapter and run a good one; change the policy; export, clear and import everything back; and see a
// damaged file refused without anything changing.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchExtension, type ExtensionSession } from './harness';
import { snapshotFor, requestFor } from '../builders';
import { OptionsPage } from './pages/options';
import { PanelPage } from './pages/panel';
import { fetchExport } from '../../components/options/backup-transfer';
import type { Send } from '../../components/messaging';

const PANEL_HOST = 'escalation-desk-panel';
let session: ExtensionSession;
let options: OptionsPage;
const downloads = mkdtempSync(join(tmpdir(), 'escalation-desk-downloads-'));

interface Answer<T> {
  ok: boolean;
  data: T;
  error?: { message: string };
}
type BackupDoc = { exportedAt: string; escalations: unknown[]; events: unknown[]; outbox: Array<{ state: string }>; settings: Record<string, any> | null; ticketLogs: unknown[] };

async function data<T>(message: unknown): Promise<T> {
  const answer = await session.sendFromExtensionPage<Answer<T>>(message);
  if (!answer.ok) throw new Error(answer.error?.message ?? 'failed');
  return answer.data;
}
/** The backup document, assembled from the export's parts as the options page does. */
async function exportNow(): Promise<BackupDoc> {
  const exported = await fetchExport(((message: unknown) => session.sendFromExtensionPage(message)) as Send);
  if (!exported.ok) throw new Error(exported.message);
  return JSON.parse(exported.data.parts.join('')) as BackupDoc;
}
const withoutTime = ({ exportedAt: _ignored, ...rest }: BackupDoc) => rest;

async function waitForNoPanel(page: Page, timeout = 10_000): Promise<void> {
  await page.waitForFunction((host) => document.querySelector(host) === null, { timeout, polling: 100 }, PANEL_HOST);
}

/** Runs axe-core in the page (through the DevTools protocol, which the extension page's CSP does not restrict). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: Array<{ target: string[] }> };
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

beforeAll(async () => {
  session = await launchExtension();
  const page = await session.openExtensionPage('options.html');
  options = new OptionsPage(page);
  await options.waitForLoad();
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
});

afterAll(async () => {
  await session?.close();
});

describe('helpdesks', () => {
  it('lists every built-in helpdesk with a switch, and reports what the adapter read', async () => {
    const { page } = await session.openHelpdesk('https://acme.zendesk.com/agent/tickets/101');
    await new PanelPage(page).waitForPanel();
    await options.open('helpdesks');
    expect(await options.adapterIds()).toEqual(expect.arrayContaining(['zendesk', 'freshdesk', 'jira', 'servicenow', 'zoho', 'hubspot']));
    await options.click('refresh-health');
    await options.page.waitForSelector('[data-adapter-id="zendesk"] [data-testid="adapter-health"][data-health="healthy"]');
    await page.close();
  });

  it('switching Zendesk off removes the panel from an open ticket tab, and switching it on brings it back', async () => {
    const { page, errors } = await session.openHelpdesk('https://acme.zendesk.com/agent/tickets/102');
    const panel = new PanelPage(page);
    await panel.waitForPanel();

    await options.open('helpdesks');
    await options.setAdapterEnabled('zendesk', false);
    await waitForNoPanel(page);
    expect((await data<{ settings: { disabledAdapters: string[] } }>({ type: 'settings.get' })).settings.disabledAdapters).toEqual(['zendesk']);

    await options.setAdapterEnabled('zendesk', true);
    await panel.waitForPanel();
    expect(await panel.hostCount()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('keyboard', () => {
  it('moves between sections and switches a helpdesk with the keyboard alone', async () => {
    const page = options.page;
    await page.bringToFront();
    await page.focus('[data-testid="nav-policy"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('section[data-section="policy"]:not([hidden])');
    // The new section's heading takes the focus, so a screen reader announces where the person is.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Policy');

    await page.focus('[data-testid="nav-helpdesks"]');
    await page.keyboard.press('Enter');
    await page.focus('[data-adapter-id="jira"] [data-testid="adapter-toggle"]');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-adapter-id="jira"][data-enabled="false"]');
    expect((await data<{ settings: { disabledAdapters: string[] } }>({ type: 'settings.get' })).settings.disabledAdapters).toEqual(['jira']);
    await page.waitForFunction(() => !(document.querySelector('[data-adapter-id="jira"] [data-testid="adapter-toggle"]') as HTMLInputElement).disabled, { polling: 100 });
    await page.focus('[data-adapter-id="jira"] [data-testid="adapter-toggle"]');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-adapter-id="jira"][data-enabled="true"]');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

describe('custom sites', () => {
  it('adding a custom domain makes the panel appear on that domain’s ticket page', async () => {
    await options.addCustomDomain('zendesk', 'support.acme.test/agent/tickets/7');
    await options.waitForCustomDomain('https://support.acme.test');
    await options.waitForNotice('custom-domain-notice', /https:\/\/support\.acme\.test added/);

    const { page, errors } = await session.openHelpdesk('https://support.acme.test/agent/tickets/101');
    const panel = new PanelPage(page);
    await panel.waitForPanel();
    expect(await panel.waitForStatus(/No escalation|awaiting/)).toBeTruthy();
    await options.open('helpdesks');
    expect(await options.page.$eval('[data-adapter-id="zendesk"]', (row) => row.textContent)).toContain('https://support.acme.test/*');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a broken custom adapter shows what is wrong next to each field, and nothing is saved', async () => {
    await options.open('custom-sites');
    await options.click('new-custom-adapter');
    await options.fill('label', 'Broken Desk');
    await options.fill('matches', 'https://acme.zendesk.com/*');
    await options.fill('ticketUrlPattern', '^https://help\\.broken\\.test/tickets/(\\d+');
    await options.fill('selectors.subject', 'h1[');
    await options.click('custom-adapter-save');

    expect(await options.waitForFieldError('matches')).toMatch(/belongs to a built-in helpdesk/);
    const errors = await options.fieldErrors();
    expect(errors.ticketUrlPattern).toMatch(/does not compile/);
    expect(errors['selectors.subject']).toMatch(/not a valid CSS selector/);
    expect(errors['selectors.requesterName']).toMatch(/selector is required/);
    expect(errors['selectors.mountAnchor']).toMatch(/selector is required/);
    expect(errors.label).toBeUndefined();
    expect(await options.text('custom-adapter-notice')).toMatch(/problems/);
    expect((await data<{ settings: { customAdapters: unknown[] } }>({ type: 'settings.get' })).settings.customAdapters).toEqual([]);
    expect(await accessibilityViolations(options.page)).toEqual([]);
  });

  it('a valid definition pasted as JSON tests on an open tab, saves, and runs on its helpdesk', async () => {
    const definition = readFileSync(fileURLToPath(new URL('../../adapters/custom/fixtures/initech-definition.json', import.meta.url)), 'utf8');
    const { page: ticketTab } = await session.openHelpdesk('https://help.initech.test/tickets/INI-1');
    // The editor from the previous test is still open: replace its content with the pasted definition.
    await options.pasteCustomAdapterJson(definition);
    await options.page.waitForFunction(() => document.querySelectorAll('section[data-section]:not([hidden]) [data-testid="field-error"]').length === 0, { polling: 100, timeout: 5000 });

    // Test on the open Initech tab: the page shows what the adapter reads there.
    await options.click('reload-tabs');
    await options.page.waitForFunction(() => [...document.querySelectorAll('select[name="test-tab"] option')].some((o) => (o.textContent ?? '').includes('help.initech.test/tickets/INI-1')), { polling: 100, timeout: 5000 });
    const tabValue = await options.page.$$eval('select[name="test-tab"] option', (opts) => opts.find((o) => (o.textContent ?? '').includes('INI-1'))!.getAttribute('value')!);
    await options.page.select('select[name="test-tab"]', tabValue);
    await options.click('custom-adapter-run-test');
    const result = await options.text('test-result');
    expect(result).toContain('Ticket INI-1');
    expect(result).toMatch(/read successfully/);

    await options.click('custom-adapter-save');
    await options.page.waitForSelector('[data-testid="custom-adapter-row"][data-adapter-id="custom-initech"]');
    await ticketTab.reload();
    await new PanelPage(ticketTab).waitForPanel();
    await ticketTab.close();
  });
});

describe('policy', () => {
  it('refuses an invalid policy with field errors, then saves a valid one', async () => {
    await options.open('policy');
    await options.fill('decisionSlaMinutes.S1', '0');
    await options.fill('tags.approved', 'Escalation Approved');
    expect(await options.waitForFieldError('decisionSlaMinutes.S1')).toBe('Must be at least 1.');
    expect((await options.fieldErrors())['tags.approved']).toMatch(/Use only lower-case letters/);
    await options.click('policy-save');
    await options.waitForNotice('policy-notice', /not saved: 2 field/);
    expect((await data<{ settings: { policy: { decisionSlaMinutes: { S1: number } } } }>({ type: 'settings.get' })).settings.policy.decisionSlaMinutes.S1).toBe(15);

    await options.fill('decisionSlaMinutes.S1', '20');
    await options.fill('tags.approved', 'escalation_ok');
    await options.click('policy-save');
    await options.waitForNotice('policy-notice', /Policy saved/);
    const policy = (await data<{ settings: { policy: { decisionSlaMinutes: { S1: number }; tags: { approved: string } } } }>({ type: 'settings.get' })).settings.policy;
    expect(policy.decisionSlaMinutes.S1).toBe(20);
    expect(policy.tags.approved).toBe('escalation_ok');
    expect(await accessibilityViolations(options.page)).toEqual([]);
  });
});

describe('data', () => {
  it('export -> clear -> import restores identical data', async () => {
    // Some data worth keeping: an escalation recorded as the agent's panel would, plus the policy saved above.
    await data({ type: 'escalation.request', snapshot: snapshotFor({ ticketId: '101' }), request: requestFor() });
    await data({ type: 'ticket.logAction', ticket: { site: 'zendesk', ticketId: '101', url: 'https://acme.zendesk.com/agent/tickets/101' }, text: 'Called the customer back' });

    const before = await exportNow();
    expect(before.escalations).toHaveLength(1);
    expect(before.settings?.policy.decisionSlaMinutes.S1).toBe(20);

    await (await options.exportButton()).click();
    const file = await eventually(() => readdirSync(downloads).find((name) => /^escalation-desk-backup-.*\.json$/.test(name)), { what: 'the downloaded backup' });
    const exported = JSON.parse(readFileSync(join(downloads, file), 'utf8')) as BackupDoc;
    expect(withoutTime(exported)).toEqual(withoutTime(before));
    await options.waitForNotice('data-notice', /Exported 1 escalation/);

    await options.clearAllData();
    const cleared = await exportNow();
    expect(cleared.escalations).toEqual([]);
    expect(cleared.settings).toBeNull();

    await options.chooseImportFile(join(downloads, file));
    const preview = await options.text('import-preview');
    expect(preview).toContain('1 escalation');
    await options.click('import-confirm');
    await options.waitForNotice('data-notice', /Imported 1 escalation/);

    expect(withoutTime(await exportNow())).toEqual(withoutTime(before));
    expect(await accessibilityViolations(options.page)).toEqual([]);
  });

  it('takes a file in parts through the browser’s own messaging: preview and import name the upload', async () => {
    const before = await exportNow();
    expect(before.escalations.length).toBeGreaterThan(0);
    const text = JSON.stringify(before, null, 2);
    // Parts of 1,000 characters here (a large file goes in parts of 8 Mi characters, under the 64 MiB message limit).
    const parts = Math.ceil(text.length / 1_000);
    await options.clearAllData();
    for (let part = 0; part < parts; part++) {
      expect(await data<{ received: number }>({ type: 'backup.upload', uploadId: 'up_e2e00001', part, parts, text: text.slice(part * 1_000, (part + 1) * 1_000) })).toEqual({ received: part + 1 });
    }
    const preview = await data<{ summary: { escalations: number } }>({ type: 'backup.preview', uploadId: 'up_e2e00001' });
    expect(preview.summary.escalations).toBe(before.escalations.length);
    await data({ type: 'backup.import', uploadId: 'up_e2e00001' });
    expect(withoutTime(await exportNow())).toEqual(withoutTime(before));
  });

  it('importing a truncated, foreign or inconsistent file changes nothing and says why', async () => {
    const before = await exportNow();
    const text = JSON.stringify(before, null, 2);
    const tampered = structuredClone(before) as BackupDoc & { escalations: Array<Record<string, unknown>> };
    tampered.escalations[0]!.state = 'closed';
    const cases: Array<[string, string, RegExp]> = [
      ['truncated.json', text.slice(0, Math.floor(text.length / 2)), /ends too early/],
      ['foreign.json', JSON.stringify({ name: 'my-app', version: '1.0.0' }), /not an Escalation Desk backup/],
      ['inconsistent.json', JSON.stringify(tampered), /inconsistent|does not match/],
    ];
    for (const [name, content, why] of cases) {
      const path = join(downloads, name);
      writeFileSync(path, content);
      await options.chooseImportFile(path);
      const notice = await options.waitForNotice('data-notice', new RegExp(`${name.replace('.', '\\.')} cannot be imported`));
      expect(notice).toMatch(why);
      expect(notice).toMatch(/Nothing was changed/);
      expect(await options.page.$('[data-testid="import-preview"]')).toBeNull();
      expect(withoutTime(await exportNow())).toEqual(withoutTime(before));
    }
  });
});

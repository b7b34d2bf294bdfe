// Custom sites, in Chromium: a built-in helpdesk on a company's own domain (Zendesk host-mapped to
// support.acme.test) and a custom adapter for a helpdesk we do not ship (Initech). The e2e build lists these test
// origins as host permissions, because headless Chromium cannot answer a permission prompt; the product build
// keeps them optional and the options page asks for them (see README).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';
import { PanelPage } from './pages/panel';

const profile = mkdtempSync(join(tmpdir(), 'ed-profile-'));
const sessions: ExtensionSession[] = [];
const initech = JSON.parse(readFileSync(new URL('../../adapters/custom/fixtures/initech-definition.json', import.meta.url), 'utf8'));

async function launch(): Promise<ExtensionSession> {
  const session = await launchExtension({ userDataDir: profile });
  sessions.push(session);
  return session;
}

afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
});

type Answer = { ok: boolean; error?: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };

it('a built-in helpdesk on a custom domain gets the panel, keeps it after a browser restart, and loses it when removed', async () => {
  let session = await launch();
  const before = await session.openHelpdesk('https://support.acme.test/agent/tickets/101');
  // Nothing runs there before the admin adds the domain.
  await new Promise((r) => setTimeout(r, 1500));
  expect(await new PanelPage(before.page).hostCount()).toBe(0);
  await before.page.close();

  const added = await session.sendFromExtensionPage<Answer>({ type: 'customDomain.add', adapterId: 'zendesk', origin: 'https://support.acme.test' });
  expect(added).toMatchObject({ ok: true });
  const { page } = await session.openHelpdesk('https://support.acme.test/agent/tickets/101');
  const panel = new PanelPage(page);
  await panel.waitForPanel();
  const summary = await panel.waitFor('ticket-summary');
  expect(await summary.evaluate((el) => (el as HTMLElement).dataset.subject)).toBe(session.simulator.helpdesk('zendesk').tickets.get('101')!.subject);

  // Restart the browser with the same profile: the registration persists.
  await session.close();
  session = await launch();
  const again = await session.openHelpdesk('https://support.acme.test/agent/tickets/102');
  await new PanelPage(again.page).waitForPanel(15_000);

  const removed = await session.sendFromExtensionPage<Answer>({ type: 'customDomain.remove', origin: 'https://support.acme.test' });
  expect(removed).toMatchObject({ ok: true });
  const after = await session.openHelpdesk('https://support.acme.test/agent/tickets/101');
  await new Promise((r) => setTimeout(r, 1500));
  expect(await new PanelPage(after.page).hostCount()).toBe(0);
});

it('refuses a custom domain that is not an https origin, with the reason', async () => {
  const session = sessions.at(-1)!;
  const answer = await session.sendFromExtensionPage<Answer>({ type: 'customDomain.add', adapterId: 'zendesk', origin: 'http://support.acme.test/agent' });
  expect(answer.ok).toBe(false);
  expect(answer.error?.message).toMatch(/https/);
});

it('a custom adapter definition mounts and reads a ticket of a helpdesk we do not ship', async () => {
  const session = sessions.at(-1)!;
  const saved = await session.sendFromExtensionPage<Answer>({ type: 'customAdapter.save', definition: initech });
  expect(saved).toMatchObject({ ok: true });
  const { page, errors } = await session.openHelpdesk('https://help.initech.test/tickets/INI-1');
  const panel = new PanelPage(page);
  await panel.waitForPanel();
  const summary = await panel.waitFor('ticket-summary');
  const read = await summary.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  const ticket = session.simulator.helpdesk('initech').tickets.get('INI-1')!;
  expect(read.subject).toBe(ticket.subject);
  expect(read.requester).toBe(ticket.requester.name);
  expect(Number(read.messages)).toBe(ticket.messages.length);
  expect(Number(read.customerMessages)).toBe(ticket.messages.filter((m) => m.role === 'customer').length);
  expect(errors).toEqual([]);
});

it('an invalid custom adapter definition is refused with field-level errors and nothing is saved', async () => {
  const session = sessions.at(-1)!;
  const broken = { ...initech, id: 'custom-broken', ticketUrlPattern: '^https://x\\.test/(a)(b)$', selectors: { ...initech.selectors, subject: 'h1[[' } };
  const answer = await session.sendFromExtensionPage<Answer>({ type: 'customAdapter.save', definition: broken });
  expect(answer.ok).toBe(false);
  const paths = (answer.error?.issues ?? []).map((i) => i.path);
  expect(paths).toContain('ticketUrlPattern');
  expect(paths).toContain('selectors.subject');
  const settings = await session.sendFromExtensionPage<{ data: { settings: { customAdapters: Array<{ id: string }> } } }>({ type: 'settings.get' });
  expect(settings.data.settings.customAdapters.map((d) => d.id)).not.toContain('custom-broken');
});

// The foundation's story: an agent opens a Zendesk ticket, the panel mounts in a shadow root, the agent records an
// escalation request through the real background, and the manager's popup lists it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';
import { PanelPage } from './pages/panel';
import { PopupPage } from './pages/popup';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
});

afterAll(async () => {
  await session?.close();
});

it('mounts the panel on a Zendesk ticket, records a request, and the popup lists it', async () => {
  const { page, errors } = await session.openHelpdesk('https://acme.zendesk.com/agent/tickets/101');
  const panel = new PanelPage(page);
  await panel.waitForPanel();
  // The panel lives in an open shadow root, as the public test contract requires.
  expect(await page.$eval('escalation-desk-panel', (host) => host.shadowRoot?.mode)).toBe('open');
  expect(await panel.waitForStatus(/No escalation/)).toMatch(/No escalation/);

  await panel.requestEscalation({ reason: 'Checkout fails for all their users since the release', severity: 'S2', impact: 'many-customers', actions: 'Reproduced the error\nCleared their cache' });
  await panel.waitForStatus(/awaiting manager decision/);

  const popup = new PopupPage(await session.openExtensionPage('popup.html'));
  await popup.waitForQueue();
  await popup.waitForQueueLength(1);
  expect(await popup.queueIds()).toHaveLength(1);
  expect(errors).toEqual([]);
});

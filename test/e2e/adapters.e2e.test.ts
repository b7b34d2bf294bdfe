// Each of the six built-in helpdesks, in Chromium, on its real URL answered by the simulator: the extension mounts,
// reads the ticket the simulator holds, and its write-backs (internal note, priority) reach the simulated API with
// the headers that helpdesk requires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../core/views';
import type { LoggedRequest, SimHelpdesk } from '../simulator';
import { SN_ESCALATION_SYS_ID } from '../simulator/helpdesks/servicenow';
import { HUBSPOT_PORTAL, HUBSPOT_VIEW } from '../simulator/helpdesks/hubspot';
import { eventually, launchExtension, type ExtensionSession } from './harness';
import { PanelPage } from './pages/panel';

interface Case {
  readonly id: string;
  readonly url: string;
  readonly ticketId: string;
  /** The helpdesk's own value for our "urgent". */
  readonly urgent: string;
  /** The helpdesk's own priority values, normalised (what the snapshot must report). */
  readonly levels: Readonly<Record<string, string>>;
  /** Does a write carry what this helpdesk checks (CSRF token header, JSON body)? */
  readonly authentic: (write: LoggedRequest, sim: SimHelpdesk) => boolean;
}

const carries = (header: string) => (write: LoggedRequest, sim: SimHelpdesk) => (write.headers[header] ?? '').includes(sim.session.csrfToken);

const CASES: readonly Case[] = [
  { id: 'zendesk', url: 'https://acme.zendesk.com/agent/tickets/101', ticketId: '101', urgent: 'urgent', levels: { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' }, authentic: carries('x-csrf-token') },
  { id: 'freshdesk', url: 'https://acme.freshdesk.com/a/tickets/201', ticketId: '201', urgent: '4', levels: { '1': 'low', '2': 'normal', '3': 'high', '4': 'urgent' }, authentic: carries('x-csrf-token') },
  { id: 'jira', url: 'https://acme.atlassian.net/browse/SUP-301', ticketId: 'SUP-301', urgent: 'Highest', levels: { Lowest: 'low', Low: 'low', Medium: 'normal', High: 'high', Highest: 'urgent' }, authentic: (w) => (w.headers['content-type'] ?? '').startsWith('application/json') },
  { id: 'servicenow', url: `https://acme.service-now.com/incident.do?sys_id=${SN_ESCALATION_SYS_ID}`, ticketId: SN_ESCALATION_SYS_ID, urgent: '1 - Critical', levels: { '1 - Critical': 'urgent', '2 - High': 'high', '3 - Moderate': 'normal', '4 - Low': 'low', '5 - Planning': 'low' }, authentic: carries('x-usertoken') },
  { id: 'zoho', url: 'https://desk.zoho.com/agent/acme/all/tickets/details/1892000000888011', ticketId: '1892000000888011', urgent: 'High', levels: { Low: 'low', Medium: 'normal', High: 'high' }, authentic: (w, sim) => w.headers['x-zcsrf-token'] === `crmcsrfparam=${sim.session.csrfToken}` },
  { id: 'hubspot', url: `https://app.hubspot.com/help-desk/${HUBSPOT_PORTAL}/view/${HUBSPOT_VIEW}/ticket/29859078751`, ticketId: '29859078751', urgent: 'URGENT', levels: { LOW: 'low', MEDIUM: 'normal', HIGH: 'high', URGENT: 'urgent' }, authentic: carries('x-hubspot-csrf-hubspotapi') },
];

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
});

afterAll(async () => {
  await session?.close();
});

describe.each(CASES)('$id', (c) => {
  it('mounts on the real ticket URL, reads the ticket, and writes the note and the priority back with the right headers', async () => {
    const sim = session.simulator.helpdesk(c.id);
    const ticket = sim.tickets.get(c.ticketId)!;
    const { page, errors } = await session.openHelpdesk(c.url);
    const panel = new PanelPage(page);
    await panel.waitForPanel();
    const summary = await panel.waitFor('ticket-summary');
    const read = await summary.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
    expect(read.subject).toBe(ticket.subject);
    expect(read.requester).toBe(ticket.requester.name);
    expect(read.priority).toBe(c.levels[ticket.priority]);
    expect(Number(read.messages)).toBe(ticket.messages.length);
    expect(Number(read.customerMessages)).toBe(ticket.messages.filter((m) => m.role === 'customer').length);
    expect(Number(read.internalMessages)).toBe(ticket.messages.filter((m) => !m.public).length);

    await panel.requestEscalation({ reason: `The customer's ${c.id} ticket blocks their month-end close`, severity: 'S2', impact: 'team', actions: 'Checked the logs' });
    await panel.waitForStatus(/awaiting manager decision/);

    const queue = await session.sendFromExtensionPage<{ ok: true; data: { items: QueueItem[] } }>({ type: 'queue.get' });
    const escalation = queue.data.items.find((i) => i.escalation.ticket.site === c.id && i.escalation.ticket.ticketId === c.ticketId)!.escalation;
    const decided = await session.sendFromExtensionPage<{ ok: boolean }>({
      type: 'escalation.decide',
      command: { type: 'approve', escalationId: escalation.id, expectedVersion: escalation.version, rationale: 'Month-end close at risk', newPriority: 'urgent', followUps: [], updateCadenceMinutes: 60 },
    });
    expect(decided.ok).toBe(true);

    await eventually(() => sim.tickets.get(c.ticketId)!.priority === c.urgent, { what: `${c.id} priority raised to ${c.urgent}` });
    const writes = await eventually(() => {
      const accepted = session.simulator.acceptedWrites(c.id).filter((w) => (w.body ?? '').includes('Escalation approved'));
      return accepted.length > 0 ? accepted : null;
    }, { what: `${c.id} decision note` });
    for (const write of session.simulator.acceptedWrites(c.id)) expect(c.authentic(write, sim), `${write.method} ${write.path}`).toBe(true);
    expect(writes).toHaveLength(1); // written exactly once
    await panel.waitForStatus(/approved/i);
    expect(errors).toEqual([]);
    await page.close();
  });
});

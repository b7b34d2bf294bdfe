// Fault suite, line 2: privileged commands (approve, decline, acknowledge, settings, import, clear and the rest of
// the configuration) sent from a content script on a ticket, from a helpdesk page that is not a ticket, from a
// sub-frame and from another extension: all refused, nothing changed (full dump before and after).
// (The router fuzz in router-fuzz.test.ts sends mutated copies of the same messages from the same senders.)
import { describe, expect, it } from 'vitest';
import { approveCommand, declineCommand, HELPDESK_LIST_URL, pageSender, startFaultBackground, tabSender } from './background';

describe('privileged commands from a helpdesk page', () => {
  it('are all refused with forbidden-sender, and nothing changes', async () => {
    const b = await startFaultBackground('privileged');
    const id = await b.request();
    const backup = await b.exportText();
    const { settings } = await b.data<{ settings: Record<string, unknown> }>({ type: 'settings.get' }, pageSender());
    const privileged = [
      { type: 'escalation.decide', command: approveCommand(id) },
      { type: 'escalation.decide', command: declineCommand(id) },
      { type: 'escalation.decide', command: { type: 'acknowledge', escalationId: id, expectedVersion: 1 } },
      { type: 'settings.save', settings: { ...settings, roles: { managers: ['mallory@evil.test'], admins: ['mallory@evil.test'] } } },
      { type: 'backup.import', text: backup },
      { type: 'backup.preview', text: backup },
      { type: 'backup.export' },
      { type: 'backup.exportPart', exportId: 'exp_00000001', part: 0 },
      { type: 'backup.upload', uploadId: 'up_00000001', part: 0, parts: 1, text: backup },
      { type: 'backup.import', uploadId: 'up_00000001' },
      { type: 'data.clear', confirm: true },
      { type: 'adapter.setEnabled', adapterId: 'zendesk', enabled: false },
      { type: 'customDomain.add', adapterId: 'zendesk', origin: 'https://evil.example' },
      { type: 'customAdapter.remove', adapterId: 'custom-initech' },
      { type: 'customAdapter.test', definition: {}, tabId: 7 },
      { type: 'ticket.focus', ticket: { site: 'zendesk', ticketId: '101', url: 'https://evil.example/' } },
      { type: 'queue.get' },
      { type: 'settings.get' },
    ];
    const senders = {
      'content script on the ticket': tabSender(),
      'content script on a helpdesk list page': tabSender(HELPDESK_LIST_URL, 8),
      'a sub-frame of the ticket page': { ...tabSender(), frameId: 2 },
      'another extension': { ...pageSender(), id: 'evil-extension-id' },
      'a page without a URL': { id: tabSender().id },
    };
    const before = await b.dump();
    let refused = 0;
    for (const [who, sender] of Object.entries(senders)) {
      for (const message of privileged) {
        const answer = await b.call(message, sender);
        expect(answer, `${message.type} from ${who}`).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
        if (!answer.ok) expect(answer.error.message.length).toBeGreaterThan(20);
        refused += 1;
      }
    }
    expect(refused).toBe(privileged.length * Object.keys(senders).length);
    expect(await b.dump()).toBe(before);
    // The same approve from the extension's own page goes through: the refusals were about the sender.
    expect(await b.call({ type: 'escalation.decide', command: approveCommand(id) }, pageSender())).toMatchObject({ ok: true });
  });

  it('a content script cannot act on another ticket’s escalation, even with agent-side commands', async () => {
    const b = await startFaultBackground('privileged-other');
    const id = await b.request();
    const before = await b.dump();
    const otherTicket = tabSender('https://acme.zendesk.com/agent/tickets/102', 9);
    for (const message of [
      { type: 'escalation.command', command: { type: 'withdraw', escalationId: id, expectedVersion: 1, reason: 'spoofed' } },
      { type: 'template.render', escalationId: id, kind: 'approved' },
      { type: 'ticket.logAction', ticket: { site: 'zendesk', ticketId: '101', url: 'https://acme.zendesk.com/agent/tickets/101' }, text: 'spoofed' },
    ]) {
      expect(await b.call(message, otherTicket), message.type).toMatchObject({ ok: false, error: { code: 'wrong-ticket' } });
    }
    expect(await b.dump()).toBe(before);
  });
});

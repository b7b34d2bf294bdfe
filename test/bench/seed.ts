// Seeds the extension's database straight into IndexedDB from an extension page, for the bench: a few
// escalations are built by the state machine (each the fold of its events); the page clones them with new ids,
// tickets and times shifted as a whole, so every clone is just as consistent, and writes them in chunks.
import type { Page } from 'puppeteer-core';
import { buildEscalation, type Step } from '../../components/popup/testing';
import { toEscalationRow } from '../../core/store/db';
import type { EscalationEvent } from '../../core/schemas';

// Approved escalations carry the customer updates the process asks for (told of the approval, then progress
// updates, each told): about 10 events per escalation overall, so 100,000 escalations hold about 1,000,000 events.
const KEPT_INFORMED: Step[] = ['approve', 'informed', ...Array.from({ length: 5 }, () => ['progress', 'informed'] as Step[]).flat()];
const MIX: Array<{ share: number; steps: Step[] }> = [
  { share: 0.04, steps: [] }, // awaiting a decision
  { share: 0.03, steps: ['approve', 'informed', 'progress', 'informed'] },
  { share: 0.15, steps: ['decline'] },
  { share: 0.08, steps: ['withdraw'] },
  { share: 0.1, steps: [...KEPT_INFORMED, 'resolve'] },
  { share: 0.6, steps: [...KEPT_INFORMED, 'resolve', 'close'] },
];

export function templates(now: Date): Array<{ share: number; pending: boolean; text: string }> {
  return MIX.map(({ share, steps }, k) => {
    const built = buildEscalation({
      id: `esc_tplxx${k}`,
      requestedAt: new Date(now.getTime() - 60 * 60_000),
      severity: 'S2',
      subject: 'Checkout fails with error 500',
      site: 'zendesk',
      ticketId: `7777${k}`,
      customerName: 'Customer',
      breachInMinutes: 120,
      customerWords: 'Please escalate this to a manager.',
      steps,
      stepMinutes: 20,
    });
    const events: EscalationEvent[] = built.events;
    return { share, pending: steps.length === 0, text: JSON.stringify({ row: toEscalationRow(built.escalation), events }) };
  });
}

export async function seed(page: Page, from: number, to: number): Promise<{ ms: number; events: number }> {
  const started = Date.now();
  const events = await page.evaluate(
    async (tpls: Array<{ share: number; pending: boolean; text: string }>, start: number, end: number) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open('escalation-desk');
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const pick = (i: number) => {
        let x = (i * 7919) % 10_000;
        for (const t of tpls) {
          x -= t.share * 10_000;
          if (x < 0) return t;
        }
        return tpls[tpls.length - 1]!;
      };
      const iso = /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"/g;
      let eventCount = 0;
      const CHUNK = 2_000;
      for (let base = start; base < end; base += CHUNK) {
        const tx = db.transaction(['escalations', 'events'], 'readwrite');
        const escalations = tx.objectStore('escalations');
        const eventStore = tx.objectStore('events');
        for (let i = base; i < Math.min(end, base + CHUNK); i += 1) {
          const t = pick(i);
          const k = tpls.indexOf(t);
          // Pending ones arrived over the last 3 hours; the rest over the last 120 days.
          const shiftMs = -(t.pending ? (i * 7) % 180 : 240 + ((i * 7919) % (120 * 24 * 60))) * 60_000;
          const text = t.text
            .replaceAll(`esc_tplxx${k}`, `esc_b${String(i).padStart(7, '0')}`)
            .replaceAll(`7777${k}`, String(1_000_000 + i))
            .replace(iso, (_, time: string) => `"${new Date(Date.parse(time) + shiftMs).toISOString()}"`);
          const { row, events } = JSON.parse(text) as { row: unknown; events: unknown[] };
          escalations.put(row);
          for (const event of events) eventStore.put(event);
          eventCount += events.length;
        }
        await new Promise<void>((ok, fail) => {
          tx.oncomplete = () => ok();
          tx.onerror = () => fail(tx.error);
        });
      }
      db.close();
      return eventCount;
    },
    templates(new Date()),
    from,
    to,
  );
  return { ms: Date.now() - started, events };
}

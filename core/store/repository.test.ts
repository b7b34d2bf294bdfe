import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command, Escalation } from '../schemas';
import { EscalationDb, NonIndexableTimeError, toEscalationRow } from './db';
import { Outbox, writeBack } from './outbox';
import { EscalationRepository } from './repository';
import { transition } from '../machine';
import { CorruptRowError } from './rows';
import {
  AGENT,
  MANAGER,
  OTHER_AGENT,
  POLICY,
  T0,
  approve,
  at,
  close,
  closeTestDbs,
  decline,
  mustApply,
  noteAndTags,
  progress,
  requestCommand,
  resolve,
  scenario,
  testDb,
  withdraw,
} from './testing';

afterEach(closeTestDbs);

const sample = (() => {
  const result = transition(null, requestCommand('esc_sample'), AGENT, T0, POLICY);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.escalation;
})();

function setup() {
  const db = testDb();
  return { db, repo: new EscalationRepository(db), outbox: new Outbox(db) };
}

describe('apply and reads', () => {
  it('stores a request and reads it back by id, by ticket and as events', async () => {
    const { repo } = setup();
    const escalation = await mustApply(repo, requestCommand('esc_first1'), AGENT, T0);
    expect(escalation).toMatchObject({ id: 'esc_first1', state: 'requested', version: 1 });
    expect(await repo.get('esc_first1')).toEqual(escalation);
    expect(await repo.get('esc_missing')).toBeNull();
    expect(await repo.findByTicket('zendesk', '123')).toEqual([escalation]);
    expect(await repo.findByTicket('zendesk', '999')).toEqual([]);
    const events = await repo.events('esc_first1');
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'request']]);
  });

  it('lists a ticket’s escalations newest first', async () => {
    const { repo } = setup();
    await scenario(repo, 'esc_older1', ['withdraw'], { start: at(0) });
    await scenario(repo, 'esc_newer1', [], { start: at(60) });
    await scenario(repo, 'esc_elsewhere', [], { start: at(90), ticketId: '124' });
    expect((await repo.findByTicket('zendesk', '123')).map((e) => e.id)).toEqual(['esc_newer1', 'esc_older1']);
  });

  it('lists events by seq, numerically (#10 after #9, not after #1)', async () => {
    const { repo } = setup();
    let escalation = await scenario(repo, 'esc_chatty', ['approve']);
    for (let i = 0; i < 10; i++) escalation = await mustApply(repo, progress(escalation, `update ${i}`), AGENT, at(30 + i));
    const seqs = (await repo.events('esc_chatty')).map((e) => e.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('passes refusals through and writes nothing for them', async () => {
    const { db, repo } = setup();
    const escalation = await scenario(repo, 'esc_refuse', []);
    const cases: Array<[Command, typeof AGENT, string]> = [
      [approve(escalation), AGENT, 'needs-manager'],
      [approve({ id: 'esc_nothere', version: 1 }), MANAGER, 'not-found'],
      [requestCommand('esc_refuse'), AGENT, 'already-exists'],
      [close(escalation), AGENT, 'illegal-transition'],
      [approve({ id: escalation.id, version: 7 }), MANAGER, 'stale-version'],
    ];
    for (const [command, actor, refused] of cases) {
      const result = await repo.apply(command, actor, at(5), POLICY, noteAndTags);
      expect(result.ok ? 'accepted' : result.refusal.refused).toBe(refused);
    }
    expect(await repo.get(escalation.id)).toEqual(escalation);
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses a malformed command or actor as invalid-command', async () => {
    const { db, repo } = setup();
    const bad = { ...requestCommand('esc_malformed'), ticket: { site: 'Zendesk!', ticketId: '1', url: 'x' } } as Command;
    const result = await repo.apply(bad, AGENT, T0, POLICY);
    expect(result.ok ? null : result.refusal.refused).toBe('invalid-command');
    const noActor = await repo.apply(requestCommand('esc_malformed'), { id: '', name: '', roles: [] }, T0, POLICY);
    expect(noActor.ok ? null : noActor.refusal.refused).toBe('invalid-command');
    expect(await db.escalations.count()).toBe(0);
  });

  it('queues the write-backs of an accepted command in the same transaction', async () => {
    const { repo, outbox } = setup();
    const escalation = await scenario(repo, 'esc_writes', ['approve'], { writeBacks: noteAndTags });
    const items = await outbox.forEscalation(escalation.id);
    expect(items.map((item) => item.id)).toEqual([
      'esc_writes#1:note',
      'esc_writes#1:tags',
      'esc_writes#2:note',
      'esc_writes#2:tags',
    ]);
    expect(items[0]).toMatchObject({ origin: 'https://acme.zendesk.com', site: 'zendesk', ticketId: '123', state: 'pending', attempts: 0 });
  });
});

describe('reading back in the command’s transaction', () => {
  it('sees what the command wrote (its event, its write-backs), and a refusal reads nothing', async () => {
    const { repo, outbox } = setup();
    const escalation = await scenario(repo, 'esc_readback', []);
    const readBack = async (e: Escalation) => ({ events: (await repo.events(e.id)).map((ev) => ev.type), writes: (await outbox.forEscalation(e.id)).map((i) => i.id) });
    const result = await repo.apply(approve(escalation), MANAGER, at(10), POLICY, noteAndTags, readBack);
    expect(result.ok && result.read).toEqual({ events: ['request', 'approve'], writes: ['esc_readback#2:note', 'esc_readback#2:tags'] });
    let read = false;
    const refused = await repo.apply(approve(escalation), MANAGER, at(11), POLICY, noteAndTags, async () => (read = true));
    expect(refused.ok ? null : refused.refusal.refused).toBe('stale-version');
    expect(read).toBe(false);
  });

  it('writes nothing when the read-back fails, and the summaries stay as they were', async () => {
    const { db, repo } = setup();
    const escalation = await scenario(repo, 'esc_readfail', []);
    expect(await repo.countAwaitingDecision(at(1))).toEqual({ count: 1, overdue: 0 });
    await expect(repo.apply(approve(escalation), MANAGER, at(10), POLICY, noteAndTags, async () => Promise.reject(new Error('read failed')))).rejects.toThrow('read failed');
    expect(await repo.get(escalation.id)).toEqual(escalation);
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    expect(await repo.countAwaitingDecision(at(1))).toEqual({ count: 1, overdue: 0 });
  });
});

describe('concurrency', () => {
  it('lets exactly one of two applies at the same version win; the other is stale-version; no event gap', async () => {
    const { db, repo } = setup();
    const escalation = await scenario(repo, 'esc_race01', []);
    const results = await Promise.all([
      repo.apply(approve(escalation), MANAGER, at(5), POLICY, noteAndTags),
      repo.apply(decline(escalation), MANAGER, at(5), POLICY, noteAndTags),
    ]);
    const winners = results.filter((r) => r.ok);
    const losers = results.flatMap((r) => (r.ok ? [] : [r.refusal.refused]));
    expect(winners).toHaveLength(1);
    expect(losers).toEqual(['stale-version']);
    expect((await repo.events(escalation.id)).map((e) => e.seq)).toEqual([1, 2]);
    expect((await repo.get(escalation.id))?.version).toBe(2);
    // Only the winner's write-backs were queued.
    expect(await db.outbox.where('escalationId').equals(escalation.id).count()).toBe(2);
    expect((await repo.rebuild(escalation.id)).consistent).toBe(true);
  });

  it('serialises two connections to the same database (popup and background) the same way', async () => {
    const { db, repo } = setup();
    const otherDb = new EscalationDb(db.name);
    const other = new EscalationRepository(otherDb);
    const escalation = await scenario(repo, 'esc_race02', ['approve']);
    const results = await Promise.all([
      repo.apply(progress(escalation, 'from the popup'), AGENT, at(40), POLICY),
      other.apply(withdraw(escalation), AGENT, at(40), POLICY), // illegal anyway once approved
      other.apply(resolve(escalation), AGENT, at(40), POLICY),
    ]);
    const accepted = results.filter((r) => r.ok);
    expect(accepted).toHaveLength(1);
    expect((await repo.events(escalation.id)).map((e) => e.seq)).toEqual([1, 2, 3]);
    otherDb.close();
  });

  it('never overwrites an event: a seq already in the log makes the apply stale-version and writes nothing', async () => {
    const { db, repo } = setup();
    const escalation = await scenario(repo, 'esc_collide', []);
    // Another writer's event #2 landed, but its record update has not (as seen from this reader).
    const foreign = { ...(await repo.events(escalation.id))[0]!, id: 'esc_collide#2', seq: 2, type: 'acknowledge' as const };
    await db.events.add({ ...foreign, command: { type: 'acknowledge', escalationId: escalation.id, expectedVersion: 1 }, before: 'requested', after: 'requested' });
    const result = await repo.apply(approve(escalation), MANAGER, at(5), POLICY, noteAndTags);
    expect(result.ok ? null : result.refusal.refused).toBe('stale-version');
    expect(await repo.get(escalation.id)).toEqual(escalation);
    expect((await db.events.get('esc_collide#2'))?.type).toBe('acknowledge');
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('atomicity', () => {
  it('writes neither the record nor the events when the outbox write fails', async () => {
    const { db, repo, outbox } = setup();
    const escalation = await scenario(repo, 'esc_atomic', [], { writeBacks: noteAndTags });
    // An outbox item already holds the key the approval's tags write would use.
    await outbox.enqueue([writeBack({ ...escalation, version: 2 }, { kind: 'tags', tags: ['squatter'] })], T0);
    await expect(repo.apply(approve(escalation), MANAGER, at(5), POLICY, noteAndTags)).rejects.toThrow();
    expect(await repo.get(escalation.id)).toEqual(escalation);
    expect((await repo.events(escalation.id)).map((e) => e.seq)).toEqual([1]);
    expect((await outbox.forEscalation(escalation.id)).map((i) => i.id)).toEqual(['esc_atomic#1:note', 'esc_atomic#1:tags', 'esc_atomic#2:tags']);
    // And the escalation can still move on afterwards.
    await db.outbox.delete('esc_atomic#2:tags');
    expect((await repo.apply(approve(escalation), MANAGER, at(6), POLICY, noteAndTags)).ok).toBe(true);
  });

  it('writes nothing when the outbox store itself fails mid-write', async () => {
    const { db, repo } = setup();
    const escalation = await scenario(repo, 'esc_atomic2', []);
    const failing = () => {
      throw new Error('disk full');
    };
    db.outbox.hook('creating', failing);
    try {
      await expect(repo.apply(approve(escalation), MANAGER, at(5), POLICY, noteAndTags)).rejects.toThrow(/disk full/);
    } finally {
      db.outbox.hook('creating').unsubscribe(failing);
    }
    expect(await repo.get(escalation.id)).toEqual(escalation);
    expect(await db.events.count()).toBe(1);
  });

  it('writes nothing when building the write-backs throws, or a write-back is not https', async () => {
    const { db, repo } = setup();
    const escalation = await scenario(repo, 'esc_atomic3', []);
    await expect(
      repo.apply(approve(escalation), MANAGER, at(5), POLICY, () => {
        throw new Error('template broke');
      }),
    ).rejects.toThrow('template broke');
    await expect(
      repo.apply(approve(escalation), MANAGER, at(5), POLICY, (e) => [{ ...writeBack(e, { kind: 'note', text: 'x' }), origin: 'http://acme.zendesk.com' }]),
    ).rejects.toThrow(/https/);
    expect(await repo.get(escalation.id)).toEqual(escalation);
    expect(await db.events.count()).toBe(1);
  });
});

describe('reading through zod', () => {
  it('reports a corrupt escalation row clearly instead of returning it', async () => {
    const { db, repo } = setup();
    const escalation = await scenario(repo, 'esc_corrupt', []);
    await db.escalations.put({ ...escalation, state: 'limbo' as Escalation['state'] });
    await expect(repo.get(escalation.id)).rejects.toThrow(CorruptRowError);
    await expect(repo.get(escalation.id)).rejects.toThrow(/escalations row "esc_corrupt" is corrupt.*state/);
    await expect(repo.findByTicket('zendesk', '123')).rejects.toThrow(CorruptRowError);
    // Applying to a corrupt record is an error too, and changes nothing.
    await expect(repo.apply(approve(escalation), MANAGER, at(5), POLICY)).rejects.toThrow(CorruptRowError);
    expect(await db.events.count()).toBe(1);
  });

  it('reports a corrupt event row clearly', async () => {
    const { db, repo } = setup();
    await scenario(repo, 'esc_badevent', []);
    await db.events.update('esc_badevent#1', { at: 'yesterday' });
    await expect(repo.events('esc_badevent')).rejects.toThrow(/events row "esc_badevent#1" is corrupt.*: at: /);
  });

  it('refuses to index a time that is not UTC (string order must be time order)', () => {
    const escalation = { updatedAt: '2026-11-27T10:00:00+01:00' } as Escalation;
    expect(() => toEscalationRow({ ...sample, ...escalation })).toThrow(NonIndexableTimeError);
    expect(() => toEscalationRow(sample)).not.toThrow();
  });
});

describe('queues and counts', () => {
  async function mixed(repo: EscalationRepository) {
    // decisionDueAt = requestedAt + decision SLA (S1 15 min, S2 60 min, S3 4 h, S4 1 day).
    await scenario(repo, 'esc_s4early', [], { start: at(0), severity: 'S4', ticketId: '1' }); // due +1440
    await scenario(repo, 'esc_s1late', [], { start: at(100), severity: 'S1', ticketId: '2' }); // due 115
    await scenario(repo, 'esc_s2middle', [], { start: at(30), severity: 'S2', ticketId: '3' }); // due 90
    await scenario(repo, 'esc_s3later', [], { start: at(10), severity: 'S3', ticketId: '4' }); // due 250
    await scenario(repo, 'esc_approved', ['approve'], { start: at(0), severity: 'S1', ticketId: '5' });
    await scenario(repo, 'esc_declined', ['decline'], { start: at(0), severity: 'S1', ticketId: '6' });
  }

  it('orders the pending queue by decision due time, requested only', async () => {
    const { repo } = setup();
    await mixed(repo);
    expect((await repo.pendingQueue()).map((e) => e.id)).toEqual(['esc_s2middle', 'esc_s1late', 'esc_s3later', 'esc_s4early']);
    expect((await repo.pendingQueue(2)).map((e) => e.id)).toEqual(['esc_s2middle', 'esc_s1late']);
  });

  it('counts awaiting and overdue decisions from the index', async () => {
    const { repo } = setup();
    expect(await repo.countAwaitingDecision(T0)).toEqual({ count: 0, overdue: 0 });
    await mixed(repo);
    expect(await repo.countAwaitingDecision(at(0))).toEqual({ count: 4, overdue: 0 });
    expect(await repo.countAwaitingDecision(at(90))).toEqual({ count: 4, overdue: 0 }); // due exactly now: not yet overdue
    expect(await repo.countAwaitingDecision(at(91))).toEqual({ count: 4, overdue: 1 });
    expect(await repo.countAwaitingDecision(at(300))).toEqual({ count: 4, overdue: 3 });
  });

  it('keeps the overdue count right as commands land and the clock moves either way (property)', async () => {
    // The badge asks after every command; the count is kept between asks (see countAwaitingDecision), so compare it
    // with a count made from the stored rows after every step.
    const op = fc.oneof(
      fc.record({ kind: fc.constant('request' as const), minute: fc.integer({ min: 0, max: 600 }), severity: fc.constantFrom('S1' as const, 'S2' as const, 'S3' as const, 'S4' as const) }),
      fc.record({ kind: fc.constantFrom('approve' as const, 'decline' as const, 'acknowledge' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('count' as const), minute: fc.integer({ min: 0, max: 900 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const db = testDb();
        const repo = new EscalationRepository(db);
        const open: Escalation[] = [];
        let clock = 0;
        for (const [i, o] of ops.entries()) {
          if (o.kind === 'request') {
            open.push(await mustApply(repo, requestCommand(`esc_tally_${i}`, { severity: o.severity, ticketId: String(i) }), AGENT, at(o.minute)));
          } else if (o.kind !== 'count') {
            if (open.length === 0) continue;
            const index = o.pick % open.length;
            const target = open[index]!;
            const command: Command =
              o.kind === 'acknowledge' ? { type: 'acknowledge', escalationId: target.id, expectedVersion: target.version } : o.kind === 'approve' ? approve(target) : decline(target);
            const result = await repo.apply(command, MANAGER, at(clock), POLICY);
            if (result.ok && result.escalation.state === 'requested') open[index] = result.escalation;
            else if (result.ok) open.splice(index, 1);
          } else {
            clock = o.minute;
            const cutoff = at(o.minute).toISOString();
            const rows = await db.escalations.toArray();
            const pending = rows.filter((row) => row.state === 'requested');
            expect(await repo.countAwaitingDecision(at(o.minute))).toEqual({
              count: pending.length,
              overdue: pending.filter((row) => row.decisionDueAt < cutoff).length,
            });
          }
        }
        await db.delete();
      }),
      { numRuns: 40 },
    );
  });

  it('orders in-progress escalations by the next customer update', async () => {
    const { repo } = setup();
    await scenario(repo, 'esc_ip_late', ['approve'], { start: at(60), ticketId: '1' });
    await scenario(repo, 'esc_ip_early', ['approve'], { start: at(0), ticketId: '2' });
    await scenario(repo, 'esc_ip_done', ['approve', 'resolve'], { start: at(0), ticketId: '3' });
    expect((await repo.inProgress(10)).map((e) => e.id)).toEqual(['esc_ip_early', 'esc_ip_late']);
    expect((await repo.inProgress(1)).map((e) => e.id)).toEqual(['esc_ip_early']);
  });

  it('lists my escalations newest first', async () => {
    const { repo } = setup();
    await scenario(repo, 'esc_mine_a', [], { start: at(0), ticketId: '1' });
    await scenario(repo, 'esc_theirs', [], { start: at(5), ticketId: '2', actor: OTHER_AGENT });
    await scenario(repo, 'esc_mine_b', ['withdraw'], { start: at(10), ticketId: '3' });
    expect((await repo.mine(AGENT.id, 10)).map((e) => e.id)).toEqual(['esc_mine_b', 'esc_mine_a']);
    expect((await repo.mine(OTHER_AGENT.id, 10)).map((e) => e.id)).toEqual(['esc_theirs']);
    expect((await repo.mine(AGENT.id, 1)).map((e) => e.id)).toEqual(['esc_mine_b']);
  });

  it('names the next reminder: the earliest decision or customer update due', async () => {
    const { repo } = setup();
    expect(await repo.nextReminder()).toBeNull();
    await mixed(repo);
    // esc_approved: approved at +10 with a 60-minute cadence -> customer update due at +70.
    expect(await repo.nextReminder()).toEqual({ escalationId: 'esc_approved', dueAt: at(70).toISOString(), kind: 'customer-update' });
  });

  it('computes the week’s stats', async () => {
    const { repo } = setup();
    expect(await repo.stats(T0)).toEqual({ thisWeek: 0, approvalRate: null, medianMinutesToDecision: null, approvedOpen: 0 });
    await scenario(repo, 'esc_lastweek', ['approve'], { start: new Date(T0.getTime() - 8 * 24 * 60 * 60_000), ticketId: '0' });
    await scenario(repo, 'esc_week_1', ['approve'], { start: at(0), ticketId: '1' }); // decided after 10 min
    await scenario(repo, 'esc_week_2', ['decline'], { start: at(0), ticketId: '2' }); // 10 min
    await scenario(repo, 'esc_week_3', ['approve', 'resolve'], { start: at(0), ticketId: '3' }); // 10 min
    await scenario(repo, 'esc_week_4', [], { start: at(0), ticketId: '4' });
    const stats = await repo.stats(at(60));
    expect(stats).toEqual({ thisWeek: 4, approvalRate: 2 / 3, medianMinutesToDecision: 10, approvedOpen: 2 });
  });
});

describe('the week’s stats, kept between calls', () => {
  it('follow every command applied, without reading the week again', async () => {
    const { db, repo } = setup();
    await scenario(repo, 'esc_keep_1', [], { start: at(0), ticketId: '1' });
    expect(await repo.stats(at(30))).toMatchObject({ thisWeek: 1, approvalRate: null });
    const reads: string[] = [];
    db.escalations.hook('reading', (row) => {
      if (row) reads.push(row.id);
      return row;
    });
    await scenario(repo, 'esc_keep_2', ['decline'], { start: at(0), ticketId: '2' });
    const stats = await repo.stats(at(60));
    expect(stats).toEqual({ thisWeek: 2, approvalRate: 0, medianMinutesToDecision: 10, approvedOpen: 0 });
    // Only the commands read their own escalation; the numbers came from the summary.
    expect(reads.filter((id) => id !== 'esc_keep_2')).toEqual([]);
  });

  it('are read again after an import or a clear (forgetSummaries), and only then', async () => {
    const { db, repo } = setup();
    const first = await scenario(repo, 'esc_other_1', ['approve'], { start: at(0), ticketId: '1' });
    expect(await repo.stats(at(60))).toMatchObject({ thisWeek: 1, approvalRate: 1, approvedOpen: 1 });
    expect(await repo.countAwaitingDecision(at(60))).toEqual({ count: 0, overdue: 0 });
    // An import rewrites the store without going through apply: the service calls forgetSummaries() after it.
    await db.escalations.put(toEscalationRow({ ...first, state: 'declined', decision: { outcome: 'declined', by: first.decision!.by, at: first.decision!.at, category: 'outside-scope', reason: 'Belongs to the billing team' } }));
    await db.escalations.put(toEscalationRow({ ...first, id: 'esc_other_2', state: 'requested', decision: null, ticket: { ...first.ticket, ticketId: '2' } }));
    // Not yet told: the summaries still say what this repository last knew.
    expect(await repo.stats(at(60))).toMatchObject({ thisWeek: 1, approvalRate: 1, approvedOpen: 1 });
    repo.forgetSummaries();
    expect(await repo.stats(at(60))).toMatchObject({ thisWeek: 2, approvalRate: 0, approvedOpen: 0 });
    expect(await repo.countAwaitingDecision(at(60))).toEqual({ count: 1, overdue: 0 });
    await db.escalations.clear();
    repo.forgetSummaries();
    expect(await repo.stats(at(60))).toEqual({ thisWeek: 0, approvalRate: null, medianMinutesToDecision: null, approvedOpen: 0 });
    expect(await repo.countAwaitingDecision(at(60))).toEqual({ count: 0, overdue: 0 });
  });

  it('count the open escalations from memory once read: every command moves them, no row is read', async () => {
    const { db, repo } = setup();
    await scenario(repo, 'esc_open_1', [], { start: at(0), ticketId: '1' });
    await scenario(repo, 'esc_open_2', [], { start: at(0), ticketId: '2' });
    const due = (await repo.get('esc_open_1'))!.decisionDueAt;
    const justAfter = new Date(Date.parse(due) + 1);
    expect(await repo.countAwaitingDecision(justAfter)).toEqual({ count: 2, overdue: 2 });
    expect((await repo.stats(at(0))).approvedOpen).toBe(0);
    const reads: string[] = [];
    db.escalations.hook('reading', (row) => {
      if (row) reads.push(row.id);
      return row;
    });
    await scenario(repo, 'esc_open_3', [], { start: at(60), ticketId: '3' }); // due later
    expect(await repo.countAwaitingDecision(justAfter)).toEqual({ count: 3, overdue: 2 });
    await mustApply(repo, approve((await repo.get('esc_open_1'))!), MANAGER, at(70));
    expect(await repo.countAwaitingDecision(justAfter)).toEqual({ count: 2, overdue: 1 });
    expect((await repo.stats(at(70))).approvedOpen).toBe(1);
    expect(reads.filter((id) => id !== 'esc_open_1' && id !== 'esc_open_3')).toEqual([]);
  });

  it('let requests age out of the rolling week', async () => {
    const { repo } = setup();
    await scenario(repo, 'esc_aging_1', ['approve'], { start: at(0), ticketId: '1' });
    expect((await repo.stats(at(60))).thisWeek).toBe(1);
    expect((await repo.stats(new Date(at(0).getTime() + 7 * 24 * 60 * 60_000 + 60_000))).thisWeek).toBe(0);
  });
});

describe('the queue’s head, kept between calls', () => {
  it('answers exactly what a fresh read of the database would, through requests, acknowledgements and decisions', async () => {
    const { db, repo } = setup();
    // Requests minutes apart (so decision due times differ and some tie), some urgent enough to come first.
    for (let n = 0; n < 12; n++) {
      const id = `esc_head_${String(n).padStart(2, '0')}`;
      await mustApply(repo, requestCommand(id, { ticketId: String(n), severity: n % 4 === 0 ? 'S1' : 'S3' }), AGENT, at(Math.floor(n / 2) * 5));
    }
    const fresh = () => new EscalationRepository(db).pendingQueue(3).then((list) => list.map((e) => e.id));
    const reads: string[] = [];
    db.escalations.hook('reading', (row) => {
      if (row) reads.push(row.id);
      return row;
    });
    let keptReads = 0;
    const kept = async () => {
      const from = reads.length;
      const list = (await repo.pendingQueue(3)).map((e) => e.id);
      keptReads += reads.length - from;
      return list;
    };
    expect(await kept()).toEqual(await fresh()); // loads the head: twice the limit
    expect(keptReads).toBe(6);
    let minute = 100;
    const act = async (command: (e: Escalation) => Command, actor = MANAGER) => {
      const target = (await repo.get((await kept())[0]!))!;
      await mustApply(repo, command(target), actor, at((minute += 1)));
    };
    await act((e) => ({ type: 'acknowledge', escalationId: e.id, expectedVersion: e.version }));
    expect(await kept()).toEqual(await fresh());
    await act(approve);
    expect(await kept()).toEqual(await fresh());
    await act(decline);
    expect(await kept()).toEqual(await fresh());
    // A new request, placed where the index places it.
    await mustApply(repo, requestCommand('esc_head_new', { ticketId: '99', severity: 'S1' }), AGENT, at(0));
    expect(await kept()).toEqual(await fresh());
    await act(withdraw, AGENT);
    expect(await kept()).toEqual(await fresh());
    // The head held enough all along: the queue never went back to the database.
    expect(keptReads).toBe(6);
    // Once decisions have taken it below the limit, it is read again (and right).
    await act(approve);
    await act(approve);
    expect(await kept()).toEqual(await fresh());
    expect(keptReads).toBeGreaterThan(6);
  });
});

describe('history', () => {
  async function finished(repo: EscalationRepository) {
    await scenario(repo, 'esc_h_closed', ['approve', 'resolve', 'close'], { start: at(0), ticketId: '1', subject: 'Invoices duplicated' });
    await scenario(repo, 'esc_h_declined', ['decline'], { start: at(10), ticketId: '2' });
    await scenario(repo, 'esc_h_withdrawn', ['withdraw'], { start: at(20), site: 'freshdesk', ticketId: '3' });
    await scenario(repo, 'esc_h_resolved', ['resolve'], { start: at(30), ticketId: '4', customerName: 'Zed Zebra' });
    await scenario(repo, 'esc_h_open', [], { start: at(40), ticketId: '5' });
  }

  it('lists finished escalations most recently updated first, filtered', async () => {
    const { repo } = setup();
    await finished(repo);
    const ids = async (filter: Parameters<EscalationRepository['history']>[0]) => (await repo.history(filter, { limit: 10 })).map((e) => e.id);
    expect(await ids({})).toEqual(['esc_h_resolved', 'esc_h_withdrawn', 'esc_h_closed', 'esc_h_declined']);
    expect(await ids({ states: ['declined', 'withdrawn'] })).toEqual(['esc_h_withdrawn', 'esc_h_declined']);
    expect(await ids({ site: 'freshdesk' })).toEqual(['esc_h_withdrawn']);
    expect(await ids({ text: 'INVOICES' })).toEqual(['esc_h_closed']);
    expect(await ids({ text: 'zebra' })).toEqual(['esc_h_resolved']);
    expect(await ids({ text: 'nothing matches this' })).toEqual([]);
  });

  it('pages with an updatedAt cursor and never splits escalations updated in the same millisecond', async () => {
    const { repo } = setup();
    for (let i = 0; i < 5; i++) await scenario(repo, `esc_page_${i}`, ['withdraw'], { start: at(i * 100), ticketId: String(i) });
    // Two more finished at the very same moment as esc_page_2.
    await scenario(repo, 'esc_page_tie_a', ['withdraw'], { start: at(200), ticketId: 'a' });
    await scenario(repo, 'esc_page_tie_b', ['withdraw'], { start: at(200), ticketId: 'b' });
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const items = await repo.history({}, { limit: 2, ...(before ? { before } : {}) });
      if (items.length === 0) break;
      seen.push(...items.map((e) => e.id));
      before = items.at(-1)!.updatedAt;
    }
    expect(new Set(seen).size).toBe(7);
    expect(seen).toHaveLength(7);
    expect(seen.slice(0, 2)).toEqual(['esc_page_4', 'esc_page_3']);
  });
});

describe('rebuild from events (the audit log is the truth)', () => {
  it('rebuilds every record of a full lifecycle from its events', async () => {
    const { repo } = setup();
    await scenario(repo, 'esc_lifecycle', ['approve', 'progress', 'progress', 'resolve', 'close']);
    const report = await repo.rebuild('esc_lifecycle');
    expect(report.consistent).toBe(true);
    expect(report.eventCount).toBe(6);
    expect(report.rebuilt).toEqual(report.stored);
  });

  it('notices a record that drifted from its events', async () => {
    const { db, repo } = setup();
    await scenario(repo, 'esc_drifted', ['approve']);
    await db.escalations.update('esc_drifted', { subject: 'edited behind the log’s back' });
    expect((await repo.rebuild('esc_drifted')).consistent).toBe(false);
  });

  it('holds for any sequence of commands, accepted or refused (property)', async () => {
    const step = fc.constantFrom('approve', 'decline', 'progress', 'resolve', 'close', 'withdraw', 'stale-approve', 'agent-approve');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
        const db = testDb();
        const repo = new EscalationRepository(db);
        const id = `esc_property_${run++}`;
        let escalation = await mustApply(repo, requestCommand(id), AGENT, T0, noteAndTags);
        let minutes = 0;
        for (const s of steps) {
          minutes += 7;
          const builders = { approve, decline, progress, resolve, close, withdraw } as const;
          const command =
            s === 'stale-approve' ? approve({ id, version: escalation.version + 5 }) : s === 'agent-approve' ? approve(escalation) : builders[s](escalation);
          const actor = s === 'approve' || s === 'decline' || s === 'stale-approve' ? MANAGER : AGENT;
          const result = await repo.apply(command, actor, at(minutes), POLICY, noteAndTags);
          if (result.ok) escalation = result.escalation;
          const report = await repo.rebuild(id);
          expect(report.consistent).toBe(true);
          expect(report.stored).toEqual(escalation);
          expect(report.eventCount).toBe(escalation.version);
        }
        await db.delete();
      }),
      { numRuns: 25 },
    );
  });
});

describe('index sanity', () => {
  it('uses the compound ticket index with dotted key paths', async () => {
    const { db, repo } = setup();
    await scenario(repo, 'esc_indexed', []);
    expect(await db.escalations.where('[ticket.site+ticket.ticketId]').equals(['zendesk', '123']).count()).toBe(1);
    expect(await db.escalations.where('[state+decisionDueAt]').between(['requested', Dexie.minKey], ['requested', Dexie.maxKey]).count()).toBe(1);
  });
});

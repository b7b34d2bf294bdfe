// Fault suite, line 1: 10,000 generated messages into the real background router (random values, and valid messages
// mutated field by field), from content-script and extension-page senders. No crash, no unhandled rejection, no
// state change from any refused message (a full dump of every table, the badge, alarms, notifications and storage
// before and after), and each refusal carries a specific error code and message, never 'internal'.
import fc from 'fast-check';
import type { Runtime } from 'webextension-polyfill';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import initech from '../../adapters/custom/fixtures/initech-definition.json';
import { ERROR_CODES, Message, type Response } from '../../core/messages';
import { requestFor, snapshotFor } from '../builders';
import { approveCommand, declineCommand, HELPDESK_LIST_URL, pageSender, startFaultBackground, tabSender, TICKET_URL, type Background } from './background';

const SEED = 20261127;
const MESSAGES = Number(process.env.FAULTS_FUZZ_MESSAGES ?? 10_000);

type Json = unknown;

/** A valid message of every type, for an escalation `id` at version 1 (some are refused later for the state). */
function validMessages(id: string, outboxId: string, backupText: string, settings: unknown): Json[] {
  const snapshot = snapshotFor();
  const ref = snapshot.ref;
  return [
    { type: 'site.config' },
    { type: 'ticket.open', snapshot, health: [{ field: 'subject', ok: true, via: 'h1', source: 'dom' }], mountedAt: 'anchor' },
    { type: 'ticket.problem', adapterId: 'zendesk', path: '/agent/tickets/101', problem: { code: 'field-missing', field: 'subject', selector: 'h1', message: 'No subject' }, health: [] },
    { type: 'ticket.view', ticket: ref },
    { type: 'ticket.logAction', ticket: ref, text: 'Called the customer back' },
    { type: 'escalation.request', snapshot, request: requestFor() },
    { type: 'escalation.command', command: { type: 'withdraw', escalationId: id, expectedVersion: 1, reason: 'Customer found a workaround' } },
    { type: 'escalation.command', command: { type: 'progressUpdate', escalationId: id, expectedVersion: 2, text: 'Fix deployed to staging', completedFollowUps: [0] } },
    { type: 'escalation.command', command: { type: 'resolve', escalationId: id, expectedVersion: 2, summary: 'Rolled back' } },
    { type: 'template.render', escalationId: id, kind: 'approved', progressText: 'Working on it' },
    { type: 'outbox.due' },
    { type: 'outbox.result', id: outboxId, ok: false, error: { message: 'Too many requests', status: 429, retryable: true, retryAfterSeconds: 30 } },
    { type: 'outbox.retry', id: outboxId },
    { type: 'whoami' },
    { type: 'queue.get' },
    { type: 'escalation.get', escalationId: id },
    { type: 'escalation.decide', command: approveCommand(id) },
    { type: 'escalation.decide', command: declineCommand(id) },
    { type: 'escalation.decide', command: { type: 'acknowledge', escalationId: id, expectedVersion: 1 } },
    { type: 'inProgress.get' },
    { type: 'history.get', states: ['resolved', 'closed'], site: 'zendesk', text: 'checkout' },
    { type: 'mine.get' },
    { type: 'stats.get' },
    { type: 'ticket.focus', ticket: ref },
    { type: 'settings.get' },
    { type: 'settings.save', settings },
    { type: 'adapter.setEnabled', adapterId: 'freshdesk', enabled: false },
    { type: 'customDomain.add', adapterId: 'zendesk', origin: 'https://support.acme.test' },
    { type: 'customDomain.remove', origin: 'https://support.acme.test' },
    { type: 'customAdapter.save', definition: initech },
    { type: 'customAdapter.remove', adapterId: 'custom-initech' },
    { type: 'customAdapter.test', definition: initech, tabId: 7 },
    { type: 'health.get' },
    { type: 'backup.export' },
    { type: 'backup.exportPart', exportId: 'exp_00000001', part: 0 },
    { type: 'backup.upload', uploadId: 'up_00000001', part: 0, parts: 1, text: backupText },
    { type: 'backup.preview', uploadId: 'up_00000001' },
    { type: 'backup.preview', text: backupText },
    { type: 'backup.import', text: backupText },
    { type: 'data.clear', confirm: true },
  ];
}

/** Every path into a value: object keys and array indexes, nested. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [];
  const out: Array<Array<string | number>> = [];
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path, ...pathsOf(child, path));
  }
  return out;
}

type Mutation = { kind: 'delete' } | { kind: 'replace'; value: unknown } | { kind: 'add-key'; key: string; value: unknown };

function mutate(message: Json, path: Array<string | number>, mutation: Mutation): Json {
  const copy = structuredClone(message) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (mutation.kind === 'replace') {
    parent[last] = mutation.value;
  } else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null) Object.defineProperty(target, mutation.key, { value: mutation.value, enumerable: true, configurable: true, writable: true });
    else parent[last] = mutation.value;
  }
  return copy;
}

/** Values that break validators: wrong types, edge numbers, huge and hostile strings, markup, prototype keys. */
const nasty = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    '',
    '   ',
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    -0,
    true,
    false,
    [],
    {},
    'x'.repeat(100_000),
    '<img src=x onerror="window.__xss=1">',
    'javascript:alert(1)',
    '__proto__',
    'constructor',
    '2026-13-45T99:99:99Z',
    'esc_',
    'https://evil.example/',
    'http://acme.zendesk.com/agent/tickets/101',
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    Object.create(null),
  ),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }),
  fc.string({ maxLength: 30 }),
  fc.integer(),
);

type Who = 'ticket-tab' | 'list-tab' | 'popup' | 'options' | 'foreign';
const SENDERS: Record<Who, () => Runtime.MessageSender> = {
  'ticket-tab': () => tabSender(TICKET_URL),
  'list-tab': () => tabSender(HELPDESK_LIST_URL, 8),
  popup: () => pageSender('/popup.html'),
  options: () => pageSender('/options.html'),
  foreign: () => ({ ...tabSender(), id: 'another-extension' }),
};

type Generated = { readonly who: Who; readonly origin: 'random' | 'mutated'; readonly build: (valid: Json[]) => Json };

const who = fc.constantFrom<Who>('ticket-tab', 'ticket-tab', 'list-tab', 'popup', 'popup', 'options', 'foreign');
const randomMessage: fc.Arbitrary<Generated> = fc.record({
  who,
  value: fc.oneof(
    nasty,
    // Objects that claim a real message type but carry random fields.
    fc.record({ type: fc.constantFrom('escalation.decide', 'escalation.command', 'settings.save', 'backup.import', 'data.clear', 'outbox.result', 'ticket.open', 'customAdapter.save'), rest: fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 4 }) }).map(({ type, rest }) => ({ ...rest, type })),
  ),
}).map(({ who, value }) => ({ who, origin: 'random' as const, build: () => value }));

const mutatedMessage: fc.Arbitrary<Generated> = fc.record({
  who,
  pick: fc.nat(),
  pathPick: fc.nat(),
  mutation: fc.oneof(
    fc.constant<Mutation>({ kind: 'delete' }),
    nasty.map((value): Mutation => ({ kind: 'replace', value })),
    fc.record({ key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'extra'), value: nasty }).map(({ key, value }): Mutation => ({ kind: 'add-key', key, value })),
  ),
}).map(({ who, pick, pathPick, mutation }) => ({
  who,
  origin: 'mutated' as const,
  build: (valid: Json[]) => {
    const base = valid[pick % valid.length];
    const paths = pathsOf(base);
    return mutate(base, paths[pathPick % paths.length]!, mutation);
  },
}));

describe('router fuzz (seeded)', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  afterAll(() => void process.off('unhandledRejection', onUnhandled));

  it(`${MESSAGES} generated messages: no crash, no state change from a refused one, each refusal specific`, { timeout: 240_000 }, async () => {
    const generated = fc.sample(fc.oneof(randomMessage, mutatedMessage), { seed: SEED, numRuns: MESSAGES });
    let b: Background = await startFaultBackground('fuzz');
    let valid: Json[] = [];

    async function reseed(): Promise<void> {
      const id = await b.request();
      const items = await b.db.table('outbox').toArray();
      const backup = await b.exportText();
      const { settings } = await b.data<{ settings: unknown }>({ type: 'settings.get' }, pageSender());
      valid = validMessages(id, (items[0] as { id: string }).id, backup, settings);
    }
    await reseed();

    const tally = { messages: 0, crashes: 0, stateChanges: 0, accepted: 0, refused: 0, internal: 0, unspecific: 0, dumps: 0 };
    const codes: Record<string, number> = {};
    const failures: string[] = [];
    // The state before the current window of consecutive refused messages. A window closes (full dump compared with
    // this one) before any accepted message, and at most every WINDOW refusals, so each refused message is covered
    // by a before/after comparison of everything the extension keeps (a per-message dump would take minutes).
    const WINDOW = 20;
    let state = await b.dump();
    let window: number[] = [];
    const closeWindow = async () => {
      if (window.length === 0) return;
      tally.dumps += 1;
      const after = await b.dump();
      if (after !== state) {
        tally.stateChanges += 1;
        if (failures.length < 10) failures.push(`state changed by a refused message among #${window.join(', #')}: ${window.map((i) => String((generated[i]!.build(valid) as { type?: unknown })?.type)).join(', ')}`);
        state = after;
      }
      window = [];
    };

    for (const [index, g] of generated.entries()) {
      const message = g.build(valid);
      tally.messages += 1;
      // Messages the schema accepts reach the handlers: each gets its own before/after comparison. The rest are
      // compared in windows (above).
      const reachesHandlers = Message.safeParse(message).success;
      if (reachesHandlers) await closeWindow();
      let answer: Response<unknown>;
      try {
        answer = await b.call(message, SENDERS[g.who]());
        if (typeof answer !== 'object' || answer === null || typeof answer.ok !== 'boolean') throw new Error(`not an envelope: ${String(answer)}`);
      } catch (error) {
        tally.crashes += 1;
        if (failures.length < 10) failures.push(`#${index} crash: ${String(error)}`);
        window = [];
        state = await b.dump();
        continue;
      }
      if (answer.ok) {
        tally.accepted += 1;
        if (!reachesHandlers && failures.length < 10) failures.push(`#${index} accepted although the schema refuses it`);
        // A valid mutation may have cleared everything or ended the escalation: start again from a live one.
        if ((await b.db.table('escalations').count()) === 0 || (await b.db.table('settings').count()) === 0 || tally.accepted % 20 === 0) await reseed();
        state = await b.dump();
        continue;
      }
      tally.refused += 1;
      window.push(index);
      codes[answer.error.code] = (codes[answer.error.code] ?? 0) + 1;
      const specific = (ERROR_CODES as readonly string[]).includes(answer.error.code) && typeof answer.error.message === 'string' && answer.error.message.length > 10;
      if (!specific) tally.unspecific += 1;
      if (answer.error.code === 'internal') {
        tally.internal += 1;
        if (failures.length < 10) failures.push(`#${index} internal (${g.who}): ${answer.error.message}`);
      }
      if (answer.error.code === 'invalid-message' && !(answer.error.issues && answer.error.issues.length > 0)) tally.unspecific += 1;
      if (reachesHandlers || window.length >= WINDOW) await closeWindow();
      if (index === MESSAGES / 2) {
        await closeWindow();
        // Half-way: a fresh background on a fresh database, so the second half starts from a clean state too.
        b = await startFaultBackground('fuzz');
        await reseed();
        state = await b.dump();
      }
    }
    await closeWindow();
    await new Promise((r) => setTimeout(r, 50));
    const line = `${tally.messages} messages (seed ${SEED}), ${tally.crashes} crashes, ${unhandled.length} unhandled rejections, ${tally.stateChanges} state changes from refused ones, ${tally.internal} internal errors; ${tally.accepted} accepted, ${tally.refused} refused: ${JSON.stringify(codes)}`;
    console.log(`[faults] router fuzz: ${line}; ${tally.dumps} full-state comparisons`);
    expect(failures, line).toEqual([]);
    expect(tally).toMatchObject({ messages: MESSAGES, crashes: 0, stateChanges: 0, internal: 0, unspecific: 0 });
    expect(unhandled).toEqual([]);
    // The fuzz reached the handlers, not just the validator: both kinds of outcome happen in numbers.
    expect(tally.refused).toBeGreaterThan(MESSAGES / 2);
    expect(Object.keys(codes)).toEqual(expect.arrayContaining(['invalid-message', 'forbidden-sender', 'refused']));
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(fakeBrowser.runtime.id).toBeTruthy();
  });
});

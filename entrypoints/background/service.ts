// The background's handlers: each validated message goes to the core (rules) and the store (records), and the
// consequences go out (outbox write-backs, badge, notifications, change notices). No escalation rule lives here.
import { assess } from '../../core/assessment';
import { slaSnapshot } from '../../core/clocks';
import { detectEscalationRequest, stripQuotedText, type Detection } from '../../core/detection';
import { decisionNote, documentationNote, requestNote } from '../../core/documentation';
import { allowedCommands } from '../../core/machine';
import { changedLockedKeys, type ManagedKey } from '../../core/managed';
import type { Message } from '../../core/messages';
import { BACKUP_PART_CHARS, MAX_BACKUP_CHARS, MAX_EXPORT_PARTS, QUEUE_CAP } from '../../core/constants';
import type { Policy } from '../../core/policy';
import { actorFor } from '../../core/roles';
import type { Actor, Escalation, EscalationEvent, TicketRef, TicketSnapshot } from '../../core/schemas';
import type { QueueItem, QueueRow, TicketView } from '../../core/views';
import { compareUrgency } from '../../core/queue-order';
import type { Settings } from '../../core/settings';
import { renderTemplate, templateVariables } from '../../core/templates';
import { requestWarnings } from '../../core/assessment';
import { EscalationDb } from '../../core/store/db';
import { Outbox, type OutboxItemInput } from '../../core/store/outbox';
import type { EscalationRepository } from '../../core/store/repository';
import { addTicketLog, allHealth, saveHealth, saveSettings, ticketLog } from '../../core/store/settings-store';
import { diffBackup, exportBackupParts, importBackup, parseBackup, clearAll } from '../../core/store/backup';
import { isCustomAdapterDefinition } from './custom-sites';
import { assertOwnTicket, RouteError, type Sender } from './router';

export interface ServiceDeps {
  readonly db: EscalationDb;
  /** The worker's one repository (its summaries must see every command, so the reminders share it). */
  readonly repo: EscalationRepository;
  readonly now: () => Date;
  /** Effective settings (stored, with managed values applied) and which keys IT locked. */
  readonly settings: () => Promise<{ settings: Settings; locked: readonly ManagedKey[] }>;
  readonly onSettingsSaved: (settings: Settings) => Promise<void>;
  /** Tells open helpdesk tabs and extension pages what changed. */
  readonly broadcast: (notice: { tickets: Array<{ site: string; ticketId: string }>; settings?: boolean; outbox?: boolean }) => Promise<void>;
  readonly onEscalationRequested: (escalation: Escalation) => Promise<void>;
  readonly refreshBadgeAndAlarms: () => Promise<void>;
  readonly focusTicket: (ticket: TicketRef) => Promise<void>;
  readonly customSites: {
    add(adapterId: string, origin: string): Promise<Settings>;
    remove(origin: string): Promise<Settings>;
    saveCustomAdapter(definition: unknown): Promise<Settings>;
    removeCustomAdapter(adapterId: string): Promise<Settings>;
    testCustomAdapter(definition: unknown, tabId: number): Promise<unknown>;
  };
  readonly newId: () => string;
  /** Characters per backup part (BACKUP_PART_CHARS); smaller in tests, to exercise files of several parts. */
  readonly backupPartChars?: number;
}

/** The banner quotes the customer's new words, not the e-mail history below them. */
function withoutQuotedHistory(detection: Detection): Detection {
  if (!detection.message) return detection;
  const body = stripQuotedText(detection.message.body).trim();
  return { ...detection, message: { ...detection.message, body: body || detection.message.body } };
}

const OPEN_STATES = new Set(['requested', 'approved', 'declined', 'resolved']);

function firstAgentReplyAt(snapshot: TicketSnapshot): string | null {
  return snapshot.messages.find((m) => m.authorRole === 'agent' && m.visibility === 'public' && m.createdAt)?.createdAt ?? null;
}

export function snapshotSla(snapshot: TicketSnapshot, policy: Policy, now: Date) {
  return slaSnapshot({ priority: snapshot.priority.level, createdAt: snapshot.createdAt ?? snapshot.messages[0]?.createdAt ?? null, firstAgentReplyAt: firstAgentReplyAt(snapshot) }, policy, now);
}

export function createService(deps: ServiceDeps) {
  const { repo } = deps;
  // One export and one upload in flight at a time (one admin, one options page); a new one replaces the old.
  let pendingExport: { id: string; parts: Array<string | undefined> } | null = null;
  let upload: { id: string; expected: number; parts: string[]; chars: number } | null = null;
  const transferId = () => deps.newId().replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64).padEnd(8, '0');

  /** The text of a preview or an import: its own, or a complete upload's. */
  function importText(message: { text?: string | undefined; uploadId?: string | undefined }): string {
    if ((message.text === undefined) === (message.uploadId === undefined)) {
      throw new RouteError({ code: 'invalid-message', message: 'Give either the file’s text or the id of its upload.', issues: [{ path: message.text === undefined ? 'text' : 'uploadId', message: 'give exactly one of text and uploadId' }] });
    }
    if (message.text !== undefined) return message.text;
    if (!upload || upload.id !== message.uploadId) throw new RouteError({ code: 'not-found', message: 'That upload is not here (the extension restarted, or another upload replaced it); choose the file again.' });
    if (upload.parts.length < upload.expected) throw new RouteError({ code: 'invalid-import', message: `The upload is incomplete: ${upload.parts.length} of ${upload.expected} parts arrived; choose the file again.` });
    return upload.parts.join('');
  }
  const outbox = new Outbox(deps.db);

  async function context() {
    const { settings, locked } = await deps.settings();
    return { settings, locked, actor: actorFor(settings.identity, settings.roles), policy: settings.policy };
  }

  function refuse(refusal: { refused: string; message: string }): never {
    throw new RouteError({ code: 'refused', message: refusal.message, reason: refusal.refused });
  }

  const noSuchEscalation = (id: string) => new RouteError({ code: 'not-found', message: `No escalation ${id}.` });

  /** The escalation, or a not-found refusal; inside a transaction when called from one. */
  async function loadEscalation(id: string): Promise<Escalation> {
    const escalation = await repo.get(id);
    if (!escalation) throw noSuchEscalation(id);
    return escalation;
  }

  function writeBack(escalation: Escalation, event: EscalationEvent, action: OutboxItemInput['action']): OutboxItemInput {
    return { escalationId: escalation.id, seq: event.seq, site: escalation.ticket.site, ticketId: escalation.ticket.ticketId, origin: new URL(escalation.ticket.url).origin, action };
  }

  /** The helpdesk write-backs each accepted command queues: notes, tags and priority. */
  function writeBacksFor(policy: Policy) {
    return (escalation: Escalation, events: EscalationEvent[]): OutboxItemInput[] => {
      const items: OutboxItemInput[] = [];
      for (const event of events) {
        if (event.type === 'request') {
          items.push(writeBack(escalation, event, { kind: 'note', text: requestNote(escalation) }));
          items.push(writeBack(escalation, event, { kind: 'tags', tags: [policy.tags.requested] }));
        } else if (event.type === 'approve' && escalation.decision?.outcome === 'approved') {
          items.push(writeBack(escalation, event, { kind: 'priority', level: escalation.decision.newPriority }));
          items.push(writeBack(escalation, event, { kind: 'tags', tags: [policy.tags.approved] }));
          items.push(writeBack(escalation, event, { kind: 'note', text: decisionNote(escalation) }));
        } else if (event.type === 'decline') {
          items.push(writeBack(escalation, event, { kind: 'tags', tags: [policy.tags.declined] }));
          items.push(writeBack(escalation, event, { kind: 'note', text: decisionNote(escalation) }));
        }
      }
      return items;
    };
  }

  async function ticketView(ticket: TicketRef, snapshot: TicketSnapshot | null): Promise<TicketView> {
    const { actor, policy } = await context();
    const now = deps.now();
    const all = await repo.findByTicket(ticket.site, ticket.ticketId);
    const escalation = all.find((e) => OPEN_STATES.has(e.state)) ?? all[0] ?? null;
    const events = escalation ? await repo.events(escalation.id) : [];
    const sla = snapshot ? snapshotSla(snapshot, policy, now) : (escalation?.sla ?? null);
    const items = escalation ? await outbox.forEscalation(escalation.id) : [];
    const failed = items.filter((i) => i.state === 'failed');
    const pending = items.filter((i) => i.state === 'pending' || i.state === 'in-flight').length;
    const openOnTicket = all.filter((e) => e.state === 'requested' || e.state === 'approved').length;
    return {
      ticket: escalation?.ticket ?? ticket,
      actor,
      escalation,
      events,
      allowed: allowedCommands(escalation && OPEN_STATES.has(escalation.state) ? escalation : null, actor),
      assessment: escalation ? assess({ request: escalation.request, sla: escalation.sla }, policy) : null,
      detection: snapshot ? withoutQuotedHistory(detectEscalationRequest(snapshot.messages, policy.customPhrases)) : null,
      sla,
      warnings: requestWarnings({ request: {}, sla, openEscalationsOnTicket: openOnTicket }, policy).filter((w) => w.kind === 'duplicate' || w.kind === 'premature'),
      actionLog: (await ticketLog(deps.db, ticket.site, ticket.ticketId)).map((entry) => ({ text: entry.text, by: entry.actor.name, at: entry.at })),
      internalNotes: snapshot ? snapshot.messages.filter((m) => m.visibility === 'internal' && !m.body.startsWith('[Escalation Desk]')).map((m) => m.body.slice(0, 300)) : [],
      sync: { state: failed.length > 0 ? 'failed' : pending > 0 ? 'pending' : 'synced', failed: failed.map((i) => ({ id: i.id, kind: i.action.kind, error: i.lastError?.message ?? 'failed' })), pending },
      policy,
      earlier: Math.max(0, all.length - 1),
    };
  }

  /** The badge, alarm and change-notice work of commands already answered, until it is done (see `settled`). */
  const aftermaths = new Set<Promise<void>>();

  /** Resolves once every command answered so far has also updated the badge and alarms and told open pages. */
  async function settled(): Promise<void> {
    while (aftermaths.size > 0) await Promise.all(aftermaths);
  }

  async function applyAndAnnounce<R = undefined>(
    command: Parameters<EscalationRepository['apply']>[0],
    extra?: (escalation: Escalation, events: EscalationEvent[]) => OutboxItemInput[],
    readBack?: (escalation: Escalation) => Promise<R>,
  ) {
    const { actor, policy } = await context();
    const baseWriteBacks = writeBacksFor(policy);
    let result;
    try {
      result = await repo.apply(command, actor, deps.now(), policy, (escalation, events) => [...baseWriteBacks(escalation, events), ...(extra ? extra(escalation, events) : [])], readBack);
    } catch (error) {
      const detail = error instanceof Error ? `${error.name} ${error.message}` : String(error);
      if (/quota/i.test(detail)) throw new RouteError({ code: 'storage-error', message: 'The browser’s storage is full, so the escalation was not saved. Nothing was half-written; free some disk space and try again.' });
      throw error;
    }
    if (!result.ok) {
      if (result.refusal.refused === 'not-found') throw noSuchEscalation(command.escalationId);
      refuse(result.refusal);
    }
    // The command is stored: answer now. The badge, the alarms and the change notice (which makes open popups and
    // panels reload) follow once the answer is on its way: they start in a task of their own, after the view is
    // built and sent, as their browser calls and reads cost the worker about a millisecond that the answer does not
    // wait for. A worker stopped before they ran restores the badge and alarms when it starts again.
    const { site, ticketId } = result.escalation.ticket;
    const aftermath: Promise<void> = new Promise((resolve) => setTimeout(resolve, 0))
      .then(() => Promise.all([deps.refreshBadgeAndAlarms(), deps.broadcast({ tickets: [{ site, ticketId }], outbox: true })]))
      .then(
        () => undefined,
        (error: unknown) => console.warn('[Escalation Desk] after a command: badge or change notice failed', error),
      )
      .finally(() => aftermaths.delete(aftermath));
    aftermaths.add(aftermath);
    return result;
  }

  async function handle(message: Message, sender: Sender): Promise<unknown> {
    switch (message.type) {
      case 'site.config': {
        const { settings } = await context();
        return { disabledAdapters: settings.disabledAdapters, customDomains: settings.customDomains, customAdapters: settings.customAdapters.filter(isCustomAdapterDefinition) };
      }
      case 'ticket.open': {
        assertOwnTicket(sender, message.snapshot.ref);
        const { settings } = await context();
        const agent = message.snapshot.currentAgent;
        if (agent && agent.name && (settings.identity === null || settings.identity.source === 'helpdesk')) {
          const same = settings.identity?.name === agent.name && settings.identity?.email === agent.email;
          // Who the agent is changes no site configuration: save it without telling the tabs to re-resolve.
          if (!same) await saveSettings(deps.db, { ...settings, identity: { name: agent.name, email: agent.email, source: 'helpdesk' as const } });
        }
        if (sender.kind === 'helpdesk-tab') {
          await saveHealth(deps.db, { adapterId: message.snapshot.ref.site, path: sender.url.pathname, checkedAt: deps.now().toISOString(), fields: message.health, mountedAt: message.mountedAt, problem: null });
        }
        return ticketView(message.snapshot.ref, message.snapshot);
      }
      case 'ticket.problem': {
        if (sender.kind === 'helpdesk-tab' && sender.ticket && sender.ticket.site !== message.adapterId) throw new RouteError({ code: 'wrong-ticket', message: 'A tab may report only on its own helpdesk.' });
        await saveHealth(deps.db, { adapterId: message.adapterId, path: message.path.split('?')[0]!.slice(0, 500), checkedAt: deps.now().toISOString(), fields: message.health, mountedAt: null, problem: message.problem });
        return { recorded: true };
      }
      case 'ticket.view':
        assertOwnTicket(sender, message.ticket);
        return ticketView(message.ticket, null);
      case 'ticket.logAction': {
        assertOwnTicket(sender, message.ticket);
        const { actor } = await context();
        await addTicketLog(deps.db, { site: message.ticket.site, ticketId: message.ticket.ticketId, text: message.text, actor, at: deps.now().toISOString() });
        await deps.broadcast({ tickets: [{ site: message.ticket.site, ticketId: message.ticket.ticketId }] });
        return ticketView(message.ticket, null);
      }
      case 'escalation.request': {
        const { snapshot, request } = message;
        assertOwnTicket(sender, snapshot.ref);
        const { policy } = await context();
        const result = await applyAndAnnounce({
          type: 'request',
          escalationId: deps.newId(),
          ticket: snapshot.ref,
          subject: snapshot.subject,
          customer: snapshot.requester,
          request,
          sla: snapshotSla(snapshot, policy, deps.now()),
        });
        await deps.onEscalationRequested(result.escalation);
        return ticketView(snapshot.ref, snapshot);
      }
      case 'escalation.command': {
        const current = await loadEscalation(message.command.escalationId);
        assertOwnTicket(sender, current.ticket);
        // Closing documents the whole escalation in the ticket: the note needs the events before this one too.
        const prior = message.command.type === 'close' ? await repo.events(current.id) : [];
        const result = await applyAndAnnounce(message.command, (escalation, events) =>
          events
            .filter((e) => e.type === 'close')
            .map((e) => writeBack(escalation, e, { kind: 'note', text: documentationNote(escalation, [...prior.filter((p) => p.seq < e.seq), ...events]) })),
        );
        return ticketView(result.escalation.ticket, null);
      }
      case 'escalation.decide': {
        // The state machine refuses a command for an escalation that is not there ('not-found'), inside the
        // command's own transaction, so the escalation is not read once more before it; the detail the popup shows
        // next is read in that transaction too.
        const result = await applyAndAnnounce(message.command, undefined, (escalation) => detailRecords(escalation.id));
        const { actor, policy } = await context();
        return detailView(result.escalation, result.read!, actor, policy);
      }
      case 'template.render': {
        const escalation = await loadEscalation(message.escalationId);
        assertOwnTicket(sender, escalation.ticket);
        const { settings, actor } = await context();
        const vars = templateVariables({
          escalation,
          agentName: actor.name,
          ...(message.progressText !== undefined ? { progressText: message.progressText } : {}),
          ...(message.resolutionSummary !== undefined ? { resolutionSummary: message.resolutionSummary } : {}),
          now: deps.now(),
        });
        const rendered = renderTemplate(message.kind, settings.templates[message.kind], vars);
        if (!rendered.ok) throw new RouteError({ code: 'template-error', message: `The ${message.kind} message needs: ${rendered.missing.join(', ')}.`, issues: rendered.missing.map((m) => ({ path: m, message: 'missing' })) });
        return { text: rendered.text };
      }
      case 'outbox.due': {
        if (sender.kind !== 'helpdesk-tab') return { items: [] };
        const now = deps.now();
        // One item per answer: a tab holds a claim only on the write it is doing, so a tab closed mid-drain delays
        // that one write (until its claim goes stale), never the rest of the queue. The tab asks again until empty.
        for (const item of await outbox.due(sender.url.origin, now)) {
          const got = await outbox.claim(item.id, now);
          if (got) return { items: [got] };
        }
        return { items: [] };
      }
      case 'outbox.result': {
        const item = await outbox.get(message.id);
        if (!item) throw new RouteError({ code: 'not-found', message: `No write-back ${message.id}.` });
        if (sender.kind === 'helpdesk-tab' && item.origin !== sender.url.origin) throw new RouteError({ code: 'wrong-ticket', message: 'A tab may report only its own helpdesk’s write-backs.' });
        if (message.ok) await outbox.succeed(message.id, deps.now());
        else await outbox.fail(message.id, deps.now(), message.error ?? { message: 'failed', status: null, retryable: true, retryAfterSeconds: null });
        await deps.refreshBadgeAndAlarms();
        await deps.broadcast({ tickets: [{ site: item.site, ticketId: item.ticketId }] });
        return { recorded: true };
      }
      case 'outbox.retry': {
        const item = await outbox.get(message.id);
        if (!item) throw new RouteError({ code: 'not-found', message: `No write-back ${message.id}.` });
        assertOwnTicket(sender, { site: item.site, ticketId: item.ticketId });
        await outbox.retry(message.id, deps.now());
        await deps.broadcast({ tickets: [{ site: item.site, ticketId: item.ticketId }], outbox: true });
        return { retried: true };
      }
      case 'whoami': {
        const { actor, settings, locked } = await context();
        return { actor, identity: settings.identity, locked };
      }
      case 'queue.get': {
        const { policy, actor } = await context();
        // Ordered here by urgency (not only by decision due time) so that a first page holds the most urgent ones.
        const now = deps.now();
        const queue = (await repo.pendingQueue(QUEUE_CAP)).sort((a, b) => compareUrgency(a, b, now)).slice(0, message.limit ?? QUEUE_CAP);
        // `total`: how many await a decision in all (an index count), so the popup can say when the list is capped.
        const { count: total } = await repo.countAwaitingDecision(now);
        const items = queue.map((escalation) => ({ escalation, assessment: assess({ request: escalation.request, sla: escalation.sla }, policy) }));
        return { actor, total, items: message.rows ? items.map(queueRow) : items };
      }
      case 'escalation.get':
        return detail(message.escalationId);
      case 'inProgress.get':
        return { items: await repo.inProgress(200) };
      case 'history.get':
        return { items: await repo.history({ ...(message.states ? { states: message.states } : {}), ...(message.site ? { site: message.site } : {}), ...(message.text ? { text: message.text } : {}) }, { limit: 50, ...(message.before ? { before: message.before } : {}) }) };
      case 'mine.get': {
        const { actor } = await context();
        return { actor, items: await repo.mine(actor.id, 200) };
      }
      case 'stats.get':
        return repo.stats(deps.now());
      case 'ticket.focus':
        await deps.focusTicket(message.ticket);
        return { focused: true };
      case 'settings.get': {
        const { settings, locked } = await context();
        return { settings, locked, health: await allHealth(deps.db) };
      }
      case 'settings.save': {
        const { settings, locked, actor } = await context();
        requireAdmin(actor);
        const lockedChanged = changedLockedKeys(settings, message.settings, locked);
        if (lockedChanged.length > 0) throw new RouteError({ code: 'locked-setting', message: `These settings are managed by your organisation and cannot be changed here: ${lockedChanged.join(', ')}.` });
        await saveSettings(deps.db, message.settings);
        await deps.onSettingsSaved(message.settings);
        return { saved: true };
      }
      case 'adapter.setEnabled': {
        const { settings, locked, actor } = await context();
        requireAdmin(actor);
        if (locked.includes('disabledAdapters')) throw new RouteError({ code: 'locked-setting', message: 'Which helpdesks are switched on is managed by your organisation.' });
        const disabled = new Set(settings.disabledAdapters);
        if (message.enabled) disabled.delete(message.adapterId);
        else disabled.add(message.adapterId);
        const next = { ...settings, disabledAdapters: [...disabled] };
        await saveSettings(deps.db, next);
        await deps.onSettingsSaved(next);
        return { disabledAdapters: next.disabledAdapters };
      }
      case 'customDomain.add':
        requireAdmin((await context()).actor);
        return { settings: await deps.customSites.add(message.adapterId, message.origin) };
      case 'customDomain.remove':
        requireAdmin((await context()).actor);
        return { settings: await deps.customSites.remove(message.origin) };
      case 'customAdapter.save':
        requireAdmin((await context()).actor);
        return { settings: await deps.customSites.saveCustomAdapter(message.definition) };
      case 'customAdapter.remove':
        requireAdmin((await context()).actor);
        return { settings: await deps.customSites.removeCustomAdapter(message.adapterId) };
      case 'customAdapter.test':
        requireAdmin((await context()).actor);
        return deps.customSites.testCustomAdapter(message.definition, message.tabId);
      case 'health.get':
        return { health: await allHealth(deps.db) };
      case 'backup.export': {
        requireAdmin((await context()).actor);
        pendingExport = null;
        // Built in parts while the store is read, so that no store is too large to export (core/store/backup.ts).
        const { parts, chars, summary } = await exportBackupParts(deps.db, deps.now(), deps.backupPartChars);
        if (parts.length > MAX_EXPORT_PARTS) {
          throw new RouteError({ code: 'storage-error', message: `There is too much data to export: the file would be ${Math.round(chars / 1024 / 1024)} MB, and an export may be at most ${(MAX_EXPORT_PARTS * BACKUP_PART_CHARS) / 1024 / 1024} MB.` });
        }
        pendingExport = { id: transferId(), parts };
        return { exportId: pendingExport.id, parts: parts.length, chars, summary };
      }
      case 'backup.exportPart': {
        requireAdmin((await context()).actor);
        if (!pendingExport || pendingExport.id !== message.exportId) throw new RouteError({ code: 'not-found', message: 'That export is not here any more; export again.' });
        if (message.part >= pendingExport.parts.length) throw new RouteError({ code: 'not-found', message: `The export has ${pendingExport.parts.length} parts; there is no part ${message.part}.` });
        const text = pendingExport.parts[message.part];
        if (text === undefined) throw new RouteError({ code: 'not-found', message: `Part ${message.part} of this export was already handed out; export again.` });
        // Each part is handed out once and its memory freed; after the last, the export is gone.
        pendingExport.parts[message.part] = undefined;
        if (message.part === pendingExport.parts.length - 1) pendingExport = null;
        return { text };
      }
      case 'backup.upload': {
        requireAdmin((await context()).actor);
        if (message.part === 0) upload = { id: message.uploadId, expected: message.parts, parts: [], chars: 0 };
        if (!upload || upload.id !== message.uploadId || upload.expected !== message.parts || upload.parts.length !== message.part) {
          upload = null;
          throw new RouteError({ code: 'invalid-import', message: 'The file’s parts arrived out of order; choose the file again.' });
        }
        upload.chars += message.text.length;
        if (upload.chars > MAX_BACKUP_CHARS) {
          upload = null;
          throw new RouteError({ code: 'invalid-import', message: `The file is larger than ${MAX_BACKUP_CHARS / 1024 / 1024} MB, the most a backup may be.` });
        }
        upload.parts.push(message.text);
        return { received: upload.parts.length };
      }
      case 'backup.preview': {
        requireAdmin((await context()).actor);
        const parsed = parseBackup(importText(message));
        if (!parsed.ok) throw new RouteError({ code: 'invalid-import', message: parsed.error });
        return { summary: parsed.summary, diff: await diffBackup(deps.db, parsed.backup) };
      }
      case 'backup.import': {
        requireAdmin((await context()).actor);
        const parsed = parseBackup(importText(message));
        upload = null;
        if (!parsed.ok) throw new RouteError({ code: 'invalid-import', message: parsed.error });
        await importBackup(deps.db, parsed.backup);
        repo.forgetSummaries();
        const { settings } = await context();
        await deps.onSettingsSaved(settings);
        await deps.refreshBadgeAndAlarms();
        await deps.broadcast({ tickets: [], settings: true, outbox: true });
        return { imported: parsed.summary };
      }
      case 'data.clear': {
        requireAdmin((await context()).actor);
        await clearAll(deps.db);
        repo.forgetSummaries();
        const { settings } = await context();
        await deps.onSettingsSaved(settings);
        await deps.refreshBadgeAndAlarms();
        await deps.broadcast({ tickets: [], settings: true });
        return { cleared: true };
      }
    }
  }

  /** An escalation's log and write-backs; inside a transaction on both tables when called from one. */
  async function detailRecords(id: string) {
    const [events, items] = await Promise.all([repo.events(id), outbox.forEscalation(id)]);
    return { events, items };
  }

  async function detail(id: string) {
    const { policy, actor } = await context();
    // One read transaction for the escalation, its log and its write-backs: one consistent view, one round.
    const [escalation, records] = await deps.db.transaction('r', [deps.db.escalations, deps.db.events, deps.db.outbox], () =>
      Promise.all([loadEscalation(id), detailRecords(id)]),
    );
    return detailView(escalation, records, actor, policy);
  }

  function detailView(escalation: Escalation, { events, items }: Awaited<ReturnType<typeof detailRecords>>, actor: Actor, policy: Policy) {
    return {
      actor,
      escalation,
      events,
      assessment: assess({ request: escalation.request, sla: escalation.sla }, policy),
      writeBacks: items.map((i) => ({ id: i.id, kind: i.action.kind, state: i.state, error: i.lastError?.message ?? null })),
      allowed: allowedCommands(escalation, actor),
      defaults: { newPriority: policy.approvedPriority[escalation.request.severity], updateCadenceMinutes: policy.updateCadenceMinutes[escalation.request.severity] },
    };
  }

  function requireAdmin(actor: Actor): void {
    if (!actor.roles.includes('admin')) throw new RouteError({ code: 'refused', reason: 'needs-admin', message: 'Only an admin can change Escalation Desk’s configuration or data.' });
  }

  return { handle, repo, outbox, ticketView, settled };
}

/** A queue item cut down to what its row in the popup shows. */
function queueRow({ escalation: e, assessment: a }: QueueItem): QueueRow {
  return {
    escalation: { id: e.id, version: e.version, ticket: e.ticket, subject: e.subject, customer: e.customer, state: e.state, requestedAt: e.requestedAt, sla: e.sla, decisionDueAt: e.decisionDueAt, request: { severity: e.request.severity } },
    assessment: { score: a.score, recommendation: a.recommendation },
  };
}

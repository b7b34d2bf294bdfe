// The message protocol between the content script, the extension pages and the background. Every message is a
// member of one zod discriminated union, validated on receipt; the router also checks who sent it (see
// `AGENT_SIDE_MESSAGES`). Responses use one envelope: `{ ok: true, data }` or `{ ok: false, error }`.
import { z } from 'zod';
import { BACKUP_PART_CHARS, MAX_BACKUP_PARTS, MAX_EXPORT_PARTS, QUEUE_CAP } from './constants';
import {
  AdapterProblem,
  ApproveCommand,
  AcknowledgeCommand,
  CloseCommand,
  CustomerMessageKind,
  DeclineCommand,
  Escalation,
  EscalationRequest,
  EscalationState,
  FieldHealth,
  ProgressUpdateCommand,
  RecordCustomerInformedCommand,
  ResolveCommand,
  SiteId,
  TicketRef,
  TicketSnapshot,
  WithdrawCommand,
} from './schemas';
import { Settings } from './settings';

/** Agent-side commands on an existing escalation: allowed from the ticket's own tab and from extension pages. */
/** Names one export or upload in flight. */
const BackupTransferId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const AgentCommand = z.discriminatedUnion('type', [
  RecordCustomerInformedCommand,
  ProgressUpdateCommand,
  ResolveCommand,
  CloseCommand,
  WithdrawCommand,
]);
export type AgentCommand = z.infer<typeof AgentCommand>;

/** Manager decisions: only from the extension's own pages, and only for managers. */
export const DecisionCommand = z.discriminatedUnion('type', [AcknowledgeCommand, ApproveCommand, DeclineCommand]);
export type DecisionCommand = z.infer<typeof DecisionCommand>;

const HistoryStates = z.array(z.enum(['resolved', 'closed', 'declined', 'withdrawn'])).max(4);

export const Message = z.discriminatedUnion('type', [
  // ---- from a helpdesk tab's content script (for that tab's own ticket) ----
  /** Which adapters are on, and the custom domains and adapters: the content script picks its adapter. */
  z.object({ type: z.literal('site.config') }),
  /** The panel opened or refreshed on a ticket: report what the page shows, get the ticket's escalation view. */
  z.object({ type: z.literal('ticket.open'), snapshot: TicketSnapshot, health: z.array(FieldHealth).max(100), mountedAt: z.enum(['anchor', 'floating']).nullable() }),
  /** The adapter could not read the page: record the health report (no ticket text). */
  z.object({ type: z.literal('ticket.problem'), adapterId: SiteId, path: z.string().max(2048), problem: AdapterProblem, health: z.array(FieldHealth).max(100) }),
  z.object({ type: z.literal('ticket.view'), ticket: TicketRef }),
  z.object({ type: z.literal('ticket.logAction'), ticket: TicketRef, text: z.string().trim().min(1).max(1000) }),
  z.object({ type: z.literal('escalation.request'), snapshot: TicketSnapshot, request: EscalationRequest }),
  z.object({ type: z.literal('escalation.command'), command: AgentCommand }),
  z.object({
    type: z.literal('template.render'),
    escalationId: Escalation.shape.id,
    kind: CustomerMessageKind,
    progressText: z.string().trim().max(4000).optional(),
    resolutionSummary: z.string().trim().max(4000).optional(),
  }),
  /** The content script asks for write-backs due on its origin, and reports each result. */
  z.object({ type: z.literal('outbox.due') }),
  z.object({
    type: z.literal('outbox.result'),
    id: z.string().min(1).max(300),
    ok: z.boolean(),
    error: z
      .object({ message: z.string().max(1000), status: z.number().int().nullable(), retryable: z.boolean(), retryAfterSeconds: z.number().int().min(0).max(86_400).nullable() })
      .nullable(),
  }),
  z.object({ type: z.literal('outbox.retry'), id: z.string().min(1).max(300) }),

  // ---- from the extension's own pages (popup, options) ----
  z.object({ type: z.literal('whoami') }),
  // `limit`: the first so many, most urgent first (the popup asks for a page, then more as the manager scrolls).
  // `rows`: only what a queue row shows (core/views.ts QueueRow), for the popup; without it, whole records.
  z.object({ type: z.literal('queue.get'), limit: z.number().int().min(1).max(QUEUE_CAP).optional(), rows: z.literal(true).optional() }),
  z.object({ type: z.literal('escalation.get'), escalationId: Escalation.shape.id }),
  z.object({ type: z.literal('escalation.decide'), command: DecisionCommand }),
  z.object({ type: z.literal('inProgress.get') }),
  z.object({
    type: z.literal('history.get'),
    states: HistoryStates.optional(),
    site: SiteId.optional(),
    text: z.string().max(200).optional(),
    before: z.string().max(64).optional(),
  }),
  z.object({ type: z.literal('mine.get') }),
  z.object({ type: z.literal('stats.get') }),
  z.object({ type: z.literal('ticket.focus'), ticket: TicketRef }),
  z.object({ type: z.literal('settings.get') }),
  z.object({ type: z.literal('settings.save'), settings: Settings }),
  z.object({ type: z.literal('adapter.setEnabled'), adapterId: SiteId, enabled: z.boolean() }),
  z.object({ type: z.literal('customDomain.add'), adapterId: SiteId, origin: z.string().max(300) }),
  z.object({ type: z.literal('customDomain.remove'), origin: z.string().max(300) }),
  z.object({ type: z.literal('customAdapter.save'), definition: z.unknown() }),
  z.object({ type: z.literal('customAdapter.remove'), adapterId: SiteId }),
  z.object({ type: z.literal('customAdapter.test'), definition: z.unknown(), tabId: z.number().int().min(0) }),
  z.object({ type: z.literal('health.get') }),
  // A backup travels in parts (core/store/backup.ts, BACKUP_PART_CHARS): `backup.export` prepares the file and says
  // how many parts it has, `backup.exportPart` hands one; `backup.upload` takes the parts of a file in order, and
  // `backup.preview` / `backup.import` then name the upload (or carry a small file's text themselves).
  z.object({ type: z.literal('backup.export') }),
  z.object({ type: z.literal('backup.exportPart'), exportId: BackupTransferId, part: z.number().int().min(0).max(MAX_EXPORT_PARTS - 1) }),
  z.object({
    type: z.literal('backup.upload'),
    uploadId: BackupTransferId,
    part: z.number().int().min(0).max(MAX_BACKUP_PARTS - 1),
    parts: z.number().int().min(1).max(MAX_BACKUP_PARTS),
    text: z.string().max(BACKUP_PART_CHARS),
  }),
  z.object({ type: z.literal('backup.preview'), text: z.string().optional(), uploadId: BackupTransferId.optional() }),
  z.object({ type: z.literal('backup.import'), text: z.string().optional(), uploadId: BackupTransferId.optional() }),
  z.object({ type: z.literal('data.clear'), confirm: z.literal(true) }),
]);
export type Message = z.infer<typeof Message>;
export type MessageType = Message['type'];

/** Messages a helpdesk tab's content script may send. Everything else is extension-page only. */
export const AGENT_SIDE_MESSAGES: ReadonlySet<MessageType> = new Set<MessageType>([
  'site.config',
  'ticket.open',
  'ticket.problem',
  'ticket.view',
  'ticket.logAction',
  'escalation.request',
  'escalation.command',
  'template.render',
  'outbox.due',
  'outbox.result',
  'outbox.retry',
]);

export const ERROR_CODES = [
  'invalid-message',
  'forbidden-sender',
  'wrong-ticket',
  'refused',
  'not-found',
  'locked-setting',
  'invalid-settings',
  'invalid-import',
  'template-error',
  'permission-denied',
  'storage-error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  /** For refusals: the typed reason from the core. For validation: the failing paths. */
  readonly reason?: string;
  readonly issues?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

export type Response<T = unknown> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ErrorBody };

/** Broadcast from the background to helpdesk tabs and extension pages when something changed. */
export interface ChangedNotice {
  readonly type: 'escalation-desk.changed';
  readonly tickets: ReadonlyArray<{ readonly site: string; readonly ticketId: string }>;
  readonly settings: boolean;
  readonly outbox: boolean;
}

export { EscalationState };

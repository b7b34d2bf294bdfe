// The agent's escalation panel inside the helpdesk ticket. It renders a view-model and raises events; the content
// script does the talking. Ticket text is always rendered as text (Preact escapes it).
import { useEffect, useState } from 'preact/hooks';
import type { AdapterProblem } from '../../adapters/types';
import type { AgentCommand } from '../../core/messages';
import type { CustomerMessageKind, Escalation, EscalationRequest, TicketSnapshot } from '../../core/schemas';
import type { TicketView } from '../../core/views';
import { cadenceWords } from '../../core/documentation';
import { clockTime, duration, dueWords, minutesBetween, STATE_LABELS } from '../format';
import { RequestForm } from './RequestForm';
import { Timeline } from './Timeline';

export type PanelState =
  | { readonly kind: 'loading'; readonly adapterLabel: string }
  | { readonly kind: 'problem'; readonly adapterLabel: string; readonly problem: AdapterProblem }
  | { readonly kind: 'ready'; readonly view: TicketView; readonly snapshot: TicketSnapshot | null };

export type PanelNotice = { readonly tone: 'error' | 'success' | 'info'; readonly text: string } | null;

export interface PanelActions {
  logAction(text: string): Promise<boolean>;
  request(request: EscalationRequest): Promise<boolean>;
  command(command: AgentCommand): Promise<boolean>;
  insertCustomerMessage(kind: CustomerMessageKind, extra: { progressText?: string; resolutionSummary?: string }): Promise<boolean>;
  retryWriteBack(id: string): Promise<boolean>;
  dismissNotice(): void;
}

export interface PanelProps {
  readonly state: PanelState;
  readonly notice: PanelNotice;
  /** An action is on its way to the background: controls are disabled until its answer arrives. */
  readonly busy?: boolean;
  readonly actions: PanelActions;
}

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const OPEN = new Set<Escalation['state']>(['requested', 'approved', 'declined', 'resolved']);

export function Panel({ state, notice, busy = false, actions }: PanelProps) {
  const [collapsed, setCollapsed] = useState(false);
  const status =
    state.kind === 'loading'
      ? 'Reading the ticket…'
      : state.kind === 'problem'
        ? 'Cannot read this ticket'
        : state.view.escalation && OPEN.has(state.view.escalation.state)
          ? STATE_LABELS[state.view.escalation.state]
          : state.view.escalation
            ? `${STATE_LABELS[state.view.escalation.state]} · no open escalation`
            : 'No escalation';
  const tone = state.kind === 'ready' ? (state.view.escalation?.state ?? 'none') : state.kind;
  return (
    <section class="ed-panel" data-testid="escalation-panel" data-state={tone} aria-label="Escalation Desk">
      <header class="ed-header">
        <span class="ed-brand">Escalation Desk</span>
        <span class="ed-status" data-testid="escalation-status" data-tone={tone} role="status">
          {status}
        </span>
        {state.kind === 'ready' && <SyncBadge view={state.view} />}
        <button type="button" class="ed-icon" aria-expanded={!collapsed} aria-label={collapsed ? 'Show escalation panel' : 'Hide escalation panel'} onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      {!collapsed && (
        <div class="ed-body">
          {notice && (
            <div class={`ed-notice ed-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="panel-notice">
              <span>{notice.text}</span>
              <button type="button" class="ed-icon" aria-label="Dismiss" onClick={actions.dismissNotice}>
                ×
              </button>
            </div>
          )}
          {state.kind === 'loading' && <p class="ed-muted">Reading the {state.adapterLabel} ticket…</p>}
          {state.kind === 'problem' && <ProblemView adapterLabel={state.adapterLabel} problem={state.problem} />}
          {state.kind === 'ready' && (
            <fieldset class="ed-plain" disabled={busy} aria-busy={busy}>
              <ReadyView view={state.view} actions={actions} />
            </fieldset>
          )}
          {state.kind === 'ready' && state.snapshot && <TicketRead snapshot={state.snapshot} />}
        </div>
      )}
    </section>
  );
}

function ProblemView({ adapterLabel, problem }: { adapterLabel: string; problem: AdapterProblem }) {
  return (
    <div class="ed-problem" data-testid="adapter-problem" data-problem-code={problem.code}>
      <p>
        <strong>Escalation Desk cannot read this {adapterLabel} page.</strong> The helpdesk keeps working normally.
      </p>
      <p>{problem.message}</p>
      {(problem.field || problem.selector) && (
        <p class="ed-muted">
          {problem.field && <>Field: <code>{problem.field}</code> </>}
          {problem.selector && <>Selector: <code>{problem.selector}</code></>}
        </p>
      )}
      <p class="ed-muted">An admin can see this in the options page under Helpdesks, or switch this adapter off there.</p>
    </div>
  );
}

/** What the adapter read from the page, so an agent (or admin) can see the panel works from the right ticket. */
function TicketRead({ snapshot }: { snapshot: TicketSnapshot }) {
  const count = (role: string, visibility?: string) => snapshot.messages.filter((m) => m.authorRole === role && (!visibility || m.visibility === visibility)).length;
  return (
    <details
      class="ed-section"
      data-testid="ticket-summary"
      data-subject={snapshot.subject}
      data-requester={snapshot.requester.name}
      data-requester-email={snapshot.requester.email ?? ''}
      data-priority={snapshot.priority.level ?? ''}
      data-priority-raw={snapshot.priority.raw ?? ''}
      data-messages={snapshot.messages.length}
      data-customer-messages={count('customer')}
      data-agent-messages={count('agent')}
      data-internal-messages={snapshot.messages.filter((m) => m.visibility === 'internal').length}
      data-source={snapshot.source}
    >
      <summary>What Escalation Desk read from this ticket</summary>
      <dl class="ed-read">
        <dt>Subject</dt>
        <dd>{snapshot.subject}</dd>
        <dt>Customer</dt>
        <dd>
          {snapshot.requester.name}
          {snapshot.requester.email ? ` <${snapshot.requester.email}>` : ''}
        </dd>
        <dt>Priority</dt>
        <dd>{snapshot.priority.raw ?? 'unknown'}{snapshot.priority.level ? ` (${snapshot.priority.level})` : ''}</dd>
        <dt>Status</dt>
        <dd>{snapshot.status ?? 'unknown'}</dd>
        <dt>Messages</dt>
        <dd>
          {snapshot.messages.length}: {count('customer')} from the customer, {count('agent', 'public')} agent replies, {snapshot.messages.filter((m) => m.visibility === 'internal').length} internal
        </dd>
        <dt>Read from</dt>
        <dd>{snapshot.source === 'dom' ? 'the page' : snapshot.source === 'api' ? 'the helpdesk API' : 'the page and the helpdesk API'}</dd>
      </dl>
    </details>
  );
}

function SyncBadge({ view }: { view: TicketView }) {
  if (!view.escalation) return null;
  const words = { synced: 'In sync with helpdesk', pending: `Writing to helpdesk (${view.sync.pending})`, failed: 'Helpdesk write failed' }[view.sync.state];
  return (
    <span class={`ed-sync ed-sync-${view.sync.state}`} data-testid="sync-status" data-sync={view.sync.state} title={words}>
      {words}
    </span>
  );
}

function ReadyView({ view, actions }: { view: TicketView; actions: PanelActions }) {
  const [formOpen, setFormOpen] = useState(false);
  const escalation = view.escalation && OPEN.has(view.escalation.state) ? view.escalation : null;
  if (formOpen && !escalation) {
    return <RequestForm view={view} onCancel={() => setFormOpen(false)} onSubmit={async (request) => {
      const ok = await actions.request(request);
      if (ok) setFormOpen(false);
      return ok;
    }} />;
  }
  return (
    <>
      {escalation ? <EscalationView view={view} escalation={escalation} actions={actions} /> : <NoEscalation view={view} onEscalate={() => setFormOpen(true)} actions={actions} />}
      {view.sync.failed.length > 0 && (
        <div class="ed-failed" role="alert" data-testid="sync-failed">
          <p>Some changes could not be written to the helpdesk:</p>
          <ul>
            {view.sync.failed.map((f) => (
              <li key={f.id}>
                {f.kind}: {f.error}{' '}
                <button type="button" data-testid="retry-write-back" onClick={() => void actions.retryWriteBack(f.id)}>
                  Retry
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.escalation && (
        <details class="ed-section" open={view.escalation.state !== 'closed'}>
          <summary>Timeline</summary>
          <Timeline events={view.events} />
        </details>
      )}
    </>
  );
}

function NoEscalation({ view, onEscalate, actions }: { view: TicketView; onEscalate: () => void; actions: PanelActions }) {
  const [logText, setLogText] = useState('');
  const detection = view.detection?.detected ? view.detection : null;
  return (
    <>
      {detection && detection.message && (
        <div class="ed-detected" data-testid="detected-request" role="note">
          <p>
            <strong>The customer asked for an escalation</strong>
            {detection.message.createdAt && <> · {clockTime(detection.message.createdAt)}</>}
          </p>
          <blockquote>{detection.message.body.slice(0, 400)}</blockquote>
          {detection.matched.length > 0 && <p class="ed-muted">Matched: {detection.matched.join(', ')}</p>}
        </div>
      )}
      {view.sla && view.sla.minutesToBreach !== null && (
        <p class="ed-muted" data-testid="ticket-sla">
          {view.sla.minutesToBreach < 0 ? `SLA breached ${duration(-view.sla.minutesToBreach)} ago` : `${duration(view.sla.minutesToBreach)} to SLA breach`}
        </p>
      )}
      <div class="ed-section">
        <h3>Actions taken</h3>
        {view.actionLog.length === 0 ? (
          <p class="ed-muted">Nothing logged yet.</p>
        ) : (
          <ul class="ed-log" data-testid="action-log">
            {view.actionLog.map((entry, i) => (
              <li key={i}>
                {entry.text} <span class="ed-muted">· {entry.by}, {clockTime(entry.at)}</span>
              </li>
            ))}
          </ul>
        )}
        <form
          class="ed-inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!logText.trim()) return;
            if (await actions.logAction(logText.trim())) setLogText('');
          }}
        >
          <input type="text" aria-label="Log an action you took" placeholder="Log an action, e.g. cleared cache with customer" value={logText} onInput={(e) => setLogText(e.currentTarget.value)} maxLength={1000} data-testid="log-action-input" />
          <button type="submit" data-testid="log-action-submit">Log</button>
        </form>
      </div>
      <button type="button" class="ed-primary" data-testid="escalate-button" onClick={onEscalate}>
        {detection ? 'Record escalation request' : 'Escalate'}
      </button>
    </>
  );
}

function EscalationView({ view, escalation, actions }: { view: TicketView; escalation: Escalation; actions: PanelActions }) {
  const now = useNow(30_000);
  const [text, setText] = useState('');
  const [summary, setSummary] = useState('');
  const [withdrawReason, setWithdrawReason] = useState('');
  const versioned = { escalationId: escalation.id, expectedVersion: escalation.version };
  const can = (type: string) => view.allowed.includes(type as never);
  const informed = (kind: CustomerMessageKind) => escalation.customerInformed.some((c) => c.kind === kind);
  const decision = escalation.decision;

  return (
    <div class="ed-escalation">
      <p class="ed-muted">
        {escalation.request.severity} · requested by {escalation.requestedBy.name} {duration(minutesBetween(escalation.requestedAt, now))} ago
        {escalation.request.source === 'customer' ? ' · the customer asked' : ''}
      </p>

      {escalation.state === 'requested' && (
        <div class="ed-section" data-testid="awaiting-decision">
          <DecisionClock escalation={escalation} now={now} />
          {escalation.acknowledged && <p class="ed-muted">Acknowledged by {escalation.acknowledged.by.name}.</p>}
          {can('withdraw') && (
            <form
              class="ed-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (withdrawReason.trim()) void actions.command({ type: 'withdraw', ...versioned, reason: withdrawReason.trim() });
              }}
            >
              <input type="text" aria-label="Why withdraw?" placeholder="Why withdraw? e.g. customer no longer needs it" value={withdrawReason} onInput={(e) => setWithdrawReason(e.currentTarget.value)} />
              <button type="submit" data-testid="withdraw-button" disabled={!withdrawReason.trim()}>
                Withdraw
              </button>
            </form>
          )}
        </div>
      )}

      {decision?.outcome === 'approved' && escalation.state === 'approved' && (
        <div class="ed-section" data-testid="approved-details">
          <p>
            Approved by {decision.by.name}: {decision.rationale}
          </p>
          <p>
            Priority raised to <strong data-testid="new-priority">{decision.newPriority}</strong>. Customer updates every {cadenceWords(decision.updateCadenceMinutes)}.
          </p>
          {escalation.nextCustomerUpdateDueAt && (
            <p data-testid="next-update" class={dueWords(escalation.nextCustomerUpdateDueAt, now).overdue ? 'ed-overdue' : ''}>
              Next customer update {dueWords(escalation.nextCustomerUpdateDueAt, now).text} ({clockTime(escalation.nextCustomerUpdateDueAt)})
            </p>
          )}
          {decision.followUps.length > 0 && (
            <ul class="ed-checklist" data-testid="follow-ups">
              {decision.followUps.map((f, i) => (
                <li key={i}>
                  <label>
                    <input
                      type="checkbox"
                      checked={f.done}
                      disabled={f.done}
                      onChange={() => void actions.command({ type: 'progressUpdate', ...versioned, text: `Done: ${f.text}`, completedFollowUps: [i] })}
                    />{' '}
                    {f.text}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {!informed('approved') && (
            <div class="ed-buttons">
              <button type="button" data-testid="insert-approved-message" onClick={() => void actions.insertCustomerMessage('approved', {})}>
                Put approval message in reply
              </button>
              <button type="button" data-testid="record-informed-approved" onClick={() => void actions.command({ type: 'recordCustomerInformed', ...versioned, kind: 'approved' })}>
                Customer told
              </button>
            </div>
          )}
          <label>
            Progress update
            <textarea rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="progress-text" placeholder="What changed since the last update" />
          </label>
          <div class="ed-buttons">
            <button type="button" data-testid="insert-customer-message" disabled={!text.trim()} onClick={() => void actions.insertCustomerMessage('progress', { progressText: text.trim() })}>
              Put update in reply
            </button>
            <button
              type="button"
              data-testid="record-customer-updated"
              disabled={!text.trim()}
              onClick={async () => {
                const ok = await actions.command({ type: 'progressUpdate', ...versioned, text: text.trim(), completedFollowUps: [] });
                if (ok) setText('');
              }}
            >
              Log progress
            </button>
            <button type="button" data-testid="record-informed-progress" onClick={() => void actions.command({ type: 'recordCustomerInformed', ...versioned, kind: 'progress' })}>
              Customer updated
            </button>
          </div>
        </div>
      )}

      {decision?.outcome === 'declined' && escalation.state === 'declined' && (
        <div class="ed-section" data-testid="declined-details">
          <p>
            Not approved by {decision.by.name} ({decision.category.replace(/-/g, ' ')}):
          </p>
          <blockquote data-testid="decline-reason">{decision.reason}</blockquote>
          <p>The ticket continues through the normal process and its normal SLA.</p>
          <div class="ed-buttons">
            <button type="button" data-testid="insert-customer-message" onClick={() => void actions.insertCustomerMessage('declined', {})}>
              Put explanation in reply
            </button>
            <button type="button" data-testid="record-customer-informed" disabled={informed('declined')} onClick={() => void actions.command({ type: 'recordCustomerInformed', ...versioned, kind: 'declined' })}>
              {informed('declined') ? 'Customer informed' : 'Customer informed?'}
            </button>
          </div>
        </div>
      )}

      {can('resolve') && (
        <div class="ed-section">
          <label>
            Solution summary
            <textarea rows={2} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} data-testid="resolution-summary" placeholder="What fixed it" />
          </label>
          <button type="button" data-testid="resolve-button" disabled={!summary.trim()} onClick={() => void actions.command({ type: 'resolve', ...versioned, summary: summary.trim() })}>
            Resolve escalation
          </button>
        </div>
      )}

      {escalation.state === 'resolved' && escalation.resolution && (
        <div class="ed-section" data-testid="resolved-details">
          <p>Resolved: {escalation.resolution.summary}</p>
          <div class="ed-buttons">
            <button type="button" data-testid="insert-customer-message" onClick={() => void actions.insertCustomerMessage('resolution', { resolutionSummary: escalation.resolution!.summary })}>
              Put resolution message in reply
            </button>
            <button type="button" data-testid="record-informed-resolution" disabled={informed('resolution')} onClick={() => void actions.command({ type: 'recordCustomerInformed', ...versioned, kind: 'resolution' })}>
              {informed('resolution') ? 'Customer informed' : 'Customer informed?'}
            </button>
            <button type="button" class="ed-primary" data-testid="close-button" onClick={() => void actions.command({ type: 'close', ...versioned })}>
              Close and document in ticket
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function DecisionClock({ escalation, now }: { escalation: Escalation; now: Date }) {
  const waited = minutesBetween(escalation.requestedAt, now);
  const due = dueWords(escalation.decisionDueAt, now);
  return (
    <p data-testid="decision-clock" class={due.overdue ? 'ed-overdue' : ''}>
      Waiting {duration(waited)} for a decision · decision {due.text}
    </p>
  );
}

// The agent's escalation panel inside the helpdesk ticket. It renders a view-model and raises events; the content
// script does the talking. Ticket text is always rendered as text (Preact escapes it).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdapterProblem } from '../../adapters/types';
import type { AgentCommand } from '../../core/messages';
import type { CustomerMessageKind, Escalation, EscalationRequest, TicketSnapshot } from '../../core/schemas';
import type { TicketView } from '../../core/views';
import { clockTime, duration, dueWords, minutesBetween } from '../format';
import { cadenceText, dueText, stateLabel, t, uiLanguage } from '../i18n';
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
  const statusRef = useRef<HTMLSpanElement>(null);
  const status =
    state.kind === 'loading'
      ? t('panel_status_reading')
      : state.kind === 'problem'
        ? t('panel_status_problem')
        : state.view.escalation && OPEN.has(state.view.escalation.state)
          ? stateLabel(state.view.escalation.state)
          : state.view.escalation
            ? t('panel_status_not_open', stateLabel(state.view.escalation.state))
            : t('panel_status_none');
  const tone = state.kind === 'ready' ? (state.view.escalation?.state ?? 'none') : state.kind;
  return (
    <section class="ed-panel" data-testid="escalation-panel" data-state={tone} aria-label={t('extName')} lang={uiLanguage()}>
      <header class="ed-header">
        <span class="ed-brand">{t('extName')}</span>
        <span class="ed-status" data-testid="escalation-status" data-tone={tone} role="status" tabIndex={-1} ref={statusRef}>
          {status}
        </span>
        {state.kind === 'ready' && <SyncBadge view={state.view} />}
        <button type="button" class="ed-icon" aria-expanded={!collapsed} aria-label={collapsed ? t('panel_show') : t('panel_hide')} onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      {!collapsed && (
        <div class="ed-body">
          {notice && (
            <div class={`ed-notice ed-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="panel-notice">
              <span>{notice.text}</span>
              <button type="button" class="ed-icon" aria-label={t('dismiss')} onClick={actions.dismissNotice}>
                ×
              </button>
            </div>
          )}
          {state.kind === 'loading' && <p class="ed-muted">{t('panel_reading_ticket', state.adapterLabel)}</p>}
          {state.kind === 'problem' && <ProblemView adapterLabel={state.adapterLabel} problem={state.problem} />}
          {state.kind === 'ready' && (
            <fieldset class="ed-plain" disabled={busy} aria-busy={busy}>
              <ReadyView view={state.view} actions={actions} onRequested={() => statusRef.current?.focus()} />
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
        <strong>{t('panel_problem_title', adapterLabel)}</strong> {t('panel_problem_helpdesk_ok')}
      </p>
      <p>{problem.message}</p>
      {(problem.field || problem.selector) && (
        <p class="ed-muted">
          {problem.field && <>{t('panel_problem_field')} <code>{problem.field}</code> </>}
          {problem.selector && <>{t('panel_problem_selector')} <code>{problem.selector}</code></>}
        </p>
      )}
      <p class="ed-muted">{t('panel_problem_admin')}</p>
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
      <summary>{t('panel_read_title')}</summary>
      <dl class="ed-read">
        <dt>{t('panel_read_subject')}</dt>
        <dd>{snapshot.subject}</dd>
        <dt>{t('panel_read_customer')}</dt>
        <dd>
          {snapshot.requester.name}
          {snapshot.requester.email ? ` <${snapshot.requester.email}>` : ''}
        </dd>
        <dt>{t('panel_read_priority')}</dt>
        <dd>{snapshot.priority.raw ?? t('unknown')}{snapshot.priority.level ? ` (${snapshot.priority.level})` : ''}</dd>
        <dt>{t('panel_read_status')}</dt>
        <dd>{snapshot.status ?? t('unknown')}</dd>
        <dt>{t('panel_read_messages')}</dt>
        <dd>
          {t('panel_read_message_counts', snapshot.messages.length, count('customer'), count('agent', 'public'), snapshot.messages.filter((m) => m.visibility === 'internal').length)}
        </dd>
        <dt>{t('panel_read_source')}</dt>
        <dd>{snapshot.source === 'dom' ? t('panel_read_source_dom') : snapshot.source === 'api' ? t('panel_read_source_api') : t('panel_read_source_both')}</dd>
      </dl>
    </details>
  );
}

function SyncBadge({ view }: { view: TicketView }) {
  if (!view.escalation) return null;
  const words = { synced: t('panel_sync_synced'), pending: t('panel_sync_pending', view.sync.pending), failed: t('panel_sync_failed') }[view.sync.state];
  return (
    <span class={`ed-sync ed-sync-${view.sync.state}`} data-testid="sync-status" data-sync={view.sync.state} title={words}>
      {words}
    </span>
  );
}

function ReadyView({ view, actions, onRequested }: { view: TicketView; actions: PanelActions; onRequested: () => void }) {
  const [formOpen, setFormOpen] = useState(false);
  // After the form closes focus goes somewhere a keyboard user expects, never to the page's body: back to the
  // Escalate button after Cancel, to the status (which says what happened) after a request.
  const [returnFocus, setReturnFocus] = useState(false);
  const escalation = view.escalation && OPEN.has(view.escalation.state) ? view.escalation : null;
  if (formOpen && !escalation) {
    return <RequestForm view={view} onCancel={() => { setFormOpen(false); setReturnFocus(true); }} onSubmit={async (request) => {
      const ok = await actions.request(request);
      if (ok) {
        setFormOpen(false);
        setTimeout(onRequested, 0);
      }
      return ok;
    }} />;
  }
  return (
    <>
      {escalation ? <EscalationView view={view} escalation={escalation} actions={actions} /> : <NoEscalation view={view} onEscalate={() => { setReturnFocus(false); setFormOpen(true); }} focusEscalate={returnFocus} actions={actions} />}
      {view.sync.failed.length > 0 && (
        <div class="ed-failed" role="alert" data-testid="sync-failed">
          <p>{t('panel_failed_title')}</p>
          <ul>
            {view.sync.failed.map((f) => (
              <li key={f.id}>
                {f.kind}: {f.error}{' '}
                <button type="button" data-testid="retry-write-back" onClick={() => void actions.retryWriteBack(f.id)}>
                  {t('retry')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.escalation && (
        <details class="ed-section" open={view.escalation.state !== 'closed'}>
          <summary>{t('panel_timeline')}</summary>
          <Timeline events={view.events} />
        </details>
      )}
    </>
  );
}

function NoEscalation({ view, onEscalate, focusEscalate, actions }: { view: TicketView; onEscalate: () => void; focusEscalate: boolean; actions: PanelActions }) {
  const [logText, setLogText] = useState('');
  const escalateRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusEscalate) escalateRef.current?.focus();
  }, [focusEscalate]);
  const detection = view.detection?.detected ? view.detection : null;
  return (
    <>
      {detection && detection.message && (
        <div class="ed-detected" data-testid="detected-request" role="note">
          <p>
            <strong>{t('panel_detected_title')}</strong>
            {detection.message.createdAt && <> · {clockTime(detection.message.createdAt)}</>}
          </p>
          <blockquote>{detection.message.body.slice(0, 400)}</blockquote>
          {detection.matched.length > 0 && <p class="ed-muted">{t('panel_detected_matched', detection.matched.join(', '))}</p>}
        </div>
      )}
      {view.sla && view.sla.minutesToBreach !== null && (
        <p class="ed-muted" data-testid="ticket-sla">
          {view.sla.minutesToBreach < 0 ? t('sla_breached_ago', duration(-view.sla.minutesToBreach)) : t('sla_to_breach', duration(view.sla.minutesToBreach))}
        </p>
      )}
      <div class="ed-section">
        <h3>{t('panel_actions_title')}</h3>
        {view.actionLog.length === 0 ? (
          <p class="ed-muted">{t('panel_actions_empty')}</p>
        ) : (
          <ul class="ed-log" data-testid="action-log">
            {view.actionLog.map((entry, i) => (
              <li key={i}>
                {entry.text} <span class="ed-muted">· {t('panel_actions_by', entry.by, clockTime(entry.at))}</span>
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
          <input type="text" aria-label={t('panel_log_label')} placeholder={t('panel_log_placeholder')} value={logText} onInput={(e) => setLogText(e.currentTarget.value)} maxLength={1000} data-testid="log-action-input" />
          <button type="submit" data-testid="log-action-submit">{t('panel_log_submit')}</button>
        </form>
      </div>
      <button type="button" class="ed-primary" data-testid="escalate-button" onClick={onEscalate} ref={escalateRef}>
        {detection ? t('panel_escalate_detected') : t('panel_escalate')}
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
        {t('panel_requested_by', escalation.request.severity, escalation.requestedBy.name, duration(minutesBetween(escalation.requestedAt, now)))}
        {escalation.request.source === 'customer' ? ` · ${t('panel_customer_asked')}` : ''}
      </p>

      {escalation.state === 'requested' && (
        <div class="ed-section" data-testid="awaiting-decision">
          <DecisionClock escalation={escalation} now={now} />
          {escalation.acknowledged && <p class="ed-muted">{t('panel_acknowledged_by', escalation.acknowledged.by.name)}</p>}
          {can('withdraw') && (
            <form
              class="ed-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (withdrawReason.trim()) void actions.command({ type: 'withdraw', ...versioned, reason: withdrawReason.trim() });
              }}
            >
              <input type="text" aria-label={t('panel_withdraw_label')} placeholder={t('panel_withdraw_placeholder')} value={withdrawReason} onInput={(e) => setWithdrawReason(e.currentTarget.value)} />
              <button type="submit" data-testid="withdraw-button" disabled={!withdrawReason.trim()}>
                {t('panel_withdraw')}
              </button>
            </form>
          )}
        </div>
      )}

      {decision?.outcome === 'approved' && escalation.state === 'approved' && (
        <div class="ed-section" data-testid="approved-details">
          <p>
            {t('panel_approved_by', decision.by.name, decision.rationale)}
          </p>
          <p>
            {t('panel_priority_raised')} <strong data-testid="new-priority">{decision.newPriority}</strong>. {t('panel_update_cadence', cadenceText(decision.updateCadenceMinutes))}
          </p>
          {escalation.nextCustomerUpdateDueAt && (
            <p data-testid="next-update" class={dueWords(escalation.nextCustomerUpdateDueAt, now).overdue ? 'ed-overdue' : ''}>
              {t('panel_next_update', dueText(escalation.nextCustomerUpdateDueAt, now), clockTime(escalation.nextCustomerUpdateDueAt))}
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
                {t('panel_insert_approved')}
              </button>
              <button type="button" data-testid="record-informed-approved" onClick={() => void actions.command({ type: 'recordCustomerInformed', ...versioned, kind: 'approved' })}>
                {t('panel_customer_told')}
              </button>
            </div>
          )}
          <label>
            {t('panel_progress_label')}
            <textarea rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="progress-text" placeholder={t('panel_progress_placeholder')} />
          </label>
          <div class="ed-buttons">
            <button type="button" data-testid="insert-customer-message" disabled={!text.trim()} onClick={() => void actions.insertCustomerMessage('progress', { progressText: text.trim() })}>
              {t('panel_insert_progress')}
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
              {t('panel_log_progress')}
            </button>
            <button type="button" data-testid="record-informed-progress" onClick={() => void actions.command({ type: 'recordCustomerInformed', ...versioned, kind: 'progress' })}>
              {t('panel_customer_updated')}
            </button>
          </div>
        </div>
      )}

      {decision?.outcome === 'declined' && escalation.state === 'declined' && (
        <div class="ed-section" data-testid="declined-details">
          <p>
            {t('panel_declined_by', decision.by.name, t(`decline_category_${decision.category.replace(/-/g, '_')}`))}
          </p>
          <blockquote data-testid="decline-reason">{decision.reason}</blockquote>
          <p>{t('panel_declined_normal_process')}</p>
          <div class="ed-buttons">
            <button type="button" data-testid="insert-customer-message" onClick={() => void actions.insertCustomerMessage('declined', {})}>
              {t('panel_insert_declined')}
            </button>
            <button type="button" data-testid="record-customer-informed" disabled={informed('declined')} onClick={() => void actions.command({ type: 'recordCustomerInformed', ...versioned, kind: 'declined' })}>
              {informed('declined') ? t('panel_customer_informed') : t('panel_customer_informed_ask')}
            </button>
          </div>
        </div>
      )}

      {can('resolve') && (
        <div class="ed-section">
          <label>
            {t('panel_resolution_label')}
            <textarea rows={2} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} data-testid="resolution-summary" placeholder={t('panel_resolution_placeholder')} />
          </label>
          <button type="button" data-testid="resolve-button" disabled={!summary.trim()} onClick={() => void actions.command({ type: 'resolve', ...versioned, summary: summary.trim() })}>
            {t('panel_resolve')}
          </button>
        </div>
      )}

      {escalation.state === 'resolved' && escalation.resolution && (
        <div class="ed-section" data-testid="resolved-details">
          <p>{t('panel_resolved', escalation.resolution.summary)}</p>
          <div class="ed-buttons">
            <button type="button" data-testid="insert-customer-message" onClick={() => void actions.insertCustomerMessage('resolution', { resolutionSummary: escalation.resolution!.summary })}>
              {t('panel_insert_resolution')}
            </button>
            <button type="button" data-testid="record-informed-resolution" disabled={informed('resolution')} onClick={() => void actions.command({ type: 'recordCustomerInformed', ...versioned, kind: 'resolution' })}>
              {informed('resolution') ? t('panel_customer_informed') : t('panel_customer_informed_ask')}
            </button>
            <button type="button" class="ed-primary" data-testid="close-button" onClick={() => void actions.command({ type: 'close', ...versioned })}>
              {t('panel_close')}
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
      {t('panel_decision_clock', duration(waited), dueText(escalation.decisionDueAt, now))}
    </p>
  );
}

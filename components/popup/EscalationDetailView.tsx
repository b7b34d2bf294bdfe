// One escalation, as a manager assesses it: the four criteria side by side, the customer's own words, the
// recommendation with its reasons, then the decision controls (only when the actor may decide) and, once decided,
// the helpdesk write-backs and whether they reached the helpdesk. Ticket text is rendered as text only.
import { useEffect, useRef } from 'preact/hooks';
import { cadenceWords } from '../../core/documentation';
import type { Escalation, EscalationEvent } from '../../core/schemas';
import type { EscalationDetail, WriteBackState } from '../../core/views';
import { clockTime, duration, dueWords, IMPACT_LABELS, minutesBetween, RISK_LABELS, STATE_LABELS } from '../format';
import { Timeline } from '../panel/Timeline';
import { ApproveForm, DeclineForm, type Decide } from './DecisionForms';
import { minutesToBreachNow } from './queue-order';
import type { DecisionForm } from './route';
import { breachWords, DECLINE_CATEGORY_LABELS, PRIORITY_LABELS, RECOMMENDATION_LABELS, SEVERITY_WORDS, siteLabel, ticketLabel } from './words';

export interface EscalationDetailViewProps {
  readonly detail: EscalationDetail;
  readonly now: Date;
  readonly form: DecisionForm | null;
  readonly onForm: (form: DecisionForm | null) => void;
  readonly onDecide: Decide;
  readonly onOpenTicket: () => void;
  readonly onBack: () => void;
  readonly backLabel: string;
  /** What just happened (a decision recorded), shown once above the record. */
  readonly notice: string | null;
}

export function EscalationDetailView({ detail, now, form, onForm, onDecide, onOpenTicket, onBack, backLabel, notice }: EscalationDetailViewProps) {
  const { escalation, assessment } = detail;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const canApprove = detail.allowed.includes('approve');
  const canDecline = detail.allowed.includes('decline');
  const canAcknowledge = detail.allowed.includes('acknowledge');
  const mayDecide = detail.actor.roles.includes('manager');

  // Land on the heading so a screen reader announces the escalation and the keys a / d work at once.
  useEffect(() => {
    if (form === null) headingRef.current?.focus();
  }, [escalation.id]);
  // After a decision the form is gone: focus goes to the notice that says what was recorded, never to the body.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return (
    <article class="detail" data-testid="escalation-detail" data-escalation-id={escalation.id} data-state={escalation.state} aria-labelledby="detail-heading">
      <div class="detail-nav">
        <button type="button" class="link-button" onClick={onBack} aria-label={`Back to ${backLabel}`}>
          ← {backLabel}
        </button>
        <button type="button" class="open-ticket" data-testid="open-ticket" onClick={onOpenTicket} title={escalation.ticket.url}>
          Open ticket ↗
        </button>
      </div>

      <header class="detail-head">
        <h2 id="detail-heading" ref={headingRef} tabIndex={-1}>
          <span class={`sev sev-${escalation.request.severity}`}>{escalation.request.severity}</span> {escalation.subject || '(no subject)'}
        </h2>
        <p class="muted">
          {siteLabel(escalation.ticket.site)} {ticketLabel(escalation.ticket.ticketId)} · {escalation.customer.name || 'Unknown customer'}
          {escalation.customer.email ? ` <${escalation.customer.email}>` : ''} · requested by {escalation.requestedBy.name}, {clockTime(escalation.requestedAt)}
        </p>
        <p class={`state state-${escalation.state}`} data-testid="detail-state">
          {STATE_LABELS[escalation.state]}
        </p>
      </header>

      {notice && (
        <p class="notice" role="status" data-testid="decision-notice" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}

      {escalation.state === 'requested' && <DecisionClock escalation={escalation} now={now} />}
      {escalation.state === 'requested' && escalation.acknowledged && (
        <p class="hint">
          Acknowledged by {escalation.acknowledged.by.name}, {clockTime(escalation.acknowledged.at)}.
        </p>
      )}

      <Criteria escalation={escalation} now={now} />

      {escalation.request.customerWords && escalation.request.customerWords.text.trim() && (
        <section class="words" aria-label="The customer's own words">
          <h3>
            The customer’s words
            {escalation.request.customerWords.writtenAt ? <span class="muted"> · {clockTime(escalation.request.customerWords.writtenAt)}</span> : null}
          </h3>
          <blockquote data-testid="customer-words">{escalation.request.customerWords.text}</blockquote>
          {escalation.request.customerWords.matched.length > 0 && <p class="hint">Detected: {escalation.request.customerWords.matched.join(', ')}</p>}
        </section>
      )}
      <section class="words" aria-label="The agent's reason">
        <h3>The agent’s reason</h3>
        <p class="prose">{escalation.request.reason}</p>
      </section>

      <section class={`recommendation rec-${assessment.recommendation}`} aria-label="Recommendation" data-testid="recommendation">
        <div class="rec-head">
          <strong>{RECOMMENDATION_LABELS[assessment.recommendation]}</strong>
          <span class="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={assessment.score} aria-label="Assessment score">
            <span style={{ width: `${assessment.score}%` }} />
          </span>
          <span class="score-num">{assessment.score}/100</span>
        </div>
        <ul class="reasons">
          {assessment.reasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
        <p class="hint">The score only helps; you decide.</p>
      </section>

      {mayDecide && (canApprove || canDecline) && form !== null && (
        <section class="decide" aria-label="Decision">
          {form === 'approve' && canApprove && <ApproveForm key={`a-${escalation.version}`} detail={detail} onDecide={onDecide} onCancel={() => onForm(null)} />}
          {form === 'decline' && canDecline && <DeclineForm key={`d-${escalation.version}`} detail={detail} onDecide={onDecide} onCancel={() => onForm(null)} />}
        </section>
      )}

      <DecisionSummary escalation={escalation} now={now} />
      <WriteBacks writeBacks={detail.writeBacks} events={detail.events} site={escalation.ticket.site} />

      <details class="timeline-box">
        <summary>Timeline ({detail.events.length})</summary>
        <Timeline events={detail.events} />
      </details>
      {mayDecide && (canApprove || canDecline) && form === null && (
        // Stays in view at the bottom of the popup, so deciding never needs scrolling.
        <div class="decide-bar" role="group" aria-label="Decide">
          {canApprove && (
            <button type="button" class="primary" data-testid="approve-button" aria-keyshortcuts="a" onClick={() => onForm('approve')}>
              Approve… <kbd>a</kbd>
            </button>
          )}
          {canDecline && (
            <button type="button" class="danger-outline" data-testid="decline-button" aria-keyshortcuts="d" onClick={() => onForm('decline')}>
              Decline… <kbd>d</kbd>
            </button>
          )}
          {canAcknowledge && !escalation.acknowledged && (
            <button
              type="button"
              class="quiet"
              data-testid="acknowledge-button"
              title="Tell the agent you are looking at it"
              onClick={() => void onDecide({ type: 'acknowledge', escalationId: escalation.id, expectedVersion: escalation.version })}
            >
              Acknowledge
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function DecisionClock({ escalation, now }: { escalation: Escalation; now: Date }) {
  const waited = minutesBetween(escalation.requestedAt, now);
  const sla = Math.max(1, Math.round((Date.parse(escalation.decisionDueAt) - Date.parse(escalation.requestedAt)) / 60_000));
  const due = dueWords(escalation.decisionDueAt, now);
  return (
    <p class={`clock${due.overdue ? ' overdue' : ''}`} data-testid="decision-clock">
      Waiting {duration(waited)} of a {duration(sla)} decision SLA · decision {due.text}
    </p>
  );
}

function Criteria({ escalation, now }: { escalation: Escalation; now: Date }) {
  const { request, sla } = escalation;
  const breach = breachWords(minutesToBreachNow(sla, now));
  return (
    <section class="criteria" aria-label="Assessment criteria" data-testid="criteria">
      <div class="criterion">
        <h3>Severity and impact</h3>
        <p>
          <strong>
            {request.severity} · {SEVERITY_WORDS[request.severity]}
          </strong>
        </p>
        <p>{IMPACT_LABELS[request.impact]}</p>
      </div>
      <div class="criterion">
        <h3>Business risk</h3>
        {request.businessRisk.flags.length === 0 ? (
          <p class="muted">None flagged</p>
        ) : (
          <p class="chips">
            {request.businessRisk.flags.map((flag) => (
              <span key={flag} class="chip">
                {RISK_LABELS[flag]}
              </span>
            ))}
          </p>
        )}
        {request.businessRisk.note && <p class="small">{request.businessRisk.note}</p>}
      </div>
      <div class="criterion">
        <h3>Response SLA</h3>
        <p class={`breach breach-${breach.tone}`}>
          <strong>{breach.text}</strong>
        </p>
        <p class="small muted">
          Priority {sla.ticketPriority ? PRIORITY_LABELS[sla.ticketPriority] : 'unknown'}
          {sla.firstResponseDueAt ? ` · first reply due ${clockTime(sla.firstResponseDueAt)}` : ''}
          {sla.resolutionDueAt ? ` · resolution due ${clockTime(sla.resolutionDueAt)}` : ''}
        </p>
      </div>
      <div class="criterion">
        <h3>Actions already taken</h3>
        {request.actionsTaken.length === 0 ? (
          <p class="warn">{request.noActionsYet ? 'Nothing tried yet (the agent said so)' : 'None recorded'}</p>
        ) : (
          <ul class="small">
            {request.actionsTaken.slice(0, 8).map((action, i) => (
              <li key={i}>{action}</li>
            ))}
            {request.actionsTaken.length > 8 && <li class="muted">and {request.actionsTaken.length - 8} more</li>}
          </ul>
        )}
      </div>
    </section>
  );
}

function DecisionSummary({ escalation, now }: { escalation: Escalation; now: Date }) {
  const decision = escalation.decision;
  if (!decision) {
    if (escalation.withdrawal) return <p class="summary">Withdrawn by {escalation.withdrawal.by.name}: {escalation.withdrawal.reason}</p>;
    return null;
  }
  if (decision.outcome === 'declined') {
    return (
      <section class="summary declined" data-testid="decision-summary" aria-label="Decision">
        <h3>
          Not approved by {decision.by.name} · {clockTime(decision.at)}
        </h3>
        <p>
          <strong>{DECLINE_CATEGORY_LABELS[decision.category]}.</strong> {decision.reason}
        </p>
      </section>
    );
  }
  const nextUpdate = escalation.nextCustomerUpdateDueAt;
  return (
    <section class="summary approved" data-testid="decision-summary" aria-label="Decision">
      <h3>
        Approved by {decision.by.name} · {clockTime(decision.at)}
      </h3>
      <p>{decision.rationale}</p>
      <p class="small">
        Priority {PRIORITY_LABELS[decision.newPriority]} · customer updates every {cadenceWords(decision.updateCadenceMinutes)}
        {nextUpdate && escalation.state === 'approved' ? (
          <>
            {' '}
            · <span class={dueWords(nextUpdate, now).overdue ? 'overdue' : ''}>next update {dueWords(nextUpdate, now).text}</span>
          </>
        ) : null}
      </p>
      {decision.followUps.length > 0 && (
        <ul class="small checklist">
          {decision.followUps.map((f, i) => (
            <li key={i} class={f.done ? 'done' : ''}>
              {f.done ? '✓ ' : '○ '}
              {f.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const KIND_WORDS: Record<WriteBackState['kind'], string> = { note: 'Internal note', tags: 'Tags', priority: 'Priority' };
const STATE_WORDS: Record<WriteBackState['state'], string> = { pending: 'pending', 'in-flight': 'writing…', done: 'synced', failed: 'failed' };

function WriteBacks({ writeBacks, events, site }: { writeBacks: readonly WriteBackState[]; events: readonly EscalationEvent[]; site: string }) {
  if (writeBacks.length === 0) return null;
  const eventOf = (id: string) => {
    const seq = Number(/#(\d+):/.exec(id)?.[1]);
    const type = events.find((e) => e.seq === seq)?.type;
    return type === 'request' ? 'Request' : type === 'approve' ? 'Approval' : type === 'decline' ? 'Decline' : type === 'close' ? 'Closing' : 'Update';
  };
  const open = writeBacks.filter((w) => w.state !== 'done').length;
  return (
    <section class="writebacks" aria-label={`Written to ${siteLabel(site)}`} data-testid="write-backs">
      <h3>
        Written to {siteLabel(site)} <span class="muted">· {open === 0 ? 'all synced' : `${open} not yet synced`}</span>
      </h3>
      <ul>
        {[...writeBacks].reverse().map((w) => (
          <li key={w.id} data-testid="write-back" data-kind={w.kind} data-sync={w.state}>
            <span>
              {eventOf(w.id)}: {KIND_WORDS[w.kind]}
            </span>
            <span class={`sync sync-${w.state}`}>{STATE_WORDS[w.state]}</span>
            {w.error && <span class="small err">{w.error}</span>}
          </li>
        ))}
      </ul>
      {open > 0 && <p class="hint">Write-backs are made by an open {siteLabel(site)} tab with your session; they go out when one is open.</p>}
    </section>
  );
}

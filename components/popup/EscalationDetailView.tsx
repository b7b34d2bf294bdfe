// One escalation, as a manager assesses it: the four criteria side by side, the customer's own words, the
// recommendation with its reasons, then the decision controls (only when the actor may decide) and, once decided,
// the helpdesk write-backs and whether they reached the helpdesk. Ticket text is rendered as text only.
import { useEffect, useRef } from 'preact/hooks';
import type { Escalation, EscalationEvent } from '../../core/schemas';
import type { EscalationDetail, WriteBackState } from '../../core/views';
import { explanationText } from '../explain';
import { clockTime, duration, minutesBetween } from '../format';
import { cadenceText, stateLabel, t } from '../i18n';
import { Timeline } from '../panel/Timeline';
import { ApproveForm, DeclineForm, type Decide } from './DecisionForms';
import { minutesToBreachNow } from '../../core/queue-order';
import type { DecisionForm } from './route';
import { breachWords, declineCategoryLabel, dueWords, priorityLabel, recommendationLabel, severityWord, siteLabel, ticketLabel } from './words';

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
        <button type="button" class="link-button" onClick={onBack} aria-label={t('popup_back_to', backLabel)}>
          ← {backLabel}
        </button>
        <button type="button" class="open-ticket" data-testid="open-ticket" onClick={onOpenTicket} title={escalation.ticket.url}>
          {t('popup_open_ticket')} ↗
        </button>
      </div>

      <header class="detail-head">
        <h2 id="detail-heading" ref={headingRef} tabIndex={-1}>
          <span class={`sev sev-${escalation.request.severity}`}>{escalation.request.severity}</span> {escalation.subject || t('popup_no_subject')}
        </h2>
        <p class="muted">
          {siteLabel(escalation.ticket.site)} {ticketLabel(escalation.ticket.ticketId)} · {escalation.customer.name || t('popup_unknown_customer')}
          {escalation.customer.email ? ` <${escalation.customer.email}>` : ''} · {t('popup_requested_by', escalation.requestedBy.name, clockTime(escalation.requestedAt))}
        </p>
        <p class={`state state-${escalation.state}`} data-testid="detail-state">
          {stateLabel(escalation.state)}
        </p>
      </header>

      {notice && (
        <p class="notice" role="status" data-testid="decision-notice" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}

      {escalation.state === 'requested' && <DecisionClock escalation={escalation} now={now} />}
      {escalation.state === 'requested' && escalation.acknowledged && (
        <p class="hint">{t('popup_acknowledged_by', escalation.acknowledged.by.name, clockTime(escalation.acknowledged.at))}</p>
      )}

      <Criteria escalation={escalation} now={now} />

      {escalation.request.customerWords && escalation.request.customerWords.text.trim() && (
        <section class="words" aria-label={t('popup_customer_words_label')}>
          <h3>
            {t('request_customer_words')}
            {escalation.request.customerWords.writtenAt ? <span class="muted"> · {clockTime(escalation.request.customerWords.writtenAt)}</span> : null}
          </h3>
          <blockquote data-testid="customer-words">{escalation.request.customerWords.text}</blockquote>
          {escalation.request.customerWords.matched.length > 0 && <p class="hint">{t('popup_detected', escalation.request.customerWords.matched.join(', '))}</p>}
        </section>
      )}
      <section class="words" aria-label={t('popup_agent_reason')}>
        <h3>{t('popup_agent_reason')}</h3>
        <p class="prose">{escalation.request.reason}</p>
      </section>

      <section class={`recommendation rec-${assessment.recommendation}`} aria-label={t('popup_recommendation')} data-testid="recommendation">
        <div class="rec-head">
          <strong>{recommendationLabel(assessment.recommendation)}</strong>
          <span class="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={assessment.score} aria-label={t('popup_assessment_score')}>
            <span style={{ width: `${assessment.score}%` }} />
          </span>
          <span class="score-num">{assessment.score}/100</span>
        </div>
        <ul class="reasons">
          {assessment.explanations.map((explanation, i) => (
            <li key={i}>{explanationText(explanation)}</li>
          ))}
        </ul>
        <p class="hint">{t('popup_score_hint')}</p>
      </section>

      {mayDecide && (canApprove || canDecline) && form !== null && (
        <section class="decide" aria-label={t('popup_decision')}>
          {form === 'approve' && canApprove && <ApproveForm key={`a-${escalation.version}`} detail={detail} onDecide={onDecide} onCancel={() => onForm(null)} />}
          {form === 'decline' && canDecline && <DeclineForm key={`d-${escalation.version}`} detail={detail} onDecide={onDecide} onCancel={() => onForm(null)} />}
        </section>
      )}

      <DecisionSummary escalation={escalation} now={now} />
      <WriteBacks writeBacks={detail.writeBacks} events={detail.events} site={escalation.ticket.site} />

      <details class="timeline-box">
        <summary>{t('popup_timeline_count', detail.events.length)}</summary>
        <Timeline events={detail.events} />
      </details>
      {mayDecide && (canApprove || canDecline) && form === null && (
        // Stays in view at the bottom of the popup, so deciding never needs scrolling.
        <div class="decide-bar" role="group" aria-label={t('popup_decide')}>
          {canApprove && (
            <button type="button" class="primary" data-testid="approve-button" aria-keyshortcuts="a" onClick={() => onForm('approve')}>
              {t('popup_approve_button')} <kbd>a</kbd>
            </button>
          )}
          {canDecline && (
            <button type="button" class="danger-outline" data-testid="decline-button" aria-keyshortcuts="d" onClick={() => onForm('decline')}>
              {t('popup_decline_button')} <kbd>d</kbd>
            </button>
          )}
          {canAcknowledge && !escalation.acknowledged && (
            <button
              type="button"
              class="quiet"
              data-testid="acknowledge-button"
              title={t('popup_acknowledge_title')}
              onClick={() => void onDecide({ type: 'acknowledge', escalationId: escalation.id, expectedVersion: escalation.version })}
            >
              {t('popup_acknowledge')}
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
      {t('popup_decision_clock', duration(waited), duration(sla), due.text)}
    </p>
  );
}

function Criteria({ escalation, now }: { escalation: Escalation; now: Date }) {
  const { request, sla } = escalation;
  const breach = breachWords(minutesToBreachNow(sla, now));
  return (
    <section class="criteria" aria-label={t('popup_criteria')} data-testid="criteria">
      <div class="criterion">
        <h3>{t('popup_severity_impact')}</h3>
        <p>
          <strong>
            {request.severity} · {severityWord(request.severity)}
          </strong>
        </p>
        <p>{t(`impact_${request.impact.replace(/-/g, '_')}`)}</p>
      </div>
      <div class="criterion">
        <h3>{t('request_business_risk')}</h3>
        {request.businessRisk.flags.length === 0 ? (
          <p class="muted">{t('popup_none_flagged')}</p>
        ) : (
          <p class="chips">
            {request.businessRisk.flags.map((flag) => (
              <span key={flag} class="chip">
                {t(`risk_${flag.replace(/-/g, '_')}`)}
              </span>
            ))}
          </p>
        )}
        {request.businessRisk.note && <p class="small">{request.businessRisk.note}</p>}
      </div>
      <div class="criterion">
        <h3>{t('popup_response_sla')}</h3>
        <p class={`breach breach-${breach.tone}`}>
          <strong>{breach.text}</strong>
        </p>
        <p class="small muted">
          {t('popup_priority', sla.ticketPriority ? priorityLabel(sla.ticketPriority) : t('unknown'))}
          {sla.firstResponseDueAt ? ` · ${t('popup_first_reply_due', clockTime(sla.firstResponseDueAt))}` : ''}
          {sla.resolutionDueAt ? ` · ${t('popup_resolution_due', clockTime(sla.resolutionDueAt))}` : ''}
        </p>
      </div>
      <div class="criterion">
        <h3>{t('popup_actions_taken')}</h3>
        {request.actionsTaken.length === 0 ? (
          <p class="warn">{request.noActionsYet ? t('popup_nothing_tried') : t('popup_none_recorded')}</p>
        ) : (
          <ul class="small">
            {request.actionsTaken.slice(0, 8).map((action, i) => (
              <li key={i}>{action}</li>
            ))}
            {request.actionsTaken.length > 8 && <li class="muted">{t('popup_and_more', request.actionsTaken.length - 8)}</li>}
          </ul>
        )}
      </div>
    </section>
  );
}

function DecisionSummary({ escalation, now }: { escalation: Escalation; now: Date }) {
  const decision = escalation.decision;
  if (!decision) {
    if (escalation.withdrawal) return <p class="summary">{t('popup_withdrawn_by', escalation.withdrawal.by.name, escalation.withdrawal.reason)}</p>;
    return null;
  }
  if (decision.outcome === 'declined') {
    return (
      <section class="summary declined" data-testid="decision-summary" aria-label={t('popup_decision')}>
        <h3>{t('popup_declined_by', decision.by.name, clockTime(decision.at))}</h3>
        <p>
          <strong>{t('popup_sentence', declineCategoryLabel(decision.category))}</strong> {decision.reason}
        </p>
      </section>
    );
  }
  const nextUpdate = escalation.nextCustomerUpdateDueAt;
  return (
    <section class="summary approved" data-testid="decision-summary" aria-label={t('popup_decision')}>
      <h3>{t('popup_approved_by', decision.by.name, clockTime(decision.at))}</h3>
      <p>{decision.rationale}</p>
      <p class="small">
        {t('popup_priority', priorityLabel(decision.newPriority))} · {t('popup_updates_every', cadenceText(decision.updateCadenceMinutes))}
        {nextUpdate && escalation.state === 'approved' ? (
          <>
            {' '}
            · <span class={dueWords(nextUpdate, now).overdue ? 'overdue' : ''}>{t('popup_next_update', dueWords(nextUpdate, now).text)}</span>
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

const KIND_KEYS: Record<WriteBackState['kind'], string> = { note: 'popup_writeback_note', tags: 'popup_writeback_tags', priority: 'popup_writeback_priority' };
const STATE_KEYS: Record<WriteBackState['state'], string> = { pending: 'popup_sync_pending', 'in-flight': 'popup_sync_writing', done: 'popup_sync_done', failed: 'popup_sync_failed' };

function WriteBacks({ writeBacks, events, site }: { writeBacks: readonly WriteBackState[]; events: readonly EscalationEvent[]; site: string }) {
  if (writeBacks.length === 0) return null;
  const eventOf = (id: string) => {
    const seq = Number(/#(\d+):/.exec(id)?.[1]);
    const type = events.find((e) => e.seq === seq)?.type;
    return t(type === 'request' ? 'popup_writeback_for_request' : type === 'approve' ? 'popup_writeback_for_approval' : type === 'decline' ? 'popup_writeback_for_decline' : type === 'close' ? 'popup_writeback_for_closing' : 'popup_writeback_for_update');
  };
  const open = writeBacks.filter((w) => w.state !== 'done').length;
  return (
    <section class="writebacks" aria-label={t('popup_written_to', siteLabel(site))} data-testid="write-backs">
      <h3>
        {t('popup_written_to', siteLabel(site))} <span class="muted">· {open === 0 ? t('popup_all_synced') : t('popup_not_synced', open)}</span>
      </h3>
      <ul>
        {[...writeBacks].reverse().map((w) => (
          <li key={w.id} data-testid="write-back" data-kind={w.kind} data-sync={w.state}>
            <span>
              {eventOf(w.id)}: {t(KIND_KEYS[w.kind])}
            </span>
            <span class={`sync sync-${w.state}`}>{t(STATE_KEYS[w.state])}</span>
            {w.error && <span class="small err">{w.error}</span>}
          </li>
        ))}
      </ul>
      {open > 0 && <p class="hint">{t('popup_writeback_hint', siteLabel(site))}</p>}
    </section>
  );
}

// The manager's two decision forms. Approve: rationale, the new priority (the policy's default preselected),
// follow-ups and the customer-update cadence. Decline: a reason category and an explanation, both required,
// because the agent has to explain the decision to the customer. Ctrl/Cmd+Enter submits from any field.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DecisionCommand } from '../../core/messages';
import type { DeclineCategory, Escalation, PriorityLevel } from '../../core/schemas';
import type { EscalationDetail } from '../../core/views';
import { cadenceText, t } from '../i18n';
import { CADENCE_CHOICES, DECLINE_CATEGORY_ORDER, PRIORITY_ORDER, siteLabel } from './words';

const priorityLabel = (level: PriorityLevel) => t(`priority_${level}`);

/** Resolves to null when the decision was recorded, or to the message to show (the background's, verbatim). */
export type Decide = (command: DecisionCommand) => Promise<string | null>;

interface FormProps {
  readonly detail: EscalationDetail;
  readonly onDecide: Decide;
  readonly onCancel: () => void;
}

function submitOnCtrlEnter(event: KeyboardEvent) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    (event.currentTarget as HTMLFormElement).requestSubmit();
  }
}

function useFocusFirst<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function versioned(escalation: Escalation) {
  return { escalationId: escalation.id, expectedVersion: escalation.version };
}

export function ApproveForm({ detail, onDecide, onCancel }: FormProps) {
  const { escalation, defaults } = detail;
  const [rationale, setRationale] = useState('');
  const [priority, setPriority] = useState<PriorityLevel>(defaults.newPriority);
  const [followUps, setFollowUps] = useState('');
  const [cadence, setCadence] = useState(defaults.updateCadenceMinutes);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useFocusFirst<HTMLTextAreaElement>();
  const cadences = [...new Set([...CADENCE_CHOICES, defaults.updateCadenceMinutes])].sort((a, b) => a - b);
  const current = escalation.sla.ticketPriority;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!rationale.trim()) {
      setProblem(t('decision_rationale_missing'));
      first.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    const error = await onDecide({
      type: 'approve',
      ...versioned(escalation),
      rationale: rationale.trim(),
      newPriority: priority,
      followUps: followUps.split('\n').map((f) => f.trim()).filter(Boolean).map((f) => f.slice(0, 500)),
      updateCadenceMinutes: cadence,
    });
    setBusy(false);
    if (error) setProblem(error);
  };

  return (
    <form class="decision-form approve" data-testid="approve-form" aria-label={t('decision_approve_label')} onSubmit={submit} onKeyDown={submitOnCtrlEnter} noValidate>
      <h3>{t('decision_approve_title')}</h3>
      <label>
        <span class="label-line">
          {t('decision_rationale')} <span class="req">{t('required')}</span>
        </span>
        <textarea ref={first} name="rationale" rows={3} maxLength={2000} value={rationale} onInput={(e) => setRationale(e.currentTarget.value)} data-testid="decision-reason" aria-required="true" placeholder={t('decision_rationale_placeholder')} />
      </label>
      <div class="form-row">
        <label>
          {t('decision_new_priority')}
          <select name="newPriority" value={priority} onChange={(e) => setPriority(e.currentTarget.value as PriorityLevel)}>
            {PRIORITY_ORDER.map((level) => (
              <option key={level} value={level}>
                {priorityLabel(level)}
                {level === defaults.newPriority ? ` ${t('decision_policy_default')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('decision_customer_updates')}
          <select name="updateCadenceMinutes" value={String(cadence)} onChange={(e) => setCadence(Number(e.currentTarget.value))}>
            {cadences.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {t('decision_every', cadenceText(minutes))}
                {minutes === defaults.updateCadenceMinutes ? ` ${t('decision_policy_default')}` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        <span class="label-line">
          {t('decision_follow_ups')} <span class="opt">{t('one_per_line')}</span>
        </span>
        <textarea name="followUps" rows={2} value={followUps} onInput={(e) => setFollowUps(e.currentTarget.value)} placeholder={t('decision_follow_ups_placeholder')} />
      </label>
      <p class="hint">
        {current
          ? t('decision_approve_hint_now', siteLabel(escalation.ticket.site), priorityLabel(priority), priorityLabel(current))
          : t('decision_approve_hint', siteLabel(escalation.ticket.site), priorityLabel(priority))}
      </p>
      {problem && (
        <p class="form-error" role="alert" data-testid="decision-error">
          {problem}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="primary" data-testid="decision-submit" disabled={busy}>
          {busy ? t('decision_approving') : t('decision_approve_submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <span class="kbd-hint">Ctrl+Enter</span>
      </div>
    </form>
  );
}

export function DeclineForm({ detail, onDecide, onCancel }: FormProps) {
  const { escalation } = detail;
  const [category, setCategory] = useState<DeclineCategory | ''>('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useFocusFirst<HTMLSelectElement>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing = [...(category ? [] : [t('decision_missing_category')]), ...(reason.trim() ? [] : [t('decision_missing_explanation')])];
    if (missing.length > 0) {
      setProblem(t('decision_decline_missing', missing.join(t('decision_and'))));
      (category ? reasonRef.current : first.current)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    const error = await onDecide({ type: 'decline', ...versioned(escalation), category: category as DeclineCategory, reason: reason.trim() });
    setBusy(false);
    if (error) setProblem(error);
  };

  return (
    <form class="decision-form decline" data-testid="decline-form" aria-label={t('decision_decline_label')} onSubmit={submit} onKeyDown={submitOnCtrlEnter} noValidate>
      <h3>{t('decision_decline_title')}</h3>
      <label>
        <span class="label-line">
          {t('decision_category')} <span class="req">{t('required')}</span>
        </span>
        <select ref={first} name="category" value={category} onChange={(e) => setCategory(e.currentTarget.value as DeclineCategory)} aria-required="true" aria-invalid={problem !== null && !category}>
          <option value="">{t('decision_choose_category')}</option>
          {DECLINE_CATEGORY_ORDER.map((c) => (
            <option key={c} value={c}>
              {t(`decline_category_${c.replace(/-/g, '_')}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span class="label-line">
          {t('decision_explanation')} <span class="req">{t('required')}</span>
        </span>
        <textarea ref={reasonRef} name="reason" rows={3} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} data-testid="decision-reason" aria-required="true" aria-invalid={problem !== null && !reason.trim()} placeholder={t('decision_explanation_placeholder')} />
      </label>
      <p class="hint">{t('decision_decline_hint')}</p>
      {problem && (
        <p class="form-error" role="alert" data-testid="decision-error">
          {problem}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="danger" data-testid="decision-submit" disabled={busy}>
          {busy ? t('decision_declining') : t('decision_decline_submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <span class="kbd-hint">Ctrl+Enter</span>
      </div>
    </form>
  );
}

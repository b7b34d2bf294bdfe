// The escalation request form: everything a manager needs to decide, prefilled from the ticket where possible.
// Policy warnings show live and never block the submit.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { requestWarnings } from '../../core/assessment';
import { IMPACTS, RISK_FLAGS, SEVERITIES } from '../../core/constants';
import type { EscalationRequest, Impact, RiskFlag, Severity, SlaSnapshot } from '../../core/schemas';
import type { TicketView } from '../../core/views';
import { duration } from '../format';
import { t } from '../i18n';
import { warningText } from '../explain';

export interface RequestFormProps {
  readonly view: TicketView;
  readonly onSubmit: (request: EscalationRequest) => Promise<boolean>;
  readonly onCancel: () => void;
}

function slaWords(sla: SlaSnapshot | null): string {
  if (!sla || sla.minutesToBreach === null) return t('request_sla_none');
  const priority = sla.ticketPriority ? t('request_sla_priority', sla.ticketPriority) + ' ' : '';
  return priority + (sla.minutesToBreach < 0 ? t('sla_breached_ago', duration(-sla.minutesToBreach)) : t('sla_to_breach', duration(sla.minutesToBreach))) + '.';
}

export function RequestForm({ view, onSubmit, onCancel }: RequestFormProps) {
  const detected = view.detection?.detected ? view.detection : null;
  const prefilledActions = [...view.actionLog.map((a) => a.text), ...view.internalNotes.map((n) => n.split('\n')[0]!.slice(0, 200))];
  const [source, setSource] = useState<'customer' | 'agent'>(detected ? 'customer' : 'agent');
  const [customerWords, setCustomerWords] = useState(detected?.message?.body.slice(0, 2000) ?? '');
  const [reason, setReason] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [impact, setImpact] = useState<Impact | ''>('');
  const [flags, setFlags] = useState<RiskFlag[]>([]);
  const [riskNote, setRiskNote] = useState('');
  const [actions, setActions] = useState(prefilledActions.join('\n'));
  const [noActionsYet, setNoActionsYet] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  // Opening the form puts the keyboard in its first field (the chosen "who asked" option).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[name="ed-source"]:checked')?.focus();
  }, []);

  const actionList = actions.split('\n').map((a) => a.trim()).filter(Boolean);
  const partial: Partial<EscalationRequest> = {
    source,
    reason: reason.trim() || undefined,
    ...(severity ? { severity } : {}),
    ...(impact ? { impact } : {}),
    actionsTaken: noActionsYet ? [] : actionList,
    noActionsYet,
    businessRisk: { flags, note: riskNote },
  } as Partial<EscalationRequest>;
  const openOnTicket = view.escalation && (view.escalation.state === 'requested' || view.escalation.state === 'approved') ? 1 : 0;
  const warnings = useMemo(() => requestWarnings({ request: partial, sla: view.sla, openEscalationsOnTicket: openOnTicket }, view.policy), [source, reason, severity, impact, actions, noActionsYet, flags, riskNote, view]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const gaps: string[] = [];
    if (!reason.trim()) gaps.push(t('request_missing_reason'));
    if (!severity) gaps.push(t('request_missing_severity'));
    if (!impact) gaps.push(t('request_missing_impact'));
    if (!noActionsYet && actionList.length === 0) gaps.push(t('request_missing_actions'));
    if (source === 'customer' && !customerWords.trim()) gaps.push(t('request_missing_words'));
    setMissing(gaps);
    if (gaps.length > 0 || !severity || !impact) return;
    setSubmitting(true);
    const ok = await onSubmit({
      source,
      customerWords: source === 'customer' ? { text: customerWords.trim(), writtenAt: detected?.message?.createdAt ?? null, matched: detected?.matched ?? [] } : null,
      reason: reason.trim(),
      severity,
      impact,
      businessRisk: { flags, note: riskNote.trim() },
      actionsTaken: noActionsYet ? [] : actionList.map((a) => a.slice(0, 1000)),
      noActionsYet,
    });
    setSubmitting(false);
    if (!ok) return;
  };

  return (
    <form class="ed-form" data-testid="request-form" onSubmit={submit} aria-label={t('request_form_label')} ref={formRef}>
      <fieldset>
        <legend>{t('request_who_asked')}</legend>
        <label class="ed-inline">
          <input type="radio" name="ed-source" checked={source === 'customer'} onChange={() => setSource('customer')} /> {t('request_source_customer')}
        </label>
        <label class="ed-inline">
          <input type="radio" name="ed-source" checked={source === 'agent'} onChange={() => setSource('agent')} /> {t('request_source_agent')}
        </label>
      </fieldset>
      {source === 'customer' && (
        <label>
          {t('request_customer_words')}
          <textarea name="customerWords" rows={3} value={customerWords} onInput={(e) => setCustomerWords(e.currentTarget.value)} />
        </label>
      )}
      <label>
        {t('request_reason')}
        <textarea name="reason" rows={3} required value={reason} onInput={(e) => setReason(e.currentTarget.value)} placeholder={t('request_reason_placeholder')} />
      </label>
      <div class="ed-row">
        <label>
          {t('request_severity')}
          <select name="severity" required value={severity} onChange={(e) => setSeverity(e.currentTarget.value as Severity)}>
            <option value="">{t('choose')}</option>
            {SEVERITIES.map((s) => (
              <option value={s} key={s}>
                {s} — {view.policy.severityDefinitions[s].split(':')[0]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('request_impact')}
          <select name="impact" required value={impact} onChange={(e) => setImpact(e.currentTarget.value as Impact)}>
            <option value="">{t('choose')}</option>
            {IMPACTS.map((i) => (
              <option value={i} key={i}>
                {t(`impact_${i.replace(/-/g, '_')}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {severity && <p class="ed-hint">{view.policy.severityDefinitions[severity]}</p>}
      <fieldset>
        <legend>{t('request_business_risk')}</legend>
        {RISK_FLAGS.map((flag) => (
          <label class="ed-inline" key={flag}>
            <input
              type="checkbox"
              name={`risk-${flag}`}
              checked={flags.includes(flag)}
              onChange={(e) => setFlags(e.currentTarget.checked ? [...flags, flag] : flags.filter((f) => f !== flag))}
            />{' '}
            {t(`risk_${flag.replace(/-/g, '_')}`)}
          </label>
        ))}
        <input type="text" name="riskNote" aria-label={t('request_risk_note_label')} placeholder={t('request_risk_note_placeholder')} value={riskNote} onInput={(e) => setRiskNote(e.currentTarget.value)} />
      </fieldset>
      <label>
        {t('request_actions')}
        <textarea name="actionsTaken" rows={3} disabled={noActionsYet} value={actions} onInput={(e) => setActions(e.currentTarget.value)} />
      </label>
      <label class="ed-inline">
        <input type="checkbox" name="noActionsYet" checked={noActionsYet} onChange={(e) => setNoActionsYet(e.currentTarget.checked)} /> {t('request_none_yet')}
      </label>
      <p class="ed-sla" data-testid="request-sla">
        {t('request_sla', slaWords(view.sla))}
      </p>
      {warnings.length > 0 && (
        <ul class="ed-warnings" data-testid="request-warnings" aria-live="polite">
          {warnings.map((w) => (
            <li key={w.kind} data-warning={w.kind}>
              {warningText(w)}
            </li>
          ))}
        </ul>
      )}
      {missing.length > 0 && (
        <p class="ed-error" role="alert">
          {t('request_please_fill', missing.join(', '))}
        </p>
      )}
      <div class="ed-buttons">
        <button type="submit" class="ed-primary" data-testid="request-submit" disabled={submitting}>
          {submitting ? t('request_submitting') : t('request_submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

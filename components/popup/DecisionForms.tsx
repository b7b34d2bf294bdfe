// The manager's two decision forms. Approve: rationale, the new priority (the policy's default preselected),
// follow-ups and the customer-update cadence. Decline: a reason category and an explanation, both required,
// because the agent has to explain the decision to the customer. Ctrl/Cmd+Enter submits from any field.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DecisionCommand } from '../../core/messages';
import type { DeclineCategory, Escalation, PriorityLevel } from '../../core/schemas';
import type { EscalationDetail } from '../../core/views';
import { CADENCE_CHOICES, cadenceChoice, DECLINE_CATEGORY_LABELS, DECLINE_CATEGORY_ORDER, PRIORITY_LABELS, PRIORITY_ORDER, siteLabel } from './words';

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
      setProblem('Write a rationale: why does this escalation qualify? It goes into the ticket’s internal note.');
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
    <form class="decision-form approve" data-testid="approve-form" aria-label="Approve the escalation" onSubmit={submit} onKeyDown={submitOnCtrlEnter} noValidate>
      <h3>Approve</h3>
      <label>
        <span class="label-line">
          Rationale <span class="req">required</span>
        </span>
        <textarea ref={first} name="rationale" rows={3} maxLength={2000} value={rationale} onInput={(e) => setRationale(e.currentTarget.value)} data-testid="decision-reason" aria-required="true" placeholder="Why it qualifies: impact, risk, SLA" />
      </label>
      <div class="form-row">
        <label>
          New priority
          <select name="newPriority" value={priority} onChange={(e) => setPriority(e.currentTarget.value as PriorityLevel)}>
            {PRIORITY_ORDER.map((level) => (
              <option key={level} value={level}>
                {PRIORITY_LABELS[level]}
                {level === defaults.newPriority ? ' (policy)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Customer updates
          <select name="updateCadenceMinutes" value={String(cadence)} onChange={(e) => setCadence(Number(e.currentTarget.value))}>
            {cadences.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {cadenceChoice(minutes)}
                {minutes === defaults.updateCadenceMinutes ? ' (policy)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        <span class="label-line">
          Follow-ups <span class="opt">one per line</span>
        </span>
        <textarea name="followUps" rows={2} value={followUps} onInput={(e) => setFollowUps(e.currentTarget.value)} placeholder={'Page the payments team\nCheck the CDN logs'} />
      </label>
      <p class="hint">
        {siteLabel(escalation.ticket.site)} gets priority {PRIORITY_LABELS[priority]}
        {current ? ` (now ${PRIORITY_LABELS[current]})` : ''}, the approval tag and an internal note.
      </p>
      {problem && (
        <p class="form-error" role="alert" data-testid="decision-error">
          {problem}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="primary" data-testid="decision-submit" disabled={busy}>
          {busy ? 'Approving…' : 'Approve escalation'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
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
    const missing = [...(category ? [] : ['a reason category']), ...(reason.trim() ? [] : ['an explanation'])];
    if (missing.length > 0) {
      setProblem(`A decline needs ${missing.join(' and ')}: the agent uses it to tell the customer why the issue does not qualify. Nothing was recorded.`);
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
    <form class="decision-form decline" data-testid="decline-form" aria-label="Decline the escalation" onSubmit={submit} onKeyDown={submitOnCtrlEnter} noValidate>
      <h3>Decline</h3>
      <label>
        <span class="label-line">
          Reason category <span class="req">required</span>
        </span>
        <select ref={first} name="category" value={category} onChange={(e) => setCategory(e.currentTarget.value as DeclineCategory)} aria-required="true" aria-invalid={problem !== null && !category}>
          <option value="">Choose a category…</option>
          {DECLINE_CATEGORY_ORDER.map((c) => (
            <option key={c} value={c}>
              {DECLINE_CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span class="label-line">
          Explanation <span class="req">required</span>
        </span>
        <textarea ref={reasonRef} name="reason" rows={3} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} data-testid="decision-reason" aria-required="true" aria-invalid={problem !== null && !reason.trim()} placeholder="Why it does not qualify, in words the agent can pass on" />
      </label>
      <p class="hint">The ticket continues on its normal SLA; the agent gets your explanation and a reassuring customer message.</p>
      {problem && (
        <p class="form-error" role="alert" data-testid="decision-error">
          {problem}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="danger" data-testid="decision-submit" disabled={busy}>
          {busy ? 'Declining…' : 'Decline escalation'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <span class="kbd-hint">Ctrl+Enter</span>
      </div>
    </form>
  );
}

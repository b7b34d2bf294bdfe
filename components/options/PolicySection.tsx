// Policy: severity definitions, assessment weights, SLA targets, the decision SLA and update cadence per severity,
// request-time warnings and escalation phrases. The draft is checked against the Policy schema as the admin types,
// and each problem shows next to its field; nothing is sent while a field is wrong.
import { useMemo, useState } from 'preact/hooks';
import { analyseText } from '../../core/detection';
import { CustomPhrases, LANGUAGES, PHRASE_GROUPS, Policy, WARNING_KINDS, type Language, type PhraseGroup, type WarningKind } from '../../core/policy';
import { IMPACTS, PRIORITY_LEVELS, RISK_FLAGS, SEVERITIES, type PriorityLevel } from '../../core/schemas';
import { duration, IMPACT_LABELS, RISK_LABELS } from '../format';
import { setIn, useDraft } from './draft';
import { Card, Field, LockedNote, NoticeBar, NumberField, SaveBar, SectionHeader, TextField, type Notice } from './fields';
import { errorCount, fieldErrorsFromIssues, fieldErrorsFromZod, NO_ERRORS, type FieldErrors } from './issues';
import type { SaveOutcome } from './types';

export const LANGUAGE_LABELS: Record<Language, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish' };
export const PHRASE_GROUP_LABELS: Record<PhraseGroup, string> = {
  explicit: 'Asks for an escalation or a manager',
  human: 'Asks for a human',
  repetition: 'Repeats itself / still unresolved',
  threat: 'Legal, chargeback or churn threat',
  sentiment: 'Negative sentiment',
};
export const WARNING_LABELS: Record<WarningKind, { label: string; hint: string }> = {
  'no-actions-taken': { label: 'Nothing tried yet', hint: 'The agent has not logged any action taken before asking.' },
  premature: { label: 'Premature', hint: 'Low severity (S3, S4) and the ticket’s SLA is still far from breach.' },
  incomplete: { label: 'Incomplete', hint: 'The reason, severity or impact is missing.' },
  duplicate: { label: 'Duplicate', hint: 'The ticket already has an open escalation.' },
};
const PRIORITY_LABELS: Record<PriorityLevel, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };
const PRIORITIES_HIGH_FIRST: readonly PriorityLevel[] = [...PRIORITY_LEVELS].reverse();
const SLA_COLUMNS = [
  { key: 'firstResponseMinutes', label: 'First response' },
  { key: 'nextUpdateMinutes', label: 'Next update' },
  { key: 'resolutionMinutes', label: 'Resolution' },
] as const;
const TAG_HINT = 'Written to the ticket as it is.';
const TAG_RULE = 'Use only lower-case letters, digits and _ : - (no spaces, up to 60 characters).';
const HINTS = { requested: TAG_RULE, approved: TAG_RULE, declined: TAG_RULE };
const MAX_MINUTES = 60 * 24 * 60;

export function validatePolicy(draft: unknown): FieldErrors {
  const result = Policy.safeParse(draft);
  return result.success ? NO_ERRORS : fieldErrorsFromZod(result.error, HINTS);
}

export interface PolicySectionProps {
  readonly policy: Policy;
  readonly locked: boolean;
  readonly readOnly: boolean;
  readonly onSave: (policy: Policy) => Promise<SaveOutcome>;
}

export function PolicySection({ policy, locked, readOnly, onSave }: PolicySectionProps) {
  const { draft, setDraft, dirty, reset } = useDraft<Policy>(policy);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const localErrors = useMemo(() => validatePolicy(draft), [draft]);
  const errors: FieldErrors = { ...serverErrors, ...localErrors };
  const disabled = readOnly || locked;

  const set = (path: readonly (string | number)[], value: unknown) => {
    setDraft((current) => setIn(current, path, value));
    setServerErrors(NO_ERRORS);
    setNotice(null);
  };
  const err = (path: string) => errors[path];

  const save = async () => {
    if (errorCount(localErrors) > 0) {
      setNotice({ tone: 'error', text: `The policy was not saved: ${errorCount(localErrors)} field(s) need fixing (marked below).` });
      return;
    }
    setSaving(true);
    const outcome = await onSave(draft);
    setSaving(false);
    if (outcome.ok) setNotice({ tone: 'success', text: 'Policy saved. Open helpdesk tabs use it now.' });
    else {
      setServerErrors(fieldErrorsFromIssues(outcome.issues, 'settings.policy.'));
      setNotice({ tone: 'error', text: outcome.message });
    }
  };

  return (
    <>
      <SectionHeader title="Policy" description="How requests are judged and how fast the team must act. Managers see the score and recommendation; they always decide." />
      {locked && <LockedNote what="The escalation policy" />}
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="policy-notice" />
      <fieldset class="op-plain-fieldset" disabled={disabled} data-testid="policy-form">
        <legend class="op-visually-hidden">Escalation policy</legend>
        <Card title="Severity definitions" description="What each severity means for your team. Agents see these when they choose a severity.">
          <div class="op-grid-2">
            {SEVERITIES.map((s) => (
              <TextField key={s} multiline rows={2} label={s} path={`severityDefinitions.${s}`} value={draft.severityDefinitions[s]} error={err(`severityDefinitions.${s}`)} maxLength={500} onChange={(v) => set(['severityDefinitions', s], v)} />
            ))}
          </div>
        </Card>

        <Card title="Decision and customer updates per severity" description="How long a manager has to decide, how often an approved escalation’s customer hears from you, and the priority an approval raises the ticket to.">
          <table class="op-table op-matrix">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Decision SLA</th>
                <th scope="col">Customer-update cadence</th>
                <th scope="col">Priority on approval</th>
              </tr>
            </thead>
            <tbody>
              {SEVERITIES.map((s) => (
                <tr key={s}>
                  <th scope="row">{s}</th>
                  <td>
                    <MinutesCell label={`Decision SLA for ${s}`} path={`decisionSlaMinutes.${s}`} value={draft.decisionSlaMinutes[s]} error={err(`decisionSlaMinutes.${s}`)} onChange={(v) => set(['decisionSlaMinutes', s], v)} />
                  </td>
                  <td>
                    <MinutesCell label={`Customer-update cadence for ${s}`} path={`updateCadenceMinutes.${s}`} value={draft.updateCadenceMinutes[s]} error={err(`updateCadenceMinutes.${s}`)} onChange={(v) => set(['updateCadenceMinutes', s], v)} />
                  </td>
                  <td>
                    <select aria-label={`Priority on approval for ${s}`} name={`approvedPriority.${s}`} value={draft.approvedPriority[s]} onChange={(e) => set(['approvedPriority', s], e.currentTarget.value)}>
                      {PRIORITIES_HIGH_FIRST.map((p) => (
                        <option key={p} value={p}>
                          {PRIORITY_LABELS[p]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>

        <Card title="SLA targets per ticket priority" description="The response commitments the SLA clock follows, and the tighter ones that apply once an escalation is approved.">
          <SlaTable title="Normal targets" root="slaTargets" targets={draft.slaTargets} errors={errors} onChange={set} />
          <SlaTable title="After approval" root="approvedSlaTargets" targets={draft.approvedSlaTargets} errors={errors} onChange={set} />
          <div class="op-grid-3">
            <NumberField label="“Near breach” within" unit="min" path="slaNearMinutes" value={draft.slaNearMinutes} error={err('slaNearMinutes')} min={1} max={MAX_MINUTES} hint={minutesHint(draft.slaNearMinutes)} onChange={(v) => set(['slaNearMinutes'], v)} />
          </div>
          <BusinessHoursEditor value={draft.businessHours} errors={errors} onChange={set} />
        </Card>

        <Card title="Assessment weights" description="Points each factor adds to a request’s score (0–100). At or above the approve threshold the recommendation is “approve”; below the decline threshold, “decline”; in between, “needs more information”.">
          <WeightGroup title="Severity" entries={SEVERITIES.map((s) => ({ key: s, label: s }))} root={['weights', 'severity']} values={draft.weights.severity} errors={errors} onChange={set} />
          <WeightGroup title="Impact" entries={IMPACTS.map((i) => ({ key: i, label: IMPACT_LABELS[i] }))} root={['weights', 'impact']} values={draft.weights.impact} errors={errors} onChange={set} />
          <WeightGroup title="Business risk" entries={RISK_FLAGS.map((r) => ({ key: r, label: RISK_LABELS[r] }))} root={['weights', 'risk']} values={draft.weights.risk} errors={errors} onChange={set} />
          <WeightGroup
            title="Situation"
            entries={[
              { key: 'slaBreached', label: 'SLA breached' },
              { key: 'slaNear', label: 'SLA near breach' },
              { key: 'customerAsked', label: 'Customer asked' },
            ]}
            root={['weights']}
            values={draft.weights as unknown as Record<string, number>}
            errors={errors}
            onChange={set}
          />
          <div class="op-grid-3">
            <NumberField label="Recommend approval at or above" path="thresholds.approveAtOrAbove" value={draft.thresholds.approveAtOrAbove} error={err('thresholds.approveAtOrAbove')} min={0} max={100} unit="points" onChange={(v) => set(['thresholds', 'approveAtOrAbove'], v)} />
            <NumberField label="Recommend declining below" path="thresholds.declineBelow" value={draft.thresholds.declineBelow} error={err('thresholds.declineBelow')} min={0} max={100} unit="points" onChange={(v) => set(['thresholds', 'declineBelow'], v)} />
          </div>
        </Card>

        <Card title="Request-time warnings" description="Shown to the agent while filling in a request. Warnings inform; they never block a request.">
          <ul class="op-checklist">
            {WARNING_KINDS.map((kind) => (
              <li key={kind}>
                <label class="op-check">
                  <input type="checkbox" name={`warnings.${kind}`} checked={draft.warnings[kind]} onChange={(e) => set(['warnings', kind], e.currentTarget.checked)} />
                  <span>
                    <strong>{WARNING_LABELS[kind].label}</strong> <span class="op-muted">{WARNING_LABELS[kind].hint}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <div class="op-grid-3">
            <NumberField
              label="“Premature” when breach is further than"
              unit="min"
              path="prematureMinutesToBreach"
              value={draft.prematureMinutesToBreach}
              error={err('prematureMinutesToBreach')}
              min={1}
              max={MAX_MINUTES}
              hint={minutesHint(draft.prematureMinutesToBreach)}
              onChange={(v) => set(['prematureMinutesToBreach'], v)}
            />
          </div>
        </Card>

        <PhrasesEditor phrases={draft.customPhrases} errors={errors} disabled={disabled} onChange={(next) => set(['customPhrases'], next)} />

        <Card title="Helpdesk tags" description="Tags written to the ticket in the helpdesk when an escalation is requested, approved or declined.">
          <div class="op-grid-3">
            {(['requested', 'approved', 'declined'] as const).map((key) => (
              <TextField key={key} label={`When ${key}`} path={`tags.${key}`} value={draft.tags[key]} error={err(`tags.${key}`)} maxLength={60} hint={TAG_HINT} onChange={(v) => set(['tags', key], v)} />
            ))}
          </div>
        </Card>
      </fieldset>
      <SaveBar dirty={dirty} errors={errorCount(localErrors)} saving={saving} disabled={disabled} onSave={() => void save()} onReset={() => { reset(); setServerErrors(NO_ERRORS); setNotice(null); }} saveLabel="Save policy" testId="policy-save" />
    </>
  );
}

function minutesHint(value: number): string | undefined {
  return Number.isFinite(value) && value >= 60 ? `= ${duration(value)}` : undefined;
}

/** A compact minutes input inside a table cell: the column header names it visually, aria-label for assistive tech. */
function MinutesCell({ label, path, value, error, onChange }: { label: string; path: string; value: number; error: string | undefined; onChange: (value: number) => void }) {
  const errorId = `${path.replace(/\W/g, '-')}-error`;
  return (
    <div class={`op-cell${error ? ' op-field-invalid' : ''}`}>
      <span class="op-number">
        <input
          type="number"
          name={path}
          min={1}
          max={MAX_MINUTES}
          step={1}
          value={Number.isNaN(value) ? '' : String(value)}
          aria-label={`${label} (minutes)`}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          onInput={(e) => {
            const raw = e.currentTarget.value.trim();
            onChange(raw === '' ? Number.NaN : Number(raw));
          }}
        />
        <span class="op-unit">min</span>
      </span>
      {error ? (
        <span class="op-field-error" id={errorId} data-testid="field-error" data-field={path}>
          {error}
        </span>
      ) : (
        <span class="op-hint">{minutesHint(value) ?? '\u00a0'}</span>
      )}
    </div>
  );
}

function SlaTable({ title, root, targets, errors, onChange }: { title: string; root: 'slaTargets' | 'approvedSlaTargets'; targets: Policy['slaTargets']; errors: FieldErrors; onChange: (path: readonly (string | number)[], value: unknown) => void }) {
  return (
    <table class="op-table op-matrix">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Priority</th>
          {SLA_COLUMNS.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {PRIORITIES_HIGH_FIRST.map((p) => (
          <tr key={p}>
            <th scope="row">{PRIORITY_LABELS[p]}</th>
            {SLA_COLUMNS.map((c) => {
              const path = `${root}.${p}.${c.key}`;
              return (
                <td key={c.key}>
                  <MinutesCell label={`${title}: ${c.label} for ${PRIORITY_LABELS[p]} priority`} path={path} value={targets[p][c.key]} error={errors[path]} onChange={(v) => onChange([root, p, c.key], v)} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeightGroup({ title, entries, root, values, errors, onChange }: { title: string; entries: ReadonlyArray<{ key: string; label: string }>; root: readonly string[]; values: Readonly<Record<string, number>>; errors: FieldErrors; onChange: (path: readonly (string | number)[], value: unknown) => void }) {
  return (
    <fieldset class="op-weights">
      <legend>{title}</legend>
      <div class="op-grid-4">
        {entries.map(({ key, label }) => {
          const path = [...root, key].join('.');
          return <NumberField key={key} label={label} path={path} value={values[key] ?? Number.NaN} error={errors[path]} min={0} max={100} unit="pts" onChange={(v) => onChange([...root, key], v)} />;
        })}
      </div>
    </fieldset>
  );
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const DEFAULT_HOURS = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };

function BusinessHoursEditor({ value, errors, onChange }: { value: Policy['businessHours']; errors: FieldErrors; onChange: (path: readonly (string | number)[], value: unknown) => void }) {
  const zone = useMemo(() => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
      return 'UTC';
    }
  }, []);
  return (
    <fieldset class="op-weights">
      <legend>Business hours</legend>
      <label class="op-check">
        <input type="checkbox" name="businessHours.enabled" checked={value !== null} onChange={(e) => onChange(['businessHours'], e.currentTarget.checked ? { ...DEFAULT_HOURS, timeZone: zone } : null)} />
        <span>SLA clocks count business hours only (otherwise they run around the clock)</span>
      </label>
      {value && (
        <div class="op-grid-4">
          <TextField label="Time zone" path="businessHours.timeZone" value={value.timeZone} error={errors['businessHours.timeZone']} hint="IANA name, e.g. Europe/Berlin" onChange={(v) => onChange(['businessHours', 'timeZone'], v)} />
          <NumberField label="Opens at" unit="h" path="businessHours.startHour" value={value.startHour} error={errors['businessHours.startHour']} min={0} max={23} onChange={(v) => onChange(['businessHours', 'startHour'], v)} />
          <NumberField label="Closes at" unit="h" path="businessHours.endHour" value={value.endHour} error={errors['businessHours.endHour']} min={1} max={24} onChange={(v) => onChange(['businessHours', 'endHour'], v)} />
          <fieldset class="op-days">
            <legend>Days</legend>
            {DAY_NAMES.map((name, day) => (
              <label key={name} class="op-check op-check-inline">
                <input
                  type="checkbox"
                  name={`businessHours.days.${day}`}
                  checked={value.days.includes(day)}
                  onChange={(e) => onChange(['businessHours', 'days'], e.currentTarget.checked ? [...value.days, day].sort() : value.days.filter((d) => d !== day))}
                />
                {name}
              </label>
            ))}
            {errors['businessHours.days'] && (
              <span class="op-field-error" data-testid="field-error" data-field="businessHours.days">
                {errors['businessHours.days'] === 'Needs at least 1 entry.' ? 'Pick at least one day.' : errors['businessHours.days']}
              </span>
            )}
          </fieldset>
        </div>
      )}
    </fieldset>
  );
}

const PhraseEntry = CustomPhrases.shape.en.element;

function PhrasesEditor({ phrases, errors, disabled, onChange }: { phrases: Policy['customPhrases']; errors: FieldErrors; disabled: boolean; onChange: (next: Policy['customPhrases']) => void }) {
  const [language, setLanguage] = useState<Language>('en');
  const [group, setGroup] = useState<PhraseGroup>('explicit');
  const [phrase, setPhrase] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [sample, setSample] = useState('');
  const analysis = useMemo(() => (sample.trim() ? analyseText(sample, phrases) : null), [sample, phrases]);
  const total = LANGUAGES.reduce((n, l) => n + phrases[l].length, 0);

  const add = () => {
    const checked = PhraseEntry.safeParse({ group, phrase });
    if (!checked.success) {
      setAddError(checked.error.issues[0]?.code === 'too_small' ? 'A phrase needs at least 2 characters.' : 'A phrase has at most 200 characters.');
      return;
    }
    const folded = checked.data.phrase.toLowerCase();
    if (phrases[language].some((p) => p.phrase.toLowerCase() === folded)) {
      setAddError(`“${checked.data.phrase}” is already in the ${LANGUAGE_LABELS[language]} list.`);
      return;
    }
    onChange({ ...phrases, [language]: [...phrases[language], checked.data] });
    setPhrase('');
    setAddError(null);
  };

  return (
    <Card title="Escalation phrases" description={`Phrases that mark a customer message as asking for an escalation, on top of the built-in ones (English, German, French and Spanish, with negation such as “no need to escalate” handled). ${total} added.`} testId="phrases-editor">
      <div class="op-phrase-lists">
        {LANGUAGES.map((l) => (
          <div key={l} class="op-phrase-list">
            <h4>{LANGUAGE_LABELS[l]}</h4>
            {phrases[l].length === 0 ? (
              <p class="op-muted">Built-in phrases only.</p>
            ) : (
              <ul aria-label={`${LANGUAGE_LABELS[l]} phrases`}>
                {phrases[l].map((p, i) => (
                  <li key={`${p.phrase}-${i}`} data-testid="custom-phrase">
                    <span>
                      “{p.phrase}” <span class="op-muted">· {PHRASE_GROUP_LABELS[p.group]}</span>
                    </span>
                    {errors[`customPhrases.${l}.${i}.phrase`] && <span class="op-field-error">{errors[`customPhrases.${l}.${i}.phrase`]}</span>}
                    <button type="button" class="op-link-button" disabled={disabled} aria-label={`Remove ${LANGUAGE_LABELS[l]} phrase “${p.phrase}”`} onClick={() => onChange({ ...phrases, [l]: phrases[l].filter((_, j) => j !== i) })}>
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
      <div class="op-inline-form" role="group" aria-label="Add a phrase">
        <Field label="Language">
          {({ id }) => (
            <select id={id} name="phrase-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_LABELS[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Kind">
          {({ id }) => (
            <select id={id} name="phrase-group" value={group} onChange={(e) => setGroup(e.currentTarget.value as PhraseGroup)}>
              {PHRASE_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {PHRASE_GROUP_LABELS[g]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Phrase" error={addError ?? undefined} path="phrase-new" wide>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              name="phrase-new"
              value={phrase}
              maxLength={200}
              placeholder="e.g. speak to your supervisor"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onInput={(e) => {
                setPhrase(e.currentTarget.value);
                setAddError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
          )}
        </Field>
        <button type="button" class="op-button" onClick={add} data-testid="add-phrase">
          Add phrase
        </button>
      </div>
      <details class="op-tryout">
        <summary>Try a customer message</summary>
        <TextField multiline rows={2} label="Customer message" path="phrase-sample" value={sample} onChange={setSample} placeholder="Paste what a customer wrote…" />
        {analysis && (
          <p class={analysis.detected ? 'op-text-warning' : 'op-muted'} role="status" data-testid="phrase-tryout-result">
            {analysis.detected ? 'Would be flagged as an escalation request' : 'Would not be flagged'} (confidence {Math.round(analysis.confidence * 100)} %)
            {analysis.matched.length > 0 && <> · matched: {analysis.matched.map((m) => `“${m}”`).join(', ')}</>}
            {analysis.negated.length > 0 && <> · negated, not counted: {analysis.negated.map((m) => `“${m}”`).join(', ')}</>}
          </p>
        )}
      </details>
    </Card>
  );
}

// Policy: severity definitions, assessment weights, SLA targets, the decision SLA and update cadence per severity,
// request-time warnings and escalation phrases. The draft is checked against the Policy schema as the admin types,
// and each problem shows next to its field; nothing is sent while a field is wrong.
import { useMemo, useState } from 'preact/hooks';
import { analyseText } from '../../core/detection';
import { CustomPhrases, LANGUAGES, PHRASE_GROUPS, Policy, WARNING_KINDS, type Language, type PhraseGroup, type WarningKind } from '../../core/policy';
import { IMPACTS, PRIORITY_LEVELS, RISK_FLAGS, SEVERITIES, type PriorityLevel } from '../../core/schemas';
import { duration } from '../format';
import { t } from '../i18n';
import { setIn, useDraft } from './draft';
import { Card, Field, LockedNote, NoticeBar, NumberField, SaveBar, SectionHeader, TextField, type Notice } from './fields';
import { errorCount, fieldErrorsFromIssues, fieldErrorsFromZod, NO_ERRORS, type FieldErrors } from './issues';
import type { SaveOutcome } from './types';

/** The names, in the UI's language, of the languages detection covers ("German"). */
export const languageLabel = (language: Language): string => t(`options_language_${language}`);
/** "Asks for a human". */
export const phraseGroupLabel = (group: PhraseGroup): string => t(`options_phrase_group_${group}`);
/** A request-time warning's name and what it means, as the admin switches it on or off. */
export const warningLabel = (kind: WarningKind): { label: string; hint: string } => {
  const key = kind.replace(/-/g, '_');
  return { label: t(`options_warning_${key}`), hint: t(`options_warning_${key}_hint`) };
};
const priorityLabel = (level: PriorityLevel): string => t(`priority_${level}`);
const impactLabel = (impact: string): string => t(`impact_${impact.replace(/-/g, '_')}`);
const riskLabel = (risk: string): string => t(`risk_${risk.replace(/-/g, '_')}`);
const PRIORITIES_HIGH_FIRST: readonly PriorityLevel[] = [...PRIORITY_LEVELS].reverse();
const SLA_COLUMNS = [
  { key: 'firstResponseMinutes', label: 'options_sla_first_response' },
  { key: 'nextUpdateMinutes', label: 'options_sla_next_update' },
  { key: 'resolutionMinutes', label: 'options_sla_resolution' },
] as const;
const MAX_MINUTES = 60 * 24 * 60;

export function validatePolicy(draft: unknown): FieldErrors {
  const result = Policy.safeParse(draft);
  const tagRule = t('options_tag_rule');
  return result.success ? NO_ERRORS : fieldErrorsFromZod(result.error, { requested: tagRule, approved: tagRule, declined: tagRule });
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
      setNotice({ tone: 'error', text: t('options_policy_not_saved', errorCount(localErrors)) });
      return;
    }
    setSaving(true);
    const outcome = await onSave(draft);
    setSaving(false);
    if (outcome.ok) setNotice({ tone: 'success', text: t('options_policy_saved') });
    else {
      setServerErrors(fieldErrorsFromIssues(outcome.issues, 'settings.policy.'));
      setNotice({ tone: 'error', text: outcome.message });
    }
  };

  return (
    <>
      <SectionHeader title={t('options_nav_policy')} description={t('options_policy_description')} />
      {locked && <LockedNote text={t('options_locked_note_policy')} />}
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="policy-notice" />
      <fieldset class="op-plain-fieldset" disabled={disabled} data-testid="policy-form">
        <legend class="op-visually-hidden">{t('options_policy_legend')}</legend>
        <Card title={t('options_severity_definitions')} description={t('options_severity_definitions_description')}>
          <div class="op-grid-2">
            {SEVERITIES.map((s) => (
              <TextField key={s} multiline rows={2} label={s} path={`severityDefinitions.${s}`} value={draft.severityDefinitions[s]} error={err(`severityDefinitions.${s}`)} maxLength={500} onChange={(v) => set(['severityDefinitions', s], v)} />
            ))}
          </div>
        </Card>

        <Card title={t('options_per_severity')} description={t('options_per_severity_description')}>
          <table class="op-table op-matrix">
            <thead>
              <tr>
                <th scope="col">{t('request_severity')}</th>
                <th scope="col">{t('options_decision_sla')}</th>
                <th scope="col">{t('options_update_cadence')}</th>
                <th scope="col">{t('options_priority_on_approval')}</th>
              </tr>
            </thead>
            <tbody>
              {SEVERITIES.map((s) => (
                <tr key={s}>
                  <th scope="row">{s}</th>
                  <td>
                    <MinutesCell label={t('options_decision_sla_for', s)} path={`decisionSlaMinutes.${s}`} value={draft.decisionSlaMinutes[s]} error={err(`decisionSlaMinutes.${s}`)} onChange={(v) => set(['decisionSlaMinutes', s], v)} />
                  </td>
                  <td>
                    <MinutesCell label={t('options_update_cadence_for', s)} path={`updateCadenceMinutes.${s}`} value={draft.updateCadenceMinutes[s]} error={err(`updateCadenceMinutes.${s}`)} onChange={(v) => set(['updateCadenceMinutes', s], v)} />
                  </td>
                  <td>
                    <select aria-label={t('options_priority_on_approval_for', s)} name={`approvedPriority.${s}`} value={draft.approvedPriority[s]} onChange={(e) => set(['approvedPriority', s], e.currentTarget.value)}>
                      {PRIORITIES_HIGH_FIRST.map((p) => (
                        <option key={p} value={p}>
                          {priorityLabel(p)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>

        <Card title={t('options_sla_targets')} description={t('options_sla_targets_description')}>
          <SlaTable title={t('options_sla_normal')} root="slaTargets" targets={draft.slaTargets} errors={errors} onChange={set} />
          <SlaTable title={t('options_sla_after_approval')} root="approvedSlaTargets" targets={draft.approvedSlaTargets} errors={errors} onChange={set} />
          <div class="op-grid-3">
            <NumberField label={t('options_near_breach')} unit={t('options_unit_min')} path="slaNearMinutes" value={draft.slaNearMinutes} error={err('slaNearMinutes')} min={1} max={MAX_MINUTES} hint={minutesHint(draft.slaNearMinutes)} onChange={(v) => set(['slaNearMinutes'], v)} />
          </div>
          <BusinessHoursEditor value={draft.businessHours} errors={errors} onChange={set} />
        </Card>

        <Card title={t('options_weights')} description={t('options_weights_description')}>
          <WeightGroup title={t('request_severity')} entries={SEVERITIES.map((s) => ({ key: s, label: s }))} root={['weights', 'severity']} values={draft.weights.severity} errors={errors} onChange={set} />
          <WeightGroup title={t('request_impact')} entries={IMPACTS.map((i) => ({ key: i, label: impactLabel(i) }))} root={['weights', 'impact']} values={draft.weights.impact} errors={errors} onChange={set} />
          <WeightGroup title={t('request_business_risk')} entries={RISK_FLAGS.map((r) => ({ key: r, label: riskLabel(r) }))} root={['weights', 'risk']} values={draft.weights.risk} errors={errors} onChange={set} />
          <WeightGroup
            title={t('options_situation')}
            entries={[
              { key: 'slaBreached', label: t('options_weight_sla_breached') },
              { key: 'slaNear', label: t('options_weight_sla_near') },
              { key: 'customerAsked', label: t('options_weight_customer_asked') },
            ]}
            root={['weights']}
            values={draft.weights as unknown as Record<string, number>}
            errors={errors}
            onChange={set}
          />
          <div class="op-grid-3">
            <NumberField label={t('options_threshold_approve')} path="thresholds.approveAtOrAbove" value={draft.thresholds.approveAtOrAbove} error={err('thresholds.approveAtOrAbove')} min={0} max={100} unit={t('options_unit_points')} onChange={(v) => set(['thresholds', 'approveAtOrAbove'], v)} />
            <NumberField label={t('options_threshold_decline')} path="thresholds.declineBelow" value={draft.thresholds.declineBelow} error={err('thresholds.declineBelow')} min={0} max={100} unit={t('options_unit_points')} onChange={(v) => set(['thresholds', 'declineBelow'], v)} />
          </div>
        </Card>

        <Card title={t('options_warnings')} description={t('options_warnings_description')}>
          <ul class="op-checklist">
            {WARNING_KINDS.map((kind) => (
              <li key={kind}>
                <label class="op-check">
                  <input type="checkbox" name={`warnings.${kind}`} checked={draft.warnings[kind]} onChange={(e) => set(['warnings', kind], e.currentTarget.checked)} />
                  <span>
                    <strong>{warningLabel(kind).label}</strong> <span class="op-muted">{warningLabel(kind).hint}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <div class="op-grid-3">
            <NumberField
              label={t('options_premature_when')}
              unit={t('options_unit_min')}
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

        <Card title={t('options_tags')} description={t('options_tags_description')}>
          <div class="op-grid-3">
            {(['requested', 'approved', 'declined'] as const).map((key) => (
              <TextField key={key} label={t(`options_tag_when_${key}`)} path={`tags.${key}`} value={draft.tags[key]} error={err(`tags.${key}`)} maxLength={60} hint={t('options_tag_hint')} onChange={(v) => set(['tags', key], v)} />
            ))}
          </div>
        </Card>
      </fieldset>
      <SaveBar dirty={dirty} errors={errorCount(localErrors)} saving={saving} disabled={disabled} onSave={() => void save()} onReset={() => { reset(); setServerErrors(NO_ERRORS); setNotice(null); }} saveLabel={t('options_save_policy')} testId="policy-save" />
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
          aria-label={t('options_minutes_label', label)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          onInput={(e) => {
            const raw = e.currentTarget.value.trim();
            onChange(raw === '' ? Number.NaN : Number(raw));
          }}
        />
        <span class="op-unit">{t('options_unit_min')}</span>
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
          <th scope="col">{t('options_priority')}</th>
          {SLA_COLUMNS.map((c) => (
            <th key={c.key} scope="col">
              {t(c.label)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {PRIORITIES_HIGH_FIRST.map((p) => (
          <tr key={p}>
            <th scope="row">{priorityLabel(p)}</th>
            {SLA_COLUMNS.map((c) => {
              const path = `${root}.${p}.${c.key}`;
              return (
                <td key={c.key}>
                  <MinutesCell label={t('options_sla_cell', title, t(c.label), priorityLabel(p))} path={path} value={targets[p][c.key]} error={errors[path]} onChange={(v) => onChange([root, p, c.key], v)} />
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
          return <NumberField key={key} label={label} path={path} value={values[key] ?? Number.NaN} error={errors[path]} min={0} max={100} unit={t('options_unit_pts')} onChange={(v) => onChange([...root, key], v)} />;
        })}
      </div>
    </fieldset>
  );
}

const DAY_KEYS = ['options_day_sun', 'options_day_mon', 'options_day_tue', 'options_day_wed', 'options_day_thu', 'options_day_fri', 'options_day_sat'] as const;
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
      <legend>{t('options_business_hours')}</legend>
      <label class="op-check">
        <input type="checkbox" name="businessHours.enabled" checked={value !== null} onChange={(e) => onChange(['businessHours'], e.currentTarget.checked ? { ...DEFAULT_HOURS, timeZone: zone } : null)} />
        <span>{t('options_business_hours_only')}</span>
      </label>
      {value && (
        <div class="op-grid-4">
          <TextField label={t('options_time_zone')} path="businessHours.timeZone" value={value.timeZone} error={errors['businessHours.timeZone']} hint={t('options_time_zone_hint')} onChange={(v) => onChange(['businessHours', 'timeZone'], v)} />
          <NumberField label={t('options_opens_at')} unit={t('options_unit_h')} path="businessHours.startHour" value={value.startHour} error={errors['businessHours.startHour']} min={0} max={23} onChange={(v) => onChange(['businessHours', 'startHour'], v)} />
          <NumberField label={t('options_closes_at')} unit={t('options_unit_h')} path="businessHours.endHour" value={value.endHour} error={errors['businessHours.endHour']} min={1} max={24} onChange={(v) => onChange(['businessHours', 'endHour'], v)} />
          <fieldset class="op-days">
            <legend>{t('options_days')}</legend>
            {DAY_KEYS.map((name, day) => (
              <label key={name} class="op-check op-check-inline">
                <input
                  type="checkbox"
                  name={`businessHours.days.${day}`}
                  checked={value.days.includes(day)}
                  onChange={(e) => onChange(['businessHours', 'days'], e.currentTarget.checked ? [...value.days, day].sort() : value.days.filter((d) => d !== day))}
                />
                {t(name)}
              </label>
            ))}
            {errors['businessHours.days'] && (
              <span class="op-field-error" data-testid="field-error" data-field="businessHours.days">
                {errors['businessHours.days'] === t('options_issue_min_entries_one') ? t('options_pick_a_day') : errors['businessHours.days']}
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
      setAddError(checked.error.issues[0]?.code === 'too_small' ? t('options_phrase_too_short') : t('options_phrase_too_long'));
      return;
    }
    const folded = checked.data.phrase.toLowerCase();
    if (phrases[language].some((p) => p.phrase.toLowerCase() === folded)) {
      setAddError(t('options_phrase_duplicate', checked.data.phrase, languageLabel(language)));
      return;
    }
    onChange({ ...phrases, [language]: [...phrases[language], checked.data] });
    setPhrase('');
    setAddError(null);
  };

  return (
    <Card title={t('options_phrases')} description={t('options_phrases_description', total)} testId="phrases-editor">
      <div class="op-phrase-lists">
        {LANGUAGES.map((l) => (
          <div key={l} class="op-phrase-list">
            <h4>{languageLabel(l)}</h4>
            {phrases[l].length === 0 ? (
              <p class="op-muted">{t('options_builtin_only')}</p>
            ) : (
              <ul aria-label={t('options_phrases_of', languageLabel(l))}>
                {phrases[l].map((p, i) => (
                  <li key={`${p.phrase}-${i}`} data-testid="custom-phrase">
                    <span>
                      {t('options_quoted', p.phrase)} <span class="op-muted">· {phraseGroupLabel(p.group)}</span>
                    </span>
                    {errors[`customPhrases.${l}.${i}.phrase`] && <span class="op-field-error">{errors[`customPhrases.${l}.${i}.phrase`]}</span>}
                    <button type="button" class="op-link-button" disabled={disabled} aria-label={t('options_remove_phrase', languageLabel(l), p.phrase)} onClick={() => onChange({ ...phrases, [l]: phrases[l].filter((_, j) => j !== i) })}>
                      {t('options_remove')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
      <div class="op-inline-form" role="group" aria-label={t('options_add_a_phrase')}>
        <Field label={t('options_language')}>
          {({ id }) => (
            <select id={id} name="phrase-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {languageLabel(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('options_kind')}>
          {({ id }) => (
            <select id={id} name="phrase-group" value={group} onChange={(e) => setGroup(e.currentTarget.value as PhraseGroup)}>
              {PHRASE_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {phraseGroupLabel(g)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('options_phrase')} error={addError ?? undefined} path="phrase-new" wide>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              name="phrase-new"
              value={phrase}
              maxLength={200}
              placeholder={t('options_phrase_placeholder')}
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
          {t('options_add_phrase')}
        </button>
      </div>
      <details class="op-tryout">
        <summary>{t('options_try_message')}</summary>
        <TextField multiline rows={2} label={t('options_customer_message')} path="phrase-sample" value={sample} onChange={setSample} placeholder={t('options_customer_message_placeholder')} />
        {analysis && (
          <p class={analysis.detected ? 'op-text-warning' : 'op-muted'} role="status" data-testid="phrase-tryout-result">
            {analysis.detected ? t('options_tryout_flagged') : t('options_tryout_not_flagged')} {t('options_tryout_confidence', Math.round(analysis.confidence * 100))}
            {analysis.matched.length > 0 && <> · {t('options_tryout_matched', analysis.matched.map((m) => t('options_quoted', m)).join(', '))}</>}
            {analysis.negated.length > 0 && <> · {t('options_tryout_negated', analysis.negated.map((m) => t('options_quoted', m)).join(', '))}</>}
          </p>
        )}
      </details>
    </Card>
  );
}

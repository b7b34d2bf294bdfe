// Templates: each customer message with the variables it may use and a live preview filled with sample values.
// Unknown or misplaced variables, unbalanced braces and empty templates are refused before anything is sent.
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Policy } from '../../core/policy';
import { CUSTOMER_MESSAGE_KINDS, type CustomerMessageKind } from '../../core/schemas';
import { DEFAULT_TEMPLATES, type CustomerTemplates } from '../../core/settings';
import { formatCustomerDateTime, formatInterval, renderTemplate, TEMPLATE_VARIABLES, validateTemplate } from '../../core/templates';
import { t } from '../i18n';
import { useDraft } from './draft';
import { LockedNote, NoticeBar, SaveBar, SectionHeader, type Notice } from './fields';
import type { SaveOutcome } from './types';

/** A customer message's name ("Approved") and when it is used, in the UI's language. */
export const kindLabel = (kind: CustomerMessageKind): { label: string; when: string } => ({ label: t(`options_template_${kind}`), when: t(`options_template_${kind}_when`) });
/** What a template variable holds (core/templates describes them in English; the editor shows them translated). */
const variableDescription = (name: string): string => t(`options_template_var_${name}`);

/** Sample values for the preview: a realistic S2 escalation, with times and cadence from the policy being edited. */
export function sampleValues(policy: Policy, now: Date, agentName: string): Record<string, string | null> {
  const cadence = policy.updateCadenceMinutes.S2;
  return {
    customerName: 'Carla Customer',
    subject: 'Checkout fails with error 500',
    ticketId: '4711',
    agentName,
    severity: 'S2',
    requestedAt: formatCustomerDateTime(new Date(now.getTime() - 45 * 60_000).toISOString(), { now }),
    nextUpdateAt: formatCustomerDateTime(new Date(now.getTime() + cadence * 60_000).toISOString(), { now }),
    updateInterval: formatInterval(cadence),
    newPriority: policy.approvedPriority.S2,
    rationale: 'Checkout is down for many of the customer’s users during their sales week.',
    declineReason: 'The slowdown affects one report and the CSV export works as a workaround, so it does not meet our escalation criteria.',
    progressText: 'Our engineers found the cause in the payment gateway and are testing a fix now.',
    resolutionSummary: 'we deployed a fix for the payment gateway, and checkouts go through again.',
  };
}

export function templateErrors(templates: CustomerTemplates): Partial<Record<CustomerMessageKind, string[]>> {
  const out: Partial<Record<CustomerMessageKind, string[]>> = {};
  for (const kind of CUSTOMER_MESSAGE_KINDS) {
    const result = validateTemplate(kind, templates[kind]);
    if (!result.ok) out[kind] = result.errors;
  }
  return out;
}

export interface TemplatesSectionProps {
  readonly templates: CustomerTemplates;
  readonly policy: Policy;
  readonly locked: boolean;
  readonly readOnly: boolean;
  readonly onSave: (templates: CustomerTemplates) => Promise<SaveOutcome>;
  readonly agentName?: string;
  readonly now?: () => Date;
}

export function TemplatesSection({ templates, policy, locked, readOnly, onSave, agentName = 'Alex Agent', now = () => new Date() }: TemplatesSectionProps) {
  const { draft, setDraft, dirty, reset } = useDraft<CustomerTemplates>(templates);
  const [kind, setKind] = useState<CustomerMessageKind>('approved');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [serverError, setServerError] = useState<Partial<Record<CustomerMessageKind, string>>>({});
  const [saving, setSaving] = useState(false);
  const editor = useRef<HTMLTextAreaElement>(null);
  const tabRefs = useRef<Partial<Record<CustomerMessageKind, HTMLButtonElement | null>>>({});

  const errors = useMemo(() => templateErrors(draft), [draft]);
  const invalidKinds = CUSTOMER_MESSAGE_KINDS.filter((k) => errors[k]);
  const disabled = readOnly || locked;
  const samples = useMemo(() => sampleValues(policy, now(), agentName), [policy, agentName]);
  const preview = renderTemplate(kind, draft[kind], samples);
  const errorId = `template-${kind}-errors`;

  const change = (value: string) => {
    setDraft((d) => ({ ...d, [kind]: value }));
    setNotice(null);
    setServerError({});
  };

  /** Puts `{{name}}` at the cursor (or replaces the selection) and keeps the focus in the editor. */
  const insertVariable = (name: string) => {
    const area = editor.current;
    const token = `{{${name}}}`;
    const text = draft[kind];
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    change(text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const save = async () => {
    if (invalidKinds.length > 0) {
      setKind(invalidKinds[0]!);
      setNotice({ tone: 'error', text: t('options_templates_not_saved', invalidKinds.map((k) => t('options_quoted', kindLabel(k).label)).join(', ')) });
      return;
    }
    setSaving(true);
    const outcome = await onSave(draft);
    setSaving(false);
    if (outcome.ok) setNotice({ tone: 'success', text: t('options_templates_saved') });
    else {
      const byKind: Partial<Record<CustomerMessageKind, string>> = {};
      for (const issue of outcome.issues ?? []) {
        const k = CUSTOMER_MESSAGE_KINDS.find((c) => issue.path === `settings.templates.${c}`);
        if (k) byKind[k] = issue.message;
      }
      setServerError(byKind);
      setNotice({ tone: 'error', text: outcome.message });
    }
  };

  const onTabKey = (e: KeyboardEvent) => {
    const i = CUSTOMER_MESSAGE_KINDS.indexOf(kind);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? CUSTOMER_MESSAGE_KINDS.length - 1 : step ? (i + step + CUSTOMER_MESSAGE_KINDS.length) % CUSTOMER_MESSAGE_KINDS.length : -1;
    if (to < 0) return;
    e.preventDefault();
    const next = CUSTOMER_MESSAGE_KINDS[to]!;
    setKind(next);
    tabRefs.current[next]?.focus();
  };

  const kindErrors = [...(errors[kind] ?? []), ...(serverError[kind] ? [serverError[kind]!] : [])];
  return (
    <>
      <SectionHeader title={t('options_nav_templates')} description={t('options_templates_description')} />
      {locked && <LockedNote text={t('options_locked_note_templates')} />}
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="templates-notice" />
      <section class="op-card" data-testid="template-editor" data-kind={kind}>
        <div class="op-tabs" role="tablist" aria-label={t('options_templates_tabs')}>
          {CUSTOMER_MESSAGE_KINDS.map((k) => (
            <button
              key={k}
              ref={(el) => {
                tabRefs.current[k] = el;
              }}
              type="button"
              role="tab"
              id={`template-tab-${k}`}
              class="op-tab"
              aria-selected={k === kind}
              aria-controls="template-panel"
              tabIndex={k === kind ? 0 : -1}
              data-testid={`template-tab-${k}`}
              onClick={() => setKind(k)}
              onKeyDown={onTabKey}
            >
              {kindLabel(k).label}
              {errors[k] && (
                <span class="op-text-error" aria-label={` ${t('options_templates_has_problems')}`}>
                  {' '}
                  ⚠
                </span>
              )}
              {draft[k] !== templates[k] && !errors[k] && <span aria-label={` ${t('options_templates_changed')}`}> •</span>}
            </button>
          ))}
        </div>
        <div id="template-panel" role="tabpanel" aria-labelledby={`template-tab-${kind}`} class="op-plain-fieldset">
          <p class="op-muted">{kindLabel(kind).when}</p>
          <div class="op-template">
            <div class="op-field">
              <label for="template-text">{t('options_template_message', kindLabel(kind).label)}</label>
              <textarea
                ref={editor}
                id="template-text"
                name={`templates.${kind}`}
                value={draft[kind]}
                disabled={disabled}
                rows={12}
                maxLength={5000}
                aria-invalid={kindErrors.length > 0}
                aria-describedby={kindErrors.length > 0 ? errorId : undefined}
                onInput={(e) => change(e.currentTarget.value)}
              />
              {kindErrors.length > 0 && (
                <ul class="op-field-error op-error-list" id={errorId} data-testid="field-error" data-field={`templates.${kind}`}>
                  {kindErrors.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              )}
              <div class="op-row-actions">
                <button type="button" class="op-link-button" disabled={disabled || draft[kind] === DEFAULT_TEMPLATES[kind]} onClick={() => change(DEFAULT_TEMPLATES[kind])}>
                  {t('options_template_restore')}
                </button>
              </div>
            </div>
            <div class="op-field">
              <span class="op-preview-label" id="template-preview-label">
                {t('options_template_preview')}
              </span>
              <div class="op-preview-box" data-testid="template-preview" aria-labelledby="template-preview-label" aria-live="polite" data-ok={preview.ok}>
                {preview.ok ? preview.text : <span class="op-muted">{t('options_template_no_preview')}</span>}
              </div>
            </div>
          </div>
          <div class="op-field">
            <span class="op-field-label">{t('options_template_variables_hint')}</span>
            <ul class="op-vars" aria-label={t('options_template_variables')}>
              {TEMPLATE_VARIABLES[kind].map((name) => (
                <li key={name}>
                  <button type="button" class="op-var" disabled={disabled} title={variableDescription(name)} aria-label={t('options_template_insert', `{{${name}}}`, variableDescription(name))} onClick={() => insertVariable(name)}>
                    {`{{${name}}}`}
                  </button>
                </li>
              ))}
            </ul>
            <dl class="op-var-help">
              {TEMPLATE_VARIABLES[kind].map((name) => (
                <div key={name}>
                  <dt>
                    <code>{`{{${name}}}`}</code>
                  </dt>
                  <dd>{variableDescription(name)}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      </section>
      <SaveBar dirty={dirty} errors={invalidKinds.length} saving={saving} disabled={disabled} onSave={() => void save()} onReset={() => { reset(); setNotice(null); setServerError({}); }} saveLabel={t('options_save_templates')} testId="templates-save" />
    </>
  );
}

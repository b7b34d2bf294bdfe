// Custom sites: a built-in helpdesk on a company's own domain (needs the browser's permission for that origin),
// and custom adapters for helpdesks we do not ship, with a validated editor and "test on an open tab".
import { useEffect, useState } from 'preact/hooks';
import { validateCustomAdapterDefinition, type CustomAdapterDefinition } from '../../adapters/custom/definition';
import { ADAPTER_REGISTRY } from '../../adapters/registry';
import { CustomDomain, type Settings } from '../../core/settings';
import { PRIORITY_LEVELS, type PriorityLevel } from '../../core/schemas';
import { clockTime } from '../format';
import { t } from '../i18n';
import { Card, Field, NoticeBar, SectionHeader, TextField, type Notice } from './fields';
import { definitionToForm, EMPTY_ADAPTER_FORM, formErrors, formToDefinition, SELECTOR_FIELDS, slugId, type AdapterForm, type SelectorKey } from './customAdapterForm';
import type { OpenTab, SaveOutcome } from './types';

export type AdapterTestResult =
  | { readonly matched: false; readonly message: string }
  | { readonly matched: true; readonly ticketId: string; readonly snapshot?: TestSnapshot; readonly problem?: { code: string; field?: string; selector?: string; message: string }; readonly health?: ReadonlyArray<{ field: string; ok: boolean; via: string; source: string }> };

interface TestSnapshot {
  readonly subject: string;
  readonly requester: { name: string; email: string | null };
  readonly status: string | null;
  readonly priority: { raw: string | null; level: string | null };
  readonly assignee: string | null;
  readonly tags: readonly string[];
  readonly messages: ReadonlyArray<{ author: string; authorRole: string; visibility: string; body: string; createdAt: string | null }>;
}

export interface CustomSitesSectionProps {
  readonly settings: Settings;
  readonly readOnly: boolean;
  /** Called synchronously from the submit handler (the permission prompt needs the user's gesture). */
  readonly onAddDomain: (adapterId: string, origin: string) => Promise<SaveOutcome>;
  readonly onRemoveDomain: (origin: string) => Promise<SaveOutcome>;
  /** Called synchronously from the click handler, like onAddDomain. */
  readonly onSaveAdapter: (definition: CustomAdapterDefinition) => Promise<SaveOutcome>;
  readonly onRemoveAdapter: (adapterId: string) => Promise<SaveOutcome>;
  readonly onTestAdapter: (definition: CustomAdapterDefinition, tabId: number) => Promise<{ ok: true; result: AdapterTestResult } | { ok: false; message: string; issues?: ReadonlyArray<{ path: string; message: string }> }>;
  readonly listTabs: () => Promise<OpenTab[]>;
}

/** "support.acme.com", "https://support.acme.com/agent/tickets/1" -> "https://support.acme.com". */
export function normaliseOrigin(input: string): string {
  const raw = input.trim();
  if (raw === '') return '';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    return `${url.protocol}//${url.host}`.toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

export function validateOrigin(input: string): { ok: true; origin: string } | { ok: false; message: string } {
  const origin = normaliseOrigin(input);
  if (origin === '') return { ok: false, message: t('options_origin_missing') };
  if (origin.startsWith('http://')) return { ok: false, message: t('options_origin_https') };
  const checked = CustomDomain.shape.origin.safeParse(origin);
  if (!checked.success) return { ok: false, message: t('options_origin_invalid') };
  return { ok: true, origin: checked.data };
}

export function CustomSitesSection(props: CustomSitesSectionProps) {
  const { settings, readOnly } = props;
  const definitions = settings.customAdapters.map((raw) => validateCustomAdapterDefinition(raw)).flatMap((r) => (r.ok ? [r.definition] : []));
  const [editing, setEditing] = useState<{ form: AdapterForm; existing: boolean } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <>
      <SectionHeader title={t('options_nav_custom_sites')} description={t('options_custom_sites_description')} />
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="custom-sites-notice" />
      <CustomDomains {...props} />
      <Card title={t('options_custom_adapters')} description={t('options_custom_adapters_description')} testId="custom-adapters">
        {definitions.length === 0 ? (
          <p class="op-muted">{t('options_no_custom_adapter')}</p>
        ) : (
          <ul class="op-list" aria-label={t('options_custom_adapters')}>
            {definitions.map((d) => (
              <li key={d.id} class="op-list-row" data-testid="custom-adapter-row" data-adapter-id={d.id}>
                <span>
                  <strong>{d.label}</strong> <code>{d.id}</code>
                  <span class="op-muted"> · {d.matches.join(', ')}</span>
                </span>
                <span class="op-row-actions">
                  <button type="button" class="op-button" disabled={readOnly} onClick={() => setEditing({ form: definitionToForm(d), existing: true })} aria-label={t('options_edit_named', d.label)}>
                    {t('options_edit')}
                  </button>
                  <button
                    type="button"
                    class="op-button op-danger-outline"
                    disabled={readOnly}
                    aria-label={t('options_remove_named', d.label)}
                    onClick={async () => {
                      const outcome = await props.onRemoveAdapter(d.id);
                      setNotice(outcome.ok ? { tone: 'success', text: t('options_adapter_removed', d.label) } : { tone: 'error', text: outcome.message });
                    }}
                  >
                    {t('options_remove')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {!editing && (
          <button type="button" class="op-button" disabled={readOnly} data-testid="new-custom-adapter" onClick={() => setEditing({ form: EMPTY_ADAPTER_FORM, existing: false })}>
            {t('options_new_custom_adapter')}
          </button>
        )}
        {editing && (
          <CustomAdapterEditor
            key={editing.form.id || 'new'}
            initial={editing.form}
            existing={editing.existing}
            readOnly={readOnly}
            onCancel={() => setEditing(null)}
            onSave={(definition) => props.onSaveAdapter(definition)}
            onSaved={(label) => {
              setEditing(null);
              setNotice({ tone: 'success', text: t('options_adapter_saved', label) });
            }}
            onTest={props.onTestAdapter}
            listTabs={props.listTabs}
          />
        )}
      </Card>
    </>
  );
}

function CustomDomains({ settings, readOnly, onAddDomain, onRemoveDomain }: CustomSitesSectionProps) {
  const [adapterId, setAdapterId] = useState<string>(ADAPTER_REGISTRY[0]!.id);
  const [origin, setOrigin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const labelOf = (id: string) => ADAPTER_REGISTRY.find((a) => a.id === id)?.label ?? id;
  return (
    <Card title={t('options_custom_domains')} description={t('options_custom_domains_description')}>
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="custom-domain-notice" />
      {settings.customDomains.length === 0 ? (
        <p class="op-muted">{t('options_no_custom_domain')}</p>
      ) : (
        <table class="op-table" data-testid="custom-domains">
          <thead>
            <tr>
              <th scope="col">{t('options_address')}</th>
              <th scope="col">{t('popup_history_helpdesk')}</th>
              <th scope="col">{t('options_domain_added')}</th>
              <th scope="col">
                <span class="op-visually-hidden">{t('options_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {settings.customDomains.map((d) => (
              <tr key={d.origin} data-testid="custom-domain-row" data-origin={d.origin}>
                <th scope="row">
                  <code>{d.origin}</code>
                </th>
                <td>{labelOf(d.adapterId)}</td>
                <td>{clockTime(d.addedAt)}</td>
                <td class="op-cell-actions">
                  <button
                    type="button"
                    class="op-button op-danger-outline"
                    disabled={readOnly}
                    aria-label={t('options_remove_named', d.origin)}
                    onClick={async () => {
                      const outcome = await onRemoveDomain(d.origin);
                      setNotice(outcome.ok ? { tone: 'success', text: t('options_domain_removed', d.origin) } : { tone: 'error', text: outcome.message });
                    }}
                  >
                    {t('options_remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        class="op-inline-form"
        data-testid="custom-site-form"
        aria-label={t('options_add_custom_domain')}
        onSubmit={(e) => {
          e.preventDefault();
          if (busy) return;
          const checked = validateOrigin(origin);
          if (!checked.ok) {
            setError(checked.message);
            return;
          }
          setError(null);
          setBusy(true);
          // Synchronous call: the permission prompt must open inside this submit (the user's gesture).
          void onAddDomain(adapterId, checked.origin).then((outcome) => {
            setBusy(false);
            if (outcome.ok) {
              setOrigin('');
              setNotice({ tone: 'success', text: t('options_domain_added_notice', checked.origin, labelOf(adapterId)) });
            } else setError(outcome.message);
          });
        }}
      >
        <Field label={t('popup_history_helpdesk')}>
          {({ id }) => (
            <select id={id} name="adapterId" value={adapterId} disabled={readOnly} onChange={(e) => setAdapterId(e.currentTarget.value)}>
              {ADAPTER_REGISTRY.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('options_address')} error={error ?? undefined} path="origin" wide>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              name="origin"
              inputMode="url"
              placeholder="https://support.acme.com"
              value={origin}
              disabled={readOnly}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onInput={(e) => {
                setOrigin(e.currentTarget.value);
                setError(null);
              }}
            />
          )}
        </Field>
        <button type="submit" class="op-button op-primary" disabled={readOnly || busy} data-testid="custom-site-submit">
          {busy ? t('options_adding') : t('options_add_domain')}
        </button>
      </form>
    </Card>
  );
}

interface EditorProps {
  readonly initial: AdapterForm;
  readonly existing: boolean;
  readonly readOnly: boolean;
  readonly onCancel: () => void;
  readonly onSave: (definition: CustomAdapterDefinition) => Promise<SaveOutcome>;
  readonly onSaved: (label: string) => void;
  readonly onTest: CustomSitesSectionProps['onTestAdapter'];
  readonly listTabs: () => Promise<OpenTab[]>;
}

type Checked = { ok: true; definition: CustomAdapterDefinition } | { ok: false; errors: Record<string, string> };

function CustomAdapterEditor({ initial, existing, readOnly, onCancel, onSave, onSaved, onTest, listTabs }: EditorProps) {
  const [form, setForm] = useState<AdapterForm>(initial);
  // Errors show once the admin first checks, saves or tests, then follow every keystroke.
  const [shown, setShown] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);

  const check = (f: AdapterForm): Checked => {
    const result = validateCustomAdapterDefinition(formToDefinition(f));
    return result.ok ? { ok: true, definition: result.definition } : { ok: false, errors: formErrors(result.errors, f) };
  };
  const checked = check(form);
  const errors: Record<string, string> = shown ? { ...serverErrors, ...(checked.ok ? {} : checked.errors) } : {};
  const errorCount = Object.keys(errors).length;

  const update = (patch: Partial<AdapterForm>) => {
    setForm((f) => {
      const next = { ...f, ...patch };
      return patch.label !== undefined && !next.idFixed ? { ...next, id: slugId(next.label) } : next;
    });
    setServerErrors({});
    setNotice(null);
  };
  const setSelector = (key: SelectorKey, value: string) => update({ selectors: { ...form.selectors, [key]: value } });

  const refuse = () => {
    setShown(true);
    const count = checked.ok ? 0 : Object.keys(checked.errors).length;
    setNotice({ tone: 'error', text: count === 1 ? t('options_adapter_problem_one') : t('options_adapter_problem_many', count) });
  };

  const save = () => {
    if (!checked.ok) return refuse();
    setShown(true);
    setBusy(true);
    void onSave(checked.definition).then((outcome) => {
      setBusy(false);
      if (outcome.ok) onSaved(checked.definition.label);
      else {
        setServerErrors(formErrors(outcome.issues ?? [], form));
        setNotice({ tone: 'error', text: outcome.message });
      }
    });
  };

  return (
    <form
      class="op-editor"
      data-testid="custom-adapter-editor"
      aria-label={existing ? t('options_edit_named', initial.label) : t('options_new_custom_adapter')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h4>{existing ? t('options_edit_named', initial.label) : t('options_new_custom_adapter')}</h4>
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="custom-adapter-notice" />
      <details class="op-tryout">
        <summary>{t('options_paste_definition')}</summary>
        <TextField multiline rows={6} label={t('options_definition_json')} path="definition-json" value={json} error={jsonError ?? undefined} onChange={(v) => { setJson(v); setJsonError(null); }} spellcheck={false} />
        <button
          type="button"
          class="op-button"
          data-testid="fill-from-json"
          onClick={() => {
            try {
              const parsed = JSON.parse(json) as CustomAdapterDefinition;
              if (typeof parsed !== 'object' || parsed === null || typeof parsed.selectors !== 'object' || parsed.selectors === null) throw new Error(t('options_not_a_definition'));
              const next = definitionToForm({ ...parsed, matches: Array.isArray(parsed.matches) ? parsed.matches : [] });
              setForm({ ...next, idFixed: existing || Boolean(parsed.id) });
              setShown(true);
              setJson('');
            } catch (error) {
              setJsonError(t('options_json_unreadable', error instanceof Error ? error.message : String(error)));
            }
          }}
        >
          {t('options_fill_form')}
        </button>
      </details>
      <fieldset class="op-plain-fieldset" disabled={readOnly}>
        <legend class="op-visually-hidden">{t('options_adapter_definition')}</legend>
        <div class="op-grid-2">
          <TextField label={t('options_adapter_name')} path="label" value={form.label} error={errors.label} maxLength={80} placeholder="Initech Helpdesk" onChange={(v) => update({ label: v })} />
          <TextField
            label={t('options_adapter_id')}
            path="id"
            value={form.id}
            error={errors.id}
            hint={existing ? t('options_adapter_id_fixed') : t('options_adapter_id_hint')}
            onChange={(v) => !existing && update({ id: v, idFixed: true })}
          />
          <TextField multiline rows={2} label={t('options_runs_on')} path="matches" value={form.matches} error={errors.matches} placeholder="https://help.initech.com/*" hint={t('options_runs_on_hint')} onChange={(v) => update({ matches: v })} />
          <TextField
            label={t('options_ticket_pattern')}
            path="ticketUrlPattern"
            value={form.ticketUrlPattern}
            error={errors.ticketUrlPattern}
            placeholder="^https://help\.initech\.com/tickets/(\d+)"
            hint={t('options_ticket_pattern_hint')}
            onChange={(v) => update({ ticketUrlPattern: v })}
          />
        </div>
        {(['ticket', 'conversation', 'placement'] as const).map((group) => (
          <fieldset key={group} class="op-weights">
            <legend>{t(`options_selector_group_${group}`)}</legend>
            <div class="op-grid-3">
              {SELECTOR_FIELDS.filter((f) => f.group === group).map((f) => (
                <TextField
                  key={f.key}
                  label={
                    <>
                      {t(`options_selector_${f.key}`)}
                      {!f.required && <span class="op-optional"> {t('options_optional')}</span>}
                    </>
                  }
                  path={`selectors.${f.key}`}
                  value={form.selectors[f.key]}
                  error={errors[`selectors.${f.key}`]}
                  hint={f.hint ? t(`options_selector_${f.key}_hint`) : undefined}
                  onChange={(v) => setSelector(f.key, v)}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <fieldset class="op-weights">
          <legend>{t('options_priority_map')}</legend>
          <p class="op-hint">{t('options_priority_map_hint')}</p>
          {errors.priorityMap && (
            <p class="op-field-error" data-testid="field-error" data-field="priorityMap">
              {errors.priorityMap}
            </p>
          )}
          {form.priorityMap.map((row, i) => (
            <div key={i} class="op-inline-form">
              <TextField label={t('options_helpdesk_value', i + 1)} path={`priorityMap.${i}`} value={row.raw} error={errors[`priorityMap.${i}`]} placeholder="P1" onChange={(v) => update({ priorityMap: form.priorityMap.map((r, j) => (j === i ? { ...r, raw: v } : r)) })} />
              <Field label={t('options_our_level', i + 1)}>
                {({ id }) => (
                  <select id={id} value={row.level} onChange={(e) => update({ priorityMap: form.priorityMap.map((r, j) => (j === i ? { ...r, level: e.currentTarget.value as PriorityLevel } : r)) })}>
                    {PRIORITY_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`priority_${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="button" class="op-link-button" aria-label={t('options_remove_priority_value', i + 1)} onClick={() => update({ priorityMap: form.priorityMap.filter((_, j) => j !== i) })}>
                {t('options_remove')}
              </button>
            </div>
          ))}
          <button type="button" class="op-button" onClick={() => update({ priorityMap: [...form.priorityMap, { raw: '', level: 'normal' }] })}>
            {t('options_add_priority_value')}
          </button>
        </fieldset>
        <fieldset class="op-weights">
          <legend>{t('options_examples')}</legend>
          {form.exampleTickets.map((row, i) => (
            <div key={i} class="op-inline-form">
              <TextField label={t('options_ticket_address', i + 1)} path={`exampleTickets.${i}.url`} value={row.url} error={errors[`exampleTickets.${i}.url`]} wide placeholder="https://help.initech.com/tickets/42" onChange={(v) => update({ exampleTickets: form.exampleTickets.map((r, j) => (j === i ? { ...r, url: v } : r)) })} />
              <TextField label={t('options_its_ticket_id')} path={`exampleTickets.${i}.ticketId`} value={row.ticketId} error={errors[`exampleTickets.${i}.ticketId`]} placeholder="42" onChange={(v) => update({ exampleTickets: form.exampleTickets.map((r, j) => (j === i ? { ...r, ticketId: v } : r)) })} />
              <button type="button" class="op-link-button" aria-label={t('options_remove_example', i + 1)} onClick={() => update({ exampleTickets: form.exampleTickets.filter((_, j) => j !== i) })}>
                {t('options_remove')}
              </button>
            </div>
          ))}
          <button type="button" class="op-button" onClick={() => update({ exampleTickets: [...form.exampleTickets, { url: '', ticketId: '' }] })}>
            {t('options_add_example')}
          </button>
          <TextField multiline rows={2} label={t('options_non_tickets')} path="nonTickets" value={form.nonTickets} error={errors.nonTickets} placeholder="https://help.initech.com/tickets" onChange={(v) => update({ nonTickets: v })} />
        </fieldset>
        {errors.definition && (
          <p class="op-field-error" data-testid="field-error" data-field="definition">
            {errors.definition}
          </p>
        )}
      </fieldset>
      <div class="op-savebar">
        <span class={`op-savebar-status${errorCount > 0 ? ' op-text-error' : ''}`} role="status">
          {errorCount > 0 ? (errorCount === 1 ? t('options_fix_one') : t('options_fix_many', errorCount)) : shown && checked.ok ? t('options_definition_valid') : ''}
        </span>
        <button type="button" class="op-button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" class="op-button" data-testid="custom-adapter-check" onClick={() => (checked.ok ? (setShown(true), setNotice({ tone: 'success', text: t('options_definition_valid_sentence') })) : refuse())}>
          {t('options_check')}
        </button>
        <button type="submit" class="op-button op-primary" disabled={readOnly || busy} data-testid="custom-adapter-save">
          {busy ? t('options_saving') : t('options_save_adapter')}
        </button>
      </div>
      <TestOnTab checked={checked} onInvalid={refuse} onTest={onTest} listTabs={listTabs} onServerIssues={(issues) => { setShown(true); setServerErrors(formErrors(issues, form)); }} />
    </form>
  );
}

function TestOnTab({ checked, onInvalid, onTest, listTabs, onServerIssues }: { checked: Checked; onInvalid: () => void; onTest: EditorProps['onTest']; listTabs: () => Promise<OpenTab[]>; onServerIssues: (issues: ReadonlyArray<{ path: string; message: string }>) => void }) {
  const [tabs, setTabs] = useState<OpenTab[] | null>(null);
  const [tabId, setTabId] = useState<number | null>(null);
  const [result, setResult] = useState<AdapterTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = async () => {
    // Tabs whose address we can see first: those are the ones an admin can recognise.
    const list = (await listTabs()).sort((a, b) => Number(b.url !== null) - Number(a.url !== null));
    setTabs(list);
    setTabId((current) => (current !== null && list.some((t) => t.id === current) ? current : (list[0]?.id ?? null)));
  };
  useEffect(() => {
    void refresh();
  }, []);
  return (
    <section class="op-test" aria-label={t('options_test_title')} data-testid="custom-adapter-test">
      <h5>{t('options_test_title')}</h5>
      <p class="op-hint">{t('options_test_hint')}</p>
      <div class="op-inline-form">
        <Field label={t('options_tab')} wide>
          {({ id }) => (
            <select id={id} name="test-tab" value={tabId ?? ''} onChange={(e) => setTabId(Number(e.currentTarget.value))}>
              {(tabs ?? []).length === 0 && <option value="">{t('options_no_open_tab')}</option>}
              {(tabs ?? []).map((tab) => (
                <option key={tab.id} value={tab.id} selected={tab.id === tabId}>
                  {tab.url ? `${tab.title || t('options_untitled')} — ${tab.url}` : t('options_tab_unreadable', tab.id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" class="op-button" data-testid="reload-tabs" onClick={() => void refresh()}>
          {t('options_reload_tabs')}
        </button>
        <button
          type="button"
          class="op-button op-primary"
          disabled={busy || tabId === null}
          data-testid="custom-adapter-run-test"
          onClick={() => {
            if (!checked.ok) return onInvalid();
            if (tabId === null) return;
            setBusy(true);
            setError(null);
            setResult(null);
            void onTest(checked.definition, tabId).then((answer) => {
              setBusy(false);
              if (answer.ok) setResult(answer.result);
              else {
                setError(answer.message);
                if (answer.issues?.length) onServerIssues(answer.issues);
              }
            });
          }}
        >
          {busy ? t('options_testing') : t('options_test')}
        </button>
      </div>
      {error && (
        <p class="op-notice op-error" role="alert">
          {error}
        </p>
      )}
      {result && <TestResultView result={result} />}
    </section>
  );
}

export function TestResultView({ result }: { result: AdapterTestResult }) {
  if (!result.matched) {
    return (
      <p class="op-notice op-warning" data-testid="test-result" data-matched="false" role="status">
        {result.message}
      </p>
    );
  }
  const s = result.snapshot;
  return (
    <div class="op-test-result" data-testid="test-result" data-matched="true" role="status">
      <p>
        <strong>{t('options_test_ticket', result.ticketId)}</strong> {s ? t('options_test_read_ok') : t('options_test_read_failed')}
      </p>
      {result.problem && (
        <p class="op-problem">
          {result.problem.message}
          {result.problem.field && <> {t('options_field')} <code>{result.problem.field}</code>.</>}
          {result.problem.selector && <> {t('options_selector')} <code>{result.problem.selector}</code>.</>}
        </p>
      )}
      {s && (
        <dl class="op-dl">
          <dt>{t('panel_read_subject')}</dt>
          <dd>{s.subject}</dd>
          <dt>{t('options_requester')}</dt>
          <dd>
            {s.requester.name}
            {s.requester.email && <> &lt;{s.requester.email}&gt;</>}
          </dd>
          <dt>{t('panel_read_status')}</dt>
          <dd>{s.status ?? '—'}</dd>
          <dt>{t('options_priority')}</dt>
          <dd>
            {s.priority.raw ?? '—'} {s.priority.level ? t('options_our_level_is', s.priority.level) : t('options_not_mapped')}
          </dd>
          <dt>{t('options_selector_assignee')}</dt>
          <dd>{s.assignee ?? '—'}</dd>
          <dt>{t('options_selector_tags')}</dt>
          <dd>{s.tags.length ? s.tags.join(', ') : '—'}</dd>
          <dt>{t('panel_read_messages')}</dt>
          <dd>
            {t('options_test_messages', s.messages.length, s.messages.filter((m) => m.authorRole === 'customer').length, s.messages.filter((m) => m.visibility === 'internal').length)}
            <ol class="op-messages">
              {s.messages.slice(0, 5).map((m, i) => (
                <li key={i}>
                  <span class="op-badge">{['customer', 'agent', 'system'].includes(m.authorRole) ? t(`options_author_${m.authorRole}`) : m.authorRole}</span> <span class="op-badge">{m.visibility === 'internal' || m.visibility === 'public' ? t(`options_visibility_${m.visibility}`) : m.visibility}</span> <strong>{m.author}</strong>
                  {m.createdAt && <span class="op-muted"> · {clockTime(m.createdAt)}</span>}
                  <span class="op-message-body">{m.body.length > 200 ? `${m.body.slice(0, 200)}…` : m.body}</span>
                </li>
              ))}
            </ol>
          </dd>
        </dl>
      )}
      {result.health && result.health.length > 0 && (
        <table class="op-table">
          <caption>{t('options_selectors')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('options_field')}</th>
              <th scope="col">{t('options_result')}</th>
              <th scope="col">{t('options_selector')}</th>
            </tr>
          </thead>
          <tbody>
            {result.health.map((h) => (
              <tr key={h.field}>
                <th scope="row">{h.field}</th>
                <td class={h.ok ? 'op-text-ok' : 'op-text-error'}>{h.ok ? t('options_field_read') : t('options_field_failed')}</td>
                <td>
                  <code>{h.via}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

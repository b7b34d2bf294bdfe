// Custom sites: a built-in helpdesk on a company's own domain (needs the browser's permission for that origin),
// and custom adapters for helpdesks we do not ship, with a validated editor and "test on an open tab".
import { useEffect, useState } from 'preact/hooks';
import { validateCustomAdapterDefinition, type CustomAdapterDefinition } from '../../adapters/custom/definition';
import { ADAPTER_REGISTRY } from '../../adapters/registry';
import { CustomDomain, type Settings } from '../../core/settings';
import { PRIORITY_LEVELS, type PriorityLevel } from '../../core/schemas';
import { clockTime } from '../format';
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
  if (origin === '') return { ok: false, message: 'Enter the address of your helpdesk, e.g. https://support.acme.com.' };
  if (origin.startsWith('http://')) return { ok: false, message: 'Only https:// addresses can be added.' };
  const checked = CustomDomain.shape.origin.safeParse(origin);
  if (!checked.success) return { ok: false, message: 'This is not a valid address: use https://host, e.g. https://support.acme.com.' };
  return { ok: true, origin: checked.data };
}

export function CustomSitesSection(props: CustomSitesSectionProps) {
  const { settings, readOnly } = props;
  const definitions = settings.customAdapters.map((raw) => validateCustomAdapterDefinition(raw)).flatMap((r) => (r.ok ? [r.definition] : []));
  const [editing, setEditing] = useState<{ form: AdapterForm; existing: boolean } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <>
      <SectionHeader title="Custom sites" description="Run Escalation Desk on a helpdesk served from your company’s own address, or describe a helpdesk we do not support yet." />
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="custom-sites-notice" />
      <CustomDomains {...props} />
      <Card title="Custom adapters" description="For a helpdesk Escalation Desk does not know: tell it where the ticket id is in the address and where each field is on the page." testId="custom-adapters">
        {definitions.length === 0 ? (
          <p class="op-muted">No custom adapter yet.</p>
        ) : (
          <ul class="op-list" aria-label="Custom adapters">
            {definitions.map((d) => (
              <li key={d.id} class="op-list-row" data-testid="custom-adapter-row" data-adapter-id={d.id}>
                <span>
                  <strong>{d.label}</strong> <code>{d.id}</code>
                  <span class="op-muted"> · {d.matches.join(', ')}</span>
                </span>
                <span class="op-row-actions">
                  <button type="button" class="op-button" disabled={readOnly} onClick={() => setEditing({ form: definitionToForm(d), existing: true })} aria-label={`Edit ${d.label}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    class="op-button op-danger-outline"
                    disabled={readOnly}
                    aria-label={`Remove ${d.label}`}
                    onClick={async () => {
                      const outcome = await props.onRemoveAdapter(d.id);
                      setNotice(outcome.ok ? { tone: 'success', text: `${d.label} removed.` } : { tone: 'error', text: outcome.message });
                    }}
                  >
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {!editing && (
          <button type="button" class="op-button" disabled={readOnly} data-testid="new-custom-adapter" onClick={() => setEditing({ form: EMPTY_ADAPTER_FORM, existing: false })}>
            New custom adapter
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
              setNotice({ tone: 'success', text: `${label} saved. Its tabs pick it up at once.` });
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
    <Card title="Custom domains" description="A built-in helpdesk on your own address (for example Zendesk at support.acme.com). The browser asks you to allow Escalation Desk on that address.">
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="custom-domain-notice" />
      {settings.customDomains.length === 0 ? (
        <p class="op-muted">No custom domain yet.</p>
      ) : (
        <table class="op-table" data-testid="custom-domains">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Helpdesk</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span class="op-visually-hidden">Actions</span>
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
                    aria-label={`Remove ${d.origin}`}
                    onClick={async () => {
                      const outcome = await onRemoveDomain(d.origin);
                      setNotice(outcome.ok ? { tone: 'success', text: `${d.origin} removed; Escalation Desk no longer runs there.` } : { tone: 'error', text: outcome.message });
                    }}
                  >
                    Remove
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
        aria-label="Add a custom domain"
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
              setNotice({ tone: 'success', text: `${checked.origin} added: ${labelOf(adapterId)} tickets there now show the panel.` });
            } else setError(outcome.message);
          });
        }}
      >
        <Field label="Helpdesk">
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
        <Field label="Address" error={error ?? undefined} path="origin" wide>
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
          {busy ? 'Adding…' : 'Add domain'}
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
    setNotice({ tone: 'error', text: `The adapter has ${count} problem${count === 1 ? '' : 's'}: see the marked fields.` });
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
      aria-label={existing ? `Edit ${initial.label}` : 'New custom adapter'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h4>{existing ? `Edit ${initial.label}` : 'New custom adapter'}</h4>
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="custom-adapter-notice" />
      <details class="op-tryout">
        <summary>Paste a definition (JSON)</summary>
        <TextField multiline rows={6} label="Definition as JSON" path="definition-json" value={json} error={jsonError ?? undefined} onChange={(v) => { setJson(v); setJsonError(null); }} spellcheck={false} />
        <button
          type="button"
          class="op-button"
          data-testid="fill-from-json"
          onClick={() => {
            try {
              const parsed = JSON.parse(json) as CustomAdapterDefinition;
              if (typeof parsed !== 'object' || parsed === null || typeof parsed.selectors !== 'object' || parsed.selectors === null) throw new Error('it is not an adapter definition (no "selectors")');
              const next = definitionToForm({ ...parsed, matches: Array.isArray(parsed.matches) ? parsed.matches : [] });
              setForm({ ...next, idFixed: existing || Boolean(parsed.id) });
              setShown(true);
              setJson('');
            } catch (error) {
              setJsonError(`Could not read it: ${error instanceof Error ? error.message : String(error)}.`);
            }
          }}
        >
          Fill the form
        </button>
      </details>
      <fieldset class="op-plain-fieldset" disabled={readOnly}>
        <legend class="op-visually-hidden">Adapter definition</legend>
        <div class="op-grid-2">
          <TextField label="Name" path="label" value={form.label} error={errors.label} maxLength={80} placeholder="Initech Helpdesk" onChange={(v) => update({ label: v })} />
          <TextField
            label="Id"
            path="id"
            value={form.id}
            error={errors.id}
            hint={existing ? 'The id of a saved adapter stays as it is.' : 'custom-<name>, made from the name unless you change it.'}
            onChange={(v) => !existing && update({ id: v, idFixed: true })}
          />
          <TextField multiline rows={2} label="Runs on (match patterns, one per line)" path="matches" value={form.matches} error={errors.matches} placeholder="https://help.initech.com/*" hint="One host each, optionally *.example.com. The browser asks for permission when you save." onChange={(v) => update({ matches: v })} />
          <TextField
            label="Ticket address pattern"
            path="ticketUrlPattern"
            value={form.ticketUrlPattern}
            error={errors.ticketUrlPattern}
            placeholder="^https://help\.initech\.com/tickets/(\d+)"
            hint="A regular expression tested on the full address; its one capturing group (…) is the ticket id."
            onChange={(v) => update({ ticketUrlPattern: v })}
          />
        </div>
        {(['ticket', 'conversation', 'placement'] as const).map((group) => (
          <fieldset key={group} class="op-weights">
            <legend>{{ ticket: 'Ticket fields (CSS selectors)', conversation: 'Conversation (CSS selectors)', placement: 'Panel and reply box (CSS selectors)' }[group]}</legend>
            <div class="op-grid-3">
              {SELECTOR_FIELDS.filter((f) => f.group === group).map((f) => (
                <TextField
                  key={f.key}
                  label={
                    <>
                      {f.label}
                      {!f.required && <span class="op-optional"> (optional)</span>}
                    </>
                  }
                  path={`selectors.${f.key}`}
                  value={form.selectors[f.key]}
                  error={errors[`selectors.${f.key}`]}
                  hint={f.hint || undefined}
                  onChange={(v) => setSelector(f.key, v)}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <fieldset class="op-weights">
          <legend>Priority map (optional)</legend>
          <p class="op-hint">The helpdesk’s priority values onto ours. Without a map, common words (low, normal, high, urgent, critical) are understood.</p>
          {errors.priorityMap && (
            <p class="op-field-error" data-testid="field-error" data-field="priorityMap">
              {errors.priorityMap}
            </p>
          )}
          {form.priorityMap.map((row, i) => (
            <div key={i} class="op-inline-form">
              <TextField label={`Helpdesk value ${i + 1}`} path={`priorityMap.${i}`} value={row.raw} error={errors[`priorityMap.${i}`]} placeholder="P1" onChange={(v) => update({ priorityMap: form.priorityMap.map((r, j) => (j === i ? { ...r, raw: v } : r)) })} />
              <Field label={`Our level ${i + 1}`}>
                {({ id }) => (
                  <select id={id} value={row.level} onChange={(e) => update({ priorityMap: form.priorityMap.map((r, j) => (j === i ? { ...r, level: e.currentTarget.value as PriorityLevel } : r)) })}>
                    {PRIORITY_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="button" class="op-link-button" aria-label={`Remove priority value ${i + 1}`} onClick={() => update({ priorityMap: form.priorityMap.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" class="op-button" onClick={() => update({ priorityMap: [...form.priorityMap, { raw: '', level: 'normal' }] })}>
            Add a priority value
          </button>
        </fieldset>
        <fieldset class="op-weights">
          <legend>Example addresses (optional, checked on save)</legend>
          {form.exampleTickets.map((row, i) => (
            <div key={i} class="op-inline-form">
              <TextField label={`Ticket address ${i + 1}`} path={`exampleTickets.${i}.url`} value={row.url} error={errors[`exampleTickets.${i}.url`]} wide placeholder="https://help.initech.com/tickets/42" onChange={(v) => update({ exampleTickets: form.exampleTickets.map((r, j) => (j === i ? { ...r, url: v } : r)) })} />
              <TextField label={`Its ticket id`} path={`exampleTickets.${i}.ticketId`} value={row.ticketId} error={errors[`exampleTickets.${i}.ticketId`]} placeholder="42" onChange={(v) => update({ exampleTickets: form.exampleTickets.map((r, j) => (j === i ? { ...r, ticketId: v } : r)) })} />
              <button type="button" class="op-link-button" aria-label={`Remove example ${i + 1}`} onClick={() => update({ exampleTickets: form.exampleTickets.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" class="op-button" onClick={() => update({ exampleTickets: [...form.exampleTickets, { url: '', ticketId: '' }] })}>
            Add an example ticket address
          </button>
          <TextField multiline rows={2} label="Addresses that are not tickets (one per line)" path="nonTickets" value={form.nonTickets} error={errors.nonTickets} placeholder="https://help.initech.com/tickets" onChange={(v) => update({ nonTickets: v })} />
        </fieldset>
        {errors.definition && (
          <p class="op-field-error" data-testid="field-error" data-field="definition">
            {errors.definition}
          </p>
        )}
      </fieldset>
      <div class="op-savebar">
        <span class={`op-savebar-status${errorCount > 0 ? ' op-text-error' : ''}`} role="status">
          {errorCount > 0 ? `${errorCount} field${errorCount === 1 ? '' : 's'} to fix` : shown && checked.ok ? 'The definition is valid' : ''}
        </span>
        <button type="button" class="op-button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" class="op-button" data-testid="custom-adapter-check" onClick={() => (checked.ok ? (setShown(true), setNotice({ tone: 'success', text: 'The definition is valid.' })) : refuse())}>
          Check
        </button>
        <button type="submit" class="op-button op-primary" disabled={readOnly || busy} data-testid="custom-adapter-save">
          {busy ? 'Saving…' : 'Save adapter'}
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
    <section class="op-test" aria-label="Test on an open tab" data-testid="custom-adapter-test">
      <h5>Test on an open tab</h5>
      <p class="op-hint">Open a ticket of that helpdesk in another tab, pick it here, and see what the adapter would read. Nothing is saved or written.</p>
      <div class="op-inline-form">
        <Field label="Tab" wide>
          {({ id }) => (
            <select id={id} name="test-tab" value={tabId ?? ''} onChange={(e) => setTabId(Number(e.currentTarget.value))}>
              {(tabs ?? []).length === 0 && <option value="">No open tab</option>}
              {(tabs ?? []).map((t) => (
                <option key={t.id} value={t.id} selected={t.id === tabId}>
                  {t.url ? `${t.title || 'Untitled'} — ${t.url}` : `Tab ${t.id} (a site Escalation Desk may not read yet)`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" class="op-button" data-testid="reload-tabs" onClick={() => void refresh()}>
          Reload tabs
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
          {busy ? 'Testing…' : 'Test'}
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
        <strong>Ticket {result.ticketId}</strong> {s ? '— read successfully.' : '— the page could not be read.'}
      </p>
      {result.problem && (
        <p class="op-problem">
          {result.problem.message}
          {result.problem.field && <> Field <code>{result.problem.field}</code>.</>}
          {result.problem.selector && <> Selector <code>{result.problem.selector}</code>.</>}
        </p>
      )}
      {s && (
        <dl class="op-dl">
          <dt>Subject</dt>
          <dd>{s.subject}</dd>
          <dt>Requester</dt>
          <dd>
            {s.requester.name}
            {s.requester.email && <> &lt;{s.requester.email}&gt;</>}
          </dd>
          <dt>Status</dt>
          <dd>{s.status ?? '—'}</dd>
          <dt>Priority</dt>
          <dd>
            {s.priority.raw ?? '—'} {s.priority.level ? `(our level: ${s.priority.level})` : '(not mapped)'}
          </dd>
          <dt>Assignee</dt>
          <dd>{s.assignee ?? '—'}</dd>
          <dt>Tags</dt>
          <dd>{s.tags.length ? s.tags.join(', ') : '—'}</dd>
          <dt>Messages</dt>
          <dd>
            {s.messages.length} ({s.messages.filter((m) => m.authorRole === 'customer').length} from the customer, {s.messages.filter((m) => m.visibility === 'internal').length} internal)
            <ol class="op-messages">
              {s.messages.slice(0, 5).map((m, i) => (
                <li key={i}>
                  <span class="op-badge">{m.authorRole}</span> <span class="op-badge">{m.visibility}</span> <strong>{m.author}</strong>
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
          <caption>Selectors</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Result</th>
              <th scope="col">Selector</th>
            </tr>
          </thead>
          <tbody>
            {result.health.map((h) => (
              <tr key={h.field}>
                <th scope="row">{h.field}</th>
                <td class={h.ok ? 'op-text-ok' : 'op-text-error'}>{h.ok ? 'read' : 'failed'}</td>
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

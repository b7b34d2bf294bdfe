// Team and roles: who is using this browser (read from the helpdesk where the adapter can, else entered), and who
// the managers and admins are. Until someone is named, the one person here acts as agent, manager and admin.
import { useState } from 'preact/hooks';
import { actorFor, rolesConfigured } from '../../core/roles';
import type { Actor } from '../../core/schemas';
import { Identity, RoleMember, type Roles, type Settings } from '../../core/settings';
import { useDraft } from './draft';
import { Card, Field, LockedNote, NoticeBar, SaveBar, SectionHeader, TextField, type Notice } from './fields';
import type { SaveOutcome } from './types';

export interface TeamSectionProps {
  readonly settings: Settings;
  readonly actor: Actor;
  readonly rolesLocked: boolean;
  readonly readOnly: boolean;
  readonly onSave: (patch: { roles: Roles; identity: Settings['identity'] }) => Promise<SaveOutcome>;
}

interface Draft {
  readonly roles: Roles;
  /** The identity as entered; null = use the one the helpdesk shows. */
  readonly identity: Settings['identity'];
}

export function identityErrors(identity: Settings['identity']): Record<string, string> {
  if (identity === null) return {};
  const checked = Identity.safeParse(identity);
  if (checked.success) return {};
  const out: Record<string, string> = {};
  for (const issue of checked.error.issues) {
    const key = String(issue.path[0] ?? 'name');
    if (out[key]) continue;
    out[key] = key === 'email' ? 'Enter a valid e-mail address, or leave it empty.' : key === 'name' ? 'Enter your name.' : issue.message;
  }
  return out;
}

const ROLE_WORDS: Record<string, string> = { agent: 'agent', manager: 'manager', admin: 'admin' };

export function TeamSection({ settings, actor, rolesLocked, readOnly, onSave }: TeamSectionProps) {
  const { draft, setDraft, dirty, reset } = useDraft<Draft>({ roles: settings.roles, identity: settings.identity });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);

  const errors = identityErrors(draft.identity);
  const detected = settings.identity?.source === 'helpdesk' ? settings.identity : null;
  const entering = draft.identity !== null && draft.identity.source === 'entered';
  // Saving a roles list that leaves this person without the admin role locks them out of this page.
  const after = actorFor(draft.identity, draft.roles);
  const losesAdmin = !readOnly && actor.roles.includes('admin') && !after.roles.includes('admin');

  const save = async () => {
    if (Object.keys(errors).length > 0) {
      setNotice({ tone: 'error', text: 'Fix the marked fields first.' });
      return;
    }
    setSaving(true);
    const outcome = await onSave({ roles: draft.roles, identity: draft.identity === null ? null : { ...draft.identity, email: draft.identity.email?.trim() || null, name: draft.identity.name.trim() } });
    setSaving(false);
    setNotice(outcome.ok ? { tone: 'success', text: 'Team saved.' } : { tone: 'error', text: outcome.message });
  };

  return (
    <>
      <SectionHeader title="Team and roles" description="Managers decide on escalations; admins change this configuration. People are matched by their helpdesk e-mail, or by name." />
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="team-notice" />
      <Card title="You" description="Who is using this browser. Escalation Desk reads it from the helpdesk page when it can.">
        <p data-testid="current-actor">
          Signed in as <strong>{actor.name}</strong>
          {actor.id !== actor.name.toLowerCase() && <span class="op-muted"> ({actor.id})</span>} ·{' '}
          {actor.roles.map((r) => (
            <span key={r} class="op-badge op-role" data-role={r}>
              {ROLE_WORDS[r]}
            </span>
          ))}
        </p>
        {detected && !entering && (
          <p class="op-muted" data-testid="identity-source">
            Detected from the helpdesk: {detected.name}
            {detected.email && <> &lt;{detected.email}&gt;</>}.
          </p>
        )}
        {!detected && !entering && <p class="op-muted">Not detected yet: open a ticket in a supported helpdesk, or enter who you are.</p>}
        <fieldset class="op-plain-fieldset" disabled={readOnly}>
          <legend class="op-visually-hidden">Your identity</legend>
          {entering ? (
            <>
              <div class="op-grid-2">
                <TextField label="Your name" path="identity.name" value={draft.identity!.name} error={errors.name} maxLength={200} onChange={(v) => setDraft({ ...draft, identity: { ...draft.identity!, name: v } })} />
                <TextField label="Your e-mail (as in the helpdesk)" type="email" path="identity.email" value={draft.identity!.email ?? ''} error={errors.email} maxLength={320} onChange={(v) => setDraft({ ...draft, identity: { ...draft.identity!, email: v.trim() === '' ? null : v } })} />
              </div>
              <button type="button" class="op-link-button" onClick={() => setDraft({ ...draft, identity: null })}>
                Use what the helpdesk shows instead
              </button>
            </>
          ) : (
            <button type="button" class="op-button" data-testid="enter-identity" onClick={() => setDraft({ ...draft, identity: { name: detected?.name ?? '', email: detected?.email ?? null, source: 'entered' } })}>
              Enter my identity by hand
            </button>
          )}
        </fieldset>
      </Card>
      <Card title="Roles" description={rolesConfigured(settings.roles) ? 'Roles are enforced: only the people listed can decide or change settings.' : 'No roles are set yet, so whoever uses this browser may act as agent, manager and admin. Once you name a manager or an admin, roles are enforced.'}>
        {rolesLocked && <LockedNote what="The roles" />}
        <div class="op-grid-2">
          <MemberList title="Managers" hint="Approve or decline escalations." members={draft.roles.managers} disabled={readOnly || rolesLocked} onChange={(managers) => setDraft({ ...draft, roles: { ...draft.roles, managers } })} testId="managers" />
          <MemberList title="Admins" hint="Change this configuration and the data." members={draft.roles.admins} disabled={readOnly || rolesLocked} onChange={(admins) => setDraft({ ...draft, roles: { ...draft.roles, admins } })} testId="admins" />
        </div>
        {losesAdmin && dirty && (
          <p class="op-notice op-warning" role="alert" data-testid="loses-admin">
            With these roles, {after.name} is no longer an admin: after saving, this page becomes read-only for you. Add yourself to the admins to keep access.
          </p>
        )}
      </Card>
      <SaveBar dirty={dirty} errors={Object.keys(errors).length} saving={saving} disabled={readOnly} onSave={() => void save()} onReset={() => { reset(); setNotice(null); }} saveLabel={losesAdmin ? 'Save and give up admin' : 'Save team'} testId="team-save" />
    </>
  );
}

function MemberList({ title, hint, members, disabled, onChange, testId }: { title: string; hint: string; members: readonly string[]; disabled: boolean; onChange: (members: string[]) => void; testId: string }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const checked = RoleMember.safeParse(value);
    if (!checked.success) {
      setError(value.trim() === '' ? 'Enter an e-mail address or a name.' : 'At most 320 characters.');
      return;
    }
    if (members.some((m) => m.toLowerCase() === checked.data.toLowerCase())) {
      setError(`${checked.data} is already listed.`);
      return;
    }
    onChange([...members, checked.data]);
    setValue('');
    setError(null);
  };
  return (
    <fieldset class="op-weights" data-testid={testId}>
      <legend>{title}</legend>
      <p class="op-hint">{hint}</p>
      {members.length === 0 ? (
        <p class="op-muted">Nobody yet.</p>
      ) : (
        <ul class="op-chips" aria-label={title}>
          {members.map((m) => (
            <li key={m} class="op-chip">
              <span>{m}</span>
              <button type="button" class="op-chip-remove" disabled={disabled} aria-label={`Remove ${m} from ${title.toLowerCase()}`} onClick={() => onChange(members.filter((x) => x !== m))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="op-inline-form">
        <Field label={`Add to ${title.toLowerCase()}`} error={error ?? undefined} path={`${testId}-new`} wide>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              name={`${testId}-new`}
              value={value}
              disabled={disabled}
              placeholder="name@company.com"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onInput={(e) => {
                setValue(e.currentTarget.value);
                setError(null);
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
        <button type="button" class="op-button" disabled={disabled} onClick={add}>
          Add
        </button>
      </div>
    </fieldset>
  );
}

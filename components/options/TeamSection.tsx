// Team and roles: who is using this browser (read from the helpdesk where the adapter can, else entered), and who
// the managers and admins are. Until someone is named, the one person here acts as agent, manager and admin.
import { useState } from 'preact/hooks';
import { actorFor, rolesConfigured } from '../../core/roles';
import type { Actor } from '../../core/schemas';
import { Identity, RoleMember, type Roles, type Settings } from '../../core/settings';
import { t } from '../i18n';
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
    out[key] = key === 'email' ? t('options_team_email_invalid') : key === 'name' ? t('options_team_name_missing') : issue.message;
  }
  return out;
}


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
      setNotice({ tone: 'error', text: t('options_fix_marked') });
      return;
    }
    setSaving(true);
    const outcome = await onSave({ roles: draft.roles, identity: draft.identity === null ? null : { ...draft.identity, email: draft.identity.email?.trim() || null, name: draft.identity.name.trim() } });
    setSaving(false);
    setNotice(outcome.ok ? { tone: 'success', text: t('options_team_saved') } : { tone: 'error', text: outcome.message });
  };

  return (
    <>
      <SectionHeader title={t('options_team_title')} description={t('options_team_description')} />
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="team-notice" />
      <Card title={t('options_team_you')} description={t('options_team_you_description')}>
        <p data-testid="current-actor">
          {t('options_signed_in_as')} <strong>{actor.name}</strong>
          {actor.id !== actor.name.toLowerCase() && <span class="op-muted"> ({actor.id})</span>} ·{' '}
          {actor.roles.map((r) => (
            <span key={r} class="op-badge op-role" data-role={r}>
              {t(`options_role_${r}`)}
            </span>
          ))}
        </p>
        {detected && !entering && (
          <p class="op-muted" data-testid="identity-source">
            {t('options_team_detected', detected.name)}
            {detected.email && <> &lt;{detected.email}&gt;</>}.
          </p>
        )}
        {!detected && !entering && <p class="op-muted">{t('options_team_not_detected')}</p>}
        <fieldset class="op-plain-fieldset" disabled={readOnly}>
          <legend class="op-visually-hidden">{t('options_team_identity')}</legend>
          {entering ? (
            <>
              <div class="op-grid-2">
                <TextField label={t('options_team_your_name')} path="identity.name" value={draft.identity!.name} error={errors.name} maxLength={200} onChange={(v) => setDraft({ ...draft, identity: { ...draft.identity!, name: v } })} />
                <TextField label={t('options_team_your_email')} type="email" path="identity.email" value={draft.identity!.email ?? ''} error={errors.email} maxLength={320} onChange={(v) => setDraft({ ...draft, identity: { ...draft.identity!, email: v.trim() === '' ? null : v } })} />
              </div>
              <button type="button" class="op-link-button" onClick={() => setDraft({ ...draft, identity: null })}>
                {t('options_team_use_helpdesk')}
              </button>
            </>
          ) : (
            <button type="button" class="op-button" data-testid="enter-identity" onClick={() => setDraft({ ...draft, identity: { name: detected?.name ?? '', email: detected?.email ?? null, source: 'entered' } })}>
              {t('options_team_enter_identity')}
            </button>
          )}
        </fieldset>
      </Card>
      <Card title={t('options_team_roles')} description={rolesConfigured(settings.roles) ? t('options_team_roles_enforced') : t('options_team_roles_open')}>
        {rolesLocked && <LockedNote text={t('options_locked_note_roles')} />}
        <div class="op-grid-2">
          <MemberList title={t('options_team_managers')} addLabel={t('options_team_add_manager')} hint={t('options_team_managers_hint')} members={draft.roles.managers} disabled={readOnly || rolesLocked} onChange={(managers) => setDraft({ ...draft, roles: { ...draft.roles, managers } })} testId="managers" />
          <MemberList title={t('options_team_admins')} addLabel={t('options_team_add_admin')} hint={t('options_team_admins_hint')} members={draft.roles.admins} disabled={readOnly || rolesLocked} onChange={(admins) => setDraft({ ...draft, roles: { ...draft.roles, admins } })} testId="admins" />
        </div>
        {losesAdmin && dirty && (
          <p class="op-notice op-warning" role="alert" data-testid="loses-admin">
            {t('options_team_loses_admin', after.name)}
          </p>
        )}
      </Card>
      <SaveBar dirty={dirty} errors={Object.keys(errors).length} saving={saving} disabled={readOnly} onSave={() => void save()} onReset={() => { reset(); setNotice(null); }} saveLabel={losesAdmin ? t('options_team_save_give_up') : t('options_team_save')} testId="team-save" />
    </>
  );
}

function MemberList({ title, addLabel, hint, members, disabled, onChange, testId }: { title: string; addLabel: string; hint: string; members: readonly string[]; disabled: boolean; onChange: (members: string[]) => void; testId: string }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const checked = RoleMember.safeParse(value);
    if (!checked.success) {
      setError(value.trim() === '' ? t('options_team_member_missing') : t('options_issue_max_chars', 320));
      return;
    }
    if (members.some((m) => m.toLowerCase() === checked.data.toLowerCase())) {
      setError(t('options_team_member_listed', checked.data));
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
        <p class="op-muted">{t('options_team_nobody')}</p>
      ) : (
        <ul class="op-chips" aria-label={title}>
          {members.map((m) => (
            <li key={m} class="op-chip">
              <span>{m}</span>
              <button type="button" class="op-chip-remove" disabled={disabled} aria-label={t('options_team_remove_member', m, title)} onClick={() => onChange(members.filter((x) => x !== m))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="op-inline-form">
        <Field label={addLabel} error={error ?? undefined} path={`${testId}-new`} wide>
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
          {t('options_add')}
        </button>
      </div>
    </fieldset>
  );
}

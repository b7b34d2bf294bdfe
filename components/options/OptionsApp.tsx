// The admin's options page: a left navigation and one section at a time (Helpdesks, Custom sites, Policy, Team,
// Templates, Data). It loads what the background answers and turns each section's events into messages; the
// sections themselves only take props. Non-admins see everything read-only; the background enforces it anyway.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { validateCustomAdapterDefinition, type CustomAdapterDefinition } from '../../adapters/custom/definition';
import { ADAPTER_REGISTRY } from '../../adapters/registry';
import type { ManagedKey } from '../../core/managed';
import type { ErrorBody } from '../../core/messages';
import type { Policy } from '../../core/policy';
import type { CustomerTemplates, Settings } from '../../core/settings';
import { BACKUP_PART_CHARS, MAX_BACKUP_CHARS, MAX_BACKUP_PARTS } from '../../core/constants';
import type { BackupSummary } from '../../core/store/backup';
import { t } from '../i18n';
import { fetchExport, uploadInParts } from './backup-transfer';
import { CustomSitesSection, type AdapterTestResult } from './CustomSitesSection';
import { DataSection, type DataResult, type ExportDone, type ImportPreview } from './DataSection';
import { HelpdesksSection, type AdapterRowModel } from './HelpdesksSection';
import { PolicySection } from './PolicySection';
import { TeamSection } from './TeamSection';
import { TemplatesSection } from './TemplatesSection';
import type { OptionsData, OptionsPorts, SaveOutcome, SettingsAnswer, WhoAmIAnswer } from './types';

/** `label` is a message key (public/_locales). */
export const SECTIONS = [
  { id: 'helpdesks', label: 'options_nav_helpdesks', lockedBy: 'disabledAdapters' },
  { id: 'custom-sites', label: 'options_nav_custom_sites', lockedBy: null },
  { id: 'policy', label: 'options_nav_policy', lockedBy: 'policy' },
  { id: 'team', label: 'options_nav_team', lockedBy: 'roles' },
  { id: 'templates', label: 'options_nav_templates', lockedBy: 'templates' },
  { id: 'data', label: 'options_nav_data', lockedBy: null },
] as const satisfies ReadonlyArray<{ id: string; label: string; lockedBy: ManagedKey | null }>;
export type SectionId = (typeof SECTIONS)[number]['id'];

const ICONS: Record<SectionId, ComponentChildren> = {
  helpdesks: <path d="M3 5h14v10H3zM3 9h14M7 15v2m6-2v2" />,
  'custom-sites': <path d="M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm-7 7h14M10 3c2 2.2 2.8 4.5 2.8 7S12 14.8 10 17c-2-2.2-2.8-4.5-2.8-7S8 5.2 10 3z" />,
  policy: <path d="M10 2.5 4 5v5c0 3.6 2.6 6.5 6 7.5 3.4-1 6-3.9 6-7.5V5l-6-2.5zM7.5 10l1.8 1.8L13 8" />,
  team: <path d="M7 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-5 8c0-2.8 2.2-5 5-5s5 2.2 5 5m1-8a2.5 2.5 0 1 0 0-5m1.5 8c1.9.6 3.5 2.5 3.5 5" />,
  templates: <path d="M4 3h9l3 3v11H4zM7 8h6M7 11h6M7 14h4" />,
  data: <path d="M10 3c3.9 0 7 1.1 7 2.5v9c0 1.4-3.1 2.5-7 2.5s-7-1.1-7-2.5v-9C3 4.1 6.1 3 10 3zM3 5.5C3 6.9 6.1 8 10 8s7-1.1 7-2.5M3 10c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5" />,
};

function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '');
  return SECTIONS.some((s) => s.id === id) ? (id as SectionId) : 'helpdesks';
}

function outcomeOf(answer: { ok: true } | { ok: false; error: ErrorBody }): SaveOutcome {
  return answer.ok ? { ok: true } : { ok: false, message: answer.error.message, ...(answer.error.issues ? { issues: answer.error.issues } : {}) };
}

export function backupFilename(exportedAt: string): string {
  const stamp = exportedAt.replace(/\.\d+Z$/, 'Z').replace(/[:]/g, '-');
  return `escalation-desk-backup-${stamp}.json`;
}

export function OptionsApp({ ports }: { ports: OptionsPorts }) {
  const { send } = ports;
  const [data, setData] = useState<OptionsData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [active, setActive] = useState<SectionId>(() => sectionFromHash(typeof location === 'undefined' ? '' : location.hash));
  const focusOnChange = useRef(false);
  const mainRef = useRef<HTMLElement>(null);
  /** The file last uploaded in parts, so that its import does not send it again after its preview. */
  const uploaded = useRef<{ text: string; uploadId: string } | null>(null);

  /** A small file travels in its preview or import message; a large one is uploaded in parts first. */
  const importSource = async (text: string): Promise<DataResult<{ text: string } | { uploadId: string }>> => {
    const size = ports.backupPartChars ?? BACKUP_PART_CHARS;
    if (text.length <= size) return { ok: true, data: { text } };
    if (uploaded.current?.text === text) return { ok: true, data: { uploadId: uploaded.current.uploadId } };
    const parts = Math.ceil(text.length / size);
    if (parts > MAX_BACKUP_PARTS) return { ok: false, message: t('options_data_file_too_large', String(Math.round(text.length / 1024 / 1024))) };
    const uploadId = `up_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const sent = await uploadInParts(send, text, uploadId, size);
    if (!sent.ok) return sent;
    uploaded.current = { text, uploadId };
    return { ok: true, data: { uploadId } };
  };

  const load = async (): Promise<void> => {
    const [settings, who] = await Promise.all([send<SettingsAnswer>({ type: 'settings.get' }), send<WhoAmIAnswer>({ type: 'whoami' })]);
    if (!settings.ok) return setLoadError(settings.error.message);
    if (!who.ok) return setLoadError(who.error.message);
    setLoadError(null);
    setData({ ...settings.data, actor: who.data.actor });
  };

  useEffect(() => {
    void load();
    const unsubscribe = ports.subscribe((message) => {
      const notice = message as { type?: string; settings?: boolean };
      if (notice?.type === 'escalation-desk.changed' && notice.settings) void load();
    });
    const onHash = () => {
      focusOnChange.current = true;
      setActive(sectionFromHash(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  // Moving to another section puts the keyboard focus on its heading, so screen readers announce it.
  useEffect(() => {
    if (!focusOnChange.current) return;
    focusOnChange.current = false;
    mainRef.current?.querySelector<HTMLElement>(`section[data-section="${active}"] [data-section-title]`)?.focus();
  }, [active]);

  const afterChange = async <T,>(answer: { ok: true; data: T } | { ok: false; error: ErrorBody }): Promise<SaveOutcome> => {
    if (answer.ok) await load();
    return outcomeOf(answer);
  };

  /** Saves a part of the settings over the freshest stored copy, so two sections never undo each other. */
  const savePatch = async (patch: Partial<Settings>): Promise<SaveOutcome> => {
    const fresh = await send<SettingsAnswer>({ type: 'settings.get' });
    if (!fresh.ok) return outcomeOf(fresh);
    return afterChange(await send({ type: 'settings.save', settings: { ...fresh.data.settings, ...patch } }));
  };

  const permissionRefused = (origins: readonly string[]): SaveOutcome => ({
    ok: false,
    message: t('options_permission_refused', origins.join(', ')),
  });

  if (!data) {
    return (
      <div class="op-loading" role={loadError ? 'alert' : 'status'}>
        {loadError ? (
          <>
            <p>{t('options_load_failed', loadError)}</p>
            <p>
              <button type="button" class="op-button" onClick={() => void load()}>
                {t('options_try_again')}
              </button>
            </p>
          </>
        ) : (
          t('options_loading')
        )}
      </div>
    );
  }

  const readOnly = !data.actor.roles.includes('admin');
  const locked = (key: ManagedKey) => data.locked.includes(key);
  const customDefinitions = data.settings.customAdapters.map((raw) => validateCustomAdapterDefinition(raw)).flatMap((r) => (r.ok ? [r.definition] : []));
  const customRows: AdapterRowModel[] = customDefinitions.map((d) => ({ id: d.id, label: d.label, domains: d.matches, custom: true }));

  const sections: Record<SectionId, ComponentChildren> = {
    helpdesks: (
      <HelpdesksSection
        data={data}
        customAdapters={customRows}
        readOnly={readOnly}
        onToggle={async (adapterId, enabled) => afterChange(await send({ type: 'adapter.setEnabled', adapterId, enabled }))}
        onRefresh={load}
      />
    ),
    'custom-sites': (
      <CustomSitesSection
        settings={data.settings}
        readOnly={readOnly}
        listTabs={ports.openTabs}
        onAddDomain={(adapterId, origin) => {
          const pattern = `${origin}/*`;
          const asked = ports.requestOrigins([pattern]); // First, inside the user's gesture.
          return asked.then(async (granted) => (granted ? afterChange(await send({ type: 'customDomain.add', adapterId, origin })) : permissionRefused([origin])));
        }}
        onRemoveDomain={async (origin) => afterChange(await send({ type: 'customDomain.remove', origin }))}
        onSaveAdapter={(definition: CustomAdapterDefinition) => {
          const asked = ports.requestOrigins([...definition.matches]);
          return asked.then(async (granted) => (granted ? afterChange(await send({ type: 'customAdapter.save', definition })) : permissionRefused(definition.matches)));
        }}
        onRemoveAdapter={async (adapterId) => afterChange(await send({ type: 'customAdapter.remove', adapterId }))}
        onTestAdapter={(definition, tabId) => {
          const asked = ports.requestOrigins([...definition.matches]);
          return asked.then(async (granted) => {
            if (!granted) return { ok: false as const, message: t('options_permission_refused_test', definition.matches.join(', ')) };
            const answer = await send<AdapterTestResult | undefined>({ type: 'customAdapter.test', definition, tabId });
            if (!answer.ok) return { ok: false as const, message: answer.error.message, ...(answer.error.issues ? { issues: answer.error.issues } : {}) };
            if (!answer.data) return { ok: false as const, message: t('options_tab_no_answer') };
            return { ok: true as const, result: answer.data };
          });
        }}
      />
    ),
    policy: <PolicySection policy={data.settings.policy} locked={locked('policy')} readOnly={readOnly} onSave={(policy: Policy) => savePatch({ policy })} />,
    team: <TeamSection settings={data.settings} actor={data.actor} rolesLocked={locked('roles')} readOnly={readOnly} onSave={(patch) => savePatch(patch)} />,
    templates: <TemplatesSection templates={data.settings.templates} policy={data.settings.policy} agentName={data.actor.name} locked={locked('templates')} readOnly={readOnly} onSave={(templates: CustomerTemplates) => savePatch({ templates })} />,
    data: (
      <DataSection
        readOnly={readOnly}
        onExport={async (): Promise<DataResult<ExportDone>> => {
          const exported = await fetchExport(send);
          if (!exported.ok) return exported;
          const { parts, chars, summary } = exported.data;
          const filename = backupFilename(summary.exportedAt);
          ports.download(filename, parts);
          // An export may be larger than an import accepts (it is also how the data goes elsewhere): say so now.
          return { ok: true, data: { filename, summary, ...(chars > MAX_BACKUP_CHARS ? { tooLargeToImportMb: Math.ceil(chars / 1024 / 1024) } : {}) } };
        }}
        onPreview={async (text): Promise<DataResult<ImportPreview>> => {
          const source = await importSource(text);
          if (!source.ok) return source;
          const answer = await send<ImportPreview>({ type: 'backup.preview', ...source.data });
          return answer.ok ? { ok: true, data: answer.data } : { ok: false, message: answer.error.message };
        }}
        onImport={async (text): Promise<DataResult<BackupSummary>> => {
          const source = await importSource(text);
          if (!source.ok) return source;
          const answer = await send<{ imported: BackupSummary }>({ type: 'backup.import', ...source.data });
          if (!answer.ok) return { ok: false, message: answer.error.message };
          await load();
          return { ok: true, data: answer.data.imported };
        }}
        onClear={async (): Promise<DataResult<null>> => {
          const answer = await send({ type: 'data.clear', confirm: true });
          if (!answer.ok) return { ok: false, message: answer.error.message };
          await load();
          return { ok: true, data: null };
        }}
      />
    ),
  };

  const switchedOff = new Set(data.settings.disabledAdapters);
  const enabledCount = [...ADAPTER_REGISTRY.map((a) => a.id), ...customRows.map((r) => r.id)].filter((id) => !switchedOff.has(id)).length;
  return (
    <>
      <a class="op-skip" href="#options-main">
        {t('options_skip')}
      </a>
      <header class="op-topbar">
        <span class="op-logo" aria-hidden="true">
          ED
        </span>
        <div>
          <h1>{t('extName')}</h1>
          <p class="op-muted">{t('options_subtitle')}</p>
        </div>
        <span class="op-topbar-spacer" />
        <span class="op-whoami" data-testid="whoami">
          <span class="op-muted">{t('options_signed_in_as')}</span> <strong>{data.actor.name}</strong>
          {data.actor.roles.map((r) => (
            <span key={r} class="op-badge op-role" data-role={r}>
              {t(`options_role_${r}`)}
            </span>
          ))}
        </span>
      </header>
      <div class="op-layout">
        <nav class="op-nav" aria-label={t('options_nav_label')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a
                  href={`#${s.id}`}
                  aria-current={active === s.id ? 'page' : undefined}
                  data-testid={`nav-${s.id}`}
                  onClick={() => {
                    focusOnChange.current = true;
                    setActive(s.id);
                  }}
                >
                  <svg class="op-nav-icon" width="18" height="18" viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
                    {ICONS[s.id]}
                  </svg>
                  {t(s.label)}
                  {s.lockedBy && locked(s.lockedBy) ? (
                    <span class="op-nav-lock" title={t('options_managed_title')} aria-label={t('options_managed_aria')}>
                      🔒
                    </span>
                  ) : s.id === 'helpdesks' ? (
                    <span class="op-nav-count" aria-label={`(${t('options_nav_count', enabledCount)})`}>
                      {t('options_nav_count', enabledCount)}
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
          <p class="op-nav-foot">{t('options_nav_foot')}</p>
        </nav>
        <main id="options-main" class="op-main" ref={mainRef} tabIndex={-1}>
          {readOnly && (
            <p class="op-readonly-banner" role="note" data-testid="read-only-note">
              <strong>{t('options_read_only')}</strong> {t('options_read_only_text', data.actor.name, data.actor.roles.map((r) => t(`options_role_${r}`)).join(', '))}{' '}
              {data.settings.roles.admins.length > 0 ? t('options_ask_admins', data.settings.roles.admins.join(', ')) : t('options_ask_admin')}
            </p>
          )}
          {data.locked.length > 0 && (
            <p class="op-locked" role="note" data-testid="managed-note">
              <span aria-hidden="true">🔒</span> {t('options_managed_note', data.locked.map((k) => t(LOCKED_KEYS[k])).join(', '))}
            </p>
          )}
          {SECTIONS.map((s) => (
            <section key={s.id} class="op-section" data-section={s.id} hidden={active !== s.id} aria-label={t(s.label)}>
              {sections[s.id]}
            </section>
          ))}
        </main>
      </div>
    </>
  );
}

const LOCKED_KEYS: Record<ManagedKey, string> = {
  policy: 'options_locked_policy',
  templates: 'options_locked_templates',
  roles: 'options_locked_roles',
  disabledAdapters: 'options_locked_adapters',
};

// Helpdesks: every built-in adapter (and each custom one) with its kill switch, the domains it runs on, and its
// health from the last page it read: which fields it read and which selectors failed.
import { useState } from 'preact/hooks';
import { ADAPTER_REGISTRY } from '../../adapters/registry';
import type { AdapterHealthRecord } from '../../core/store/settings-store';
import { clockTime } from '../format';
import { t } from '../i18n';
import { LockedNote, SectionHeader } from './fields';
import type { OptionsData, SaveOutcome } from './types';

export interface AdapterRowModel {
  readonly id: string;
  readonly label: string;
  readonly domains: readonly string[];
  readonly custom: boolean;
}

export interface HelpdesksSectionProps {
  readonly data: OptionsData;
  readonly customAdapters: readonly AdapterRowModel[];
  readonly readOnly: boolean;
  readonly onToggle: (adapterId: string, enabled: boolean) => Promise<SaveOutcome>;
  readonly onRefresh: () => Promise<void>;
}

type HealthTone = 'healthy' | 'degraded' | 'failing' | 'unseen';

export function healthSummary(record: AdapterHealthRecord | undefined): { tone: HealthTone; label: string } {
  if (!record) return { tone: 'unseen', label: t('options_health_unseen') };
  const failed = record.fields.filter((f) => !f.ok).length;
  if (record.problem) return { tone: 'failing', label: t('options_health_failing') };
  if (failed > 0) return { tone: 'degraded', label: failed === 1 ? t('options_health_degraded_one') : t('options_health_degraded_many', failed) };
  return { tone: 'healthy', label: record.fields.length > 0 ? t('options_health_all_read', record.fields.length) : t('options_health_reading') };
}

export function HelpdesksSection({ data, customAdapters, readOnly, onToggle, onRefresh }: HelpdesksSectionProps) {
  const locked = data.locked.includes('disabledAdapters');
  const disabled = new Set(data.settings.disabledAdapters);
  const healthById = new Map(data.health.map((h) => [h.adapterId, h] as const));
  const rows: AdapterRowModel[] = [
    ...ADAPTER_REGISTRY.map((entry) => ({
      id: entry.id,
      label: entry.label,
      domains: [...entry.matches, ...data.settings.customDomains.filter((d) => d.adapterId === entry.id).map((d) => `${d.origin}/*`)],
      custom: false,
    })),
    ...customAdapters,
  ];
  const [refreshing, setRefreshing] = useState(false);
  return (
    <>
      <SectionHeader title={t('options_nav_helpdesks')} description={t('options_helpdesks_description')}>
        <button
          type="button"
          class="op-button"
          data-testid="refresh-health"
          disabled={refreshing}
          onClick={async () => {
            setRefreshing(true);
            await onRefresh();
            setRefreshing(false);
          }}
        >
          {refreshing ? t('options_refreshing') : t('options_refresh_health')}
        </button>
      </SectionHeader>
      {locked && <LockedNote text={t('options_locked_note_adapters')} />}
      <ul class="op-adapter-list" aria-label={t('options_adapters_label')}>
        {rows.map((row) => (
          <AdapterRow key={row.id} row={row} enabled={!disabled.has(row.id)} health={healthById.get(row.id)} locked={locked} readOnly={readOnly} onToggle={onToggle} />
        ))}
      </ul>
    </>
  );
}

function AdapterRow({
  row,
  enabled,
  health,
  locked,
  readOnly,
  onToggle,
}: {
  row: AdapterRowModel;
  enabled: boolean;
  health: AdapterHealthRecord | undefined;
  locked: boolean;
  readOnly: boolean;
  onToggle: HelpdesksSectionProps['onToggle'];
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const summary = healthSummary(health);
  const switchId = `adapter-toggle-${row.id}`;
  return (
    <li class="op-adapter" data-testid="adapter-row" data-adapter-id={row.id} data-enabled={enabled}>
      <div class="op-adapter-main">
        <div class="op-adapter-title">
          <label for={switchId} class="op-adapter-name">
            {row.label}
          </label>
          {row.custom && <span class="op-badge">{t('options_custom_badge')}</span>}
          <span class={`op-health op-health-${summary.tone}`} data-testid="adapter-health" data-health={summary.tone}>
            {summary.label}
          </span>
        </div>
        <p class="op-adapter-domains">
          {row.domains.map((domain) => (
            <code key={domain}>{domain}</code>
          ))}
        </p>
      </div>
      <div class="op-adapter-switch">
        <span class="op-switch-state" aria-hidden="true">
          {busy ? '…' : enabled ? t('options_on') : t('options_off')}
        </span>
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          class="op-switch"
          data-testid="adapter-toggle"
          checked={enabled}
          disabled={readOnly || locked || busy}
          aria-describedby={error ? `${switchId}-error` : undefined}
          onChange={async (e) => {
            const next = e.currentTarget.checked;
            setBusy(true);
            setError(null);
            const outcome = await onToggle(row.id, next);
            setBusy(false);
            if (!outcome.ok) setError(outcome.message);
          }}
        />
      </div>
      {error && (
        <p class="op-field-error op-adapter-error" id={`${switchId}-error`} role="alert">
          {error}
        </p>
      )}
      <HealthDetails health={health} />
    </li>
  );
}

function HealthDetails({ health }: { health: AdapterHealthRecord | undefined }) {
  if (!health) {
    return <p class="op-muted op-adapter-health-line">{t('options_health_none')}</p>;
  }
  const failed = health.fields.filter((f) => !f.ok);
  return (
    <details class="op-health-details">
      <summary>
        {t('options_last_read', clockTime(health.checkedAt))} <code>{health.path}</code>
        {health.mountedAt && <> · {health.mountedAt === 'anchor' ? t('options_panel_anchored') : t('options_panel_floating')}</>}
        {failed.length > 0 && <> · {t('options_failed_fields', failed.map((f) => f.field).join(', '))}</>}
      </summary>
      {health.problem && (
        <p class="op-problem" data-testid="adapter-health-problem">
          {health.problem.message}
          {health.problem.field && (
            <>
              {' '}
              {t('options_field')} <code>{health.problem.field}</code>
            </>
          )}
          {health.problem.selector && (
            <>
              {' '}
              · {t('options_selector_lower')} <code>{health.problem.selector}</code>
            </>
          )}
        </p>
      )}
      {health.fields.length > 0 && (
        <table class="op-table">
          <caption class="op-visually-hidden">{t('options_fields_read_from', health.path)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('options_field')}</th>
              <th scope="col">{t('options_result')}</th>
              <th scope="col">{t('options_read_through')}</th>
            </tr>
          </thead>
          <tbody>
            {health.fields.map((f) => (
              <tr key={f.field} data-ok={f.ok}>
                <th scope="row">{f.field}</th>
                <td class={f.ok ? 'op-text-ok' : 'op-text-error'}>{f.ok ? t('options_field_read') : t('options_field_failed')}</td>
                <td>
                  <span class="op-badge">{f.source === 'api' ? t('options_source_api') : t('options_source_page')}</span> <code>{f.via}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

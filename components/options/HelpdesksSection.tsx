// Helpdesks: every built-in adapter (and each custom one) with its kill switch, the domains it runs on, and its
// health from the last page it read: which fields it read and which selectors failed.
import { useState } from 'preact/hooks';
import { ADAPTER_REGISTRY } from '../../adapters/registry';
import type { AdapterHealthRecord } from '../../core/store/settings-store';
import { clockTime } from '../format';
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
  if (!record) return { tone: 'unseen', label: 'Not seen yet' };
  const failed = record.fields.filter((f) => !f.ok).length;
  if (record.problem) return { tone: 'failing', label: 'Cannot read pages' };
  if (failed > 0) return { tone: 'degraded', label: `${failed} field${failed === 1 ? '' : 's'} not read` };
  return { tone: 'healthy', label: record.fields.length > 0 ? `All ${record.fields.length} fields read` : 'Reading pages' };
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
      <SectionHeader title="Helpdesks" description="Escalation Desk shows its panel on ticket pages of the helpdesks switched on here. Switching one off removes the panel from its open tabs at once.">
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
          {refreshing ? 'Refreshing…' : 'Refresh health'}
        </button>
      </SectionHeader>
      {locked && <LockedNote what="Which helpdesks are switched on" />}
      <ul class="op-adapter-list" aria-label="Helpdesk adapters">
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
          {row.custom && <span class="op-badge">Custom</span>}
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
          {busy ? '…' : enabled ? 'On' : 'Off'}
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
    return <p class="op-muted op-adapter-health-line">No ticket page read yet on this browser. Open a ticket to check the adapter.</p>;
  }
  const failed = health.fields.filter((f) => !f.ok);
  return (
    <details class="op-health-details">
      <summary>
        Last read {clockTime(health.checkedAt)} on <code>{health.path}</code>
        {health.mountedAt && <> · panel {health.mountedAt === 'anchor' ? 'placed in the page' : 'floating (no anchor matched)'}</>}
        {failed.length > 0 && <> · failed: {failed.map((f) => f.field).join(', ')}</>}
      </summary>
      {health.problem && (
        <p class="op-problem" data-testid="adapter-health-problem">
          {health.problem.message}
          {health.problem.field && (
            <>
              {' '}
              Field <code>{health.problem.field}</code>
            </>
          )}
          {health.problem.selector && (
            <>
              {' '}
              · selector <code>{health.problem.selector}</code>
            </>
          )}
        </p>
      )}
      {health.fields.length > 0 && (
        <table class="op-table">
          <caption class="op-visually-hidden">Fields read from {health.path}</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Result</th>
              <th scope="col">Read through</th>
            </tr>
          </thead>
          <tbody>
            {health.fields.map((f) => (
              <tr key={f.field} data-ok={f.ok}>
                <th scope="row">{f.field}</th>
                <td class={f.ok ? 'op-text-ok' : 'op-text-error'}>{f.ok ? 'read' : 'failed'}</td>
                <td>
                  <span class="op-badge">{f.source === 'api' ? 'API' : 'page'}</span> <code>{f.via}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

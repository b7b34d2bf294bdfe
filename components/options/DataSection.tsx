// Data: export everything as one versioned JSON file; import validates the whole file first, shows what would
// change, and applies it in one transaction only when the admin confirms; clearing asks for confirmation.
import { useRef, useState } from 'preact/hooks';
import type { BackupDiff, BackupSummary, TableDiff } from '../../core/store/backup';
import { clockTime } from '../format';
import { Card, NoticeBar, SectionHeader, type Notice } from './fields';

export interface ImportPreview {
  readonly summary: BackupSummary;
  readonly diff: BackupDiff;
}

export type DataResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly message: string };

export interface DataSectionProps {
  readonly readOnly: boolean;
  /** Fetches the backup and hands it to the browser as a download; answers the file's name and what it holds. */
  readonly onExport: () => Promise<DataResult<{ filename: string; summary: BackupSummary }>>;
  readonly onPreview: (text: string) => Promise<DataResult<ImportPreview>>;
  readonly onImport: (text: string) => Promise<DataResult<BackupSummary>>;
  readonly onClear: () => Promise<DataResult<null>>;
}

const TABLE_LABELS: Record<Exclude<keyof BackupDiff, 'settings'>, string> = {
  escalations: 'Escalations',
  events: 'Events (audit log)',
  outbox: 'Helpdesk write-backs',
  ticketLogs: 'Logged agent actions',
};

export function summaryWords(summary: BackupSummary): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `${n(summary.escalations, 'escalation', 'escalations')}, ${n(summary.events, 'event', 'events')}, ${n(summary.outbox, 'write-back', 'write-backs')}, ${n(summary.ticketLogs, 'logged action', 'logged actions')}${summary.settings ? ' and the settings' : ''}`;
}

export function DataSection({ readOnly, onExport, onPreview, onImport, onClear }: DataSectionProps) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<null | 'export' | 'preview' | 'import' | 'clear'>(null);
  const [pending, setPending] = useState<{ name: string; text: string; preview: ImportPreview } | null>(null);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const cancelClear = useRef<HTMLButtonElement>(null);

  const resetFile = () => {
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <>
      <SectionHeader title="Data" description="Everything Escalation Desk keeps lives in this browser. Export it to keep a copy or move it to another browser." />
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="data-notice" />
      <Card title="Export" description="Escalations with their full audit log, pending helpdesk write-backs, logged actions and the settings, as one versioned JSON file.">
        <button
          type="button"
          class="op-button op-primary"
          data-testid="export-button"
          disabled={readOnly || busy !== null}
          onClick={async () => {
            setBusy('export');
            const result = await onExport();
            setBusy(null);
            setNotice(result.ok ? { tone: 'success', text: `Exported ${summaryWords(result.data.summary)} to ${result.data.filename}.` } : { tone: 'error', text: `Export failed: ${result.message}` });
          }}
        >
          {busy === 'export' ? 'Exporting…' : 'Export all data'}
        </button>
      </Card>

      <Card title="Import" description="Replaces everything with the contents of an exported file. The whole file is checked first; nothing changes until you confirm, and a damaged file changes nothing.">
        <div class="op-field">
          <label for="import-file">Backup file</label>
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            accept="application/json,.json"
            data-testid="import-input"
            disabled={readOnly || busy === 'import'}
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              setPending(null);
              setNotice(null);
              if (!file) return;
              setBusy('preview');
              let text: string;
              try {
                text = await file.text();
              } catch (error) {
                setBusy(null);
                setNotice({ tone: 'error', text: `Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.` });
                resetFile();
                return;
              }
              const result = await onPreview(text);
              setBusy(null);
              if (result.ok) setPending({ name: file.name, text, preview: result.data });
              else {
                setNotice({ tone: 'error', text: `${file.name} cannot be imported: ${result.message} Nothing was changed.` });
                resetFile();
              }
            }}
          />
          {busy === 'preview' && <span class="op-hint">Checking the file…</span>}
        </div>
        {pending && (
          <div class="op-preview" data-testid="import-preview" role="region" aria-label="What the import would change">
            <p>
              <strong>{pending.name}</strong> was exported {clockTime(pending.preview.summary.exportedAt)} and holds {summaryWords(pending.preview.summary)}. Importing it replaces what is stored now:
            </p>
            <table class="op-table">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Added</th>
                  <th scope="col">Replaced</th>
                  <th scope="col">Unchanged</th>
                  <th scope="col">Removed</th>
                </tr>
              </thead>
              <tbody>
                {(Object.keys(TABLE_LABELS) as Array<keyof typeof TABLE_LABELS>).map((key) => (
                  <DiffRow key={key} label={TABLE_LABELS[key]} diff={pending.preview.diff[key]} />
                ))}
                <tr>
                  <th scope="row">Settings</th>
                  <td colSpan={4}>{{ added: 'added', replaced: 'replaced', unchanged: 'unchanged', removed: 'removed (the defaults apply)', none: 'none in either' }[pending.preview.diff.settings]}</td>
                </tr>
              </tbody>
            </table>
            {sameAsStored(pending.preview.diff) && (
              <p class="op-muted" data-testid="import-identical">
                This file holds exactly what is stored now: importing it changes nothing.
              </p>
            )}
            <div class="op-row-actions">
              <button
                type="button"
                class="op-button"
                onClick={() => {
                  setPending(null);
                  resetFile();
                  setNotice({ tone: 'info', text: 'Import cancelled. Nothing was changed.' });
                }}
              >
                Cancel
              </button>
              <button
                type="button"
                class="op-button op-danger"
                data-testid="import-confirm"
                disabled={busy !== null}
                onClick={async () => {
                  setBusy('import');
                  const result = await onImport(pending.text);
                  setBusy(null);
                  setPending(null);
                  resetFile();
                  setNotice(result.ok ? { tone: 'success', text: `Imported ${summaryWords(result.data)}.` } : { tone: 'error', text: `Import failed: ${result.message} Nothing was changed.` });
                }}
              >
                {busy === 'import' ? 'Importing…' : 'Replace my data with this file'}
              </button>
            </div>
          </div>
        )}
      </Card>

      <Card title="Clear all data" description="Deletes every escalation, its audit log, pending write-backs, logged actions, adapter health and the settings from this browser. It cannot be undone: export first.">
        {!confirmingClear ? (
          <button
            type="button"
            class="op-button op-danger-outline"
            data-testid="clear-button"
            disabled={readOnly || busy !== null}
            onClick={() => {
              setConfirmingClear(true);
              setTimeout(() => cancelClear.current?.focus(), 0);
            }}
          >
            Clear all data…
          </button>
        ) : (
          <div
            class="op-confirm"
            role="alertdialog"
            aria-labelledby="clear-title"
            aria-describedby="clear-description"
            data-testid="clear-confirm"
            onKeyDown={(e) => {
              if (e.key === 'Escape') setConfirmingClear(false);
            }}
          >
            <p id="clear-title">
              <strong>Delete everything Escalation Desk stored in this browser?</strong>
            </p>
            <p id="clear-description" class="op-muted">
              Open escalations, their history and the settings are gone for good. Helpdesk tickets keep the notes already written to them.
            </p>
            <div class="op-row-actions">
              <button ref={cancelClear} type="button" class="op-button" onClick={() => setConfirmingClear(false)}>
                Keep my data
              </button>
              <button
                type="button"
                class="op-button op-danger"
                data-testid="clear-confirm-button"
                disabled={busy !== null}
                onClick={async () => {
                  setBusy('clear');
                  const result = await onClear();
                  setBusy(null);
                  setConfirmingClear(false);
                  setNotice(result.ok ? { tone: 'success', text: 'All data was deleted. The default settings apply.' } : { tone: 'error', text: `Nothing was deleted: ${result.message}` });
                }}
              >
                {busy === 'clear' ? 'Deleting…' : 'Delete everything'}
              </button>
            </div>
          </div>
        )}
      </Card>
    </>
  );
}

function sameAsStored(diff: BackupDiff): boolean {
  const tables = [diff.escalations, diff.events, diff.outbox, diff.ticketLogs];
  return tables.every((t) => t.added === 0 && t.replaced === 0 && t.removed === 0) && (diff.settings === 'unchanged' || diff.settings === 'none');
}

function DiffRow({ label, diff }: { label: string; diff: TableDiff }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{diff.added}</td>
      <td>{diff.replaced}</td>
      <td>{diff.unchanged}</td>
      <td class={diff.removed > 0 ? 'op-text-error' : undefined}>{diff.removed}</td>
    </tr>
  );
}

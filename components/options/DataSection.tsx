// Data: export everything as one versioned JSON file; import validates the whole file first, shows what would
// change, and applies it in one transaction only when the admin confirms; clearing asks for confirmation.
import { useRef, useState } from 'preact/hooks';
import type { BackupDiff, BackupSummary, TableDiff } from '../../core/store/backup';
import { MAX_BACKUP_CHARS } from '../../core/constants';
import { clockTime } from '../format';
import { t } from '../i18n';
import { Card, NoticeBar, SectionHeader, type Notice } from './fields';

export interface ImportPreview {
  readonly summary: BackupSummary;
  readonly diff: BackupDiff;
}

export type DataResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly message: string };

/** A finished export; `tooLargeToImportMb` when the file is larger than an import accepts. */
export interface ExportDone {
  readonly filename: string;
  readonly summary: BackupSummary;
  readonly tooLargeToImportMb?: number;
}

export interface DataSectionProps {
  readonly readOnly: boolean;
  /** Fetches the backup and hands it to the browser as a download; answers the file's name and what it holds. */
  readonly onExport: () => Promise<DataResult<ExportDone>>;
  readonly onPreview: (text: string) => Promise<DataResult<ImportPreview>>;
  readonly onImport: (text: string) => Promise<DataResult<BackupSummary>>;
  readonly onClear: () => Promise<DataResult<null>>;
}

/** Message keys of the tables a backup holds. */
const TABLE_LABELS: Record<Exclude<keyof BackupDiff, 'settings'>, string> = {
  escalations: 'options_data_table_escalations',
  events: 'options_data_table_events',
  outbox: 'options_data_table_outbox',
  ticketLogs: 'options_data_table_logs',
};

/** "3 escalations, 1 event, 0 write-backs, 2 logged actions and the settings". */
export function summaryWords(summary: BackupSummary): string {
  const n = (count: number, key: string) => t(count === 1 ? `options_data_count_${key}_one` : `options_data_count_${key}_many`, count);
  const parts = t('options_data_summary', n(summary.escalations, 'escalations'), n(summary.events, 'events'), n(summary.outbox, 'outbox'), n(summary.ticketLogs, 'logs'));
  return summary.settings ? t('options_data_summary_settings', parts) : parts;
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
      <SectionHeader title={t('options_nav_data')} description={t('options_data_description')} />
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} testId="data-notice" />
      <Card title={t('options_data_export')} description={t('options_data_export_description')}>
        <button
          type="button"
          class="op-button op-primary"
          data-testid="export-button"
          disabled={readOnly || busy !== null}
          onClick={async () => {
            setBusy('export');
            const result = await onExport();
            setBusy(null);
            if (!result.ok) setNotice({ tone: 'error', text: t('options_data_export_failed', result.message) });
            else {
              const { summary, filename, tooLargeToImportMb } = result.data;
              const exported = t('options_data_exported', summaryWords(summary), filename);
              setNotice(
                tooLargeToImportMb === undefined
                  ? { tone: 'success', text: exported }
                  : { tone: 'info', text: `${exported} ${t('options_data_export_not_importable', String(tooLargeToImportMb), String(MAX_BACKUP_CHARS / 1024 / 1024))}` },
              );
            }
          }}
        >
          {busy === 'export' ? t('options_data_exporting') : t('options_data_export_button')}
        </button>
      </Card>

      <Card title={t('options_data_import')} description={t('options_data_import_description')}>
        <div class="op-field">
          <label for="import-file">{t('options_data_backup_file')}</label>
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
                setNotice({ tone: 'error', text: t('options_data_unreadable', file.name, error instanceof Error ? error.message : String(error)) });
                resetFile();
                return;
              }
              const result = await onPreview(text);
              setBusy(null);
              if (result.ok) setPending({ name: file.name, text, preview: result.data });
              else {
                setNotice({ tone: 'error', text: t('options_data_cannot_import', file.name, result.message) });
                resetFile();
              }
            }}
          />
          {busy === 'preview' && <span class="op-hint">{t('options_data_checking')}</span>}
        </div>
        {pending && (
          <div class="op-preview" data-testid="import-preview" role="region" aria-label={t('options_data_preview_label')}>
            <p>
              <strong>{pending.name}</strong> {t('options_data_preview', clockTime(pending.preview.summary.exportedAt), summaryWords(pending.preview.summary))}
            </p>
            <table class="op-table">
              <thead>
                <tr>
                  <th scope="col">{t('options_data_what')}</th>
                  <th scope="col">{t('options_data_added')}</th>
                  <th scope="col">{t('options_data_replaced')}</th>
                  <th scope="col">{t('options_data_unchanged')}</th>
                  <th scope="col">{t('options_data_removed')}</th>
                </tr>
              </thead>
              <tbody>
                {(Object.keys(TABLE_LABELS) as Array<keyof typeof TABLE_LABELS>).map((key) => (
                  <DiffRow key={key} label={t(TABLE_LABELS[key])} diff={pending.preview.diff[key]} />
                ))}
                <tr>
                  <th scope="row">{t('options_data_settings')}</th>
                  <td colSpan={4}>{t(`options_data_settings_${pending.preview.diff.settings}`)}</td>
                </tr>
              </tbody>
            </table>
            {sameAsStored(pending.preview.diff) && (
              <p class="op-muted" data-testid="import-identical">
                {t('options_data_identical')}
              </p>
            )}
            <div class="op-row-actions">
              <button
                type="button"
                class="op-button"
                onClick={() => {
                  setPending(null);
                  resetFile();
                  setNotice({ tone: 'info', text: t('options_data_import_cancelled') });
                }}
              >
                {t('cancel')}
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
                  setNotice(result.ok ? { tone: 'success', text: t('options_data_imported', summaryWords(result.data)) } : { tone: 'error', text: t('options_data_import_failed', result.message) });
                }}
              >
                {busy === 'import' ? t('options_data_importing') : t('options_data_import_confirm')}
              </button>
            </div>
          </div>
        )}
      </Card>

      <Card title={t('options_data_clear')} description={t('options_data_clear_description')}>
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
            {t('options_data_clear_button')}
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
              <strong>{t('options_data_clear_title')}</strong>
            </p>
            <p id="clear-description" class="op-muted">
              {t('options_data_clear_text')}
            </p>
            <div class="op-row-actions">
              <button ref={cancelClear} type="button" class="op-button" onClick={() => setConfirmingClear(false)}>
                {t('options_data_keep')}
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
                  setNotice(result.ok ? { tone: 'success', text: t('options_data_cleared') } : { tone: 'error', text: t('options_data_clear_failed', result.message) });
                }}
              >
                {busy === 'clear' ? t('options_data_deleting') : t('options_data_delete_everything')}
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

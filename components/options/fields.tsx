// Form controls shared by the options sections: every control has a visible label, its hint and its error are
// tied to it for screen readers (aria-describedby, aria-invalid), and errors sit right next to the field.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { t } from '../i18n';

export interface FieldProps {
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly error?: string | undefined;
  /** The field's path, put on the error element so tests and people can tell which field it belongs to. */
  readonly path?: string;
  readonly wide?: boolean;
  readonly children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}

export function Field({ label, hint, error, path, wide, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`op-field${wide ? ' op-field-wide' : ''}${error ? ' op-field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <span class="op-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span class="op-field-error" id={errorId} data-testid="field-error" data-field={path}>
          {error}
        </span>
      )}
    </div>
  );
}

export function NumberField(props: {
  readonly label: ComponentChildren;
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly error?: string | undefined;
  readonly path: string;
  readonly hint?: ComponentChildren;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly unit?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error} path={props.path}>
      {({ id, describedBy, invalid }) => (
        <span class="op-number">
          <input
            id={id}
            type="number"
            name={props.path}
            inputMode="numeric"
            value={Number.isNaN(props.value) ? '' : String(props.value)}
            min={props.min}
            max={props.max}
            step={props.step ?? 1}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onInput={(e) => {
              const raw = e.currentTarget.value.trim();
              props.onChange(raw === '' ? Number.NaN : Number(raw));
            }}
          />
          {props.unit && <span class="op-unit">{props.unit}</span>}
        </span>
      )}
    </Field>
  );
}

export function TextField(props: {
  readonly label: ComponentChildren;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly path: string;
  readonly hint?: ComponentChildren;
  readonly placeholder?: string;
  readonly maxLength?: number;
  readonly multiline?: boolean;
  readonly rows?: number;
  readonly wide?: boolean;
  readonly type?: 'text' | 'email' | 'url';
  readonly spellcheck?: boolean;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error} path={props.path} wide={props.wide ?? false}>
      {({ id, describedBy, invalid }) =>
        props.multiline ? (
          <textarea
            id={id}
            name={props.path}
            rows={props.rows ?? 3}
            value={props.value}
            placeholder={props.placeholder}
            maxLength={props.maxLength}
            spellcheck={props.spellcheck ?? true}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onInput={(e) => props.onChange(e.currentTarget.value)}
          />
        ) : (
          <input
            id={id}
            name={props.path}
            type={(props.type ?? 'text') as 'text'}
            value={props.value}
            placeholder={props.placeholder}
            maxLength={props.maxLength}
            spellcheck={props.spellcheck ?? false}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onInput={(e) => props.onChange(e.currentTarget.value)}
          />
        )
      }
    </Field>
  );
}

export type Tone = 'error' | 'success' | 'info' | 'warning';
export interface Notice {
  readonly tone: Tone;
  readonly text: string;
}

export function NoticeBar({ notice, onDismiss, testId }: { notice: Notice | null; onDismiss?: () => void; testId?: string }) {
  if (!notice) return null;
  return (
    <div class={`op-notice op-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid={testId ?? 'options-notice'} data-tone={notice.tone}>
      <span>{notice.text}</span>
      {onDismiss && (
        <button type="button" class="op-icon-button" aria-label={t('options_dismiss_message')} onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

/** Shown on a section whose settings IT provides through enterprise policy; `text` says what is managed. */
export function LockedNote({ text }: { text: string }) {
  return (
    <p class="op-locked" data-testid="locked-note" role="note">
      <span aria-hidden="true">🔒</span> {text}
    </p>
  );
}

export function SectionHeader({ title, description, children }: { title: string; description: ComponentChildren; children?: ComponentChildren }) {
  return (
    <header class="op-section-header">
      <div>
        <h2 tabIndex={-1} data-section-title>
          {title}
        </h2>
        <p class="op-muted">{description}</p>
      </div>
      {children && <div class="op-section-actions">{children}</div>}
    </header>
  );
}

export function Card({ title, description, children, testId }: { title?: ComponentChildren; description?: ComponentChildren; children: ComponentChildren; testId?: string }) {
  return (
    <section class="op-card" data-testid={testId}>
      {title && <h3>{title}</h3>}
      {description && <p class="op-muted op-card-description">{description}</p>}
      {children}
    </section>
  );
}

/** A save bar for a section with a draft: says whether there are unsaved changes and how many fields need fixing. */
export function SaveBar(props: {
  readonly dirty: boolean;
  readonly errors: number;
  readonly saving: boolean;
  readonly disabled: boolean;
  readonly onSave: () => void;
  readonly onReset: () => void;
  readonly saveLabel?: string;
  readonly testId?: string;
}) {
  const status =
    props.errors > 0 ? (props.errors === 1 ? t('options_fix_one_before_saving') : t('options_fix_many_before_saving', props.errors)) : props.dirty ? t('options_unsaved') : t('options_all_saved');
  return (
    <div class="op-savebar" data-dirty={props.dirty}>
      <span class={`op-savebar-status${props.errors > 0 ? ' op-text-error' : ''}`} role="status">
        {status}
      </span>
      <button type="button" class="op-button" disabled={props.disabled || !props.dirty || props.saving} onClick={props.onReset}>
        {t('options_discard')}
      </button>
      <button type="button" class="op-button op-primary" data-testid={props.testId} disabled={props.disabled || !props.dirty || props.saving} onClick={props.onSave}>
        {props.saving ? t('options_saving') : (props.saveLabel ?? t('options_save'))}
      </button>
    </div>
  );
}

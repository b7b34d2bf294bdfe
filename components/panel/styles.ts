// The panel's stylesheet, inside its shadow root: the helpdesk's CSS cannot reach it and ours cannot leak out.
// `all: initial` on the host stops inherited fonts and colours; light and dark follow the system setting.
export const PANEL_CSS = `
:host { all: initial; display: block; margin: 8px 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color-scheme: light dark; }
:host([data-floating]) { position: fixed; right: 16px; bottom: 16px; width: 360px; max-height: 70vh; overflow: auto; z-index: 2147483000; margin: 0; box-shadow: 0 8px 24px rgba(0,0,0,.25); border-radius: 10px; }
.ed-root { --bg: #ffffff; --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --accent: #2563eb; --accent-fg: #ffffff; --warn-bg: #fffbeb; --warn: #92400e; --err-bg: #fef2f2; --err: #b91c1c; --ok-bg: #ecfdf5; --ok: #047857; }
@media (prefers-color-scheme: dark) { .ed-root { --bg: #111827; --fg: #f3f4f6; --muted: #9ca3af; --line: #374151; --accent: #60a5fa; --accent-fg: #0b1220; --warn-bg: #3b2f0b; --warn: #fcd34d; --err-bg: #3f1212; --err: #fca5a5; --ok-bg: #0b3325; --ok: #6ee7b7; } }
.ed-panel { background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
.ed-header { display: flex; align-items: center; gap: 8px; padding: 8px 10px; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.ed-brand { font-weight: 700; }
.ed-status { flex: 1; font-weight: 600; }
.ed-status[data-tone="requested"] { color: var(--warn); }
.ed-status[data-tone="approved"] { color: var(--ok); }
.ed-status[data-tone="declined"], .ed-status[data-tone="problem"] { color: var(--err); }
.ed-sync { font-size: 11px; padding: 1px 6px; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); }
.ed-sync-failed { color: var(--err); border-color: var(--err); }
.ed-body { padding: 10px; display: grid; gap: 10px; }
.ed-section { display: grid; gap: 6px; border-top: 1px solid var(--line); padding-top: 8px; }
.ed-section h3 { margin: 0; font-size: 13px; }
.ed-muted { color: var(--muted); margin: 0; }
p { margin: 0; }
blockquote { margin: 4px 0; padding: 4px 8px; border-left: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
button { font: inherit; padding: 5px 10px; border-radius: 6px; border: 1px solid var(--line); background: var(--bg); color: var(--fg); cursor: pointer; }
button:disabled { opacity: .55; cursor: default; }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.ed-primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); font-weight: 600; }
.ed-icon { border: none; background: none; padding: 0 4px; }
.ed-buttons { display: flex; gap: 6px; flex-wrap: wrap; }
.ed-form { display: grid; gap: 8px; }
.ed-form label { display: grid; gap: 2px; }
.ed-form label.ed-inline, label.ed-inline { display: inline-flex; gap: 4px; align-items: center; margin-right: 10px; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0; padding: 6px 8px; }
legend { padding: 0 4px; }
fieldset.ed-plain { border: none; padding: 0; margin: 0; display: grid; gap: 10px; min-width: 0; }
input[type="text"], textarea, select { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); box-sizing: border-box; width: 100%; }
.ed-row { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.ed-inline-form { display: flex; gap: 6px; }
.ed-detected { background: var(--warn-bg); color: var(--fg); border: 1px solid var(--warn); border-radius: 8px; padding: 8px; }
.ed-warnings { margin: 0; padding: 6px 8px 6px 24px; background: var(--warn-bg); color: var(--warn); border-radius: 6px; }
.ed-notice { display: flex; justify-content: space-between; gap: 8px; padding: 6px 8px; border-radius: 6px; white-space: pre-wrap; }
.ed-error, .ed-notice.ed-error, .ed-failed { color: var(--err); }
.ed-notice.ed-error, .ed-failed { background: var(--err-bg); padding: 6px 8px; border-radius: 6px; }
.ed-notice.ed-success { background: var(--ok-bg); color: var(--ok); }
.ed-notice.ed-info { background: var(--warn-bg); }
.ed-overdue { color: var(--err); font-weight: 600; }
.ed-problem { background: var(--err-bg); border-radius: 8px; padding: 8px; display: grid; gap: 4px; }
.ed-timeline { margin: 0; padding-left: 18px; display: grid; gap: 4px; }
.ed-detail { color: var(--muted); white-space: pre-wrap; overflow-wrap: anywhere; }
.ed-log, .ed-checklist { margin: 0; padding-left: 18px; }
.ed-hint { color: var(--muted); font-size: 12px; }
dl.ed-read { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 4px 0 0; }
dl.ed-read dt { color: var(--muted); }
dl.ed-read dd { margin: 0; overflow-wrap: anywhere; }
code { font-size: 12px; overflow-wrap: anywhere; }
`;

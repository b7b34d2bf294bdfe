// Every Zendesk selector the adapter uses, in one place. Confidence letters (H/M/L) are the research's
// (shared/research/helpdesks.md section 1); each alternative names the UI generation it was seen in.
import { cssString } from '../dom';

export const ZENDESK = {
  /** The active ticket's workspace; several are mounted at once, the hidden ones carry `display: none`. */
  workspace: (ticketId: string): readonly string[] => [
    // agent workspace, 2021+ (holatuwol liferay-zendesk-userscript, H)
    `[data-side-conversations-anchor-id=${cssString(ticketId)}]`,
    // older agent workspace, until 2024 (a public userscript scopes by data-ticket-id, M)
    `.workspace[data-ticket-id=${cssString(ticketId)}]`,
  ],
  /** Any ticket workspace, to tell "this one is hidden" from "another one is visible". */
  anyWorkspace: '[data-side-conversations-anchor-id], .workspace[data-ticket-id]',
  subject: [
    'input[data-test-id="omni-header-subject"]', // agent workspace header, 2023+ (H)
    'input[data-test-id="ticket-pane-subject"]', // legacy ticket pane, until 2024 (H)
  ],
  requester: [
    '[data-test-id="ticket-system-field-requester-select"] [title]', // sidebar, all generations (H)
  ],
  status: [
    '[data-test-id="ticket-fields-status-view"]', // ticket footer, 2024+ (M)
    '[data-cy-test-id="status-badge-state"]', // header status badge, 2023+ (M)
  ],
  priority: [
    '[data-test-id="ticket-fields-priority-select"] [data-garden-id="dropdowns.combobox.value"]', // Garden combobox, 2024+ (H)
    'div[data-test-id="ticket-fields-priority"] button', // legacy dropdown button, until 2024 (H)
  ],
  assignee: [
    '[data-test-id="assignee-field-selected-agent-tag"] [title]', // assignee chip, 2024+ (M)
    '[data-test-id="assignee-field"] [title]', // assignee field, older layouts (M)
  ],
  tagsField: ['div[data-test-id="ticket-fields-tags"]'], // sidebar tags field, all generations (M)
  tag: '[data-test-id="ticket-system-field-tags-item-selected"]', // one selected tag, text + "×" (M)
  /** Reply editors, in order; insertReply uses the first found in the active workspace. */
  editor: [
    '[data-test-id="omnicomposer-rich-text-ckeditor"] [contenteditable="true"]', // CKEditor 5 composer, 2024+ (H)
    '[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]', // same, editable on the wrapper (H)
    '[data-test-id="omnicomposer-plain-text-ckeditor"][contenteditable="true"]', // plain-text composer (H)
    'div[data-test-id="ticket-rich-text-editor"] [contenteditable="true"][role="textbox"]', // legacy editor, until 2024 (H)
  ],
  /** Panel anchors inside the active workspace, best first. */
  mountAnchors: [
    '[data-test-id="omni-header-via-label"]', // header strip, agent workspace 2023+ (holatuwol mounts here, M)
    '#ticket_sidebar', // top of the ticket sidebar, all generations (M)
    '.property_box', // legacy sidebar property box, until 2025 (M)
    '.apps.workspace', // apps column (sstone-codaio/zendesk, L)
  ],
  /** Writes echo this meta tag's content in X-CSRF-Token (M). */
  csrfMeta: 'csrf-token',
} as const;

/** Selector expectations against the committed fixtures (checked by zendesk.test.ts). */
// Built in a pure call so the content-script bundle drops it (only the tests read it).
export const SELECTOR_EXPECTATIONS: ReadonlyArray<{ selector: string; fixture: string; count: number }> = /* @__PURE__ */ (() => [
  // ticket-2026-11.html: ticket 101 active, 102 and 103 mounted but hidden
  { selector: '[data-side-conversations-anchor-id]', fixture: 'ticket-2026-11.html', count: 3 },
  { selector: '[data-side-conversations-anchor-id="101"]', fixture: 'ticket-2026-11.html', count: 1 },
  { selector: '[data-side-conversations-anchor-id]:not([style*="display"])', fixture: 'ticket-2026-11.html', count: 1 },
  { selector: ZENDESK.subject[0], fixture: 'ticket-2026-11.html', count: 3 },
  { selector: ZENDESK.subject[1], fixture: 'ticket-2026-11.html', count: 0 },
  { selector: ZENDESK.requester[0], fixture: 'ticket-2026-11.html', count: 3 },
  { selector: ZENDESK.status[0], fixture: 'ticket-2026-11.html', count: 3 },
  { selector: ZENDESK.priority[0], fixture: 'ticket-2026-11.html', count: 3 },
  { selector: ZENDESK.priority[1], fixture: 'ticket-2026-11.html', count: 0 },
  { selector: ZENDESK.assignee[0], fixture: 'ticket-2026-11.html', count: 2 },
  { selector: ZENDESK.tag, fixture: 'ticket-2026-11.html', count: 3 },
  { selector: ZENDESK.editor[0], fixture: 'ticket-2026-11.html', count: 3 },
  { selector: ZENDESK.mountAnchors[0], fixture: 'ticket-2026-11.html', count: 3 },
  { selector: 'meta[name="csrf-token"]', fixture: 'ticket-2026-11.html', count: 1 },
  { selector: 'article[data-test-id="omni-log-comment-item"]', fixture: 'ticket-2026-11.html', count: 7 },
  { selector: 'div[data-test-id="omni-log-internal-note-tag"]', fixture: 'ticket-2026-11.html', count: 1 },
  // ticket-legacy-2024-06.html: older workspace (data-ticket-id, ticket-pane-subject, property boxes), 2 tickets
  { selector: '.workspace[data-ticket-id]', fixture: 'ticket-legacy-2024-06.html', count: 2 },
  { selector: '[data-side-conversations-anchor-id]', fixture: 'ticket-legacy-2024-06.html', count: 0 },
  { selector: ZENDESK.subject[0], fixture: 'ticket-legacy-2024-06.html', count: 0 },
  { selector: ZENDESK.subject[1], fixture: 'ticket-legacy-2024-06.html', count: 2 },
  { selector: ZENDESK.priority[1], fixture: 'ticket-legacy-2024-06.html', count: 2 },
  { selector: ZENDESK.editor[3], fixture: 'ticket-legacy-2024-06.html', count: 2 },
  { selector: ZENDESK.mountAnchors[2], fixture: 'ticket-legacy-2024-06.html', count: 4 },
  { selector: 'meta[name="csrf-token"]', fixture: 'ticket-legacy-2024-06.html', count: 1 },
  // views-list-2026-11.html: a view, no ticket workspace at all
  { selector: ZENDESK.anyWorkspace, fixture: 'views-list-2026-11.html', count: 0 },
  { selector: ZENDESK.subject.join(', '), fixture: 'views-list-2026-11.html', count: 0 },
  { selector: ZENDESK.editor.join(', '), fixture: 'views-list-2026-11.html', count: 0 },
  { selector: ZENDESK.mountAnchors.join(', '), fixture: 'views-list-2026-11.html', count: 0 },
  { selector: 'tr[data-test-id="generic-table-row"]', fixture: 'views-list-2026-11.html', count: 4 },
])();

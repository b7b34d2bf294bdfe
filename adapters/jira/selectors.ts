// Every Jira Service Management selector the adapter uses, in one place (Atlassian Design System `data-testid`s).
// Confidence letters are the research's (shared/research/helpdesks.md section 3). Internal versus public is not
// readable from the DOM reliably: comments come from /rest/servicedeskapi.
export const JIRA = {
  /** The current issue's key in the breadcrumbs: tells which issue the view shows (issue view, 2020+, H). */
  breadcrumbKey: '[data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"]',
  summary: ['h1[data-testid="issue.views.issue-base.foundation.summary.heading"]'], // issue view, 2020+ (H, ≥8 scripts)
  status: ['button[data-testid="issue-field-status.ui.status-view.status-button.status-button"] span'], // 2021+ (H)
  priority: ['div[data-testid="issue-field-priority-readview-full.ui.priority.wrapper"] span'], // 2022+ (M, LauraSWP)
  editor: [
    '#ak-editor-textarea[contenteditable="true"]', // Atlaskit ProseMirror comment editor, 2020+ (M)
    '.akEditor .ProseMirror[contenteditable="true"]', // the same editor when it lacks the id (L)
  ],
  mountAnchors: [
    'h1[data-testid="issue.views.issue-base.foundation.summary.heading"]', // next to the summary heading (M)
    '[data-testid="issue.views.issue-base.context.context-items"]', // right-hand details panel, 2023+ (L)
  ],
} as const;

// Built in a pure call so the content-script bundle drops it (only the tests read it).
export const SELECTOR_EXPECTATIONS: ReadonlyArray<{ selector: string; fixture: string; count: number }> = /* @__PURE__ */ (() => [
  // ticket-2026-11.html: SUP-301 at /browse/SUP-301 (internal comment, customer asking for a manager)
  { selector: JIRA.breadcrumbKey, fixture: 'ticket-2026-11.html', count: 1 },
  { selector: JIRA.summary[0], fixture: 'ticket-2026-11.html', count: 1 },
  { selector: JIRA.status[0], fixture: 'ticket-2026-11.html', count: 1 },
  { selector: JIRA.priority[0], fixture: 'ticket-2026-11.html', count: 1 },
  { selector: JIRA.editor[0], fixture: 'ticket-2026-11.html', count: 1 },
  { selector: '[data-testid="issue-comment-base.ui.comment.custom-comment.container"]', fixture: 'ticket-2026-11.html', count: 3 },
  { selector: '[data-testid="issue-comment-base.ui.comment.custom-comment.restricted-to"]', fixture: 'ticket-2026-11.html', count: 1 },
  { selector: 'span[data-testid="issue-timestamp.relative-time"]', fixture: 'ticket-2026-11.html', count: 3 },
  { selector: JIRA.mountAnchors[1], fixture: 'ticket-2026-11.html', count: 1 },
  // queue-selected-issue-2026-11.html: the queue with SUP-302 open in the side panel (?selectedIssue=SUP-302)
  { selector: JIRA.breadcrumbKey, fixture: 'queue-selected-issue-2026-11.html', count: 1 },
  { selector: JIRA.summary[0], fixture: 'queue-selected-issue-2026-11.html', count: 1 },
  { selector: '[data-testid="servicedesk-queues-agent-view.layout.queue-table.row"]', fixture: 'queue-selected-issue-2026-11.html', count: 4 },
  { selector: '[data-testid="issue-comment-base.ui.comment.custom-comment.restricted-to"]', fixture: 'queue-selected-issue-2026-11.html', count: 0 },
  // views-list-2026-11.html: the queue, no issue selected
  { selector: JIRA.breadcrumbKey, fixture: 'views-list-2026-11.html', count: 0 },
  { selector: JIRA.summary[0], fixture: 'views-list-2026-11.html', count: 0 },
  { selector: JIRA.editor.join(', '), fixture: 'views-list-2026-11.html', count: 0 },
  { selector: JIRA.mountAnchors.join(', '), fixture: 'views-list-2026-11.html', count: 0 },
  { selector: '[data-testid="servicedesk-queues-agent-view.layout.queue-table.row"]', fixture: 'views-list-2026-11.html', count: 4 },
])();

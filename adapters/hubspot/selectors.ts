// Every HubSpot selector the adapter uses. HubSpot's record pages carry `data-test-id` / `data-selenium-test`
// attributes used by public userscripts (research: M/L); the help-desk workspace pane is not publicly mapped (L)
// and its containers here are modelled. The adapter reads the ticket from the same-origin /api proxy, so the DOM
// is only for mounting and reply insertion.

export const MOUNT_ANCHORS = [
  '[data-test-id="left-sidebar"]', // CRM ticket record page left sidebar, HubSpot-Ticket-Refined userscript, 2024-2026 (M)
  '[data-test-id="ticket-sidebar"]', // help-desk workspace ticket sidebar, modelled 2026-11 (L)
];

/** The help-desk composer. The record page has no inline reply box (replies open a modal): insertReply refuses. */
export const REPLY_EDITOR = [
  '[data-test-id="communicator"] [contenteditable="true"]', // help-desk workspace composer (Draft.js), modelled 2026-11 (L)
];

// Built in a pure call so the content-script bundle drops it (only the tests read it).
/** What each selector matches in the committed fixtures (checked by hubspot.test.ts). */
export const SELECTOR_EXPECTATIONS: ReadonlyArray<{ selector: string; fixture: string; count: number }> = /* @__PURE__ */ (() => [
  { selector: MOUNT_ANCHORS[0]!, fixture: 'record-ticket-2026-11.html', count: 1 },
  { selector: MOUNT_ANCHORS[0]!, fixture: 'help-desk-ticket-2026-11.html', count: 0 },
  { selector: MOUNT_ANCHORS[0]!, fixture: 'views-list-2026-11.html', count: 0 },
  { selector: MOUNT_ANCHORS[1]!, fixture: 'help-desk-ticket-2026-11.html', count: 1 },
  { selector: MOUNT_ANCHORS[1]!, fixture: 'record-ticket-2026-11.html', count: 0 },
  { selector: MOUNT_ANCHORS[1]!, fixture: 'views-list-2026-11.html', count: 0 },
  { selector: REPLY_EDITOR[0]!, fixture: 'help-desk-ticket-2026-11.html', count: 1 },
  { selector: REPLY_EDITOR[0]!, fixture: 'record-ticket-2026-11.html', count: 0 },
  { selector: REPLY_EDITOR[0]!, fixture: 'views-list-2026-11.html', count: 0 },
])();

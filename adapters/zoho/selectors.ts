// Every Zoho Desk selector the adapter uses. Public knowledge of Zoho Desk's agent DOM is low (research: L; the
// UI is a Lyte/Ember-style app with generated classes), so the adapter reads the ticket from the same-origin API
// and uses the DOM only to mount and to put reply text in. These are modelled containers, unverified on a live
// desk: when they do not match, the panel floats and insertReply says so.

export const MOUNT_ANCHORS = [
  '[data-id="ticketPropertiesPanel"]', // ticket detail right panel, modelled 2026-11 (L)
];

export const REPLY_EDITOR = [
  '[data-id="replyEditor"][contenteditable="true"]', // reply composer, modelled 2026-11 (L)
];

// Built in a pure call so the content-script bundle drops it (only the tests read it).
/** What each selector matches in the committed fixtures (checked by zoho.test.ts). */
export const SELECTOR_EXPECTATIONS: ReadonlyArray<{ selector: string; fixture: string; count: number }> = /* @__PURE__ */ (() => [
  ...[MOUNT_ANCHORS[0]!, REPLY_EDITOR[0]!].flatMap((selector) => [
    { selector, fixture: 'ticket-2026-11.html', count: 1 },
    { selector, fixture: 'ticket-long-2026-11.html', count: 1 },
    { selector, fixture: 'views-list-2026-11.html', count: 0 },
  ]),
])();

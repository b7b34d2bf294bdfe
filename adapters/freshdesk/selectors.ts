// Every Freshdesk selector the adapter uses, in one place. Confidence letters are the research's
// (shared/research/helpdesks.md section 2). The snapshot comes from /api/v2: the page shows only the latest
// conversations ("load more") and the contact and properties panels are shadow-DOM micro-frontends. The DOM is
// used for presence (health), mounting, the reply editor and the CSRF meta tag.
export const FRESHDESK = {
  /** The conversation items: the first is the description; the reply box is also an item (filter it out, M). */
  conversationItem: '.ticket-details__item:not(.rich-editor)', // Ember ticket view, 2023+ (M)
  description: '[data-test-id="ticket-description"]', // first conversation item, 2023+ (M)
  loadMore: 'button[data-test-button="load-more"]', // "+11 conversations", 2023+ (M)
  editor: [
    '.fr-element.fr-view[contenteditable="true"]', // Froala reply editor, 2023+ (M)
    '.redactor-editor[contenteditable="true"]', // Redactor editor, legacy /helpdesk/ view until 2024 (M)
  ],
  /** Panel anchors, best first (the right-hand panels are shadow DOM: mount beside them, not inside). */
  mountAnchors: [
    '[data-test-id="ticket-description"]', // above the conversation, 2023+ (M)
    '[data-test-id="ticket-action-reply"]', // next to the Reply action, 2023+ (M)
    '#ticket-details-wrapper .ticket-conversation', // legacy /helpdesk/ ticket view, until 2024 (L)
  ],
  /** Writes send this meta tag's content as X-CSRF-Token (NavneelDaniel/danock PoC, L). */
  csrfMeta: 'csrf-token',
} as const;

// Built in a pure call so the content-script bundle drops it (only the tests read it).
export const SELECTOR_EXPECTATIONS: ReadonlyArray<{ selector: string; fixture: string; count: number }> = /* @__PURE__ */ (() => [
  // ticket-2026-11.html: ticket 201, description + 4 conversations of which 2 are behind "load more", reply box open
  { selector: FRESHDESK.description, fixture: 'ticket-2026-11.html', count: 1 },
  { selector: FRESHDESK.conversationItem, fixture: 'ticket-2026-11.html', count: 3 },
  { selector: '.ticket-details__item', fixture: 'ticket-2026-11.html', count: 4 },
  { selector: FRESHDESK.loadMore, fixture: 'ticket-2026-11.html', count: 1 },
  { selector: '.ticket_note[data-note-id]', fixture: 'ticket-2026-11.html', count: 3 },
  { selector: FRESHDESK.editor[0], fixture: 'ticket-2026-11.html', count: 1 },
  { selector: FRESHDESK.editor[1], fixture: 'ticket-2026-11.html', count: 0 },
  { selector: FRESHDESK.mountAnchors[0], fixture: 'ticket-2026-11.html', count: 1 },
  { selector: FRESHDESK.mountAnchors[1], fixture: 'ticket-2026-11.html', count: 1 },
  { selector: 'meta[name="csrf-token"]', fixture: 'ticket-2026-11.html', count: 1 },
  // ticket-legacy-2024-06.html: the legacy /helpdesk/tickets/{id} view with the Redactor editor
  { selector: FRESHDESK.description, fixture: 'ticket-legacy-2024-06.html', count: 0 },
  { selector: '.ticket_note[data-note-id]', fixture: 'ticket-legacy-2024-06.html', count: 2 },
  { selector: FRESHDESK.editor[0], fixture: 'ticket-legacy-2024-06.html', count: 0 },
  { selector: FRESHDESK.editor[1], fixture: 'ticket-legacy-2024-06.html', count: 1 },
  { selector: FRESHDESK.mountAnchors[2], fixture: 'ticket-legacy-2024-06.html', count: 1 },
  { selector: 'meta[name="csrf-token"]', fixture: 'ticket-legacy-2024-06.html', count: 1 },
  // views-list-2026-11.html: the ticket list
  { selector: '.ticket-details__item', fixture: 'views-list-2026-11.html', count: 0 },
  { selector: FRESHDESK.editor.join(', '), fixture: 'views-list-2026-11.html', count: 0 },
  { selector: FRESHDESK.mountAnchors.join(', '), fixture: 'views-list-2026-11.html', count: 0 },
  { selector: 'a.ticket-list__subject[data-sim-link]', fixture: 'views-list-2026-11.html', count: 4 },
])();

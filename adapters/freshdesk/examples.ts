// Freshdesk: URLs the adapter must claim (with the ticket id it reads from each) and URLs of the same helpdesk it must
// not claim. For the tests only: kept out of index.ts so they do not ship in the content script.
import type { AdapterExamples } from '../types';

export const examples: AdapterExamples = {
  tickets: [
    { url: 'https://acme.freshdesk.com/a/tickets/201', ticketId: '201' },
    { url: 'https://acme.freshdesk.com/a/tickets/202?from=list', ticketId: '202' },
    { url: 'https://acme.freshdesk.com/helpdesk/tickets/203', ticketId: '203' }, // legacy view
    { url: 'https://acme.freshdesk.com/a/tickets/666/', ticketId: '666' },
  ],
  nonTickets: [
    'https://acme.freshdesk.com/a/tickets/filters/all_tickets',
    'https://acme.freshdesk.com/a/tickets',
    'https://acme.freshdesk.com/a/tickets/new',
    'https://acme.freshdesk.com/a/dashboard/default',
    'https://acme.freshdesk.com/a/contacts/48000101',
    'https://acme.freshdesk.com/support/tickets/201', // customer portal
  ],
};

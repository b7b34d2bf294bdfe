// Zendesk: URLs the adapter must claim (with the ticket id it reads from each) and URLs of the same helpdesk it must
// not claim. For the tests only: kept out of index.ts so they do not ship in the content script.
import type { AdapterExamples } from '../types';

export const examples: AdapterExamples = {
  tickets: [
    { url: 'https://acme.zendesk.com/agent/tickets/101', ticketId: '101' },
    { url: 'https://acme.zendesk.com/agent/tickets/102/events', ticketId: '102' },
    { url: 'https://acme.zendesk.com/agent/tickets/666?ref=views', ticketId: '666' },
    { url: 'https://support.acme.test/agent/tickets/103', ticketId: '103' }, // host-mapped custom domain
  ],
  nonTickets: [
    'https://acme.zendesk.com/agent/tickets/new/1',
    'https://acme.zendesk.com/agent/dashboard',
    'https://acme.zendesk.com/agent/filters/360094512',
    'https://acme.zendesk.com/agent/users/360001/requested_tickets',
    'https://acme.zendesk.com/agent/search/1?q=refund',
    'https://acme.zendesk.com/hc/en-us/requests/101',
  ],
};

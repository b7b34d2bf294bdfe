// Zoho Desk: URLs the adapter must claim (with the ticket id it reads from each) and URLs of the same helpdesk it must
// not claim. For the tests only: kept out of index.ts so they do not ship in the content script.
import type { AdapterExamples } from '../types';

export const examples: AdapterExamples = {
  tickets: [
    { url: 'https://desk.zoho.com/agent/acme/all/tickets/details/1892000000888011', ticketId: '1892000000888011' },
    { url: 'https://desk.zoho.com/agent/acme/support/tickets/details/1892000000888012', ticketId: '1892000000888012' },
    { url: 'https://desk.zoho.com/agent/acme/all/tickets/details/1892000000888013/history', ticketId: '1892000000888013' },
    { url: 'https://desk.zoho.eu/agent/globex/billing-team/tickets/details/48213000001234567', ticketId: '48213000001234567' },
    { url: 'https://desk.zoho.in/agent/acme/all/tickets/details/1892000000888666/', ticketId: '1892000000888666' },
  ],
  nonTickets: [
    'https://desk.zoho.com/agent/acme/all/tickets/list/all-tickets',
    'https://desk.zoho.com/agent/acme/all/tickets/new',
    'https://desk.zoho.com/agent/acme/all/contacts/details/1892000000045001',
    'https://desk.zoho.com/agent/acme/all/dashboards',
    'https://desk.zoho.com/agent/acme/all/tickets/details/',
    'https://desk.zoho.com/portal/acme/en/kb',
  ],
};

// HubSpot: URLs the adapter must claim (with the ticket id it reads from each) and URLs of the same helpdesk it must
// not claim. For the tests only: kept out of index.ts so they do not ship in the content script.
import type { AdapterExamples } from '../types';

export const examples: AdapterExamples = {
  tickets: [
    { url: 'https://app.hubspot.com/help-desk/20348123/view/95291824/ticket/29859078751', ticketId: '29859078751' },
    { url: 'https://app.hubspot.com/help-desk/20348123/view/95291824/ticket/29859078752?messageId=7f3a2c10', ticketId: '29859078752' },
    { url: 'https://app.hubspot.com/help-desk/20348123/view/search/ticket/29859078666', ticketId: '29859078666' },
    { url: 'https://app.hubspot.com/contacts/20348123/record/0-5/29859078753', ticketId: '29859078753' },
    { url: 'https://app.hubspot.com/contacts/20348123/record/0-5/29859078751/view/1', ticketId: '29859078751' },
    { url: 'https://app-eu1.hubspot.com/contacts/143000111/ticket/1620398811', ticketId: '1620398811' },
  ],
  nonTickets: [
    'https://app.hubspot.com/help-desk/20348123/view/95291824',
    'https://app.hubspot.com/help-desk/20348123',
    'https://app.hubspot.com/contacts/20348123/objects/0-5/views/all/list',
    'https://app.hubspot.com/contacts/20348123/record/0-1/51001',
    'https://app.hubspot.com/contacts/20348123/record/0-5/',
    'https://app.hubspot.com/reports-dashboard/20348123/view/11223344',
    'https://app.hubspot.com/live-messages/20348123/inbox/7390134812',
  ],
};

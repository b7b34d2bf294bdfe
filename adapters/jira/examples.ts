// Jira Service Management: URLs the adapter must claim (with the ticket id it reads from each) and URLs of the same helpdesk it must
// not claim. For the tests only: kept out of index.ts so they do not ship in the content script.
import type { AdapterExamples } from '../types';

export const examples: AdapterExamples = {
  tickets: [
    { url: 'https://acme.atlassian.net/browse/SUP-301', ticketId: 'SUP-301' },
    { url: 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-302', ticketId: 'SUP-302' },
    { url: 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1?selectedIssue=SUP-303', ticketId: 'SUP-303' },
    { url: 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/issues/SUP-666', ticketId: 'SUP-666' },
    { url: 'https://acme.atlassian.net/jira/servicedesk/projects/ITSM/section/incidents/custom/10/ITSM-5', ticketId: 'ITSM-5' },
  ],
  nonTickets: [
    'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1',
    'https://acme.atlassian.net/jira/servicedesk/projects/SUP/reports',
    'https://acme.atlassian.net/jira/your-work',
    'https://acme.atlassian.net/browse/SUP',
    'https://acme.atlassian.net/servicedesk/customer/portal/1/SUP-301', // the customer portal
    'https://acme.atlassian.net/wiki/spaces/SUP/pages/123/SUP-301', // Confluence on the same host
  ],
};

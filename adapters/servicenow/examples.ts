// ServiceNow: URLs the adapter must claim (with the ticket id it reads from each) and URLs of the same helpdesk it must
// not claim. For the tests only: kept out of index.ts so they do not ship in the content script.
import type { AdapterExamples } from '../types';

export const examples: AdapterExamples = {
  tickets: [
    { url: 'https://acme.service-now.com/incident.do?sys_id=1c741bd70b2322007518478d83673af3', ticketId: '1c741bd70b2322007518478d83673af3' },
    {
      url: 'https://acme.service-now.com/incident.do?sys_id=9e7f7a3c2f6a1110a7d2b3c4d5e6f701&sysparm_record_target=incident&sysparm_view=',
      ticketId: '9e7f7a3c2f6a1110a7d2b3c4d5e6f701',
    },
    { url: 'https://acme.service-now.com/now/sow/record/incident/1c741bd70b2322007518478d83673af3', ticketId: '1c741bd70b2322007518478d83673af3' },
    {
      url: 'https://acme.service-now.com/now/sow/record/incident/66666666666666666666666666666666/params/selected-tab-index/1',
      ticketId: '66666666666666666666666666666666',
    },
    { url: 'https://acme.service-now.com/now/workspace/agent/record/incident/9e7f7a3c2f6a1110a7d2b3c4d5e6f701', ticketId: '9e7f7a3c2f6a1110a7d2b3c4d5e6f701' },
    { url: 'https://acme.service-now.com/now/cwf/agent/record/incident/9e7f7a3c2f6a1110a7d2b3c4d5e6f701', ticketId: '9e7f7a3c2f6a1110a7d2b3c4d5e6f701' },
    {
      url: 'https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3D1c741bd70b2322007518478d83673af3',
      ticketId: '1c741bd70b2322007518478d83673af3',
    },
    {
      url: 'https://acme.service-now.com/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D1c741bd70b2322007518478d83673af3%26sysparm_stack%3D',
      ticketId: '1c741bd70b2322007518478d83673af3',
    },
  ],
  nonTickets: [
    'https://acme.service-now.com/incident_list.do?sysparm_query=active%3Dtrue',
    'https://acme.service-now.com/incident.do?sys_id=-1',
    'https://acme.service-now.com/now/sow/record/incident/-1',
    'https://acme.service-now.com/now/sow/list/params/list-id/3e2e33e3c3301200b6dcdfdc64d3ae4b/tiny-id/9U5fKLfk',
    'https://acme.service-now.com/now/sow/home',
    'https://acme.service-now.com/now/nav/ui/home',
    'https://acme.service-now.com/change_request.do?sys_id=1c741bd70b2322007518478d83673af3',
    'https://acme.service-now.com/nav_to.do?uri=incident_list.do',
    'https://acme.service-now.com/now/nav/ui/classic/params/target/incident_list.do',
  ],
};

// All simulated helpdesks, freshly seeded. Each module models one helpdesk's pages and API subset.
import { HelpdeskSimulator } from '../index';
import { createZendeskSim } from './zendesk';
import { createFreshdeskSim } from './freshdesk';
import { createJiraSim } from './jira';
import { createServiceNowSim } from './servicenow';
import { createZohoSim } from './zoho';
import { createHubSpotSim } from './hubspot';
import { createInitechSim } from './custom';

export function createSimulator(): HelpdeskSimulator {
  return new HelpdeskSimulator([
    createZendeskSim(),
    createFreshdeskSim(),
    createJiraSim(),
    createServiceNowSim(),
    createZohoSim(),
    createHubSpotSim(),
    // A helpdesk we ship no adapter for, described by an admin's custom adapter definition.
    createInitechSim(),
  ]);
}

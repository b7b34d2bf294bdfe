// The runtime adapters, by id: for the background and tests. Each content script imports only its own adapter
// (entrypoints/<id>.content.ts); the plain-data registry is registry.ts.
import type { BuiltInAdapterId } from './registry';
import type { HelpdeskAdapter } from './types';
import { zendeskAdapter } from './zendesk';
import { freshdeskAdapter } from './freshdesk';
import { jiraAdapter } from './jira';
import { serviceNowAdapter } from './servicenow';
import { zohoAdapter } from './zoho';
import { hubSpotAdapter } from './hubspot';

export const BUILT_IN_ADAPTERS: Readonly<Record<BuiltInAdapterId, HelpdeskAdapter>> = {
  zendesk: zendeskAdapter,
  freshdesk: freshdeskAdapter,
  jira: jiraAdapter,
  servicenow: serviceNowAdapter,
  zoho: zohoAdapter,
  hubspot: hubSpotAdapter,
};

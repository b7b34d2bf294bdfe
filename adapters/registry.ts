// The plain-data list of built-in helpdesk adapters. It feeds the manifest's `matches`, the options page and the
// convention tests, so it must stay free of DOM and browser calls (WXT imports it in Node at build time).

export interface AdapterEntry {
  /** Stable id, also the `site` of every ticket reference this adapter produces. */
  readonly id: BuiltInAdapterId;
  readonly label: string;
  /** Match patterns for the helpdesk's own domains. */
  readonly matches: readonly string[];
}

export const BUILT_IN_ADAPTER_IDS = ['zendesk', 'freshdesk', 'jira', 'servicenow', 'zoho', 'hubspot'] as const;
export type BuiltInAdapterId = (typeof BUILT_IN_ADAPTER_IDS)[number];

export const ADAPTER_REGISTRY: readonly AdapterEntry[] = [
  { id: 'zendesk', label: 'Zendesk', matches: ['https://*.zendesk.com/*'] },
  { id: 'freshdesk', label: 'Freshdesk', matches: ['https://*.freshdesk.com/*'] },
  { id: 'jira', label: 'Jira Service Management', matches: ['https://*.atlassian.net/*'] },
  { id: 'servicenow', label: 'ServiceNow', matches: ['https://*.service-now.com/*'] },
  {
    id: 'zoho',
    label: 'Zoho Desk',
    matches: ['https://desk.zoho.com/*', 'https://desk.zoho.eu/*', 'https://desk.zoho.in/*', 'https://desk.zoho.com.au/*'],
  },
  { id: 'hubspot', label: 'HubSpot Help Desk', matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'] },
];

/** Every built-in match pattern, for the manifest's content script and host permissions. */
export const ALL_BUILT_IN_MATCHES: readonly string[] = ADAPTER_REGISTRY.flatMap((entry) => entry.matches);

export function isBuiltInAdapterId(id: string): id is BuiltInAdapterId {
  return (BUILT_IN_ADAPTER_IDS as readonly string[]).includes(id);
}

// Every built-in adapter's example URLs, by id, for the tests (each adapter accepts its own and rejects everyone
// else's). Not imported by any entrypoint: examples do not ship.
import type { BuiltInAdapterId } from './registry';
import type { AdapterExamples } from './types';
import { examples as zendesk } from './zendesk/examples';
import { examples as freshdesk } from './freshdesk/examples';
import { examples as jira } from './jira/examples';
import { examples as servicenow } from './servicenow/examples';
import { examples as zoho } from './zoho/examples';
import { examples as hubspot } from './hubspot/examples';

export const BUILT_IN_EXAMPLES: Readonly<Record<BuiltInAdapterId, AdapterExamples>> = { zendesk, freshdesk, jira, servicenow, zoho, hubspot };

/** Every example URL (ticket and non-ticket) of the built-in adapters other than `except`. */
export function otherAdaptersExampleUrls(except?: BuiltInAdapterId): string[] {
  return Object.entries(BUILT_IN_EXAMPLES)
    .filter(([id]) => id !== except)
    .flatMap(([, e]) => [...e.tickets.map((t) => t.url), ...e.nonTickets]);
}

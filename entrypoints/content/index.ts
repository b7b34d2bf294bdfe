// Content script for the built-in helpdesks' own domains (and, registered at runtime, for custom domains).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ALL_BUILT_IN_MATCHES } from '../../adapters/registry';
import { startContent } from './controller';

export default defineContentScript({
  matches: [...ALL_BUILT_IN_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    // "Test on an open tab" may inject this script into a tab that already runs it: run once per page.
    const flag = '__escalationDeskContent';
    const scope = globalThis as unknown as Record<string, boolean>;
    if (scope[flag]) return;
    scope[flag] = true;
    try {
      startContent(ctx);
    } catch (error) {
      // Never throw into the helpdesk page.
      console.debug('[escalation-desk] content script could not start', error);
    }
  },
});

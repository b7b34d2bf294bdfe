// Content script for the built-in helpdesks' own domains (and, registered at runtime, for custom domains).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ALL_BUILT_IN_MATCHES } from '../../adapters/registry';
import { startContent } from './controller';

export default defineContentScript({
  matches: [...ALL_BUILT_IN_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    // This script can start twice in one page (registered for a custom site, and injected after a browser start
    // or for "test on an open tab"). WXT invalidates the older instance when a newer one starts; the older one
    // then tears its panel down (everything hangs off ctx.signal), so exactly one panel remains.
    const flag = '__escalationDeskContent';
    const scope = globalThis as unknown as Record<string, boolean>;
    scope[flag] = true;
    ctx.onInvalidated(() => {
      scope[flag] = false;
    });
    try {
      startContent(ctx);
    } catch (error) {
      // Never throw into the helpdesk page.
      console.debug('[escalation-desk] content script could not start', error);
    }
  },
});

// Content script for zendesk: its own domains (manifest) and, registered at runtime, companies' custom domains for it.
// One script per helpdesk, so the page loads one adapter, not all of them (see README "Benchmarks").
import { defineContentScript } from 'wxt/utils/define-content-script';
import { zendeskAdapter } from '../adapters/zendesk';
import { ADAPTER_REGISTRY } from '../adapters/registry';
import { runContentScript } from './content/controller';

export default defineContentScript({
  matches: ADAPTER_REGISTRY.filter((entry) => entry.id === 'zendesk').flatMap((entry) => [...entry.matches]),
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, 'zendesk', { builtIn: { zendesk: zendeskAdapter } });
  },
});

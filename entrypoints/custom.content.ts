// Content script for admins' custom adapters: never in the manifest, registered at runtime for the origins an admin
// granted (entrypoints/background/custom-sites.ts), and injected for "test on an open tab".
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createCustomAdapter } from '../adapters/custom/runtime';
import { runContentScript } from './content/controller';

export default defineContentScript({
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, 'custom', { builtIn: {}, custom: createCustomAdapter });
  },
});

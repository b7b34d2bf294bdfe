// Background service worker: wires the router, the store, the badge, notifications, alarms and custom sites.
// All state lives in IndexedDB; this worker may be stopped at any time and rebuilds everything on wake-up.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from './start';

export default defineBackground({
  type: 'module',
  main() {
    startBackground(browser);
  },
});

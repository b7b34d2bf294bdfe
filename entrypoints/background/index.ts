// Background service worker: wires the router, the store, the badge, notifications, alarms and custom sites.
// All state lives in IndexedDB; this worker may be stopped at any time and rebuilds everything on wake-up.
import type { Browser } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from './start';

export default defineBackground({
  type: 'module',
  main() {
    // The @wxt-dev/webextension-polyfill module makes `wxt/browser` the polyfill at run time; its declared type
    // is still WXT's chrome-shaped one, so name the polyfill's type here once.
    startBackground(browser as unknown as Browser);
  },
});

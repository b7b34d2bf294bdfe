// Loaded by popup.html as a classic script at the top of the page, so that it runs while the page's module scripts
// are still loading: it asks the background the popup's first questions (components/popup/prefetch.ts). No
// polyfill here, to stay small: Chromium's `chrome.runtime.sendMessage` and Firefox's `browser.runtime.sendMessage`
// both return a promise.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { prefetch } from '../components/popup/prefetch';

interface RuntimeLike {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as { browser?: RuntimeLike; chrome?: RuntimeLike };
  const api = scope.browser?.runtime ? scope.browser : scope.chrome;
  if (!api?.runtime?.sendMessage) return;
  try {
    prefetch(window as unknown as Record<string, unknown>, window.location.hash, (message) => api.runtime.sendMessage(message));
  } catch {
    // Nothing prefetched: the popup asks for itself, as it would anyway.
  }
});

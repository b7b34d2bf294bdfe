// Loads the panel UI (entrypoints/panel-ui.ts) into this content script's world, once per page, on first need.
// The script is a web-accessible resource of the extension; importing it runs it in the content script's
// isolated world, where it leaves its UI under PANEL_UI_KEY. A failed load is not cached: the next ticket tries again.
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { PANEL_UI_KEY, PANEL_UI_PATH, type PanelUi } from './panel-ui-contract';

let loading: Promise<PanelUi> | null = null;

function installed(): PanelUi | null {
  return (globalThis as unknown as Record<string, PanelUi | undefined>)[PANEL_UI_KEY] ?? null;
}

/** The panel UI if it is already loaded (then a panel paints synchronously, in the same frame as its anchor). */
export function loadedPanelUi(): PanelUi | null {
  return installed();
}

/** Loads the panel UI; rejects with a specific error when the script cannot be loaded or does not install it. */
export function loadPanelUi(): Promise<PanelUi> {
  const ready = installed();
  if (ready) return Promise.resolve(ready);
  // Typed as the polyfill's runtime: WXT's generated path types are not always in scope for the type checker.
  const runtime = browser.runtime as unknown as Pick<Runtime.Static, 'getURL'>;
  loading ??= import(/* @vite-ignore */ runtime.getURL(PANEL_UI_PATH))
    .then(() => {
      const ui = installed();
      if (!ui) throw new Error(`${PANEL_UI_PATH} loaded but did not install the panel`);
      return ui;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error instanceof Error ? error : new Error(String(error));
    });
  return loading;
}

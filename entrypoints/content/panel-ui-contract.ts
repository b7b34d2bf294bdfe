// What the lazily loaded panel script (entrypoints/panel-ui.ts) hands to the content script. Types and one key
// only: this module is imported by both sides, so it must pull nothing into either bundle.
import type { PanelProps } from '../../components/panel/Panel';

/** The panel UI (Preact + components/panel), loaded once per page when the first ticket is detected. */
export interface PanelUi {
  /** The panel's stylesheet, for the shadow root. */
  readonly css: string;
  /** Renders (or re-renders) the panel into a container inside the shadow root. */
  render(container: HTMLElement, props: PanelProps): void;
  /** Unmounts whatever was rendered into the container. */
  clear(container: HTMLElement): void;
}

/**
 * Where the panel script leaves its UI in the content script's isolated world (the page cannot see it). A module
 * that a content script imports runs in the content script's world, so this global is shared with it alone.
 */
export const PANEL_UI_KEY = '__escalationDeskPanelUi';

/** Installs the panel UI where loadPanelUi finds it: the panel script does this when it runs (tests may too). */
export function providePanelUi(ui: PanelUi): void {
  (globalThis as unknown as Record<string, PanelUi | undefined>)[PANEL_UI_KEY] = ui;
}

/** The panel script's path in the build (an unlisted script, listed in web_accessible_resources). */
export const PANEL_UI_PATH = '/panel-ui.js';

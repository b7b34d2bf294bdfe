// The panel UI as its own script: Preact, components/panel and the panel's stylesheet. A content script loads it
// (entrypoints/content/panel-loader.ts) only once it has found a ticket on the page, so a helpdesk page without a
// ticket never pays for it and each per-helpdesk content script stays small (see README "Benchmarks").
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { h, render } from 'preact';
import { Panel } from '../components/panel/Panel';
import { PANEL_CSS } from '../components/panel/styles';
import { providePanelUi, type PanelUi } from './content/panel-ui-contract';

/** The panel UI; unit tests that drive the content script install it with `providePanelUi(panelUi)`. */
export const panelUi: PanelUi = {
  css: PANEL_CSS,
  render: (container, props) => render(h(Panel, props), container),
  clear: (container) => render(null, container),
};

export default defineUnlistedScript(() => providePanelUi(panelUi));

// Options entry: wires the background and the few browser abilities the page needs (permission prompts, open
// tabs, downloads) to the options components.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createSender } from '../../components/messaging';
import { installMessages, uiLanguage } from '../../components/i18n';
import { OptionsApp } from '../../components/options/OptionsApp';
import type { OptionsPorts } from '../../components/options/types';
import '../../components/options/options.css';

const ports: OptionsPorts = {
  send: createSender((message) => browser.runtime.sendMessage(message)),
  subscribe: (listener) => {
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  },
  // Must run inside the click or submit that asked for it: the browser shows the prompt only during a user gesture.
  requestOrigins: (origins) => browser.permissions.request({ origins }).catch(() => false),
  openTabs: async () => {
    const tabs = await browser.tabs.query({});
    return tabs
      .filter((tab) => tab.id !== undefined && (!tab.url || /^https?:/.test(tab.url)))
      .map((tab) => ({ id: tab.id!, title: tab.title ?? '', url: tab.url ?? null }));
  },
  download: (filename, parts) => {
    const url = URL.createObjectURL(new Blob([...parts], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};

// UI strings in the browser's language (public/_locales); the page's lang follows them.
installMessages((key, substitutions) => (browser.i18n as unknown as { getMessage(key: string, substitutions?: string[]): string }).getMessage(key, substitutions), browser.i18n.getUILanguage());
document.documentElement.lang = uiLanguage();

render(<OptionsApp ports={ports} />, document.getElementById('app')!);

// Popup entry: wires the background to the manager's popup component. The same page opens as a toolbar popup and,
// from a reminder notification, as a tab at popup.html#/escalation/<id>.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/popup/PopupApp';
import { createSender } from '../../components/messaging';
import { takePrefetched } from '../../components/popup/prefetch';
import { installMessages, uiLanguage } from '../../components/i18n';
import '../../components/popup/popup.css';

// The first answers were asked for by popup-prefetch.js while this script loaded; each is taken once.
const send = createSender((message) => takePrefetched(window as unknown as Record<string, unknown>, message) ?? browser.runtime.sendMessage(message));

// A toolbar popup has no tab of its own; once the ticket is in front it closes itself. As a tab, it stays.
const closeIfPopup = () => {
  void browser.tabs.getCurrent().then((tab) => {
    if (!tab) window.close();
  });
};

// UI strings in the browser's language (public/_locales); the page's lang follows them.
installMessages((key, substitutions) => (browser.i18n as unknown as { getMessage(key: string, substitutions?: string[]): string }).getMessage(key, substitutions), browser.i18n.getUILanguage());
document.documentElement.lang = uiLanguage();

render(
  <PopupApp send={send} subscribe={(listener) => browser.runtime.onMessage.addListener(listener)} onTicketOpened={closeIfPopup} />,
  document.getElementById('app')!,
);

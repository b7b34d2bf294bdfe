// Popup entry: wires the background to the manager's popup component. The same page opens as a toolbar popup and,
// from a reminder notification, as a tab at popup.html#/escalation/<id>.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/popup/PopupApp';
import { createSender } from '../../components/messaging';
import '../../components/popup/popup.css';

const send = createSender((message) => browser.runtime.sendMessage(message));

// A toolbar popup has no tab of its own; once the ticket is in front it closes itself. As a tab, it stays.
const closeIfPopup = () => {
  void browser.tabs.getCurrent().then((tab) => {
    if (!tab) window.close();
  });
};

render(
  <PopupApp send={send} subscribe={(listener) => browser.runtime.onMessage.addListener(listener)} onTicketOpened={closeIfPopup} />,
  document.getElementById('app')!,
);

// Popup entry: wires the background to the manager's popup component.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/popup/PopupApp';
import { createSender } from '../../components/messaging';

const send = createSender((message) => browser.runtime.sendMessage(message));
render(<PopupApp send={send} subscribe={(listener) => browser.runtime.onMessage.addListener(listener)} />, document.getElementById('app')!);

// Every unit test gets a fresh fake browser and an IndexedDB that lives in memory.
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/preact';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFallbackMessages, type Messages } from '../components/i18n';
import en from '../public/_locales/en/messages.json';

// Components render English in unit tests, read from the same messages.json the extension ships.
installFallbackMessages(en as Messages);

// Component tests wait for the real background (fake-indexeddb) to answer; on a loaded 2-core CI machine that can
// take longer than Testing Library's default second. A generous wait only matters when something is slow.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  fakeBrowser.reset();
});

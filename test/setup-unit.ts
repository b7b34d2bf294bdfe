// Every unit test gets a fresh fake browser and an IndexedDB that lives in memory.
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/preact';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Component tests wait for the real background (fake-indexeddb) to answer; on a loaded 2-core CI machine that can
// take longer than Testing Library's default second. A generous wait only matters when something is slow.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  fakeBrowser.reset();
});

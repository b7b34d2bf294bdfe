// Page object for the manager's popup (opened as a tab at chrome-extension://<id>/popup.html).
import type { Page } from 'puppeteer-core';

export class PopupPage {
  constructor(readonly page: Page) {}

  async waitForQueue(): Promise<void> {
    await this.page.waitForSelector('[data-testid="queue"]');
  }

  async queueIds(): Promise<string[]> {
    return this.page.$$eval('[data-testid="queue-item"]', (items) => items.map((i) => i.getAttribute('data-escalation-id') ?? ''));
  }

  async waitForQueueLength(n: number, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction((count) => document.querySelectorAll('[data-testid="queue-item"]').length === count, { timeout }, n);
  }
}

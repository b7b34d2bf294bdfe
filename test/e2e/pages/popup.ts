// Page object for the manager's popup (opened as a tab at chrome-extension://<id>/popup.html). Everything goes
// through the public data-testid hooks; waits observe the DOM (mutation polling), which also works while the popup
// tab is in the background behind a helpdesk tab.
import type { Page } from 'puppeteer-core';

export interface BadgeState {
  readonly text: string;
  /** RGBA, as chrome.action.getBadgeBackgroundColor answers. */
  readonly colour: readonly number[];
}

export class PopupPage {
  constructor(readonly page: Page) {}

  private sel(testId: string): string {
    return `[data-testid="${testId}"]`;
  }

  /** Goes to a place in the popup (`#/`, `#/history`, `#/escalation/<id>`) as a notification link would. */
  async go(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  }

  async waitForQueue(): Promise<void> {
    await this.page.waitForSelector('[data-testid="queue"]');
  }

  async queueIds(): Promise<string[]> {
    return this.page.$$eval('[data-testid="queue-item"]', (items) => items.map((i) => i.getAttribute('data-escalation-id') ?? ''));
  }

  async waitForQueueLength(n: number, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction((count) => document.querySelectorAll('[data-testid="queue-item"]').length === count, { timeout, polling: 'mutation' }, n);
  }

  async waitForQueueItem(escalationId: string, timeout = 10_000): Promise<void> {
    await this.page.waitForSelector(`[data-testid="queue-item"][data-escalation-id="${escalationId}"]`, { timeout });
  }

  /** The toolbar badge, read from this extension page. */
  async badge(): Promise<BadgeState> {
    return this.page.evaluate(async () => {
      const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]> } } }).chrome.action;
      return { text: await action.getBadgeText({}), colour: await action.getBadgeBackgroundColor({}) };
    });
  }

  async has(testId: string): Promise<boolean> {
    return (await this.page.$(this.sel(testId))) !== null;
  }

  async waitFor(testId: string, timeout = 10_000): Promise<void> {
    await this.page.waitForSelector(this.sel(testId), { timeout });
  }

  async text(testId: string, timeout = 10_000): Promise<string> {
    const handle = await this.page.waitForSelector(this.sel(testId), { timeout });
    return (await handle!.evaluate((el) => el.textContent ?? '')).trim();
  }

  /** A person interacts with the tab in front; puppeteer's clicks also need it (background tabs do not paint). */
  private async front(): Promise<void> {
    await this.page.bringToFront();
  }

  async click(testId: string): Promise<void> {
    await this.front();
    await (await this.page.waitForSelector(this.sel(testId)))!.click();
  }

  async openEscalation(escalationId: string): Promise<void> {
    await this.front();
    await (await this.page.waitForSelector(`[data-testid="queue-item"][data-escalation-id="${escalationId}"]`))!.click();
    await this.waitForDetail(escalationId);
  }

  async waitForDetail(escalationId: string, timeout = 10_000): Promise<void> {
    await this.page.waitForSelector(`[data-testid="escalation-detail"][data-escalation-id="${escalationId}"]`, { timeout });
  }

  /** Waits until the detail shows the escalation in `state` (requested, approved, declined...). */
  async waitForDetailState(state: string, timeout = 10_000): Promise<void> {
    await this.page.waitForSelector(`[data-testid="escalation-detail"][data-state="${state}"]`, { timeout });
  }

  async fill(testId: string, value: string): Promise<void> {
    await this.front();
    const handle = await this.page.waitForSelector(this.sel(testId));
    await handle!.click({ count: 3 });
    await handle!.evaluate((el) => {
      (el as HTMLTextAreaElement).value = '';
    });
    await handle!.type(value);
  }

  async select(name: string, value: string): Promise<void> {
    await this.front();
    await this.page.select(`select[name="${name}"]`, value);
  }

  /** Opens the approval form of the escalation shown, fills it and submits. */
  async approve(options: { rationale: string; newPriority?: string; followUps?: string[] }): Promise<void> {
    await this.click('approve-button');
    await this.fill('decision-reason', options.rationale);
    if (options.newPriority) await this.select('newPriority', options.newPriority);
    if (options.followUps) {
      const handle = await this.page.waitForSelector('textarea[name="followUps"]');
      await handle!.type(options.followUps.join('\n'));
    }
    await this.click('decision-submit');
  }

  /** Opens the decline form and submits what is given (leave parts out to see the refusal). */
  async decline(options: { category?: string; reason?: string }): Promise<void> {
    await this.click('decline-button');
    await this.page.waitForSelector(this.sel('decision-reason'));
    if (options.category) await this.select('category', options.category);
    if (options.reason) await this.fill('decision-reason', options.reason);
    await this.click('decision-submit');
  }

  /** The write-backs the detail lists, as [kind, sync state]. */
  async writeBacks(): Promise<Array<[string, string]>> {
    return this.page.$$eval('[data-testid="write-back"]', (items) => items.map((i) => [i.getAttribute('data-kind') ?? '', i.getAttribute('data-sync') ?? ''] as [string, string]));
  }

  /** Every decision control the DESIGN contract names, present or not. */
  async decisionControls(): Promise<string[]> {
    return this.page.$$eval('[data-testid="approve-button"], [data-testid="decline-button"], [data-testid="decision-reason"], [data-testid="decision-submit"]', (els) =>
      els.map((e) => e.getAttribute('data-testid') ?? ''),
    );
  }
}

// Page object for the agent's panel inside a helpdesk tab. Everything goes through the public data-testid hooks
// inside the panel's open shadow root.
import type { ElementHandle, Page } from 'puppeteer-core';

const HOST = 'escalation-desk-panel';

export class PanelPage {
  constructor(readonly page: Page) {}

  private sel(testId: string): string {
    return `${HOST} >>> [data-testid="${testId}"]`;
  }

  async waitForPanel(timeout = 10_000): Promise<void> {
    await this.waitFor('escalation-panel', timeout);
  }

  /** Number of panel hosts in the page (there must never be more than one). */
  async hostCount(): Promise<number> {
    return this.page.evaluate((host) => document.querySelectorAll(host).length, HOST);
  }

  async status(): Promise<string> {
    return this.page.$eval(this.sel('escalation-status'), (el) => el.textContent ?? '');
  }

  async waitForStatus(pattern: RegExp, timeout = 10_000): Promise<string> {
    await this.page.waitForFunction(
      (host, source, flags) => {
        const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="escalation-status"]');
        return !!el && new RegExp(source, flags).test(el.textContent ?? '');
      },
      { timeout, polling: 50 },
      HOST,
      pattern.source,
      pattern.flags,
    );
    return this.status();
  }

  /** Waits until the panel's timeline shows an event of this type. */
  async waitForEvent(type: string, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (host, t) => !!document.querySelector(host)?.shadowRoot?.querySelector(`[data-testid="timeline"] [data-event-type="${t}"]`),
      { timeout, polling: 50 },
      HOST,
      type,
    );
  }

  /** The write-back badge's state: 'synced', 'pending' or 'failed' (null before an escalation exists). */
  async syncState(): Promise<string | null> {
    return this.page.evaluate((host) => document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="sync-status"]')?.getAttribute('data-sync') ?? null, HOST);
  }

  async waitForSync(state: 'synced' | 'pending' | 'failed', timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (host, s) => document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="sync-status"]')?.getAttribute('data-sync') === s,
      { timeout, polling: 50 },
      HOST,
      state,
    );
  }

  /** How many hooks with this test id the panel shows (e.g. one retry button per failed write-back). */
  async count(testId: string): Promise<number> {
    return this.page.evaluate((host, id) => document.querySelector(host)?.shadowRoot?.querySelectorAll(`[data-testid="${id}"]`).length ?? 0, HOST, testId);
  }

  async has(testId: string): Promise<boolean> {
    return (await this.page.$(this.sel(testId))) !== null;
  }

  /**
   * Waits for a hook inside the shadow root. Polled: puppeteer's mutation-driven waitForSelector does not see
   * changes inside a shadow root when the light DOM stays still.
   */
  async waitFor(testId: string, timeout = 10_000): Promise<ElementHandle<Element>> {
    await this.page.waitForFunction(
      (host, id) => !!document.querySelector(host)?.shadowRoot?.querySelector(`[data-testid="${id}"]`),
      { timeout, polling: 50 },
      HOST,
      testId,
    );
    const handle = await this.page.$(this.sel(testId));
    if (!handle) throw new Error(`no ${testId}`);
    return handle;
  }

  async text(testId: string): Promise<string> {
    return (await this.waitFor(testId)).evaluate((el) => el.textContent ?? '');
  }

  /**
   * Input goes to the front tab: puppeteer's clicks wait for an animation frame, which a background tab never
   * paints (another spec step may have opened an extension page in front).
   */
  async click(testId: string): Promise<void> {
    await this.waitFor(testId);
    // Like a person, wait until the control can be used: the panel disables its controls while an earlier action
    // is on its way to the background.
    await this.page.waitForFunction(
      (host, id) => {
        const el = document.querySelector(host)?.shadowRoot?.querySelector(`[data-testid="${id}"]`);
        return !!el && !el.matches(':disabled');
      },
      { timeout: 10_000, polling: 50 },
      HOST,
      testId,
    );
    const handle = await this.waitFor(testId);
    await this.page.bringToFront();
    await handle.click();
  }

  /** Types into a form control inside the panel, found by its name or data-testid. */
  async fill(nameOrTestId: string, value: string): Promise<void> {
    const handle =
      (await this.page.$(`${HOST} >>> [name="${nameOrTestId}"]`)) ?? (await this.page.$(this.sel(nameOrTestId)));
    if (!handle) throw new Error(`no field ${nameOrTestId}`);
    await this.page.bringToFront();
    await handle.click({ count: 3 });
    await handle.evaluate((el) => {
      (el as HTMLInputElement).value = '';
    });
    await handle.type(value);
  }

  async select(name: string, value: string): Promise<void> {
    const handle = await this.page.$(`${HOST} >>> select[name="${name}"]`);
    if (!handle) throw new Error(`no select ${name}`);
    await this.page.bringToFront();
    await handle.select(value);
  }

  async check(name: string): Promise<void> {
    const handle = await this.page.$(`${HOST} >>> input[name="${name}"]`);
    if (!handle) throw new Error(`no checkbox ${name}`);
    await this.page.bringToFront();
    await handle.click();
  }

  /** Opens the form, fills what a manager needs and submits. */
  async requestEscalation(request: { reason: string; severity: string; impact: string; actions?: string; risk?: string[] }): Promise<void> {
    await this.click('escalate-button');
    await this.waitFor('request-form');
    await this.fill('reason', request.reason);
    await this.select('severity', request.severity);
    await this.select('impact', request.impact);
    for (const flag of request.risk ?? []) await this.check(`risk-${flag}`);
    if (request.actions !== undefined) await this.fill('actionsTaken', request.actions);
    await this.click('request-submit');
  }
}

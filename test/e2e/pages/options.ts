// Page object for the admin's options page (chrome-extension://<id>/options.html). The public hooks
// (adapter-row, adapter-toggle, custom-site-form, export-button, import-input) are used where they exist; other
// controls are found by their form names.
import type { ElementHandle, Page } from 'puppeteer-core';

export type OptionsSection = 'helpdesks' | 'custom-sites' | 'policy' | 'team' | 'templates' | 'data';

export class OptionsPage {
  constructor(readonly page: Page) {}

  async waitForLoad(timeout = 10_000): Promise<void> {
    await this.page.waitForSelector('[data-testid="adapter-row"]', { timeout });
  }

  /** Goes to a section through the left navigation, as a person would (bringing the tab to the front first). */
  async open(section: OptionsSection): Promise<void> {
    await this.page.bringToFront();
    await this.page.click(`[data-testid="nav-${section}"]`);
    await this.page.waitForSelector(`section[data-section="${section}"]:not([hidden])`);
  }

  private row(adapterId: string): string {
    return `[data-testid="adapter-row"][data-adapter-id="${adapterId}"]`;
  }

  async adapterIds(): Promise<string[]> {
    return this.page.$$eval('[data-testid="adapter-row"]', (rows) => rows.map((r) => r.getAttribute('data-adapter-id') ?? ''));
  }

  async isAdapterEnabled(adapterId: string): Promise<boolean> {
    return this.page.$eval(`${this.row(adapterId)} [data-testid="adapter-toggle"]`, (el) => (el as HTMLInputElement).checked);
  }

  /** Flips the adapter's switch and waits until the page shows the stored state. */
  async setAdapterEnabled(adapterId: string, enabled: boolean): Promise<void> {
    if ((await this.isAdapterEnabled(adapterId)) === enabled) return;
    await this.page.bringToFront();
    await this.page.click(`${this.row(adapterId)} [data-testid="adapter-toggle"]`);
    await this.page.waitForFunction(
      (selector, want) => {
        const row = document.querySelector(selector);
        return row?.getAttribute('data-enabled') === String(want) && !(row.querySelector('[data-testid="adapter-toggle"]') as HTMLInputElement).disabled;
      },
      { polling: 100 },
      this.row(adapterId),
      enabled,
    );
  }

  async addCustomDomain(adapterId: string, origin: string): Promise<void> {
    await this.open('custom-sites');
    const form = '[data-testid="custom-site-form"]';
    await this.page.select(`${form} select[name="adapterId"]`, adapterId);
    await this.fillIn(`${form} input[name="origin"]`, origin);
    await this.page.click(`${form} [data-testid="custom-site-submit"]`);
  }

  async waitForCustomDomain(origin: string): Promise<void> {
    await this.page.waitForSelector(`[data-testid="custom-domain-row"][data-origin="${origin}"]`);
  }

  /** Types into a field of the open section, found by its name. */
  async fill(name: string, value: string): Promise<void> {
    await this.fillIn(`section[data-section]:not([hidden]) [name="${name}"]`, value);
  }

  private async fillIn(selector: string, value: string): Promise<void> {
    const handle = await this.page.waitForSelector(selector);
    if (!handle) throw new Error(`no field ${selector}`);
    await handle.click({ count: 3 });
    await handle.evaluate((el) => {
      (el as HTMLInputElement).value = '';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    if (value !== '') await handle.type(value);
  }

  /** Pastes a definition into the open custom adapter editor's JSON box and fills the form from it. */
  async pasteCustomAdapterJson(json: string): Promise<void> {
    await this.page.bringToFront();
    await this.page.$eval('[data-testid="custom-adapter-editor"] details', (details) => {
      (details as HTMLDetailsElement).open = true;
    });
    await this.page.$eval(
      'textarea[name="definition-json"]',
      (el, text) => {
        (el as HTMLTextAreaElement).value = text as string;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      json,
    );
    await this.click('fill-from-json');
  }

  /** The field errors shown in the open section, by field path. */
  async fieldErrors(): Promise<Record<string, string>> {
    return this.page.$$eval('section[data-section]:not([hidden]) [data-testid="field-error"]', (els) =>
      Object.fromEntries(els.map((el) => [el.getAttribute('data-field') ?? '', el.textContent ?? ''])),
    );
  }

  async waitForFieldError(path: string): Promise<string> {
    const handle = await this.page.waitForSelector(`section[data-section]:not([hidden]) [data-testid="field-error"][data-field="${path}"]`);
    return handle!.evaluate((el) => el.textContent ?? '');
  }

  async click(testId: string): Promise<void> {
    await this.page.bringToFront();
    await this.page.click(`section[data-section]:not([hidden]) [data-testid="${testId}"]`);
  }

  async text(testId: string, timeout = 10_000): Promise<string> {
    const handle = await this.page.waitForSelector(`[data-testid="${testId}"]`, { timeout });
    return handle!.evaluate((el) => el.textContent ?? '');
  }

  async waitForNotice(testId: string, pattern: RegExp, timeout = 10_000): Promise<string> {
    await this.page.waitForFunction(
      (id, source, flags) => new RegExp(source, flags).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
      { timeout, polling: 100 },
      testId,
      pattern.source,
      pattern.flags,
    );
    return this.text(testId);
  }

  async exportButton(): Promise<ElementHandle<Element>> {
    await this.open('data');
    return (await this.page.waitForSelector('[data-testid="export-button"]'))!;
  }

  /** Chooses a file in the import input; the page checks it and shows a preview or an error. */
  async chooseImportFile(path: string): Promise<void> {
    await this.open('data');
    const input = (await this.page.waitForSelector('[data-testid="import-input"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
  }

  async clearAllData(): Promise<void> {
    await this.open('data');
    await this.click('clear-button');
    await this.page.waitForSelector('[data-testid="clear-confirm"]');
    await this.click('clear-confirm-button');
    await this.waitForNotice('data-notice', /All data was deleted/);
  }
}

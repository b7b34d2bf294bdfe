// End-to-end harness: launches Debian's Chromium with the built extension, finds its id, and answers requests to
// real helpdesk URLs from the helpdesk simulator through request interception, so the manifest's real `matches`
// fire on real-looking pages with no network. Every spec builds on `launchExtension()` and the page objects.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type HTTPRequest, type Page, type Target } from 'puppeteer-core';
import type { HelpdeskSimulator } from '../simulator';
import { createSimulator } from '../simulator/helpdesks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = join(resolve(root, process.env.ED_OUT_DIR ?? '.output'), 'chrome-mv3-e2e');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error('No Chromium found: install Debian\'s "chromium" package (apt-get install -y chromium) or set CHROMIUM_PATH.');
  return found;
}

export interface PageErrors {
  /** Uncaught exceptions in the page and console errors, each with its text. */
  readonly errors: string[];
}

export interface ExtensionSession {
  readonly browser: Browser;
  readonly extensionId: string;
  readonly simulator: HelpdeskSimulator;
  /** Opens a helpdesk URL (answered by the simulator) in a new tab and records the page's errors. */
  openHelpdesk(url: string): Promise<{ page: Page; errors: string[] }>;
  /** Opens an extension page (popup.html, options.html) as a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Sends a message to the background from an extension page, as the popup or options page would. */
  sendFromExtensionPage<T = unknown>(message: unknown): Promise<T>;
  close(): Promise<void>;
}

async function answerFromSimulator(simulator: HelpdeskSimulator, request: HTTPRequest): Promise<void> {
  const url = request.url();
  if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:')) {
    await request.continue();
    return;
  }
  if (!simulator.owns(url)) {
    await request.abort('blockedbyclient');
    return;
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers())) headers[key.toLowerCase()] = value;
  const answer = simulator.handle({ method: request.method(), url, headers, body: request.postData() ?? null });
  if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
  await request
    .respond({ status: answer.status, contentType: answer.contentType, body: answer.body, headers: { ...(answer.headers ?? {}), 'access-control-allow-origin': new URL(url).origin } })
    .catch(() => undefined); // The page may have navigated away meanwhile.
}

/** Serves every request of `page` from the simulator (and lets extension resources through). */
export async function interceptWithSimulator(page: Page, simulator: HelpdeskSimulator): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    void answerFromSimulator(simulator, request);
  });
}

export async function launchExtension(options: { simulator?: HelpdeskSimulator; extensionDir?: string; userDataDir?: string; /** false opens a window (the demo with a display). */ headless?: boolean } = {}): Promise<ExtensionSession> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No built extension at ${extensionDir}: run "npm run build:e2e" first.`);
  const simulator = options.simulator ?? createSimulator();
  const browser = await puppeteer.launch({
    headless: options.headless ?? true,
    executablePath: chromiumPath(),
    pipe: true,
    enableExtensions: [extensionDir],
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1280,900'],
    defaultViewport: { width: 1280, height: 900 },
    // Seeding 10,000 escalations through one page call can take minutes on a busy CI machine (default: 180 s).
    protocolTimeout: 600_000,
    // A fixed profile folder survives a relaunch, like a browser restart.
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
  });
  const worker: Target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  let helperPage: Page | null = null;

  const session: ExtensionSession = {
    browser,
    extensionId,
    simulator,
    async openHelpdesk(url) {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error instanceof Error ? error.message : String(error)}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url ?? 'unknown source'})`);
      });
      await interceptWithSimulator(page, simulator);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return { page, errors };
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async sendFromExtensionPage<T>(message: unknown): Promise<T> {
      if (!helperPage || helperPage.isClosed()) {
        helperPage = await browser.newPage();
        await helperPage.goto(`chrome-extension://${extensionId}/popup.html`, { waitUntil: 'domcontentloaded' });
      }
      return helperPage.evaluate((m) => chrome.runtime.sendMessage(m), message as never) as Promise<T>;
    },
    async close() {
      await browser.close();
    },
  };
  return session;
}

/**
 * Opens the toolbar popup as a click on the toolbar button does (`action.openPopup()` from `opener`, a page of the
 * extension): the popup's own document, with nothing injected before it runs. Answers that popup's page, never a
 * tab that already holds popup.html.
 */
export async function openToolbarPopup(session: ExtensionSession, opener: Page): Promise<Page> {
  const url = `chrome-extension://${session.extensionId}/popup.html`;
  await opener.bringToFront();
  const before = new Set(session.browser.targets());
  await opener.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());
  const target = await session.browser.waitForTarget((t) => t.url() === url && !before.has(t), { timeout: 10_000 });
  const page = await target.asPage();
  if (!page) throw new Error('the toolbar popup opened no page');
  return page;
}

/**
 * Opens popup.html at `hash` in `page` (a tab, as a reminder notification opens it) and answers, from the page's own
 * clock, when the first `testId` element was laid out: seen by an observer put into the page before it loads.
 */
export async function openPopupTimed(session: ExtensionSession, page: Page, hash: string, testId: string, timeout = 30_000): Promise<number> {
  await page.setViewport({ width: 440, height: 600 });
  await page.evaluateOnNewDocument((id: string) => {
    const observer = new MutationObserver(() => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (el && el.getBoundingClientRect().height > 0) {
        (window as unknown as { __firstAt: number }).__firstAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, testId);
  await page.goto(`chrome-extension://${session.extensionId}/popup.html${hash}`);
  return page.waitForFunction(() => (window as unknown as { __firstAt?: number }).__firstAt, { polling: 'mutation', timeout }).then((h) => h.jsonValue() as Promise<number>);
}

/** Stops the extension's service worker if it runs (Target.closeTarget through puppeteer); the next event starts it again. */
export async function stopServiceWorker(session: ExtensionSession): Promise<boolean> {
  const target = session.browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${session.extensionId}/`));
  if (!target) return false;
  const worker = await target.worker().catch(() => null);
  if (!worker) return false;
  await worker.close().catch(() => undefined);
  return true;
}

/** Polls `check` until it returns a truthy value; for conditions in Node-side state (the simulator's). */
export async function eventually<T>(check: () => T | Promise<T>, { timeout = 10_000, interval = 50, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

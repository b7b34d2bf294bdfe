// Places the panel's host element in the helpdesk page: inside the active ticket at the adapter's first matching
// anchor, or floating when none matches. One observer keeps it there: if the helpdesk re-renders and drops our
// host, or the anchor appears later, the host is put back at most once per frame. Everything stops on `signal`.
import type { HelpdeskAdapter } from '../../adapters/types';

export const HOST_TAG = 'escalation-desk-panel';

export interface PanelMount {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  /** The element the panel renders into (inside the shadow root). */
  readonly container: HTMLElement;
  placement(): 'anchor' | 'floating';
  /** Sets the panel's stylesheet (the panel UI brings it when it loads). */
  setCss(css: string): void;
}

function findAnchor(adapter: HelpdeskAdapter, ticketId: string): Element | null {
  const root = adapter.activeTicketRoot(document, ticketId);
  if (!root) return null;
  for (const selector of adapter.mountAnchors) {
    try {
      const found = root.querySelector(selector);
      if (found && !found.closest(HOST_TAG)) return found;
    } catch {
      // A malformed selector (custom adapters are validated, but be safe): try the next one.
    }
  }
  return null;
}

export function mountPanel(adapter: HelpdeskAdapter, ticketId: string, css: string, signal: AbortSignal): PanelMount {
  const host = document.createElement(HOST_TAG);
  host.setAttribute('data-adapter', adapter.id);
  host.setAttribute('data-ticket-id', ticketId);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  container.className = 'ed-root';
  shadow.append(style, container);
  let placement: 'anchor' | 'floating' = 'floating';

  const place = () => {
    if (signal.aborted) return;
    // A page that re-renders from its own markup (outerHTML/innerHTML round trip) copies our host as an empty
    // element without its shadow root: drop such dead copies so exactly one panel host remains.
    for (const copy of document.querySelectorAll(HOST_TAG)) if (copy !== host && !copy.shadowRoot) copy.remove();
    const anchor = findAnchor(adapter, ticketId);
    if (anchor) {
      if (host.parentElement !== anchor || placement !== 'anchor') {
        placement = 'anchor';
        host.removeAttribute('data-floating');
        anchor.prepend(host);
      }
    } else if (!host.isConnected || placement !== 'floating') {
      placement = 'floating';
      host.setAttribute('data-floating', '');
      document.body.append(host);
    }
  };
  place();

  // The first re-placement in a frame happens at once (in the observer's microtask, before the page paints: the
  // panel appears in the same frame as its anchor); any further one in that frame waits for the next frame, so a
  // page that keeps removing our host cannot make us fight it more than once per frame.
  let scheduled = false;
  let placedThisFrame = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    // Cheap checks only: our host fell out of the page, or we float and an anchor may have appeared.
    if (host.isConnected && placement === 'anchor' && host.parentElement && host.parentElement.isConnected) return;
    if (!placedThisFrame) {
      placedThisFrame = true;
      place();
      requestAnimationFrame(() => {
        placedThisFrame = false;
      });
      return;
    }
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (!signal.aborted) place();
    });
  });
  observer.observe(document.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    host.remove();
  }, { once: true });

  return {
    host,
    shadow,
    container,
    placement: () => placement,
    setCss: (next) => {
      style.textContent = next;
    },
  };
}

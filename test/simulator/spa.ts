// A tiny single-page-app shell for simulated helpdesk pages: clicking a link marked `data-sim-link` fetches the
// target page, swaps the element marked `data-sim-swap` (or the body) and pushes the URL, as the real helpdesks'
// routers do. The extension must follow these navigations without a reload.

export const SPA_SCRIPT = `
(() => {
  async function go(href, push) {
    const res = await fetch(href, { credentials: 'same-origin', headers: { 'x-sim-spa': '1' } });
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const next = doc.querySelector('[data-sim-swap]') || doc.body;
    const current = document.querySelector('[data-sim-swap]') || document.body;
    current.replaceWith(document.importNode(next, true));
    document.title = doc.title;
    if (push) history.pushState({}, '', href);
  }
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-sim-link]') : null;
    if (!link) return;
    event.preventDefault();
    go(link.href, true);
  });
  window.addEventListener('popstate', () => go(location.href, false));
  window.__simNavigate = (href) => go(new URL(href, location.href).href, true);
})();
`;

/** The script tag to put at the end of a simulated page. Inline, like the helpdesks' own boot scripts. */
export function spaScriptTag(): string {
  return `<script>${SPA_SCRIPT}</script>`;
}

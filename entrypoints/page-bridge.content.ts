// MAIN-world bridge for helpdesks that keep tokens in page globals (ServiceNow's g_ck, Zoho's desk_urls). It
// answers one question, "what are these allow-listed globals?", with string values only. It has no extension
// API access and reads nothing else.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { BRIDGE_REPLY, BRIDGE_REQUEST, PAGE_GLOBAL_ALLOW_LIST } from '../adapters/page-globals';
import { ADAPTER_REGISTRY } from '../adapters/registry';

const allowed: ReadonlySet<string> = new Set(PAGE_GLOBAL_ALLOW_LIST);

function read(path: string): string | null {
  let value: unknown = window;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = Object.prototype.hasOwnProperty.call(value, part) || part in (value as object) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return typeof value === 'string' && value.length <= 4096 ? value : null;
}

export default defineContentScript({
  matches: ADAPTER_REGISTRY.filter((entry) => entry.id === 'servicenow' || entry.id === 'zoho').flatMap((entry) => [...entry.matches]),
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    // Registered and, after a browser start, possibly injected again: answer once per page.
    const flag = '__escalationDeskBridge';
    const scope = window as unknown as Record<string, boolean>;
    if (scope[flag]) return;
    scope[flag] = true;
    window.addEventListener('message', (event: MessageEvent) => {
      if (event.source !== window) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null) return;
      const { kind, nonce, paths } = data as { kind?: unknown; nonce?: unknown; paths?: unknown };
      if (kind !== BRIDGE_REQUEST || typeof nonce !== 'string' || !Array.isArray(paths)) return;
      const values: Record<string, string | null> = {};
      for (const path of paths.slice(0, 20)) if (typeof path === 'string' && allowed.has(path)) values[path] = read(path);
      window.postMessage({ kind: BRIDGE_REPLY, nonce, values }, window.location.origin);
    });
  },
});

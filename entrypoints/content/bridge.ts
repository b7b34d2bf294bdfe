// The isolated-world side of the MAIN-world bridge: asks for allow-listed page globals and validates the answer.
import { BRIDGE_REPLY, BRIDGE_REQUEST, PAGE_GLOBAL_ALLOW_LIST } from '../../adapters/page-globals';

const allowed: ReadonlySet<string> = new Set(PAGE_GLOBAL_ALLOW_LIST);

export function readPageGlobals(paths: readonly string[], timeoutMs = 1000): Promise<Record<string, string | null>> {
  const wanted = paths.filter((p) => allowed.has(p));
  const empty = Object.fromEntries(paths.map((p) => [p, null])) as Record<string, string | null>;
  if (wanted.length === 0) return Promise.resolve(empty);
  const nonce = crypto.randomUUID();
  return new Promise((resolve) => {
    const done = (values: Record<string, string | null>) => {
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(values);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null) return;
      const reply = data as { kind?: unknown; nonce?: unknown; values?: unknown };
      if (reply.kind !== BRIDGE_REPLY || reply.nonce !== nonce || typeof reply.values !== 'object' || reply.values === null) return;
      const out = { ...empty };
      for (const path of wanted) {
        const value = (reply.values as Record<string, unknown>)[path];
        out[path] = typeof value === 'string' && value.length <= 4096 ? value : null;
      }
      done(out);
    };
    // The bridge is absent on Firefox (MV2 has no MAIN-world content scripts): adapters then use their DOM fallbacks.
    const timer = setTimeout(() => done(empty), timeoutMs);
    window.addEventListener('message', onMessage);
    window.postMessage({ kind: BRIDGE_REQUEST, nonce, paths: wanted }, window.location.origin);
  });
}

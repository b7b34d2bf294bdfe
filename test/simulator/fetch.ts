// A `fetch` answered by the simulator, for unit tests of adapters' API calls (same origin as `pageUrl`).
import type { HelpdeskSimulator } from './index';

export function simulatorFetch(simulator: HelpdeskSimulator, pageUrl: string, cookie?: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), pageUrl).href;
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    if (cookie && init?.credentials !== 'omit') headers.cookie = cookie;
    const body = init?.body === undefined || init.body === null ? null : String(init.body);
    const answer = simulator.handle({ method: (init?.method ?? 'GET').toUpperCase(), url, headers, body });
    return new Response(answer.status === 204 ? null : answer.body, {
      status: answer.status,
      headers: { 'content-type': answer.contentType, ...(answer.headers ?? {}) },
    });
  };
}

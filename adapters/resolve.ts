// Which adapter serves a URL, and which ticket it shows: built-in helpdesks on their own domains, built-in
// helpdesks on a company's custom domain, and admins' custom adapters. Switched-off adapters claim nothing.
// Used by the content script (to pick its adapter) and by the background (to check a tab's own ticket).
import type { CustomAdapterDefinition } from './custom/definition';
import { createCustomAdapter } from './custom/runtime';
import { BUILT_IN_ADAPTERS } from './index';
import { ADAPTER_REGISTRY, isBuiltInAdapterId } from './registry';
import type { HelpdeskAdapter } from './types';

export interface SiteConfig {
  readonly disabledAdapters: readonly string[];
  readonly customDomains: ReadonlyArray<{ readonly adapterId: string; readonly origin: string }>;
  /** Already validated definitions (the background validates before storing). */
  readonly customAdapters: readonly CustomAdapterDefinition[];
}

export interface ResolvedTicket {
  readonly adapter: HelpdeskAdapter;
  readonly ticketId: string;
  /** The adapter claims this page's host; null ticket means "our helpdesk, but not a ticket page". */
  readonly via: 'built-in' | 'custom-domain' | 'custom-adapter';
}

const customAdapterCache = new Map<string, HelpdeskAdapter>();

function customAdapter(definition: CustomAdapterDefinition): HelpdeskAdapter {
  const key = JSON.stringify(definition);
  let adapter = customAdapterCache.get(key);
  if (!adapter) {
    adapter = createCustomAdapter(definition);
    customAdapterCache.set(key, adapter);
  }
  return adapter;
}

/** The host a built-in adapter's own examples use, so a custom domain's URL can be parsed by the same rules. */
function canonicalHost(adapter: HelpdeskAdapter): string | null {
  const first = adapter.examples.tickets[0];
  return first ? new URL(first.url).host : null;
}

function hostMatches(pattern: string, url: URL): boolean {
  const m = /^(https?|\*):\/\/([^/]+)\//.exec(pattern);
  if (!m) return false;
  const [, scheme, host] = m as unknown as [string, string, string];
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  if (host.startsWith('*.')) return url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1));
  return url.host === host;
}

/** The adapter that owns this URL's host (whether or not the URL is a ticket page). */
export function adapterForUrl(url: URL, config: SiteConfig): { adapter: HelpdeskAdapter; via: ResolvedTicket['via'] } | null {
  const disabled = new Set(config.disabledAdapters);
  for (const entry of ADAPTER_REGISTRY) {
    if (disabled.has(entry.id)) continue;
    if (entry.matches.some((pattern) => hostMatches(pattern, url))) return { adapter: BUILT_IN_ADAPTERS[entry.id], via: 'built-in' };
  }
  const domain = config.customDomains.find((d) => d.origin === url.origin);
  if (domain && isBuiltInAdapterId(domain.adapterId) && !disabled.has(domain.adapterId)) {
    return { adapter: BUILT_IN_ADAPTERS[domain.adapterId], via: 'custom-domain' };
  }
  for (const definition of config.customAdapters) {
    if (disabled.has(definition.id)) continue;
    if (definition.matches.some((pattern) => hostMatches(pattern, url))) return { adapter: customAdapter(definition), via: 'custom-adapter' };
  }
  return null;
}

export function resolveTicket(url: URL, config: SiteConfig): ResolvedTicket | null {
  const owner = adapterForUrl(url, config);
  if (!owner) return null;
  let parseUrl = url;
  if (owner.via === 'custom-domain') {
    const host = canonicalHost(owner.adapter);
    if (!host) return null;
    parseUrl = new URL(url.href);
    parseUrl.host = host;
  }
  const ticketId = owner.adapter.parseTicketUrl(parseUrl);
  return ticketId === null ? null : { adapter: owner.adapter, ticketId, via: owner.via };
}

// Which adapter serves a URL, and which ticket it shows: built-in helpdesks on their own domains, built-in
// helpdesks on a company's custom domain, and admins' custom adapters. Switched-off adapters claim nothing.
// Used by the content scripts (to pick their adapter) and by the background (to check a tab's own ticket).
// The candidate adapters are a parameter: each helpdesk's content script bundles only its own adapter (and the
// custom-adapter script only the custom runtime), so a helpdesk page never loads code for the other five.
import type { CustomAdapterDefinition } from './custom/definition';
import { ADAPTER_REGISTRY, isBuiltInAdapterId, type BuiltInAdapterId } from './registry';
import type { HelpdeskAdapter } from './types';

/** The adapters a caller can serve: the background passes all of them, a content script only its own. */
export interface AdapterCandidates {
  readonly builtIn: Partial<Readonly<Record<BuiltInAdapterId, HelpdeskAdapter>>>;
  /** Builds admins' custom adapters; absent where custom adapters are not served (a built-in helpdesk's script). */
  readonly custom?: (definition: CustomAdapterDefinition) => HelpdeskAdapter;
}

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

function customAdapter(definition: CustomAdapterDefinition, create: (definition: CustomAdapterDefinition) => HelpdeskAdapter): HelpdeskAdapter {
  const key = JSON.stringify(definition);
  let adapter = customAdapterCache.get(key);
  if (!adapter) {
    adapter = create(definition);
    customAdapterCache.set(key, adapter);
  }
  return adapter;
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
export function adapterForUrl(url: URL, config: SiteConfig, candidates: AdapterCandidates): { adapter: HelpdeskAdapter; via: ResolvedTicket['via'] } | null {
  const disabled = new Set(config.disabledAdapters);
  for (const entry of ADAPTER_REGISTRY) {
    if (disabled.has(entry.id)) continue;
    if (entry.matches.some((pattern) => hostMatches(pattern, url))) {
      // A built-in helpdesk's own domain belongs to that helpdesk, even for a script that does not serve it.
      const adapter = candidates.builtIn[entry.id];
      return adapter ? { adapter, via: 'built-in' } : null;
    }
  }
  const domain = config.customDomains.find((d) => d.origin === url.origin);
  if (domain && isBuiltInAdapterId(domain.adapterId) && !disabled.has(domain.adapterId)) {
    const adapter = candidates.builtIn[domain.adapterId];
    return adapter ? { adapter, via: 'custom-domain' } : null;
  }
  if (!candidates.custom) return null;
  for (const definition of config.customAdapters) {
    if (disabled.has(definition.id)) continue;
    if (definition.matches.some((pattern) => hostMatches(pattern, url))) return { adapter: customAdapter(definition, candidates.custom), via: 'custom-adapter' };
  }
  return null;
}

export function resolveTicket(url: URL, config: SiteConfig, candidates: AdapterCandidates): ResolvedTicket | null {
  const owner = adapterForUrl(url, config, candidates);
  if (!owner) return null;
  let parseUrl = url;
  if (owner.via === 'custom-domain') {
    const host = owner.adapter.canonicalHost ?? null;
    if (!host) return null;
    parseUrl = new URL(url.href);
    parseUrl.host = host;
  }
  const ticketId = owner.adapter.parseTicketUrl(parseUrl);
  return ticketId === null ? null : { adapter: owner.adapter, ticketId, via: owner.via };
}

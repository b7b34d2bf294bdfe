// Settings that IT pre-sets through the browser's managed storage (enterprise policy). Managed values override
// the stored ones and are locked: the options page shows them as such and the background refuses changes to them.
import { z } from 'zod';
import { Policy } from './policy';
import { CustomerTemplates, Roles, Settings } from './settings';
import { SiteId } from './schemas';

export const MANAGED_KEYS = ['policy', 'templates', 'roles', 'disabledAdapters'] as const;
export type ManagedKey = (typeof MANAGED_KEYS)[number];

/** What managed storage may hold: each key optional; `policy` and `templates` may be partial. */
export const ManagedSettings = z.object({
  policy: z.record(z.string(), z.unknown()).optional(),
  templates: CustomerTemplates.partial().optional(),
  roles: Roles.optional(),
  disabledAdapters: z.array(SiteId).max(200).optional(),
});

export interface ManagedResult {
  readonly settings: Settings;
  readonly locked: readonly ManagedKey[];
  /** Why a managed value was ignored (invalid policy from IT is reported, never half-applied). */
  readonly problems: readonly string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of plain objects; arrays and scalars from `over` replace. Ignores prototype-polluting keys. */
export function deepMerge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = deepMerge(out[key], value);
  }
  return out as T;
}

export function applyManaged(settings: Settings, managedRaw: unknown): ManagedResult {
  if (managedRaw === undefined || managedRaw === null || (isPlainObject(managedRaw) && Object.keys(managedRaw).length === 0)) {
    return { settings, locked: [], problems: [] };
  }
  const parsed = ManagedSettings.safeParse(managedRaw);
  if (!parsed.success) {
    return { settings, locked: [], problems: [`managed settings ignored: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`] };
  }
  const managed = parsed.data;
  const problems: string[] = [];
  const locked: ManagedKey[] = [];
  let next: Settings = settings;
  if (managed.policy) {
    const policy = Policy.safeParse(deepMerge(settings.policy, managed.policy));
    if (policy.success) {
      next = { ...next, policy: policy.data };
      locked.push('policy');
    } else problems.push(`managed policy ignored: ${policy.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (managed.templates) {
    next = { ...next, templates: { ...next.templates, ...managed.templates } };
    locked.push('templates');
  }
  if (managed.roles) {
    next = { ...next, roles: managed.roles };
    locked.push('roles');
  }
  if (managed.disabledAdapters) {
    next = { ...next, disabledAdapters: managed.disabledAdapters };
    locked.push('disabledAdapters');
  }
  return { settings: next, locked, problems };
}

/** Which locked keys a proposed settings document would change. */
export function changedLockedKeys(current: Settings, proposed: Settings, locked: readonly ManagedKey[]): ManagedKey[] {
  return locked.filter((key) => JSON.stringify(current[key]) !== JSON.stringify(proposed[key]));
}

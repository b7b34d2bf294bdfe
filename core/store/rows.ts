// Reading rows back through zod: a row that no longer matches its schema is a loud, named error, never a crash
// somewhere later in the UI and never silently dropped.
import { z } from 'zod';
import type { TableName } from './db';

export class CorruptRowError extends Error {
  constructor(
    readonly table: TableName,
    readonly key: unknown,
    readonly problems: string,
  ) {
    super(`The stored ${table} row ${JSON.stringify(key)} is corrupt and was not used: ${problems}`);
    this.name = 'CorruptRowError';
  }
}

/** Issues as one line each, "path: message", at most `max` of them. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (error.issues.length > max) lines.push(`and ${error.issues.length - max} more`);
  return lines.join('; ');
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

export function parseRow<S extends z.ZodType>(schema: S, table: TableName, key: unknown, row: unknown): z.output<S> {
  const result = schema.safeParse(row);
  if (!result.success) throw new CorruptRowError(table, key, describeIssues(result.error));
  return result.data;
}

/** JSON with object keys sorted, so two values compare equal whatever order their keys were built in. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    // A null prototype, so a key named __proto__ stays a plain key.
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

export function deepEqualJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/**
 * `parseRow` with memory: reading the same rows again (the popup's queue and numbers after every change, the badge,
 * the reminders) would otherwise run zod over every row every time, which dominated the cost of a command at scale.
 * A row is served from the cache only when its JSON is exactly the JSON that was validated (a row changed in any
 * way, or corrupted in place, is parsed again and fails loudly as before). Cached values are deeply frozen, so a
 * caller can never change what another caller reads. Bounded: the least recently used entries go first.
 */
export class RowParseCache<S extends z.ZodType> {
  private readonly entries = new Map<string, { json: string; value: z.output<S> }>();

  constructor(
    private readonly schema: S,
    private readonly table: TableName,
    private readonly capacity = 20_000,
  ) {}

  parse(key: string, row: unknown): z.output<S> {
    const json = JSON.stringify(row);
    const hit = this.entries.get(key);
    if (hit && hit.json === json) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = deepFreeze(parseRow(this.schema, this.table, key, row));
    this.entries.set(key, { json, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

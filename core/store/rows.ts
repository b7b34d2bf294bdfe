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

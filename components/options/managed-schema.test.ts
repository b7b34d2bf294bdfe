// The storage.managed schema shipped in public/managed-schema.json: it describes exactly the keys core/managed.ts
// honours, every part of the policy, uses only what Chrome's policy schema accepts (Chrome refuses to load an
// extension whose schema it cannot read), and a value IT writes from it is applied and locked.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyManaged, MANAGED_KEYS } from '../../core/managed';
import { DEFAULT_POLICY } from '../../core/policy';
import { DEFAULT_SETTINGS } from '../../core/settings';

interface Schema {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  description?: string;
}

const schema = JSON.parse(readFileSync(resolve(process.cwd(), 'public/managed-schema.json'), 'utf8')) as Schema;
const CHROME_KEYWORDS = new Set(['type', 'properties', 'items', 'enum', 'minimum', 'maximum', 'pattern', 'description', 'title', 'additionalProperties', 'patternProperties', 'id', '$ref', 'required']);

/** Chrome's rules for an extension's managed schema (components/policy schema parser), the ones we could break. */
function chromeProblems(node: Schema, path = '(root)'): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(node)) if (!CHROME_KEYWORDS.has(key)) problems.push(`${path}: unknown keyword ${key}`);
  if (!['object', 'array', 'string', 'integer', 'number', 'boolean'].includes(node.type)) problems.push(`${path}: bad type ${String(node.type)}`);
  if ((node.minimum !== undefined || node.maximum !== undefined) && node.type !== 'integer') problems.push(`${path}: only integers can have minimum and maximum`);
  if (node.type === 'array' && !node.items) problems.push(`${path}: an array needs items`);
  if (node.type === 'object' && !node.properties) problems.push(`${path}: an object needs properties`);
  for (const [key, child] of Object.entries(node.properties ?? {})) problems.push(...chromeProblems(child, `${path}.${key}`));
  if (node.items) problems.push(...chromeProblems(node.items, `${path}[]`));
  return problems;
}

/** Checks a value against the schema the way Chrome does before handing it to the extension. */
function validate(node: Schema, value: unknown, path = '(root)'): string[] {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  const fits = node.type === kind || (node.type === 'number' && kind === 'integer') || (node.type === 'integer' && kind === 'integer');
  if (!fits) return [`${path}: expected ${node.type}, got ${kind}`];
  const problems: string[] = [];
  if (node.enum && !node.enum.includes(value)) problems.push(`${path}: not one of ${node.enum.join(', ')}`);
  if (typeof value === 'number' && ((node.minimum !== undefined && value < node.minimum) || (node.maximum !== undefined && value > node.maximum))) problems.push(`${path}: out of range`);
  if (typeof value === 'string' && node.pattern && !new RegExp(node.pattern).test(value)) problems.push(`${path}: does not match ${node.pattern}`);
  if (Array.isArray(value)) value.forEach((item, i) => problems.push(...validate(node.items!, item, `${path}[${i}]`)));
  else if (kind === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const child = node.properties?.[key];
      if (!child) problems.push(`${path}.${key}: not in the schema`);
      else problems.push(...validate(child, item, `${path}.${key}`));
    }
  }
  return problems;
}

function leaves(value: unknown, path: string[] = []): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [path.join('.')];
  return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
}

describe('the managed storage schema', () => {
  it('describes exactly the keys the background honours', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties!).sort()).toEqual([...MANAGED_KEYS].sort());
  });

  it('uses only what Chrome accepts in an extension’s managed schema', () => {
    expect(chromeProblems(schema)).toEqual([]);
  });

  it('describes every part of the policy, with the types the policy schema expects', () => {
    const policy = schema.properties!.policy!;
    const described = leaves(DEFAULT_POLICY).filter((path) => path !== 'businessHours' && !path.startsWith('customPhrases.'));
    for (const path of described) {
      const node = path.split('.').reduce<Schema | undefined>((n, key) => n?.properties?.[key], policy);
      expect(node, `policy.${path}`).toBeDefined();
    }
    // IT leaves businessHours out to count around the clock (a managed value cannot be null).
    const { businessHours: _aroundTheClock, ...defaults } = DEFAULT_POLICY;
    expect(validate(policy, defaults)).toEqual([]);
    expect(validate(policy, { ...DEFAULT_POLICY, businessHours: { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], startHour: 8, endHour: 18 }, customPhrases: { ...DEFAULT_POLICY.customPhrases, de: [{ group: 'explicit', phrase: 'Vorgesetzten sprechen' }] } })).toEqual([]);
    expect(validate(policy, { decisionSlaMinutes: { S1: 0 } })).toEqual(['(root).decisionSlaMinutes.S1: out of range']);
    expect(validate(policy, { decisionSlaMinutes: { S1: 'soon' } })).toEqual(['(root).decisionSlaMinutes.S1: expected integer, got string']);
  });

  it('a value IT writes from the schema is applied by the background and locks every key', () => {
    const managed = {
      policy: { decisionSlaMinutes: { S1: 10, S2: 45 }, warnings: { premature: false } },
      templates: { declined: 'Hello {{customerName}}, {{declineReason}} Kind regards, {{agentName}}' },
      roles: { managers: ['mia@acme.test'], admins: ['it@acme.test'] },
      disabledAdapters: ['hubspot', 'zoho'],
    };
    expect(validate(schema, managed)).toEqual([]);
    const result = applyManaged(DEFAULT_SETTINGS, managed);
    expect(result.problems).toEqual([]);
    expect([...result.locked].sort()).toEqual([...MANAGED_KEYS].sort());
    expect(result.settings.policy.decisionSlaMinutes).toEqual({ ...DEFAULT_POLICY.decisionSlaMinutes, S1: 10, S2: 45 });
    expect(result.settings.policy.warnings.premature).toBe(false);
    expect(result.settings.templates.declined).toBe(managed.templates.declined);
    expect(result.settings.templates.approved).toBe(DEFAULT_SETTINGS.templates.approved);
  });
});

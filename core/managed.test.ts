import { describe, expect, it } from 'vitest';
import { applyManaged, changedLockedKeys } from './managed';
import { DEFAULT_SETTINGS } from './settings';

describe('managed settings', () => {
  it('applies IT-provided roles and locks them', () => {
    const result = applyManaged(DEFAULT_SETTINGS, { roles: { managers: ['mia@acme.test'], admins: [] } });
    expect(result.settings.roles.managers).toEqual(['mia@acme.test']);
    expect(result.locked).toEqual(['roles']);
  });

  it('merges a partial managed policy over the stored one', () => {
    const result = applyManaged(DEFAULT_SETTINGS, { policy: { decisionSlaMinutes: { S1: 10 } } });
    expect(result.settings.policy.decisionSlaMinutes).toEqual({ ...DEFAULT_SETTINGS.policy.decisionSlaMinutes, S1: 10 });
    expect(result.locked).toContain('policy');
  });

  it('ignores an invalid managed policy with a reason instead of half-applying it', () => {
    const result = applyManaged(DEFAULT_SETTINGS, { policy: { decisionSlaMinutes: { S1: -5 } } });
    expect(result.settings.policy).toEqual(DEFAULT_SETTINGS.policy);
    expect(result.locked).toEqual([]);
    expect(result.problems[0]).toMatch(/decisionSlaMinutes\.S1/);
  });

  it('does not let prototype-polluting keys through', () => {
    const hostile = JSON.parse('{"policy":{"__proto__":{"polluted":true}}}');
    applyManaged(DEFAULT_SETTINGS, hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports which locked keys a save would change', () => {
    const { settings, locked } = applyManaged(DEFAULT_SETTINGS, { disabledAdapters: ['hubspot'] });
    expect(changedLockedKeys(settings, { ...settings, disabledAdapters: [] }, locked)).toEqual(['disabledAdapters']);
    expect(changedLockedKeys(settings, { ...settings, roles: { managers: ['x'], admins: [] } }, locked)).toEqual([]);
  });
});

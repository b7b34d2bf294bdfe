import { describe, expect, it } from 'vitest';
import { actorFor } from './roles';

const roles = (managers: string[], admins: string[] = []) => ({ managers, admins });

describe('actorFor', () => {
  it('lets the one person act as agent, manager and admin before any role is configured', () => {
    expect(actorFor(null, roles([])).roles).toEqual(['agent', 'manager', 'admin']);
  });

  it('enforces roles once a manager is named: others are agents only', () => {
    const actor = actorFor({ name: 'Alex Agent', email: 'alex@acme.test', source: 'helpdesk' }, roles(['mia@acme.test']));
    expect(actor.roles).toEqual(['agent']);
    expect(actor.id).toBe('alex@acme.test');
  });

  it('matches managers by e-mail case-insensitively, or by name', () => {
    expect(actorFor({ name: 'Mia', email: 'Mia@Acme.test', source: 'helpdesk' }, roles(['mia@acme.test'])).roles).toContain('manager');
    expect(actorFor({ name: 'Mia Manager', email: null, source: 'entered' }, roles(['mia manager'])).roles).toContain('manager');
  });

  it('grants admin separately from manager', () => {
    const actor = actorFor({ name: 'Ada', email: 'ada@acme.test', source: 'entered' }, roles(['mia@acme.test'], ['ada@acme.test']));
    expect(actor.roles).toEqual(['agent', 'admin']);
  });
});

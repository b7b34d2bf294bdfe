import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route';

describe('popup routes', () => {
  it('reads the hash a reminder notification opens (popup.html#/escalation/<id>)', () => {
    expect(parseRoute('#/escalation/esc_0a1b2c3d4e')).toEqual({ view: 'escalation', id: 'esc_0a1b2c3d4e', form: null });
    expect(parseRoute('#/escalation/esc_0a1b2c3d4e/decline')).toEqual({ view: 'escalation', id: 'esc_0a1b2c3d4e', form: 'decline' });
  });

  it('falls back to the queue for anything it does not know, including malformed ids', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/escalation/', '#/escalation/not-an-id', '#/escalation/%E0%A4%A']) expect(parseRoute(hash)).toEqual({ view: 'queue' });
  });

  it('round-trips every place', () => {
    const routes = [
      { view: 'queue' },
      { view: 'in-progress' },
      { view: 'history' },
      { view: 'mine' },
      { view: 'escalation', id: 'esc_abcdef_12', form: null },
      { view: 'escalation', id: 'esc_abcdef_12', form: 'approve' },
    ] as const;
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });
});
